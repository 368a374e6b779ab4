package dev.gatehouse.provider.oauth2.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** User codes: 8 unambiguous consonants, shown as XXXX-XXXX, entered in any case with or without the dash. */
class UserCodesTest {

    @Test
    void generatedCodesUseOnlyTheAlphabetEvenlyAndDiffer() {
        Map<Character, Integer> counts = new HashMap<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String code = UserCodes.generate();
            assertThat(code).hasSize(8).matches("[BCDFGHJKLMNPQRSTVWXZ]{8}");
            codes.add(code);
            code.chars().forEach(c -> counts.merge((char) c, 1, Integer::sum));
        }
        assertThat(codes).hasSize(2_000);
        assertThat(counts).hasSize(20);
        // 16,000 characters over 20 letters: 800 each on average; a biased generator (e.g. byte % 20) drifts far off.
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(650, 950));
    }

    @Test
    void enteredCodesAreNormalisedAndMalformedOnesRefused() {
        assertThat(UserCodes.format("BCDFGHJK")).isEqualTo("BCDF-GHJK");
        assertThat(UserCodes.normalize("BCDF-GHJK")).contains("BCDFGHJK");
        assertThat(UserCodes.normalize(" bcdf ghjk ")).contains("BCDFGHJK");
        assertThat(UserCodes.normalize("bcdfghjk")).contains("BCDFGHJK");
        assertThat(UserCodes.normalize("BCDF-GHJ")).as("too short").isEmpty();
        assertThat(UserCodes.normalize("BCDF-GHJKL")).as("too long").isEmpty();
        assertThat(UserCodes.normalize("BCDF-GHJ0")).as("not in the alphabet").isEmpty();
        assertThat(UserCodes.normalize("ABCD-EFGH")).as("vowels are never issued").isEmpty();
        assertThat(UserCodes.normalize(null)).isEmpty();
        assertThat(UserCodes.hash("BCDFGHJK")).hasSize(64).isEqualTo(UserCodes.hash("BCDFGHJK"))
                .isNotEqualTo(UserCodes.hash("BCDFGHJL"));
    }
}
