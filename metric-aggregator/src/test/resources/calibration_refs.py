"""What the estimation reference scripts share: the isotonic calibration map on the 1 000-bin score grid,
fitted with scikit-learn, and the expected calibration error (10 bins). Imported by estimation_refs.py and
multiclass_estimation_refs.py (run from this folder)."""
import numpy as np
from sklearn.isotonic import IsotonicRegression

BINS = 1000


def fit_map(bins, y):
    """Isotonic fit of y on the bin, clipped to [0, 1], as a lookup per bin (steps start at bin edges)."""
    model = IsotonicRegression(y_min=0, y_max=1).fit(bins, y)
    seen = np.unique(bins)
    fitted = model.predict(seen)
    # Each block of equal fitted values (a pooled run of bins) gets positives / rows of the block, in
    # exact integer sums, so that a value on a tenth (an ECE bin edge) is the same double in Java.
    start = 0
    for end in range(1, len(seen) + 1):
        if end == len(seen) or fitted[end] != fitted[start]:
            block = np.isin(bins, seen[start:end])
            fitted[start:end] = float(y[block].sum()) / float(block.sum())
            start = end
    table = np.empty(BINS)
    for b in range(BINS):
        k = np.searchsorted(seen, b, side="right") - 1
        table[b] = fitted[max(k, 0)]
    return table


def ece(p, y):
    """Expected calibration error: per tenth of the probability, |positives - probability sum|, over all rows."""
    bucket = np.minimum(9, np.floor(p * 10)).astype(int)
    return sum(abs(y[bucket == m].sum() - p[bucket == m].sum()) for m in range(10)) / len(y)
