package dev.gatehouse.crypto;

import static dev.gatehouse.crypto.ExternalHashTools.argon2Cli;
import static dev.gatehouse.crypto.ExternalHashTools.djangoPbkdf2;
import static dev.gatehouse.crypto.ExternalHashTools.htpasswdBcrypt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
    private static final String CURRENT_PREFIX = "$argon2id$v=19$m=19456,t=2,p=1$";
    private final PasswordHasher hasher = new PasswordHasher();

    private void assertImported(String hash, String password) {
        assertThat(PasswordHasher.recognised(hash)).as("recognised %s", hash).isTrue();
        assertThat(hasher.verify(password, hash)).as("verify %s", hash).isTrue();
        assertThat(hasher.verify(password + "x", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
        assertThat(hasher.verify(password.toUpperCase(), hash)).isFalse();
        assertThat(hasher.needsRehash(hash)).isTrue();
        assertThat(hasher.verify(password, "!" + hash)).isFalse();
    }

    @Test
    void hashWhenNewThenArgon2idWithCurrentParametersAndRandomSalt() {
        String a = hasher.hash("correct horse");
        String b = hasher.hash("correct horse");

        assertThat(a).startsWith(CURRENT_PREFIX).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(b).startsWith(CURRENT_PREFIX).isNotEqualTo(a);
        assertThat(hasher.verify("correct horse", a)).isTrue();
        assertThat(hasher.verify("correct horse", b)).isTrue();
        assertThat(hasher.verify("correct horse ", a)).isFalse();
        assertThat(hasher.verify(null, a)).isFalse();
        assertThat(hasher.needsRehash(a)).isFalse();
        assertThat(PasswordHasher.recognised(a)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hunter2", "pässwörd-€-密码", "with space and $dollar$"})
    void verifyWhenDjangoPbkdf2MadeByPythonThenAccepted(String password) {
        String hash = djangoPbkdf2(password, 120_000, "QeXWpWpGkiVk8y6o5rYbzA");

        assertThat(hash).startsWith("pbkdf2_sha256$120000$QeXWpWpGkiVk8y6o5rYbzA$");
        assertImported(hash, password);
    }

    @Test
    void verifyWhenDjangoPbkdf2WithOtherIterationCountThenAccepted() {
        assertImported(djangoPbkdf2("s3cret", 1_000, "abc"), "s3cret");
        assertImported(djangoPbkdf2("s3cret", 870_000, "Y7xZ1q2w3e4r5t6y7u8i9o"), "s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hunter2", "pässwörd-€-密码", "with space and $dollar$"})
    void verifyWhenBcrypt2yMadeByHtpasswdThenAccepted(String password) {
        String hash = htpasswdBcrypt(password, 6);

        assertThat(hash).startsWith("$2y$06$").hasSize(60);
        assertImported(hash, password);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hunter2", "pässwörd-€-密码"})
    void verifyWhenDjangoBcryptPrefixThenAccepted(String password) {
        // Django's BCryptPasswordHasher stores "bcrypt$" + the $2b$ hash ("bcrypt$$2b$..."); for passwords under 72 bytes $2b$
        // (OpenBSD) and $2y$ (crypt_blowfish) are the same algorithm, only the version letter differs
        String bcrypt2b = "$2b$" + htpasswdBcrypt(password, 5).substring("$2y$".length());

        assertImported("bcrypt$" + bcrypt2b, password);
        assertImported(bcrypt2b, password);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "i", "d"})
    void verifyWhenArgon2MadeByReferenceCliThenAccepted(String variant) {
        for (String password : List.of("hunter2", "pässwörd-€-密码")) {
            String hash = argon2Cli(password, "somesaltsomesalt", variant, 3, 4096, 1, 32);

            assertThat(hash).startsWith("$argon2" + variant + "$v=19$m=4096,t=3,p=1$");
            assertImported(hash, password);
        }
    }

    @Test
    void verifyWhenArgon2CliWithParallelismAndShortOutputThenAccepted() {
        String hash = argon2Cli("hunter2", "anothersalt", "id", 2, 1024, 2, 16);

        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=2,p=2$");
        assertImported(hash, "hunter2");
    }

    @Test
    void verifyWhenArgon2idWithOurParametersButMadeByCliThenAcceptedAndCurrent() {
        String hash = argon2Cli("hunter2", "0123456789abcdef", "id", 2, 19456, 1, 32);

        assertThat(hash).startsWith(CURRENT_PREFIX);
        assertThat(hasher.verify("hunter2", hash)).isTrue();
        assertThat(hasher.verify("hunter3", hash)).isFalse();
        assertThat(hasher.needsRehash(hash)).isFalse();
    }

    @Test
    void verifyWhenDjangoArgon2PrefixThenAccepted() {
        String phc = argon2Cli("hunter2", "djangosaltvalue1", "id", 2, 102400 / 10, 8, 32);

        assertImported("argon2" + phc, "hunter2");
    }

    @Test
    void verifyWhenUnusableOrEmptyOrMalformedThenFalse() {
        String good = hasher.hash("pw");

        assertThat(hasher.verify("pw", "!" + good)).isFalse();
        assertThat(hasher.verify("pw", "!pw")).isFalse();
        assertThat(hasher.verify("", "!")).isFalse();
        assertThat(hasher.verify("pw", "")).isFalse();
        assertThat(hasher.verify("pw", null)).isFalse();
        assertThat(hasher.verify("pw", "pw")).isFalse();
        assertThat(hasher.verify("pw", "pbkdf2_sha256$notanumber$salt$AAAA")).isFalse();
        assertThat(hasher.verify("pw", "pbkdf2_sha256$1000$salt")).isFalse();
        assertThat(hasher.verify("pw", "$argon2id$garbage")).isFalse();
        assertThat(hasher.verify("pw", "$2y$05$short")).isFalse();
        assertThat(hasher.verify("pw", "md5$salt$0123456789abcdef")).isFalse();
        assertThat(PasswordHasher.usable("!" + good)).isFalse();
        assertThat(PasswordHasher.usable(PasswordHasher.unusable())).isFalse();
        assertThat(PasswordHasher.unusable()).isNotEqualTo(PasswordHasher.unusable());
        assertThat(hasher.needsRehash("!" + good)).isFalse();
        assertThat(PasswordHasher.recognised("md5$salt$0123456789abcdef")).isFalse();
        assertThat(PasswordHasher.recognised("pbkdf2_sha256$abc$salt$AAAA")).isFalse();
        assertThat(PasswordHasher.recognised("plaintext")).isFalse();
    }
}
