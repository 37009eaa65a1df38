"""Reference behaviour of Driftwatch's concept-drift detectors on a fixed error stream.

Run: /usr/bin/python3 concept_refs.py   (writes concept_stream.txt next to this file, prints the
DRIFT sample indices and WARNING counts that ConceptDriftDetectorsTest expects). Each detector
is written here again, from its paper's formulas, as a second implementation to compare with.
"""
import math, os
import numpy as np

rng = np.random.default_rng(20261122)
# Bernoulli errors: rate 0.1 for 4000 samples, then 0.3 (an abrupt concept change), 4000 more.
stream = np.concatenate([rng.random(4000) < 0.1, rng.random(4000) < 0.3]).astype(int)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "concept_stream.txt"), "w") as f:
    f.write("".join(str(v) for v in stream) + "\n")

def ddm(xs, w=2.0, d=3.0, min_n=30):
    out = []; n = 0; p = 0.0; pmin = smin = float("inf")
    for i, x in enumerate(xs):
        n += 1; p += (x - p) / n; s = math.sqrt(p * (1 - p) / n)
        if n < min_n: out.append("S"); continue
        if p + s <= pmin + smin: pmin, smin = p, s
        if p + s >= pmin + d * smin: out.append("D"); n = 0; p = 0.0; pmin = smin = float("inf"); continue
        out.append("W" if p + s >= pmin + w * smin else "S")
    return out

def page_hinkley(xs, delta=0.005, lam=55.0, alpha=0.9995, min_n=30, warn=0.5):
    # Alarms on the faded sum itself, as MOA's PageHinkleyDM does.
    out = []; n = 0; mean = 0.0; m = 0.0
    for x in xs:
        n += 1; mean += (x - mean) / n; m = alpha * m + (x - mean - delta)
        if n < min_n: out.append("S"); continue
        if m > lam: out.append("D"); n = 0; mean = 0.0; m = 0.0; continue
        out.append("W" if m > warn * lam else "S")
    return out

def eddm(xs, a=0.95, b=0.90, min_err=30):
    out = []; level = "S"; n = 0; errs = []; last = 0; mx = 0.0
    for x in xs:
        n += 1
        if x <= 0.5: out.append(level); continue
        errs.append(n - last); last = n
        if len(errs) < min_err: out.append(level); continue
        dist = np.array(errs, dtype=float)
        m = dist.mean() + 2 * dist.std()      # population std, as the running estimate
        mx = max(mx, m)
        r = m / mx
        if r < b: out.append("D"); level = "S"; n = 0; errs = []; last = 0; mx = 0.0; continue
        level = "W" if r < a else "S"; out.append(level)
    return out

def hddm_a(xs, dd=0.00005, dw=0.00025):
    out = []; n = 0; tot = 0.0; kc = 0; ks = 0.0
    bound = lambda k: math.sqrt(math.log(1 / dd) / (2 * k))
    for x in xs:
        n += 1; tot += min(1.0, max(0.0, x))
        if kc == 0 or tot / n + bound(n) <= ks / kc + bound(kc): kc, ks = n, tot
        if kc == n: out.append("S"); continue
        inc = tot / n - ks / kc; wsum = 1 / kc - 1 / n
        if inc >= math.sqrt(wsum * math.log(1 / dd) / 2): out.append("D"); n = 0; tot = 0.0; kc = 0; ks = 0.0; continue
        out.append("W" if inc >= math.sqrt(wsum * math.log(1 / dw) / 2) else "S")
    return out

def adwin(xs, delta=0.001, warn_delta=0.01, M=5, interval=32):
    # Buckets oldest first as [count, sum, m2]; window statistics recomputed from the buckets.
    # Checked every `interval` values, and after every value while the last check warned; a cut
    # that drops only samples older than the last DRIFT is not signalled again.
    out = []; b = []; since = 0; warned = False; before_drift = 0
    def merge(a, c):
        n = a[0] + c[0]; d = c[1] / c[0] - a[1] / a[0]
        return [n, a[1] + c[1], a[2] + c[2] + d * d * a[0] * c[0] / n]
    def window():
        w = b[0]
        for x in b[1:]: w = merge(w, x)
        return w
    def cut(conf):
        if len(b) < 2: return False
        n, s, m2 = window(); var = max(0.0, m2 / n); lt = math.log(2 * math.log(n) / conf)
        n0 = 0; s0 = 0.0
        for i in range(len(b) - 1):
            n0 += b[i][0]; s0 += b[i][1]; n1 = n - n0
            m = 1 / (1 / n0 + 1 / n1)
            if abs(s0 / n0 - (s - s0) / n1) > math.sqrt(2 / m * var * lt) + 2 / (3 * m) * lt: return True
        return False
    for x in xs:
        b.append([1, float(x), 0.0])
        size = 1
        while True:
            idx = [i for i, y in enumerate(b) if y[0] == size]
            if len(idx) <= M: break
            i = idx[0]; b[i:i + 2] = [merge(b[i], b[i + 1])]; size *= 2
        since += 1
        if since < interval and not warned: out.append("S"); continue
        since = 0
        new_change = False; dropped = False
        while cut(delta):
            new_change = new_change or b[0][0] > before_drift
            before_drift = max(0, before_drift - b[0][0]); b.pop(0); dropped = True
        warned = cut(warn_delta)
        if new_change: before_drift = window()[0]; out.append("D"); continue
        out.append("W" if warned else "S")
    return out

for name, f in [("ddm", ddm), ("page_hinkley", page_hinkley), ("eddm", eddm), ("hddm_a", hddm_a), ("adwin", adwin),
                ("adwin_every_value", lambda xs: adwin(xs, interval=1)),
                ("adwin_paper_delta_every_value", lambda xs: adwin(xs, delta=0.002, interval=1))]:
    levels = f(stream)
    drifts = [i for i, l in enumerate(levels) if l == "D"]
    print(name, "drifts", drifts, "warnings", levels.count("W"))
