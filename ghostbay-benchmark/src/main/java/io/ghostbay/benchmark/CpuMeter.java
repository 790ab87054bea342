package io.ghostbay.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of this process and, optionally, of the server process (Linux /proc). */
public final class CpuMeter {

    private final long serverPid;
    private final long ticksPerSecond;
    private final java.lang.management.OperatingSystemMXBean os =
            ManagementFactory.getOperatingSystemMXBean();

    public CpuMeter(long serverPid) {
        this.serverPid = serverPid;
        this.ticksPerSecond = serverPid > 0 ? clockTicks() : 100;
        if (serverPid > 0 && serverCpuNanos() < 0) {
            throw new IllegalArgumentException("cannot read /proc/" + serverPid + "/stat");
        }
    }

    public boolean hasServer() {
        return serverPid > 0;
    }

    public long ticksPerSecond() {
        return ticksPerSecond;
    }

    /** Server utime+stime in nanoseconds, or -1 if unknown. */
    public long serverCpuNanos() {
        if (serverPid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(serverPid), "stat"));
            // Fields after the command name "(...)": state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000_000L / ticksPerSecond;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time of this JVM (all threads, including JIT and GC), nanoseconds. */
    public long clientCpuNanos() {
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            long t = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return ProcessHandle.current().info().totalCpuDuration()
                .map(java.time.Duration::toNanos).orElse(-1L);
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
