package dev.gatehouse.geoip;

import java.net.InetAddress;
import java.util.Optional;

/** Reads a client IP for a database lookup, without DNS; addresses no public database lists are left out. */
final class IpAddresses {
    private IpAddresses() {
    }

    /** The address of an IP literal, unless it is loopback, private, link-local, wildcard or multicast. */
    static Optional<InetAddress> publicAddress(String ip) {
        if (ip == null || ip.isBlank()) {
            return Optional.empty();
        }
        InetAddress a;
        try {
            a = InetAddress.ofLiteral(ip.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean uniqueLocal = a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc;
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || uniqueLocal) {
            return Optional.empty();
        }
        return Optional.of(a);
    }
}
