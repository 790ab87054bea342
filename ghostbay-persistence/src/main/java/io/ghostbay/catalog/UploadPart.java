package io.ghostbay.catalog;

import jakarta.persistence.*;

/** One uploaded part of a multipart upload; re-uploading a part number replaces the row. */
@Entity
@Table(name = "gb_upload_part")
@NamedQuery(name = "UploadPart.ofUpload", query = "SELECT p FROM UploadPart p WHERE p.uploadRef = :upload ORDER BY p.partNumber")
@NamedQuery(name = "UploadPart.byNumber", query = "SELECT p FROM UploadPart p WHERE p.uploadRef = :upload AND p.partNumber = :n")
public class UploadPart {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gb_id")
    @SequenceGenerator(name = "gb_id", sequenceName = "gb_id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "upload_ref", nullable = false)
    private long uploadRef;

    @Column(name = "part_number", nullable = false)
    private int partNumber;

    @Column(name = "blob_id", nullable = false, length = 64)
    private String blobId;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "etag", nullable = false, length = 80)
    private String etag;

    @Column(name = "checksum_value", length = 128)
    private String checksumValue;

    @Column(name = "uploaded_ms", nullable = false)
    private long uploadedMs;

    public UploadPart() {
    }

    public Long getId() { return id; }
    public long getUploadRef() { return uploadRef; }
    public void setUploadRef(long uploadRef) { this.uploadRef = uploadRef; }
    public int getPartNumber() { return partNumber; }
    public void setPartNumber(int partNumber) { this.partNumber = partNumber; }
    public String getBlobId() { return blobId; }
    public void setBlobId(String blobId) { this.blobId = blobId; }
    public long getSize() { return size; }
    public void setSize(long size) { this.size = size; }
    public String getEtag() { return etag; }
    public void setEtag(String etag) { this.etag = etag; }
    public String getChecksumValue() { return checksumValue; }
    public void setChecksumValue(String checksumValue) { this.checksumValue = checksumValue; }
    public long getUploadedMs() { return uploadedMs; }
    public void setUploadedMs(long uploadedMs) { this.uploadedMs = uploadedMs; }
}
