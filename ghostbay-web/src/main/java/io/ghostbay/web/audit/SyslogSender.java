package io.ghostbay.web.audit;

import io.ghostbay.config.AuditConfig.SyslogTarget;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends each audit line as an RFC 5424 syslog message over UDP (RFC 5426): facility 13 ("log
 * audit"), severity notice for failed authentications and the chain's own events, informational
 * otherwise; APP-NAME {@code ghostbay}, MSGID {@code audit}, no structured data, the JSON line as
 * the message (MSG-ANY: no BOM). UDP can lose messages and never blocks the writer; the files
 * remain the record, the syslog copy is the off-host witness against truncation.
 */
final class SyslogSender implements Closeable {
    private static final Logger LOG = Logger.getLogger(SyslogSender.class.getName());
    static final int FACILITY_LOG_AUDIT = 13;
    static final int SEVERITY_NOTICE = 5;
    static final int SEVERITY_INFO = 6;
    /** RFC 5426 receivers must take 480 bytes, should take 2048; most take far more. Beyond this, cut. */
    static final int MAX_MESSAGE_BYTES = 8192;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
    private static final long RESOLVE_RETRY_MS = 60_000;

    private final SyslogTarget target;
    private final String hostName;
    private final long pid;
    private final DatagramSocket socket;
    private InetSocketAddress address;
    private long lastResolveAttempt;

    SyslogSender(SyslogTarget target) throws IOException {
        this.target = target;
        this.hostName = localHostName();
        this.pid = ProcessHandle.current().pid();
        this.socket = new DatagramSocket();
        resolve();
    }

    /** Sends one line; failures are logged, never thrown: the file is the record. */
    void send(String line) {
        if (address == null && !resolve()) {
            return;
        }
        byte[] message = message(line, Instant.now(), hostName, pid);
        try {
            socket.send(new DatagramPacket(message, message.length, address));
        } catch (IOException e) {
            LOG.log(Level.FINE, "syslog send to " + target + " failed", e);
        }
    }

    /** The datagram's bytes for one audit line. */
    static byte[] message(String line, Instant now, String hostName, long pid) {
        int severity = line.contains("\"auth\":\"failed\"") || line.contains("\"event\":\"") ? SEVERITY_NOTICE
                : SEVERITY_INFO;
        String header = "<" + (FACILITY_LOG_AUDIT * 8 + severity) + ">1 " + TIMESTAMP.format(now) + " " + hostName
                + " ghostbay " + pid + " audit - ";
        byte[] bytes = (header + line).getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_MESSAGE_BYTES) {
            return bytes;
        }
        byte[] cut = new byte[MAX_MESSAGE_BYTES];
        System.arraycopy(bytes, 0, cut, 0, MAX_MESSAGE_BYTES);
        return cut;
    }

    private boolean resolve() {
        long now = System.currentTimeMillis();
        if (lastResolveAttempt != 0 && now - lastResolveAttempt < RESOLVE_RETRY_MS) {
            return false;
        }
        lastResolveAttempt = now;
        try {
            address = new InetSocketAddress(InetAddress.getByName(target.host()), target.port());
            return true;
        } catch (UnknownHostException e) {
            LOG.warning("Audit log: syslog host " + target.host() + " does not resolve; retrying in a minute");
            return false;
        }
    }

    /** RFC 5424 HOSTNAME: printable US-ASCII without spaces, or "-". */
    static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.matches("[!-~]{1,255}") ? name : "-";
        } catch (UnknownHostException e) {
            return "-";
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
