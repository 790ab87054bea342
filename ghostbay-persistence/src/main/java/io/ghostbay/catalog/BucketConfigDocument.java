package io.ghostbay.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * A bucket's configuration document of one kind: the bucket policy (stored as the text the user
 * sent, so that Get returns what Put stored), the bucket ACL and the public-access block (compact
 * forms); CORS, lifecycle and the like later.
 */
@Entity
@Table(name = "gb_bucket_config")
@IdClass(BucketConfigDocument.Key.class)
public class BucketConfigDocument {
    public static final String POLICY = "policy";
    /** The bucket ACL, AccessControlList.encode() form. */
    public static final String ACL = "acl";
    /** PublicAccessBlock.encode() form. */
    public static final String PUBLIC_ACCESS_BLOCK = "publicAccessBlock";

    @Id
    @Column(name = "bucket_id", nullable = false)
    private long bucketId;

    @Id
    @Column(name = "kind", nullable = false, length = 32)
    private String kind;

    @Column(name = "document", nullable = false, length = 32672)
    private String document;

    @Column(name = "updated_ms", nullable = false)
    private long updatedMs;

    protected BucketConfigDocument() {
    }

    public BucketConfigDocument(long bucketId, String kind, String document, long updatedMs) {
        this.bucketId = bucketId;
        this.kind = kind;
        this.document = document;
        this.updatedMs = updatedMs;
    }

    public long getBucketId() { return bucketId; }
    public String getKind() { return kind; }
    public String getDocument() { return document; }
    public long getUpdatedMs() { return updatedMs; }

    public void replace(String newDocument, long nowMs) {
        this.document = newDocument;
        this.updatedMs = nowMs;
    }

    /** Primary key: (bucket_id, kind). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private long bucketId;
        private String kind;

        public Key() {
        }

        public Key(long bucketId, String kind) {
            this.bucketId = bucketId;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.bucketId == bucketId && Objects.equals(k.kind, kind);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bucketId, kind);
        }
    }
}
