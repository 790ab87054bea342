package io.ghostbay.catalog;

import jakarta.persistence.*;

/**
 * One row per key of a bucket. {@code keyBytes} (the key's UTF-8 bytes) carries the unique index
 * that listing scans as a range, in UTF-8 binary order on every engine.
 * The current version is referenced by id, not by a JPA relationship: the hot paths read
 * exactly the columns they need.
 */
@Entity
@Table(name = "gb_object_entry")
public class ObjectEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gb_id")
    @SequenceGenerator(name = "gb_id", sequenceName = "gb_id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "bucket_id", nullable = false)
    private long bucketId;

    @Column(name = "key_bytes", nullable = false, length = 1024)
    private byte[] keyBytes;

    @Column(name = "object_key", nullable = false, length = 1024)
    private String objectKey;

    @Column(name = "current_version_id")
    private Long currentVersionId;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected ObjectEntry() {
    }

    public ObjectEntry(long bucketId, String objectKey, byte[] keyBytes) {
        this.bucketId = bucketId;
        this.objectKey = objectKey;
        this.keyBytes = keyBytes;
    }

    public Long getId() { return id; }
    public long getBucketId() { return bucketId; }
    public byte[] getKeyBytes() { return keyBytes; }
    public String getObjectKey() { return objectKey; }
    public Long getCurrentVersionId() { return currentVersionId; }
    public void setCurrentVersionId(Long currentVersionId) { this.currentVersionId = currentVersionId; }
}
