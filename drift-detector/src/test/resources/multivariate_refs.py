"""Reference values for MultivariateTestTest: /usr/bin/python3 multivariate_refs.py

Two fixed samples of three correlated features (reference and window, the window's correlation
between x0 and x1 flipped), the population covariance (NumPy), and the mean squared PCA
reconstruction error on standardised features with the components explaining 65 % of the variance
(scikit-learn's StandardScaler and PCA), fitted on the reference's rows i with i mod 10 in {0, 1},
of its other rows and of the window.
"""
import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(20261127)
def sample(n, rho):
    cov = np.array([[1.0, rho, 0.3], [rho, 1.0, 0.0], [0.3, 0.0, 2.0]])
    return np.round(rng.multivariate_normal([0.0, 1.0, -2.0], cov, n), 3)
ref = sample(40, 0.8)
win = sample(30, -0.8)
fmt = lambda a: ", ".join("{" + ", ".join(repr(float(v)) for v in row) + "}" for row in a)
print("REFERENCE", fmt(ref))
print("WINDOW", fmt(win))
print("reference covariance", repr(np.cov(ref, rowvar=False, bias=True).tolist()))
fit_rows = np.array([i % 10 < 2 for i in range(len(ref))])
scaler = StandardScaler().fit(ref[fit_rows])
z = scaler.transform(ref[fit_rows])
full = PCA().fit(z)
k = int(np.searchsorted(np.cumsum(full.explained_variance_ratio_), 0.65) + 1)
pca = PCA(n_components=k).fit(z)
def error(x):
    zx = scaler.transform(x)
    return float(np.mean(np.sum((zx - pca.inverse_transform(pca.transform(zx))) ** 2, axis=1)))
print("components", k, "reference error", repr(error(ref[~fit_rows])), "window error", repr(error(win)))
