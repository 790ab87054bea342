package io.ghostbay.benchmark;

/**
 * Key names of the list workload: {@code keys} objects {@code <prefix>dir-DDD/obj-NNNNN}, 100 per
 * directory ({@code dir = index / 100}), both numbers zero-padded so that lexicographic order is index
 * order: at least 3 and 5 digits (the 10 000-key layout is {@code dir-000/obj-00000} ..
 * {@code dir-099/obj-09999}), more when the count needs them (1 000 000 keys: {@code dir-0000/obj-000000}
 * .. {@code dir-9999/obj-999999}).
 *
 * <p>So a ListObjectsV2 walk of the prefix sees {@code keys} keys in {@code ceil(keys / 1000)} pages
 * of 1000, and a walk with delimiter {@code /} sees one CommonPrefix per directory,
 * {@code ceil(keys / 100)} of them (10 000 at a million keys: 10 full pages of 1000 CommonPrefixes,
 * each of which stands for 100 keys the server has to step over).
 *
 * <p>A reusable fixture ({@code --list-reuse}) lives under {@code gbbench-list-<keys>/}, outside any
 * run's own {@code gbbench-<random>/} prefix, so that a later run with the same {@code --list-keys}
 * finds it; its marker object {@code gbbench-list-<keys>.complete} (outside the prefix, so no walk
 * sees it) is written once every key exists.
 */
final class ListLayout {

    /** Keys per directory. */
    static final int DIR_SIZE = 100;
    /** Keys that share the narrow prefix (the index without its last digit). */
    static final int NARROW = 10;

    final String prefix;
    final int keys;
    final int dirs;
    final int dirDigits;
    final int objDigits;

    ListLayout(String prefix, int keys) {
        if (keys <= 0) {
            throw new IllegalArgumentException("keys must be positive");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix must end with /: " + prefix);
        }
        this.prefix = prefix;
        this.keys = keys;
        this.dirs = (keys + DIR_SIZE - 1) / DIR_SIZE;
        this.dirDigits = Math.max(3, digits(dirs - 1));
        this.objDigits = Math.max(5, digits(keys - 1));
    }

    /** The prefix of the reusable fixture of {@code keys} keys. */
    static String fixturePrefix(int keys) {
        return "gbbench-list-" + keys + "/";
    }

    /** The marker written once the fixture of {@code keys} keys is complete. */
    static String markerKey(int keys) {
        return "gbbench-list-" + keys + ".complete";
    }

    /** What the marker object holds (for a human who finds it). */
    String markerText() {
        return "ghostbay-benchmark list fixture: " + keys + " keys " + key(0) + " .. " + key(keys - 1) + ", "
                + DIR_SIZE + " per directory\n";
    }

    static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    String key(int i) {
        StringBuilder sb = new StringBuilder(prefix.length() + 10 + dirDigits + objDigits);
        sb.append(prefix).append("dir-");
        pad(sb, i / DIR_SIZE, dirDigits);
        sb.append("/obj-");
        pad(sb, i, objDigits);
        return sb.toString();
    }

    private static void pad(StringBuilder sb, int v, int width) {
        for (int d = digits(v); d < width; d++) {
            sb.append('0');
        }
        sb.append(v);
    }

    /** The index of a key of this layout, or -1 when {@code key} is not one. */
    int index(String key) {
        int at = key.lastIndexOf("/obj-");
        if (!key.startsWith(prefix) || at < 0 || key.length() - at - 5 != objDigits) {
            return -1;
        }
        int i = 0;
        for (int p = at + 5; p < key.length(); p++) {
            char c = key.charAt(p);
            if (c < '0' || c > '9') {
                return -1;
            }
            i = i * 10 + (c - '0');
            if (i >= keys) {
                return -1;
            }
        }
        return key.equals(key(i)) ? i : -1;
    }

    /** Entries (CommonPrefixes) of a walk of the prefix with delimiter "/". */
    int delimiterEntries() {
        return dirs;
    }

    /** Index of the first key under the narrow prefix: the middle key rounded down to a multiple of 10. */
    int narrowFirst() {
        return (keys / 2) / NARROW * NARROW;
    }

    /** The key of {@link #narrowFirst()} without its last digit: it matches up to 10 keys of one directory. */
    String narrowPrefix() {
        String k = key(narrowFirst());
        return k.substring(0, k.length() - 1);
    }

    /** How many keys the narrow prefix matches. */
    int narrowCount() {
        return Math.min(NARROW, keys - narrowFirst());
    }

    /** Pages of a walk that sees {@code entries} entries, {@code pageSize} per page (at least one). */
    static int pages(int entries, int pageSize) {
        return Math.max(1, (entries + pageSize - 1) / pageSize);
    }
}
