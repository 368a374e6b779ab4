package dev.gatehouse.web.ui;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateOutput;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * The server-rendered HTML pages: the one engine of precompiled, escaping jte templates (each in the directory of
 * the package it belongs to), and how a page is sent.
 */
public final class Pages {
    private static final String HERE = "dev/gatehouse/web/ui/";
    public static final String FLOW = HERE + "flow.jte";
    public static final String UNKNOWN_STAGE = HERE + "unknown.jte";
    public static final String MESSAGE = HERE + "message.jte";
    public static final String LOGOUT = HERE + "logout.jte";
    public static final String DEVICE = HERE + "device.jte";
    public static final String FORM_POST = HERE + "formpost.jte";
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Pages() {
    }

    /** A template whose only parameter is {@code page}, as HTML text. */
    public static String render(String template, Object page) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, page, out);
        return out.toString();
    }

    /** A template with named parameters, into {@code out} (a page inside another). */
    public static void render(String template, Map<String, Object> params, TemplateOutput out) {
        ENGINE.render(template, params, out);
    }

    /** Sends a page as the response's HTML body with {@code status}. */
    public static void send(ServerResponse res, int status, String template, Object page) {
        String html = render(template, page);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(html);
    }
}
