package io.ghostbay.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The audit log's settings ({@code ghostbay.audit.*}; environment {@code GHOSTBAY_AUDIT_*}),
 * documented in docs/configuration.md. Kept apart from {@link GhostBayConfig} because the audit
 * log is a subsystem of its own with several related keys.
 */
@ApplicationScoped
public class AuditConfig {
    /** 64 MiB. */
    static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    static final long MIN_MAX_FILE_BYTES = 4096;

    @Inject
    GhostBayConfig ghostBay;

    @Inject
    @ConfigProperty(name = "ghostbay.audit.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "ghostbay.audit.dir")
    Optional<String> dir;

    @Inject
    @ConfigProperty(name = "ghostbay.audit.max-file-bytes", defaultValue = "67108864")
    long maxFileBytes;

    @Inject
    @ConfigProperty(name = "ghostbay.audit.retention", defaultValue = "P90D")
    String retention;

    @Inject
    @ConfigProperty(name = "ghostbay.audit.syslog")
    Optional<String> syslog;

    @Inject
    @ConfigProperty(name = "ghostbay.audit.queue-capacity", defaultValue = "10000")
    int queueCapacity;

    /** Whether API requests are recorded at all. */
    public boolean enabled() {
        return enabled;
    }

    /** Where the audit files are written: {@code ghostbay.audit.dir}, else {@code <data dir>/audit}. */
    public Path dir() {
        return dir.map(String::trim).filter(s -> !s.isEmpty()).map(Path::of)
                .orElseGet(() -> ghostBay.dataDir().resolve("audit")).toAbsolutePath().normalize();
    }

    /**
     * A file is closed and a new one started before a record would take it past this size (at least
     * 4 KiB, so that a file holds a few records).
     */
    public long maxFileBytes() {
        return maxFileBytes > 0 ? Math.max(MIN_MAX_FILE_BYTES, maxFileBytes) : DEFAULT_MAX_FILE_BYTES;
    }

    /**
     * Which closed (rotated) files are kept.
     *
     * @throws IllegalArgumentException if the value is none of the accepted forms
     */
    public AuditRetention retention() {
        return AuditRetention.parse(retention);
    }

    /**
     * Where each record is also sent as an RFC 5424 syslog message over UDP, if anywhere.
     *
     * @throws IllegalArgumentException if the value is not {@code host:port}
     */
    public Optional<SyslogTarget> syslog() {
        return syslog.map(String::trim).filter(s -> !s.isEmpty()).map(SyslogTarget::parse);
    }

    /** Records waiting for the writer beyond this many are dropped (and counted), never waited for. */
    public int queueCapacity() {
        return Math.max(16, queueCapacity);
    }

    /**
     * Which rotated audit files to keep: the newest {@code files} of them, or those modified within
     * {@code maxAge}, or all ({@link #FOREVER}). The file being written is never deleted.
     */
    public record AuditRetention(int files, Duration maxAge) {
        public static final AuditRetention FOREVER = new AuditRetention(0, null);

        /**
         * {@code N} (a number of rotated files, at least 1), an ISO-8601 duration such as
         * {@code P90D} or {@code PT12H}, or {@code forever}.
         */
        public static AuditRetention parse(String value) {
            String v = value.trim();
            if (v.equalsIgnoreCase("forever")) {
                return FOREVER;
            }
            if (v.matches("[0-9]{1,9}")) {
                int files = Integer.parseInt(v);
                if (files < 1) {
                    throw new IllegalArgumentException("ghostbay.audit.retention: keep at least 1 rotated file, or say 'forever'");
                }
                return new AuditRetention(files, null);
            }
            try {
                Duration age = Duration.parse(v);
                if (age.isNegative() || age.isZero()) {
                    throw new IllegalArgumentException("ghostbay.audit.retention must be a positive duration: " + value);
                }
                return new AuditRetention(0, age);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("ghostbay.audit.retention must be a number of files, an ISO-8601"
                        + " duration (P90D, PT12H) or 'forever': " + value, e);
            }
        }

        public boolean forever() {
            return files == 0 && maxAge == null;
        }

        @Override
        public String toString() {
            return forever() ? "forever" : maxAge != null ? maxAge.toString() : files + " rotated files";
        }
    }

    /** A syslog collector's UDP address, not resolved yet. */
    public record SyslogTarget(String host, int port) {
        /** {@code host:port}, {@code 192.0.2.1:514} or {@code [2001:db8::1]:514}. */
        public static SyslogTarget parse(String value) {
            String v = value.trim();
            int colon = v.lastIndexOf(':');
            String host = colon > 0 ? v.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                host = "";
            }
            int port = -1;
            if (colon > 0 && v.substring(colon + 1).matches("[0-9]{1,5}")) {
                port = Integer.parseInt(v.substring(colon + 1));
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("ghostbay.audit.syslog must be host:port (IPv6 as [addr]:port): " + value);
            }
            return new SyslogTarget(host, port);
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
