package dev.gatehouse.policy.engine;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.policy.PolicyStore;
import java.util.Locale;
import org.jooq.DSLContext;

/** What a binding binds, named for people: the policy's name, the group's name or the username. */
public record BindingSubject(Kind kind, String name) {

    public enum Kind {
        POLICY, GROUP, USER;

        /** The API value: {@code policy}, {@code group}, {@code user}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static BindingSubject of(DSLContext dsl, PolicyBinding b) {
        if (b.policy() != null) {
            return new BindingSubject(Kind.POLICY,
                    new PolicyStore(dsl).byPk(b.policy()).map(Policy::name).orElse(b.policy().toString()));
        }
        if (b.group() != null) {
            return new BindingSubject(Kind.GROUP,
                    new GroupStore(dsl).byPk(b.group()).map(Group::name).orElse(b.group().toString()));
        }
        return new BindingSubject(Kind.USER, new UserStore(dsl).byPk(b.user()).map(User::username).orElse(String.valueOf(b.user())));
    }
}
