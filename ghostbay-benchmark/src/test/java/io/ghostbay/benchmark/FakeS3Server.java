package io.ghostbay.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny single-threaded HTTP/1.1 keep-alive server that answers like an S3 endpoint that stores
 * nothing: PUT and POST 200, DELETE 204, GET 200 with {@code objectSize} zero bytes, HEAD 200 with
 * that Content-Length. Signatures are not checked. In <em>storing</em> mode ({@link #storing()}) it
 * remembers the key and size of every object PUT (not the bytes: a GET answers that many zero bytes,
 * a missing key 404), forgets them on DELETE, and answers ListObjectsV2 (prefix, delimiter, max-keys,
 * continuation-token) from them, for the list workload's tests. Optionally it closes connections idle longer
 * than {@code idleTimeoutMs}, the way a server's keep-alive timeout does, and announces that
 * timeout in a {@code Keep-Alive: timeout=N} header if asked to.
 *
 * <p>For the connections workload's tests, and runnable on its own for manual runs:
 * {@code java -cp target/classes:target/test-classes io.ghostbay.benchmark.FakeS3Server PORT [SIZE] [IDLE_MS]}.
 */
final class FakeS3Server implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread thread;
    private final int objectSize;
    private final long idleTimeoutMs;
    /** Head of the answer to GET and HEAD. */
    private final String okHead;
    private volatile boolean running = true;
    private volatile int open;
    /** Key to size, in storing mode; null otherwise. */
    private final ConcurrentSkipListMap<String, Long> store;
    /** Requests by method and kind ("PUT object", "GET list", ...), in storing mode. */
    final Map<String, AtomicInteger> requests = new java.util.concurrent.ConcurrentHashMap<>();

    /** Per-connection state. */
    private static final class Conn {
        final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        ByteBuffer out;
        long bodyLeft;
        long lastActive = System.nanoTime();
    }

    FakeS3Server(int port, int objectSize, long idleTimeoutMs, boolean announceTimeout) throws IOException {
        this(port, objectSize, idleTimeoutMs, announceTimeout, false);
    }

    /** A storing server on a free port (see the class comment). */
    static FakeS3Server storing() throws IOException {
        return new FakeS3Server(0, 0, -1, false, true);
    }

    private FakeS3Server(int port, int objectSize, long idleTimeoutMs, boolean announceTimeout, boolean storing)
            throws IOException {
        this.store = storing ? new ConcurrentSkipListMap<>() : null;
        this.objectSize = objectSize;
        this.idleTimeoutMs = idleTimeoutMs;
        this.okHead = "HTTP/1.1 200 OK\r\n" + (announceTimeout && idleTimeoutMs > 0
                ? "Keep-Alive: timeout=" + Math.max(1, idleTimeoutMs / 1000) + "\r\n" : "")
                + "Content-Length: " + objectSize + "\r\n\r\n";
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.thread = new Thread(this::loop, "fake-s3-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    }

    int openConnections() {
        return open;
    }

    /** The stored keys and sizes (storing mode). */
    ConcurrentSkipListMap<String, Long> store() {
        return store;
    }

    int requests(String kind) {
        AtomicInteger n = requests.get(kind);
        return n == null ? 0 : n.get();
    }

    private void loop() {
        long nextSweep = System.nanoTime();
        while (running) {
            try {
                selector.select(50);
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    try {
                        if (!k.isValid()) {
                            continue;
                        }
                        if (k.isAcceptable()) {
                            SocketChannel ch;
                            while ((ch = server.accept()) != null) {
                                ch.configureBlocking(false);
                                ch.register(selector, SelectionKey.OP_READ, new Conn());
                                open++;
                            }
                        } else if (k.isReadable()) {
                            read(k);
                        } else if (k.isWritable()) {
                            flush(k);
                        }
                    } catch (IOException e) {
                        drop(k);
                    }
                }
                if (idleTimeoutMs > 0 && System.nanoTime() >= nextSweep) {
                    long limit = System.nanoTime() - idleTimeoutMs * 1_000_000;
                    for (SelectionKey k : new ArrayList<>(selector.keys())) {
                        if (k.attachment() instanceof Conn && ((Conn) k.attachment()).lastActive < limit) {
                            drop(k);
                        }
                    }
                    nextSweep = System.nanoTime() + 50_000_000;
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void drop(SelectionKey k) {
        if (k.attachment() instanceof Conn) {
            open--;
        }
        k.cancel();
        try {
            k.channel().close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void read(SelectionKey k) throws IOException {
        Conn c = (Conn) k.attachment();
        SocketChannel ch = (SocketChannel) k.channel();
        int r = ch.read(c.in);
        if (r < 0) {
            drop(k);
            return;
        }
        c.lastActive = System.nanoTime();
        c.in.flip();
        StringBuilder answers = new StringBuilder();
        while (true) {
            if (c.bodyLeft > 0) {
                int skip = (int) Math.min(c.bodyLeft, c.in.remaining());
                c.in.position(c.in.position() + skip);
                c.bodyLeft -= skip;
                if (c.bodyLeft > 0) {
                    break;
                }
            }
            String head = head(c.in);
            if (head == null) {
                break;
            }
            String method = head.substring(0, head.indexOf(' '));
            long contentLength = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    contentLength = Long.parseLong(line.substring(15).trim());
                    c.bodyLeft = contentLength;
                }
            }
            if (store != null) {
                answers.append(stored(method, head.substring(method.length() + 1, head.indexOf(' ',
                        method.length() + 1)), contentLength));
                continue;
            }
            switch (method) {
                case "GET":
                    answers.append(okHead).append("\0".repeat(objectSize));
                    break;
                case "HEAD":
                    answers.append(okHead);
                    break;
                case "DELETE":
                    answers.append("HTTP/1.1 204 No Content\r\n\r\n");
                    break;
                default:
                    answers.append("HTTP/1.1 200 OK\r\nETag: \"0\"\r\nContent-Length: 0\r\n\r\n");
            }
        }
        c.in.compact();
        if (!c.in.hasRemaining()) {
            drop(k); // request head over 16 KiB
            return;
        }
        if (answers.length() > 0) {
            byte[] bytes = answers.toString().getBytes(StandardCharsets.ISO_8859_1);
            c.out = c.out == null || !c.out.hasRemaining() ? ByteBuffer.wrap(bytes) : concat(c.out, bytes);
            flush(k);
        }
    }

    /** The answer of the storing mode to one request (target: path and query as sent). */
    private String stored(String method, String target, long contentLength) {
        int q = target.indexOf('?');
        String path = decode(q < 0 ? target : target.substring(0, q));
        Map<String, String> query = new java.util.HashMap<>();
        if (q >= 0) {
            for (String kv : target.substring(q + 1).split("&")) {
                int eq = kv.indexOf('=');
                query.put(decode(eq < 0 ? kv : kv.substring(0, eq)), eq < 0 ? "" : decode(kv.substring(eq + 1)));
            }
        }
        int slash = path.indexOf('/', 1);
        String key = slash < 0 ? "" : path.substring(slash + 1);
        String kind = method + (key.isEmpty() ? (query.containsKey("list-type") ? " list" : " bucket") : " object");
        requests.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        Long size = key.isEmpty() ? null : store.get(key);
        switch (kind) {
            case "PUT object":
                store.put(key, contentLength);
                return "HTTP/1.1 200 OK\r\nETag: \"0\"\r\nContent-Length: 0\r\n\r\n";
            case "GET object":
            case "HEAD object":
                if (size == null) {
                    String err = "<Error><Code>NoSuchKey</Code></Error>";
                    return "HTTP/1.1 404 Not Found\r\nContent-Length: " + err.length() + "\r\n\r\n"
                            + (method.equals("GET") ? err : "");
                }
                return "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n"
                        + (method.equals("GET") ? "\0".repeat((int) (long) size) : "");
            case "DELETE object":
                store.remove(key);
                return "HTTP/1.1 204 No Content\r\n\r\n";
            case "GET list":
                String xml = list(query.getOrDefault("prefix", ""), query.get("delimiter"),
                        Integer.parseInt(query.getOrDefault("max-keys", "1000")), query.get("continuation-token"));
                return "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: " + xml.length()
                        + "\r\n\r\n" + xml;
            case "DELETE bucket":
                return "HTTP/1.1 204 No Content\r\n\r\n";
            default:
                return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        }
    }

    /**
     * ListObjectsV2 over the stored keys. The continuation token is the last key or CommonPrefix
     * returned; a CommonPrefix token makes the next page skip the keys under it.
     */
    String list(String prefix, String delimiter, int maxKeys, String token) {
        List<String> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String skip = token != null && delimiter != null && token.endsWith(delimiter) ? token : null;
        String last = null;
        boolean truncated = false;
        Map<String, Long> from = token == null ? store.tailMap(prefix, true) : store.tailMap(token, false);
        for (String k : from.keySet()) {
            if (!k.startsWith(prefix)) {
                break; // sorted: past the prefix
            }
            if (skip != null && k.startsWith(skip)) {
                continue;
            }
            if (contents.size() + prefixes.size() == maxKeys) {
                truncated = true;
                break;
            }
            int d = delimiter == null || delimiter.isEmpty() ? -1 : k.indexOf(delimiter, prefix.length());
            if (d >= 0) {
                String cp = k.substring(0, d + delimiter.length());
                prefixes.add(cp);
                skip = cp;
                last = cp;
            } else {
                contents.add(k);
                last = k;
            }
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult>");
        sb.append("<Prefix>").append(esc(prefix)).append("</Prefix><KeyCount>").append(contents.size()
                + prefixes.size()).append("</KeyCount><MaxKeys>").append(maxKeys).append("</MaxKeys><IsTruncated>")
                .append(truncated).append("</IsTruncated>");
        for (String k : contents) {
            sb.append("<Contents><Key>").append(esc(k)).append("</Key><Size>").append(store.get(k))
                    .append("</Size></Contents>");
        }
        for (String cp : prefixes) {
            sb.append("<CommonPrefixes><Prefix>").append(esc(cp)).append("</Prefix></CommonPrefixes>");
        }
        if (truncated) {
            sb.append("<NextContinuationToken>").append(esc(last)).append("</NextContinuationToken>");
        }
        return sb.append("</ListBucketResult>").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static ByteBuffer concat(ByteBuffer a, byte[] b) {
        ByteBuffer n = ByteBuffer.allocate(a.remaining() + b.length);
        n.put(a).put(b).flip();
        return n;
    }

    private void flush(SelectionKey k) throws IOException {
        Conn c = (Conn) k.attachment();
        ((SocketChannel) k.channel()).write(c.out);
        c.lastActive = System.nanoTime();
        k.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Takes one request head (through CRLF CRLF) from the buffer, or returns null if incomplete. */
    private static String head(ByteBuffer in) {
        for (int i = in.position() + 3; i < in.limit(); i++) {
            if (in.get(i) == '\n' && in.get(i - 1) == '\r' && in.get(i - 2) == '\n' && in.get(i - 3) == '\r') {
                byte[] b = new byte[i + 1 - in.position()];
                in.get(b);
                return new String(b, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey k : new ArrayList<>(selector.keys())) {
            try {
                k.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        long idle = args.length > 2 ? Long.parseLong(args[2]) : -1;
        try (FakeS3Server s = new FakeS3Server(port, size, idle, false)) {
            System.out.println("fake S3 server on 127.0.0.1:" + s.port());
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
