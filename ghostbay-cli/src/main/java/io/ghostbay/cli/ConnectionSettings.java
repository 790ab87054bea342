package io.ghostbay.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * Where the server is and who is calling: the global options, each falling back to its
 * environment variable and then to a default. The secret key is kept here only to sign requests;
 * {@link #toString()} leaves it out so that it cannot reach a log or an error message by accident.
 */
final class ConnectionSettings {
    static final String DEFAULT_ENDPOINT = "http://localhost:9000";
    static final String DEFAULT_REGION = "us-east-1";

    private final URI endpoint;
    private final String region;
    private final String accessKey;
    private final String secretKey;

    private ConnectionSettings(URI endpoint, String region, String accessKey, String secretKey) {
        this.endpoint = endpoint;
        this.region = region;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Resolves the settings: option, then environment ({@code GHOSTBAY_ENDPOINT},
     * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION} then
     * {@code AWS_DEFAULT_REGION}), then default. Credentials may be missing here; commands that
     * need them call {@link #requireCredentials()}.
     */
    static ConnectionSettings resolve(CommandLine commandLine, Map<String, String> env)
            throws UsageException {
        String endpointText = firstSet(commandLine.option("endpoint").orElse(null),
                env.get("GHOSTBAY_ENDPOINT"), DEFAULT_ENDPOINT);
        String region = firstSet(commandLine.option("region").orElse(null), env.get("AWS_REGION"),
                env.get("AWS_DEFAULT_REGION"), DEFAULT_REGION);
        String accessKey = firstSet(commandLine.option("access-key").orElse(null),
                env.get("AWS_ACCESS_KEY_ID"), null);
        String secretKey = firstSet(commandLine.option("secret-key").orElse(null),
                env.get("AWS_SECRET_ACCESS_KEY"), null);
        return new ConnectionSettings(parseEndpoint(endpointText), region, accessKey, secretKey);
    }

    private static URI parseEndpoint(String text) throws UsageException {
        String trimmed = text.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getHost() != null && uri.getRawQuery() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with the same message as any other unusable value
        }
        throw new UsageException("--endpoint must be an http:// or https:// URL such as "
                + DEFAULT_ENDPOINT + ", not '" + text + "'");
    }

    private static String firstSet(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.trim();
            }
        }
        return null;
    }

    /** Fails with a usage error naming both ways to give credentials, if either part is missing. */
    void requireCredentials() throws UsageException {
        if (accessKey == null || secretKey == null) {
            String missing = accessKey == null && secretKey == null ? "access key and secret key"
                    : accessKey == null ? "access key" : "secret key";
            throw new UsageException("missing credentials: no " + missing + ". Give --access-key and"
                    + " --secret-key, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", List.of());
        }
    }

    URI endpoint() {
        return endpoint;
    }

    String region() {
        return region;
    }

    String accessKey() {
        return accessKey;
    }

    String secretKey() {
        return secretKey;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[endpoint=" + endpoint + ", region=" + region + ", accessKey="
                + accessKey + "]";
    }
}
