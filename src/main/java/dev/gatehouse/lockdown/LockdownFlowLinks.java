package dev.gatehouse.lockdown;

import dev.gatehouse.core.Brand;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.store.Database;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Starts the brand's lockdown flow ({@code flow_lockdown}) for a caller, as authentik's {@code account_lockdown/}:
 * the flow is planned for the caller with the account to lock down as the pending user (or, for several accounts,
 * their pks under {@link LockdownKeys#TARGETS}) and parked under a single-use {@code ?flow_token=} link, valid
 * {@link #VALIDITY}; the browser that opens it runs the flow (its warning, the reason, the lockdown stage). Who may
 * lock down whom is the caller's business; this only plans.
 */
public final class LockdownFlowLinks {
    public static final Duration VALIDITY = Duration.ofMinutes(30);
    static final String NO_FLOW = "No lockdown flow configured.";

    /** Plans {@code flow} for {@code caller} with {@code context} and parks it; the link, or empty when refused. */
    @FunctionalInterface
    public interface Parking {
        Optional<String> park(Flow flow, User caller, FlowContext context, String baseUrl, Duration lifetime);
    }

    private final Database db;
    private final Parking parking;

    public LockdownFlowLinks(Database db, Parking parking) {
        this.db = db;
        this.parking = parking;
    }

    /** The link that locks {@code target} down (the caller itself: self-service). */
    public String forUser(User caller, User target, String host, String baseUrl) {
        AccountLockdown.refuseServiceAccount(target);
        FlowContext context = new FlowContext();
        context.put(FlowKeys.PENDING_USER, target);
        return park(caller, context, host, baseUrl);
    }

    /** The link that locks all of {@code targets} down. */
    public String forUsers(User caller, List<User> targets, String host, String baseUrl) {
        targets.forEach(AccountLockdown::refuseServiceAccount);
        FlowContext context = new FlowContext();
        context.put(LockdownKeys.TARGETS, targets.stream().map(u -> (Object) u.pk()).toList());
        return park(caller, context, host, baseUrl);
    }

    /** The lockdown flow of the brand serving {@code host}, if it names one that exists. */
    public Optional<Flow> flow(String host) {
        return new BrandStore(db.dsl()).forHost(host).map(Brand::flowLockdown)
                .flatMap(pk -> new FlowStore(db.dsl()).byPk(pk));
    }

    private String park(User caller, FlowContext context, String host, String baseUrl) {
        Flow flow = flow(host).orElseThrow(() -> ValidationException.of("non_field_errors", NO_FLOW));
        return parking.park(flow, caller, context, baseUrl.replaceAll("/+$", ""), VALIDITY).orElseThrow(() ->
                ValidationException.of("non_field_errors",
                        "The lockdown flow \"" + flow.slug() + "\" does not apply to this user."));
    }
}
