package dev.gatehouse.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the executor reads an answer into the record a stage's page takes. */
class StageAnswerTest {

    record Code(String code, Boolean remember) {
    }

    @FreeForm
    record Anything(Map<String, Object> values) {
    }

    private record Asking<R extends Record>(Class<R> type, List<R> seen) implements StageView<R> {
        @Override
        public Optional<Challenge> challenge(StageRun run) {
            return Optional.empty();
        }

        @Override
        public StageResult submit(StageRun run, R response) {
            seen.add(response);
            return StageResult.CONTINUE;
        }

        @Override
        public List<StagePage> pages() {
            return type == NoAnswer.class ? List.of()
                    : List.of(new StagePage("test-" + type.getSimpleName(), AccessDeniedChallenge.class, type, null));
        }
    }

    @Test
    void aStageWithoutPagesTakesNoAnswer() {
        Asking<NoAnswer> view = new Asking<>(NoAnswer.class, new java.util.ArrayList<>());
        view.submitAnswer(null, Map.of("ignored", "x"));
        assertThat(view.response()).isEqualTo(NoAnswer.class);
        assertThat(view.seen()).containsExactly(new NoAnswer());
    }

    @Test
    void theAnswerIsReadIntoThePagesResponseRecord() {
        Asking<Code> view = new Asking<>(Code.class, new java.util.ArrayList<>());
        view.submitAnswer(null, Map.of("code", "123456", "remember", "on"));
        assertThat(view.seen()).containsExactly(new Code("123456", true));
    }

    @Test
    void aFreeFormRecordTakesTheWholeAnswer() {
        Asking<Anything> view = new Asking<>(Anything.class, new java.util.ArrayList<>());
        view.submitAnswer(null, Map.of("nickname", "al", "age", 3));
        assertThat(view.seen()).containsExactly(new Anything(Map.of("nickname", "al", "age", 3)));
    }
}
