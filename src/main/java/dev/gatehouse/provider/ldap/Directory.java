package dev.gatehouse.provider.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A provider's directory at one moment (immutable): every entry in order (base, containers, users, groups,
 * virtual groups), by DN, by {@code cn} (so an equality search on cn — the common lookup — does not scan), and
 * each user's direct groups (what a user without the full-directory right may see).
 */
final class Directory {
    private final DirectoryNames names;
    private final List<DirectoryEntry> entries;
    private final Map<DN, DirectoryEntry> byDn = new HashMap<>();
    private final Map<String, List<DirectoryEntry>> byCn = new HashMap<>();
    private final Map<Long, Set<UUID>> groupsOfUser;

    Directory(DirectoryNames names, List<DirectoryEntry> entries, Map<Long, Set<UUID>> groupsOfUser) {
        this.names = names;
        this.entries = List.copyOf(entries);
        this.groupsOfUser = Map.copyOf(groupsOfUser);
        for (DirectoryEntry e : this.entries) {
            byDn.put(e.dn(), e);
            String cn = e.entry().getAttributeValue("cn");
            if (cn != null) {
                byCn.computeIfAbsent(cn.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>()).add(e);
            }
        }
    }

    DirectoryNames names() {
        return names;
    }

    DirectoryEntry byDn(DN dn) {
        return byDn.get(dn);
    }

    int size() {
        return entries.size();
    }

    /** The entries that may match {@code filter}: those with the cn an equality filter (or an AND of one) names. */
    List<DirectoryEntry> candidates(Filter filter) {
        String cn = equalityCn(filter);
        if (cn != null) {
            return byCn.getOrDefault(cn.toLowerCase(Locale.ROOT), List.of());
        }
        return entries;
    }

    private static String equalityCn(Filter f) {
        if (f.getFilterType() == Filter.FILTER_TYPE_EQUALITY && f.getAttributeName().equalsIgnoreCase("cn")) {
            return f.getAssertionValue();
        }
        if (f.getFilterType() == Filter.FILTER_TYPE_AND) {
            for (Filter c : f.getComponents()) {
                String cn = equalityCn(c);
                if (cn != null) {
                    return cn;
                }
            }
        }
        return null;
    }

    /**
     * Whether {@code bound} may see the entry: everything with the full-directory right; otherwise the base and
     * its containers, the user's own entry and virtual group, and the groups the user is a direct member of.
     */
    boolean visible(DirectoryEntry e, BoundUser bound) {
        if (bound.fullDirectory() || e.container()) {
            return true;
        }
        if (e.user() != null) {
            return e.user() == bound.userPk();
        }
        return groupsOfUser.getOrDefault(bound.userPk(), Set.of()).contains(e.group());
    }
}
