#!/usr/bin/env python3
"""Reference values for SnapshotCalculatorTest, from scikit-learn (Debian python3-sklearn).

Writes metrics_cases.txt (the seeded data the Java test reads) and prints every reference value:
    cd metric-aggregator/src/test/resources && /usr/bin/python3 metrics_refs.py
"""
import numpy as np
from sklearn import metrics

rng = np.random.default_rng(20261123)

# Binary: labels "0"/"1", score = P("1"), scores rounded to 3 decimals so that each 1/1000 bin of
# the ROC AUC histogram holds one distinct score value (then the histogram AUC is exact).
n = 200
y = rng.integers(0, 2, n)
score = np.clip(np.round(0.35 * y + rng.uniform(0, 0.65, n), 3), 0, 0.999)
pred = (score >= 0.5).astype(int)

# Multiclass: three classes with probabilities.
m = 150
yc = rng.integers(0, 3, m)
logits = rng.normal(0, 1, (m, 3))
logits[np.arange(m), yc] += 1.0
proba = np.round(np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True), 6)
proba = proba / proba.sum(axis=1, keepdims=True)
predc = proba.argmax(axis=1)

# Regression, with some zero actuals (skipped by MAPE).
r = 120
actual = np.round(rng.normal(50, 20, r), 3)
actual[::15] = 0.0
estimate = np.round(actual + rng.normal(1.0, 5.0, r), 3)

with open("metrics_cases.txt", "w") as f:
    for i in range(n):
        f.write(f"B {y[i]} {pred[i]} {score[i]:.3f}\n")
    for i in range(m):
        f.write(f"M {yc[i]} {predc[i]} " + " ".join(f"{p:.17g}" for p in proba[i]) + "\n")
    for i in range(r):
        f.write(f"R {actual[i]:.3f} {estimate[i]:.3f}\n")

print("binary accuracy", repr(metrics.accuracy_score(y, pred)))
print("binary precision", repr(metrics.precision_score(y, pred)))
print("binary recall", repr(metrics.recall_score(y, pred)))
print("binary f1", repr(metrics.f1_score(y, pred)))
tn, fp, fn, tp = metrics.confusion_matrix(y, pred).ravel()
print("binary specificity", repr(tn / (tn + fp)))
print("binary log_loss", repr(metrics.log_loss(y, score)))
print("binary brier", repr(metrics.brier_score_loss(y, score)))
print("binary roc_auc", repr(metrics.roc_auc_score(y, score)))
print("binary macro_f1", repr(metrics.f1_score(y, pred, average="macro")))
print("multi accuracy", repr(metrics.accuracy_score(yc, predc)))
print("multi macro_precision", repr(metrics.precision_score(yc, predc, average="macro")))
print("multi macro_recall", repr(metrics.recall_score(yc, predc, average="macro")))
print("multi macro_f1", repr(metrics.f1_score(yc, predc, average="macro")))
print("multi micro_f1", repr(metrics.f1_score(yc, predc, average="micro")))
print("multi f1 per class", repr(list(metrics.f1_score(yc, predc, average=None))))
print("multi log_loss", repr(metrics.log_loss(yc, proba, labels=[0, 1, 2])))
nz = actual != 0
print("reg mae", repr(metrics.mean_absolute_error(actual, estimate)))
print("reg rmse", repr(float(np.sqrt(metrics.mean_squared_error(actual, estimate)))))
print("reg mape", repr(metrics.mean_absolute_percentage_error(actual[nz], estimate[nz])))
print("reg mape_skipped", int((~nz).sum()))
print("reg bias", repr(float(np.mean(estimate - actual))))
print("reg r2", repr(metrics.r2_score(actual, estimate)))
