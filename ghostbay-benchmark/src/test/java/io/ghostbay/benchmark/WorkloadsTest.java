package io.ghostbay.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The large-concurrent and list workloads end to end against {@link FakeS3Server} in this JVM, at tiny
 * sizes (a few hundred keys, objects of 256 KiB, steps of 200 ms).
 */
class WorkloadsTest {

    @TempDir
    Path dir;

    private static int run(FakeS3Server server, String json, String... extra) {
        String[] base = {"--endpoint", "http://127.0.0.1:" + server.port(), "--access-key", "AK",
            "--secret-key", "SK", "--warmup", "100ms", "--duration", "200ms", "--concurrency", "4",
            "--json", json};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return Benchmark.run(all);
    }

    private static final String PREFIX = ListLayout.fixturePrefix(250);
    private static final String MARKER = ListLayout.markerKey(250);

    private int listReuse(FakeS3Server server, Path json) {
        return run(server, json.toString(), "--workloads", "list", "--list-keys", "250", "--list-reuse",
                "--bucket", "fixture");
    }

    @Test
    void listReuseCreatesThenReusesThenFinishesAnInterruptedFixture() throws Exception {
        try (FakeS3Server server = FakeS3Server.storing()) {
            // 1. Nothing there: the fixture is listed (one empty page), created, marked, and kept.
            Path first = dir.resolve("first.json");
            assertEquals(0, listReuse(server, first));
            String out = Files.readString(first);
            assertTrue(out.contains("\"markerFound\": false,"), out);
            assertTrue(out.contains("\"keysFound\": 0,"), out);
            assertTrue(out.contains("\"keysCreated\": 250,"), out);
            assertTrue(out.contains("\"markerWritten\": true"), out);
            assertTrue(out.contains("\"step\": \"setup-put\","), out);
            assertTrue(out.contains("\"totalErrors\": 0,"), out);
            assertTrue(out.contains("\"keysDeleted\": 0,"), out);
            assertEquals(251, server.store().size());
            assertTrue(server.store().containsKey(MARKER));
            assertTrue(server.store().containsKey(PREFIX + "dir-002/obj-00249"));
            int puts = server.requests("PUT object");
            assertEquals(251, puts);

            // 2. Marker found: nothing created, nothing deleted, the walks see all keys.
            Path second = dir.resolve("second.json");
            assertEquals(0, listReuse(server, second));
            out = Files.readString(second);
            assertTrue(out.contains("\"markerFound\": true,"), out);
            assertTrue(out.contains("\"keysCreated\": 0"), out);
            assertFalse(out.contains("setup-put"), out);
            assertTrue(out.contains("\"step\": \"delimiter-walk\","), out);
            assertTrue(out.contains("\"totalErrors\": 0,"), out);
            assertEquals(puts, server.requests("PUT object"));
            assertEquals(251, server.store().size());

            // 3. An interrupted creation (no marker, 50 keys missing): only those are PUT.
            server.store().remove(MARKER);
            for (int i = 100; i < 150; i++) {
                server.store().remove(new ListLayout(PREFIX, 250).key(i));
            }
            Path third = dir.resolve("third.json");
            assertEquals(0, listReuse(server, third));
            out = Files.readString(third);
            assertTrue(out.contains("\"keysFound\": 200,"), out);
            assertTrue(out.contains("\"keysCreated\": 50,"), out);
            assertTrue(out.contains("\"markerWritten\": true"), out);
            assertEquals(puts + 51, server.requests("PUT object"));
            assertEquals(251, server.store().size());
        }
    }

    @Test
    void listWithoutReuseDeletesItsKeys() throws Exception {
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        long interval = Benchmark.progressIntervalMs;
        try (FakeS3Server server = FakeS3Server.storing()) {
            Path json = dir.resolve("list.json");
            Benchmark.progressIntervalMs = 20;
            System.setOut(new java.io.PrintStream(new TeeStream(stdout, printed), true));
            try {
                assertEquals(0, run(server, json.toString(), "--workloads", "list", "--list-keys", "1500"));
            } finally {
                System.setOut(stdout);
                Benchmark.progressIntervalMs = interval;
            }
            assertTrue(printed.toString().matches("(?s).*\\n    \\d+ of 1500 keys PUT, \\d+ keys/s over the last"
                    + " 0 s.*"), printed.toString());
            String out = Files.readString(json);
            assertTrue(out.contains("\"reuse\": false,"), out);
            assertTrue(out.contains("\"keysDeleted\": 1500,"), out);
            assertTrue(out.contains("\"totalErrors\": 0,"), out);
            assertEquals(0, server.store().size());
        }
    }

    @Test
    void largeConcurrentPutsGetsAndDeletes() throws Exception {
        try (FakeS3Server server = FakeS3Server.storing()) {
            Path json = dir.resolve("lc.json");
            assertEquals(0, run(server, json.toString(), "--workloads", "large-concurrent",
                    "--large-concurrent-streams", "4", "--large-size", "256KiB",
                    "--server-pid", Long.toString(ProcessHandle.current().pid())));
            String out = Files.readString(json);
            assertTrue(out.contains("\"largeConcurrent\": {"), out);
            assertTrue(out.contains("\"step\": \"put\","), out);
            assertTrue(out.contains("\"step\": \"get\","), out);
            assertEquals(2, Benchmark.count(out, "\"streamsOk\": 4,"), out);
            assertTrue(out.contains("\"peakRssKiB\": "), out);
            assertFalse(out.contains("\"peakRssKiB\": null"), out);
            assertTrue(out.contains("\"keysDeleted\": 4,"), out);
            assertTrue(out.contains("\"totalErrors\": 0,"), out);
            assertEquals(4, server.requests("PUT object"));
            assertEquals(4, server.requests("GET object"));
            assertEquals(0, server.store().size());
        }
    }

    @Test
    void largeConcurrentChecksTheBytesRead() throws Exception {
        // A non-storing stub answers every GET with 1000 bytes: each of the 3 GET streams is an error.
        try (FakeS3Server server = new FakeS3Server(0, 1000, -1, false)) {
            Path json = dir.resolve("short.json");
            assertEquals(1, run(server, json.toString(), "--workloads", "large-concurrent",
                    "--large-concurrent-streams", "3", "--large-size", "64KiB"));
            String out = Files.readString(json);
            assertTrue(out.contains("\"streamsOk\": 0,"), out);
            assertTrue(out.contains("\"totalErrors\": 3,"), out);
            assertTrue(out.contains("got 1000 bytes, expected 65536"), out);
            assertTrue(out.contains("\"serverMemory\": null"), out);
        }
    }

    /** Writes to two streams (the test's output stays visible). */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
