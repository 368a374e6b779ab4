package dev.gatehouse.core;

import static dev.gatehouse.core.Fixtures.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApplicationServiceTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static ApplicationChanges app(String slug, String name) {
        return new ApplicationChanges(slug, name, null, null, null, null, null, null, null, null);
    }

    private static ApplicationChanges withProvider(String slug, Optional<Long> provider) {
        return new ApplicationChanges(slug, slug, provider, null, null, null, null, null, null, null);
    }

    private static ApplicationChanges withMode(String slug, String mode) {
        return new ApplicationChanges(slug, slug, null, null, null, null, null, null, mode, null);
    }

    private static long provider(Database db, String name) {
        return new ProviderStore(db.dsl()).insert(name, "oauth2", null, null, null).pk();
    }

    private static void assertFieldError(Runnable r, String... fields) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsOnlyKeys(fields));
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenMinimalThenDefaultsApply(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            ApplicationService apps = new ApplicationService(db);

            Application a = apps.create(Actor.SYSTEM, app("grafana", "Grafana"));

            Application stored = new ApplicationStore(db.dsl()).bySlug("grafana").orElseThrow();
            assertThat(stored).isEqualTo(a);
            assertThat(stored.name()).isEqualTo("Grafana");
            assertThat(stored.provider()).isNull();
            assertThat(stored.policyEngineMode()).isEqualTo("any");
            assertThat(stored.openInNewTab()).isFalse();
            assertThat(stored.metaLaunchUrl()).isEmpty();
            assertThat(stored.group()).isEmpty();
            assertThat(stored.created()).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenAllFieldsGivenThenStored(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            long p = provider(db, "grafana-oidc");

            Application a = new ApplicationService(db).create(Actor.SYSTEM, new ApplicationChanges("grafana", "Grafana",
                    Optional.of(p), "https://grafana.example/", "Dashboards", "Grafana Labs", "/icons/g.svg",
                    "Monitoring", "all", true));

            Application stored = new ApplicationStore(db.dsl()).byPk(a.pk()).orElseThrow();
            assertThat(stored.provider()).isEqualTo(p);
            assertThat(stored.metaLaunchUrl()).isEqualTo("https://grafana.example/");
            assertThat(stored.metaDescription()).isEqualTo("Dashboards");
            assertThat(stored.metaPublisher()).isEqualTo("Grafana Labs");
            assertThat(stored.metaIcon()).isEqualTo("/icons/g.svg");
            assertThat(stored.group()).isEqualTo("Monitoring");
            assertThat(stored.policyEngineMode()).isEqualTo("all");
            assertThat(stored.openInNewTab()).isTrue();
            assertThat(new ApplicationStore(db.dsl()).byProvider(p)).contains(stored);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenSlugInvalidThenFieldError(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            ApplicationService apps = new ApplicationService(db);

            assertFieldError(() -> apps.create(Actor.SYSTEM, app("has space", "X")), "slug");
            assertFieldError(() -> apps.create(Actor.SYSTEM, app("dot.ted", "X")), "slug");
            assertFieldError(() -> apps.create(Actor.SYSTEM, app("ümlaut", "X")), "slug");
            assertFieldError(() -> apps.create(Actor.SYSTEM, app("", "X")), "slug");
            assertFieldError(() -> apps.create(Actor.SYSTEM, app("a".repeat(51), "X")), "slug");
            assertFieldError(() -> apps.create(Actor.SYSTEM, app(null, "X")), "slug");
            assertFieldError(() -> apps.create(Actor.SYSTEM, app("ok", null)), "name");
            assertThat(count(db, "core_application")).isZero();
            assertThat(apps.create(Actor.SYSTEM, app("Ok_slug-1", "X")).slug()).isEqualTo("Ok_slug-1");
            assertThat(apps.create(Actor.SYSTEM, app("a".repeat(50), "X")).slug()).hasSize(50);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenSlugTakenThenFieldErrorAndUpdateToTakenSlugToo(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            ApplicationService apps = new ApplicationService(db);
            apps.create(Actor.SYSTEM, app("grafana", "Grafana"));
            apps.create(Actor.SYSTEM, app("wiki", "Wiki"));

            assertFieldError(() -> apps.create(Actor.SYSTEM, app("grafana", "Other")), "slug");
            assertFieldError(() -> apps.update(Actor.SYSTEM, "wiki", app("grafana", null)), "slug");

            assertThat(count(db, "core_application")).isEqualTo(2);
            assertThat(new ApplicationStore(db.dsl()).bySlug("wiki")).isPresent();
            // renaming to its own slug and to a free one both work
            assertThat(apps.update(Actor.SYSTEM, "wiki", app("wiki", "Wiki 2")).name()).isEqualTo("Wiki 2");
            assertThat(apps.update(Actor.SYSTEM, "wiki", app("docs", null)).slug()).isEqualTo("docs");
            assertThat(new ApplicationStore(db.dsl()).bySlug("wiki")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenProviderAlreadyUsedThenFieldError(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            ApplicationService apps = new ApplicationService(db);
            long p = provider(db, "p1");
            long p2 = provider(db, "p2");
            apps.create(Actor.SYSTEM, withProvider("one", Optional.of(p)));
            apps.create(Actor.SYSTEM, withProvider("two", null));

            assertFieldError(() -> apps.create(Actor.SYSTEM, withProvider("three", Optional.of(p))), "provider");
            assertFieldError(() -> apps.update(Actor.SYSTEM, "two", withProvider(null, Optional.of(p))), "provider");
            assertFieldError(() -> apps.create(Actor.SYSTEM, withProvider("four", Optional.of(987654L))), "provider");

            assertThat(new ApplicationStore(db.dsl()).bySlug("two").orElseThrow().provider()).isNull();
            assertThat(count(db, "core_application")).isEqualTo(2);
            // the same application may keep its provider; after unlinking, another may take it
            assertThat(apps.update(Actor.SYSTEM, "one", withProvider(null, Optional.of(p))).provider()).isEqualTo(p);
            assertThat(apps.update(Actor.SYSTEM, "one", withProvider(null, Optional.empty())).provider()).isNull();
            assertThat(apps.update(Actor.SYSTEM, "two", withProvider(null, Optional.of(p))).provider()).isEqualTo(p);
            assertThat(apps.update(Actor.SYSTEM, "one", withProvider(null, Optional.of(p2))).provider()).isEqualTo(p2);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenPolicyEngineModeNotAChoiceThenFieldError(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            ApplicationService apps = new ApplicationService(db);

            assertFieldError(() -> apps.create(Actor.SYSTEM, withMode("a", "none")), "policy_engine_mode");
            assertFieldError(() -> apps.create(Actor.SYSTEM, withMode("a", "ALL")), "policy_engine_mode");
            assertFieldError(() -> apps.create(Actor.SYSTEM, withMode("a", "")), "policy_engine_mode");
            assertThat(apps.create(Actor.SYSTEM, withMode("a", "all")).policyEngineMode()).isEqualTo("all");
            assertThat(apps.create(Actor.SYSTEM, withMode("b", "any")).policyEngineMode()).isEqualTo("any");
            assertFieldError(() -> apps.update(Actor.SYSTEM, "a", withMode(null, "first")), "policy_engine_mode");
            assertThat(new ApplicationStore(db.dsl()).bySlug("a").orElseThrow().policyEngineMode()).isEqualTo("all");
            assertThat(apps.update(Actor.SYSTEM, "a", withMode(null, "any")).policyEngineMode()).isEqualTo("any");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void updateWhenFieldsNullThenUnchanged(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            ApplicationService apps = new ApplicationService(db);
            long p = provider(db, "p");
            Application a = apps.create(Actor.SYSTEM, new ApplicationChanges("grafana", "Grafana", Optional.of(p),
                    "https://g/", "D", "P", "I", "G", "all", true));

            Application b = apps.update(Actor.SYSTEM, "grafana",
                    new ApplicationChanges(null, null, null, null, "New description", null, null, null, null, null));

            assertThat(b).isEqualTo(new Application(a.pk(), "grafana", "Grafana", p, "https://g/", "New description",
                    "P", "I", "G", "all", true, a.created()));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deleteWhenProviderOrApplicationDeletedThenLinkClearedOrRowGone(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            ApplicationService apps = new ApplicationService(db);
            long p = provider(db, "p");
            apps.create(Actor.SYSTEM, withProvider("one", Optional.of(p)));

            new ProviderService(db).delete(Actor.SYSTEM, p);
            assertThat(new ApplicationStore(db.dsl()).bySlug("one").orElseThrow().provider()).isNull();

            apps.delete(Actor.SYSTEM, "one");
            assertThat(new ApplicationStore(db.dsl()).bySlug("one")).isEmpty();
            assertThatThrownBy(() -> apps.delete(Actor.SYSTEM, "one")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> apps.update(Actor.SYSTEM, "one", app(null, "x"))).isInstanceOf(NotFoundException.class);
        }
    }
}
