package io.driftwatch.runtime.streams;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.deadletter.DeadLetterDeserializationHandler;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicPartitions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one runner of Driftwatch's Kafka Streams apps: builds each app's properties from the
 * config (exactly-once by default), wires dead-lettering, the uncaught-exception policy, the
 * state listener behind {@link #health()} and Micrometer's Kafka Streams metrics, and closes
 * everything gracefully.
 *
 * <p>Uncaught-exception policy: a transient cause (broker or registry unavailable) replaces the
 * stream thread, which resumes from the last committed offsets; anything else shuts the client
 * down and reports DOWN rather than spinning on the same record forever.
 */
public final class StreamsRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);
    /** How long the cluster has to tell the topics' partition counts before the processors start. */
    private static final Duration PARTITIONS_TIMEOUT = Duration.ofSeconds(30);

    private final DriftwatchConfig config;
    private final TopicCatalogue topics;
    private final MeterRegistry meters;
    private final Map<String, KafkaStreams> running = new LinkedHashMap<>();
    private final Map<String, KafkaStreams.State> states = new ConcurrentHashMap<>();
    private final List<KafkaStreamsMetrics> metrics = new ArrayList<>();
    private volatile ClusterProbe probe;

    public StreamsRunner(DriftwatchConfig config, TopicCatalogue topics, MeterRegistry meters) {
        this.config = config;
        this.topics = topics;
        this.meters = meters;
    }

    /** Builds and starts every app; returns once all have been asked to start. */
    public synchronized void start(List<? extends StreamsApp> apps) {
        if (probe == null) {
            probe = new ClusterProbe(config.kafka());
        }
        // Read once here, so that no processor calls the cluster while building its topology.
        Map<String, Integer> partitionCounts = TopicPartitions.counts(config.kafka(),
                TopicCatalogue.ALL.stream().map(topics::name).toList(), PARTITIONS_TIMEOUT);
        for (StreamsApp app : apps) {
            if (running.containsKey(app.name())) {
                throw new IllegalArgumentException("processor '" + app.name() + "' is already running");
            }
            Topology topology = app.topology(new TopologyParts(topics, config, meters, partitionCounts));
            KafkaStreams streams = new KafkaStreams(topology, streamsProperties(app));
            streams.setStateListener((newState, oldState) -> {
                states.put(app.name(), newState);
                log.info("{}: {} -> {}", app.name(), oldState, newState);
            });
            streams.setUncaughtExceptionHandler(error -> onUncaught(app.name(), error));
            KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, Tags.of("processor", app.name()));
            binder.bindTo(meters);
            metrics.add(binder);
            states.put(app.name(), streams.state());
            running.put(app.name(), streams);
            streams.start();
        }
    }

    /**
     * The Kafka Streams properties of one processor: the app's own defaults, then the Kafka client
     * properties of the config (passed through untouched, so they override), then Driftwatch's.
     */
    public Properties streamsProperties(StreamsApp app) {
        String processorName = app.name();
        Properties props = new Properties();
        props.putAll(app.streamsDefaults());
        if (config.http().port() > 0) {
            // Where other instances reach this one's interactive queries (see the metric aggregator's /api routes).
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.http().advertisedHost() + ":" + config.http().port());
        }
        props.putAll(config.kafka());
        props.putAll(config.serdeConfigs());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(processorName));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processing().guarantee().streamsValue());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.processing().stateDir().toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.processing().commitInterval().toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.processing().threads());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.topics().replicationFactor().map(Short::intValue).orElse(-1));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(DeadLetterDeserializationHandler.TOPIC_CONFIG, topics.name(TopicCatalogue.DEAD_LETTER));
        props.put(DeadLetterDeserializationHandler.PROCESSOR_CONFIG, processorName);
        props.put(DeadLetterDeserializationHandler.METER_REGISTRY_CONFIG, meters);
        return props;
    }

    public String applicationId(String processorName) {
        return config.applicationId(processorName);
    }

    public Health health() {
        ClusterProbe current = probe;
        return Health.of(states, current == null || current.reachable());
    }

    /** The running instance of a processor, for interactive queries. */
    public KafkaStreams streams(String processorName) {
        KafkaStreams streams = running.get(processorName);
        if (streams == null) {
            throw new IllegalArgumentException("no processor named '" + processorName + "' is running");
        }
        return streams;
    }

    /** Closes this runner when the JVM is asked to stop (SIGTERM, Ctrl-C). */
    public void closeOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "driftwatch-shutdown"));
    }

    @Override
    public synchronized void close() {
        running.forEach((name, streams) -> {
            log.info("{}: closing", name);
            // Leaving the group hands the tasks to the other instances at once instead of after the session timeout.
            CloseOptions options = CloseOptions.timeout(config.processing().shutdownTimeout())
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
            if (!streams.close(options)) {
                log.warn("{}: did not close within {}", name, config.processing().shutdownTimeout());
            }
        });
        metrics.forEach(KafkaStreamsMetrics::close);
        metrics.clear();
        running.clear();
        if (probe != null) {
            probe.close();
            probe = null;
        }
    }

    private StreamThreadExceptionResponse onUncaught(String processorName, Throwable error) {
        if (DeadLetterDeserializationHandler.isTransient(error)) {
            log.warn("{}: transient failure, replacing the stream thread: {}", processorName, error.toString());
            Counter.builder("driftwatch.stream.thread.replacements")
                    .description("Stream threads replaced after a transient failure (broker or registry unavailable)")
                    .tag("processor", processorName).register(meters).increment();
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        log.error("{}: unrecoverable failure, shutting the processor down", processorName, error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
