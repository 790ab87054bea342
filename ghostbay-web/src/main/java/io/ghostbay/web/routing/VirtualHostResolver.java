package io.ghostbay.web.routing;

import java.util.Locale;
import java.util.Optional;

/**
 * Virtual-host addressing: {@code bucket.<domain>[:port]} names the bucket in the Host header.
 * Anything else (an IP address, localhost, the bare domain) is path-style.
 */
public final class VirtualHostResolver {
    private VirtualHostResolver() {
    }

    public static Optional<String> bucketFromHost(String hostHeader, Optional<String> domain) {
        if (hostHeader == null || domain.isEmpty()) {
            return Optional.empty();
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return Optional.empty(); // IPv6 literal
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String suffix = "." + domain.get().toLowerCase(Locale.ROOT);
        if (host.length() > suffix.length() && host.endsWith(suffix)) {
            return Optional.of(host.substring(0, host.length() - suffix.length()));
        }
        return Optional.empty();
    }
}
