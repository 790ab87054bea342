package io.ghostbay.catalog;

import jakarta.persistence.*;

/** An initiated multipart upload: its key, the metadata the object will get, and its parts (UploadPart). */
@Entity
@Table(name = "gb_multipart_upload")
@NamedQuery(name = "MultipartUpload.byUploadId", query = "SELECT u FROM MultipartUpload u WHERE u.uploadId = :uploadId")
public class MultipartUpload {
    public enum State { INITIATED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gb_id")
    @SequenceGenerator(name = "gb_id", sequenceName = "gb_id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "upload_id", nullable = false, length = 128)
    private String uploadId;

    @Column(name = "bucket_id", nullable = false)
    private long bucketId;

    @Column(name = "key_bytes", nullable = false, length = 1024)
    private byte[] keyBytes;

    @Column(name = "object_key", nullable = false, length = 1024)
    private String objectKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private State state;

    @Column(name = "initiator_id", nullable = false)
    private long initiatorId;

    @Embedded
    private ObjectHeaders headers = new ObjectHeaders();

    @Column(name = "checksum_algorithm", length = 16)
    private String checksumAlgorithm;

    @Column(name = "checksum_type", length = 16)
    private String checksumType;

    /** AccessControlList.encode() form; null means private to the owner. */
    @Column(name = "acl", length = 8192)
    private String acl;

    @Column(name = "initiated_ms", nullable = false)
    private long initiatedMs;

    public MultipartUpload() {
    }

    public Long getId() { return id; }
    public String getUploadId() { return uploadId; }
    public void setUploadId(String uploadId) { this.uploadId = uploadId; }
    public long getBucketId() { return bucketId; }
    public void setBucketId(long bucketId) { this.bucketId = bucketId; }
    public byte[] getKeyBytes() { return keyBytes; }
    public void setKeyBytes(byte[] keyBytes) { this.keyBytes = keyBytes; }
    public String getObjectKey() { return objectKey; }
    public void setObjectKey(String objectKey) { this.objectKey = objectKey; }
    public State getState() { return state; }
    public void setState(State state) { this.state = state; }
    public long getInitiatorId() { return initiatorId; }
    public void setInitiatorId(long initiatorId) { this.initiatorId = initiatorId; }
    public ObjectHeaders getHeaders() { return headers; }
    public void setHeaders(ObjectHeaders headers) { this.headers = headers; }
    public String getChecksumAlgorithm() { return checksumAlgorithm; }
    public void setChecksumAlgorithm(String checksumAlgorithm) { this.checksumAlgorithm = checksumAlgorithm; }
    public String getChecksumType() { return checksumType; }
    public void setChecksumType(String checksumType) { this.checksumType = checksumType; }
    public String getAcl() { return acl; }
    public void setAcl(String acl) { this.acl = acl; }
    public long getInitiatedMs() { return initiatedMs; }
    public void setInitiatedMs(long initiatedMs) { this.initiatedMs = initiatedMs; }
}
