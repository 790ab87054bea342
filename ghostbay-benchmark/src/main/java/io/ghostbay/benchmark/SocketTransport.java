package io.ghostbay.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A deliberately small blocking HTTP/1.1 client over one keep-alive socket: no selector thread,
 * no futures, no per-request header maps. Supports Content-Length and chunked responses,
 * "Connection: close", interim 1xx responses and https (JDK default trust store).
 */
public final class SocketTransport implements Transport {

    private static final int BUF = 64 * 1024;

    private final String host;
    private final int port;
    private final boolean https;
    private final String hostHeader;
    private final byte[] lineBuf = new byte[8192];
    private final byte[] discard = new byte[BUF];

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean reused;

    public SocketTransport(String host, int port, boolean https, String hostHeader) {
        this.host = host;
        this.port = port;
        this.https = https;
        this.hostHeader = hostHeader;
    }

    private void open() throws IOException {
        Socket s;
        if (https) {
            SSLSocket ssl = (SSLSocket) SSLSocketFactory.getDefault().createSocket();
            SSLParameters p = ssl.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(p);
            s = ssl;
        } else {
            s = new Socket();
        }
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        s.connect(new InetSocketAddress(host, port), 10_000);
        s.setSoTimeout(120_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), BUF);
        out = new BufferedOutputStream(s.getOutputStream(), BUF);
        reused = false;
    }

    @Override
    public Response execute(String method, String pathAndQuery, List<String> headers, Body body,
                            boolean keepBody) throws IOException {
        boolean retriable = body == null || body.replayable();
        for (int attempt = 0; ; attempt++) {
            if (socket == null) {
                open();
            }
            boolean wasReused = reused;
            boolean sent = false;
            try {
                writeRequest(method, pathAndQuery, headers, body);
                sent = true;
                Response r = readResponse(method, keepBody);
                reused = true;
                return r;
            } catch (IOException e) {
                if (!sent && socket != null && body != null && body.length() > BUF) {
                    // Upload interrupted: the server may have answered early (e.g. 403) and
                    // closed. Try to read that answer so the error body can be shown.
                    try {
                        socket.setSoTimeout(2000);
                        Response early = readResponse(method, true);
                        close();
                        return early;
                    } catch (IOException | RuntimeException ignored) {
                        // no answer: report the write failure
                    }
                }
                close();
                // A server may close an idle keep-alive connection; retry once on a fresh one if
                // nothing came back on a reused connection.
                if (attempt == 0 && wasReused && retriable && (e instanceof StaleConnection || !sent)) {
                    continue;
                }
                throw e;
            }
        }
    }

    private void writeRequest(String method, String pathAndQuery, List<String> headers, Body body)
            throws IOException {
        StringBuilder sb = new StringBuilder(512);
        sb.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(hostHeader).append("\r\n");
        for (int i = 0; i < headers.size(); i += 2) {
            sb.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
        }
        if (body != null) {
            sb.append("Content-Length: ").append(body.length()).append("\r\n");
        } else if (method.equals("PUT") || method.equals("POST")) {
            sb.append("Content-Length: 0\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            body.writeTo(out);
        }
        out.flush();
    }

    /** Thrown when the connection closed before any byte of the response arrived. */
    private static final class StaleConnection extends EOFException {
        private static final long serialVersionUID = 1L;

        StaleConnection() {
            super("connection closed by server before response");
        }
    }

    private Response readResponse(String method, boolean keepBody) throws IOException {
        while (true) {
            int len = readLine(true);
            String statusLine = new String(lineBuf, 0, len, StandardCharsets.ISO_8859_1);
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("bad status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            boolean close = statusLine.startsWith("HTTP/1.0");
            String etag = null;
            String contentRange = null;
            while ((len = readLine(false)) > 0) {
                int colon = indexOf(lineBuf, len, (byte) ':');
                if (colon <= 0) {
                    continue;
                }
                if (nameIs(colon, "content-length")) {
                    contentLength = Long.parseLong(value(colon, len));
                } else if (nameIs(colon, "transfer-encoding")) {
                    chunked = value(colon, len).toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (nameIs(colon, "etag")) {
                    etag = value(colon, len);
                } else if (nameIs(colon, "content-range")) {
                    contentRange = value(colon, len);
                } else if (nameIs(colon, "connection")) {
                    String v = value(colon, len).toLowerCase(java.util.Locale.ROOT);
                    if (v.contains("close")) {
                        close = true;
                    } else if (v.contains("keep-alive")) {
                        close = false;
                    }
                }
            }
            if (status >= 100 && status < 200) {
                continue; // interim response (100 Continue): the real one follows
            }
            ByteArrayOutputStream keep = keepBody || status >= 300 ? new ByteArrayOutputStream(
                    contentLength > 0 && contentLength < (1 << 20) ? (int) contentLength : 1024) : null;
            long n = 0;
            if (method.equals("HEAD") || status == 204 || status == 304) {
                // no body
            } else if (chunked) {
                n = readChunked(keep);
            } else if (contentLength >= 0) {
                n = copy(contentLength, keep);
            } else {
                n = copy(Long.MAX_VALUE, keep);
                close = true;
            }
            if (close) {
                close();
            }
            return new Response(status, keep == null ? null : keep.toByteArray(), n, etag, contentLength,
                    contentRange);
        }
    }

    private long readChunked(ByteArrayOutputStream keep) throws IOException {
        long total = 0;
        while (true) {
            int len = readLine(false);
            String s = new String(lineBuf, 0, len, StandardCharsets.ISO_8859_1);
            int semi = s.indexOf(';');
            long size = Long.parseLong((semi >= 0 ? s.substring(0, semi) : s).trim(), 16);
            if (size == 0) {
                while (readLine(false) > 0) {
                    // trailers
                }
                return total;
            }
            total += copy(size, keep);
            readLine(false); // CRLF after chunk
        }
    }

    /** Copies up to {@code max} bytes (exactly, unless max is Long.MAX_VALUE = until EOF). */
    private long copy(long max, ByteArrayOutputStream keep) throws IOException {
        long left = max;
        long n = 0;
        while (left > 0) {
            int r = in.read(discard, 0, (int) Math.min(discard.length, left));
            if (r < 0) {
                if (max == Long.MAX_VALUE) {
                    return n;
                }
                throw new EOFException("connection closed after " + n + " of " + max + " body bytes");
            }
            if (keep != null) {
                keep.write(discard, 0, r);
            }
            n += r;
            left -= r;
        }
        return n;
    }

    /** Reads one CRLF-terminated line into lineBuf, returns its length without the CRLF. */
    private int readLine(boolean first) throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (first && n == 0) {
                    throw new StaleConnection();
                }
                throw new EOFException("connection closed in response header");
            }
            if (b == '\n') {
                return n > 0 && lineBuf[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == lineBuf.length) {
                throw new IOException("response header line too long");
            }
            lineBuf[n++] = (byte) b;
        }
    }

    private static int indexOf(byte[] b, int len, byte c) {
        for (int i = 0; i < len; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private boolean nameIs(int colon, String lowerName) {
        if (colon != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            int c = lineBuf[i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String value(int colon, int len) {
        return new String(lineBuf, colon + 1, len - colon - 1, StandardCharsets.ISO_8859_1).trim();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
            in = null;
            out = null;
        }
    }
}
