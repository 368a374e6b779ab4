package dev.gatehouse.crypto.argon2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class Argon2Test {
    /** BouncyCastle's generator as the independent reference. */
    private static byte[] reference(Argon2.Type type, int version, int memory, int iterations, int lanes,
                                    byte[] password, byte[] salt, int length) {
        int bcType = switch (type) {
            case D -> Argon2Parameters.ARGON2_d;
            case I -> Argon2Parameters.ARGON2_i;
            case ID -> Argon2Parameters.ARGON2_id;
        };
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(bcType).withVersion(version).withMemoryAsKB(memory)
                .withIterations(iterations).withParallelism(lanes).withSalt(salt).build());
        byte[] out = new byte[length];
        gen.generateBytes(password, out);
        return out;
    }

    @Test
    void matchesBouncyCastleOverTypesVersionsLanesMemoryPassesAndLengths() {
        Random random = new Random(42);
        int[][] shapes = {
            {8, 1, 1}, {16, 1, 1}, {64, 3, 1}, {100, 2, 2}, {256, 1, 4}, {1024, 2, 1}, {1030, 2, 3}, {4096, 3, 1},
            {19456, 2, 1}, {2048, 4, 8},
        };
        int[] lengths = {4, 16, 32, 64, 65, 100, 128};
        int cases = 0;
        for (Argon2.Type type : Argon2.Type.values()) {
            for (int version : new int[] {Argon2.VERSION_10, Argon2.VERSION_13}) {
                for (int[] shape : shapes) {
                    byte[] password = new byte[random.nextInt(40)];
                    byte[] salt = new byte[8 + random.nextInt(24)];
                    random.nextBytes(password);
                    random.nextBytes(salt);
                    int length = lengths[random.nextInt(lengths.length)];
                    Argon2 argon2 = new Argon2(type, version, shape[0], shape[1], shape[2]);
                    byte[] ours = argon2.hash(password, salt, length, new long[argon2.workAreaLongs()]);
                    assertThat(HexFormat.of().formatHex(ours))
                            .as("%s v=%x m=%d t=%d p=%d len=%d", type, version, shape[0], shape[1], shape[2], length)
                            .isEqualTo(HexFormat.of().formatHex(
                                    reference(type, version, shape[0], shape[1], shape[2], password, salt, length)));
                    cases++;
                }
            }
        }
        assertThat(cases).isEqualTo(60);
    }

    @Test
    void aReusedWorkAreaGivesTheSameTagWhateverItHeldBefore() {
        Argon2 argon2 = new Argon2(Argon2.Type.ID, Argon2.VERSION_13, 512, 2, 1);
        long[] area = new long[argon2.workAreaLongs() + 1000];
        byte[] fresh = argon2.hash("pw".getBytes(), "saltsalt".getBytes(), 32, new long[argon2.workAreaLongs()]);
        for (int i = 0; i < area.length; i++) {
            area[i] = i * 0x9E3779B97F4A7C15L;
        }
        assertThat(argon2.hash("pw".getBytes(), "saltsalt".getBytes(), 32, area)).isEqualTo(fresh);
        assertThat(argon2.hash("pw".getBytes(), "saltsalt".getBytes(), 32, area)).isEqualTo(fresh);
        assertThat(argon2.hash("pX".getBytes(), "saltsalt".getBytes(), 32, area)).isNotEqualTo(fresh);
    }

    @Test
    void refusesParametersOutsideTheStandardAndASmallWorkArea() {
        assertThatThrownBy(() -> new Argon2(Argon2.Type.ID, 0x12, 64, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2(Argon2.Type.ID, Argon2.VERSION_13, 7, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2(Argon2.Type.ID, Argon2.VERSION_13, 64, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        Argon2 argon2 = new Argon2(Argon2.Type.ID, Argon2.VERSION_13, 64, 1, 1);
        assertThatThrownBy(() -> argon2.hash(new byte[1], new byte[8], 32, new long[argon2.workAreaLongs() - 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workAreasAreKeptForReuseAndBoundConcurrentChecks() throws Exception {
        WorkAreas areas = new WorkAreas(1024, 2);
        List<long[]> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            areas.with(1024, a -> seen.add(a));
        }
        assertThat(seen).allSatisfy(a -> assertThat(a).isSameAs(seen.get(0)));
        assertThat(areas.kept()).isEqualTo(1);

        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            Thread.ofVirtual().start(() -> {
                areas.with(512, a -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return running.decrementAndGet();
                });
                done.countDown();
            });
        }
        done.await();
        assertThat(most.get()).isEqualTo(2);
        assertThat(areas.kept()).isEqualTo(2);

        long[] big = areas.with(4096, a -> a);
        assertThat(big).hasSize(4096);
        assertThat(areas.kept()).as("a larger area is not kept").isEqualTo(2);
    }
}
