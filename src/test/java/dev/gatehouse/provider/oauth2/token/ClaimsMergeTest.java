package dev.gatehouse.provider.oauth2.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsMergeTest {
    @Test
    void listsAreAppendedMapsMergedAndOtherValuesReplaced() {
        Map<String, Object> claims = new LinkedHashMap<>();
        ClaimsMerge.merge(claims, Map.of("groups", List.of("nextcloud Users"), "name", "Jane",
                "address", Map.of("country", "DE")));
        ClaimsMerge.merge(claims, Map.of("groups", List.of("admin"), "name", "Jane Doe", "quota", "10 GB",
                "address", Map.of("locality", "Berlin")));
        assertThat(claims).containsEntry("groups", List.of("nextcloud Users", "admin"))
                .containsEntry("name", "Jane Doe").containsEntry("quota", "10 GB")
                .containsEntry("address", Map.of("country", "DE", "locality", "Berlin"));
    }
}
