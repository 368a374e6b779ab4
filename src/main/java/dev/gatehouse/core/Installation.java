package dev.gatehouse.core;

import dev.gatehouse.crypto.Secrets;

/** Facts about this installation that derived identifiers use. */
public record Installation(String installId, String version) {

    /** authentik's {@code User.uid}: sha256 of {@code "<pk>-<install id>"}, hex. */
    public String uid(User user) {
        return Secrets.sha256Hex(user.pk() + "-" + installId);
    }
}
