package dev.gatehouse.notification;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.definition.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A create or change of a rule; null means "not given", and for the nullable {@code destination_group} an empty
 * Optional means "set to none". Fields as authentik's {@code NotificationRuleSerializer}.
 */
public record RuleChanges(String name, List<UUID> transports, String severity, Optional<UUID> destinationGroup,
                          Boolean destinationEventUser) {
    public static final Field<String> NAME = Field.string("name").required().notBlank()
            .help("A unique name for the rule.");
    public static final Field<List<UUID>> TRANSPORTS = Field.refs("transports", "notification_transport")
            .byDefault(List.of())
            .help("Select which transports should be used to notify the user. If none are selected, nothing is sent.");
    public static final Field<String> SEVERITY = Field.choice("severity", Severity.class).byDefault(Severity.NOTICE)
            .help("Controls which severity level the created notifications will have.");
    public static final Field<UUID> DESTINATION_GROUP = Field.ref("destination_group", "group").nullable()
            .help("Define which group of users this notification should be sent and shown to. If left empty, "
                    + "notifications go to the event's user only (when enabled below).");
    public static final Field<Map<String, Object>> DESTINATION_GROUP_OBJ = Field.shown("destination_group_obj",
            Kind.OBJECT);
    public static final Field<Boolean> DESTINATION_EVENT_USER = Field.bool("destination_event_user").byDefault(false)
            .help("When enabled, notification will be sent to the user that triggered the event. When a destination "
                    + "group is configured, notification is sent to both.");

    public static final Definition<RuleChanges> DEFINITION = Definition.define("notification_rule", "NotificationRule")
            .field(NAME, TRANSPORTS, SEVERITY, DESTINATION_GROUP, DESTINATION_GROUP_OBJ, DESTINATION_EVENT_USER)
            .build(v -> new RuleChanges(v.get(NAME), v.get(TRANSPORTS), v.get(SEVERITY), v.optional(DESTINATION_GROUP),
                    v.get(DESTINATION_EVENT_USER)));
}
