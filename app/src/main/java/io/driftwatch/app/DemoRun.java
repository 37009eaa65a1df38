package io.driftwatch.app;

import io.driftwatch.app.simulate.Scenario;
import io.driftwatch.app.simulate.ServingSimulator;
import io.driftwatch.app.simulate.ShopWorld;
import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.metrics.estimation.ReferencePerformanceBuilder;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.topics.TopicCatalogue;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the demo plays once its broker, registry and processors run: the shop's training profiles,
 * then its traffic with the live log of what Driftwatch makes of it, and the summary ({@link
 * DemoCommand} holds the options and the lifecycle around it).
 *
 * @param run    the simulated shop's traffic (rate, wall-clock length, speed) and scenario
 * @param window the processors' base window
 * @param settle the longest wait after the traffic for the last windows' verdicts
 * @param secure whether the cluster requires TLS and SASL (the addresses printed say so)
 */
record DemoRun(ServingSimulator.Settings run, Duration window, Duration settle, boolean secure) {

    /** Visits the reference profiles are built from. */
    static final int TRAINING_VISITS = 100_000;
    /** How long no output must arrive before the story's last alerts are taken to be in. */
    private static final Duration QUIET = Duration.ofSeconds(1);

    /**
     * Prints where your own clients reach the demo and what the shop will do, plays it, and
     * returns what Driftwatch found.
     */
    DemoStory.Summary play(DriftwatchConfig shop, Pipeline pipeline, PrintWriter out, String kafka, String registryUrl)
            throws Exception {
        printAddresses(out, kafka, registryUrl, TopicCatalogue.of(shop));
        introduce(out, pipeline.httpPort());
        return tell(shop, out, pipeline);
    }

    private void introduce(PrintWriter out, int httpPort) {
        out.printf("Dashboard and API: http://127.0.0.1:%d/  (/api/models, /metrics, /health)%n%n", httpPort);
        out.printf("The shop: %s of traffic played in %s (%.0f visits/s, each scored by %s and %s); %s windows.%n",
                human(run.span()), human(run.duration()), run.visitsPerSecond(), ShopWorld.PROPENSITY, ShopWorld.BASKET,
                human(window));
        for (Scenario.Phase p : run.scenario().phases()) {
            out.printf("  from %s: %s%n", OutputLines.clock(run.start().plus(p.at())), describe(p));
        }
        out.println();
        out.flush();
    }

    /** Where your own producers and consumers reach the demo (README, "Your own events in the demo"). */
    private void printAddresses(PrintWriter out, String kafka, String registryUrl, TopicCatalogue topics) {
        out.printf("Your own producers and consumers: Kafka %s%s, schema registry %s%n", kafka,
                secure ? " (TLS + SASL/SCRAM: see the configuration printed above)" : "", registryUrl);
        out.printf("  predictions → %s, labels → %s; alerts ← %s, retraining triggers ← %s (string keys)%n%n",
                topics.name(TopicCatalogue.PREDICTIONS), topics.name(TopicCatalogue.GROUND_TRUTH),
                topics.name(TopicCatalogue.ALERTS), topics.name(TopicCatalogue.RETRAINING_TRIGGERS));
        out.flush();
    }

    /**
     * Runs the simulated shop while printing the outputs as they are committed, then waits (up to
     * {@code settle}) for the verdicts on the last windows, and prints the summary.
     */
    private DemoStory.Summary tell(DriftwatchConfig config, PrintWriter out, Pipeline pipeline) throws Exception {
        DemoStory story = new DemoStory(out, run.start(), run.scenario(), ShopWorld.PROPENSITY,
                DriftSettings.from(config).model(ShopWorld.PROPENSITY).minWindowSamples());
        ServingSimulator.Progress end;
        try (OutputReader outputs = new OutputReader(config, List.of(TopicCatalogue.METRICS,
                TopicCatalogue.DRIFT_REPORTS, TopicCatalogue.ALERTS, TopicCatalogue.RETRAINING_TRIGGERS), true)) {
            Thread reader = new Thread(() -> outputs.forEach(story::accept), "demo-outputs");
            reader.start();
            try {
                end = SimulateCommand.simulate(config, run, Duration.ofSeconds(15), p -> {
                    synchronized (story) {
                        out.println(SimulateCommand.describe(p));
                        out.flush();
                    }
                });
                long deadline = System.nanoTime() + settle.toNanos();
                while (!story.complete() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                // The alerts and triggers that follow the last reports: until a second passes without an output.
                for (long seen = -1; story.received() != seen && System.nanoTime() < deadline + QUIET.toNanos(); ) {
                    seen = story.received();
                    Thread.sleep(QUIET.toMillis());
                }
            } finally {
                outputs.wakeup();
                reader.join();
            }
        }
        DemoStory.Summary result = story.summary(end.predictions(), end.labels(), end.simulatedTime(),
                (long) pipeline.total("driftwatch.ingest.records.in"), (long) pipeline.total("driftwatch.dead.letters"));
        story.print(result);
        return result;
    }

    /**
     * Reference profiles of both models from {@value #TRAINING_VISITS} visits of the clean shop, published as a
     * training job would ({@code driftwatch profile}), so that drift is measured from the first window;
     * the classifier's holds its performance and score calibration on the labelled visits, so that
     * its performance is estimated from the first window too.
     */
    static void publishReferenceProfiles(DriftwatchConfig config) throws Exception {
        for (ReferenceProfile profile : trainingProfiles()) {
            ProfileCommand.publish(config, profile);
        }
    }

    /** The classifier's and the regressor's reference profiles from the clean shop's training visits. */
    static List<ReferenceProfile> trainingProfiles() {
        ShopWorld training = new ShopWorld(-1, "training");
        Scenario.Phase clean = Scenario.clean().phases().get(0);
        ProfileBuilder propensity = new ProfileBuilder(ShopWorld.PROPENSITY, ShopWorld.MODEL_VERSION,
                ProfileSource.TRAINING_DATA, TaskType.BINARY_CLASSIFICATION, ProfileBuilder.DEFAULT_MAX_CATEGORIES);
        ProfileBuilder basket = new ProfileBuilder(ShopWorld.BASKET, ShopWorld.MODEL_VERSION,
                ProfileSource.TRAINING_DATA, TaskType.REGRESSION, ProfileBuilder.DEFAULT_MAX_CATEGORIES);
        ReferencePerformanceBuilder performance = new ReferencePerformanceBuilder(ShopWorld.POSITIVE);
        Instant t = Instant.now().minus(Duration.ofDays(1));
        for (int i = 0; i < TRAINING_VISITS; i++) {
            ShopWorld.Visit v = training.next(i, t, clean);
            add(propensity, v.propensity());
            add(basket, v.basket());
            if (v.labelled()) {
                performance.add(v.propensity().getScore(), ShopWorld.POSITIVE.equals(v.propensity().getPredictedLabel()),
                        v.propensityTruth().getActualLabel());
            }
        }
        ReferenceProfile propensityProfile = propensity.build(Instant.now());
        propensityProfile.setPerformance(performance.build());
        return List.of(propensityProfile, basket.build(Instant.now()));
    }

    private static void add(ProfileBuilder profile, PredictionEvent p) {
        profile.add(p.getNumericFeatures(), p.getCategoricalFeatures(), p.getScore(), p.getPredictedLabel(), p.getEventTime());
    }

    /** 90s, 5m, 1h30m rather than PT1M30S. */
    static String human(Duration d) {
        String iso = d.toString().substring(2).toLowerCase(Locale.ROOT);
        return iso.endsWith(".0s") ? iso.replace(".0s", "s") : iso;
    }

    private static String describe(Scenario.Phase p) {
        if (p.clean()) {
            return "clean traffic";
        }
        String features = String.join(", ", Stream.concat(p.numeric().keySet().stream(),
                p.categorical().keySet().stream()).sorted().toList());
        if (p.concept() != null) {
            return String.format("concept drift: in %s=%s, %.0f%% of purchase outcomes reversed%s", p.concept().segmentKey(),
                    p.concept().segmentValue(), 100 * p.concept().flip(), features.isEmpty() ? "" : " (inputs still drifted)");
        }
        return "data drift in " + features + " (the purchase behaviour is unchanged)";
    }
}
