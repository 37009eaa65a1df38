package io.driftwatch.ingest;

import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.QualityIssue;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.ingest.config.IngestSettings;
import io.driftwatch.ingest.contract.ModelContract;
import io.driftwatch.ingest.validation.QualityChecker;
import io.driftwatch.ingest.validation.Rejection;
import io.driftwatch.ingest.validation.StructuralValidator;
import io.driftwatch.runtime.config.ModelSpec;
import io.driftwatch.runtime.deadletter.DeadLetterDeserializationHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the structural checks (failures are marked rejected, for the dead-letter output) and
 * attaches the data-quality issues to each prediction. The contract comes from the model's
 * config entry or, failing that, from its version's reference profile, read from a global store
 * and cached until the next refresh.
 */
final class ValidateProcessor implements Processor<String, Inbound, String, Inbound> {

    private static final Logger log = LoggerFactory.getLogger(ValidateProcessor.class);

    private final IngestSettings settings;
    private final String profileStoreName;
    private final String profileTopic;
    private final Deserializer<ReferenceProfile> profileDeserializer;
    private final IngestMetrics metrics;
    private final StructuralValidator structure;
    private final QualityChecker quality = new QualityChecker();
    /** Contracts by profile key; refreshed every scan interval so that a newly published profile takes effect. */
    private final Map<String, ModelContract> profileContracts = new HashMap<>();
    private ProcessorContext<String, Inbound> context;
    private KeyValueStore<String, byte[]> profiles;

    ValidateProcessor(IngestSettings settings, String profileStoreName, String profileTopic,
                      Deserializer<ReferenceProfile> profileDeserializer, IngestMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.profileStoreName = profileStoreName;
        this.profileTopic = profileTopic;
        this.profileDeserializer = profileDeserializer;
        this.structure = new StructuralValidator(settings.maxFutureSkew());
    }

    @Override
    public void init(ProcessorContext<String, Inbound> context) {
        this.context = context;
        this.profiles = context.getStateStore(profileStoreName);
        context.schedule(settings.expiryScanInterval(), PunctuationType.WALL_CLOCK_TIME, now -> profileContracts.clear());
    }

    @Override
    public void process(Record<String, Inbound> record) {
        Inbound in = record.value();
        if (in.rejected() != null) {
            context.forward(record);
            return;
        }
        long now = context.currentSystemTimeMs();
        ModelSpec model = settings.catalogue().model(in.modelId());
        Optional<Rejection> rejection;
        if (in.stream() == Inbound.Stream.PREDICTION) {
            PredictionEvent prediction = in.prediction();
            rejection = settings.limits().check(prediction);
            if (rejection.isEmpty()) {
                ModelContract contract = model.features().isEmpty()
                        ? profileContract(prediction.getModelId(), prediction.getModelVersion()).withTask(model.task())
                        : new ModelContract(model.task(), model.features());
                rejection = structure.check(prediction, contract.task(), now);
                if (rejection.isEmpty()) {
                    List<QualityIssue> issues = quality.check(prediction, contract);
                    if (!issues.isEmpty() || !prediction.getQualityIssues().isEmpty()) {
                        prediction.setQualityIssues(issues);
                        record = record.withValue(in.modified());
                    }
                }
            }
        } else {
            // A ground truth names no model version, so only a task declared in config applies.
            rejection = settings.limits().check(in.groundTruth())
                    .or(() -> structure.check(in.groundTruth(), model.task(), now));
        }
        if (rejection.isEmpty()) {
            context.forward(record);
            return;
        }
        // A model id the limits refuse is no meter tag: the reason says what was wrong with it.
        metrics.rejected(settings.limits().acceptsName(in.modelId()) ? in.modelId() : null, rejection.get().code());
        context.forward(record.withValue(record.value().reject(rejection.get().code(), rejection.get().message())));
    }

    private ModelContract profileContract(String modelId, String version) {
        String key = modelId + "/" + version;
        ModelContract cached = profileContracts.get(key);
        if (cached != null) {
            return cached;
        }
        ModelContract contract = ModelContract.NONE;
        byte[] bytes = profiles.get(key);
        if (bytes != null) {
            try {
                contract = ModelContract.fromProfile(profileDeserializer.deserialize(profileTopic, bytes));
            } catch (RuntimeException e) {
                if (DeadLetterDeserializationHandler.isTransient(e)) {
                    throw e;
                }
                log.warn("ingest: the reference profile of {} cannot be read ({}); checking without a contract",
                        key, DeadLetterDeserializationHandler.reasonOf(e));
            }
        }
        profileContracts.put(key, contract);
        return contract;
    }
}
