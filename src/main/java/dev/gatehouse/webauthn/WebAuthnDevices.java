package dev.gatehouse.webauthn;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.NotFoundException;
import dev.gatehouse.core.ValidationException;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.store.Stores;
import dev.gatehouse.store.WebAuthnDeviceStore;
import java.util.List;
import java.util.Optional;

/**
 * Managing users' WebAuthn devices (the devices API and the combined authenticators list): list, find, rename
 * and delete, each change logged as a model event. {@code owner} arguments limit a call to one user's devices
 * (someone else's device reads as not found); null means any user's (superuser).
 */
public final class WebAuthnDevices {
    static final String MODEL = "webauthndevice";
    public static final int MAX_NAME = 200;
    private final Database db;

    public WebAuthnDevices(Database db) {
        this.db = db;
    }

    /** All devices of one user, oldest first. */
    public List<WebAuthnDevice> list(long user) {
        return new WebAuthnDeviceStore(db.dsl()).byUser(user);
    }

    /** A page of devices: {@code owner}'s, or anyone's when null (the {@code ?user=} filter applies). */
    public Page<WebAuthnDevice> page(PageRequest request, Long owner) {
        return new WebAuthnDeviceStore(db.dsl()).list(request, owner);
    }

    /** The device {@code pk}, when it belongs to {@code owner} (any owner when null). */
    public Optional<WebAuthnDevice> find(long pk, Long owner) {
        return new WebAuthnDeviceStore(db.dsl()).byPk(pk).filter(d -> owner == null || d.user() == owner);
    }

    /** Renames {@code owner}'s device; a blank or too long name is a {@code name} field error. */
    public WebAuthnDevice rename(Actor actor, long pk, Long owner, String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw ValidationException.of("name", "This field may not be blank.");
        }
        if (trimmed.length() > MAX_NAME) {
            throw ValidationException.of("name", "Ensure this field has no more than " + MAX_NAME + " characters.");
        }
        return db.tx(dsl -> {
            WebAuthnDeviceStore store = new WebAuthnDeviceStore(dsl);
            WebAuthnDevice d = store.byPk(pk).filter(x -> owner == null || x.user() == owner)
                    .orElseThrow(NotFoundException::new);
            store.rename(d.pk(), trimmed);
            EventLog.modelUpdated(Stores.on(dsl), actor, MODEL, d.pk(), trimmed);
            return store.byPk(d.pk()).orElseThrow();
        });
    }

    /** Deletes {@code owner}'s device. */
    public void delete(Actor actor, long pk, Long owner) {
        db.txRun(dsl -> {
            WebAuthnDeviceStore store = new WebAuthnDeviceStore(dsl);
            WebAuthnDevice d = store.byPk(pk).filter(x -> owner == null || x.user() == owner)
                    .orElseThrow(NotFoundException::new);
            store.delete(d.pk());
            EventLog.modelDeleted(Stores.on(dsl), actor, MODEL, d.pk(), d.name());
        });
    }
}
