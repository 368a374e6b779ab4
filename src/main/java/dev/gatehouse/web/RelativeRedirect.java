package dev.gatehouse.web;

import java.util.Optional;

/**
 * A redirect target given by a client ({@code next=}) is followed only when it is a path on this site:
 * it starts with one {@code /}, is not {@code //host} or {@code /\host}, and has no control characters.
 * (authentik followed absolute values — an open redirect; CONTRACT.md "fix".)
 */
public final class RelativeRedirect {
    private RelativeRedirect() {
    }

    public static Optional<String> check(String next) {
        if (next == null || next.isEmpty() || next.charAt(0) != '/') {
            return Optional.empty();
        }
        if (next.length() > 1 && (next.charAt(1) == '/' || next.charAt(1) == '\\')) {
            return Optional.empty();
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return Optional.empty();
            }
        }
        return Optional.of(next);
    }
}
