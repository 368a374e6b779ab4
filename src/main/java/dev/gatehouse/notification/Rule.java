package dev.gatehouse.notification;

import java.util.List;
import java.util.UUID;

/**
 * A notification rule (authentik's {@code NotificationRule}): when the policies bound to it pass for an event, each of
 * its transports notifies the members of {@code destinationGroup} (and the event's user when
 * {@code destinationEventUser}).
 */
public record Rule(UUID pk, String name, List<UUID> transports, Severity severity, UUID destinationGroup,
                   boolean destinationEventUser) {
    public Rule {
        transports = List.copyOf(transports);
    }
}
