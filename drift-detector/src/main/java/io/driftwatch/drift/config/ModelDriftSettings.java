package io.driftwatch.drift.config;

import io.driftwatch.drift.data.DriftMethod;
import io.driftwatch.drift.data.DriftThresholds;
import io.driftwatch.drift.data.FeatureRule;
import io.driftwatch.drift.data.MultivariateTest;
import io.driftwatch.drift.stats.MultipleTesting;
import io.driftwatch.runtime.config.ConfigValues;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;

/**
 * How one model's drift is decided: window size floor, auto-capture, thresholds, multiple
 * testing, dataset share, persistence, per-feature methods and the concept-drift detectors. The
 * section's values are every model's defaults; a model entry overrides any of them.
 *
 * @param minWindowSamples   a window with fewer predictions is merged into the next one, never tested
 * @param autoCaptureSamples predictions captured as the reference of a version without one; 0 disables capture
 * @param maxCategories      categories kept per categorical variable in captured profiles and windows
 * @param features           per-feature method and thresholds; a feature not listed decides by sample size
 * @param multivariateAlpha  significance of the multivariate (PCA reconstruction) test; 0 switches it off
 */
public record ModelDriftSettings(long minWindowSamples, long autoCaptureSamples, int maxCategories,
                                 DriftThresholds thresholds, MultipleTesting multipleTesting, double datasetDriftShare,
                                 int persistenceRequired, int persistenceWindows, Map<String, FeatureRule> features,
                                 DetectorSettings detectors, double multivariateAlpha) {

    private static final Map<String, MultipleTesting> CORRECTIONS = Map.of("none", MultipleTesting.NONE,
            "bonferroni", MultipleTesting.BONFERRONI, "benjamini-hochberg", MultipleTesting.BENJAMINI_HOCHBERG);
    private static final Map<String, DriftMethod> METHODS = Stream.of(DriftMethod.values())
            .collect(Collectors.toMap(DriftMethod::configName, m -> m));

    /** The built-in defaults, from the design and the papers. */
    static final ModelDriftSettings DEFAULTS = new ModelDriftSettings(500, 10_000, 1_000, DriftThresholds.DEFAULTS,
            MultipleTesting.BENJAMINI_HOCHBERG, 0.5, 2, 3, Map.of(),
            DetectorSettings.read(new ConfigValues(Map.of()), "", DetectorSettings.Params.DEFAULTS),
            MultivariateTest.DEFAULT_ALPHA);

    public ModelDriftSettings {
        features = Map.copyOf(features);
    }

    /** The settings of one feature: its own entry, or the model's thresholds and the size-based method. */
    public FeatureRule feature(String name) {
        FeatureRule own = features.get(name);
        return own != null ? own : new FeatureRule(null, thresholds);
    }

    /** Reads the model-level keys under {@code prefix} (e.g. {@code drift.} or {@code drift.models[0].}). */
    static ModelDriftSettings read(ConfigValues v, String prefix, ModelDriftSettings d) {
        v.rejectMoved(prefix + "task", "models[].task");
        long minWindow = v.integer(prefix + "min-window-samples", (int) d.minWindowSamples, 1, Integer.MAX_VALUE);
        long capture = v.integer(prefix + "auto-capture-samples", (int) d.autoCaptureSamples, 0, Integer.MAX_VALUE);
        int maxCategories = v.integer(prefix + "max-categories", d.maxCategories, 1, 100_000);
        DriftThresholds thresholds = thresholds(v, prefix, d.thresholds);
        MultipleTesting correction = v.string(prefix + "multiple-testing", null) == null ? d.multipleTesting
                : v.oneOf(prefix + "multiple-testing", null, CORRECTIONS);
        double share = DetectorSettings.number(v, prefix + "dataset-drift-share", d.datasetDriftShare);
        if (!(share > 0 && share <= 1)) {
            throw new ConfigException(prefix + "dataset-drift-share", share, "must be in (0, 1]");
        }
        int windows = v.integer(prefix + "persistence.windows", d.persistenceWindows, 1, 63);
        int required = v.integer(prefix + "persistence.required", d.persistenceRequired, 1, 63);
        if (required > windows) {
            throw new ConfigException(prefix + "persistence.required", required,
                    "must not exceed persistence.windows (" + windows + ")");
        }
        Map<String, FeatureRule> features = new LinkedHashMap<>(d.features);
        List<?> entries = v.list(prefix + "features");
        for (int i = 0; i < entries.size(); i++) {
            String key = prefix + "features[" + i + "]";
            ConfigValues feature = ConfigValues.ofListEntry(key, entries.get(i));
            String name = feature.requiredString(key + ".name");
            DriftMethod method = feature.string(key + ".method", null) == null ? null
                    : feature.oneOf(key + ".method", null, METHODS);
            features.put(name, new FeatureRule(method, thresholds(feature, key + ".", thresholds)));
            feature.requireAllRead();
        }
        DetectorSettings detectors = DetectorSettings.read(v, prefix, d.detectors.params());
        double multivariateAlpha = DetectorSettings.number(v, prefix + "multivariate-alpha", d.multivariateAlpha);
        if (!(multivariateAlpha >= 0 && multivariateAlpha < 1)) {
            throw new ConfigException(prefix + "multivariate-alpha", multivariateAlpha, "must be in [0, 1); 0 switches the test off");
        }
        return new ModelDriftSettings(minWindow, capture, maxCategories, thresholds, correction, share, required,
                windows, features, detectors, multivariateAlpha);
    }

    private static DriftThresholds thresholds(ConfigValues v, String prefix, DriftThresholds d) {
        Double smallMax = v.number(prefix + "small-sample-max");
        Map<DriftMethod, Double> minimumEffects = new EnumMap<>(DriftMethod.class);
        for (DriftMethod method : DriftMethod.values()) {
            if (method.thresholdKey() != null) {
                minimumEffects.put(method, DetectorSettings.number(v, prefix + method.thresholdKey(),
                        d.minimumEffect(method)));
            }
        }
        try {
            return new DriftThresholds(DetectorSettings.number(v, prefix + "alpha", d.alpha()),
                    smallMax == null ? d.smallSampleMax() : smallMax.longValue(), minimumEffects);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + "alpha / *-threshold", "(see values)", e.getMessage());
        }
    }
}
