package io.driftwatch.ingest;

import static io.driftwatch.ingest.IngestEvents.NOW;
import static io.driftwatch.ingest.IngestEvents.T0;
import static io.driftwatch.ingest.IngestEvents.groundTruth;
import static io.driftwatch.ingest.IngestEvents.prediction;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.CategoricalProfile;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.NumericProfile;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.QualityIssue;
import io.driftwatch.events.QualityIssueKind;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.runtime.config.ModelCatalogue;
import io.driftwatch.runtime.deadletter.DeadLetterHeaders;
import io.driftwatch.runtime.testing.TestRegistry;
import io.driftwatch.runtime.topics.TopicCatalogue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every ingest rule, driven through the production topology in a TopologyTestDriver. */
class IngestTopologyTest {

    private static final Duration HORIZON = Duration.ofHours(2);
    private static final Map<String, Object> EVERY_MODEL = Map.of("model", "*", "label-horizon", "2h");
    private static final Map<String, Object> SETTINGS = Map.of(
            "early-label-grace", "30m", "max-future-skew", "5m", "expiry-scan-interval", "10s",
            "in-flight-allowance", "10s");

    @RegisterExtension
    static final TestRegistry registry = new TestRegistry();

    @TempDir
    Path stateDir;
    private IngestDriver ingest;

    @AfterEach
    void closeDriver() {
        if (ingest != null) {
            ingest.close();
        }
    }

    private IngestDriver driver(Map<String, Object> settings) {
        return driver(settings, ModelCatalogue.of(List.of(EVERY_MODEL)), stateDir);
    }

    private IngestDriver driver(Map<String, Object> settings, ModelCatalogue catalogue, Path stateDir) {
        ingest = new IngestDriver(registry.serdes(), settings, catalogue, stateDir);
        return ingest;
    }

    /** A driver whose models catalogue has this entry besides the default one. */
    private IngestDriver driverWithCatalogueEntry(Map<String, Object> model) {
        return driver(SETTINGS, ModelCatalogue.of(List.of(EVERY_MODEL, model)), stateDir);
    }

    private IngestDriver driver() {
        return driver(SETTINGS);
    }

    // --- validation: structural errors are dead-lettered with the reason ---

    @Test
    void shouldPassValidPredictionToValidatedTopicWithoutIssues() {
        driver().prediction(prediction("p1").build());

        List<PredictionEvent> validated = ingest.validated();
        assertThat(validated).hasSize(1);
        assertThat(validated.get(0).getPredictionId()).isEqualTo("p1");
        assertThat(validated.get(0).getQualityIssues()).isEmpty();
        assertThat(ingest.deadLetters()).isEmpty();
        assertThat(ingest.count("driftwatch.ingest.records.out", "output", "validated", "model", "propensity")).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterUndecodableBytesWithTheOriginalBytesAndKeepGoing() {
        byte[] notAvro = {0, 0, 0, 0, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1};
        driver().prediction(prediction("warm-up").build()); // registers the schema, so id 1 exists
        ingest.rawPrediction("k1".getBytes(StandardCharsets.UTF_8), notAvro);
        ingest.rawPrediction("k2".getBytes(StandardCharsets.UTF_8), new byte[]{7, 7, 7, 7, 7, 7});
        ingest.prediction(prediction("p2").build());

        List<TestRecord<byte[], byte[]>> letters = ingest.deadLetters();
        assertThat(letters).extracting(r -> reason(r)).containsExactly("undecodable", "bad-magic-byte");
        assertThat(letters.get(0).value()).isEqualTo(notAvro);
        assertThat(letters.get(0).key()).isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
        assertThat(header(letters.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("driftwatch.predictions.v1");
        assertThat(header(letters.get(0), DeadLetterHeaders.PROCESSOR)).isEqualTo("ingest");
        assertThat(ingest.validated()).extracting(PredictionEvent::getPredictionId).containsExactly("warm-up", "p2");
        assertThat(ingest.count("driftwatch.dead.letters", "reason", "undecodable")).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterRecordWithUnknownSchemaId() {
        byte[] unknownId = ByteBuffer.allocate(7).put((byte) 0).putInt(987_654).put(new byte[]{2, 2}).array();
        driver().rawPrediction("k".getBytes(StandardCharsets.UTF_8), unknownId);

        assertThat(ingest.deadLetters()).extracting(IngestTopologyTest::reason).containsExactly("unknown-schema-id");
        assertThat(ingest.count("driftwatch.dead.letters", "reason", "unknown-schema-id", "processor", "ingest"))
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"missing-prediction-id", "missing-model-id", "missing-model-version"})
    void shouldDeadLetterPredictionWithMissingIdentifier(String reason) {
        PredictionEvent.Builder event = prediction("p1");
        switch (reason) {
            case "missing-prediction-id" -> event.setPredictionId("");
            case "missing-model-id" -> event.setModelId(" ");
            default -> event.setModelVersion("");
        }
        driver().prediction("p1", event.build());

        assertThat(ingest.deadLetters()).extracting(IngestTopologyTest::reason).containsExactly(reason);
        assertThat(ingest.validated()).isEmpty();
    }

    @Test
    void shouldDeadLetterEventsPastTheLimitsNamingTheBoundAndCountThemPerModel() {
        Map<String, Object> settings = new HashMap<>(SETTINGS);
        settings.put("limits", Map.of("max-event-bytes", 4096, "max-features", 50));
        driver(settings);
        Map<String, Double> wide = new HashMap<>();
        Map<String, String> bulky = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            wide.put("f" + i, 1.0);
        }
        for (int i = 0; i < 25; i++) {
            bulky.put("c" + i, "v".repeat(200)); // about 5 KB: within every bound but the size
        }
        ingest.prediction(prediction("wide").setNumericFeatures(wide).build());
        ingest.prediction(prediction("bulky").setCategoricalFeatures(bulky)
                .setNumericFeatures(Map.of()).build());
        ingest.prediction(prediction("long-model").setModelId("m".repeat(129)).build());
        ingest.prediction("long-id", prediction("i".repeat(257)).build());
        ingest.prediction(prediction("long-value").setCategoricalFeatures(Map.of("device", "d".repeat(257))).build());
        ingest.prediction(prediction("segments").setSegments(segments(101)).build());
        ingest.prediction(prediction("ok").build());

        assertThat(ingest.deadLetters()).extracting(IngestTopologyTest::reason).containsExactly("too-many-features",
                "event-too-large", "name-too-long", "id-too-long", "value-too-long", "too-many-entries");
        assertThat(ingest.validated()).extracting(PredictionEvent::getPredictionId).containsExactly("ok");
        assertThat(ingest.count("driftwatch.ingest.rejected", "model", "propensity", "reason", "too-many-features"))
                .isEqualTo(1);
        assertThat(ingest.count("driftwatch.ingest.rejected", "model", "(invalid)", "reason", "name-too-long"))
                .isEqualTo(1);
        assertThat(ingest.count("driftwatch.dead.letters", "reason", "event-too-large")).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterStringsThatAreNotUtf8() {
        driver().prediction(prediction("warm-up").build()); // registers the schema
        byte[] valid = registry.serdes().valueSerde(PredictionEvent.class).serializer()
                .serialize(TopicCatalogue.PREDICTIONS.baseName(),
                        prediction("p1").setCategoricalFeatures(Map.of("device", "ZZZZ")).build());
        byte[] broken = valid.clone();
        int at = indexOf(broken, "ZZZZ".getBytes(StandardCharsets.UTF_8));
        broken[at] = (byte) 0xC3; // a lead byte followed by an ASCII one: not UTF-8
        broken[at + 2] = (byte) 0xFF; // never valid in UTF-8
        ingest.rawPrediction("p1".getBytes(StandardCharsets.UTF_8), broken);

        List<TestRecord<byte[], byte[]>> letters = ingest.deadLetters();
        assertThat(letters).extracting(IngestTopologyTest::reason).containsExactly("invalid-utf8");
        assertThat(letters.get(0).value()).isEqualTo(broken);
        assertThat(ingest.validated()).extracting(PredictionEvent::getPredictionId).containsExactly("warm-up");
    }

    private static Map<String, String> segments(int count) {
        Map<String, String> segments = new HashMap<>();
        for (int i = 0; i < count; i++) {
            segments.put("s" + i, "x");
        }
        return segments;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void shouldDeadLetterPredictionWithNeitherScoreNorLabel() {
        driver().prediction(prediction("p1").setScore(null).setPredictedLabel(null).build());

        assertThat(ingest.deadLetters()).extracting(IngestTopologyTest::reason).containsExactly("missing-prediction");
    }

    @Test
    void shouldDeadLetterEventTimeFurtherInTheFutureThanTheSkewButAcceptItWithin() {
        driver().prediction(prediction("late-enough").setEventTime(NOW.plus(Duration.ofMinutes(5))).build());
        ingest.prediction(prediction("too-far").setEventTime(NOW.plus(Duration.ofMinutes(5)).plusMillis(1)).build());

        assertThat(ingest.validated()).extracting(PredictionEvent::getPredictionId).containsExactly("late-enough");
        List<TestRecord<byte[], byte[]>> letters = ingest.deadLetters();
        assertThat(letters).extracting(IngestTopologyTest::reason).containsExactly("future-event-time");
        assertThat(header(letters.get(0), DeadLetterHeaders.MESSAGE)).contains("300001 ms ahead");
    }

    @Test
    void shouldDeadLetterGroundTruthWithoutActualOutcome() {
        driver().groundTruth(groundTruth("p1", T0).setActualLabel(null).build());

        assertThat(ingest.deadLetters()).extracting(IngestTopologyTest::reason).containsExactly("missing-actual");
    }

    @Test
    void shouldDeadLetterRegressionPredictionWithoutScoreWhenTheTaskIsDeclared() {
        driverWithCatalogueEntry(Map.of("model", "basket", "task", "regression"))
                .prediction(prediction("p1").setModelId("basket").setScore(null).build());

        assertThat(ingest.deadLetters()).extracting(IngestTopologyTest::reason).containsExactly("prediction-does-not-fit-task");
    }

    // --- data quality: flagged, counted, never dead-lettered ---

    @Test
    void shouldFlagNonFiniteNumbersAndEmptyCategoriesWithoutAContract() {
        driver().prediction(prediction("p1")
                .setNumericFeatures(Map.of("basket_value", Double.NaN, "visits", Double.POSITIVE_INFINITY, "age", 31.0))
                .setCategoricalFeatures(Map.of("device", "", "country", "DE"))
                .build());

        assertThat(issues(ingest.validated().get(0))).containsExactly(
                "basket_value:NOT_FINITE", "device:EMPTY_CATEGORY", "visits:NOT_FINITE");
        assertThat(ingest.deadLetters()).isEmpty();
        assertThat(ingest.count("driftwatch.ingest.quality.issues", "model", "propensity", "feature", "visits",
                "kind", "NOT_FINITE")).isEqualTo(1);
    }

    @Test
    void shouldFlagEveryContractViolation() {
        driverWithCatalogueEntry(Map.of("model", "propensity", "features", List.of(
                Map.of("name", "basket_value", "type", "numeric", "min", 0, "max", 100),
                Map.of("name", "visits", "type", "numeric"),
                Map.of("name", "device", "type", "categorical", "categories", List.of("mobile", "desktop")))))
                .prediction(prediction("p1")
                        .setNumericFeatures(Map.of("basket_value", 100.5, "shoe_size", 44.0))
                        .setCategoricalFeatures(Map.of("device", "fridge"))
                        .build());

        assertThat(issues(ingest.validated().get(0))).containsExactly(
                "basket_value:OUT_OF_RANGE", "device:UNSEEN_CATEGORY", "shoe_size:UNDECLARED_FEATURE", "visits:MISSING");
    }

    @Test
    void shouldUseTheModelVersionsReferenceProfileAsContractWhenNoneIsConfigured() {
        driver().profile(profile("propensity", "1"));
        ingest.prediction(prediction("in-range").build());
        ingest.prediction(prediction("other-version").setModelVersion("2")
                .setNumericFeatures(Map.of("basket_value", 1e6)).build());
        ingest.prediction(prediction("out-of-range").setNumericFeatures(Map.of("basket_value", 1e6))
                .setCategoricalFeatures(Map.of("device", "tablet")).build());

        List<PredictionEvent> validated = ingest.validated();
        assertThat(issues(validated.get(0))).isEmpty();
        assertThat(issues(validated.get(1))).as("version 2 has no profile").isEmpty();
        assertThat(issues(validated.get(2))).containsExactly("basket_value:OUT_OF_RANGE", "device:UNSEEN_CATEGORY");
    }

    // --- dedupe ---

    @Test
    void shouldDropAPredictionIdSeenAgainWithinTheHorizon() {
        driver().prediction(prediction("p1").build());
        ingest.prediction(prediction("p1").setScore(0.1).build());

        assertThat(ingest.validated()).hasSize(1);
        assertThat(ingest.count("driftwatch.ingest.duplicates", "stream", "prediction", "model", "propensity")).isEqualTo(1);
    }

    @Test
    void shouldDropASecondGroundTruthUnlessCorrectionsAreOn() {
        driver().prediction(prediction("p1").build());
        ingest.groundTruth(groundTruth("p1", T0.plusSeconds(60)).build());
        ingest.groundTruth(groundTruth("p1", T0.plusSeconds(120)).setActualLabel("0").build());

        assertThat(ingest.labeled()).hasSize(1);
        assertThat(ingest.count("driftwatch.ingest.duplicates", "stream", "ground-truth", "model", "propensity")).isEqualTo(1);
    }

    @Test
    void shouldEmitACorrectionForASecondGroundTruthWhenConfigured() {
        driver(withModel(Map.of("model", "propensity", "ground-truth-corrections", true)))
                .prediction(prediction("p1").build());
        ingest.groundTruth(groundTruth("p1", T0.plusSeconds(60)).build());
        ingest.groundTruth(groundTruth("p1", T0.plusSeconds(120)).setActualLabel("0").build());

        List<LabeledPrediction> labeled = ingest.labeled();
        assertThat(labeled).extracting(LabeledPrediction::getCorrection).containsExactly(false, true);
        assertThat(labeled.get(1).getGroundTruth().getActualLabel()).isEqualTo("0");
        assertThat(ingest.count("driftwatch.ingest.duplicates", "stream", "ground-truth")).isZero();
    }

    // --- join ---

    @Test
    void shouldJoinPredictionWithItsGroundTruthCarryingDelayAndQualityFlags() {
        driver().prediction(prediction("p1").setCategoricalFeatures(Map.of("device", "")).build());
        ingest.groundTruth(groundTruth("p1", T0.plusSeconds(90)).build());

        List<LabeledPrediction> labeled = ingest.labeled();
        assertThat(labeled).hasSize(1);
        LabeledPrediction joined = labeled.get(0);
        assertThat(joined.getLabelDelayMs()).isEqualTo(90_000L);
        assertThat(joined.getPrediction().getModelVersion()).isEqualTo("1");
        assertThat(joined.getPrediction().getSegments()).containsEntry("country", "DE");
        assertThat(issues(joined.getPrediction())).containsExactly("device:EMPTY_CATEGORY");
        assertThat(joined.getGroundTruth().getOutcomes()).containsEntry("revenue", 12.5);
        assertThat(joined.getCorrection()).isFalse();
    }

    @Test
    void shouldWriteOutputsByteForByteAsTheSerializersWould() {
        driver();
        TestOutputTopic<byte[], byte[]> validatedBytes = ingest.driver.createOutputTopic("driftwatch.validated-predictions.v1",
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
        TestOutputTopic<byte[], byte[]> labeledBytes = ingest.driver.createOutputTopic("driftwatch.labeled-predictions.v1",
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
        var labeledSerde = registry.serdes().valueSerde(LabeledPrediction.class);
        var predictionSerde = registry.serdes().valueSerde(PredictionEvent.class);
        for (String id : List.of("first", "second", "third")) {
            ingest.prediction(prediction(id).setNumericFeatures(Map.of("x", id.equals("third") ? Double.NaN : 1.0)).build());
            ingest.groundTruth(groundTruth(id, T0.plusSeconds(7)).build());
        }
        ingest.groundTruth(groundTruth("early", T0).setActualValue(2.5).build());
        ingest.prediction(prediction("early").build());

        List<byte[]> labeled = labeledBytes.readValuesToList();
        assertThat(labeled).hasSize(4);
        for (byte[] bytes : labeled) {
            LabeledPrediction decoded = labeledSerde.deserializer().deserialize("driftwatch.labeled-predictions.v1", bytes);
            assertThat(bytes).isEqualTo(labeledSerde.serializer().serialize("driftwatch.labeled-predictions.v1", decoded));
        }
        List<byte[]> validated = validatedBytes.readValuesToList();
        for (byte[] bytes : validated) {
            PredictionEvent decoded = predictionSerde.deserializer().deserialize("driftwatch.validated-predictions.v1", bytes);
            assertThat(bytes).isEqualTo(predictionSerde.serializer().serialize("driftwatch.validated-predictions.v1", decoded));
        }
        assertThat(predictionSerde.deserializer().deserialize("v", validated.get(2)).getQualityIssues()).hasSize(1);
    }

    @Test
    void shouldJoinALabelThatArrivesBeforeItsPrediction() {
        driver().groundTruth(groundTruth("p1", T0.plusSeconds(30)).build());
        assertThat(ingest.labeled()).isEmpty();
        ingest.prediction(prediction("p1").build());

        List<LabeledPrediction> labeled = ingest.labeled();
        assertThat(labeled).hasSize(1);
        assertThat(labeled.get(0).getLabelDelayMs()).isEqualTo(30_000L);
        assertThat(ingest.validated()).hasSize(1);
    }

    @Test
    void shouldJoinALabelOneMillisecondBeforeTheHorizon() {
        driver().prediction(prediction("p1").build());
        ingest.scan();
        ingest.groundTruth(groundTruth("p1", T0.plus(HORIZON).minusMillis(1)).build());

        assertThat(ingest.labeled()).extracting(LabeledPrediction::getLabelDelayMs).containsExactly(HORIZON.toMillis() - 1);
        assertThat(ingest.deadLetters()).isEmpty();
    }

    @Test
    void shouldJoinALabelThreeDaysLateUnderTheDefaultHorizonAcrossExpiryScans() {
        Instant threeDaysEarlier = T0.minus(Duration.ofDays(3));
        driver(Map.of(), ModelCatalogue.EMPTY, stateDir).prediction(prediction("p1").setEventTime(threeDaysEarlier).build());
        ingest.prediction(prediction("p2").build()); // the clock moves on three days
        ingest.scan();
        ingest.groundTruth(groundTruth("p1", T0).build());

        assertThat(ingest.labeled()).extracting(LabeledPrediction::getLabelDelayMs)
                .containsExactly(Duration.ofDays(3).toMillis());
        assertThat(ingest.deadLetters()).isEmpty();
    }

    @Test
    void shouldDeadLetterALabelOneMillisecondAfterTheHorizonAsLate() {
        driver().prediction(prediction("p1").build());
        ingest.groundTruth(groundTruth("p1", T0.plus(HORIZON).plusMillis(1)).build());

        assertThat(ingest.labeled()).isEmpty();
        assertThat(ingest.deadLetters()).extracting(IngestTopologyTest::reason).containsExactly("late-ground-truth");
        assertThat(ingest.count("driftwatch.ingest.late.labels", "model", "propensity")).isEqualTo(1);
    }

    @Test
    void shouldCountAPredictionWhoseHorizonPassesUnlabelledAsExpired() {
        driver().prediction(prediction("p1").build());
        ingest.prediction(prediction("p2").setEventTime(T0.plus(HORIZON)).build());
        ingest.scan();
        assertThat(ingest.count("driftwatch.ingest.expired.predictions", "model", "propensity"))
                .as("the clock is at the deadline, not past it").isZero();

        ingest.prediction(prediction("p3").setEventTime(T0.plus(HORIZON).plusMillis(1)).build());
        ingest.scan();

        assertThat(ingest.count("driftwatch.ingest.expired.predictions", "model", "propensity")).isEqualTo(1);
        assertThat(ingest.deadLetters()).isEmpty();
    }

    @Test
    void shouldHoldAnEntryForTheInFlightAllowanceEvenWhenTheClockHasPassedItsDeadline() {
        driver(with("in-flight-allowance", "1m")).prediction(prediction("p1").build());
        ingest.prediction(prediction("p2").setEventTime(T0.plus(HORIZON).plusMillis(1)).build());
        ingest.scan();
        assertThat(ingest.count("driftwatch.ingest.expired.predictions", "model", "propensity"))
                .as("held for 10 s of the 1 min allowance").isZero();

        ingest.driver.advanceWallClockTime(Duration.ofSeconds(50));

        assertThat(ingest.count("driftwatch.ingest.expired.predictions", "model", "propensity")).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAGroundTruthWhosePredictionNeverArrives() {
        driver().groundTruth(groundTruth("ghost", T0).build());
        ingest.prediction(prediction("p2").setEventTime(T0.plus(Duration.ofMinutes(30)).plusMillis(1)).build());
        ingest.scan();

        List<TestRecord<byte[], byte[]>> letters = ingest.deadLetters();
        assertThat(letters).extracting(IngestTopologyTest::reason).containsExactly("unmatched-ground-truth");
        assertThat(letters.get(0).key()).isEqualTo("ghost".getBytes(StandardCharsets.UTF_8));
        assertThat(registry.serdes().valueSerde(GroundTruthEvent.class).deserializer()
                .deserialize("driftwatch.ground-truth.v1", letters.get(0).value()).getPredictionId()).isEqualTo("ghost");
        assertThat(ingest.count("driftwatch.ingest.unmatched.labels", "model", "propensity")).isEqualTo(1);
    }

    @Test
    void shouldRekeyRecordsNotKeyedByTheirPredictionIdAndStillJoin() {
        driver().prediction("session-17", prediction("p1").build());
        ingest.groundTruth(groundTruth("p1", T0.plusSeconds(5)).build());

        assertThat(ingest.validated()).hasSize(1);
        assertThat(ingest.labeled()).hasSize(1);
        assertThat(ingest.count("driftwatch.ingest.rekeyed", "stream", "prediction")).isEqualTo(1);
        assertThat(ingest.count("driftwatch.ingest.records.in", "stream", "prediction")).isEqualTo(1);
    }

    @Test
    void aDeadLetterAfterTheRekeyShouldNameTheInputPositionNotTheInternalTopic() {
        driver().prediction(prediction("p1").build());
        ingest.groundTruth("session-17", groundTruth("p1", T0).setActualLabel(null).build());
        ingest.groundTruth("p2", groundTruth("p2", T0.plusSeconds(1)).build());
        ingest.groundTruth("session-18", groundTruth("p3", T0).setActualLabel(null).build());

        List<TestRecord<byte[], byte[]>> letters = ingest.deadLetters();
        assertThat(letters).extracting(IngestTopologyTest::reason).contains("missing-actual");
        assertThat(letters).filteredOn(r -> reason(r).equals("missing-actual"))
                .extracting(r -> header(r, DeadLetterHeaders.SOURCE_TOPIC) + "@" + header(r, DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly("driftwatch.ground-truth.v1@0", "driftwatch.ground-truth.v1@2");
        assertThat(letters).allSatisfy(r -> assertThat(r.headers().toArray())
                .noneMatch(h -> h.key().startsWith("driftwatch.ingest.")));
    }

    @Test
    void shouldJoinAfterARestartWhoseStateIsRestoredFromTheChangelog() {
        driver().prediction(prediction("p1").build());
        ingest.groundTruth(groundTruth("early", T0).build());
        List<KeyValue<String, byte[]>> joinLog = changelog(IngestTopology.JOIN_STORE, Serdes.String().deserializer());
        List<KeyValue<Bytes, byte[]>> expiryLog = changelog(IngestTopology.EXPIRY_STORE, Serdes.Bytes().deserializer());
        assertThat(joinLog).hasSize(2);
        ingest.close();

        // A new instance with empty local state: the stores are rebuilt from their changelogs.
        driver(SETTINGS, ModelCatalogue.of(List.of(EVERY_MODEL)), stateDir.resolve("restarted"));
        KeyValueStore<String, byte[]> joinStore = ingest.driver.getKeyValueStore(IngestTopology.JOIN_STORE);
        joinLog.forEach(kv -> joinStore.put(kv.key, kv.value));
        KeyValueStore<Bytes, byte[]> expiryStore = ingest.driver.getKeyValueStore(IngestTopology.EXPIRY_STORE);
        expiryLog.forEach(kv -> expiryStore.put(kv.key, kv.value));

        ingest.groundTruth(groundTruth("p1", T0.plusSeconds(60)).build());
        ingest.prediction(prediction("early").build());

        assertThat(ingest.labeled()).extracting(l -> l.getPrediction().getPredictionId()).containsExactly("p1", "early");
        assertThat(ingest.validated()).extracting(PredictionEvent::getPredictionId).containsExactly("early");
    }

    private <K> List<KeyValue<K, byte[]>> changelog(String store, Deserializer<K> keys) {
        TestOutputTopic<K, byte[]> topic = ingest.driver.createOutputTopic(
                IngestDriver.APPLICATION_ID + "-" + store + "-changelog", keys, Serdes.ByteArray().deserializer());
        return topic.readKeyValuesToList();
    }

    private static Map<String, Object> withModel(Map<String, Object> model) {
        return with("models", List.of(model));
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> settings = new HashMap<>(SETTINGS);
        settings.put(key, value);
        return settings;
    }

    private static ReferenceProfile profile(String model, String version) {
        return ReferenceProfile.newBuilder()
                .setModelId(model).setModelVersion(version).setCreatedAt(T0).setSource(ProfileSource.TRAINING_DATA)
                .setTaskType(TaskType.BINARY_CLASSIFICATION).setSampleCount(100)
                .setNumericFeatures(Map.of("basket_value", NumericProfile.newBuilder()
                        .setCount(100).setMissingCount(0).setMean(50).setStdDev(10).setMin(0).setMax(500)
                        .setKllSketch(ByteBuffer.allocate(0)).setBinEdges(List.of(50.0)).setBinCounts(List.of(50L, 50L))
                        .build()))
                .setCategoricalFeatures(Map.of("device", CategoricalProfile.newBuilder()
                        .setCount(100).setMissingCount(0).setCategoryCounts(Map.of("mobile", 60L, "desktop", 40L))
                        .build()))
                .build();
    }

    private static List<String> issues(PredictionEvent event) {
        return event.getQualityIssues().stream().map(IngestTopologyTest::describe).toList();
    }

    private static String describe(QualityIssue issue) {
        QualityIssueKind kind = issue.getKind();
        return issue.getFeature() + ":" + kind;
    }

    private static String reason(TestRecord<byte[], byte[]> record) {
        return header(record, DeadLetterHeaders.REASON);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return DeadLetterHeaders.get(record.headers(), name);
    }
}
