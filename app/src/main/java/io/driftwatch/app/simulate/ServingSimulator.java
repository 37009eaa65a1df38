package io.driftwatch.app.simulate;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A serving app: visits of the {@link ShopWorld} at a fixed rate, each scored by both models and
 * published as predictions, and their ground truth published once its (simulated) time has come.
 *
 * <p>Simulated time runs {@code speed} times as fast as the wall clock: visit {@code i} happens at
 * {@code start + i · speed / rate} seconds whatever the machine's pace, so a seed gives the same
 * events, with the same event times, on every run. Records carry their event time as their
 * Kafka timestamp. A producer error stops the run and is thrown.
 */
public final class ServingSimulator {

    /**
     * @param visitsPerSecond wall-clock rate; each visit is two predictions (one per model)
     * @param speed           simulated seconds per wall-clock second
     * @param duration        wall-clock length of the run
     * @param start           simulated time of the first visit
     */
    public record Settings(long seed, String runId, double visitsPerSecond, double speed, Duration duration, Instant start,
                           Scenario scenario) {

        public Settings {
            if (!(visitsPerSecond > 0)) {
                throw new IllegalArgumentException("--rate: expected visits per second > 0, got " + visitsPerSecond);
            }
            if (!(speed > 0)) {
                throw new IllegalArgumentException("--speed: expected simulated seconds per second > 0, got " + speed);
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("--duration: expected a positive duration, got " + duration);
            }
            ShopWorld.check(scenario);
        }

        /** Simulated time the run covers. */
        public Duration span() {
            return ServingSimulator.span(duration, speed);
        }

        long visits() {
            return (long) (duration.toMillis() / 1000.0 * visitsPerSecond);
        }

        Instant timeOf(long visit) {
            return start.plusMillis((long) (visit * 1000.0 * speed / visitsPerSecond));
        }
    }

    /** Simulated time that {@code duration} of wall-clock time covers at {@code speed}. */
    public static Duration span(Duration duration, double speed) {
        return Duration.ofMillis((long) (duration.toMillis() * speed));
    }

    /** Where a run stands; {@code labelsNotDue}: ground truth whose time had not come when the run ended. */
    public record Progress(long visits, long predictions, long labels, long labelsNotDue, Instant simulatedTime,
                           String phase, double elapsedSeconds) {
    }

    private final Settings settings;
    private final Producer<String, PredictionEvent> predictions;
    private final Producer<String, GroundTruthEvent> labels;
    private final String predictionTopic;
    private final String labelTopic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public ServingSimulator(Settings settings, Producer<String, PredictionEvent> predictions, String predictionTopic,
                            Producer<String, GroundTruthEvent> labels, String labelTopic) {
        this.settings = settings;
        this.predictions = predictions;
        this.labels = labels;
        this.predictionTopic = predictionTopic;
        this.labelTopic = labelTopic;
    }

    /**
     * Runs until the duration has passed or the thread is interrupted, calling {@code progress}
     * every {@code progressEvery} of wall-clock time and once at the end.
     */
    public Progress run(Duration progressEvery, Consumer<Progress> progress) throws Exception {
        ShopWorld world = new ShopWorld(settings.seed(), settings.runId());
        PriorityQueue<ShopWorld.Visit> pending = new PriorityQueue<>(Comparator.comparing(ShopWorld.Visit::labelTime));
        long begin = System.nanoTime();
        long nextReport = begin + progressEvery.toNanos();
        long total = settings.visits();
        long visit = 0;
        long sentLabels = 0;
        String phase = settings.scenario().phases().get(0).name();
        Instant now = settings.start();
        for (; visit < total && !Thread.currentThread().isInterrupted() && failure.get() == null; visit++) {
            long due = begin + (long) (visit * 1e9 / settings.visitsPerSecond());
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            now = settings.timeOf(visit);
            while (!pending.isEmpty() && !pending.peek().labelTime().isAfter(now)) {
                ShopWorld.Visit v = pending.poll();
                send(labels, labelTopic, v.propensityTruth().getPredictionId(), v.propensityTruth(), v.labelTime());
                send(labels, labelTopic, v.basketTruth().getPredictionId(), v.basketTruth(), v.labelTime());
                sentLabels += 2;
            }
            Scenario.Phase current = settings.scenario().at(Duration.between(settings.start(), now));
            phase = current.name();
            ShopWorld.Visit v = world.next(visit, now, current);
            send(predictions, predictionTopic, v.propensity().getPredictionId(), v.propensity(), now);
            send(predictions, predictionTopic, v.basket().getPredictionId(), v.basket(), now);
            if (v.labelled()) {
                pending.add(v);
            }
            if (System.nanoTime() >= nextReport) {
                progress.accept(progress(visit + 1, sentLabels, 0, now, phase, begin));
                nextReport += progressEvery.toNanos();
            }
        }
        predictions.flush();
        labels.flush();
        if (failure.get() != null) {
            throw failure.get();
        }
        Progress end = progress(visit, sentLabels, 2L * pending.size(), now, phase, begin);
        progress.accept(end);
        return end;
    }

    private static Progress progress(long visits, long labels, long notDue, Instant now, String phase, long begin) {
        return new Progress(visits, 2 * visits, labels, notDue, now, phase, (System.nanoTime() - begin) / 1e9);
    }

    private <V> void send(Producer<String, V> producer, String topic, String key, V value, Instant time) {
        producer.send(new ProducerRecord<>(topic, null, time.toEpochMilli(), key, value), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }
}
