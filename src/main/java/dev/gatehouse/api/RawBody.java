package dev.gatehouse.api;

/** A response body that is already encoded (the OpenAPI document), written as is. */
public record RawBody(String contentType, byte[] bytes) {
}
