package io.driftwatch.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.QualityIssue;
import io.driftwatch.events.TaskType;
import io.driftwatch.runtime.config.FeatureSpec;
import io.driftwatch.ingest.contract.ModelContract;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QualityCheckerTest {

    @BeforeAll
    static void trustEventClasses() {
        TrustedAvroPackages.trustEvents();
    }

    private final QualityChecker checker = new QualityChecker();

    private static PredictionEvent event(Map<String, Double> numeric, Map<String, String> categorical) {
        return PredictionEvent.newBuilder().setPredictionId("p").setModelId("m").setModelVersion("1")
                .setEventTime(Instant.EPOCH).setScore(0.5)
                .setNumericFeatures(numeric).setCategoricalFeatures(categorical).build();
    }

    private List<String> check(PredictionEvent event, ModelContract contract) {
        return checker.check(event, contract).stream().map(QualityCheckerTest::describe).toList();
    }

    private static String describe(QualityIssue issue) {
        return issue.getFeature() + ":" + issue.getKind();
    }

    @Test
    void shouldFindNothingInACleanEventWithoutContract() {
        assertThat(check(event(Map.of("x", 1.0), Map.of("c", "a")), ModelContract.NONE)).isEmpty();
    }

    @Test
    void shouldFlagNaNInfinityAndBlankCategoriesWithoutContract() {
        assertThat(check(event(Map.of("x", Double.NaN, "y", Double.NEGATIVE_INFINITY), Map.of("c", "  ")),
                ModelContract.NONE)).containsExactly("c:EMPTY_CATEGORY", "x:NOT_FINITE", "y:NOT_FINITE");
    }

    @Test
    void shouldApplyRangesInclusivelyAndOpenEndedBounds() {
        ModelContract contract = new ModelContract(TaskType.UNKNOWN, Map.of(
                "x", FeatureSpec.numeric("x", 0.0, 1.0), "y", FeatureSpec.numeric("y", null, 10.0)));
        assertThat(check(event(Map.of("x", 0.0, "y", -1e9), Map.of()), contract)).isEmpty();
        assertThat(check(event(Map.of("x", 1.0, "y", 10.0), Map.of()), contract)).isEmpty();
        assertThat(check(event(Map.of("x", -0.001, "y", 10.5), Map.of()), contract))
                .containsExactly("x:OUT_OF_RANGE", "y:OUT_OF_RANGE");
    }

    @Test
    void shouldTreatAFeatureSentWithTheWrongTypeAsUndeclaredAndMissing() {
        ModelContract contract = new ModelContract(TaskType.UNKNOWN, Map.of("age", FeatureSpec.numeric("age", null, null)));
        assertThat(check(event(Map.of(), Map.of("age", "31")), contract)).containsExactly("age:MISSING", "age:UNDECLARED_FEATURE");
    }

    @Test
    void shouldAllowAnyCategoryWhenNoSetIsDeclared() {
        ModelContract contract = new ModelContract(TaskType.UNKNOWN, Map.of(
                "c", FeatureSpec.categorical("c", null), "d", FeatureSpec.categorical("d", Set.of("a"))));
        assertThat(check(event(Map.of(), Map.of("c", "anything", "d", "b")), contract)).containsExactly("d:UNSEEN_CATEGORY");
    }
}
