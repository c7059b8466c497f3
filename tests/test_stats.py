"""mlp_lib.stats. Oracles: scipy.stats (ttest_rel for the p-value, t.interval for the
interval) on random paired data, and the Nadeau–Bengio variance written out by hand."""

import numpy as np
import pytest
from scipy import stats

from mlp_lib.stats import PairedComparison, compare_paired


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_interval_and_p_value_match_scipy(seed, confidence):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 30))
    a = rng.normal(0.8, 0.05, size=n)
    b = a - rng.normal(0.01, 0.02, size=n)
    result = compare_paired(a, b, confidence=confidence)
    d = a - b
    low, high = stats.t.interval(confidence, df=n - 1, loc=d.mean(), scale=stats.sem(d))
    assert result.difference == pytest.approx(d.mean(), rel=1e-12)
    assert (result.low, result.high) == pytest.approx((low, high), rel=1e-10)
    assert result.p_value == pytest.approx(stats.ttest_rel(a, b).pvalue, rel=1e-9)
    assert result.n == n and not result.corrected


def test_nadeau_bengio_corrected_variance_by_hand():
    rng = np.random.default_rng(7)
    a, b = rng.normal(size=10), rng.normal(size=10)
    ratio = 0.25  # n_test / n_train of a 80/20 split
    result = compare_paired(a, b, test_train_ratio=ratio)
    d = a - b
    se = np.sqrt(d.var(ddof=1) * (1 / 10 + ratio))
    t = d.mean() / se
    half = stats.t.ppf(0.975, df=9) * se
    assert (result.low, result.high) == pytest.approx(
        (d.mean() - half, d.mean() + half), rel=1e-12
    )
    assert result.p_value == pytest.approx(2 * stats.t.sf(abs(t), df=9), rel=1e-12)
    plain = compare_paired(a, b)
    assert result.high - result.low > plain.high - plain.low and result.corrected


def test_one_line_summary_and_sign_decision():
    result = compare_paired([0.90, 0.92, 0.91, 0.93], [0.88, 0.90, 0.90, 0.91])
    text = str(result)
    assert text.startswith("+0.0175 (95 % CI +") and "p = " in text and "n = 4" in text
    assert result.excludes_zero
    assert not compare_paired([1.0, 2.0, 3.0], [2.0, 1.0, 3.5]).excludes_zero


def test_identical_differences_have_no_spread():
    same = compare_paired([1.0, 2.0], [1.0, 2.0])
    assert (same.difference, same.low, same.high, same.p_value) == (0, 0, 0, 1.0)
    shifted = compare_paired([2.0, 3.0], [1.0, 2.0])
    assert shifted.low == shifted.high == 1.0 and shifted.p_value == 0.0


@pytest.mark.parametrize(
    "a, b, kwargs, error, message",
    [
        ([1.0, 2.0], [1.0], {}, ValueError, "pair them"),
        ([1.0], [2.0], {}, ValueError, "at least 2"),
        ([[1.0, 2.0]], [[1.0, 2.0]], {}, ValueError, "1-D"),
        ([1.0, np.nan], [1.0, 2.0], {}, ValueError, "NaN or inf"),
        ("abc", [1.0, 2.0], {}, TypeError, "array of numbers"),
        ([1.0, 2.0], [1.0, 3.0], {"confidence": 95}, ValueError, "between 0 and 1"),
        ([1.0, 2.0], [1.0, 3.0], {"test_train_ratio": 0}, ValueError, "> 0"),
    ],
)
def test_bad_inputs_are_named(a, b, kwargs, error, message):
    with pytest.raises(error, match=message):
        compare_paired(a, b, **kwargs)


def test_result_type():
    assert isinstance(
        compare_paired([1.0, 2.0, 4.0], [0.0, 1.0, 1.0]), PairedComparison
    )
