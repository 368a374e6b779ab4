package dev.gatehouse.web.admin;

import dev.gatehouse.core.RequestOrigin;
import dev.gatehouse.core.User;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.web.FormData;
import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.ui.Pages;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One admin page request of a signed-in superuser: its path parameters, query and posted form, the API as this
 * browser's session, and how the page answers (a page inside the admin chrome, or a redirect).
 */
public final class AdminRequest {
    private final ServerRequest req;
    private final ServerResponse res;
    private final SessionService.Live live;
    private final Map<String, String> params;
    private final FormData form;
    private final AdminApi api;
    private final RequestOrigin origin;
    private final Chrome base;

    AdminRequest(ServerRequest req, ServerResponse res, SessionService.Live live, Map<String, String> params,
                 FormData form, AdminApi api, RequestOrigin origin, Chrome base) {
        this.req = req;
        this.res = res;
        this.live = live;
        this.params = params;
        this.form = form;
        this.api = api;
        this.origin = origin;
        this.base = base;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** A query parameter, or null. */
    public String query(String name) {
        return req.query().first(name).orElse(null);
    }

    public Map<String, List<String>> queryMap() {
        return req.query().toMap();
    }

    /** The posted form (empty for a GET); its CSRF token was checked before the handler ran. */
    public FormData form() {
        return form;
    }

    public User user() {
        return live.user();
    }

    public SessionService.Live session() {
        return live;
    }

    public RequestOrigin origin() {
        return origin;
    }

    public String csrf() {
        return base.csrf();
    }

    /** Reads from the API as this session. */
    public Answer get(String path, Map<String, String> query) {
        return api.call(req, origin, "GET", path, AdminApi.query(query), null, null);
    }

    public Answer get(String path) {
        return get(path, Map.of());
    }

    /** Changes something through the API as this session, with the CSRF token the form posted. */
    public Answer send(String method, String path, Object body) {
        return api.call(req, origin, method, path, Map.of(), body, form.first("csrf"));
    }

    /** The chrome for a page titled {@code title}, with the menu entry {@code active} marked. */
    public Chrome chrome(String title, String active) {
        return new Chrome(title, base.brandTitle(), base.userName(), base.csrf(), active, base.sections(),
                base.logoutAction());
    }

    /** Sends a page: {@code template} takes {@code chrome} and {@code page}. */
    public void page(int status, String template, String title, String active, Object page) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("chrome", chrome(title, active));
        values.put("page", page);
        StringOutput out = new StringOutput();
        Pages.render(template, values, out);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(out.toString());
    }

    /** Post/redirect/get: a 303 to {@code location} (a path of this interface). */
    public void redirect(String location) {
        res.status(303);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }

    public void notFound() {
        page(404, AdminInterface.MESSAGE, "Not found", "", new AdminInterface.Message("Not found",
                "There is no such object, or it was deleted.", AdminInterface.ROOT, "Back to the overview"));
    }

    /** An API answer that is neither a success nor a field error, shown as a page. */
    public void failed(Answer answer) {
        if (answer.status() == 404) {
            notFound();
            return;
        }
        page(answer.status(), AdminInterface.MESSAGE, "Not done", "", new AdminInterface.Message("Not done",
                answer.detail(), AdminInterface.ROOT, "Back to the overview"));
    }
}
