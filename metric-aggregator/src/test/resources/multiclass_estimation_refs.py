#!/usr/bin/env python3
"""Reference values for the multiclass estimation test, from scikit-learn and NumPy (Debian python3-sklearn).

Writes multiclass_estimation_cases.txt (the seeded rows the Java test reads) and prints every reference value:
    cd metric-aggregator/src/test/resources && /usr/bin/python3 multiclass_estimation_refs.py
"""
import numpy as np
from sklearn import metrics

from calibration_refs import BINS, ece, fit_map

rng = np.random.default_rng(20261128)
CLASSES = ["a", "b", "c"]
K = len(CLASSES)


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def model(y, n, spread):
    """An over-confident classifier: the true class's logit is raised, then everything sharpened."""
    z = rng.normal(0, spread, (n, K))
    z[np.arange(n), y] += 1.2
    p = np.round(softmax(2.2 * z), 6)
    return p, p.argmax(axis=1)


def bin_of(p):
    return np.minimum(BINS - 1, np.floor(np.clip(p, 0, 1) * BINS)).astype(int)


def binned_auc(pos, neg):
    below = np.concatenate([[0.0], np.cumsum(neg)[:-1]])
    return (pos * (below + 0.5 * neg)).sum() / (pos.sum() * neg.sum())


# R: labelled reference rows.
n = 3000
ry = rng.integers(0, K, n)
rp, rpred = model(ry, n, 1.0)
folds = np.arange(n) % 5
tables = {}
ref = {}
print("reference accuracy", repr(metrics.accuracy_score(ry, rpred)))
for c in range(K):
    y = (ry == c).astype(int)
    b = bin_of(rp[:, c])
    raw = ece(np.clip(rp[:, c], 0, 1), y)
    held = 0.0
    for k in range(5):
        t = fit_map(b[folds != k], y[folds != k])
        held += ece(t[b[folds == k]], y[folds == k]) * (folds == k).sum()
    held /= n
    kept = held < raw
    tables[c] = fit_map(b, y) if kept else None
    pred = rpred == c
    tn = np.sum(~pred & (y == 0)); fp = np.sum(pred & (y == 0))
    ref[c] = dict(precision=metrics.precision_score(y, pred), recall=metrics.recall_score(y, pred),
                  f1=metrics.f1_score(y, pred), specificity=tn / (tn + fp), auc=metrics.roc_auc_score(y, b))
    print("class", CLASSES[c], "raw ece", repr(raw), "held-out ece", repr(held), "calibrated", kept,
          " ".join(f"{k} {v!r}" for k, v in ref[c].items()))

# W: a window from a shifted population (more of class c, noisier), with its actual labels.
m = 900
wy = rng.choice(K, m, p=[0.2, 0.3, 0.5])
wp, wpred = model(wy, m, 1.3)
q = np.column_stack([tables[c][bin_of(wp[:, c])] if tables[c] is not None else np.clip(wp[:, c], 0, 1)
                     for c in range(K)])
q = q / q.sum(axis=1, keepdims=True)
mid = (bin_of(q) + 0.5) / BINS  # each calibrated probability counts as its bin's midpoint
est = {}
for c in range(K):
    pred = wpred == c
    tp = mid[pred, c].sum(); fp = (1 - mid[pred, c]).sum(); fn = mid[~pred, c].sum(); tn = (1 - mid[~pred, c]).sum()
    pos = np.bincount(bin_of(q[:, c]), weights=mid[:, c], minlength=BINS)
    neg = np.bincount(bin_of(q[:, c]), weights=1 - mid[:, c], minlength=BINS)
    r = ref[c]
    s = r["f1"] / (2 - r["f1"])
    a = r["auc"]; q1 = a / (2 - a); q2 = 2 * a * a / (1 + a); P = tp + fn; N = tn + fp
    est[c] = dict(
        precision=(tp / (tp + fp), np.sqrt(r["precision"] * (1 - r["precision"]) / (tp + fp))),
        recall=(tp / (tp + fn), np.sqrt(r["recall"] * (1 - r["recall"]) / (tp + fn))),
        f1=(2 * tp / (2 * tp + fp + fn), 2 * np.sqrt(s * (1 - s)) / (1 + s) ** 2 / np.sqrt(tp + fp + fn)),
        specificity=(tn / (tn + fp), np.sqrt(r["specificity"] * (1 - r["specificity"]) / (tn + fp))),
        auc=(binned_auc(pos, neg),
             np.sqrt((a * (1 - a) + (P - 1) * (q1 - a * a) + (N - 1) * (q2 - a * a)) / (P * N))))
    est[c]["tp"] = tp
acc = sum(est[c]["tp"] for c in range(K)) / m
ref_acc = metrics.accuracy_score(ry, rpred)
print("window accuracy", repr(acc), "se", repr(np.sqrt(ref_acc * (1 - ref_acc) / m)))
for name in ["precision", "recall", "f1", "specificity", "auc"]:
    value = np.mean([est[c][name][0] for c in range(K)])
    se = np.sqrt(sum(est[c][name][1] ** 2 for c in range(K))) / K
    reference = np.mean([ref[c][name] for c in range(K)])
    print("window macro", name, repr(value), "se", repr(se), "reference", repr(reference))
cm = metrics.confusion_matrix(wy, wpred)
spec = np.mean([(cm.sum() - cm[c, :].sum() - cm[:, c].sum() + cm[c, c]) / (cm.sum() - cm[c, :].sum()) for c in range(K)])
print("window realised accuracy", repr(metrics.accuracy_score(wy, wpred)),
      "macro precision", repr(metrics.precision_score(wy, wpred, average="macro")),
      "macro recall", repr(metrics.recall_score(wy, wpred, average="macro")),
      "macro f1", repr(metrics.f1_score(wy, wpred, average="macro")), "macro specificity", repr(spec))

with open("multiclass_estimation_cases.txt", "w") as out:
    for p, y, pr in zip(rp, ry, rpred):
        out.write(f"R {p[0]!r} {p[1]!r} {p[2]!r} {CLASSES[y]} {CLASSES[pr]}\n")
    for p, y, pr in zip(wp, wy, wpred):
        out.write(f"W {p[0]!r} {p[1]!r} {p[2]!r} {CLASSES[y]} {CLASSES[pr]}\n")
