package io.driftwatch.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.alerting.rules.MetricCondition.Comparison;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MetricConditionTest {

    @Test
    void shouldReadAbsoluteConditionsWithAndWithoutWindows() {
        assertThat(MetricCondition.parse("accuracy < 0.85 for 3 windows"))
                .isEqualTo(new MetricCondition("accuracy", Comparison.BELOW, 0.85, null, 3));
        assertThat(MetricCondition.parse("  latency_p95_ms>200 "))
                .isEqualTo(new MetricCondition("latency_p95_ms", Comparison.ABOVE, 200, null, 1));
        assertThat(MetricCondition.parse("label_coverage <= 0.5 for 1 window").comparison()).isEqualTo(Comparison.AT_MOST);
        assertThat(MetricCondition.parse("kpi.revenue.mean >= 1e3").value()).isEqualTo(1000);
    }

    @Test
    void shouldReadRelativeConditions() {
        assertThat(MetricCondition.parse("accuracy drops 10% vs 24h"))
                .isEqualTo(new MetricCondition("accuracy", Comparison.DROPS, 0.10, Duration.ofHours(24), 1));
        assertThat(MetricCondition.parse("error_rate rises 50 % vs 7d for 2 windows"))
                .isEqualTo(new MetricCondition("error_rate", Comparison.RISES, 0.5, Duration.ofDays(7), 2));
    }

    @Test
    void shouldReadReferenceConditionsOnEstimatedMetricsOnly() {
        MetricCondition band = MetricCondition.parse("estimated_accuracy < reference - 3se for 2 windows");
        assertThat(band).isEqualTo(new MetricCondition("estimated_accuracy", Comparison.BELOW_REFERENCE, 3, null, 2));
        assertThat(band.needsLabels()).as("judged when the window closes").isFalse();
        assertThat(band.describe()).isEqualTo("estimated_accuracy < reference - 3.0se");
        assertThat(band.holds(0.70, OptionalDouble.of(0.72))).isTrue();
        assertThat(band.holds(0.72, OptionalDouble.of(0.72))).isFalse();
        assertThat(band.holds(0.10, OptionalDouble.empty())).as("no reference, no violation").isFalse();
        assertThat(MetricCondition.parse("estimated_f1 < 0.6").needsLabels()).isFalse();
        assertThat(MetricCondition.parse("estimated_f1 < reference"))
                .isEqualTo(new MetricCondition("estimated_f1", Comparison.BELOW_REFERENCE, 3, null, 1));
        assertThatThrownBy(() -> MetricCondition.parse("accuracy < reference - 3se"))
                .hasMessageContaining("only estimated metrics");
    }

    @Test
    void shouldSayWhatWasExpected() {
        assertThatThrownBy(() -> MetricCondition.parse("accuracy is low"))
                .hasMessageContaining("cannot read 'accuracy is low'").hasMessageContaining("<metric>");
        assertThatThrownBy(() -> MetricCondition.parse("accuracy < 0.8 for 0 windows")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> MetricCondition.parse("accuracy drops 10% vs 0h")).hasMessageContaining("longer than zero");
    }

    @Test
    void absoluteConditionsShouldCompareTheWindowValue() {
        MetricCondition below = MetricCondition.parse("accuracy < 0.85");
        assertThat(below.holds(0.84, OptionalDouble.empty())).isTrue();
        assertThat(below.holds(0.85, OptionalDouble.empty())).isFalse();
        assertThat(MetricCondition.parse("accuracy <= 0.85").holds(0.85, OptionalDouble.empty())).isTrue();
        assertThat(below.holds(Double.NaN, OptionalDouble.empty())).as("no value, no violation").isFalse();
    }

    @Test
    void relativeConditionsShouldNeedABaseline() {
        MetricCondition drop = MetricCondition.parse("accuracy drops 10% vs 24h");
        assertThat(drop.holds(0.80, OptionalDouble.empty())).isFalse();
        assertThat(drop.holds(0.81, OptionalDouble.of(0.90))).isTrue();
        assertThat(drop.holds(0.82, OptionalDouble.of(0.90))).isFalse();
        MetricCondition rise = MetricCondition.parse("error_rate rises 50% vs 7d");
        assertThat(rise.holds(0.15, OptionalDouble.of(0.10))).isTrue();
        assertThat(rise.holds(0.14, OptionalDouble.of(0.10))).isFalse();
        assertThat(drop.describe()).isEqualTo("accuracy drops 10% vs PT24H");
    }
}
