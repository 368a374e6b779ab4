package dev.gatehouse.crypto.certificatekeypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrivateKeyCipherTest {
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
    private final PrivateKeyCipher cipher = new PrivateKeyCipher("installation-secret");
    private final UUID pk = UUID.randomUUID();

    @Test
    void sealThenOpenWithSameSecretAndPkThenPlaintext() {
        String sealed = cipher.seal(pk, PEM);

        assertThat(sealed).startsWith("v1:").doesNotContain("PRIVATE KEY").doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
        assertThat(new PrivateKeyCipher("installation-secret").open(pk, sealed)).isEqualTo(PEM);
    }

    @Test
    void sealTwiceThenDifferentCiphertexts() {
        assertThat(cipher.seal(pk, PEM)).isNotEqualTo(cipher.seal(pk, PEM));
    }

    @Test
    void openWhenSecretKeyChangedThenClearError() {
        String sealed = cipher.seal(pk, PEM);

        assertThatThrownBy(() -> new PrivateKeyCipher("another-secret").open(pk, sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SECRET_KEY");
    }

    @Test
    void openWhenCopiedToAnotherPairThenRefused() {
        String sealed = cipher.seal(pk, PEM);

        assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void openWhenTamperedOrNotSealedThenRefused() {
        String sealed = cipher.seal(pk, PEM);
        byte[] raw = java.util.Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length / 2] ^= 1;
        String tampered = "v1:" + java.util.Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.open(pk, tampered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.open(pk, PEM)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.open(pk, "v1:AAAA")).isInstanceOf(IllegalStateException.class);
    }
}
