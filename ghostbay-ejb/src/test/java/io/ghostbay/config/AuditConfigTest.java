package io.ghostbay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ghostbay.config.AuditConfig.AuditRetention;
import io.ghostbay.config.AuditConfig.SyslogTarget;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The audit settings that are parsed from text: retention and the syslog address. */
class AuditConfigTest {

    @Test
    void retentionIsACountADurationOrForever() {
        assertEquals(new AuditRetention(30, null), AuditRetention.parse("30"));
        assertEquals(new AuditRetention(0, Duration.ofDays(90)), AuditRetention.parse(" P90D "));
        assertEquals(new AuditRetention(0, Duration.ofHours(12)), AuditRetention.parse("PT12H"));
        assertTrue(AuditRetention.parse("Forever").forever());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "90 days", "P0D", "-PT1H", "P1Y", ""})
    void unusableRetentionIsRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> AuditRetention.parse(value));
    }

    @Test
    void syslogTargetIsHostAndPort() {
        assertEquals(new SyslogTarget("logs.example.com", 514), SyslogTarget.parse("logs.example.com:514"));
        assertEquals(new SyslogTarget("192.0.2.7", 5514), SyslogTarget.parse("192.0.2.7:5514"));
        assertEquals(new SyslogTarget("2001:db8::1", 514), SyslogTarget.parse("[2001:db8::1]:514"));
        assertEquals("[2001:db8::1]:514", SyslogTarget.parse("[2001:db8::1]:514").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs.example.com", ":514", "host:0", "host:65536", "host:port", "2001:db8::1:514"})
    void unusableSyslogTargetIsRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> SyslogTarget.parse(value));
    }
}
