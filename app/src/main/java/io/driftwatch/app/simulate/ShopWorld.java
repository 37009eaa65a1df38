package io.driftwatch.app.simulate;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.common.config.ConfigException;

/**
 * A simulated online shop and the two models it serves on every visit: a purchase-propensity
 * classifier (score = probability of a purchase) and a basket-value regressor. A visit has four
 * numeric and two categorical features and two segments; whether the visitor buys follows a
 * fixed logistic law of the features (the "concept"), which the classifier has learned up to
 * some noise. The outcome becomes known after a delay (log-normal, median 60 s, cut off at 5
 * minutes where 0.4 % of the draws would lie beyond: the demo's label horizon), for 85 % of
 * visits; the rest are never labelled. The same seed gives the same visits.
 */
public final class ShopWorld {

    public static final String PROPENSITY = "purchase-propensity";
    public static final String BASKET = "basket-value";
    public static final String MODEL_VERSION = "1";
    /** The classifier's positive class: a purchase. */
    public static final String POSITIVE = "1";

    public static final String SESSION_LENGTH = "session_length_s";
    public static final String PAGES_VIEWED = "pages_viewed";
    public static final String DISCOUNT = "discount_pct";
    public static final String DAYS_SINCE_LAST_VISIT = "days_since_last_visit";
    public static final String TRAFFIC_SOURCE = "traffic_source";
    public static final String PRODUCT_CATEGORY = "product_category";
    public static final String COUNTRY = "country";
    public static final String DEVICE = "device";

    static final Set<String> NUMERIC = Set.of(SESSION_LENGTH, PAGES_VIEWED, DISCOUNT, DAYS_SINCE_LAST_VISIT);
    static final Map<String, Map<String, Double>> CATEGORICAL = Map.of(
            TRAFFIC_SOURCE, mix("search", 0.40, "ads", 0.25, "email", 0.15, "direct", 0.20),
            PRODUCT_CATEGORY, mix("fashion", 0.35, "electronics", 0.25, "home", 0.25, "toys", 0.15));
    static final Map<String, Map<String, Double>> SEGMENTS = Map.of(
            COUNTRY, mix("US", 0.40, "DE", 0.25, "GB", 0.20, "FR", 0.15),
            DEVICE, mix("mobile", 0.60, "desktop", 0.35, "tablet", 0.05));

    private static final double LABELLED_SHARE = 0.85;
    private static final double MEDIAN_LABEL_DELAY_S = 60;
    private static final long MAX_LABEL_DELAY_MS = Duration.ofMinutes(5).toMillis();

    /** One visit: both models' predictions and, when it will be labelled, their ground truth and its time. */
    public record Visit(PredictionEvent propensity, PredictionEvent basket, GroundTruthEvent propensityTruth,
                        GroundTruthEvent basketTruth) {

        /** Whether the outcome of this visit will ever be known. */
        public boolean labelled() {
            return propensityTruth != null;
        }

        public Instant labelTime() {
            return propensityTruth.getEventTime();
        }
    }

    private final SplittableRandom random;
    private final String runId;

    /** @param runId prefixes every prediction id, so that runs never share ids */
    public ShopWorld(long seed, String runId) {
        this.random = new SplittableRandom(seed);
        this.runId = runId;
    }

    /** Fails naming the feature or segment a scenario changes that the shop does not have. */
    public static void check(Scenario scenario) {
        for (Scenario.Phase phase : scenario.phases()) {
            for (String f : phase.numeric().keySet()) {
                if (!NUMERIC.contains(f)) {
                    throw new ConfigException(phase.name() + ".numeric." + f, null, "the shop's numeric features are " + NUMERIC);
                }
            }
            for (var e : phase.categorical().entrySet()) {
                Map<String, Double> known = CATEGORICAL.get(e.getKey());
                if (known == null) {
                    throw new ConfigException(phase.name() + ".categorical." + e.getKey(), null,
                            "the shop's categorical features are " + CATEGORICAL.keySet());
                }
                if (e.getValue().values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                    throw new ConfigException(phase.name() + ".categorical." + e.getKey(), e.getValue(), "weights sum to 0");
                }
            }
            if (phase.concept() != null && !SEGMENTS.containsKey(phase.concept().segmentKey())) {
                throw new ConfigException(phase.name() + ".concept.segment", phase.concept().segmentKey(),
                        "the shop's segments are " + SEGMENTS.keySet());
            }
        }
    }

    /** The visit with this index at event time {@code at}, under the given phase of the scenario. */
    public Visit next(long index, Instant at, Scenario.Phase phase) {
        String country = pick(SEGMENTS.get(COUNTRY));
        String device = pick(SEGMENTS.get(DEVICE));
        String source = pick(phase.categorical().getOrDefault(TRAFFIC_SOURCE, CATEGORICAL.get(TRAFFIC_SOURCE)));
        String category = pick(phase.categorical().getOrDefault(PRODUCT_CATEGORY, CATEGORICAL.get(PRODUCT_CATEGORY)));
        double session = change(phase, SESSION_LENGTH, 180 * Math.exp(0.6 * gaussian()));
        double pages = change(phase, PAGES_VIEWED, Math.max(1, Math.round(Math.exp(1.4 + 0.5 * gaussian()))));
        double discount = change(phase, DISCOUNT, Math.floor(random.nextDouble() * 31));
        double days = change(phase, DAYS_SINCE_LAST_VISIT, -12 * Math.log(1 - random.nextDouble()));

        // The concept: how the features drive a purchase. The classifier learned it, up to noise.
        double logit = -1.9 + 2.5 * Math.log(Math.max(session, 1) / 180) + Math.log(Math.max(pages, 1))
                + 0.08 * (discount - 15) - 0.005 * (days - 12) + (device.equals("desktop") ? 0.5 : 0)
                + (source.equals("email") ? 0.3 : source.equals("ads") ? -0.2 : 0)
                + (category.equals("electronics") ? -0.3 : category.equals("fashion") ? 0.2 : 0);
        double score = sigmoid(logit + 0.25 * gaussian());
        boolean purchase = random.nextDouble() < sigmoid(logit);
        Scenario.ConceptChange concept = phase.concept();
        if (concept != null && concept.segmentValue().equals(concept.segmentKey().equals(COUNTRY) ? country : device)
                && random.nextDouble() < concept.flip()) {
            purchase = !purchase;
        }
        double basketMean = Math.log(60) + 0.3 * Math.log(Math.max(pages, 1))
                + (category.equals("electronics") ? 0.4 : category.equals("toys") ? -0.2 : 0);
        double basketPredicted = Math.exp(basketMean + 0.125);
        double basketActual = Math.exp(basketMean + 0.5 * gaussian());

        Map<String, Double> numeric = new LinkedHashMap<>();
        numeric.put(SESSION_LENGTH, session);
        numeric.put(PAGES_VIEWED, pages);
        numeric.put(DISCOUNT, discount);
        numeric.put(DAYS_SINCE_LAST_VISIT, days);
        Map<String, String> categorical = Map.of(TRAFFIC_SOURCE, source, PRODUCT_CATEGORY, category);
        Map<String, String> segments = Map.of(COUNTRY, country, DEVICE, device);
        String id = runId + "-" + index;
        PredictionEvent propensity = PredictionEvent.newBuilder().setPredictionId(id + "-p").setModelId(PROPENSITY)
                .setModelVersion(MODEL_VERSION).setEventTime(at).setNumericFeatures(numeric).setCategoricalFeatures(categorical)
                .setScore(score).setPredictedLabel(score >= 0.5 ? "1" : "0").setSegments(segments)
                .setServingLatencyMs(round(12 * Math.exp(0.45 * gaussian()))).build();
        PredictionEvent basket = PredictionEvent.newBuilder().setPredictionId(id + "-b").setModelId(BASKET)
                .setModelVersion(MODEL_VERSION).setEventTime(at).setNumericFeatures(numeric).setCategoricalFeatures(categorical)
                .setScore(round(basketPredicted)).setSegments(segments)
                .setServingLatencyMs(round(7 * Math.exp(0.4 * gaussian()))).build();
        if (random.nextDouble() >= LABELLED_SHARE) {
            return new Visit(propensity, basket, null, null);
        }
        Instant labelAt = at.plusMillis(Math.min(MAX_LABEL_DELAY_MS,
                Math.round(1000 * MEDIAN_LABEL_DELAY_S * Math.exp(0.6 * gaussian()))));
        Map<String, Double> outcomes = new HashMap<>();
        outcomes.put("clicked", pages >= 3 ? 1.0 : 0.0);
        outcomes.put("revenue", purchase ? round(basketActual) : 0.0);
        GroundTruthEvent propensityTruth = GroundTruthEvent.newBuilder().setPredictionId(id + "-p").setModelId(PROPENSITY)
                .setEventTime(labelAt).setActualLabel(purchase ? "1" : "0").setOutcomes(outcomes).build();
        GroundTruthEvent basketTruth = GroundTruthEvent.newBuilder().setPredictionId(id + "-b").setModelId(BASKET)
                .setEventTime(labelAt).setActualValue(round(basketActual)).build();
        return new Visit(propensity, basket, propensityTruth, basketTruth);
    }

    private static double change(Scenario.Phase phase, String feature, double value) {
        Scenario.NumericChange c = phase.numeric().get(feature);
        return c == null ? value : value * c.scale() + c.shift();
    }

    private String pick(Map<String, Double> weights) {
        double total = 0;
        for (double w : weights.values()) {
            total += w;
        }
        double u = random.nextDouble() * total;
        String last = null;
        for (var e : weights.entrySet()) {
            last = e.getKey();
            u -= e.getValue();
            if (u < 0) {
                break;
            }
        }
        return last;
    }

    /** Standard normal by Box–Muller (one of the pair; simplicity over speed). */
    private double gaussian() {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    private static Map<String, Double> mix(Object... categoryWeight) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < categoryWeight.length; i += 2) {
            m.put((String) categoryWeight[i], (Double) categoryWeight[i + 1]);
        }
        return m;
    }
}
