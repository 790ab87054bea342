package io.ghostbay.catalog;

import jakarta.persistence.*;

import java.io.Serializable;

/**
 * One part of a completed multipart object, in order. A GET streams the segments' blobs one after
 * the other, so completing an upload copies no data.
 */
@Entity
@Table(name = "gb_version_segment")
@IdClass(VersionSegment.Key.class)
@NamedQuery(name = "VersionSegment.ofVersion", query = "SELECT s FROM VersionSegment s WHERE s.versionRef = :v ORDER BY s.ordinal")
public class VersionSegment {
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public long versionRef;
        public int ordinal;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.versionRef == versionRef && k.ordinal == ordinal;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(versionRef) * 31 + ordinal;
        }
    }

    @Id
    @Column(name = "version_ref", nullable = false)
    private long versionRef;

    @Id
    @Column(name = "ordinal", nullable = false)
    private int ordinal;

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

    public VersionSegment() {
    }

    public VersionSegment(long versionRef, int ordinal, int partNumber, String blobId, long size, String etag, String checksumValue) {
        this.versionRef = versionRef;
        this.ordinal = ordinal;
        this.partNumber = partNumber;
        this.blobId = blobId;
        this.size = size;
        this.etag = etag;
        this.checksumValue = checksumValue;
    }

    public long getVersionRef() { return versionRef; }
    public int getOrdinal() { return ordinal; }
    public int getPartNumber() { return partNumber; }
    public String getBlobId() { return blobId; }
    public long getSize() { return size; }
    public String getEtag() { return etag; }
    public String getChecksumValue() { return checksumValue; }
}
