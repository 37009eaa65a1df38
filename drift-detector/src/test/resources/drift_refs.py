import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon
rng = np.random.default_rng(20261122)
def fmt(a): return ", ".join(repr(float(v)) for v in a)
x = np.round(rng.normal(0.0, 1.0, 40), 3)
y = np.round(rng.normal(0.4, 1.2, 50), 3)
print("SMALL_X", fmt(x)); print("SMALL_Y", fmt(y))
r = stats.ks_2samp(x, y, method='exact'); print("ks exact", repr(r.statistic), repr(r.pvalue))
bx = np.round(rng.normal(0.0, 1.0, 150), 2)
by = np.round(rng.normal(0.2, 1.0, 120), 2)
print("BIG_X", fmt(bx)); print("BIG_Y", fmt(by))
d = stats.ks_2samp(bx, by).statistic
en = 150*120/(150+120)
# Stephens' (1970) finite-size correction of sqrt(n_e), as KsTest applies it.
print("ks asymp", repr(d), repr(stats.kstwobign.sf(d*(np.sqrt(en) + 0.12 + 0.11/np.sqrt(en)))))
print("wasserstein small", repr(stats.wasserstein_distance(x, y)))
print("wasserstein big", repr(stats.wasserstein_distance(bx, by)))
ref = np.array([120, 340, 95, 0, 45]); cur = np.array([100, 380, 60, 12, 48])
print("js", repr(jensenshannon(ref, cur, base=2)))
def psi(r, c, floor=1e-4):
    q = np.maximum(r/r.sum(), floor); q = q/q.sum()
    p = np.maximum(c/c.sum(), floor); p = p/p.sum()
    return float(np.sum((p-q)*np.log(p/q)))
print("psi", repr(psi(ref, cur)))
# categorical: reference a,b,c ; current a,b,c + unseen d,e pooled
t = np.array([[500, 300, 200, 0], [450, 310, 190, 50]])
chi = stats.chi2_contingency(t, correction=False)
print("chi2", repr(chi[0]), repr(chi[1]), chi[2])
# Null distributions' tails and critical values (NullDistributions), far into the tail too.
print("chi2 sf", repr(stats.chi2.sf(16.0, 9)), repr(stats.chi2.sf(400.0, 4)), "isf", repr(stats.chi2.isf(0.05, 9)))
print("kolmogorov sf", repr(stats.kstwobign.sf(0.5)), repr(stats.kstwobign.sf(1.2)), repr(stats.kstwobign.sf(6.0)),
      "isf", repr(stats.kstwobign.isf(0.05)))
print("gamma sf", repr(stats.gamma.sf(3.0, 7.5, scale=0.2)), repr(stats.gamma.sf(40.0, 7.5, scale=0.2)),
      "isf", repr(stats.gamma.isf(0.05, 7.5, scale=0.2)))
