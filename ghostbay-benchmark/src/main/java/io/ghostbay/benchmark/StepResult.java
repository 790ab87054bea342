package io.ghostbay.benchmark;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Figures of one measured step (one operation kind at one concurrency). */
final class StepResult {

    static final String HEADER = String.format(Locale.ROOT,
            "%-6s %-15s %5s %9s %10s %9s %9s %9s %7s %10s %9s %10s %9s",
            "work", "step", "conc", "count", "per sec", "p50 ms", "p99 ms", "p99.9 ms", "errors",
            "srv us/op", "srv cores", "cli us/op", "cli cores");

    final String workload;
    final String step;
    final int concurrency;
    final String unit;
    final Histogram hist = new Histogram();
    long errors;
    long bytes;
    double seconds;
    long serverCpuNanos = -1;
    long clientCpuNanos = -1;
    long workerCpuNanos;

    StepResult(String workload, String step, int concurrency, String unit) {
        this.workload = workload;
        this.step = step;
        this.concurrency = concurrency;
        this.unit = unit;
    }

    long count() {
        return hist.count();
    }

    double perSecond() {
        return seconds > 0 ? count() / seconds : 0;
    }

    double ms(double q) {
        return hist.percentile(q) / 1e6;
    }

    Double serverMicrosPerOp() {
        return serverCpuNanos >= 0 && count() > 0 ? serverCpuNanos / 1e3 / count() : null;
    }

    Double clientMicrosPerOp() {
        return clientCpuNanos >= 0 && count() > 0 ? clientCpuNanos / 1e3 / count() : null;
    }

    Double serverCores() {
        return serverCpuNanos >= 0 && seconds > 0 ? serverCpuNanos / 1e9 / seconds : null;
    }

    Double clientCores() {
        return clientCpuNanos >= 0 && seconds > 0 ? clientCpuNanos / 1e9 / seconds : null;
    }

    String row() {
        return String.format(Locale.ROOT,
                "%-6s %-15s %5d %9d %10.1f %9.3f %9.3f %9.3f %7d %10s %9s %10s %9s",
                workload, step, concurrency, count(), perSecond(), ms(0.5), ms(0.99), ms(0.999), errors,
                Benchmark.fmt(serverMicrosPerOp(), 1), Benchmark.fmt(serverCores(), 2),
                Benchmark.fmt(clientMicrosPerOp(), 1), Benchmark.fmt(clientCores(), 2));
    }

    String oneLine() {
        return String.format(Locale.ROOT, "%d %ss in %.1fs = %.1f/s, p50 %.3f ms, p99 %.3f ms, %d errors",
                count(), unit, seconds, perSecond(), ms(0.5), ms(0.99), errors);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", workload);
        m.put("step", step);
        m.put("unit", unit);
        m.put("concurrency", concurrency);
        m.put("count", count());
        m.put("errors", errors);
        m.put("seconds", seconds);
        m.put("perSecond", perSecond());
        m.put("bytes", bytes);
        m.put("meanMs", hist.meanNanos() / 1e6);
        m.put("p50Ms", ms(0.5));
        m.put("p99Ms", ms(0.99));
        m.put("p999Ms", ms(0.999));
        m.put("maxMs", hist.maxNanos() / 1e6);
        m.put("serverCpuSeconds", serverCpuNanos >= 0 ? serverCpuNanos / 1e9 : null);
        m.put("serverCpuMicrosPerOp", serverMicrosPerOp());
        m.put("serverCores", serverCores());
        m.put("clientCpuSeconds", clientCpuNanos >= 0 ? clientCpuNanos / 1e9 : null);
        m.put("clientCpuMicrosPerOp", clientMicrosPerOp());
        m.put("clientCores", clientCores());
        // CPU of the request threads only (signing, HTTP, socket syscalls): the per-request cost
        // of the client without the JVM's JIT compiler and GC threads.
        m.put("clientWorkerCpuMicrosPerOp", count() > 0 ? workerCpuNanos / 1e3 / count() : null);
        return m;
    }
}
