package io.driftwatch.runtime.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.QualityIssue;
import io.driftwatch.events.QualityIssueKind;
import io.driftwatch.runtime.testing.ConfluentPythonClient;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Byte-level interoperability with Confluent's own client: Debian's python3-confluent-kafka
 * ({@code confluent_kafka.avro.AvroProducer}/{@code AvroConsumer}, {@code CachedSchemaRegistryClient})
 * talks to our embedded registry and reads/writes the same topics as our serde.
 * {@code .ci/run} installs the packages; elsewhere the test is skipped, visibly, when they are missing.
 */
class ConfluentClientInteropIT {

    private static final String PYTHON = ConfluentPythonClient.PYTHON;
    private static final int COUNT = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    @BeforeEach
    void requireConfluentPythonClient() throws Exception {
        ConfluentPythonClient.require();
    }

    /** The Java twin of {@code event(n)} in confluent_interop.py. */
    static PredictionEvent expected(int n) {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        probabilities.put("1", n / 100.0);
        probabilities.put("0", 1 - n / 100.0);
        return PredictionEvent.newBuilder()
                .setPredictionId("py-" + n)
                .setModelId("propensity")
                .setModelVersion("7")
                .setEventTime(Instant.ofEpochMilli(1_790_000_000_000L + n * 1_000L))
                .setNumericFeatures(Map.of("basket_value", 10.5 + n, "visits_30d", (double) (n % 13)))
                .setCategoricalFeatures(Map.of("device", n % 2 == 0 ? "mobile" : "desktop"))
                .setScore(n / 100.0)
                .setPredictedLabel(n % 2 == 0 ? "1" : "0")
                .setClassProbabilities(probabilities)
                .setSegments(Map.of("country", "DE"))
                .setServingLatencyMs(n % 3 == 0 ? null : 4.25 * n)
                .setQualityIssues(n % 4 == 0 ? List.of(new QualityIssue("visits_30d", QualityIssueKind.OUT_OF_RANGE)) : List.of())
                .build();
    }

    @Test
    void shouldReadWhatConfluentAvroProducerWrote() throws Exception {
        String topic = createTopic("interop.from-confluent");
        Path schemaFile = Files.createTempFile(KafkaTestCluster.tempDir("interop"), "PredictionEvent", ".avsc");
        Files.writeString(schemaFile, PredictionEvent.getClassSchema().toString());

        python("produce", kafka.bootstrapServers(), kafka.registryUrl(), topic, schemaFile.toString(), String.valueOf(COUNT));

        List<ConsumerRecord<byte[], PredictionEvent>> records = kafka.awaitRecords(topic, new ByteArrayDeserializer(),
                kafka.serdes().valueSerde(PredictionEvent.class).deserializer(), COUNT);
        List<PredictionEvent> expected = new ArrayList<>();
        for (int n = 0; n < COUNT; n++) {
            expected.add(expected(n));
        }
        assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(kafka.serdes().registry().latestVersion(topic + "-value").schema())
                .isEqualTo(PredictionEvent.getClassSchema());
    }

    @Test
    void shouldBeReadByConfluentAvroConsumer() throws Exception {
        String topic = createTopic("interop.to-confluent");
        Serializer<PredictionEvent> serializer = kafka.serdes().valueSerde(PredictionEvent.class).serializer();
        // Confluent's AvroConsumer decodes non-null keys as Avro too, so the keys are null.
        Map<String, PredictionEvent> records = new LinkedHashMap<>();
        for (int n = 0; n < COUNT; n++) {
            records.put("k" + n, expected(n));
        }
        kafka.produce(topic, (t, k) -> null, serializer, records);
        Path out = KafkaTestCluster.tempDir("interop").resolve("consumed.jsonl");

        python("consume", kafka.bootstrapServers(), kafka.registryUrl(), topic, String.valueOf(COUNT), out.toString());

        List<JsonNode> consumed = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            consumed.add(JSON.readTree(line));
        }
        List<JsonNode> expected = new ArrayList<>();
        for (int n = 0; n < COUNT; n++) {
            expected.add(asConfluentJson(expected(n)));
        }
        assertThat(consumed).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The event as confluent_interop.py writes what AvroConsumer decoded. */
    private static JsonNode asConfluentJson(PredictionEvent event) {
        Map<String, Object> fields = new TreeMap<>();
        event.getSchema().getFields().forEach(field -> fields.put(field.name(), event.get(field.name())));
        fields.put("event_time", event.getEventTime().toEpochMilli());
        fields.put("quality_issues", event.getQualityIssues().stream()
                .map(q -> Map.of("feature", q.getFeature(), "kind", q.getKind().name())).toList());
        return JSON.valueToTree(fields);
    }

    private static String createTopic(String name) throws Exception {
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return name;
    }

    private static void python(String... args) throws IOException, InterruptedException {
        Path script = Path.of("src/test/resources/interop/confluent_interop.py").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("python finished").isTrue();
        assertThat(process.exitValue()).as("python " + args[0] + " exit code; output:\n" + output).isZero();
    }
}
