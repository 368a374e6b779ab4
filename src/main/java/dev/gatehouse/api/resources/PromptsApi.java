package dev.gatehouse.api.resources;

import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.definition.Write;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.stage.prompt.Prompt;
import dev.gatehouse.stage.prompt.PromptService;
import dev.gatehouse.stage.prompt.PromptStageType;
import dev.gatehouse.stage.prompt.PromptStore;
import dev.gatehouse.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/** {@code stages/prompt/prompts/}: the prompts prompt stages show, authentik's shape. */
public final class PromptsApi {
    private static final String PATH = "stages/prompt/prompts/";
    private final Database db;
    private final PromptService prompts;

    public PromptsApi(Database db, PromptService prompts) {
        this.db = db;
        this.prompts = prompts;
    }

    /** A prompt as the API shows it; {@code promptstage_set} names the stages that show it. */
    public record PromptView(UUID pk, String name, String fieldKey, String label, String type, boolean required,
                             String placeholder, String initialValue, int order, List<Map<String, Object>> promptstageSet,
                             String subText, boolean placeholderExpression, boolean initialValueExpression,
                             List<String> choices) {
        static PromptView of(Prompt p, List<Stage> stages) {
            String pk = p.pk().toString();
            List<Map<String, Object>> shownBy = stages.stream()
                    .filter(s -> s.config().get("fields") instanceof List<?> l
                            && l.stream().anyMatch(f -> pk.equals(String.valueOf(f))))
                    .map(PromptsApi::stage).toList();
            return new PromptView(p.pk(), p.name(), p.fieldKey(), p.label(), p.type(), p.required(), p.placeholder(),
                    p.initialValue(), p.order(), shownBy, p.subText(), p.placeholderExpression(),
                    p.initialValueExpression(), p.choices());
        }
    }

    public void register(Routes r) {
        r.crud(PATH, "pk", "stages_prompt_prompts", "prompt", PromptService.Changes.DEFINITION, PromptView.class,
                PromptStore.LISTING.filterNames(), new Routes.Crud(
                        req -> {
                            DSLContext dsl = db.dsl();
                            List<Stage> stages = promptStages(dsl);
                            return ApiResponse.ok(Pagination.envelope(new PromptStore(dsl).list(req.pageRequest())
                                    .map(p -> PromptView.of(p, stages))));
                        },
                        req -> view(prompts.create(req.actor(),
                                req.body().read(PromptService.Changes.DEFINITION, Write.CREATE))),
                        req -> view(find(req)),
                        (req, write) -> view(prompts.update(req.actor(), find(req).pk(),
                                req.body().read(PromptService.Changes.DEFINITION, write))),
                        req -> {
                            prompts.delete(req.actor(), find(req).pk());
                            return null;
                        }));
    }

    private PromptView view(Prompt p) {
        return PromptView.of(p, promptStages(db.dsl()));
    }

    private static List<Stage> promptStages(DSLContext dsl) {
        return new StageStore(dsl).ofType(PromptStageType.NAME);
    }

    /** A stage as authentik's {@code promptstage_set} lists it. */
    private static Map<String, Object> stage(Stage s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pk", s.pk());
        out.put("name", s.name());
        out.put("component", "ak-stage-prompt-form");
        out.put("verbose_name", "Prompt Stage");
        out.put("meta_model_name", "authentik_stages_prompt.promptstage");
        return out;
    }

    private Prompt find(ApiRequest req) {
        return new PromptStore(db.dsl()).byPk(req.pathUuid("pk")).orElseThrow(NotFoundException::new);
    }
}
