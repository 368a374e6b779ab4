package dev.gatehouse.provider.ldap;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The open LDAP connections of each client address, across both listeners: a connection beyond the cap is refused
 * at accept, so one address cannot hold the listener's connections (or threads) while others wait. A cap of 0 means
 * no cap.
 */
final class ConnectionsPerAddress {
    private final int cap;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int cap) {
        this.cap = cap;
    }

    /** Counts a new connection from {@code address}; false (and not counted) when the address is at its cap. */
    boolean open(InetAddress address) {
        boolean[] admitted = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (cap > 0 && count >= cap) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        return admitted[0];
    }

    /** Forgets one connection from {@code address} (each admitted connection exactly once). */
    void closed(InetAddress address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
}
