package io.ghostbay.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request limits (docs/operations.md, "Limits"): the global defaults of the request-rate and
 * concurrency limits, and the size caps GhostBay checks itself. Per-key overrides of the rate and
 * concurrency limits live in the catalog ({@code gb_access_key}). Transport limits that Liberty
 * enforces (header sizes, read timeouts) are server.xml variables, not keys of this class.
 * All keys are documented in docs/configuration.md.
 */
@ApplicationScoped
public class LimitsConfig {
    /** S3's own limit on key length, and the width of the catalog's key columns. */
    public static final int MAX_KEY_BYTES_CEILING = 1024;
    /**
     * 8 MiB. The largest documents S3 clients send must fit: a DeleteObjects document names up to
     * 1,000 keys of up to 1,024 bytes, and XML escaping can make each key six times longer
     * ({@code "} becomes {@code &quot;}), about 6.2 MB in all; a CompleteMultipartUpload document lists
     * up to 10,000 parts, each with quoted ETag and checksums, about 2.5 MB pretty-printed. The cap
     * bounds the memory one such request takes (the document is parsed from memory).
     */
    public static final String DEFAULT_XML_BODY_BYTES = "8388608";

    @Inject
    @ConfigProperty(name = "ghostbay.limits.key-rate", defaultValue = "0")
    double keyRate;

    @Inject
    @ConfigProperty(name = "ghostbay.limits.key-burst", defaultValue = "0")
    int keyBurst;

    @Inject
    @ConfigProperty(name = "ghostbay.limits.key-concurrency", defaultValue = "0")
    int keyConcurrency;

    @Inject
    @ConfigProperty(name = "ghostbay.limits.ip-rate", defaultValue = "0")
    double ipRate;

    @Inject
    @ConfigProperty(name = "ghostbay.limits.ip-burst", defaultValue = "0")
    int ipBurst;

    @Inject
    @ConfigProperty(name = "ghostbay.limits.max-tracked", defaultValue = "20000")
    int maxTracked;

    @Inject
    @ConfigProperty(name = "ghostbay.limits.xml-body-bytes", defaultValue = DEFAULT_XML_BODY_BYTES)
    int xmlBodyBytes;

    @Inject
    @ConfigProperty(name = "ghostbay.limits.user-metadata-bytes", defaultValue = "2048")
    int userMetadataBytes;

    @Inject
    @ConfigProperty(name = "ghostbay.limits.header-section-bytes", defaultValue = "8192")
    int headerSectionBytes;

    @Inject
    @ConfigProperty(name = "ghostbay.limits.max-key-bytes", defaultValue = "1024")
    int maxKeyBytes;

    /** Requests per second each access key may make; 0 means unlimited. */
    public double keyRate() {
        return Math.max(0, keyRate);
    }

    /** How many requests a key may make at once after being idle; 0 means "one second's worth" of its rate. */
    public int keyBurst() {
        return Math.max(0, keyBurst);
    }

    /** Requests of one access key in flight at the same time; 0 means unlimited. */
    public int keyConcurrency() {
        return Math.max(0, keyConcurrency);
    }

    /** Requests per second from one source IP address (signed or not); 0 means unlimited. */
    public double ipRate() {
        return Math.max(0, ipRate);
    }

    /** Burst of the per-IP limit; 0 means "one second's worth" of its rate. */
    public int ipBurst() {
        return Math.max(0, ipBurst);
    }

    /** At most this many token buckets are kept per limiter (per IP, per key); bounds their memory. */
    public int maxTracked() {
        return Math.max(100, maxTracked);
    }

    /** Cap on the XML documents of DeleteObjects and CompleteMultipartUpload (MaxMessageLengthExceeded above it). */
    public int xmlBodyBytes() {
        return Math.max(1024, xmlBodyBytes);
    }

    /** Cap on user-defined metadata: names and values of the x-amz-meta-* headers, as UTF-8 (MetadataTooLarge). */
    public int userMetadataBytes() {
        return Math.max(0, userMetadataBytes);
    }

    /**
     * Cap on the request's header section (every "name: value" line), AWS's 8 KB: RequestHeaderSectionTooLarge
     * above it. Liberty's own per-field and header-count limits (server.xml) are a wider backstop.
     */
    public int headerSectionBytes() {
        return Math.max(1024, headerSectionBytes);
    }

    /** Longest key a write may create (KeyTooLongError); at most 1024, S3's limit and the catalog's column width. */
    public int maxKeyBytes() {
        return Math.max(1, Math.min(MAX_KEY_BYTES_CEILING, maxKeyBytes));
    }
}
