package io.ghostbay.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Many idle keep-alive connections held by the connections workload, kept light on the client: an
 * array of non-blocking {@link SocketChannel}s and one int per connection (when it last answered),
 * no thread, buffer or selector key per connection.
 *
 * <p>Work on them is done by the calling thread, at most {@link #BATCH} connections at a time:
 * connects, and requests whose response heads are read through a {@link Selector} that lives for
 * one batch only. Only response heads are read, so the requests must be HEADs. Between batches a
 * connection is not registered anywhere; {@link #pollClosed} finds the ones the server closed with
 * one non-blocking read each.
 *
 * <p>Not thread-safe: one thread at a time (the workload hands it from the main thread to a monitor
 * thread during the load and back, with start/join in between).
 */
final class HeldConnections implements AutoCloseable {

    /** Connections connected, or sent a request, at once. */
    static final int BATCH = 100;
    /** Largest response head accepted (a HEAD answer is a few hundred bytes). */
    static final int MAX_HEAD = 8192;
    /** {@link #pollIfDue} checks every held connection at most this often. */
    static final long POLL_INTERVAL_MS = 1000;
    /** A close seen this long before the announced idle timeout still counts as that timeout. */
    static final long IDLE_TIMEOUT_SLACK_MS = 500;

    /** Where failures are reported (counted as errors by the caller). */
    interface Errors {
        void error(String message);
    }

    /** Outcome of one round of requests on held connections. */
    static final class Tally {
        /** Requests written. */
        int sent;
        /** Answers of any status (the connection was open and the server read the request). */
        int answered;
        /** 2xx answers. */
        int ok;
        /** Answers other than 2xx. */
        int httpErrors;
        /** Connections found closed by the server (EOF or reset) instead of an answer. */
        int closed;
        /** No answer in time. */
        int timeouts;
        /** Malformed or oversized answers, unexpected bytes, Connection: close. */
        int otherErrors;
        double seconds;

        void add(Tally t) {
            sent += t.sent;
            answered += t.answered;
            ok += t.ok;
            httpErrors += t.httpErrors;
            closed += t.closed;
            timeouts += t.timeouts;
            otherErrors += t.otherErrors;
            seconds += t.seconds;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sent", sent);
            m.put("answered", answered);
            m.put("ok", ok);
            m.put("httpErrors", httpErrors);
            m.put("closedByServer", closed);
            m.put("timeouts", timeouts);
            m.put("otherErrors", otherErrors);
            m.put("seconds", seconds);
            return m;
        }
    }

    /** Status line and the keep-alive related headers of one response head. */
    static final class Head {
        final int status;
        /** Bytes of the head, final CRLF CRLF included. */
        final int length;
        final String connection;
        final String keepAlive;

        Head(int status, int length, String connection, String keepAlive) {
            this.status = status;
            this.length = length;
            this.connection = connection;
            this.keepAlive = keepAlive;
        }

        boolean close() {
            return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
        }
    }

    /** An answer that is not HTTP/1.x: the connection is out of step, not closed. */
    static final class BadAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        BadAnswer(String message) {
            super(message);
        }
    }

    private final InetSocketAddress address;
    private final String target;
    private final SocketChannel[] channels;
    /** Milliseconds since {@link #epoch} of each connection's last answer (or connect). */
    private final int[] lastUseMs;
    private final long epoch = System.nanoTime();
    private final ByteBuffer[] heads = new ByteBuffer[BATCH];
    private final ByteBuffer probe = ByteBuffer.allocate(256);

    private long idleTimeoutMs;
    private String idleTimeoutSource;
    private long lastPollNanos = System.nanoTime();

    /** Times {@link #pollClosed} ran. */
    int polls;
    int connectFailures;
    int closedEarly;
    int closedAfterIdleTimeout;
    /**
     * Shortest and longest idle time of connections when they were found closed: the close itself
     * happened up to about one poll interval (plus a batch) earlier.
     */
    long minIdleAtCloseMs = -1;
    long maxIdleAtCloseMs = -1;
    /** Longest idle time after which a held connection still answered. */
    long maxIdleAnsweredMs = -1;
    int connectionCloseAnswers;
    /** The first Connection / Keep-Alive response header values seen, or null. */
    String connectionHeader;
    String keepAliveHeader;

    /**
     * @param idleTimeoutMs the server's keep-alive idle timeout when known (&gt; 0), else -1; a
     *                      {@code Keep-Alive: timeout=N} answer sets it when it is not given
     */
    HeldConnections(String host, int port, int count, long idleTimeoutMs) {
        this.address = new InetSocketAddress(host, port);
        this.target = host + ":" + port;
        this.channels = new SocketChannel[count];
        this.lastUseMs = new int[count];
        this.idleTimeoutMs = idleTimeoutMs;
        this.idleTimeoutSource = idleTimeoutMs > 0 ? "--connections-idle-timeout" : null;
    }

    int capacity() {
        return channels.length;
    }

    int openCount() {
        int n = 0;
        for (SocketChannel ch : channels) {
            if (ch != null) {
                n++;
            }
        }
        return n;
    }

    long idleTimeoutMs() {
        return idleTimeoutMs;
    }

    String idleTimeoutSource() {
        return idleTimeoutSource;
    }

    /** Number of batches of {@code batch} needed for {@code n} items. */
    static int batches(int n, int batch) {
        return n <= 0 ? 0 : (n - 1) / batch + 1;
    }

    /**
     * Earliest start of batch {@code b} (0-based), in nanoseconds after the first, so that
     * connections are opened at no more than {@code perSecond} on average.
     */
    static long batchStartNanos(int b, int batch, int perSecond) {
        return (long) b * batch * 1_000_000_000L / perSecond;
    }

    /**
     * Null when this process may open {@code connections} more sockets plus the load's, else why not.
     * {@code open}/{@code max}: descriptors open now and the limit ({@code ulimit -n}); -1 if unknown.
     */
    static String fdShortfall(long open, long max, int connections, int loadConcurrency, int headroom) {
        if (open < 0 || max < 0) {
            return null;
        }
        long need = open + connections + loadConcurrency + headroom;
        if (need <= max) {
            return null;
        }
        return String.format(Locale.ROOT, "%d connections need about %d file descriptors (%d open now + %d held"
                + " + %d load + %d spare) but the limit is %d: raise it (ulimit -n) or lower --connections",
                connections, need, open, connections, loadConcurrency, headroom, max);
    }

    /**
     * Parses a response head in {@code b[0..len)}; null if the blank line ending it has not arrived.
     *
     * @throws BadAnswer if the status line is not HTTP/1.x
     */
    static Head parseHead(byte[] b, int len) throws BadAnswer {
        int end = -1;
        for (int i = 3; i < len; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            return null;
        }
        String text = new String(b, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        String statusLine = lines[0];
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new BadAnswer("bad status line: " + Benchmark.trim(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new BadAnswer("bad status line: " + Benchmark.trim(statusLine));
        }
        String connection = null;
        String keepAlive = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim();
            String value = lines[i].substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Connection")) {
                connection = value;
            } else if (name.equalsIgnoreCase("Keep-Alive")) {
                keepAlive = value;
            }
        }
        return new Head(status, end, connection, keepAlive);
    }

    /** The timeout=N parameter of a Keep-Alive header, in seconds; -1 when absent. */
    static long keepAliveTimeoutSeconds(String keepAlive) {
        if (keepAlive == null) {
            return -1;
        }
        for (String part : keepAlive.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("timeout")) {
                try {
                    return Long.parseLong(p.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private int nowMs() {
        return (int) ((System.nanoTime() - epoch) / 1_000_000);
    }

    /**
     * Connects slots {@code [from, to)}, waiting at most {@code timeoutMs} for the batch. Returns how
     * many connected; each failure is counted and reported.
     */
    int connect(int from, int to, long timeoutMs, Errors sink) {
        int connected = 0;
        try (Selector sel = Selector.open()) {
            int pending = 0;
            for (int i = from; i < to; i++) {
                SocketChannel ch = null;
                try {
                    ch = SocketChannel.open();
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    if (ch.connect(address)) {
                        hold(i, ch);
                        connected++;
                    } else {
                        ch.register(sel, SelectionKey.OP_CONNECT, i);
                        pending++;
                    }
                } catch (IOException e) {
                    closeQuietly(ch);
                    connectFailed(e.toString(), sink);
                }
            }
            long deadline = System.nanoTime() + timeoutMs * 1_000_000;
            while (pending > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                sel.select(left);
                for (Iterator<SelectionKey> it = sel.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    SocketChannel ch = (SocketChannel) k.channel();
                    try {
                        if (!ch.finishConnect()) {
                            continue;
                        }
                        k.cancel();
                        pending--;
                        hold((Integer) k.attachment(), ch);
                        connected++;
                    } catch (IOException e) {
                        k.cancel();
                        pending--;
                        closeQuietly(ch);
                        connectFailed(e.toString(), sink);
                    }
                }
            }
            for (SelectionKey k : new ArrayList<>(sel.keys())) {
                if (k.isValid()) {
                    closeQuietly((SocketChannel) k.channel());
                    connectFailed("no connection within " + timeoutMs + " ms", sink);
                }
            }
        } catch (IOException e) {
            // Selector.open failed (most likely out of file descriptors): the batch is lost.
            for (int i = from; i < to; i++) {
                if (channels[i] == null) {
                    connectFailed("selector: " + e, sink);
                }
            }
        }
        return connected;
    }

    private void hold(int i, SocketChannel ch) {
        channels[i] = ch;
        lastUseMs[i] = nowMs();
    }

    private void connectFailed(String why, Errors sink) {
        connectFailures++;
        sink.error("connect " + target + ": " + why);
    }

    /**
     * Sends a request on each open connection among slots {@code from, from + step, ... < to}, in
     * batches of {@link #BATCH} (a fresh request from {@code request} per batch, so that signatures
     * stay current), and reads each response head. Connections found closed are dropped.
     */
    Tally request(int from, int to, int step, Supplier<byte[]> request, long timeoutMs, String what, Errors sink) {
        Tally t = new Tally();
        long t0 = System.nanoTime();
        int[] batch = new int[BATCH];
        int n = 0;
        for (int i = from; i < to; i += step) {
            if (channels[i] != null) {
                batch[n++] = i;
                if (n == BATCH) {
                    requestBatch(batch, n, request.get(), timeoutMs, what, sink, t);
                    n = 0;
                    // A long round (the final check of 10 000) still notices closes elsewhere promptly.
                    pollIfDue(what, sink);
                }
            }
        }
        if (n > 0) {
            requestBatch(batch, n, request.get(), timeoutMs, what, sink, t);
        }
        t.seconds = (System.nanoTime() - t0) / 1e9;
        return t;
    }

    private void requestBatch(int[] batch, int n, byte[] request, long timeoutMs, String what, Errors sink,
                              Tally t) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        try (Selector sel = Selector.open()) {
            int pending = 0;
            for (int k = 0; k < n; k++) {
                int i = batch[k];
                SocketChannel ch = channels[i];
                if (heads[k] == null) {
                    heads[k] = ByteBuffer.allocate(MAX_HEAD);
                }
                heads[k].clear();
                try {
                    ByteBuffer w = ByteBuffer.wrap(request);
                    while (w.hasRemaining()) {
                        // A few hundred bytes into an idle socket's send buffer: written at once in
                        // practice; the loop only guards against a full buffer.
                        if (ch.write(w) == 0) {
                            if (System.nanoTime() > deadline) {
                                throw new IOException("request not written within " + timeoutMs + " ms");
                            }
                            Thread.onSpinWait();
                        }
                    }
                    t.sent++;
                    ch.register(sel, SelectionKey.OP_READ, k);
                    pending++;
                } catch (IOException e) {
                    // Writing to a connection the server reset fails here ("Broken pipe", "Connection
                    // reset"); one the server merely closed (FIN) accepts the write and reads EOF below.
                    serverClosed(i, "on write: " + e.getMessage(), what, sink);
                    t.closed++;
                }
            }
            while (pending > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                sel.select(left);
                for (Iterator<SelectionKey> it = sel.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    int k = (Integer) key.attachment();
                    if (readAnswer(batch[k], heads[k], what, sink, t)) {
                        key.cancel();
                        pending--;
                    }
                }
            }
            for (SelectionKey key : new ArrayList<>(sel.keys())) {
                if (key.isValid()) {
                    int i = batch[(Integer) key.attachment()];
                    t.timeouts++;
                    sink.error(what + " on a held connection: no answer within " + timeoutMs + " ms");
                    drop(i);
                }
            }
        } catch (IOException e) {
            // Selector.open failed: count the batch's requests as failed, keep the connections.
            t.otherErrors += n;
            sink.error(what + ": selector: " + e);
        }
    }

    /** Reads what arrived on connection i; true when its answer is complete (or it failed). */
    private boolean readAnswer(int i, ByteBuffer buf, String what, Errors sink, Tally t) {
        SocketChannel ch = channels[i];
        try {
            int r = ch.read(buf);
            if (r < 0) {
                serverClosed(i, "EOF before an answer", what, sink);
                t.closed++;
                return true;
            }
            Head h = parseHead(buf.array(), buf.position());
            while (h != null && h.status < 200) {
                // Interim answer (100 Continue): drop it, the final one follows.
                int rest = buf.position() - h.length;
                System.arraycopy(buf.array(), h.length, buf.array(), 0, rest);
                buf.position(rest);
                h = parseHead(buf.array(), rest);
            }
            if (h == null) {
                if (!buf.hasRemaining()) {
                    t.otherErrors++;
                    sink.error(what + " on a held connection: answer head over " + MAX_HEAD + " bytes");
                    drop(i);
                    return true;
                }
                return false;
            }
            int now = nowMs();
            long idle = now - lastUseMs[i];
            lastUseMs[i] = now;
            t.answered++;
            noteHeaders(h);
            if (h.status >= 200 && h.status < 300) {
                t.ok++;
                maxIdleAnsweredMs = Math.max(maxIdleAnsweredMs, idle);
            } else {
                t.httpErrors++;
                sink.error(what + " on a held connection: HTTP " + h.status);
            }
            if (buf.position() > h.length) {
                // A HEAD answer has no body: more bytes mean the stream is out of step.
                t.otherErrors++;
                sink.error(what + " on a held connection: " + (buf.position() - h.length)
                        + " unexpected bytes after the answer head; connection dropped");
                drop(i);
            } else if (h.close()) {
                connectionCloseAnswers++;
                t.otherErrors++;
                sink.error(what + " on a held connection: the server answered Connection: close");
                drop(i);
            }
            return true;
        } catch (BadAnswer e) {
            t.otherErrors++;
            sink.error(what + " on a held connection: " + e.getMessage());
            drop(i);
            return true;
        } catch (IOException e) {
            serverClosed(i, e.getMessage(), what, sink);
            t.closed++;
            return true;
        }
    }

    private void noteHeaders(Head h) {
        if (connectionHeader == null && h.connection != null) {
            connectionHeader = h.connection;
        }
        if (keepAliveHeader == null && h.keepAlive != null) {
            keepAliveHeader = h.keepAlive;
            long s = keepAliveTimeoutSeconds(h.keepAlive);
            if (idleTimeoutMs <= 0 && s > 0) {
                idleTimeoutMs = s * 1000;
                idleTimeoutSource = "Keep-Alive response header";
            }
        }
    }

    /**
     * One non-blocking read on every held connection, without sending anything: EOF or a reset means
     * the server closed it; bytes the server sends unasked (say a 408 before closing) likewise.
     * Returns how many were found closed.
     */
    int pollClosed(String what, Errors sink) {
        polls++;
        lastPollNanos = System.nanoTime();
        int closed = 0;
        for (int i = 0; i < channels.length; i++) {
            SocketChannel ch = channels[i];
            if (ch == null) {
                continue;
            }
            probe.clear();
            try {
                int r = ch.read(probe);
                if (r < 0) {
                    serverClosed(i, "EOF", what, sink);
                    closed++;
                } else if (r > 0) {
                    String first = new String(probe.array(), 0, probe.position(), StandardCharsets.ISO_8859_1);
                    int eol = first.indexOf('\r');
                    serverClosed(i, "sent unasked: " + (eol > 0 ? first.substring(0, eol) : Benchmark.trim(first)),
                            what, sink);
                    closed++;
                }
            } catch (IOException e) {
                serverClosed(i, e.getMessage(), what, sink);
                closed++;
            }
        }
        return closed;
    }

    /** {@link #pollClosed} if the last one was at least {@link #POLL_INTERVAL_MS} ago; else 0. */
    int pollIfDue(String what, Errors sink) {
        if (System.nanoTime() - lastPollNanos < POLL_INTERVAL_MS * 1_000_000) {
            return 0;
        }
        return pollClosed(what, sink);
    }

    /**
     * Connection i was closed by the server: an error, unless it had been idle for at least the
     * server's known idle timeout.
     */
    private void serverClosed(int i, String how, String what, Errors sink) {
        long idle = nowMs() - lastUseMs[i];
        drop(i);
        minIdleAtCloseMs = minIdleAtCloseMs < 0 ? idle : Math.min(minIdleAtCloseMs, idle);
        maxIdleAtCloseMs = Math.max(maxIdleAtCloseMs, idle);
        if (idleTimeoutMs > 0 && idle >= idleTimeoutMs - IDLE_TIMEOUT_SLACK_MS) {
            closedAfterIdleTimeout++;
        } else {
            closedEarly++;
            sink.error(what + ": held connection closed by the server (" + how + ")");
        }
    }

    private void drop(int i) {
        closeQuietly(channels[i]);
        channels[i] = null;
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < channels.length; i++) {
            drop(i);
        }
    }
}
