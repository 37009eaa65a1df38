package io.driftwatch.alerting.rules;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold on one window metric, written the way people say it:
 *
 * <pre>
 * accuracy &lt; 0.85 for 3 windows        absolute: the metric against a value
 * latency_p95_ms &gt; 200
 * accuracy drops 10% vs 24h            relative: against the model's own trailing baseline
 * error_rate rises 50% vs 7d for 2 windows
 * estimated_accuracy &lt; reference - 3se  an estimate against the reference's realised value less
 *                                      3 of the estimate's standard errors at the window's size
 * estimated_f1 &lt; reference             the same, 3 standard errors by default
 * </pre>
 *
 * Operators: {@code <, <=, >, >=}. A relative condition compares the window's value with the
 * mean of the same metric over the trailing period; without a baseline yet, it does not hold. A
 * reference condition holds only for estimated metrics, whose snapshots carry the reference and
 * the standard error; {@code value} is then the number of standard errors.
 *
 * @param baselinePeriod the trailing period of a relative condition; null for an absolute one
 * @param windows        consecutive windows the condition must hold before the alert fires
 */
public record MetricCondition(String metric, Comparison comparison, double value, Duration baselinePeriod,
                              int windows) implements RuleCondition {

    public enum Comparison {
        BELOW("<"), AT_MOST("<="), ABOVE(">"), AT_LEAST(">="), DROPS("drops"), RISES("rises"),
        BELOW_REFERENCE("< reference -");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        /** As written in a rule: {@code <}, {@code <=}, {@code >}, {@code >=}, {@code drops}, {@code rises}. */
        public String symbol() {
            return symbol;
        }

        boolean isRelative() {
            return this == DROPS || this == RISES;
        }
    }

    private static final double ROUNDING = 1e-12;
    private static final Pattern ABSOLUTE = Pattern.compile(
            "([a-z][a-z0-9_.]*)\\s*(<=|>=|<|>)\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:e-?[0-9]+)?)(?:\\s+for\\s+([0-9]+)\\s+windows?)?");
    private static final Pattern REFERENCE = Pattern.compile(
            "([a-z][a-z0-9_.]*)\\s*<\\s*reference(?:\\s*-\\s*([0-9]+(?:\\.[0-9]+)?)\\s*se)?(?:\\s+for\\s+([0-9]+)\\s+windows?)?");
    /** Standard errors below the reference in {@code estimated_x < reference}, as NannyML's default thresholds. */
    private static final double DEFAULT_STANDARD_ERRORS = 3;
    private static final Pattern RELATIVE = Pattern.compile(
            "([a-z][a-z0-9_.]*)\\s+(drops|rises)\\s+([0-9]+(?:\\.[0-9]+)?)\\s*%\\s+vs\\s+([0-9]+)(m|h|d)(?:\\s+for\\s+([0-9]+)\\s+windows?)?");

    /**
     * Parses a condition; the error message says what was expected, for the caller to prefix with
     * the rule and key.
     */
    public static MetricCondition parse(String text) {
        String condition = text.trim().toLowerCase(Locale.ROOT);
        Matcher absolute = ABSOLUTE.matcher(condition);
        if (absolute.matches()) {
            Comparison comparison = switch (absolute.group(2)) {
                case "<" -> Comparison.BELOW;
                case "<=" -> Comparison.AT_MOST;
                case ">" -> Comparison.ABOVE;
                default -> Comparison.AT_LEAST;
            };
            return new MetricCondition(absolute.group(1), comparison, Double.parseDouble(absolute.group(3)), null,
                    windows(absolute.group(4)));
        }
        Matcher reference = REFERENCE.matcher(condition);
        if (reference.matches()) {
            if (!SnapshotMetrics.isEstimated(reference.group(1))) {
                throw new IllegalArgumentException("'" + text + "': only estimated metrics (estimated_accuracy, …) "
                        + "carry a reference and a standard error");
            }
            return new MetricCondition(reference.group(1), Comparison.BELOW_REFERENCE, reference.group(2) == null
                    ? DEFAULT_STANDARD_ERRORS : Double.parseDouble(reference.group(2)), null, windows(reference.group(3)));
        }
        Matcher relative = RELATIVE.matcher(condition);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(4));
            Duration period = switch (relative.group(5)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (period.isZero()) {
                throw new IllegalArgumentException("the baseline period must be longer than zero in '" + text + "'");
            }
            return new MetricCondition(relative.group(1), relative.group(2).equals("drops") ? Comparison.DROPS
                    : Comparison.RISES, Double.parseDouble(relative.group(3)) / 100, period, windows(relative.group(6)));
        }
        throw new IllegalArgumentException("cannot read '" + text + "': expected '<metric> <|<=|>|>= <number> "
                + "[for <n> windows]', '<metric> drops|rises <percent>% vs <n>m|h|d [for <n> windows]' or "
                + "'estimated_<metric> < reference [- <k>se] [for <n> windows]'");
    }

    private static int windows(String group) {
        if (group == null) {
            return 1;
        }
        int n = Integer.parseInt(group);
        if (n < 1) {
            throw new IllegalArgumentException("'for " + n + " windows' must be at least 1 window");
        }
        return n;
    }

    /**
     * @param baseline the metric's mean over the trailing period, when there is one; for a reference
     *                 condition, the reference less k standard errors
     * @return whether this window violates the condition
     */
    public boolean holds(double current, OptionalDouble baseline) {
        if (!Double.isFinite(current)) {
            return false;
        }
        return switch (comparison) {
            case BELOW -> current < value;
            case AT_MOST -> current <= value;
            case ABOVE -> current > value;
            case AT_LEAST -> current >= value;
            case DROPS -> baseline.isPresent() && baseline.getAsDouble() > 0
                    && -change(current, baseline.getAsDouble()) >= value - ROUNDING;
            case RISES -> baseline.isPresent() && baseline.getAsDouble() > 0
                    && change(current, baseline.getAsDouble()) >= value - ROUNDING;
            case BELOW_REFERENCE -> baseline.isPresent() && current < baseline.getAsDouble();
        };
    }

    /** Relative change; "drops 10%" includes a drop of exactly 10 %, whatever the binary rounding. */
    private static double change(double current, double baseline) {
        return (current - baseline) / baseline;
    }

    /** Whether the metric only exists once labels arrive, so that it is judged on final windows. */
    public boolean needsLabels() {
        return SnapshotMetrics.needsLabels(metric);
    }

    public boolean isRelative() {
        return comparison.isRelative();
    }

    /** Whether the condition compares an estimate with its reference less some standard errors. */
    public boolean isBelowReference() {
        return comparison == Comparison.BELOW_REFERENCE;
    }

    /** The condition written back, for summaries: {@code accuracy < 0.85}, {@code accuracy drops 10% vs PT24H}. */
    @Override
    public String describe() {
        return comparison.isRelative()
                ? metric + " " + comparison.symbol + " " + Math.round(value * 100) + "% vs " + baselinePeriod
                : isBelowReference() ? metric + " < reference - " + value + "se"
                : metric + " " + comparison.symbol + " " + value;
    }
}
