package io.ghostbay.policy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR block from an {@code IpAddress}/{@code NotIpAddress} condition. A plain
 * address is a block of one ({@code /32} or {@code /128}). Host bits beyond the prefix are
 * ignored, so {@code 192.0.2.7/24} is {@code 192.0.2.0/24}.
 *
 * @param network the first address of the block
 */
public record IpRange(InetAddress network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public IpRange {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not within 0.." + bits);
        }
        network = masked(network, prefixLength);
    }

    /**
     * Parses {@code address} or {@code address/prefix}.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static IpRange parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        InetAddress address = parseAddress(slash < 0 ? text : text.substring(0, slash));
        int bits = address.getAddress().length * 8;
        if (slash < 0) {
            return new IpRange(address, bits);
        }
        String prefix = text.substring(slash + 1);
        if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a CIDR prefix length: " + prefix);
        }
        return new IpRange(address, Integer.parseInt(prefix));
    }

    /**
     * Parses a literal IPv4 or IPv6 address. Never does a DNS lookup: anything that is not an
     * address literal is refused before {@link InetAddress#getByName} sees it.
     *
     * @throws IllegalArgumentException when the text is not an address literal
     */
    public static InetAddress parseAddress(String text) {
        String literal = text.trim();
        if (IPV4.matcher(literal).matches()) {
            String[] octets = literal.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    throw new IllegalArgumentException("not an IP address: " + text);
                }
                bytes[i] = (byte) octet;
            }
            return byAddress(bytes, text);
        }
        // getByName treats a string with a colon as an IPv6 literal and fails rather than resolve it.
        if (literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches()) {
            try {
                return InetAddress.getByName(literal);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + text, e);
            }
        }
        throw new IllegalArgumentException("not an IP address: " + text);
    }

    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    /** Whether the address is in the block; an IPv4 address is never in an IPv6 block. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.getAddress().length
                && masked(address, prefixLength).equals(network);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        return byAddress(bytes, address.getHostAddress());
    }

    private static InetAddress byAddress(byte[] bytes, String text) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}
