package io.ghostbay.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Command-line options. */
final class Options {

    String endpoint;
    String accessKey = System.getenv("AWS_ACCESS_KEY_ID");
    String secretKey = System.getenv("AWS_SECRET_ACCESS_KEY");
    String region = "us-east-1";
    String bucket;
    List<String> workloads = List.of("small", "list");
    List<Integer> concurrency = List.of(1, 16, 64);
    long durationMs = 10_000;
    long warmupMs = 1_000;
    long objectSize = 4096;
    long smallKeys = 10_000;
    long largeSize = 1L << 30;
    long partSize = 64L << 20;
    int partConcurrency = 4;
    int largeConcurrentStreams = 64;
    int listKeys = 10_000;
    List<Integer> listConcurrency = List.of(1);
    boolean listReuse;
    int connections = 10_000;
    int connectionsLoadConcurrency = 16;
    long connectionsIdleTimeoutMs = -1;
    long serverPid = -1;
    String json;
    String client = "socket";
    boolean help;

    static final String USAGE = String.join("\n",
        "Usage: java -jar ghostbay-benchmark.jar --endpoint URL --access-key AK --secret-key SK [options]",
        "",
        "  --endpoint URL            S3 endpoint, e.g. http://127.0.0.1:9000 (path-style addressing)",
        "  --access-key AK           access key (default: $AWS_ACCESS_KEY_ID)",
        "  --secret-key SK           secret key (default: $AWS_SECRET_ACCESS_KEY)",
        "  --region R                SigV4 signing region (default us-east-1)",
        "  --bucket NAME             existing bucket to use (default: a fresh bench-<random>,",
        "                            created and deleted)",
        "  --workloads LIST          any of small,large,large-concurrent,list,connections",
        "                            (default small,list)",
        "  --concurrency LIST        thread counts for the small workload (default 1,16,64)",
        "  --duration D              measured time per step, e.g. 10s, 500ms, 1m (default 10s)",
        "  --warmup D                unmeasured time before each step (default 1s)",
        "  --object-size N           small object size, e.g. 4KiB (default 4KiB)",
        "  --small-keys N            key space the small PUT step cycles through (default 10000)",
        "  --large-size N            large object size, e.g. 1GiB, 200MiB (default 1GiB)",
        "  --part-size N             large workload: multipart part size and ranged GET range",
        "                            size (default 64MiB; S3 wants >= 5MiB except the last part)",
        "  --part-concurrency N      large workload: parallel parts / ranges, one connection",
        "                            each (default 4)",
        "  --large-concurrent-streams N",
        "                            large-concurrent workload: objects of --large-size PUT, then",
        "                            GETs, all at once, one connection each (default 64; the",
        "                            server needs N x --large-size of free disk)",
        "  --list-keys N             keys of the list workload (default 10000)",
        "  --list-concurrency LIST   thread counts for the list steps (default 1)",
        "  --list-reuse              list workload: keep its keys in --bucket under",
        "                            gbbench-list-<N>/ for later runs; reuse them when a previous",
        "                            run completed them, finish them when it was interrupted",
        "  --connections N           connections workload: keep-alive connections held open",
        "                            while the load runs (default 10000; ulimit -n must exceed",
        "                            N + load concurrency + ~100)",
        "  --connections-load-concurrency N",
        "                            connections workload: threads of the small GET load that",
        "                            runs while they are held (default 16)",
        "  --connections-idle-timeout D",
        "                            the server's keep-alive idle timeout, if it does not send",
        "                            Keep-Alive: timeout=: held connections closed after at least",
        "                            this much idle time are not errors (default: none known)",
        "  --server-pid PID          server process on this machine: report its CPU per op",
        "  --json FILE               also write the results as JSON to FILE",
        "  --client socket|jdk       HTTP client: built-in socket client (default) or",
        "                            java.net.http.HttpClient (HTTP/1.1)",
        "  --help                    this text");

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if (a.equals("--help") || a.equals("-h")) {
                o.help = true;
                continue;
            }
            if (a.equals("--list-reuse")) {
                o.listReuse = v == null || bool(a, v);
                continue;
            }
            if (v == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                v = args[++i];
            }
            switch (a) {
                case "--endpoint": o.endpoint = v; break;
                case "--access-key": o.accessKey = v; break;
                case "--secret-key": o.secretKey = v; break;
                case "--region": o.region = v; break;
                case "--bucket": o.bucket = v; break;
                case "--workloads": o.workloads = workloads(v); break;
                case "--concurrency": o.concurrency = ints(a, v); break;
                case "--list-concurrency": o.listConcurrency = ints(a, v); break;
                case "--duration": o.durationMs = duration(a, v); break;
                case "--warmup": o.warmupMs = duration(a, v); break;
                case "--object-size": o.objectSize = size(a, v); break;
                case "--small-keys": o.smallKeys = positive(a, size(a, v)); break;
                case "--large-size": o.largeSize = size(a, v); break;
                case "--part-size": o.partSize = positive(a, size(a, v)); break;
                case "--part-concurrency": o.partConcurrency = (int) positive(a, Long.parseLong(v)); break;
                case "--large-concurrent-streams":
                    o.largeConcurrentStreams = (int) positive(a, count(a, v, MAX_STREAMS));
                    break;
                case "--list-keys": o.listKeys = (int) positive(a, count(a, v, MAX_LIST_KEYS)); break;
                case "--connections": o.connections = (int) positive(a, count(a, v, MAX_CONNECTIONS)); break;
                case "--connections-load-concurrency":
                    o.connectionsLoadConcurrency = (int) positive(a, count(a, v, 10_000));
                    break;
                case "--connections-idle-timeout": o.connectionsIdleTimeoutMs = positive(a, duration(a, v)); break;
                case "--server-pid": o.serverPid = Long.parseLong(v); break;
                case "--json": o.json = v; break;
                case "--client":
                    if (!v.equals("socket") && !v.equals("jdk")) {
                        throw new IllegalArgumentException("--client must be socket or jdk");
                    }
                    o.client = v;
                    break;
                default: throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.help) {
            return o;
        }
        if (o.endpoint == null) {
            throw new IllegalArgumentException("--endpoint is required");
        }
        if (o.accessKey == null || o.secretKey == null) {
            throw new IllegalArgumentException("--access-key and --secret-key are required");
        }
        if (o.objectSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--object-size too large");
        }
        if (o.largeSize <= 0) {
            throw new IllegalArgumentException("--large-size must be positive");
        }
        if ((o.largeSize + o.partSize - 1) / o.partSize > 10_000) {
            throw new IllegalArgumentException("--large-size / --part-size gives more than 10000 parts");
        }
        if (o.durationMs <= 0) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (o.listReuse && o.bucket == null) {
            throw new IllegalArgumentException("--list-reuse needs --bucket NAME (a bucket this run does not"
                    + " create nor delete, where the keys stay for the next run)");
        }
        return o;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", endpoint);
        m.put("region", region);
        m.put("bucket", bucket);
        m.put("workloads", workloads);
        m.put("concurrency", concurrency);
        m.put("durationMs", durationMs);
        m.put("warmupMs", warmupMs);
        m.put("objectSize", objectSize);
        m.put("smallKeys", smallKeys);
        m.put("largeSize", largeSize);
        m.put("partSize", partSize);
        m.put("partConcurrency", partConcurrency);
        m.put("largeConcurrentStreams", largeConcurrentStreams);
        m.put("listKeys", listKeys);
        m.put("listConcurrency", listConcurrency);
        m.put("listReuse", listReuse);
        m.put("connections", connections);
        m.put("connectionsLoadConcurrency", connectionsLoadConcurrency);
        m.put("connectionsIdleTimeoutMs", connectionsIdleTimeoutMs > 0 ? connectionsIdleTimeoutMs : null);
        m.put("serverPid", serverPid > 0 ? serverPid : null);
        m.put("client", client);
        return m;
    }

    private static List<String> workloads(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            s = s.trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            if (!WORKLOADS.contains(s)) {
                throw new IllegalArgumentException("unknown workload " + s + " (" + String.join(", ", WORKLOADS) + ")");
            }
            out.add(s);
        }
        return out;
    }

    static final List<String> WORKLOADS = List.of("small", "large", "large-concurrent", "list", "connections");

    private static boolean bool(String flag, String v) {
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "1": return true;
            case "false": case "no": case "0": return false;
            default: throw new IllegalArgumentException("bad value for " + flag + ": " + v + " (true or false)");
        }
    }

    private static List<Integer> ints(String flag, String v) {
        List<Integer> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add((int) positive(flag, Long.parseLong(s.trim())));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs at least one value");
        }
        return out;
    }

    /**
     * Every held connection comes from one client address to one server address and port, so each
     * needs its own local port: at most 64K, and 28 232 with Linux's default ip_local_port_range.
     */
    static final int MAX_CONNECTIONS = 64_000;

    /** Each concurrent large stream is a thread and a connection with ~200 KiB of buffers in the client. */
    static final int MAX_STREAMS = 1024;

    /** Key indexes of the list workload are ints, written zero-padded; 100 million is far beyond use. */
    static final int MAX_LIST_KEYS = 100_000_000;

    /** A whole number of things (10000, 10k = 10000, 1m = 1000000), at most max. */
    static long count(String flag, String v, long max) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (s.endsWith("k")) {
            mult = 1000;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            mult = 1000_000;
            s = s.substring(0, s.length() - 1);
        }
        long n;
        try {
            n = Long.parseLong(s) * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number for " + flag + ": " + v);
        }
        if (n > max) {
            throw new IllegalArgumentException(flag + " must be at most " + max);
        }
        return n;
    }

    private static long positive(String flag, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(flag + " must be positive");
        }
        return v;
    }

    /** Parses 4096, 4KiB, 4KB (=4000), 4k (=4096), 1MiB, 1GiB, 1G... */
    static long size(String flag, String v) {
        String s = v.trim();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("bad size for " + flag + ": " + v);
        }
        double n = Double.parseDouble(s.substring(0, i));
        String unit = s.substring(i).trim().toLowerCase(Locale.ROOT);
        long mult;
        switch (unit) {
            case "": case "b": mult = 1; break;
            case "k": case "kib": mult = 1L << 10; break;
            case "kb": mult = 1000L; break;
            case "m": case "mib": mult = 1L << 20; break;
            case "mb": mult = 1000_000L; break;
            case "g": case "gib": mult = 1L << 30; break;
            case "gb": mult = 1000_000_000L; break;
            case "t": case "tib": mult = 1L << 40; break;
            case "tb": mult = 1000_000_000_000L; break;
            default: throw new IllegalArgumentException("bad size unit for " + flag + ": " + v);
        }
        return (long) (n * mult);
    }

    /** Parses 10s, 500ms, 2m, 1.5s; a bare number is seconds. */
    static long duration(String flag, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Long.parseLong(s.substring(0, s.length() - 2));
            } else if (s.endsWith("s")) {
                return (long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000);
            } else if (s.endsWith("m")) {
                return (long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 60_000);
            }
            return (long) (Double.parseDouble(s) * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration for " + flag + ": " + v);
        }
    }
}
