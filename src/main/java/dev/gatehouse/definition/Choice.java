package dev.gatehouse.definition;

/** A closed set of values spelled on the wire as authentik spells them: what an enum field's constants implement. */
public interface Choice {
    /** The value as it appears in JSON: {@code forward_single}. */
    String wire();

    /** The wire value of {@code c}, or null. */
    static String wireOf(Choice c) {
        return c == null ? null : c.wire();
    }

    /** Every wire value of an enum, in declaration order. */
    static <E extends Enum<E> & Choice> java.util.List<String> wires(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Choice::wire).toList();
    }
}
