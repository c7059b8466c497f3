"""Comparing two methods on the same seeds or folds: a paired t interval (chapter 9).

Scores a_i and b_i come from the same split or seed, so their differences
d_i = a_i − b_i cancel what the split does to both; the spread of the d_i, not of
the a_i and b_i separately, is the noise to compare against.
"""

from dataclasses import dataclass

import numpy as np
from scipy import stats as _stats


@dataclass(frozen=True)
class PairedComparison:
    """Mean difference a − b with its two-sided interval and p-value (H0: mean 0)."""

    difference: float
    low: float
    high: float
    p_value: float
    n: int
    confidence: float
    corrected: bool

    def __str__(self):
        pct = f"{100 * self.confidence:g} %"
        note = ", corrected for overlapping splits" if self.corrected else ""
        return (
            f"{self.difference:+.3g} ({pct} CI {self.low:+.3g} to {self.high:+.3g}, "
            f"p = {self.p_value:.2g}, n = {self.n}{note})"
        )

    @property
    def excludes_zero(self):
        """True when the interval lies on one side of 0: the data decide the sign."""
        return self.low > 0 or self.high < 0


def compare_paired(a, b, confidence=0.95, test_train_ratio=None):
    """Paired comparison of scores a, b (n,) measured on the same n seeds or folds.

    Student t with n − 1 degrees of freedom on d = a − b. For repeated or
    cross-validated splits, whose training sets overlap (so their differences are
    positively correlated and the plain variance σ²/n is too small), pass
    ``test_train_ratio`` = n_test / n_train: Nadeau and Bengio's (2003) corrected
    variance σ²(1/n + n_test/n_train) is then used.
    """
    a, b = _scores(a, "a"), _scores(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"a has {a.size} scores but b has {b.size}: pair them")
    if a.size < 2:
        raise ValueError("need at least 2 paired scores to estimate the spread")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")
    if test_train_ratio is not None and not test_train_ratio > 0:
        raise ValueError(f"test_train_ratio must be > 0, got {test_train_ratio!r}")
    d = a - b
    n, mean = d.size, float(d.mean())
    factor = 1 / n + (test_train_ratio or 0.0)
    se = float(np.sqrt(d.var(ddof=1) * factor))
    if se == 0:  # every difference equal: no spread to test against
        p_value = 1.0 if mean == 0 else 0.0
        return PairedComparison(
            mean, mean, mean, p_value, n, confidence, test_train_ratio is not None
        )
    t_crit = float(_stats.t.ppf(0.5 + confidence / 2, df=n - 1))
    p_value = float(2 * _stats.t.sf(abs(mean) / se, df=n - 1))
    return PairedComparison(
        mean,
        mean - t_crit * se,
        mean + t_crit * se,
        p_value,
        n,
        confidence,
        test_train_ratio is not None,
    )


def _scores(x, name):
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(f"{name} must be an array of numbers, got {type(x).__name__}")
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers") from None
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be 1-D (one score per seed or fold), got {arr.shape}"
        )
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or inf")
    return arr
