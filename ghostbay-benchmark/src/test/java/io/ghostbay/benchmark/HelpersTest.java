package io.ghostbay.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class HelpersTest {

    @Test
    void histogramPercentilesWithinTwoPercent() {
        Histogram h = new Histogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 1000); // 1 µs .. 100 ms
        }
        assertEquals(100_000, h.count());
        assertClose(50_000_000, h.percentile(0.5));
        assertClose(99_000_000, h.percentile(0.99));
        assertClose(99_900_000, h.percentile(0.999));
        assertEquals(100_000_000, h.maxNanos());
        Histogram other = new Histogram();
        other.record(5);
        other.add(h);
        assertEquals(100_001, other.count());
        Histogram one = new Histogram();
        one.record(5);
        assertEquals(5, one.percentile(0.99));
    }

    private static void assertClose(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected * 0.02, expected + " vs " + actual);
    }

    @Test
    void histogramBucketsAreMonotonic() {
        long prev = -1;
        for (long v = 0; v < 1L << 40; v = v * 3 / 2 + 1) {
            int i = Histogram.index(v);
            long mid = Histogram.valueOf(i);
            assertTrue(mid >= prev, "monotonic at " + v);
            assertTrue(Math.abs(mid - v) <= Math.max(1, v / 64), v + " -> " + mid);
            prev = mid;
        }
    }

    @Test
    void sizesAndDurations() {
        assertEquals(4096, Options.size("x", "4KiB"));
        assertEquals(4000, Options.size("x", "4KB"));
        assertEquals(1L << 30, Options.size("x", "1GiB"));
        assertEquals(1536L << 20, Options.size("x", "1.5GiB"));
        assertEquals(10000, Options.size("x", "10000"));
        assertEquals(10_000, Options.duration("x", "10s"));
        assertEquals(500, Options.duration("x", "500ms"));
        assertEquals(90_000, Options.duration("x", "1.5m"));
    }

    @Test
    void parsesCommandLine() {
        Options o = Options.parse(new String[] {"--endpoint", "http://127.0.0.1:9000", "--access-key=AK",
            "--secret-key", "SK", "--workloads", "small,large", "--concurrency", "2,8", "--duration", "3s"});
        assertEquals("AK", o.accessKey);
        assertEquals(java.util.List.of("small", "large"), o.workloads);
        assertEquals(java.util.List.of(2, 8), o.concurrency);
        assertEquals(3000, o.durationMs);
    }

    @Test
    void listXmlHelpers() {
        String xml = "<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>a</Key></Contents>"
                + "<Contents><Key>b</Key></Contents><NextContinuationToken>x&amp;y/+=</NextContinuationToken>"
                + "</ListBucketResult>";
        assertEquals(2, Benchmark.count(xml, "<Contents>"));
        assertEquals("x&y/+=", Benchmark.between(xml, "<NextContinuationToken>", "</NextContinuationToken>"));
        assertEquals("<a>&#", Benchmark.xmlUnescape("&lt;a&gt;&amp;&#35;"));
    }

    @Test
    void errorKindsIgnoreKeys() {
        String a = Benchmark.errorKind("PUT gbbench-0123abcd/small/obj-1: HTTP 403 <Error><Code>AccessDenied</Code>");
        String b = Benchmark.errorKind("PUT gbbench-0123abcd/small/obj-9: HTTP 403 <Error><Code>AccessDenied</Code>");
        assertEquals(a, b);
        assertEquals("PUT *: HTTP 403 AccessDenied", a);
    }

    @Test
    void generatedBodyStreamAndWriterAgree() throws IOException {
        GeneratedBody body = new GeneratedBody(3 * GeneratedBody.SLICE + 123, 9);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        body.writeTo(written);
        byte[] streamed;
        try (InputStream in = body.openStream()) {
            streamed = in.readAllBytes();
        }
        assertEquals(body.length(), written.size());
        assertTrue(java.util.Arrays.equals(written.toByteArray(), streamed));
    }
}
