package io.ghostbay.catalog;

import jakarta.persistence.*;

/**
 * One version of a key: a stored object (pointing at a write-once blob) or a delete marker.
 * Unversioned buckets keep exactly one version per key, with version id {@code "null"} as S3 shows it.
 */
@Entity
@Table(name = "gb_object_version")
@NamedQuery(name = "ObjectVersion.current", query =
        "SELECT v FROM ObjectEntry e, ObjectVersion v WHERE e.bucketId = :bucketId AND e.keyBytes = :keyBytes"
        + " AND v.id = e.currentVersionId")
@NamedQuery(name = "ObjectVersion.countLiveInBucket", query =
        "SELECT COUNT(e) FROM ObjectEntry e WHERE e.bucketId = :bucketId AND e.currentVersionId IS NOT NULL")
public class ObjectVersion {
    public static final String NULL_VERSION_ID = "null";

    public enum State { COMPLETE }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gb_id")
    @SequenceGenerator(name = "gb_id", sequenceName = "gb_id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "entry_id", nullable = false)
    private long entryId;

    @Column(name = "version_id", nullable = false, length = 64)
    private String versionId;

    @Column(name = "delete_marker", nullable = false)
    private boolean deleteMarker;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private State state;

    @Column(name = "blob_id", length = 64)
    private String blobId;

    /** Where the bytes start in the pack named by blob_id; null when the blob is a file of its own. */
    @Column(name = "blob_offset")
    private Long blobOffset;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "etag", nullable = false, length = 80)
    private String etag;

    @Embedded
    private ObjectHeaders headers = new ObjectHeaders();

    @Column(name = "checksum_algorithm", length = 16)
    private String checksumAlgorithm;

    @Column(name = "checksum_value", length = 128)
    private String checksumValue;

    @Column(name = "checksum_type", length = 16)
    private String checksumType;

    @Column(name = "parts_count")
    private Integer partsCount;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    /** Set by the scrubber when the bytes no longer match the stored MD5: the version is never served again. */
    @Column(name = "corrupt_ms")
    private Long corruptMs;

    /** AccessControlList.encode() form; null means private to the owner. */
    @Column(name = "acl", length = 8192)
    private String acl;

    public ObjectVersion() {
    }

    public Long getId() { return id; }
    public long getEntryId() { return entryId; }
    public void setEntryId(long entryId) { this.entryId = entryId; }
    public String getVersionId() { return versionId; }
    public void setVersionId(String versionId) { this.versionId = versionId; }
    public boolean isDeleteMarker() { return deleteMarker; }
    public void setDeleteMarker(boolean deleteMarker) { this.deleteMarker = deleteMarker; }
    public State getState() { return state; }
    public void setState(State state) { this.state = state; }
    public String getBlobId() { return blobId; }
    public void setBlobId(String blobId) { this.blobId = blobId; }
    public Long getBlobOffset() { return blobOffset; }
    public void setBlobOffset(Long blobOffset) { this.blobOffset = blobOffset; }
    public long getSize() { return size; }
    public void setSize(long size) { this.size = size; }
    public String getEtag() { return etag; }
    public void setEtag(String etag) { this.etag = etag; }
    public ObjectHeaders getHeaders() { return headers; }
    public void setHeaders(ObjectHeaders headers) { this.headers = headers; }
    public String getChecksumAlgorithm() { return checksumAlgorithm; }
    public void setChecksumAlgorithm(String checksumAlgorithm) { this.checksumAlgorithm = checksumAlgorithm; }
    public String getChecksumValue() { return checksumValue; }
    public void setChecksumValue(String checksumValue) { this.checksumValue = checksumValue; }
    public String getChecksumType() { return checksumType; }
    public void setChecksumType(String checksumType) { this.checksumType = checksumType; }
    public Integer getPartsCount() { return partsCount; }
    public void setPartsCount(Integer partsCount) { this.partsCount = partsCount; }
    public long getCreatedMs() { return createdMs; }
    public Long getCorruptMs() { return corruptMs; }
    public void setCorruptMs(Long corruptMs) { this.corruptMs = corruptMs; }
    public String getAcl() { return acl; }
    public void setAcl(String acl) { this.acl = acl; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
}
