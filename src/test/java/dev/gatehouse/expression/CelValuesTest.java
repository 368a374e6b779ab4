package dev.gatehouse.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.values.NullValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CelValuesTest {
    @Test
    void toCelWhenJsonLikeDataThenCelTypes() {
        Map<String, Object> in = new HashMap<>();
        in.put("int", 1);
        in.put("null", null);
        in.put("uuid", UUID.fromString("00000000-0000-0000-0000-000000000001"));
        in.put("list", List.of(1, 2.5f, "x"));
        in.put("object", new Object());
        assertThat(CelValues.toCel(in)).isEqualTo(Map.of("int", 1L, "null", NullValue.NULL_VALUE,
                "uuid", "00000000-0000-0000-0000-000000000001", "list", List.of(1L, 2.5d, "x")));
    }

    @Test
    void toJavaWhenCelValuesThenPlainData() throws Exception {
        List<Object> list = new ArrayList<>();
        list.add(NullValue.NULL_VALUE);
        list.add(Instant.EPOCH);
        Map<String, Object> expected = new HashMap<>();
        expected.put("l", java.util.Arrays.asList(null, "1970-01-01T00:00:00Z"));
        assertThat(CelValues.toJava(Map.of("l", list), ExpressionLimits.DEFAULT)).isEqualTo(expected);
    }
}
