package io.driftwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.driftwatch.events.Alert;
import io.driftwatch.events.AlertState;
import io.driftwatch.events.DriftReport;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.http.HttpEndpoints;
import io.driftwatch.runtime.topics.TopicCatalogue;
import java.io.IOException;
import io.driftwatch.runtime.streams.Backoff;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP view of the alerts and drift reports: {@code /api/alerts} (active alerts and the
 * most recent alert records) and {@code /api/models/{model}/drift} (a model's latest reports).
 * Both topics are small and hold aggregates only, so every instance reads them whole
 * (read_committed, from the beginning) and keeps a bounded tail in memory: the latest
 * {@value #REPORTS_PER_MODEL} reports per model and {@value #RECENT_ALERTS} alert records. A
 * failure to read (the registry away) is waited out with backoff, one WARN line per step, and
 * reported by {@link #problem()} for {@code /health} meanwhile; reading resumes where it stopped.
 */
final class RecentOutputs implements AutoCloseable {

    static final int REPORTS_PER_MODEL = 288;
    static final int RECENT_ALERTS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Logger LOG = LoggerFactory.getLogger(RecentOutputs.class);

    private final OutputReader reader;
    private final Thread thread;
    private volatile String problem;
    private volatile boolean closed;
    private final Map<String, Deque<DriftReport>> reports = new TreeMap<>();
    private final Map<String, Alert> active = new LinkedHashMap<>();
    private final Deque<Alert> recent = new ArrayDeque<>();

    RecentOutputs(DriftwatchConfig config) {
        reader = new OutputReader(config, List.of(TopicCatalogue.ALERTS, TopicCatalogue.DRIFT_REPORTS), true);
        thread = new Thread(this::tail, "driftwatch-recent-outputs");
        thread.setDaemon(true);
        thread.start();
    }

    private void tail() {
        Backoff backoff = new Backoff();
        while (!closed) {
            try {
                reader.forEach(this::add, () -> {
                    problem = null;
                    backoff.reset();
                });
                return; // woken up to close
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                problem = "retrying";
                Duration wait = backoff.next();
                LOG.warn("alerts and drift reports for the API cannot be read ({}); retrying in {} s",
                        e.getClass().getSimpleName(), wait.toSeconds());
                if (!Backoff.sleep(wait)) {
                    return;
                }
            }
        }
    }

    /** What keeps the tail from reading ("retrying"), or null while it reads. */
    String problem() {
        return problem;
    }

    private synchronized void add(Object record) {
        if (record instanceof DriftReport r) {
            Deque<DriftReport> model = reports.computeIfAbsent(r.getModelId(), m -> new ArrayDeque<>());
            model.addFirst(r);
            if (model.size() > REPORTS_PER_MODEL) {
                model.removeLast();
            }
        } else if (record instanceof Alert a) {
            if (a.getState() == AlertState.FIRING) {
                active.put(a.getDedupeKey(), a);
            } else {
                active.remove(a.getDedupeKey());
            }
            recent.addFirst(a);
            if (recent.size() > RECENT_ALERTS) {
                recent.removeLast();
            }
        }
    }

    /** {@code /api/alerts[?model=m][&limit=n]}: the active alerts and the latest alert records, newest first. */
    void alerts(HttpExchange exchange) throws IOException {
        Map<String, String> query = HttpEndpoints.queryParameters(exchange.getRequestURI());
        String model = query.get("model");
        int limit = HttpEndpoints.intParameter(query, "limit", 100, 0, RECENT_ALERTS);
        ObjectNode body = JSON.createObjectNode();
        synchronized (this) {
            ArrayNode activeNodes = body.putArray("active");
            active.values().stream().filter(a -> model == null || a.getModelId().equals(model))
                    .forEach(a -> activeNodes.add(json(a)));
            ArrayNode recentNodes = body.putArray("recent");
            recent.stream().filter(a -> model == null || a.getModelId().equals(model)).limit(limit)
                    .forEach(a -> recentNodes.add(json(a)));
        }
        HttpEndpoints.respondJson(exchange, 200, body);
    }

    /** {@code /api/models/{model}/drift[?limit=n]}: the model's latest drift reports, newest first. */
    void drift(HttpExchange exchange, String model) throws IOException {
        int limit = HttpEndpoints.intParameter(HttpEndpoints.queryParameters(exchange.getRequestURI()), "limit", 12, 0,
                REPORTS_PER_MODEL);
        ObjectNode body = JSON.createObjectNode().put("model", model);
        ArrayNode nodes = body.putArray("reports");
        synchronized (this) {
            Deque<DriftReport> modelReports = reports.get(model);
            if (modelReports == null) {
                HttpEndpoints.respondError(exchange, 404, "no drift reports for model '" + model + "'");
                return;
            }
            Iterator<DriftReport> it = modelReports.iterator();
            for (int i = 0; i < limit && it.hasNext(); i++) {
                nodes.add(json(it.next()));
            }
        }
        HttpEndpoints.respondJson(exchange, 200, body);
    }

    private static JsonNode json(Object avroRecord) {
        try {
            return JSON.readTree(avroRecord.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.wakeup();
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
    }
}
