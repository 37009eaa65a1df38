package io.driftwatch.ingest.config;

import io.driftwatch.events.TaskType;
import io.driftwatch.ingest.contract.ModelContract;
import java.time.Duration;
import java.util.Optional;

/**
 * Ingest's settings for one model: its label horizon, whether a later ground truth corrects an
 * earlier one, and, when configured, its declared task and contract.
 *
 * @param task     the task declared in config; {@link TaskType#UNKNOWN} to take it from the reference profile
 * @param contract the configured contract; empty to fall back to the model version's reference profile
 */
public record ModelSettings(TaskType task, Duration labelHorizon, boolean corrections,
                            Optional<ModelContract> contract) {
}
