package io.ghostbay.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples, on one daemon thread until closed, the server's VmRSS from {@code /proc/PID/status} (when a
 * server pid is known) and this JVM's heap in use, keeping the highest value of each. One small file
 * read per interval: nothing measurable next to the load it watches.
 */
final class PeakMemory implements AutoCloseable {

    static final long INTERVAL_MS = 100;

    private final long serverPid;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean stop;
    private long peakServerRssKiB = -1;
    private long peakClientHeapBytes = -1;
    private int samples;

    PeakMemory(long serverPid) {
        this.serverPid = serverPid;
        sample();
        this.thread = new Thread(this::loop, "peak-memory");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (!stop) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private synchronized void sample() {
        if (serverPid > 0) {
            ProcStatus p = ProcStatus.read(serverPid);
            if (p != null) {
                peakServerRssKiB = Math.max(peakServerRssKiB, p.rssKiB); // -1: no reading
            }
        }
        peakClientHeapBytes = Math.max(peakClientHeapBytes, memory.getHeapMemoryUsage().getUsed());
        samples++;
    }

    /** Stops sampling (after one last sample). */
    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    synchronized long peakServerRssKiB() {
        return peakServerRssKiB;
    }

    synchronized long peakClientHeapBytes() {
        return peakClientHeapBytes;
    }

    synchronized int samples() {
        return samples;
    }

    /**
     * The server's peak resident set during a step: the highest sampled VmRSS, or VmHWM read after the
     * step when it rose during the step (then it is the exact peak, which sampling may have missed);
     * -1 when nothing was read.
     */
    static long stepPeakKiB(long sampledPeakKiB, ProcStatus before, ProcStatus after) {
        long peak = sampledPeakKiB;
        if (before != null && after != null && before.hwmKiB >= 0 && after.hwmKiB > before.hwmKiB) {
            peak = Math.max(peak, after.hwmKiB);
        }
        if (before != null) {
            peak = Math.max(peak, before.rssKiB);
        }
        if (after != null) {
            peak = Math.max(peak, after.rssKiB);
        }
        return peak;
    }
}
