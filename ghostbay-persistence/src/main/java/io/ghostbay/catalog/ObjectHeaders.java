package io.ghostbay.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The headers S3 stores with an object and returns on GET/HEAD. Embedded in an object version and in a
 * multipart upload (which carries them until completion); both tables use the same column names.
 */
@Embeddable
public class ObjectHeaders {
    @Column(name = "content_type", length = 1024)
    private String contentType;

    @Column(name = "cache_control", length = 1024)
    private String cacheControl;

    @Column(name = "content_disposition", length = 1024)
    private String contentDisposition;

    @Column(name = "content_encoding", length = 1024)
    private String contentEncoding;

    @Column(name = "content_language", length = 1024)
    private String contentLanguage;

    @Column(name = "expires_header", length = 256)
    private String expires;

    /** {@code x-amz-meta-*} as a small JSON object of lower-cased names to values. */
    @Column(name = "user_metadata", length = 8192)
    private String userMetadata;

    public ObjectHeaders() {
    }

    public ObjectHeaders(String contentType, String cacheControl, String contentDisposition, String contentEncoding,
                         String contentLanguage, String expires, String userMetadata) {
        this.contentType = contentType;
        this.cacheControl = cacheControl;
        this.contentDisposition = contentDisposition;
        this.contentEncoding = contentEncoding;
        this.contentLanguage = contentLanguage;
        this.expires = expires;
        this.userMetadata = userMetadata;
    }

    public String getContentType() { return contentType; }
    public String getCacheControl() { return cacheControl; }
    public String getContentDisposition() { return contentDisposition; }
    public String getContentEncoding() { return contentEncoding; }
    public String getContentLanguage() { return contentLanguage; }
    public String getExpires() { return expires; }
    public String getUserMetadata() { return userMetadata; }
}
