package io.ghostbay.web.auth;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code Content-Encoding: aws-chunked} body, verifying chunk signatures (when a
 * {@link ChunkSigningContext} is given) and parsing trailer headers (when a trailer is expected).
 *
 * <p>Framing: {@code hex-size[;chunk-signature=<64 hex>]\r\n<data>\r\n} ... {@code 0[;...]\r\n}, then
 * either {@code \r\n} (no trailer) or trailer lines {@code name:value\r\n} (plus
 * {@code x-amz-trailer-signature:<hex>\r\n} when signed) and a final {@code \r\n}.
 *
 * <p>Chunk data is streamed through (hashed incrementally, never buffered whole). A chunk's
 * signature is verified in the same {@code read} call that would deliver the chunk's last bytes,
 * so a bad chunk raises before those bytes are returned and always before EOF is reported.
 * Errors are {@link S3Exception}s: INCOMPLETE_BODY (truncated), SIGNATURE_DOES_NOT_MATCH (bad chunk
 * or trailer signature), INVALID_REQUEST (malformed framing). Not thread-safe.
 */
public final class AwsChunkedInputStream extends InputStream {

    /** Maximum length of a chunk header or trailer line, excluding CRLF. */
    public static final int MAX_LINE = 4096;
    /** Maximum size of a single chunk. */
    public static final long MAX_CHUNK_SIZE = 64L * 1024 * 1024;
    /** Maximum number of trailer lines. */
    public static final int MAX_TRAILER_LINES = 64;

    private static final String CHUNK_SIGNATURE = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private enum State { HEADER, DATA, DONE }

    private final InputStream raw;
    private final ChunkSigningContext ctx;
    private final boolean trailerExpected;
    private final long expectedDecodedLength;
    private final MessageDigest chunkDigest;

    private final byte[] buf = new byte[8192];
    private int bufPos;
    private int bufLen;
    private final byte[] lineBuf = new byte[MAX_LINE + 1]; // line + CR

    private State state = State.HEADER;
    private long remaining;
    private long decoded;
    private String previousSignature;
    private String currentChunkSignature;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private RuntimeException failure;

    /**
     * @param raw             the encoded body
     * @param ctx             signing context for signed chunks, or null for unsigned chunks
     * @param trailerExpected true for the *-TRAILER payload modes
     */
    public AwsChunkedInputStream(InputStream raw, ChunkSigningContext ctx, boolean trailerExpected) {
        this(raw, ctx, trailerExpected, -1L);
    }

    /**
     * @param expectedDecodedLength the x-amz-decoded-content-length, or -1 if unknown; a body that
     *                              decodes to fewer bytes fails with INCOMPLETE_BODY, more with INVALID_REQUEST
     */
    public AwsChunkedInputStream(InputStream raw, ChunkSigningContext ctx, boolean trailerExpected,
                                 long expectedDecodedLength) {
        this.raw = raw;
        this.ctx = ctx;
        this.trailerExpected = trailerExpected;
        this.expectedDecodedLength = expectedDecodedLength;
        this.chunkDigest = ctx == null ? null : SigV4.newSha256();
        this.previousSignature = ctx == null ? null : ctx.seedSignature().toLowerCase(Locale.ROOT);
    }

    /** Trailer headers (lowercase names, excluding x-amz-trailer-signature); complete once EOF was reported. */
    public Map<String, String> trailers() {
        return Collections.unmodifiableMap(trailers);
    }

    /** Number of decoded payload bytes returned so far (the full decoded length after EOF). */
    public long decodedLength() {
        return decoded;
    }

    /** True once the terminating chunk (and trailer, if any) has been read and verified. */
    public boolean isComplete() {
        return state == State.DONE;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (off < 0 || len < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException();
        }
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        try {
            return doRead(b, off, len);
        } catch (S3Exception e) {
            failure = e;
            throw e;
        }
    }

    private int doRead(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (state == State.DONE) {
                return -1;
            }
            if (state == State.HEADER) {
                readChunkHeader();
                continue;
            }
            int want = (int) Math.min(len, remaining);
            int n;
            if (bufPos < bufLen) {
                n = Math.min(want, bufLen - bufPos);
                System.arraycopy(buf, bufPos, b, off, n);
                bufPos += n;
            } else {
                n = raw.read(b, off, want);
                if (n < 0) {
                    throw incomplete();
                }
                if (n == 0) {
                    continue;
                }
            }
            if (chunkDigest != null) {
                chunkDigest.update(b, off, n);
            }
            remaining -= n;
            decoded += n;
            if (remaining == 0) {
                finishChunkData();
            }
            return n;
        }
    }

    private void readChunkHeader() throws IOException {
        int len = readLine();
        String header = new String(lineBuf, 0, len, StandardCharsets.ISO_8859_1);
        int semi = header.indexOf(';');
        String sizeStr = (semi < 0 ? header : header.substring(0, semi)).strip();
        long size = parseHexSize(sizeStr);
        String signature = null;
        if (semi >= 0) {
            for (String ext : header.substring(semi + 1).split(";")) {
                String e = ext.strip();
                if (e.startsWith(CHUNK_SIGNATURE)) {
                    signature = e.substring(CHUNK_SIGNATURE.length());
                }
            }
        }
        if (ctx != null) {
            if (signature == null) {
                throw invalid("Missing chunk-signature in aws-chunked chunk header.");
            }
            if (!isHex64(signature)) {
                throw invalid("Malformed chunk-signature in aws-chunked chunk header.");
            }
            currentChunkSignature = signature.toLowerCase(Locale.ROOT);
        }
        if (expectedDecodedLength >= 0 && decoded + size > expectedDecodedLength) {
            throw invalid("The aws-chunked body is longer than x-amz-decoded-content-length.");
        }
        if (size == 0) {
            if (ctx != null) {
                verifyChunk(SigV4.EMPTY_SHA256);
            }
            readTerminal();
            if (expectedDecodedLength >= 0 && decoded != expectedDecodedLength) {
                throw incomplete();
            }
            state = State.DONE;
        } else {
            remaining = size;
            state = State.DATA;
            if (chunkDigest != null) {
                chunkDigest.reset();
            }
        }
    }

    private void finishChunkData() throws IOException {
        int cr = readByte();
        int lf = cr < 0 ? -1 : readByte();
        if (cr < 0 || lf < 0) {
            throw incomplete();
        }
        if (cr != '\r' || lf != '\n') {
            throw invalid("Expected CRLF after aws-chunked chunk data.");
        }
        if (ctx != null) {
            verifyChunk(SigV4.hex(chunkDigest.digest()));
        }
        state = State.HEADER;
    }

    private void verifyChunk(String chunkSha256Hex) {
        String expected = ctx.chunkSignature(previousSignature, chunkSha256Hex);
        if (!SigV4.constantTimeEquals(expected, currentChunkSignature)) {
            throw S3Exception.of(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH)
                    .with("SignatureProvided", currentChunkSignature);
        }
        previousSignature = currentChunkSignature;
    }

    /** After the zero-length chunk: the empty line, or trailer lines then the empty line. */
    private void readTerminal() throws IOException {
        if (!trailerExpected) {
            if (bufPos >= bufLen && !fill()) {
                return; // tolerate a body that ends right after the final chunk header
            }
            int len = readLine();
            if (len != 0) {
                throw invalid("Unexpected data after the final aws-chunked chunk.");
            }
            return;
        }
        StringBuilder canonical = new StringBuilder();
        String trailerSignature = null;
        int lines = 0;
        while (true) {
            int len = readLine();
            if (len == 0) {
                break;
            }
            if (++lines > MAX_TRAILER_LINES) {
                throw invalid("Too many trailer headers in aws-chunked body.");
            }
            String line = new String(lineBuf, 0, len, StandardCharsets.UTF_8);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw invalid("Malformed trailer header in aws-chunked body.");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals(TRAILER_SIGNATURE)) {
                trailerSignature = value;
            } else {
                trailers.put(name, value);
                canonical.append(name).append(':').append(value).append('\n');
            }
        }
        if (ctx != null) {
            if (trailerSignature == null) {
                throw invalid("Missing x-amz-trailer-signature in aws-chunked trailer.");
            }
            String expected = ctx.trailerSignature(previousSignature, SigV4.sha256Hex(canonical.toString()));
            if (!SigV4.constantTimeEquals(expected, trailerSignature)) {
                throw S3Exception.of(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH)
                        .with("SignatureProvided", trailerSignature);
            }
        }
    }

    private static long parseHexSize(String s) {
        if (s.isEmpty() || s.length() > 16) {
            throw invalid("Malformed aws-chunked chunk size.");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                throw invalid("Malformed aws-chunked chunk size.");
            }
            v = (v << 4) | d;
            if (v > MAX_CHUNK_SIZE) {
                throw invalid("aws-chunked chunk size exceeds the maximum of " + MAX_CHUNK_SIZE + " bytes.");
            }
        }
        return v;
    }

    private static boolean isHex64(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads one CRLF-terminated line into lineBuf; returns its length (without CRLF). */
    private int readLine() throws IOException {
        int len = 0;
        while (true) {
            if (bufPos >= bufLen && !fill()) {
                throw incomplete();
            }
            byte c = buf[bufPos++];
            if (c == '\n') {
                if (len == 0 || lineBuf[len - 1] != '\r') {
                    throw invalid("Expected CRLF line ending in aws-chunked body.");
                }
                return len - 1;
            }
            if (len > MAX_LINE) {
                throw invalid("aws-chunked header line too long.");
            }
            lineBuf[len++] = c;
        }
    }

    private int readByte() throws IOException {
        if (bufPos >= bufLen && !fill()) {
            return -1;
        }
        return buf[bufPos++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = raw.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        bufPos = 0;
        bufLen = n;
        return true;
    }

    @Override
    public int available() {
        if (state != State.DATA) {
            return 0;
        }
        return (int) Math.min(remaining, bufLen - bufPos);
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    private static S3Exception incomplete() {
        return S3Exception.of(S3ErrorCode.INCOMPLETE_BODY);
    }

    private static S3Exception invalid(String message) {
        return S3Exception.of(S3ErrorCode.INVALID_REQUEST, message);
    }
}
