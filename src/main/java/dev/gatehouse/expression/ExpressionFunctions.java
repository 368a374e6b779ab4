package dev.gatehouse.expression;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelLateFunctionBindings;
import dev.gatehouse.config.Cidr;
import dev.gatehouse.config.ConfigException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * authentik's expression helpers as CEL functions. Each reads only its arguments: no database, no network, no
 * clock.
 * <ul>
 * <li>{@code ak_is_group_member(user, "name")}: member of the named group, directly or through a parent group
 * (reads the user value's {@code all_groups}; fails for a user value without groups).</li>
 * <li>{@code ak_is_in_network("10.1.2.3", "10.0.0.0/8")}: the IP literal is inside the CIDR network (IPv4 or
 * IPv6; never a DNS lookup).</li>
 * <li>{@code ak_message("text")}: adds {@code text} to the result's messages and returns {@code true}, so it
 * chains: {@code user.is_active || ak_message("inactive") && false}.</li>
 * <li>{@code ak_user_has_authenticator(user)}: the user has at least one confirmed authenticator device (TOTP,
 * static codes, WebAuthn, …). The only helper that reads stored data: through the {@link AuthenticatorLookup} the
 * caller gives the evaluation, once per user and evaluation, and only when the expression calls it; {@code false}
 * for the anonymous user; an error where the caller gave no lookup.</li>
 * </ul>
 */
final class ExpressionFunctions {
    static final String AK_MESSAGE = "ak_message";
    private static final MapType USER = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private ExpressionFunctions() {
    }

    /**
     * A function refusing its arguments. CEL's own wrapping message would quote every argument (a whole user
     * value), so {@link CompiledExpression} reports this message instead.
     */
    static final class FunctionError extends RuntimeException {
        FunctionError(String message) {
            super(message, null, false, false);
        }
    }

    static List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("ak_is_group_member", CelOverloadDecl.newGlobalOverload(
                        "ak_is_group_member_map_string", SimpleType.BOOL, USER, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("ak_is_in_network", CelOverloadDecl.newGlobalOverload(
                        "ak_is_in_network_string_string", SimpleType.BOOL, SimpleType.STRING, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration(AK_MESSAGE, CelOverloadDecl.newGlobalOverload(
                        "ak_message_string", SimpleType.BOOL, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("ak_user_has_authenticator", CelOverloadDecl.newGlobalOverload(
                        "ak_user_has_authenticator_map", SimpleType.BOOL, USER)));
    }

    /** The functions that need nothing but their arguments. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("ak_is_group_member_map_string", Map.class, String.class,
                        (user, name) -> isGroupMember((Map<String, Object>) user, name)),
                CelFunctionBinding.from("ak_is_in_network_string_string", String.class, String.class,
                        ExpressionFunctions::isInNetwork));
    }

    /**
     * The functions bound per evaluation: {@code ak_message} appends to that evaluation's {@code messages};
     * {@code ak_user_has_authenticator} asks {@code authenticators} (null: not available to this caller).
     */
    @SuppressWarnings("rawtypes")
    static CelFunctionResolver perEvaluation(List<String> messages, AuthenticatorLookup authenticators) {
        Map<Long, Boolean> seen = new java.util.HashMap<>();
        return CelLateFunctionBindings.from(CelFunctionBinding.from("ak_message_string", String.class, text -> {
            messages.add(text);
            return true;
        }), CelFunctionBinding.from("ak_user_has_authenticator_map", Map.class,
                (Map user) -> hasAuthenticator(user, authenticators, seen)));
    }

    static boolean hasAuthenticator(Map<?, ?> user, AuthenticatorLookup authenticators, Map<Long, Boolean> seen) {
        if (!(user.get("pk") instanceof Number pk)) {
            return false;
        }
        if (authenticators == null) {
            throw new FunctionError("ak_user_has_authenticator: not available in this kind of expression");
        }
        return seen.computeIfAbsent(pk.longValue(), authenticators::hasAuthenticator);
    }

    static boolean isGroupMember(Map<String, Object> user, String name) {
        if (!(user.get(UserValue.ALL_GROUPS) instanceof List<?> groups)) {
            throw new FunctionError("ak_is_group_member: this user value carries no groups");
        }
        return groups.stream().anyMatch(g -> g instanceof Map<?, ?> m && name.equals(m.get("name")));
    }

    static boolean isInNetwork(String ip, String cidr) {
        InetAddress address;
        try {
            String literal = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
            address = InetAddress.ofLiteral(literal.trim());
        } catch (IllegalArgumentException e) {
            throw new FunctionError("ak_is_in_network: \"" + ip + "\" is not an IP address");
        }
        try {
            return Cidr.parse("ak_is_in_network", cidr).contains(address);
        } catch (ConfigException e) {
            throw new FunctionError(e.getMessage());
        }
    }
}
