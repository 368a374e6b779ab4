package dev.gatehouse.provider.oauth2.device;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.Json;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.ContextRefs;
import dev.gatehouse.flow.engine.InMemoryStages;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.store.Database;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How the device flow's in-memory stages are stored with their plan: the code entry by the code it shows, the
 * approval by its device authorization (as it was found usable), application and user (by pk, read again), the
 * session it was started from, and whether it has approved.
 */
final class DeviceStageKinds {
    private DeviceStageKinds() {
    }

    static List<InMemoryStages.Kind> of(Database db, Clock clock, DeviceVerification verification) {
        return List.of(new Entry(verification), new Approval(db, clock));
    }

    private record Entry(DeviceVerification verification) implements InMemoryStages.Kind {
        @Override
        public String name() {
            return DeviceCodeEntryStage.KIND;
        }

        @Override
        public Map<String, Object> save(StageView<?> view) {
            return Map.of("prefill", ((DeviceCodeEntryStage) view).prefill());
        }

        @Override
        public Optional<StageView<?>> restore(Map<String, Object> state, ContextRefs refs) {
            return Optional.of(new DeviceCodeEntryStage(verification, (String) state.get("prefill")));
        }
    }

    private record Approval(Database db, Clock clock) implements InMemoryStages.Kind {
        @Override
        public String name() {
            return DeviceApprovalStage.KIND;
        }

        @Override
        public Map<String, Object> save(StageView<?> view) {
            DeviceApprovalStage stage = (DeviceApprovalStage) view;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("device", Json.MAPPER.convertValue(stage.device(), Map.class));
            out.put("application", stage.application().pk().toString());
            out.put("user", stage.user().pk());
            out.put("session", Json.MAPPER.convertValue(stage.session(), Map.class));
            out.put("approved", stage.approved());
            return out;
        }

        @Override
        public Optional<StageView<?>> restore(Map<String, Object> state, ContextRefs refs) {
            Optional<Application> application = refs.application(UUID.fromString((String) state.get("application")));
            Optional<User> user = refs.user(((Number) state.get("user")).longValue());
            if (application.isEmpty() || user.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new DeviceApprovalStage(db, clock,
                    Json.MAPPER.convertValue(state.get("device"), DeviceAuthorization.class), application.get(),
                    user.get(), Json.MAPPER.convertValue(state.get("session"), AuthenticatedSession.class),
                    Boolean.TRUE.equals(state.get("approved"))));
        }
    }
}
