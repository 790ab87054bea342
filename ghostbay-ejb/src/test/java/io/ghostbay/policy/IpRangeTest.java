package io.ghostbay.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @Test
    void hostBitsBeyondThePrefixAreIgnored() {
        IpRange range = IpRange.parse("192.0.2.77/24");
        assertEquals("192.0.2.0/24", range.toString());
        assertTrue(range.contains(IpRange.parseAddress("192.0.2.255")));
        assertFalse(range.contains(IpRange.parseAddress("192.0.3.0")));
    }

    @Test
    void prefixesThatAreNotByteAligned() {
        IpRange range = IpRange.parse("10.0.0.0/12");
        assertTrue(range.contains(IpRange.parseAddress("10.15.255.255")));
        assertFalse(range.contains(IpRange.parseAddress("10.16.0.0")));
    }

    @Test
    void aPlainAddressIsABlockOfOne() {
        assertEquals(32, IpRange.parse("198.51.100.1").prefixLength());
        assertEquals(128, IpRange.parse("2001:db8::1").prefixLength());
    }

    @Test
    void ipv6Blocks() {
        IpRange range = IpRange.parse("2001:DB8:1234:5678:ABCD::/80");
        assertFalse(range.isIpv4());
        assertTrue(range.contains(IpRange.parseAddress("2001:db8:1234:5678:abcd:1::1")));
        assertFalse(range.contains(IpRange.parseAddress("2001:db8:1234:5678:abce::1")));
        assertFalse(range.contains(IpRange.parseAddress("192.0.2.1")));
    }

    @Test
    void zeroPrefixCoversTheWholeFamily() {
        assertTrue(IpRange.parse("0.0.0.0/0").contains(IpRange.parseAddress("203.0.113.9")));
        assertFalse(IpRange.parse("0.0.0.0/0").contains(IpRange.parseAddress("::1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.4/",
        "1.2.3.4/33", "1.2.3.4/-1", "1.2.3.4/x", "::1/129", "2001:db8:::1", "1.2.3.4/0008"})
    void refusesWhatIsNotAnAddressOrBlock(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse(text));
    }
}
