#!/usr/bin/env python3
"""Reference values for the estimation tests, from scikit-learn and NumPy (Debian python3-sklearn).

Writes estimation_cases.txt (the seeded data the Java tests read) and prints every reference value:
    cd metric-aggregator/src/test/resources && /usr/bin/python3 estimation_refs.py
"""
import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn import metrics

from calibration_refs import BINS, ece, fit_map

rng = np.random.default_rng(20261127)

# I: isotonic regression on weighted points with tied x.
xi = np.round(rng.uniform(0, 10, 40), 1)
xi[5] = xi[6] = xi[7]
yi = np.round(np.sin(xi / 3) + rng.normal(0, 0.4, 40), 6)
wi = np.round(rng.uniform(0.5, 3, 40), 3)
iso = IsotonicRegression().fit(xi, yi, sample_weight=wi)
ux = np.unique(xi)
print("isotonic x", list(ux))
print("isotonic values", [repr(v) for v in iso.predict(ux)])

# R: labelled reference rows of a miscalibrated classifier: P(y = 1 | score) = score^2.
n = 3000
rs = np.round(rng.uniform(0, 1, n), 6)
ry = (rng.uniform(0, 1, n) < rs ** 2).astype(int)
rpred = rs >= 0.5
rbin = np.minimum(BINS - 1, np.floor(rs * BINS)).astype(int)

folds = np.arange(n) % 5
raw_error = ece(np.clip(rs, 0, 1), ry)
held_out = 0.0
for k in range(5):
    table = fit_map(rbin[folds != k], ry[folds != k])
    held_out += ece(table[rbin[folds == k]], ry[folds == k]) * (folds == k).sum()
held_out /= n
table = fit_map(rbin, ry)
tp = np.sum(rpred & (ry == 1)); fp = np.sum(rpred & (ry == 0))
fn = np.sum(~rpred & (ry == 1)); tn = np.sum(~rpred & (ry == 0))
print("reference raw ece", repr(raw_error), "held-out ece", repr(held_out))
print("reference accuracy", repr(metrics.accuracy_score(ry, rpred)),
      "precision", repr(metrics.precision_score(ry, rpred)), "recall", repr(metrics.recall_score(ry, rpred)),
      "f1", repr(metrics.f1_score(ry, rpred)), "specificity", repr(tn / (tn + fp)),
      "auc (bins, ties half)", repr(metrics.roc_auc_score(ry, rbin)), "positive rate", repr(ry.mean()))
steps = [b for b in range(BINS) if b == 0 or table[b] != table[b - 1]]
print("calibration steps", len(steps), "p(bin 0)", repr(table[0]), "p(bin 500)", repr(table[500]),
      "p(bin 999)", repr(table[999]))

# W: a window of predictions (score, predicted label); the decision mostly follows score >= 0.5.
m = 800
ws = np.round(rng.beta(2, 3, m), 6)
wpred = (ws >= 0.5) ^ (rng.uniform(0, 1, m) < 0.05)
wbin = np.minimum(BINS - 1, np.floor(ws * BINS)).astype(int)
ref = dict(accuracy=metrics.accuracy_score(ry, rpred), precision=metrics.precision_score(ry, rpred),
           recall=metrics.recall_score(ry, rpred), f1=metrics.f1_score(ry, rpred), specificity=tn / (tn + fp),
           auc=metrics.roc_auc_score(ry, rbin))

def window(p, name):
    tp = p[wpred].sum(); fp = (1 - p[wpred]).sum(); fn = p[~wpred].sum(); tn = (1 - p[~wpred]).sum()
    acc = (tp + tn) / m; prec = tp / (tp + fp); rec = tp / (tp + fn); spec = tn / (tn + fp)
    f1 = 2 * tp / (2 * tp + fp + fn)
    se_acc = np.sqrt(ref["accuracy"] * (1 - ref["accuracy"]) / m)
    se_prec = np.sqrt(ref["precision"] * (1 - ref["precision"]) / (tp + fp))
    se_rec = np.sqrt(ref["recall"] * (1 - ref["recall"]) / (tp + fn))
    se_spec = np.sqrt(ref["specificity"] * (1 - ref["specificity"]) / (tn + fp))
    s = ref["f1"] / (2 - ref["f1"])
    se_f1 = 2 * np.sqrt(s * (1 - s)) / (1 + s) ** 2 / np.sqrt(tp + fp + fn)
    a = ref["auc"]; q1 = a / (2 - a); q2 = 2 * a * a / (1 + a); P = tp + fn; N = tn + fp
    se_auc = np.sqrt((a * (1 - a) + (P - 1) * (q1 - a * a) + (N - 1) * (q2 - a * a)) / (P * N))
    # Expected AUC over pairs of predictions, ordered by the raw score, ties half.
    gt = (ws[:, None] > ws[None, :]) + 0.5 * (ws[:, None] == ws[None, :])
    np.fill_diagonal(gt, 0.5)
    auc = (p[:, None] * (1 - p[None, :]) * gt).sum() / (p.sum() * (1 - p).sum())
    same = (wbin[:, None] == wbin[None, :])
    bound = 0.5 * (p[:, None] * (1 - p[None, :]) * same).sum() / (p.sum() * (1 - p).sum())
    print(name, "accuracy", repr(acc), "precision", repr(prec), "recall", repr(rec), "specificity", repr(spec),
          "f1", repr(f1))
    print(name, "se accuracy", repr(se_acc), "precision", repr(se_prec), "recall", repr(se_rec),
          "specificity", repr(se_spec), "f1", repr(se_f1), "auc", repr(se_auc))
    print(name, "pairwise auc", repr(auc), "bin bound", repr(bound))
    # Business value with the cost matrix TP 10, FP -2, FN -5, TN 0; SE from the reference's outcome rates.
    costs = np.array([10.0, -2.0, -5.0, 0.0])
    value = (costs * [tp, fp, fn, tn]).sum() / m
    pi = ry.mean()
    rates = np.array([pi * ref["recall"], (1 - pi) * (1 - ref["specificity"]), pi * (1 - ref["recall"]),
                      (1 - pi) * ref["specificity"]])
    mean = (rates * costs).sum()
    sd = np.sqrt((rates * costs ** 2).sum() - mean ** 2)
    print(name, "business value", repr(value), "se", repr(sd / np.sqrt(m)), "reference", repr(mean))

window(table[wbin], "calibrated")
window((wbin + 0.5) / BINS, "raw")  # uncalibrated: each score counts as its bin's midpoint

with open("estimation_cases.txt", "w") as out:
    for x, y, w in zip(xi, yi, wi):
        out.write(f"I {x!r} {y!r} {w!r}\n")
    for s, y, p in zip(rs, ry, rpred):
        out.write(f"R {s!r} {int(y)} {int(p)}\n")
    for s, p in zip(ws, wpred):
        out.write(f"W {s!r} {int(p)}\n")
