package dev.gatehouse.authenticator;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.Validation;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.List;

/**
 * Users' authenticator devices as the API and the settings page change them: every device is reached through its
 * class and, unless {@code owner} is null (an admin), only when it belongs to {@code owner} — someone else's device
 * is not found. Renames and deletions are recorded as model events.
 */
public final class DeviceService {
    private final Database db;

    public DeviceService(Database db) {
        this.db = db;
    }

    /** Every device of the user, of every class. */
    public List<Device> ofUser(long user) {
        return DeviceClasses.ofUser(db.dsl(), user);
    }

    public Page<Device> list(DeviceClass type, PageRequest request, Long owner) {
        return type.rows(db.dsl()).list(request, owner);
    }

    public Device get(DeviceClass type, long pk, Long owner) {
        return type.rows(db.dsl()).byPk(pk).filter(d -> owner == null || d.user() == owner)
                .orElseThrow(NotFoundException::new);
    }

    public Device rename(Actor actor, DeviceClass type, long pk, Long owner, String name) {
        Validation v = new Validation();
        v.notBlank(name, "name");
        if (name != null && name.strip().length() > type.maxNameLength()) {
            v.error("name", "Ensure this field has no more than " + type.maxNameLength() + " characters.");
        }
        v.throwIfInvalid();
        return db.tx(dsl -> {
            Device d = type.rows(dsl).byPk(pk).filter(x -> owner == null || x.user() == owner)
                    .orElseThrow(NotFoundException::new);
            type.rows(dsl).rename(pk, name.strip(), Instant.now());
            EventLog.modelUpdated(dsl, actor, modelName(type), pk, name.strip());
            return type.rows(dsl).byPk(d.pk()).orElseThrow();
        });
    }

    public void delete(Actor actor, DeviceClass type, long pk, Long owner) {
        db.txRun(dsl -> {
            Device d = type.rows(dsl).byPk(pk).filter(x -> owner == null || x.user() == owner)
                    .orElseThrow(NotFoundException::new);
            if (!type.rows(dsl).delete(pk)) {
                throw new NotFoundException();
            }
            EventLog.modelDeleted(dsl, actor, modelName(type), pk, d.name());
        });
    }

    private static String modelName(DeviceClass type) {
        String meta = type.metaModelName();
        return meta.substring(meta.indexOf('.') + 1);
    }
}
