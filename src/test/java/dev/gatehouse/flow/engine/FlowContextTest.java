package dev.gatehouse.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Secret context values (secrets being enrolled) stay out of what policies see. */
class FlowContextTest {
    private static final ContextKey<String> SECRET = ContextKey.secret("enrolling", String.class);

    @Test
    void secretValuesAreReadableByKeyButLeftOutOfAsMapAndCopiesKeepThatSo() {
        FlowContext c = new FlowContext();
        c.put(FlowKeys.PENDING_USER_IDENTIFIER, "alice");
        c.put(SECRET, "JBSWY3DPEHPK3PXP");
        assertThat(c.get(SECRET)).contains("JBSWY3DPEHPK3PXP");
        assertThat(c.asMap()).containsOnlyKeys("pending_user_identifier");
        assertThat(c.copy().asMap()).containsOnlyKeys("pending_user_identifier");
        assertThat(c.copy().get(SECRET)).contains("JBSWY3DPEHPK3PXP");
        c.remove(SECRET);
        assertThat(c.get(SECRET)).isEmpty();
    }
}
