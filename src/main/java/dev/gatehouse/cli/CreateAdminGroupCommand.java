package dev.gatehouse.cli;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.core.Actor;
import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.Group;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.logging.LogSetup;
import dev.gatehouse.store.Database;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Re-creates the superuser group {@code authentik Admins} if needed and puts the named user in it. */
@Command(name = "create_admin_group", description = "Create the admin group (if missing) and add a user to it")
public final class CreateAdminGroupCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Parameters(index = "0", paramLabel = "USERNAME", description = "user to add to the admin group")
    String username;

    @Override
    public Integer call() {
        GatehouseConfig config = Main.loadConfig(parent.configFile());
        LogSetup.configure(config.logLevel(), config.logFormat());
        try (Database db = Database.open(config, null)) {
            db.migrate();
            return db.tx(dsl -> {
                User user = new UserStore(dsl).byUsername(username).orElse(null);
                if (user == null) {
                    System.err.println("gatehouse: no user named \"" + username + "\"");
                    return 1;
                }
                Group group = new GroupStore(dsl).byName(Bootstrap.ADMIN_GROUP).orElseGet(() -> {
                    Group g = new GroupStore(dsl).insert(Bootstrap.ADMIN_GROUP, true, Map.of());
                    EventLog.modelCreated(dsl, Actor.SYSTEM, "group", g.pk(), g.name());
                    return g;
                });
                if (!group.isSuperuser()) {
                    new GroupStore(dsl).update(new Group(group.pk(), group.name(), true, group.parents(), group.attributes(),
                            group.created()));
                }
                if (new GroupStore(dsl).addMember(group.pk(), user.pk()) || !group.isSuperuser()) {
                    EventLog.modelUpdated(dsl, Actor.SYSTEM, "group", group.pk(), group.name());
                }
                System.out.println("User \"" + username + "\" is in the superuser group \"" + Bootstrap.ADMIN_GROUP + "\".");
                return 0;
            });
        }
    }
}
