package io.ghostbay.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** One tag (key, value) of an object version (PutObjectTagging, x-amz-tagging). */
@Entity
@Table(name = "gb_object_tag")
@IdClass(ObjectTag.Key.class)
@NamedQuery(name = "ObjectTag.ofVersion", query = "SELECT t FROM ObjectTag t WHERE t.versionRef = :v ORDER BY t.tagKey")
public class ObjectTag {
    @Id
    @Column(name = "version_ref", nullable = false)
    private long versionRef;

    @Id
    @Column(name = "tag_key", nullable = false, length = 128)
    private String tagKey;

    @Column(name = "tag_value", nullable = false, length = 256)
    private String tagValue;

    protected ObjectTag() {
    }

    public ObjectTag(long versionRef, String tagKey, String tagValue) {
        this.versionRef = versionRef;
        this.tagKey = tagKey;
        this.tagValue = tagValue;
    }

    public long getVersionRef() { return versionRef; }
    public String getTagKey() { return tagKey; }
    public String getTagValue() { return tagValue; }

    /** Primary key: (version_ref, tag_key). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private long versionRef;
        private String tagKey;

        public Key() {
        }

        public Key(long versionRef, String tagKey) {
            this.versionRef = versionRef;
            this.tagKey = tagKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.versionRef == versionRef && Objects.equals(k.tagKey, tagKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(versionRef, tagKey);
        }
    }
}
