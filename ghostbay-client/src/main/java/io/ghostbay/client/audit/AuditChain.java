package io.ghostbay.client.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit log's line format and hash chain: the one definition used by the server that writes
 * the log and by {@code ghostbay admin audit verify} that checks it.
 *
 * <p>A log is a sequence of files ({@link AuditFiles}) of UTF-8 lines, each terminated by
 * {@code '\n'}; every line is one JSON object that starts with the same three members, in this
 * order and spelt exactly like this:
 *
 * <pre>{"seq":42,"prev":"&lt;64 hex digits&gt;","time":"2026-03-01T12:00:00.123Z",...}</pre>
 *
 * <ul>
 *   <li>{@code seq}: 1 for the very first record, then +1 per record, across files and restarts;
 *   <li>{@code prev}: the lower-case hex SHA-256 of the exact bytes of the line of record
 *       {@code seq - 1}, without its {@code '\n'}; {@link #GENESIS} (64 zeros) for seq 1;
 *   <li>{@code time}: UTC, millisecond precision (for a request: when it arrived).
 * </ul>
 *
 * <p>The members after these are the record's own. A request record's come from the server
 * (requestId, principal, operation, ...) and are opaque here. The chain's own events are
 * {@linkplain Event written and read here}, in a fixed form: {@code "event":"torn-tail"} (a file
 * ended in an incomplete line after a crash) and {@code "event":"retention"} (a file was deleted by
 * retention). Because the envelope has a fixed spelling, checking a chain needs no JSON parser,
 * and this package keeps its promise of no dependencies.
 *
 * <p>Editing, removing, inserting or reordering a line breaks the chain at the next record. What a
 * chain cannot show by itself is the loss of its newest records: a log cut after record N is a
 * valid log ending at N. Compare the last sequence number and hash with an external copy (the
 * syslog export) to detect that.
 */
public final class AuditChain {
    /** The {@code prev} of record 1. */
    public static final String GENESIS = "0".repeat(64);

    /** Event type of {@link TornTail} records. */
    public static final String TORN_TAIL = "torn-tail";
    /** Event type of {@link Retention} records. */
    public static final String RETENTION = "retention";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ENVELOPE = Pattern.compile("\\{\"seq\":([1-9][0-9]{0,18}),"
            + "\"prev\":\"([0-9a-f]{64})\",\"time\":\"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}"
            + ":[0-9]{2}\\.[0-9]{3}Z)\",");
    /** Longest envelope: 19-digit seq. Only this many leading bytes are needed to read it. */
    static final int MAX_ENVELOPE_BYTES = 140;
    private static final String EVENT_PREFIX = "\"event\":\"";
    private static final Pattern TORN_TAIL_FIELDS = Pattern.compile("\"event\":\"torn-tail\","
            + "\"file\":\"([A-Za-z0-9._-]{1,200})\",\"bytes\":([0-9]{1,19}),"
            + "\"sha256\":\"([0-9a-f]{64})\"}");
    private static final Pattern RETENTION_FIELDS = Pattern.compile("\"event\":\"retention\","
            + "\"file\":\"([A-Za-z0-9._-]{1,200})\",\"firstSeq\":([0-9]{1,19}),"
            + "\"lastSeq\":([0-9]{1,19}),\"lastHash\":\"([0-9a-f]{64})\"}");
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private AuditChain() {
    }

    /**
     * The line (without {@code '\n'}) of a request record.
     *
     * @param fields the record's own members as one JSON object on one line, e.g.
     *               {@code {"requestId":"0A1B","status":200}}: at least one member, none named
     *               {@code seq}, {@code prev}, {@code time}, and not starting with {@code event}
     *               (reserved for the chain's own records)
     */
    public static String recordLine(long seq, String prev, Instant time, String fields) {
        if (fields.length() < 3 || fields.charAt(0) != '{' || fields.charAt(fields.length() - 1) != '}'
                || fields.indexOf('\n') >= 0 || fields.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("not a one-line JSON object with members: " + fields);
        }
        if (fields.startsWith("{" + EVENT_PREFIX) || fields.startsWith("{\"seq\"")
                || fields.startsWith("{\"prev\"") || fields.startsWith("{\"time\"")) {
            throw new IllegalArgumentException("the first member is reserved: " + fields);
        }
        return envelope(seq, prev, time) + fields.substring(1);
    }

    /** The line (without {@code '\n'}) of one of the chain's own records. */
    public static String eventLine(long seq, String prev, Instant time, Event event) {
        String fields;
        if (event instanceof TornTail t) {
            fields = EVENT_PREFIX + TORN_TAIL + "\",\"file\":\"" + fileName(t.file()) + "\",\"bytes\":"
                    + t.bytes() + ",\"sha256\":\"" + hex64(t.sha256()) + "\"}";
        } else if (event instanceof Retention r) {
            fields = EVENT_PREFIX + RETENTION + "\",\"file\":\"" + fileName(r.file())
                    + "\",\"firstSeq\":" + r.firstSeq() + ",\"lastSeq\":" + r.lastSeq()
                    + ",\"lastHash\":\"" + hex64(r.lastHash()) + "\"}";
        } else {
            throw new IllegalArgumentException("unknown event " + event);
        }
        return envelope(seq, prev, time) + fields;
    }

    private static String envelope(long seq, String prev, Instant time) {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1: " + seq);
        }
        return "{\"seq\":" + seq + ",\"prev\":\"" + hex64(prev) + "\",\"time\":\"" + TIME.format(time)
                + "\",";
    }

    private static String hex64(String hash) {
        if (!HEX64.matcher(hash).matches()) {
            throw new IllegalArgumentException("not 64 lower-case hex digits: " + hash);
        }
        return hash;
    }

    private static String fileName(String file) {
        if (!file.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("unexpected file name: " + file);
        }
        return file;
    }

    /** The time as the envelope writes it (UTC, milliseconds). */
    public static String formatTime(Instant time) {
        return TIME.format(time);
    }

    /** Lower-case hex SHA-256 of a line's bytes (the line without its {@code '\n'}). */
    public static String hash(byte[] line) {
        return hex(sha256().digest(line));
    }

    /** {@link #hash(byte[])} of a line given as text (encoded as UTF-8). */
    public static String hash(String line) {
        return hash(line.getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Reads the envelope (and, for the chain's own records, the event) of a line.
     *
     * @param head      the line's first bytes: at least {@link #MAX_ENVELOPE_BYTES}, or the whole
     *                  line; for an event record the whole line is needed
     * @param length    the length of the whole line
     * @param complete  whether {@code head} is the whole line
     * @param lastByte  the line's last byte
     * @return the envelope, or null if this is not an audit record line
     */
    static Header parse(byte[] head, long length, boolean complete, byte lastByte) {
        if (lastByte != '}') {
            return null;
        }
        String start = new String(head, 0, Math.min(head.length, MAX_ENVELOPE_BYTES),
                StandardCharsets.ISO_8859_1);
        Matcher m = ENVELOPE.matcher(start);
        if (!m.lookingAt()) {
            return null;
        }
        long seq;
        Instant time;
        try {
            seq = Long.parseLong(m.group(1));
            time = Instant.parse(m.group(3));
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
        int fieldsStart = m.end();
        if (length - fieldsStart < 2) {
            return null;
        }
        Event event = null;
        if (start.startsWith(EVENT_PREFIX, fieldsStart)) {
            if (!complete) {
                return null;
            }
            String rest = new String(head, fieldsStart, head.length - fieldsStart,
                    StandardCharsets.UTF_8);
            event = parseEvent(rest);
            if (event == null) {
                return null;
            }
        }
        return new Header(seq, m.group(2), time, event);
    }

    /** {@link #parse(byte[], long, boolean, byte)} of a whole line. */
    public static Header parse(byte[] line) {
        if (line.length == 0) {
            return null;
        }
        return parse(line, line.length, true, line[line.length - 1]);
    }

    private static Event parseEvent(String fields) {
        try {
            Matcher t = TORN_TAIL_FIELDS.matcher(fields);
            if (t.matches()) {
                return new TornTail(t.group(1), Long.parseLong(t.group(2)), t.group(3));
            }
            Matcher r = RETENTION_FIELDS.matcher(fields);
            if (r.matches()) {
                return new Retention(r.group(1), Long.parseLong(r.group(2)),
                        Long.parseLong(r.group(3)), r.group(4));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /**
     * The chain members of one line.
     *
     * @param event null for a request record
     */
    public record Header(long seq, String prev, Instant time, Event event) {
    }

    /** A record the chain writes about itself. */
    public sealed interface Event permits TornTail, Retention {
    }

    /**
     * After a crash, {@code file} ended in an incomplete line of {@code bytes} bytes with this
     * SHA-256. The server never appends to such a file: it starts a new one with this record, so
     * the fragment stays as evidence and the verifier can tell it from a removed line.
     */
    public record TornTail(String file, long bytes, String sha256) implements Event {
    }

    /**
     * Retention deleted {@code file}, which held records {@code firstSeq} to {@code lastSeq};
     * {@code lastHash} is the hash of its last record, so the oldest remaining record's
     * {@code prev} can still be checked against it.
     */
    public record Retention(String file, long firstSeq, long lastSeq, String lastHash)
            implements Event {
    }
}
