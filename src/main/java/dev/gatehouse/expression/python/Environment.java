package dev.gatehouse.expression.python;

import java.util.Map;

/**
 * What one evaluation reads from and reports to its caller. Values come as the CEL values of
 * {@code ExpressionContext} (maps, lists, strings, longs, …); the interpreter builds its Python view of them
 * lazily, only for the variables the source names.
 */
public interface Environment {
    /** The value of a top-level variable ({@code request}, {@code user}, …), or null when the kind has none. */
    Object variable(String name);

    /** Whether {@code value} (a CEL map) is a user value, shown to Python as authentik's user object. */
    boolean isUser(Object value);

    /** {@code ak_is_group_member}; throws IllegalArgumentException with a message when it cannot answer. */
    boolean isGroupMember(Map<String, Object> user, String group);

    /** {@code ak_is_in_network}; throws IllegalArgumentException with a message for a bad address or network. */
    boolean isInNetwork(String ip, String cidr);

    /** {@code ak_user_has_authenticator}; throws IllegalArgumentException when the lookup is not available. */
    boolean hasAuthenticator(Map<String, Object> user);

    /**
     * {@code ak_user_by(**filters)}: the user value matching all the filters ({@code username}, {@code pk},
     * {@code email}, {@code uuid}), or null; throws IllegalArgumentException when the lookup is not available.
     */
    Map<String, Object> userBy(Map<String, Object> filters);

    /** {@code ak_message(text)}. */
    void message(String text);

    /** A line of {@code ak_logger}: level ({@code info}, …), message and keyword fields. */
    void log(String level, String message, Map<String, Object> fields);
}
