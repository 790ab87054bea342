package io.ghostbay.web.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * Which rate-limit bucket a source address belongs to. IPv4 addresses count one by one. An IPv6
 * client usually holds a whole /64 (one customer network), and could otherwise sidestep the limit
 * by changing the low 64 bits on every request, so IPv6 addresses count per /64.
 */
public final class SourceAddresses {
    private SourceAddresses() {
    }

    /** The bucket id of a remote address as the servlet container reports it (a literal, never a name). */
    public static String bucketId(String remoteAddr) {
        if (remoteAddr == null || remoteAddr.isEmpty()) {
            return "unknown";
        }
        if (remoteAddr.indexOf(':') < 0) {
            return remoteAddr; // IPv4 (or something unexpected: counted as it is)
        }
        String literal = remoteAddr.startsWith("[") && remoteAddr.endsWith("]")
                ? remoteAddr.substring(1, remoteAddr.length() - 1) : remoteAddr;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        try {
            // A literal with ':' is parsed, never looked up; IPv4-mapped forms come back as Inet4Address.
            InetAddress address = InetAddress.getByName(literal);
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return remoteAddr;
        }
    }
}
