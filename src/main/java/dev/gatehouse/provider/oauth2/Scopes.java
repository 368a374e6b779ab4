package dev.gatehouse.provider.oauth2;

import com.nimbusds.oauth2.sdk.Scope;
import java.util.LinkedHashSet;
import java.util.Set;

/** Scope arithmetic of the token endpoint. */
public final class Scopes {
    private Scopes() {
    }

    public static Set<String> parse(String spaceSeparated) {
        Set<String> out = new LinkedHashSet<>();
        if (spaceSeparated != null) {
            for (String s : spaceSeparated.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The requested scopes that are allowed; all allowed ones when none were requested. */
    public static Set<String> granted(Scope requested, Set<String> allowed) {
        if (requested == null || requested.isEmpty()) {
            return new LinkedHashSet<>(allowed);
        }
        Set<String> out = new LinkedHashSet<>(requested.toStringList());
        out.retainAll(allowed);
        return out;
    }

    /** A refresh may only narrow what was granted (RFC 6749 §6). */
    public static Set<String> narrowed(Scope requested, Set<String> granted) {
        if (requested == null || requested.isEmpty()) {
            return granted;
        }
        Set<String> out = new LinkedHashSet<>(requested.toStringList());
        out.retainAll(granted);
        return out;
    }
}
