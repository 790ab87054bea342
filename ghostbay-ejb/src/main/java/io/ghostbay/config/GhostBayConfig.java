package io.ghostbay.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typed view of GhostBay's MicroProfile Config keys. Each key {@code ghostbay.a.b} is also read
 * from the environment as {@code GHOSTBAY_A_B} (MicroProfile Config's mapping). All keys are
 * documented in docs/configuration.md.
 */
@ApplicationScoped
public class GhostBayConfig {

    @Inject
    @ConfigProperty(name = "ghostbay.data.dir")
    Optional<String> dataDir;

    @Inject
    @ConfigProperty(name = "ghostbay.region", defaultValue = "us-east-1")
    String region;

    @Inject
    @ConfigProperty(name = "ghostbay.domain")
    Optional<String> domain;

    @Inject
    @ConfigProperty(name = "ghostbay.root.access-key")
    Optional<String> rootAccessKey;

    @Inject
    @ConfigProperty(name = "ghostbay.root.secret-key")
    Optional<String> rootSecretKey;

    @Inject
    @ConfigProperty(name = "ghostbay.storage.min-free-bytes", defaultValue = "104857600")
    long minFreeBytes;

    @Inject
    @ConfigProperty(name = "ghostbay.storage.garbage-grace", defaultValue = "PT5M")
    String garbageGrace;

    @Inject
    @ConfigProperty(name = "ghostbay.storage.collector-interval", defaultValue = "PT1M")
    String collectorInterval;

    @Inject
    @ConfigProperty(name = "ghostbay.storage.orphan-grace", defaultValue = "PT1H")
    String orphanGrace;

    @Inject
    @ConfigProperty(name = "ghostbay.storage.orphan-sweep-interval", defaultValue = "PT1H")
    String orphanSweepInterval;

    @Inject
    @ConfigProperty(name = "ghostbay.scrub.interval", defaultValue = "PT10M")
    String scrubInterval;

    @Inject
    @ConfigProperty(name = "ghostbay.scrub.bytes-per-second", defaultValue = "52428800")
    long scrubBytesPerSecond;

    @Inject
    @ConfigProperty(name = "ghostbay.multipart.expire-after", defaultValue = "P7D")
    String multipartExpireAfter;

    @Inject
    @ConfigProperty(name = "ghostbay.multipart.janitor-interval", defaultValue = "PT15M")
    String multipartJanitorInterval;

    @Inject
    @ConfigProperty(name = "ghostbay.limits.max-object-size", defaultValue = "5368709120")
    long maxObjectSize;

    @Inject
    @ConfigProperty(name = "ghostbay.master-key")
    Optional<String> masterKey;

    @Inject
    @ConfigProperty(name = "ghostbay.master-key-file")
    Optional<String> masterKeyFile;

    @Inject
    @ConfigProperty(name = "ghostbay.keys.rotation-overlap", defaultValue = "PT24H")
    String keyRotationOverlap;

    @Inject
    @ConfigProperty(name = "ghostbay.keys.cache-ttl", defaultValue = "PT2S")
    String keyCacheTtl;

    @Inject
    @ConfigProperty(name = "ghostbay.buckets.cache-ttl", defaultValue = "PT1S")
    String bucketCacheTtl;

    private volatile Duration parsedKeyCacheTtl;
    private volatile Duration parsedBucketCacheTtl;

    @Inject
    @ConfigProperty(name = "ghostbay.catalog.group-commit-max", defaultValue = "64")
    int groupCommitMax;

    @Inject
    @ConfigProperty(name = "ghostbay.catalog.read-concurrency", defaultValue = "auto")
    String catalogReadConcurrency;

    @Inject
    @ConfigProperty(name = "ghostbay.storage.direct-io", defaultValue = "true")
    boolean directIo;

    @Inject
    @ConfigProperty(name = "ghostbay.storage.pack-max-object-size", defaultValue = "131072")
    long packMaxObjectSize;

    @Inject
    @ConfigProperty(name = "ghostbay.https.port", defaultValue = "9443")
    int httpsPort;

    @Inject
    @ConfigProperty(name = "ghostbay.tls.redirect-http", defaultValue = "false")
    boolean redirectHttp;

    @Inject
    @ConfigProperty(name = "ghostbay.tls.hsts-max-age", defaultValue = "31536000")
    long hstsMaxAgeSeconds;

    /** Where blobs, staging files and the embedded catalog live. */
    public Path dataDir() {
        return Path.of(dataDir.filter(s -> !s.isBlank()).orElse(System.getProperty("user.home") + "/.ghostbay/data"))
                .toAbsolutePath().normalize();
    }

    public String region() {
        return region;
    }

    /** Base domain for virtual-host addressing ({@code bucket.<domain>}), if configured. */
    public Optional<String> domain() {
        return domain.map(String::trim).filter(s -> !s.isEmpty());
    }

    public Optional<String> rootAccessKey() {
        return rootAccessKey.map(String::trim).filter(s -> !s.isEmpty());
    }

    public Optional<String> rootSecretKey() {
        return rootSecretKey.map(String::trim).filter(s -> !s.isEmpty());
    }

    /** Readiness fails when the data directory's file system has less free space than this. */
    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** How long a replaced blob stays on disk, so that GETs already streaming it can finish. */
    public Duration garbageGrace() {
        return Duration.parse(garbageGrace);
    }

    /** How often the BlobCollector deletes blobs whose grace period has passed. */
    public Duration collectorInterval() {
        return Duration.parse(collectorInterval);
    }

    /** A blob or staging file unknown to the catalog is deleted once it is older than this. */
    public Duration orphanGrace() {
        return Duration.parse(orphanGrace);
    }

    public Duration orphanSweepInterval() {
        return Duration.parse(orphanSweepInterval);
    }

    /** How often the scrubber wakes up; each run scrubs for at most half of it, then continues next time. */
    public Duration scrubInterval() {
        return Duration.parse(scrubInterval);
    }

    /** The scrubber's read rate limit. */
    public long scrubBytesPerSecond() {
        return scrubBytesPerSecond;
    }

    /** Multipart uploads initiated longer ago than this are aborted by the MultipartJanitor. */
    public Duration multipartExpireAfter() {
        return Duration.parse(multipartExpireAfter);
    }

    public Duration multipartJanitorInterval() {
        return Duration.parse(multipartJanitorInterval);
    }

    /** Largest single PUT (AWS: 5 GiB). */
    public long maxObjectSize() {
        return maxObjectSize;
    }

    /** The master key itself (64 hex digits or base64 of 32 bytes), if configured. */
    public Optional<String> masterKey() {
        return masterKey.map(String::trim).filter(s -> !s.isEmpty());
    }

    /** Where the master key is read from (and generated on first start when nothing is configured). */
    public Path masterKeyFile() {
        return masterKeyFile.map(String::trim).filter(s -> !s.isEmpty()).map(Path::of)
                .orElseGet(() -> dataDir().resolve("master.key")).toAbsolutePath().normalize();
    }

    /**
     * At most this many concurrent unconditional PUTs share one catalog transaction (group commit);
     * 1 turns grouping off.
     */
    public int groupCommitMax() {
        return Math.max(1, groupCommitMax);
    }

    /**
     * The raw {@code ghostbay.catalog.read-concurrency}: how many GET/HEAD catalog reads run at once ("auto",
     * a number, or 0 for no limit); {@link io.ghostbay.service.CatalogReadGate} interprets it.
     */
    public String catalogReadConcurrency() {
        return catalogReadConcurrency;
    }

    static final long PACK_MAX_OBJECT_SIZE_CAP = 1024 * 1024;

    /**
     * PUTs of at most this many bytes (known length, no write condition) go into packs: shared append-only files,
     * one write and one fsync per group commit. 0 turns packing off. Capped at 1 MiB: such a body is held in memory
     * until its batch is written.
     */
    public long packMaxObjectSize() {
        return Math.max(0, Math.min(PACK_MAX_OBJECT_SIZE_CAP, packMaxObjectSize));
    }

    /**
     * How long a pack takes appends after its creation: at most 30 s, and never longer than the garbage grace, so
     * that the collector, which looks only at packs twice this old, never considers one still being written.
     */
    public long packActiveMillis() {
        return Math.max(1, Math.min(30_000, garbageGrace().toMillis()));
    }

    /** Whether bodies of 1 MiB and more are staged with O_DIRECT (when the file system allows it). */
    public boolean directIo() {
        return directIo;
    }

    /**
     * How long a verified access key is reused without reading the catalog again. Changes made through this
     * server's admin API apply at once; on other servers sharing the catalog within this time. PT0S disables it.
     */
    public Duration keyCacheTtl() {
        Duration ttl = parsedKeyCacheTtl;
        if (ttl == null) {
            // read on every signed request: parsed once
            parsedKeyCacheTtl = ttl = Duration.parse(keyCacheTtl);
        }
        return ttl;
    }

    /**
     * How long a bucket looked up by name is reused without reading the catalog again. Changes made on this
     * server apply at once; changes made on other servers sharing the catalog within this time. PT0S disables it.
     */
    public Duration bucketCacheTtl() {
        Duration ttl = parsedBucketCacheTtl;
        if (ttl == null) {
            // read on every bucket lookup: parsed once
            parsedBucketCacheTtl = ttl = Duration.parse(bucketCacheTtl);
        }
        return ttl;
    }

    /** How long a rotated key keeps working next to its replacement. */
    public Duration keyRotationOverlap() {
        return Duration.parse(keyRotationOverlap);
    }

    /** The HTTPS port (a server.xml variable, visible here through Liberty's config source); -1 when off. */
    public int httpsPort() {
        return httpsPort;
    }

    /** Answer plain-HTTP requests with a redirect to HTTPS (probes under /health and /metrics excepted). */
    public boolean redirectHttp() {
        return redirectHttp && httpsPort > 0;
    }

    /** Strict-Transport-Security max-age sent on HTTPS responses; 0 sends none. */
    public long hstsMaxAgeSeconds() {
        return hstsMaxAgeSeconds;
    }
}
