package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.policy.reputation.Reputation;
import dev.gatehouse.policy.reputation.ReputationStore;
import dev.gatehouse.store.Database;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * {@code policies/reputation/scores/} (authentik's ReputationViewSet): superusers list the reputation scores
 * (filters {@code identifier}, {@code ip}), get one and delete one (which forgets that pair's failed sign-ins).
 * Registered before the reputation policy type's routes, whose {@code {pk}} would otherwise take "scores".
 */
public final class ReputationScoresApi {
    private static final String PATH = "policies/reputation/scores/";
    private static final String ITEM = PATH + "{reputation_uuid}/";
    private final Database db;

    public ReputationScoresApi(Database db) {
        this.db = db;
    }

    /** authentik's ReputationSerializer; geo and ASN data are not looked up, so always empty. */
    public record ScoreView(UUID pk, String identifier, String ip, Map<String, Object> ipGeoData,
                            Map<String, Object> ipAsnData, long score, Instant updated) {
    }

    public void register(Routes r) {
        r.list(PATH, Access.SUPERUSER, "policies_reputation_scores_list", "List reputation scores",
                        ScoreView.class, ReputationStore.LISTING.filterNames(),
                        req -> ApiResponse.ok(Pagination.envelope(
                                new ReputationStore(db.dsl()).list(req.pageRequest()).map(ReputationScoresApi::view))))
                .op("GET", ITEM, Access.SUPERUSER, "policies_reputation_scores_retrieve", "Get a reputation score",
                        null, ScoreView.class, req -> ApiResponse.ok(view(find(req))))
                .op("DELETE", ITEM, Access.SUPERUSER, "policies_reputation_scores_destroy",
                        "Delete a reputation score", null, null, req -> {
                            if (!db.tx(dsl -> new ReputationStore(dsl).delete(find(req).uuid()))) {
                                throw new NotFoundException();
                            }
                            return ApiResponse.noContent();
                        });
    }

    private Reputation find(ApiRequest req) {
        return new ReputationStore(db.dsl()).byUuid(req.pathUuid("reputation_uuid")).orElseThrow(NotFoundException::new);
    }

    private static ScoreView view(Reputation s) {
        return new ScoreView(s.uuid(), s.identifier(), s.ip(), Map.of(), Map.of(), s.score(), s.updated());
    }
}
