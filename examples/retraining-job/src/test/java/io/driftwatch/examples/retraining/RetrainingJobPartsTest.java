package io.driftwatch.examples.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.RetrainingTrigger;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrainingJobPartsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void trust() {
        TrustedAvroPackages.trustEvents();
    }

    @Test
    void shouldWriteOneRowPerLabelledPredictionWithEveryFeatureAndTheLabel() throws Exception {
        RetrainingTrigger trigger = RetrainingTrigger.newBuilder().setIdempotencyKey("churn|7").setModelId("churn")
                .setModelVersion("3").setTriggeredAt(Instant.EPOCH).setReason("concept drift")
                .setTrainingDataFrom(Instant.EPOCH).setTrainingDataTo(Instant.EPOCH.plusSeconds(3600))
                .setNewLabeledCount(2).build();
        List<LabeledPrediction> rows = List.of(
                labeled("p1", Map.of("tenure", 14.0), Map.of("plan", "pro, yearly"), "1", null),
                labeled("p2", Map.of("tenure", 3.0, "visits", 7.0), Map.of(), null, 42.5));

        Path file = TrainingFile.write(dir, trigger, rows);

        assertThat(Files.readAllLines(file)).containsExactly(
                "event_time,tenure,visits,plan,label",
                "1970-01-01T00:01:00Z,14.0,,\"pro, yearly\",1",
                "1970-01-01T00:01:00Z,3.0,7.0,,42.5");
        assertThat(dir.resolve(file.getFileName() + ".partial")).doesNotExist();
    }

    @Test
    void shouldRememberTheTriggersActedOnAcrossRestarts() throws Exception {
        TrainedKeys first = TrainedKeys.in(dir);
        first.add("churn|7");

        TrainedKeys afterRestart = TrainedKeys.in(dir);

        assertThat(afterRestart.contains("churn|7")).isTrue();
        assertThat(afterRestart.contains("churn|8")).isFalse();
    }

    @Test
    void shouldNameWhatIsWrongOnTheCommandLine() {
        assertThat(JobSettings.parse("--bootstrap-servers", "k:9092", "--registry", "http://r:8081", "--once"))
                .isEqualTo(new JobSettings("k:9092", "http://r:8081", Path.of("training"), "driftwatch-retraining-job", "",
                        true));
        assertThatThrownBy(() -> JobSettings.parse("--registry", "http://r:8081"))
                .hasMessageContaining("--bootstrap-servers is required");
        assertThatThrownBy(() -> JobSettings.parse("--bootstrap-servers")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> JobSettings.parse("--fast")).hasMessageContaining("unknown option --fast");
    }

    private static LabeledPrediction labeled(String id, Map<String, Double> numeric, Map<String, String> categorical,
                                             String label, Double value) {
        Instant at = Instant.EPOCH.plusSeconds(60);
        return LabeledPrediction.newBuilder()
                .setPrediction(PredictionEvent.newBuilder().setPredictionId(id).setModelId("churn").setModelVersion("3")
                        .setEventTime(at).setNumericFeatures(numeric).setCategoricalFeatures(categorical).setScore(0.5)
                        .build())
                .setGroundTruth(GroundTruthEvent.newBuilder().setPredictionId(id).setModelId("churn").setEventTime(at)
                        .setActualLabel(label).setActualValue(value).build())
                .setLabelDelayMs(0).build();
    }
}
