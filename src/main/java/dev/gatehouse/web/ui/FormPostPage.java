package dev.gatehouse.web.ui;

import java.util.Map;

/** A page whose form the browser posts to {@code url} at once (or at the press of its button without JavaScript). */
public record FormPostPage(String brandTitle, String title, String url, Map<String, String> attrs) {
}
