package dev.gatehouse.authenticator;

import dev.gatehouse.authenticator.Device;
import dev.gatehouse.authenticator.DeviceRows;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The shared rows of one device table ({@link DeviceTable}), as one device class's {@link DeviceRows}. */
public final class DeviceRowStore implements DeviceRows {
    private final DSLContext dsl;
    private final DeviceTable d;
    private final String deviceClass;
    private final Listing<Device> listing;

    public DeviceRowStore(DSLContext dsl, DeviceTable table, String deviceClass) {
        this.dsl = dsl;
        this.d = table;
        this.deviceClass = deviceClass;
        this.listing = Listing.of(d.t, d.all, d.id, this::map)
                .filter("user", d.user).filter("name", d.name).filter("confirmed", d.confirmed)
                .search(d.name)
                .order("name", d.name).order("created", d.created).order("last_used", d.lastUsed)
                .defaultOrder(d.created.asc())
                .build();
    }

    Device map(Record r) {
        return new Device(deviceClass, r.get(d.id), r.get(d.user), r.get(d.name), r.get(d.confirmed), r.get(d.created),
                r.get(d.lastUpdated), r.get(d.lastUsed));
    }

    @Override
    public Set<String> filterNames() {
        return listing.filterNames();
    }

    @Override
    public List<Device> ofUser(long user) {
        return dsl.select(d.all).from(d.t).where(d.user.eq(user)).orderBy(d.created, d.id).fetch(this::map);
    }

    @Override
    public dev.gatehouse.store.Page<Device> list(PageRequest request, Long onlyUser) {
        return listing.fetch(dsl, request, onlyUser == null ? null : d.user.eq(onlyUser));
    }

    @Override
    public Optional<Device> byPk(long pk) {
        return dsl.select(d.all).from(d.t).where(d.id.eq(pk)).fetchOptional(this::map);
    }

    @Override
    public boolean rename(long pk, String name, Instant now) {
        return dsl.update(d.t).set(d.name, name).set(d.lastUpdated, now).where(d.id.eq(pk)).execute() == 1;
    }

    @Override
    public boolean delete(long pk) {
        return dsl.deleteFrom(d.t).where(d.id.eq(pk)).execute() == 1;
    }

    @Override
    public boolean hasConfirmed(long user) {
        return dsl.fetchExists(DSL.selectOne().from(d.t).where(d.user.eq(user)).and(d.confirmed.isTrue()));
    }

    @Override
    public void used(long pk, Instant when) {
        dsl.update(d.t).set(d.lastUsed, when).where(d.id.eq(pk)).execute();
    }
}
