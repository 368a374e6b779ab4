package dev.gatehouse.crypto.totp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.crypto.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * RFC 6238 TOTP against the RFC's own test vectors and against an independent implementation, Debian's
 * {@code oathtool} (listed in .ci/run).
 */
class TotpTest {
    /** RFC 6238 Appendix B: the SHA1 seed is the ASCII string "12345678901234567890". */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238AppendixBSha1VectorsMatch() {
        long[][] vectors = {{59L, 94287082L}, {1111111109L, 7081804L}, {1111111111L, 14050471L},
                {1234567890L, 89005924L}, {2000000000L, 69279037L}, {20000000000L, 65353130L}};
        for (long[] v : vectors) {
            long step = Totp.step(Instant.ofEpochSecond(v[0]), 30);
            assertThat(Totp.code(RFC_SEED, step, 8)).as("T=%d", v[0]).isEqualTo(String.format("%08d", v[1]));
        }
    }

    @Test
    void base32RoundTripsAndDecodesRfc4648Vectors() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(new String(Base32.decode("mzxw6ytboi======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
        byte[] random = Secrets.randomBytes(Totp.SECRET_BYTES);
        assertThat(Base32.decode(Base32.encode(random))).isEqualTo(random);
    }

    @Test
    void oathtoolCodeOfNowIsAcceptedOnceAndNotAgain() throws Exception {
        byte[] key = Secrets.randomBytes(Totp.SECRET_BYTES);
        String secret = Base32.encode(key);
        String code = oathtool("--totp", "-b", secret);
        Instant now = Instant.now();
        OptionalLong step = Totp.match(key, code, now, 6, 30, -1);
        assertThat(step).as("oathtool's code %s", code).isPresent();
        assertThat(Totp.match(key, code, now, 6, 30, step.getAsLong())).as("the same code again").isEmpty();
    }

    @Test
    void oathtoolCodeOfOneStepAgoIsAcceptedTwoStepsAgoIsRefused() throws Exception {
        byte[] key = Secrets.randomBytes(Totp.SECRET_BYTES);
        String secret = Base32.encode(key);
        long nowSeconds = Instant.now().getEpochSecond();
        String oneStepAgo = oathtool("--totp", "-b", "--now", "@" + (nowSeconds - 30), secret);
        String twoStepsAgo = oathtool("--totp", "-b", "--now", "@" + (nowSeconds - 60), secret);
        Instant now = Instant.ofEpochSecond(nowSeconds);
        assertThat(Totp.match(key, oneStepAgo, now, 6, 30, -1)).isPresent();
        assertThat(Totp.match(key, twoStepsAgo, now, 6, 30, -1)).isEmpty();
    }

    @Test
    void aCodeOlderThanTheLastAcceptedOneIsRefused() throws Exception {
        byte[] key = Secrets.randomBytes(Totp.SECRET_BYTES);
        Instant now = Instant.now();
        long current = Totp.step(now, 30);
        String previous = Totp.code(key, current - 1, 6);
        assertThat(Totp.match(key, previous, now, 6, 30, current)).isEmpty();
        assertThat(Totp.match(key, previous, now, 6, 30, current - 2)).hasValue(current - 1);
    }

    @Test
    void malformedCodesAreRefused() {
        byte[] key = Secrets.randomBytes(Totp.SECRET_BYTES);
        Instant now = Instant.now();
        String good = Totp.code(key, Totp.step(now, 30), 6);
        assertThat(Totp.match(key, null, now, 6, 30, -1)).isEmpty();
        assertThat(Totp.match(key, good + "0", now, 6, 30, -1)).isEmpty();
        assertThat(Totp.match(key, "12345a", now, 6, 30, -1)).isEmpty();
        assertThat(Totp.match(key, good, now, 6, 30, -1)).isPresent();
    }

    @Test
    void otpauthUrlCarriesIssuerLabelAndParameters() {
        assertThat(Totp.otpauthUrl("My Company", "jane doe", "JBSWY3DPEHPK3PXP", 6, 30)).isEqualTo(
                "otpauth://totp/My%20Company:jane%20doe?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30"
                        + "&issuer=My%20Company");
    }

    /** Runs Debian's oathtool and returns its one line of output. */
    static String oathtool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("oathtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("oathtool %s: %s", command, out).isZero();
        return out;
    }
}
