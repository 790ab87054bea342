package io.ghostbay.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resident memory of a process on this machine, from Linux {@code /proc/PID/status}: VmRSS (resident
 * set now) and VmHWM (the peak resident set since the process started; it never goes down).
 */
final class ProcStatus {

    /** VmRSS in KiB, or -1 when the line is missing. */
    final long rssKiB;
    /** VmHWM in KiB, or -1 when the line is missing. */
    final long hwmKiB;

    ProcStatus(long rssKiB, long hwmKiB) {
        this.rssKiB = rssKiB;
        this.hwmKiB = hwmKiB;
    }

    /** Reads /proc/PID/status; null when pid is not positive or the file cannot be read. */
    static ProcStatus read(long pid) {
        if (pid <= 0) {
            return null;
        }
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static ProcStatus parse(String status) {
        return new ProcStatus(kib(status, "VmRSS"), kib(status, "VmHWM"));
    }

    /**
     * The value of a "Name:   123456 kB" line, in KiB (the kernel's "kB" is 1024 bytes), or -1 when
     * the line is missing or malformed. Kernel threads, for one, have no Vm* lines.
     */
    static long kib(String status, String name) {
        int at = 0;
        while (at < status.length()) {
            int eol = status.indexOf('\n', at);
            if (eol < 0) {
                eol = status.length();
            }
            int colon = status.indexOf(':', at);
            if (colon > 0 && colon < eol && status.substring(at, colon).equals(name)) {
                String v = status.substring(colon + 1, eol).trim();
                int space = v.indexOf(' ');
                String digits = space < 0 ? v : v.substring(0, space);
                String unit = space < 0 ? "kB" : v.substring(space + 1).trim();
                if (!unit.equals("kB")) {
                    return -1;
                }
                try {
                    return Long.parseLong(digits);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
            at = eol + 1;
        }
        return -1;
    }

    static Double mib(long kib) {
        return kib < 0 ? null : kib / 1024.0;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vmRssKiB", rssKiB);
        m.put("vmHwmKiB", hwmKiB);
        m.put("vmRssMiB", mib(rssKiB));
        m.put("vmHwmMiB", mib(hwmKiB));
        return m;
    }
}
