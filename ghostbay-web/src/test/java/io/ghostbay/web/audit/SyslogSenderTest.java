package io.ghostbay.web.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ghostbay.config.AuditConfig.SyslogTarget;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** RFC 5424 framing of the syslog copy, and that it really leaves as a datagram. */
class SyslogSenderTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.042Z");

    @Test
    void requestRecordIsAnInformationalLogAuditMessage() {
        String line = "{\"seq\":1,\"prev\":\"00\",\"time\":\"t\",\"auth\":\"signed\",\"status\":200}";
        String message = new String(SyslogSender.message(line, NOW, "host1", 4242), StandardCharsets.UTF_8);
        // PRI = facility 13 (log audit) * 8 + severity 6 (informational) = 110
        assertEquals("<110>1 2026-03-01T12:00:00.042Z host1 ghostbay 4242 audit - " + line, message);
    }

    @Test
    void failedAuthenticationAndChainEventsAreNotices() {
        String failed = "{\"seq\":2,\"auth\":\"failed\",\"status\":403}";
        assertTrue(new String(SyslogSender.message(failed, NOW, "h", 1), StandardCharsets.UTF_8).startsWith("<109>1 "));
        String event = "{\"seq\":3,\"event\":\"torn-tail\"}";
        assertTrue(new String(SyslogSender.message(event, NOW, "h", 1), StandardCharsets.UTF_8).startsWith("<109>1 "));
        // a key that merely contains the text is escaped in JSON and does not count
        String key = "{\"seq\":4,\"auth\":\"signed\",\"key\":\"\\\"auth\\\":\\\"failed\\\"\"}";
        assertTrue(new String(SyslogSender.message(key, NOW, "h", 1), StandardCharsets.UTF_8).startsWith("<110>1 "));
    }

    @Test
    void oversizedMessageIsCut() {
        byte[] message = SyslogSender.message("{\"k\":\"" + "x".repeat(20_000) + "\"}", NOW, "h", 1);
        assertEquals(SyslogSender.MAX_MESSAGE_BYTES, message.length);
    }

    @Test
    void lineIsSentAsOneDatagram() throws Exception {
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setSoTimeout(5000);
            try (SyslogSender sender = new SyslogSender(new SyslogTarget("127.0.0.1", collector.getLocalPort()))) {
                sender.send("{\"seq\":1,\"status\":200}");
            }
            DatagramPacket packet = new DatagramPacket(new byte[9000], 9000);
            collector.receive(packet);
            String received = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            assertTrue(received.matches("<110>1 \\S+ \\S+ ghostbay \\d+ audit - \\{\"seq\":1,\"status\":200\\}"), received);
        }
    }
}
