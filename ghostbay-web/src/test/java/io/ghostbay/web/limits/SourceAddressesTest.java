package io.ghostbay.web.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Source addresses to rate-limit buckets: IPv4 one by one, IPv6 per /64. */
class SourceAddressesTest {

    @Test
    void ipv4AddressesCountOneByOne() {
        assertEquals("192.0.2.1", SourceAddresses.bucketId("192.0.2.1"));
        assertNotEquals(SourceAddresses.bucketId("192.0.2.1"), SourceAddresses.bucketId("192.0.2.2"));
    }

    @Test
    void ipv6AddressesCountPerSlash64WhateverTheirSpelling() {
        String a = SourceAddresses.bucketId("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertEquals("20010db800010002::/64", a);
        assertEquals(a, SourceAddresses.bucketId("2001:0db8:0001:0002::1"));
        assertEquals(a, SourceAddresses.bucketId("[2001:db8:1:2::ffff]"));
        assertEquals(a, SourceAddresses.bucketId("2001:db8:1:2::1%eth0"));
        assertNotEquals(a, SourceAddresses.bucketId("2001:db8:1:3::1"));
    }

    @Test
    void ipv4MappedIpv6CountsAsTheIpv4Address() {
        assertEquals("192.0.2.1", SourceAddresses.bucketId("::ffff:192.0.2.1"));
    }

    @Test
    void oddValuesAreCountedAsTheyAre() {
        assertEquals("unknown", SourceAddresses.bucketId(null));
        assertEquals("unknown", SourceAddresses.bucketId(""));
        assertEquals("not:an:address:at:all:zz", SourceAddresses.bucketId("not:an:address:at:all:zz"));
    }
}
