package io.driftwatch.metrics.estimation;

import io.driftwatch.events.ReferencePerformance;

/**
 * What each outcome of a binary classifier's prediction is worth to the business (a gain
 * positive, a cost negative): the business value of a window is the mean over its predictions.
 */
public record CostMatrix(double truePositive, double falsePositive, double falseNegative, double trueNegative) {

    /** The mean value per prediction of these (expected or realised) outcome counts. */
    public double meanValue(double tp, double fp, double fn, double tn) {
        return (truePositive * tp + falsePositive * fp + falseNegative * fn + trueNegative * tn) / (tp + fp + fn + tn);
    }

    /**
     * The mean and standard deviation of the value per prediction on the reference, from its
     * outcome rates: π·recall true positives, π(1 − recall) false negatives, (1 − π)·specificity
     * true negatives, (1 − π)(1 − specificity) false positives, π the positive rate.
     *
     * @return {mean, standard deviation}, or null when the reference lacks recall or specificity
     */
    double[] onReference(ReferencePerformance reference) {
        Double recall = reference.getRecall();
        Double specificity = reference.getSpecificity();
        if (recall == null || specificity == null) {
            return null;
        }
        double positives = reference.getPositiveRate();
        double[] rates = {positives * recall, (1 - positives) * (1 - specificity), positives * (1 - recall),
                (1 - positives) * specificity};
        double[] values = {truePositive, falsePositive, falseNegative, trueNegative};
        double mean = 0;
        double square = 0;
        for (int i = 0; i < 4; i++) {
            mean += rates[i] * values[i];
            square += rates[i] * values[i] * values[i];
        }
        return new double[] {mean, Math.sqrt(Math.max(0, square - mean * mean))};
    }
}
