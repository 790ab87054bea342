package io.ghostbay.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the connections workload: flags, /proc parsing, batching, response heads. */
class ConnectionsTest {

    @Test
    void parsesConnectionsFlags() {
        Options d = TestOptions.parse();
        assertEquals(10_000, d.connections);
        assertEquals(16, d.connectionsLoadConcurrency);
        assertEquals(-1, d.connectionsIdleTimeoutMs);

        Options o = TestOptions.parse("--workloads", "connections", "--connections", "2000",
                "--connections-load-concurrency=4", "--connections-idle-timeout", "5s");
        assertEquals(List.of("connections"), o.workloads);
        assertEquals(2000, o.connections);
        assertEquals(4, o.connectionsLoadConcurrency);
        assertEquals(5000, o.connectionsIdleTimeoutMs);
        assertEquals(10_000, TestOptions.parse("--connections", "10k").connections);

        assertThrows(IllegalArgumentException.class, () -> TestOptions.parse("--connections", "0"));
        assertThrows(IllegalArgumentException.class, () -> TestOptions.parse("--connections", "70000"));
        assertThrows(IllegalArgumentException.class, () -> TestOptions.parse("--connections", "many"));
        assertThrows(IllegalArgumentException.class, () -> TestOptions.parse("--connections-load-concurrency", "0"));
        assertThrows(IllegalArgumentException.class, () -> TestOptions.parse("--workloads", "conns"));
    }

    @Test
    void readsRssAndHwmFromProcStatus() {
        // Shape of a Linux /proc/PID/status (abridged).
        String status = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t18077\n"
                + "VmPeak:\t 4012345 kB\nVmSize:\t 3961048 kB\nVmLck:\t       0 kB\n"
                + "VmHWM:\t  612340 kB\nVmRSS:\t  459860 kB\nRssAnon:\t  401234 kB\nThreads:\t98\n";
        ProcStatus p = ProcStatus.parse(status);
        assertEquals(459_860, p.rssKiB);
        assertEquals(612_340, p.hwmKiB);
        assertEquals(459_860 / 1024.0, ProcStatus.mib(p.rssKiB));
        // VmRSS must not match RssAnon; missing lines (kernel threads) give -1.
        assertEquals(401_234, ProcStatus.kib(status, "RssAnon"));
        ProcStatus kthread = ProcStatus.parse("Name:\tkworker/0:1\nState:\tI (idle)\n");
        assertEquals(-1, kthread.rssKiB);
        assertEquals(-1, kthread.hwmKiB);
        assertNull(ProcStatus.mib(-1));
        assertEquals(-1, ProcStatus.kib("VmRSS:\t12 MB\n", "VmRSS"));
        assertNull(ProcStatus.read(-1));
        // This process's own status parses.
        ProcStatus self = ProcStatus.read(ProcessHandle.current().pid());
        assertNotNull(self);
        assertTrue(self.rssKiB > 0 && self.hwmKiB >= self.rssKiB, self.rssKiB + " / " + self.hwmKiB);
    }

    @Test
    void batchingArithmetic() {
        assertEquals(0, HeldConnections.batches(0, 100));
        assertEquals(1, HeldConnections.batches(1, 100));
        assertEquals(1, HeldConnections.batches(100, 100));
        assertEquals(2, HeldConnections.batches(101, 100));
        assertEquals(100, HeldConnections.batches(10_000, 100));
        // 100 per batch at 2000/s: a batch every 50 ms, the 100th batch after 4.95 s.
        assertEquals(0, HeldConnections.batchStartNanos(0, 100, 2000));
        assertEquals(50_000_000L, HeldConnections.batchStartNanos(1, 100, 2000));
        assertEquals(4_950_000_000L, HeldConnections.batchStartNanos(99, 100, 2000));
        // No overflow for the largest count allowed.
        assertEquals(32_000_000_000L, HeldConnections.batchStartNanos(640, 100, 2000));
    }

    @Test
    void fileDescriptorCheck() {
        assertNull(HeldConnections.fdShortfall(40, 20_000, 10_000, 16, 100));
        assertNull(HeldConnections.fdShortfall(40, 10_156, 10_000, 16, 100));
        String why = HeldConnections.fdShortfall(40, 10_155, 10_000, 16, 100);
        assertNotNull(why);
        assertTrue(why.contains("10156") && why.contains("ulimit -n"), why);
        assertNull(HeldConnections.fdShortfall(-1, -1, 10_000, 16, 100)); // unknown: not checked
    }

    @Test
    void parsesResponseHeads() throws Exception {
        byte[] b = ("HTTP/1.1 200 OK\r\nContent-Length: 4096\r\nconnection: Keep-Alive\r\n"
                + "KEEP-ALIVE: timeout=5, max=1000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        HeldConnections.Head h = HeldConnections.parseHead(b, b.length);
        assertEquals(200, h.status);
        assertEquals(b.length, h.length);
        assertEquals("Keep-Alive", h.connection);
        assertEquals("timeout=5, max=1000", h.keepAlive);
        assertTrue(!h.close());
        assertNull(HeldConnections.parseHead(b, b.length - 1), "incomplete head");

        byte[] c = "HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\nleftover".getBytes(StandardCharsets.ISO_8859_1);
        HeldConnections.Head hc = HeldConnections.parseHead(c, c.length);
        assertEquals(403, hc.status);
        assertTrue(hc.close());
        assertEquals(c.length - "leftover".length(), hc.length);
        assertNull(hc.keepAlive);

        byte[] bad = "SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(HeldConnections.BadAnswer.class, () -> HeldConnections.parseHead(bad, bad.length));
    }

    @Test
    void keepAliveTimeout() {
        assertEquals(5, HeldConnections.keepAliveTimeoutSeconds("timeout=5, max=1000"));
        assertEquals(60, HeldConnections.keepAliveTimeoutSeconds("max=100, Timeout = 60"));
        assertEquals(-1, HeldConnections.keepAliveTimeoutSeconds("max=100"));
        assertEquals(-1, HeldConnections.keepAliveTimeoutSeconds("timeout=soon"));
        assertEquals(-1, HeldConnections.keepAliveTimeoutSeconds(null));
    }

    @Test
    void rssColumn() {
        assertNull(Benchmark.rssTriple(null, null, null));
        assertEquals("100.0 / 150.5 / -", Benchmark.rssTriple(new ProcStatus(102_400, 102_400),
                new ProcStatus(154_112, 160_000), null));
    }
}
