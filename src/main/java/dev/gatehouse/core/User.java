package dev.gatehouse.core;

import dev.gatehouse.crypto.PasswordHasher;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A user account. {@code passwordHash} never leaves the server and is left out of {@link #toString}. */
public record User(long pk, UUID uuid, String username, String name, String email, String passwordHash,
                   Instant passwordChangeDate, boolean isActive, UserType type, String path,
                   Map<String, Object> attributes, Instant lastLogin, Instant dateJoined) {

    public boolean hasUsablePassword() {
        return PasswordHasher.usable(passwordHash);
    }

    @Override
    public String toString() {
        return "User[pk=" + pk + ", username=" + username + "]";
    }
}
