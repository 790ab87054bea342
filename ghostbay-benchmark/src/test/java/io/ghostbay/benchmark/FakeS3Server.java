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
import java.util.Locale;

/**
 * A tiny single-threaded HTTP/1.1 keep-alive server that answers like an S3 endpoint that stores
 * nothing: PUT and POST 200, DELETE 204, GET 200 with {@code objectSize} zero bytes, HEAD 200 with
 * that Content-Length. Signatures are not checked. Optionally it closes connections idle longer
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

    /** Per-connection state. */
    private static final class Conn {
        final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        ByteBuffer out;
        long bodyLeft;
        long lastActive = System.nanoTime();
    }

    FakeS3Server(int port, int objectSize, long idleTimeoutMs, boolean announceTimeout) throws IOException {
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
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    c.bodyLeft = Long.parseLong(line.substring(15).trim());
                }
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
