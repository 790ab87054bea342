package it.io.ghostbay.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Immutable settings of the server under test, from system properties (failsafe sets them in CI),
 * defaulting to the local dev server.
 */
public final class ItConfig {
    public final URI endpoint;
    public final String accessKey;
    public final String secretKey;
    public final Optional<String> domain;
    public final String catalog;
    public final Path dataDir;
    public final String region = "us-east-1";
    /** The same server's HTTPS endpoint. */
    public final URI httpsEndpoint;
    /** The Liberty server directory (usr/servers/<name>): its generated keystore and server.env. */
    public final Path serverDir;

    private ItConfig() {
        String ep = prop("ghostbay.it.endpoint", "http://127.0.0.1:9000");
        this.endpoint = URI.create(ep.endsWith("/") ? ep.substring(0, ep.length() - 1) : ep);
        this.accessKey = prop("ghostbay.it.access-key", "devkey");
        this.secretKey = prop("ghostbay.it.secret-key", "devsecret123456");
        String d = System.getProperty("ghostbay.it.domain");
        this.domain = d == null || d.isBlank() ? Optional.empty() : Optional.of(d.trim());
        this.catalog = prop("ghostbay.it.catalog", "derby");
        this.dataDir = Path.of(prop("ghostbay.it.data-dir", "/work/main/data"));
        this.httpsEndpoint = URI.create(prop("ghostbay.it.https-endpoint", "https://127.0.0.1:9443"));
        this.serverDir = Path.of(prop("ghostbay.it.wlp-dir", "/work/main/ghostbay-ear/target/liberty/wlp"), "usr", "servers",
                prop("ghostbay.it.server-name", "ghostbay"));
    }

    private static String prop(String name, String def) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    private static final ItConfig INSTANCE = new ItConfig();

    public static ItConfig get() {
        return INSTANCE;
    }

    /** host[:port] as a client sends it in the Host header for path-style requests. */
    public String hostHeader() {
        int port = endpoint.getPort();
        return port < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    public int port() {
        int port = endpoint.getPort();
        return port < 0 ? ("https".equals(endpoint.getScheme()) ? 443 : 80) : port;
    }
}
