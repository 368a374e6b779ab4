package dev.gatehouse.policy.engine;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.User;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.store.Stores;
import java.util.Locale;

/** What a binding binds, named for people: the policy's name, the group's name or the username. */
public record BindingSubject(Kind kind, String name) {

    public enum Kind {
        POLICY, GROUP, USER;

        /** The API value: {@code policy}, {@code group}, {@code user}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static BindingSubject of(Stores s, PolicyBinding b) {
        if (b.policy() != null) {
            return new BindingSubject(Kind.POLICY,
                    s.policies().byPk(b.policy()).map(Policy::name).orElse(b.policy().toString()));
        }
        if (b.group() != null) {
            return new BindingSubject(Kind.GROUP,
                    s.groups().byPk(b.group()).map(Group::name).orElse(b.group().toString()));
        }
        return new BindingSubject(Kind.USER, s.users().byPk(b.user()).map(User::username).orElse(String.valueOf(b.user())));
    }
}
