package dev.gatehouse.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void randomKeysHaveTheLengthUseTheWholeAlphabetEvenlyAndDoNotRepeat() {
        int[] counts = new int[128];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String key = Secrets.randomKey(62);
            assertThat(key).hasSize(62).matches("[A-Za-z0-9]+");
            assertThat(seen.add(key)).isTrue();
            key.chars().forEach(c -> counts[c]++);
        }
        // 124,000 characters over 62 symbols: 2,000 expected each; a biased mapping (e.g. plain b % 62) would
        // push the first symbols ~3 % high, a broken one far more
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray()) {
            assertThat(counts[c]).as("count of %s", c).isBetween(1_800, 2_200);
        }
        assertThat(Secrets.randomKey(0)).isEmpty();
        assertThat(Secrets.randomKey(1_000)).hasSize(1_000);
    }

    @Test
    void uuidsAreVersion4AndDistinct() {
        Set<java.util.UUID> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            java.util.UUID u = Secrets.uuid();
            assertThat(u.version()).isEqualTo(4);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(seen.add(u)).isTrue();
        }
    }
}
