package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.BrandStore;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.ui.MessagePage;
import dev.gatehouse.web.ui.Pages;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The bodies forward auth answers with: the message page (403, sign-in errors), the unknown-host JSON, plain text. */
final class ProxyResponses {
    private static final byte[] NO_APP = "{\"Message\":\"no app for hostname\"}".getBytes(StandardCharsets.UTF_8);
    private final Database db;
    ProxyResponses(Database db) {
        this.db = db;
    }

    void page(ServerResponse res, int status, String title, String message) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Pages.send(res, status, Pages.MESSAGE, new MessagePage(brand(), title, message));
    }

    static void noApp(ServerResponse res) {
        res.status(400);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(NO_APP);
    }

    static void text(ServerResponse res, int status, String message) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.send(message);
    }

    static void redirect(ServerResponse res, String location, List<String> setCookies) {
        setCookies.forEach(c -> res.headers().add(HeaderValues.create(HeaderNames.SET_COOKIE, c)));
        res.status(302);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }

    private String brand() {
        return new BrandStore(db.dsl()).defaultTitle();
    }
}
