package dev.gatehouse.provider.oauth2.device;

/** The answer to {@code ak-provider-oauth2-device-code}: the user code (any JSON value is read as text). */
public record DeviceCodeResponse(Object code) {
}
