package io.driftwatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.runtime.http.HttpEndpoints;
import io.driftwatch.schemas.SnapshotSeries;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The metric aggregator's interactive queries over HTTP, answered from the snapshots the merging
 * tasks keep ({@code metrics.query-retention}), on this instance and, through Kafka Streams' host
 * metadata, on the others:
 *
 * <pre>
 * GET /api/models                                   models and their versions
 * GET /api/models/{model}/metrics?window=base|1h|1d&amp;segment=*&amp;version=&amp;limit=60
 * </pre>
 *
 * Answers are JSON; errors are JSON without stack traces.
 */
public final class MetricsQueries {

    /** Snapshots one answer holds at most. */
    static final int MAX_LIMIT = 10_000;

    public static final String STORE = "metrics-snapshots";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaStreams streams;
    private final HttpEndpoints endpoints;
    private final String self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param endpoints this instance's endpoints, whose scheme and token the queries to other instances use
     * @param self      this instance's {@code host:port} as the other instances reach it ({@code application.server})
     */
    public MetricsQueries(KafkaStreams streams, HttpEndpoints endpoints, String self) {
        this.streams = streams;
        this.endpoints = endpoints;
        this.self = self;
    }

    public void register() {
        endpoints.route("/api/models", this::handle);
    }

    /** Answers {@code /api/models} and {@code /api/models/{model}/metrics}; 404 for other paths. */
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = HttpEndpoints.queryParameters(exchange.getRequestURI());
        boolean local = "true".equals(HttpEndpoints.choiceParameter(query, "local", "false", Set.of("true", "false")));
        int limit = HttpEndpoints.intParameter(query, "limit", 60, 1, MAX_LIMIT);
        try {
            if (path.equals("/api/models") || path.equals("/api/models/")) {
                HttpEndpoints.respondJson(exchange, 200, models(local));
                return;
            }
            String[] parts = path.split("/");
            if (parts.length == 5 && parts[4].equals("metrics")) {
                String model = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
                ArrayNode snapshots = metrics(model, query, limit, local);
                if (snapshots.isEmpty()) {
                    HttpEndpoints.respondError(exchange, 404, "no metrics for model '" + model + "' with these parameters");
                    return;
                }
                ObjectNode body = JSON.createObjectNode().put("model", model)
                        .put("window", query.getOrDefault("window", SnapshotSeries.BASE))
                        .put("segment", query.getOrDefault("segment", SegmentSeries.ALL));
                body.set("snapshots", snapshots);
                HttpEndpoints.respondJson(exchange, 200, body);
                return;
            }
            HttpEndpoints.respondError(exchange, 404, "unknown path; try /api/models or /api/models/{model}/metrics");
        } catch (InvalidStateStoreException e) {
            HttpEndpoints.respondError(exchange, 503, "metrics are not queryable right now (the processor is starting or rebalancing)");
        }
    }

    private ObjectNode models(boolean local) {
        Map<String, TreeSet<String>> versions = new TreeMap<>();
        try (KeyValueIterator<String, byte[]> all = store().all()) {
            all.forEachRemaining(e -> {
                SnapshotKey key = SnapshotKey.parse(e.key);
                versions.computeIfAbsent(key.modelId(), m -> new TreeSet<>()).add(key.modelVersion());
            });
        }
        if (!local) {
            for (JsonNode remote : remote("/api/models", Map.of())) {
                remote.path("models").forEach(m -> m.path("versions").forEach(v ->
                        versions.computeIfAbsent(m.path("model").asText(), k -> new TreeSet<>()).add(v.asText())));
            }
        }
        ArrayNode models = JSON.createArrayNode();
        versions.forEach((model, vs) -> {
            ObjectNode node = models.addObject().put("model", model);
            vs.forEach(node.putArray("versions")::add);
        });
        ObjectNode body = JSON.createObjectNode();
        body.set("models", models);
        return body;
    }

    private ArrayNode metrics(String model, Map<String, String> query, int limit, boolean local) throws IOException {
        String window = query.getOrDefault("window", SnapshotSeries.BASE);
        String segment = query.getOrDefault("segment", SegmentSeries.ALL);
        String version = query.get("version");
        TreeMap<String, JsonNode> found = new TreeMap<>();
        try (KeyValueIterator<String, byte[]> range = store().prefixScan(SnapshotKey.prefix(model), new StringSerializer())) {
            while (range.hasNext()) {
                var entry = range.next();
                SnapshotKey key = SnapshotKey.parse(entry.key);
                if (key.modelId().equals(model) && key.horizon().equals(window) && key.segment().equals(segment)
                        && (version == null || key.modelVersion().equals(version))) {
                    JsonNode snapshot = JSON.readTree(MetricSnapshot.fromByteBuffer(ByteBuffer.wrap(entry.value)).toString());
                    found.put(order(snapshot), snapshot);
                }
            }
        }
        if (!local) {
            for (JsonNode remote : remote("/api/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + "/metrics",
                    query)) {
                remote.path("snapshots").forEach(s -> found.put(order(s), s));
            }
        }
        List<JsonNode> ordered = new ArrayList<>(found.values());
        ArrayNode snapshots = JSON.createArrayNode();
        ordered.subList(Math.max(0, ordered.size() - limit), ordered.size()).forEach(snapshots::add);
        return snapshots;
    }

    /** Snapshots in order of window start, then version (windows start on whole windows, so their ISO times sort). */
    private static String order(JsonNode snapshot) {
        return snapshot.path("window_start").asText() + "|" + snapshot.path("model_version").asText();
    }

    private ReadOnlyKeyValueStore<String, byte[]> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
    }

    /** The same query on every other instance that holds part of the store; an unreachable one is left out. */
    private List<JsonNode> remote(String path, Map<String, String> query) {
        List<JsonNode> answers = new ArrayList<>();
        for (StreamsMetadata instance : streams.streamsMetadataForStore(STORE)) {
            String host = instance.hostInfo().host() + ":" + instance.hostInfo().port();
            if (host.equals(self) || instance.hostInfo().port() <= 0) {
                continue;
            }
            Map<String, String> params = new HashMap<>(query);
            params.put("local", "true");
            StringBuilder uri = new StringBuilder(path).append('?');
            params.forEach((k, v) -> uri.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
            try {
                HttpResponse<String> response = http.send(endpoints.peerRequest(host, uri.toString())
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    answers.add(JSON.readTree(response.body()));
                }
            } catch (IOException e) {
                // That instance's part is missing from the answer; the others still count.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return answers;
    }
}
