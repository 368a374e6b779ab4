package dev.gatehouse.authenticator;

import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The stored devices of one class, bound to a transaction or the pool: what every class shares. */
public interface DeviceRows {
    /** The filters {@link #list} accepts ({@code user}, {@code name}, {@code confirmed}). */
    Set<String> filterNames();

    List<Device> ofUser(long user);

    /** A page of devices: every user's, or only {@code onlyUser}'s. */
    Page<Device> list(PageRequest request, Long onlyUser);

    Optional<Device> byPk(long pk);

    boolean rename(long pk, String name, Instant now);

    boolean delete(long pk);

    /** Whether the user has a confirmed device of this class (one indexed lookup). */
    boolean hasConfirmed(long user);

    /** Records a successful validation with the device. */
    void used(long pk, Instant when);
}
