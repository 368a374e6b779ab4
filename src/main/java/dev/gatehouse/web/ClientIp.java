package dev.gatehouse.web;

import dev.gatehouse.config.Cidr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * The client's IP address. {@code X-Forwarded-For} is believed only when the direct peer is a trusted
 * proxy (fix for authentik CVE-2024-47070); then the right-most address that is not itself a trusted
 * proxy is the client, so a client cannot prepend a forged address.
 */
public final class ClientIp {
    private final List<Cidr> trustedProxies;

    public ClientIp(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public String resolve(SocketAddress peer, List<String> forwardedFor) {
        InetAddress direct = peer instanceof InetSocketAddress isa ? isa.getAddress() : null;
        if (direct == null) {
            return null;
        }
        if (!trusted(direct) || forwardedFor.isEmpty()) {
            return direct.getHostAddress();
        }
        String[] hops = String.join(",", forwardedFor).split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = parse(hops[i].trim());
            if (hop == null) {
                break;
            }
            if (i == 0 || !trusted(hop)) {
                return hop.getHostAddress();
            }
        }
        return direct.getHostAddress();
    }

    /** Whether the direct peer is one of the trusted proxies (whose forwarding headers are believed). */
    public boolean trustedPeer(SocketAddress peer) {
        return peer instanceof InetSocketAddress isa && isa.getAddress() != null && trusted(isa.getAddress());
    }

    private boolean trusted(InetAddress a) {
        for (Cidr c : trustedProxies) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** Parses a literal IP address only (never a host name: no DNS lookups from a header). */
    static InetAddress parse(String text) {
        String t = text;
        if (t.startsWith("[") && t.contains("]")) {
            t = t.substring(1, t.indexOf(']'));
        }
        if (t.isEmpty() || !t.matches("[0-9a-fA-F:.]+") || !(t.contains(".") || t.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
