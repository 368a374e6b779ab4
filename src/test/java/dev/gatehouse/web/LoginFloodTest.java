package dev.gatehouse.web;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.throttle.LoginThrottle;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One address hammering the sign-in with wrong passwords is throttled, while a well-behaved client on another address
 * ({@code 127.0.0.2}: Linux routes all of 127/8 to loopback) keeps being answered and signs in.
 */
class LoginFloodTest {
    private static final String AUTH = DefaultFlows.AUTHENTICATION;
    private static final InetAddress FLOODER = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress GOOD = InetAddress.ofLiteral("127.0.0.2");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void user(String username, String password) {
        long pk = ApiTestSupport.createUser(server, username);
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN, obj("password", password)), 204);
    }

    /** One sign-in attempt from {@code from} in a fresh browser: true when it ended signed in. */
    private static boolean signIn(InetAddress from, String username, String password) {
        try (FlowClient c = new FlowClient(server.base(), from)) {
            return c.run(AUTH, null, username, password).path("component").asString().equals(FlowClient.REDIRECT);
        }
    }

    /** Runs {@code attempts} wrong-password sign-ins from the flooding address on 4 threads; {@code good} meanwhile. */
    private static void whileFlooding(int attempts, java.util.function.IntFunction<String> username, Runnable good)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> flood = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                flood.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < attempts; i = next.getAndIncrement()) {
                        assertThat(signIn(FLOODER, username.apply(i), "wrong-" + i)).isFalse();
                    }
                }));
            }
            good.run();
            for (Future<?> f : flood) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void floodOfWrongPasswordsForManyUsernamesThenTheFlooderIsThrottledAndAnotherAddressSignsIn() throws Exception {
        user("grace", "grace-password-1");
        user("hal", "hal-password-1");
        long attempts = LoginThrottle.PER_IP.capacity() + 30;
        whileFlooding((int) attempts, i -> "sprayed-user-" + i, () -> {
            long start = System.nanoTime();
            assertThat(signIn(GOOD, "grace", "grace-password-1")).as("the well-behaved client signs in").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        });
        assertThat(signIn(FLOODER, "hal", "hal-password-1")).as("the flooding address is throttled").isFalse();
        assertThat(signIn(GOOD, "hal", "hal-password-1")).as("hal, from elsewhere").isTrue();
    }

    @Test
    void floodOfWrongPasswordsForOneUsernameFromOneAddressThenThatUserStillSignsInFromAnother() throws Exception {
        user("ivy", "ivy-password-1");
        long attempts = LoginThrottle.PER_USERNAME.capacity() * 3;
        whileFlooding((int) attempts, i -> "ivy", () -> { });
        assertThat(signIn(FLOODER, "ivy", "ivy-password-1")).as("the flooding address is throttled for ivy").isFalse();
        assertThat(signIn(GOOD, "ivy", "ivy-password-1")).as("ivy signs in from her own address").isTrue();
    }
}
