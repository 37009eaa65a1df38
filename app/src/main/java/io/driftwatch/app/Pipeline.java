package io.driftwatch.app;

import io.driftwatch.alerting.AlertingTopology;
import io.driftwatch.alerting.config.AlertingSettings;
import io.driftwatch.alerting.sinks.AlertSinks;
import io.driftwatch.drift.DriftTopology;
import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.ingest.IngestTopology;
import io.driftwatch.ingest.config.IngestSettings;
import io.driftwatch.metrics.MetricsQueries;
import io.driftwatch.metrics.MetricsTopology;
import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.http.HttpEndpoints;
import io.driftwatch.runtime.kafka.KafkaPreflight;
import io.driftwatch.runtime.kafka.ProcessorAcls;
import io.driftwatch.runtime.metrics.ProcessMeters;
import io.driftwatch.runtime.streams.Health;
import io.driftwatch.runtime.streams.PerRecordPipeline;
import io.driftwatch.runtime.streams.StreamsApp;
import io.driftwatch.runtime.streams.StreamsRunner;
import io.driftwatch.runtime.streams.TopologyParts;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicProvisioner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Driftwatch in one JVM: provisions the topics, starts the chosen processors, the alert sinks
 * (when alerting runs and sinks are configured) and the HTTP endpoints ({@code /metrics},
 * {@code /health}, {@code /ready}, {@code /api/alerts}, {@code /api/models/{model}/drift}, and
 * {@code /api/models…/metrics} when the metric aggregator runs; docs/api.md). What
 * {@code driftwatch run} and {@code driftwatch demo} share.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /**
     * The applications by name, in the order data flows through them: the fused per-record
     * pipeline (ingest, metric aggregator and drift detector in one topology) and alerting run by
     * default; ingest, metrics and drift are the same processors as applications of their own, wired
     * through the validated and labelled topics, for operators who scale them separately.
     */
    static final Map<String, Supplier<StreamsApp>> PROCESSORS = new LinkedHashMap<>();
    static final List<String> DEFAULT = List.of(PerRecordPipeline.NAME, AlertingTopology.NAME);
    private static final List<String> SPLIT = List.of(IngestTopology.NAME, MetricsTopology.NAME, DriftTopology.NAME);
    private static final String ALERT_SINKS = "alert-sinks";

    static {
        PROCESSORS.put(PerRecordPipeline.NAME, Pipeline::perRecord);
        PROCESSORS.put(IngestTopology.NAME, IngestTopology::new);
        PROCESSORS.put(MetricsTopology.NAME, MetricsTopology::new);
        PROCESSORS.put(DriftTopology.NAME, DriftTopology::new);
        PROCESSORS.put(AlertingTopology.NAME, AlertingTopology::new);
    }

    private final StreamsRunner runner;
    private final MeterRegistry meters;
    private final ProcessMeters processMeters;
    private final HttpEndpoints http;
    private final RecentOutputs recent;
    private final AlertSinks sinks;

    private Pipeline(StreamsRunner runner, MeterRegistry meters, ProcessMeters processMeters, HttpEndpoints http,
                     RecentOutputs recent, AlertSinks sinks) {
        this.runner = runner;
        this.meters = meters;
        this.processMeters = processMeters;
        this.http = http;
        this.recent = recent;
        this.sinks = sinks;
    }

    /** The fused per-record pipeline: ingest in front of the metric aggregator and the drift detector. */
    public static PerRecordPipeline perRecord() {
        return new PerRecordPipeline(new IngestTopology(), List.of(new MetricsTopology(), new DriftTopology()));
    }

    /**
     * @param only the processors to run (names of {@link #PROCESSORS}); empty for all
     * @throws ConfigException naming the bad processor name or configuration key
     */
    public static Pipeline start(DriftwatchConfig config, List<String> only) {
        List<String> names = processors(only);
        AlertingSettings alerting = validate(config, names);
        QuietLogger.during(QuietLogger.KAFKA_CONNECTIONS,
                () -> KafkaPreflight.check(config.kafka(), Duration.ofSeconds(30)));
        TopicCatalogue topics = TopicCatalogue.of(config);
        if (config.topics().provision()) {
            try (Admin admin = Admin.create(config.kafka())) {
                TopicProvisioner.Report report = new TopicProvisioner(admin, topics, config.topics().partitions(),
                        config.topics().replicationFactor()).provision(TopicCatalogue.ALL);
                LOG.info("topics: {} created, {} existing", report.created().size(), report.existing().size());
            }
        }
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProcessMeters processMeters = new ProcessMeters(meters);
        StreamsRunner runner = new StreamsRunner(config, topics, meters);
        RecentOutputs recent = new RecentOutputs(config);
        AtomicReference<String> registry = new AtomicReference<>("not asked yet");
        AtomicReference<AlertSinks> sinks = new AtomicReference<>();
        HttpEndpoints http = new HttpEndpoints(config.http(), meters,
                () -> health(runner, registry.get(), recent, sinks.get()));
        if (!RegistryWait.until(config, registry::set)) {
            recent.close();
            http.close();
            processMeters.close();
            throw new IllegalStateException("interrupted while waiting for the schema registry");
        }
        List<StreamsApp> apps = new ArrayList<>();
        names.forEach(name -> apps.add(PROCESSORS.get(name).get()));
        runner.start(apps);
        Dashboard.register(http);
        Optional<String> metricsApp = Stream.of(MetricsTopology.NAME, PerRecordPipeline.NAME).filter(names::contains).findFirst();
        routeApi(http, recent, metricsApp.map(app -> new MetricsQueries(runner.streams(app), http,
                config.http().advertisedHost() + ":" + http.port())).orElse(null));
        sinks.set(!names.contains(AlertingTopology.NAME) || !alerting.sinks().any() ? null
                : new AlertSinks(alerting.sinks(), config.kafka(), config.applicationId(ALERT_SINKS),
                        topics.name(TopicCatalogue.ALERTS), topics.valueSerde(TopicCatalogue.ALERTS).deserializer(), meters)
                        .start());
        return new Pipeline(runner, meters, processMeters, http, recent, sinks.get());
    }

    /**
     * The processors' health, DEGRADED by the services they need that are in trouble: the registry
     * (null when it answers), the API's tail of the outputs, the alert delivery (null when not running).
     */
    private static Health health(StreamsRunner runner, String registry, RecentOutputs recent, AlertSinks sinks) {
        Map<String, String> problems = new TreeMap<>();
        Optional.ofNullable(registry).ifPresent(p -> problems.put("registry", p));
        Optional.ofNullable(recent.problem()).ifPresent(p -> problems.put("outputs", p));
        Optional.ofNullable(sinks).map(AlertSinks::problem).ifPresent(p -> problems.put("alert-sinks", p));
        Health health = runner.health();
        if (health.processors().isEmpty()) {
            problems.put("processors", "starting"); // they wait for the registry
        }
        return health.degradedBy(problems);
    }

    /**
     * The applications named by {@code --only}, the default ones when empty; the error names an
     * unknown one, or one of the split processors beside the pipeline that already holds it.
     */
    static List<String> processors(List<String> only) {
        for (String name : only) {
            if (!PROCESSORS.containsKey(name)) {
                throw new ConfigException("--only", name, "unknown processor; known are " + PROCESSORS.keySet());
            }
            if (SPLIT.contains(name) && only.contains(PerRecordPipeline.NAME)) {
                throw new ConfigException("--only", name, "is part of " + PerRecordPipeline.NAME
                        + " already; run either the pipeline or its processors separately");
            }
        }
        return only.isEmpty() ? DEFAULT : only;
    }

    /**
     * The ACLs {@code principal} needs to run the processors named in {@code only} (all when
     * empty) under this configuration, and to serve the HTTP API: see {@link ProcessorAcls}. The
     * topologies are built to read them, without calling the cluster (their structure does not
     * depend on the partition counts: the configured count stands in).
     */
    static List<AclBinding> acls(String principal, DriftwatchConfig config, List<String> only) {
        TopicCatalogue topics = TopicCatalogue.of(config);
        List<AclBinding> acls = new ArrayList<>();
        for (String name : processors(only)) {
            Topology topology = PROCESSORS.get(name).get().topology(TopologyParts.withPartitions(topics, config,
                    new SimpleMeterRegistry(), config.topics().partitions()));
            acls.addAll(ProcessorAcls.of(principal, config.applicationId(name), topology, topics));
        }
        // The HTTP API reads the alerts and drift reports; alert sinks consume the alerts in a group of their own.
        for (var topic : List.of(TopicCatalogue.ALERTS, TopicCatalogue.DRIFT_REPORTS)) {
            acls.add(ProcessorAcls.allow(principal, ResourceType.TOPIC, topics.name(topic), PatternType.LITERAL,
                    AclOperation.READ));
        }
        acls.add(ProcessorAcls.allow(principal, ResourceType.GROUP, config.applicationId(ALERT_SINKS), PatternType.LITERAL,
                AclOperation.READ));
        return acls.stream().distinct().toList();
    }

    /**
     * {@code /api/openapi.json} (docs/openapi.json, which describes every route), {@code /api/alerts},
     * {@code /api/models}, {@code /api/models/{model}/metrics} (metrics may be null) and {@code …/drift}.
     */
    private static void routeApi(HttpEndpoints http, RecentOutputs recent, MetricsQueries metrics) {
        String openApi = Dashboard.resource("openapi.json");
        http.route("/api/openapi.json", exchange -> HttpEndpoints.respond(exchange, 200, "application/json", openApi));
        http.route("/api/alerts", recent::alerts);
        http.route("/api/models", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            if (parts.length == 5 && parts[4].equals("drift")) {
                recent.drift(exchange, URLDecoder.decode(parts[3], StandardCharsets.UTF_8));
            } else if (metrics != null) {
                metrics.handle(exchange);
            } else {
                HttpEndpoints.respondError(exchange, 404, "the metric aggregator does not run in this instance");
            }
        });
    }

    /**
     * Validates every processor's section, so that a bad key fails at once, by name, before
     * anything connects.
     *
     * @param names the applications that are to run (see {@link #processors})
     * @return the alerting settings, which the pipeline needs itself
     * @throws ConfigException naming the bad key
     */
    static AlertingSettings validate(DriftwatchConfig config, List<String> names) {
        IngestSettings ingest = IngestSettings.from(config);
        if (names.contains(IngestTopology.NAME)) {
            ingest.outputs().requireBoth();
        }
        MetricsSettings.from(config);
        DriftSettings.from(config);
        return AlertingSettings.from(config);
    }

    public StreamsRunner runner() {
        return runner;
    }

    /** The sum of a counter over all its tags in this JVM (0 when it has not counted yet). */
    public double total(String counter) {
        return meters.find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The paths the HTTP server routes (each with everything under it). */
    public Set<String> httpRoutes() {
        return http.routes();
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        if (sinks != null) {
            sinks.close();
        }
        http.close();
        recent.close();
        runner.close();
        processMeters.close();
    }
}
