package io.ghostbay.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connections workload end to end against {@link FakeS3Server} in this JVM (a few hundred
 * connections, about two seconds each): held connections that stay open, ones the server closes
 * early (errors), and ones it closes after an idle timeout it announced (not errors).
 */
class ConnectionsWorkloadTest {

    @TempDir
    Path dir;

    private int run(FakeS3Server server, int connections, String json, String... extra) {
        String[] base = {"--endpoint", "http://127.0.0.1:" + server.port(), "--access-key", "AK",
            "--secret-key", "SK", "--workloads", "connections", "--connections", Integer.toString(connections),
            "--connections-load-concurrency", "2", "--object-size", "4KiB", "--warmup", "200ms",
            "--server-pid", Long.toString(ProcessHandle.current().pid()), "--json", json};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return Benchmark.run(all);
    }

    @Test
    void heldConnectionsStayOpenThroughTheLoad() throws Exception {
        Path json = dir.resolve("held.json");
        try (FakeS3Server server = new FakeS3Server(0, 4096, -1, false)) {
            assertEquals(0, run(server, 250, json.toString(), "--duration", "1s"));
        }
        String out = Files.readString(json);
        assertTrue(out.contains("\"opened\": 250,"), out);
        assertTrue(out.contains("\"connectFailures\": 0,"), out);
        assertTrue(out.contains("\"heldAfterFirstRequest\": 250,"), out);
        assertTrue(out.contains("\"stillOpen\": 250,"), out);
        assertTrue(out.contains("\"closedByServer\": 0,"), out);
        // Halfway sample: every 100th of 250 connections = 3 requests.
        assertTrue(out.contains("\"sampleEvery\": 100,\n"), out);
        assertTrue(out.contains("\"sent\": 3,"), out);
        assertTrue(out.contains("\"vmRssKiB\": "), out);
        assertTrue(out.contains("\"totalErrors\": 0,"), out);
    }

    @Test
    void connectionsClosedByTheServerAreErrors() throws Exception {
        Path json = dir.resolve("closed.json");
        try (FakeS3Server server = new FakeS3Server(0, 4096, 400, false)) {
            assertEquals(1, run(server, 150, json.toString(), "--duration", "1s"));
        }
        String out = Files.readString(json);
        assertTrue(out.contains("\"heldAfterFirstRequest\": 150,"), out);
        assertTrue(out.contains("\"stillOpen\": 0,"), out);
        assertTrue(out.contains("\"closedEarly\": 150,"), out);
        assertTrue(out.contains("\"closedAfterIdleTimeout\": 0,"), out);
        assertTrue(out.contains("held connection closed by the server (EOF)"), out);
    }

    @Test
    void closesAfterAnAnnouncedIdleTimeoutAreExpected() throws Exception {
        Path json = dir.resolve("idle.json");
        try (FakeS3Server server = new FakeS3Server(0, 4096, 1000, true)) {
            assertEquals(0, run(server, 150, json.toString(), "--duration", "1500ms"));
        }
        String out = Files.readString(json);
        assertTrue(out.contains("\"serverKeepAliveHeader\": \"timeout=1\","), out);
        assertTrue(out.contains("\"idleTimeoutSource\": \"Keep-Alive response header\","), out);
        // Every connection is closed by the 1 s timeout, except those of the halfway sample (every
        // 100th) when the sample's HEAD reached them first and renewed their idle time.
        int idleClosed = intField(out, "closedAfterIdleTimeout");
        assertTrue(idleClosed >= 148, out);
        assertEquals(150, idleClosed + intField(out, "stillOpen"), out);
        assertTrue(out.contains("\"closedEarly\": 0,"), out);
        assertTrue(out.contains("\"totalErrors\": 0,"), out);
    }

    private static int intField(String json, String name) {
        int at = json.indexOf("\"" + name + "\": ");
        assertTrue(at >= 0, name + " in " + json);
        int from = at + name.length() + 4;
        int to = from;
        while (Character.isDigit(json.charAt(to))) {
            to++;
        }
        return Integer.parseInt(json.substring(from, to));
    }

    @Test
    void refusesHttpsEndpoints() {
        assertEquals(2, Benchmark.run(new String[] {"--endpoint", "https://127.0.0.1:1", "--access-key", "a",
            "--secret-key", "b", "--workloads", "connections"}));
    }
}
