package dev.gatehouse.web;

/** The route template a request matched, put in the request context for metrics and the access log. */
public record RouteName(String value) {
}
