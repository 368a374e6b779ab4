package dev.gatehouse.provider.oauth2.endpoint;

import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.RequestOrigin;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.flow.engine.PlannedStage;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.provider.oauth2.authorize.AuthorizationFlow;
import dev.gatehouse.provider.oauth2.device.DeviceVerification;
import dev.gatehouse.provider.oauth2.device.DeviceVerification.Checked;
import dev.gatehouse.provider.oauth2.device.UserCodes;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.EntryPoints;
import dev.gatehouse.web.FlowRunner;
import dev.gatehouse.web.RequestOrigins;
import dev.gatehouse.web.RouteName;
import dev.gatehouse.web.SessionCookies;
import dev.gatehouse.web.ui.DevicePage;
import dev.gatehouse.web.ui.MessagePage;
import dev.gatehouse.web.ui.Pages;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|POST /device}, the verification URI of the device authorization grant (RFC 8628 §3.3). Without a
 * session the browser signs in first and comes back (as at the authorization endpoint). Then the user enters or
 * confirms the code: on Gatehouse's own page (a plain form with the session's CSRF token), or, when the brand
 * names a device-code flow, in that flow as authentik does. A usable code starts the provider's authorization
 * flow for this browser, which the user continues at its flow page; a wrong or expired code is shown again with
 * the reason. Only adapts: the decisions are {@link DeviceVerification}'s.
 */
public final class DeviceVerificationEndpoint {
    private static final int MAX_FORM = 8 * 1024;
    private static final String CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'";
    private final Database db;
    private final DeviceVerification verification;
    private final FlowRunner runner;
    private final SessionService sessions;
    private final RequestOrigins origins;
    private final SessionCookies cookies;
    public DeviceVerificationEndpoint(Database db, DeviceVerification verification, FlowRunner runner,
                                      SessionService sessions, RequestOrigins origins, SessionCookies cookies) {
        this.db = db;
        this.verification = verification;
        this.runner = runner;
        this.sessions = sessions;
        this.origins = origins;
        this.cookies = cookies;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get(DeviceVerification.PATH, this::show);
        routing.post(DeviceVerification.PATH, this::enter);
    }

    /** One request's facts. */
    private record Visit(ServerRequest req, ServerResponse res, Optional<SessionService.Live> signed, String ip,
                         String host, FlowRunner.Call call, int redirectStatus) {

        PolicyRequest.Http http() {
            return new PolicyRequest.Http(host, DeviceVerification.PATH, call.userAgent());
        }
    }

    private Visit visit(ServerRequest req, ServerResponse res, int redirectStatus) {
        req.context().register(new RouteName(DeviceVerification.PATH));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header("X-Frame-Options", "DENY");
        res.header("Content-Security-Policy", CSP);
        String cookie = req.headers().first(HeaderNames.COOKIE).orElse(null);
        RequestOrigin origin = origins.of(req);
        String ip = origin.clientIp();
        String host = origin.host();
        FlowRunner.Call call = new FlowRunner.Call(cookie, origin,
                req.headers().first(HeaderNames.USER_AGENT).orElse(null), DeviceVerification.PATH, null);
        Optional<SessionService.Live> signed = SessionCookies.read(cookie, SessionCookies.SESSION)
                .flatMap(sessions::resolve);
        return new Visit(req, res, signed, ip, host, call, redirectStatus);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Visit v = visit(req, res, 302);
        String code = req.query().first(DeviceVerification.CODE).asOptional().orElse("");
        if (v.signed().isEmpty()) {
            redirect(v, signIn(code));
            return;
        }
        Optional<String> confirmation = req.query().first(DeviceVerification.CONFIRM).asOptional();
        if (confirmation.isPresent() && verification.confirmed(code, v.signed().get().user(), confirmation.get())) {
            proceed(v, code);
            return;
        }
        String prefill = UserCodes.normalize(code).map(UserCodes::format).orElse("");
        Optional<Flow> brandFlow = verification.brandFlow(v.host());
        if (brandFlow.isPresent()) {
            start(v, brandFlow.get(), new FlowContext(), List.of(verification.entryStage(prefill)));
            return;
        }
        page(v, 200, prefill, null);
    }

    private void enter(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = visit(req, res, 303);
        Map<String, List<String>> form = form(req);
        String code = first(form, DeviceVerification.CODE);
        if (v.signed().isEmpty()) {
            redirect(v, signIn(code));
            return;
        }
        if (!sessions.csrfMatches(v.signed().get().session(), first(form, "csrf"))) {
            message(v, 403, "This form has expired. Reload the page and enter the code again.");
            return;
        }
        proceed(v, code);
    }

    /** Checks the code and, when it can be used, starts the authorization for this browser. */
    private void proceed(Visit v, String code) {
        SessionService.Live live = v.signed().orElseThrow();
        switch (verification.check(code, live.user(), v.ip())) {
            case Checked.Refused r -> {
                if (verification.brandFlow(v.host()).isPresent()) {
                    message(v, r.status(), r.message());
                } else {
                    page(v, r.status(), UserCodes.normalize(code).map(UserCodes::format).orElse(""), r.message());
                }
            }
            case Checked.Usable u -> {
                switch (verification.authorize(u, live.user(), live.session(), v.ip(), v.http())) {
                    case AuthorizationFlow.Prepared.Refused r -> message(v, r.status(), r.message());
                    case AuthorizationFlow.Prepared.Ready r -> start(v, r.flow(), r.context(), r.appended());
                }
            }
        }
    }

    /** Starts a flow for this browser and sends it on: to the flow's page, where the flow leads, or a denial. */
    private void start(Visit v, Flow flow, FlowContext context, List<PlannedStage> appended) {
        FlowRunner.Outcome outcome = runner.start(flow, v.call(), context, appended);
        SessionCookies.write(v.res(), outcome.setCookies());
        switch (outcome.step()) {
            case Step.Done done -> redirect(v, done.redirect());
            case Step.Denied denied -> message(v, 403, denied.message());
            case Step.Show show -> redirect(v, "/if/flow/" + flow.slug() + "/");
        }
    }

    /** The brand's authentication flow, leading back to this page (with the code from the link, if any). */
    private static String signIn(String code) {
        return EntryPoints.signIn(DeviceVerification.PATH + (code.isEmpty() ? ""
                : "?" + URLUtils.serializeParameters(Map.of(DeviceVerification.CODE, List.of(code)))));
    }

    private void page(Visit v, int status, String code, String error) {
        SessionService.Live live = v.signed().orElseThrow();
        Pages.send(v.res(), status, Pages.DEVICE, new DevicePage(brand(v), live.user().username(), DeviceVerification.PATH,
                sessions.csrfToken(live.session()), code, error));
    }

    private void message(Visit v, int status, String message) {
        String title = switch (status) {
            case 403 -> "Access denied";
            case 500 -> "Something is misconfigured";
            default -> "This code cannot be used";
        };
        Pages.send(v.res(), status, Pages.MESSAGE, new MessagePage(brand(v), title, message));
    }

    private String brand(Visit v) {
        return new BrandStore(db.dsl()).titleForHost(v.host());
    }

    private static void redirect(Visit v, String location) {
        v.res().status(v.redirectStatus());
        v.res().header(HeaderNames.LOCATION, location);
        v.res().send();
    }

    /** The form body (application/x-www-form-urlencoded); what does not fit is ignored. */
    private static Map<String, List<String>> form(ServerRequest req) throws IOException {
        if (!req.content().hasEntity()) {
            return Map.of();
        }
        try (InputStream in = req.content().inputStream()) {
            return URLUtils.parseParameters(new String(in.readNBytes(MAX_FORM), StandardCharsets.UTF_8));
        }
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }
}
