package dev.gatehouse.config;

import java.net.InetAddress;

/** An IPv4 or IPv6 network in CIDR notation; {@link #contains} compares address bits. */
public record Cidr(byte[] network, int prefix) {

    public static Cidr parse(String key, String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (!addr.matches("[0-9a-fA-F:.]+")) {
            throw new ConfigException(key, "\"" + text + "\" is not a network in CIDR notation");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.ofLiteral(addr).getAddress(); // a literal only: never a DNS lookup
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "\"" + text + "\" is not a network in CIDR notation");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "\"" + text + "\" has an invalid prefix length");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new ConfigException(key, "\"" + text + "\" has an invalid prefix length");
            }
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
                byte[] v4 = new byte[4];
                System.arraycopy(a, 12, v4, 0, 4);
                a = v4;
            } else {
                return false;
            }
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }
}
