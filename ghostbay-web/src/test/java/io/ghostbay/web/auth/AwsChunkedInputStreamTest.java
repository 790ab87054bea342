package io.ghostbay.web.auth;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsChunkedInputStreamTest {

    static final String DATE = "20130524T000000Z";
    static final String SCOPE = "20130524/us-east-1/s3/aws4_request";
    static final byte[] KEY = SigV4.signingKey(TestSigner.SECRET, "20130524", "us-east-1", "s3");
    static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    static final ChunkSigningContext DOC_CTX = new ChunkSigningContext(KEY, DATE, SCOPE, SEED);

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The S3 documentation's example body: 65536 + 1024 bytes of 'a'. */
    static byte[] docBody() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] sizes = {65536, 1024, 0};
        String[] sigs = {
            "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
            "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
            "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
        };
        for (int i = 0; i < 3; i++) {
            out.writeBytes(ascii(Integer.toHexString(sizes[i]) + ";chunk-signature=" + sigs[i] + "\r\n"));
            byte[] d = new byte[sizes[i]];
            Arrays.fill(d, (byte) 'a');
            out.writeBytes(d);
            out.writeBytes(ascii("\r\n"));
        }
        return out.toByteArray();
    }

    /** Signs an aws-chunked body with our own helpers. */
    static byte[] signedBody(ChunkSigningContext ctx, byte[] data, int chunkSize, Map<String, String> trailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String prev = ctx.seedSignature();
        int off = 0;
        while (true) {
            int n = Math.min(chunkSize, data.length - off);
            String sig = ctx.chunkSignature(prev, SigV4.sha256Hex(Arrays.copyOfRange(data, off, off + n)));
            out.writeBytes(ascii(Integer.toHexString(n) + ";chunk-signature=" + sig + "\r\n"));
            out.write(data, off, n);
            prev = sig;
            off += n;
            if (n == 0) {
                break;
            }
            out.writeBytes(ascii("\r\n"));
        }
        if (trailer == null) {
            out.writeBytes(ascii("\r\n"));
        } else {
            StringBuilder canonical = new StringBuilder();
            for (Map.Entry<String, String> e : trailer.entrySet()) {
                canonical.append(e.getKey()).append(':').append(e.getValue()).append('\n');
                out.writeBytes(ascii(e.getKey() + ":" + e.getValue() + "\r\n"));
            }
            out.writeBytes(ascii("x-amz-trailer-signature:" + ctx.trailerSignature(prev, SigV4.sha256Hex(canonical.toString())) + "\r\n\r\n"));
        }
        return out.toByteArray();
    }

    static byte[] readAll(InputStream in, int readSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[readSize];
        int n;
        while ((n = in.read(b, 0, b.length)) != -1) {
            out.write(b, 0, n);
        }
        return out.toByteArray();
    }

    static S3Exception fails(S3ErrorCode code, InputStream in) {
        S3Exception e = assertThrows(S3Exception.class, () -> readAll(in, 4096));
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void documentationExampleDecodes() throws IOException {
        byte[] body = docBody();
        assertEquals(66824, body.length);
        for (int readSize : new int[] {1, 7, 1000, 65536, 200_000}) {
            AwsChunkedInputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body), DOC_CTX, false, 66560);
            byte[] out = readAll(in, readSize);
            byte[] expected = new byte[66560];
            Arrays.fill(expected, (byte) 'a');
            assertArrayEquals(expected, out);
            assertEquals(66560, in.decodedLength());
            assertTrue(in.isComplete());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void singleByteReadsAndTrickleStream() throws IOException {
        // underlying stream returns at most 3 bytes per read
        InputStream trickle = new ByteArrayInputStream(docBody()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
        AwsChunkedInputStream in = new AwsChunkedInputStream(trickle, DOC_CTX, false);
        int count = 0;
        int c;
        while ((c = in.read()) != -1) {
            assertEquals('a', c);
            count++;
        }
        assertEquals(66560, count);
    }

    @Test
    void truncatedBodyIsIncomplete() {
        byte[] body = docBody();
        for (int cut : new int[] {0, 10, 100, 65536, 65536 + 87, 65536 + 88, body.length - 90, body.length - 70}) {
            fails(S3ErrorCode.INCOMPLETE_BODY,
                    new AwsChunkedInputStream(new ByteArrayInputStream(Arrays.copyOf(body, cut)), DOC_CTX, false));
        }
    }

    @Test
    void flippedDataByteFailsSignatureBeforeChunkEnds() throws IOException {
        byte[] body = docBody();
        body[87 + 5000] = 'b'; // inside the first chunk's data
        AwsChunkedInputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body), DOC_CTX, false);
        byte[] buf = new byte[65536];
        int total = 0;
        S3Exception e = null;
        try {
            int n;
            while ((n = in.read(buf, 0, 1000)) != -1) {
                total += n;
            }
        } catch (S3Exception ex) {
            e = ex;
        }
        assertTrue(e != null, "expected a signature failure");
        assertEquals(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, e.code());
        assertTrue(total < 65536, "the chunk's last bytes must not be delivered: " + total);
        // sticky
        S3Exception again = assertThrows(S3Exception.class, () -> in.read());
        assertEquals(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, again.code());
    }

    @Test
    void flippedSignatureOrWrongSeedFails() {
        byte[] body = docBody();
        body[30] = (byte) (body[30] == 'a' ? 'b' : 'a'); // inside the first chunk-signature hex
        fails(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, new AwsChunkedInputStream(new ByteArrayInputStream(body), DOC_CTX, false));
        ChunkSigningContext wrongSeed = new ChunkSigningContext(KEY, DATE, SCOPE, SigV4.EMPTY_SHA256);
        fails(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, new AwsChunkedInputStream(new ByteArrayInputStream(docBody()), wrongSeed, false));
        // reordered chunks: last chunk's signature chain is broken
        byte[] good = docBody();
        String s = new String(good, StandardCharsets.ISO_8859_1).replace(
                "0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
                "0;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648");
        fails(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                new AwsChunkedInputStream(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)), DOC_CTX, false));
    }

    @Test
    void ownSignedBodiesRoundTrip() throws IOException {
        Random r = new Random(7);
        ChunkSigningContext ctx = new ChunkSigningContext(KEY, DATE, SCOPE, SigV4.sha256Hex("seed"));
        for (int size : new int[] {0, 1, 8191, 8192, 8193, 100_000}) {
            byte[] data = new byte[size];
            r.nextBytes(data);
            for (int chunk : new int[] {1000, 8192, 65536}) {
                byte[] body = signedBody(ctx, data, chunk, null);
                AwsChunkedInputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body), ctx, false, size);
                assertArrayEquals(data, readAll(in, 1 + r.nextInt(20000)));
                Map<String, String> trailer = new LinkedHashMap<>();
                trailer.put("x-amz-checksum-crc32", "DUoRhQ==");
                body = signedBody(ctx, data, chunk, trailer);
                in = new AwsChunkedInputStream(new ByteArrayInputStream(body), ctx, true);
                assertArrayEquals(data, readAll(in, 4096));
                assertEquals(trailer, in.trailers());
            }
        }
    }

    @Test
    void decodedLengthMismatch() {
        fails(S3ErrorCode.INCOMPLETE_BODY, new AwsChunkedInputStream(new ByteArrayInputStream(docBody()), DOC_CTX, false, 70000));
        fails(S3ErrorCode.INVALID_REQUEST, new AwsChunkedInputStream(new ByteArrayInputStream(docBody()), DOC_CTX, false, 1000));
    }

    @Test
    void unsignedTrailer() throws IOException {
        byte[] body = ascii("b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n");
        AwsChunkedInputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body), null, true);
        assertEquals("hello world", new String(readAll(in, 3), StandardCharsets.US_ASCII));
        assertEquals(Map.of("x-amz-checksum-crc32", "DUoRhQ=="), in.trailers());
        assertEquals(11, in.decodedLength());

        // chunk extensions tolerated; multiple chunks; trailer names lowercased
        body = ascii("5;foo=bar\r\nhello\r\n6\r\n world\r\n0\r\nX-Amz-Checksum-CRC32C: yZRlqg==\r\n\r\n");
        in = new AwsChunkedInputStream(new ByteArrayInputStream(body), null, true);
        assertEquals("hello world", new String(readAll(in, 100), StandardCharsets.US_ASCII));
        assertEquals(Map.of("x-amz-checksum-crc32c", "yZRlqg=="), in.trailers());

        // trailer without terminating empty line
        fails(S3ErrorCode.INCOMPLETE_BODY, new AwsChunkedInputStream(new ByteArrayInputStream(
                ascii("b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n")), null, true));
        // malformed trailer line
        fails(S3ErrorCode.INVALID_REQUEST, new AwsChunkedInputStream(new ByteArrayInputStream(
                ascii("b\r\nhello world\r\n0\r\nnocolon\r\n\r\n")), null, true));
    }

    /**
     * Signed trailer cross-checked with an independent python3 (hmac/hashlib) computation: PUT
     * /examplebucket/trailer.txt with AWS's example credentials at 20130524T000000Z, body
     * "hello world", trailer x-amz-checksum-crc32c:yZRlqg==.
     */
    @Test
    void signedTrailerMatchesIndependentComputation() throws IOException {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Content-Encoding", List.of("aws-chunked"));
        h.put("Host", List.of("s3.amazonaws.com"));
        h.put("x-amz-content-sha256", List.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"));
        h.put("x-amz-date", List.of(DATE));
        h.put("x-amz-decoded-content-length", List.of("11"));
        h.put("x-amz-trailer", List.of("x-amz-checksum-crc32c"));
        h.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-trailer, "
                + "Signature=668b6b310a208438b977c496ecf90da00e78bd36d58400021ecaf8daf8010f53"));
        SigV4Verifier v = new SigV4Verifier("us-east-1",
                ak -> Optional.of(TestSigner.SECRET), Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC));
        AuthenticatedRequest auth = v.verify(new SigV4Request("PUT", "/examplebucket/trailer.txt", null, h));
        assertEquals(PayloadMode.STREAMING_SIGNED_TRAILER, auth.payloadMode());

        String body = "b;chunk-signature=6459b064a27218458be21e420dd8d065302aa8c1ab7091e3982c10f7fafb49e2\r\n"
                + "hello world\r\n"
                + "0;chunk-signature=6d7a7486d19bdcfe7bcc4487580f28117cb416086aca1a3a82c8c51e398cc9a4\r\n"
                + "x-amz-checksum-crc32c:yZRlqg==\r\n"
                + "x-amz-trailer-signature:10e48a8244828edc60715d11f45b32bdded70d606f1e5a54f44490593ad457be\r\n"
                + "\r\n";
        AwsChunkedInputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(ascii(body)), auth.chunkSigning(), true, 11);
        assertEquals("hello world", new String(readAll(in, 64), StandardCharsets.US_ASCII));
        assertEquals(Map.of("x-amz-checksum-crc32c", "yZRlqg=="), in.trailers());

        // tampered trailer value
        fails(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, new AwsChunkedInputStream(new ByteArrayInputStream(
                ascii(body.replace("yZRlqg==", "AAAAAA=="))), auth.chunkSigning(), true));
        // missing trailer signature
        fails(S3ErrorCode.INVALID_REQUEST, new AwsChunkedInputStream(new ByteArrayInputStream(
                ascii(body.replaceAll("x-amz-trailer-signature:[0-9a-f]+\r\n", ""))), auth.chunkSigning(), true));
    }

    @Test
    void malformedFraming() {
        // bad hex size
        fails(S3ErrorCode.INVALID_REQUEST, new AwsChunkedInputStream(new ByteArrayInputStream(ascii("zz\r\nabc\r\n0\r\n\r\n")), null, false));
        // empty size
        fails(S3ErrorCode.INVALID_REQUEST, new AwsChunkedInputStream(new ByteArrayInputStream(ascii(";x\r\n")), null, false));
        // missing CRLF after data
        fails(S3ErrorCode.INVALID_REQUEST, new AwsChunkedInputStream(new ByteArrayInputStream(ascii("3\r\nabcXY0\r\n\r\n")), null, false));
        // bare LF
        fails(S3ErrorCode.INVALID_REQUEST, new AwsChunkedInputStream(new ByteArrayInputStream(ascii("3\nabc\r\n0\r\n\r\n")), null, false));
        // header line too long
        String longLine = "3;" + "x".repeat(5000) + "\r\nabc\r\n0\r\n\r\n";
        fails(S3ErrorCode.INVALID_REQUEST, new AwsChunkedInputStream(new ByteArrayInputStream(ascii(longLine)), null, false));
        // chunk too large (64 MiB + 1)
        fails(S3ErrorCode.INVALID_REQUEST, new AwsChunkedInputStream(new ByteArrayInputStream(ascii("4000001\r\n")), null, false));
        // signed mode without chunk-signature
        fails(S3ErrorCode.INVALID_REQUEST, new AwsChunkedInputStream(new ByteArrayInputStream(ascii("3\r\nabc\r\n0\r\n\r\n")), DOC_CTX, false));
        // garbage after final chunk (no trailer expected)
        fails(S3ErrorCode.INVALID_REQUEST, new AwsChunkedInputStream(new ByteArrayInputStream(ascii("3\r\nabc\r\n0\r\nx:y\r\n\r\n")), null, false));
    }

    @Test
    void unsignedPlainAndLenientEnd() throws IOException {
        // 64 MiB exactly is allowed as a size (header only parsed here, data truncated → incomplete)
        fails(S3ErrorCode.INCOMPLETE_BODY, new AwsChunkedInputStream(new ByteArrayInputStream(ascii("4000000\r\nabc")), null, false));
        // final CRLF omitted is tolerated when no trailer is expected
        AwsChunkedInputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(ascii("3\r\nabc\r\n0\r\n")), null, false);
        assertEquals("abc", new String(readAll(in, 10), StandardCharsets.US_ASCII));
    }
}
