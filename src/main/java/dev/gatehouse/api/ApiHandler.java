package dev.gatehouse.api;

/** One API operation. */
@FunctionalInterface
public interface ApiHandler {
    ApiResponse handle(ApiRequest request);
}
