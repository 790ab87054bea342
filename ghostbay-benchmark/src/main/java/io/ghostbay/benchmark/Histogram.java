package io.ghostbay.benchmark;

/**
 * Log-linear latency histogram in nanoseconds: exact below 128 ns, then 64 buckets per power of
 * two (relative error under 1.6%). Fixed 30 KB, allocation-free recording; one per thread, merged
 * at the end of a step.
 */
public final class Histogram {

    private static final int LINEAR = 128;
    private static final int SUB = 64;
    private static final int SIZE = LINEAR + (63 - 7) * SUB;

    private final long[] counts = new long[SIZE];
    private long total;
    private long max;
    private long sum;

    public void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        total++;
        sum += v;
        if (v > max) {
            max = v;
        }
    }

    static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int k = 63 - Long.numberOfLeadingZeros(v); // >= 7
        int shift = k - 6;
        int sub = (int) (v >>> shift) - SUB;        // 0..63
        return LINEAR + (k - 7) * SUB + sub;
    }

    /** Midpoint of the bucket's value range. */
    static long valueOf(int i) {
        if (i < LINEAR) {
            return i;
        }
        int k = (i - LINEAR) / SUB + 7;
        int sub = (i - LINEAR) % SUB;
        int shift = k - 6;
        long lower = (long) (SUB + sub) << shift;
        return lower + ((1L << shift) >> 1);
    }

    public void add(Histogram o) {
        for (int i = 0; i < SIZE; i++) {
            counts[i] += o.counts[i];
        }
        total += o.total;
        sum += o.sum;
        max = Math.max(max, o.max);
    }

    public long count() {
        return total;
    }

    public long maxNanos() {
        return max;
    }

    public double meanNanos() {
        return total == 0 ? 0 : (double) sum / total;
    }

    /** Value at quantile q (0..1), nanoseconds; 0 if empty. */
    public long percentile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        if (rank < 1) {
            rank = 1;
        }
        long seen = 0;
        for (int i = 0; i < SIZE; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(valueOf(i), max);
            }
        }
        return max;
    }
}
