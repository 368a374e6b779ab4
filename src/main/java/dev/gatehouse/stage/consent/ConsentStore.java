package dev.gatehouse.stage.consent;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Rows of {@code stages_consent_userconsent}: what a user agreed to give an application, and until when. */
public final class ConsentStore {
    static final Table<Record> T = table(name("stages_consent_userconsent"));
    static final Field<UUID> UUID_ = field(name("stages_consent_userconsent", "uuid"), SQLDataType.UUID);
    static final Field<Long> USER = field(name("stages_consent_userconsent", "user_id"), SQLDataType.BIGINT);
    static final Field<UUID> APPLICATION = field(name("stages_consent_userconsent", "application"), SQLDataType.UUID);
    static final Field<String> PERMISSIONS = field(name("stages_consent_userconsent", "permissions"), SQLDataType.VARCHAR);
    static final Field<Instant> EXPIRES = field(name("stages_consent_userconsent", "expires"), SQLDataType.INSTANT);
    static final Field<Instant> CREATED = field(name("stages_consent_userconsent", "created"), SQLDataType.INSTANT);

    /** A remembered consent; {@code expires} null = permanent. */
    public record Consent(Set<String> permissions, Instant expires) {
        public boolean covers(Set<String> requested, Instant now) {
            return (expires == null || expires.isAfter(now)) && permissions.containsAll(requested);
        }
    }

    private final DSLContext dsl;

    public ConsentStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<Consent> find(long user, UUID application) {
        return dsl.select(PERMISSIONS, EXPIRES).from(T).where(USER.eq(user)).and(APPLICATION.eq(application))
                .fetchOptional(r -> new Consent(split(r.get(PERMISSIONS)), r.get(EXPIRES)));
    }

    /** Records (or replaces) the user's consent to the application. */
    public void remember(long user, UUID application, Set<String> permissions, Instant expires) {
        dsl.deleteFrom(T).where(USER.eq(user)).and(APPLICATION.eq(application)).execute();
        dsl.insertInto(T).set(UUID_, UUID.randomUUID()).set(USER, user).set(APPLICATION, application)
                .set(PERMISSIONS, String.join(" ", permissions)).set(EXPIRES, expires).set(CREATED, Instant.now())
                .execute();
    }

    /** One consent as the user's settings list it. */
    public record Given(UUID pk, UUID application, Set<String> permissions, Instant expires, Instant created) {
    }

    /** Every consent the user gave, newest first. */
    public java.util.List<Given> ofUser(long user) {
        return dsl.select(UUID_, APPLICATION, PERMISSIONS, EXPIRES, CREATED).from(T).where(USER.eq(user))
                .orderBy(CREATED.desc(), UUID_).fetch(r -> new Given(r.get(UUID_), r.get(APPLICATION),
                        split(r.get(PERMISSIONS)), r.get(EXPIRES), r.get(CREATED)));
    }

    /** The user's consent {@code pk}; another user's is not found. */
    public Optional<Given> byPk(long user, UUID pk) {
        return dsl.select(UUID_, APPLICATION, PERMISSIONS, EXPIRES, CREATED).from(T).where(UUID_.eq(pk))
                .and(USER.eq(user)).fetchOptional(r -> new Given(r.get(UUID_), r.get(APPLICATION),
                        split(r.get(PERMISSIONS)), r.get(EXPIRES), r.get(CREATED)));
    }

    /** Deletes the user's consent {@code pk}; false when there is none (or it is another user's). */
    public boolean delete(long user, UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).and(USER.eq(user)).execute() > 0;
    }

    private static Set<String> split(String text) {
        Set<String> out = new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
        out.remove("");
        return out;
    }
}
