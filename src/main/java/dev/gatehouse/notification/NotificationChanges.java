package dev.gatehouse.notification;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;

/** A change of one's own notification: only {@code seen} can be written (authentik's body and severity are read-only). */
public record NotificationChanges(Boolean seen) {
    public static final Field<Boolean> SEEN = Field.bool("seen").help("Whether you have seen the notification.");

    public static final Definition<NotificationChanges> DEFINITION = Definition.define("notification", "Notification")
            .field(SEEN)
            .build(v -> new NotificationChanges(v.get(SEEN)));
}
