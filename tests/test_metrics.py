"""Classification metrics. Oracle: scikit-learn's sklearn.metrics (roc_curve with
drop_intermediate=False, roc_auc_score, confusion_matrix,
precision_recall_fscore_support), and for the AUC the pairwise probability
P(score_pos > score_neg) + ½ P(tie) counted with a plain double loop."""

import numpy as np
import pytest
from sklearn import metrics as skm

from mlp_lib.metrics import (
    accuracy,
    auc_by_ranking,
    average_precision,
    bootstrap_auc,
    brier_score,
    confusion_matrix,
    expected_calibration_error,
    fit_temperature,
    precision_recall_curve,
    precision_recall_f1,
    reliability_curve,
    roc_auc,
    roc_curve,
    threshold_table,
)

SEEDS = range(5)


def tied_scores(seed, n=60):
    """Binary labels and scores rounded to one decimal, so that many scores tie."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    y[:2] = (0, 1)  # both classes present
    score = np.round(np.clip(0.3 * y + rng.normal(0.35, 0.25, n), 0, 1), 1)
    return y, score


@pytest.mark.parametrize("seed", SEEDS)
def test_roc_curve_matches_sklearn_with_ties(seed):
    y, score = tied_scores(seed)
    assert len(np.unique(score)) < len(score)
    fpr, tpr, thr = roc_curve(y, score)
    sk_fpr, sk_tpr, sk_thr = skm.roc_curve(y, score, drop_intermediate=False)
    np.testing.assert_allclose(fpr, sk_fpr, rtol=0, atol=1e-15)
    np.testing.assert_allclose(tpr, sk_tpr, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(thr, sk_thr)


@pytest.mark.parametrize("seed", SEEDS)
def test_roc_auc_matches_sklearn_and_ranking(seed):
    y, score = tied_scores(seed)
    expected = skm.roc_auc_score(y, score)
    assert roc_auc(y, score) == pytest.approx(expected, abs=1e-12)
    assert auc_by_ranking(y, score) == pytest.approx(expected, abs=1e-12)


def test_auc_by_ranking_against_double_loop():
    y, score = tied_scores(7, n=25)
    pos, neg = score[y == 1], score[y == 0]
    wins = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in pos for b in neg)
    assert auc_by_ranking(y, score) == pytest.approx(
        wins / (len(pos) * len(neg)), abs=1e-12
    )


def test_roc_curve_shape_and_ties_collapse():
    fpr, tpr, thr = roc_curve([0, 1, 0, 1], [0.2, 0.5, 0.5, 0.9])
    np.testing.assert_array_equal(thr, [np.inf, 0.9, 0.5, 0.2])
    np.testing.assert_array_equal(tpr, [0, 0.5, 1, 1])
    np.testing.assert_array_equal(
        fpr, [0, 0, 0.5, 1]
    )  # the tie at 0.5 is one diagonal step
    assert roc_auc([0, 1, 0, 1], [0.2, 0.5, 0.5, 0.9]) == pytest.approx(0.875)


def test_perfect_random_and_inverted_scores():
    y = np.array([0, 0, 1, 1])
    assert roc_auc(y, [0.1, 0.2, 0.8, 0.9]) == 1.0
    assert roc_auc(y, [0.5, 0.5, 0.5, 0.5]) == 0.5
    assert roc_auc(y, [0.9, 0.8, 0.2, 0.1]) == 0.0


def test_threshold_table_matches_confusion_matrices():
    y, score = tied_scores(3)
    thresholds = np.round(np.arange(1, 11) / 10, 1)
    rows = threshold_table(y, score, thresholds)
    assert [r["threshold"] for r in rows] == list(thresholds)
    for row in rows:
        (tn, fp), (fn, tp) = skm.confusion_matrix(
            y, (score >= row["threshold"]).astype(int), labels=[0, 1]
        )
        assert (row["TP"], row["FP"], row["TN"], row["FN"]) == (tp, fp, tn, fn)
        assert row["TPR"] == tp / (tp + fn) and row["FPR"] == fp / (fp + tn)


@pytest.mark.parametrize("seed", SEEDS)
def test_confusion_matrix_matches_sklearn(seed):
    rng = np.random.default_rng(seed)
    y_true, y_pred = rng.integers(0, 4, 50), rng.integers(0, 4, 50)
    np.testing.assert_array_equal(
        confusion_matrix(y_true, y_pred), skm.confusion_matrix(y_true, y_pred)
    )
    labels = [3, 1]
    np.testing.assert_array_equal(
        confusion_matrix(y_true, y_pred, labels=labels),
        skm.confusion_matrix(y_true, y_pred, labels=labels),
    )


def test_confusion_matrix_binary_layout():
    np.testing.assert_array_equal(
        confusion_matrix([0, 0, 1, 1, 1], [0, 1, 1, 1, 0]), [[1, 1], [1, 2]]
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("positive", [0, 1, 2])
def test_precision_recall_f1_match_sklearn(seed, positive):
    rng = np.random.default_rng(seed)
    y_true, y_pred = rng.integers(0, 3, 40), rng.integers(0, 3, 40)
    p, r, f, _ = skm.precision_recall_fscore_support(
        y_true, y_pred, labels=[positive], average=None, zero_division=0
    )
    assert precision_recall_f1(y_true, y_pred, positive) == pytest.approx(
        (p[0], r[0], f[0]), abs=1e-12
    )


def test_precision_recall_f1_zero_division_gives_zero():
    assert precision_recall_f1([0, 0, 1], [0, 0, 0]) == (
        0.0,
        0.0,
        0.0,
    )  # nothing predicted positive
    assert precision_recall_f1([0, 0, 0], [0, 1, 0]) == (
        0.0,
        0.0,
        0.0,
    )  # no actual positive


def test_accuracy():
    assert accuracy([0, 1, 2, 2], [0, 1, 1, 2]) == 0.75
    assert (
        accuracy(np.array([[1], [0]]), [1, 1]) == 0.5
    )  # an (N, 1) column counts as 1-D


def test_mismatched_lengths_name_both():
    with pytest.raises(ValueError, match="y_true has 3 samples but y_pred has 2"):
        accuracy([0, 1, 1], [0, 1])
    with pytest.raises(ValueError, match="y_true has 2 samples but y_score has 3"):
        roc_curve([0, 1], [0.1, 0.2, 0.3])


@pytest.mark.parametrize("f", [roc_curve, roc_auc, auc_by_ranking])
def test_roc_validation(f):
    with pytest.raises(ValueError, match="only 0 and 1"):
        f([0, 1, 2], [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="undefined with one class"):
        f([1, 1, 1], [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="NaN"):
        f([0, 1, 1], [0.1, np.nan, 0.3])


def test_threshold_table_validation():
    with pytest.raises(ValueError, match="one class"):
        threshold_table([0, 0], [0.1, 0.2], [0.5])


def test_shapes_rejected():
    with pytest.raises(ValueError, match="1-D"):
        accuracy(np.zeros((3, 2)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match="empty"):
        accuracy([], [])


def test_accuracy_is_a_python_float():
    assert type(accuracy([0, 1, 1], [0, 1, 0])) is float


# Calibration. Oracles: a five-example case computed by hand, scikit-learn's
# brier_score_loss, the definition of ECE evaluated with a loop over bins, and the NLL
# on a fine grid of temperatures.
PROBA_HAND = np.array(
    [
        [0.95, 0.03, 0.02],
        [0.05, 0.90, 0.05],
        [0.85, 0.10, 0.05],
        [0.25, 0.20, 0.55],
        [0.45, 0.30, 0.25],
    ]
)
Y_HAND = np.array([0, 1, 2, 2, 1])


def test_reliability_curve_and_ece_of_a_hand_computed_example():
    conf, acc, count = reliability_curve(Y_HAND, PROBA_HAND, n_bins=5)
    np.testing.assert_array_equal(count, [0, 0, 2, 0, 3])
    np.testing.assert_allclose(acc[[2, 4]], [0.5, 2 / 3])
    np.testing.assert_allclose(conf[[2, 4]], [0.5, 0.9])
    assert np.isnan(acc[[0, 1, 3]]).all()
    # 3/5 · |2/3 − 0.9| + 2/5 · |0.5 − 0.5|
    assert expected_calibration_error(Y_HAND, PROBA_HAND, n_bins=5) == pytest.approx(
        0.14
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_ece_matches_a_loop_over_bins(seed):
    rng = np.random.default_rng(seed)
    proba = rng.dirichlet(np.full(4, 0.5), size=200)
    y = rng.integers(0, 4, 200)
    conf, correct = proba.max(axis=1), proba.argmax(axis=1) == y
    expected = 0.0
    for m in range(15):
        in_bin = (conf > m / 15) & (conf <= (m + 1) / 15)
        if in_bin.any():
            gap = abs(correct[in_bin].mean() - conf[in_bin].mean())
            expected += in_bin.mean() * gap
    assert expected_calibration_error(y, proba) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_brier_score_matches_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    proba = rng.dirichlet(np.ones(3), size=50)
    y = rng.integers(0, 3, 50)
    expected = skm.brier_score_loss(y, proba, labels=[0, 1, 2])  # [0, 2] range
    assert brier_score(y, proba) == pytest.approx(expected, abs=1e-12)
    p1, y01 = rng.random(50), rng.integers(0, 2, 50)
    assert brier_score(y01, p1) == pytest.approx(
        skm.brier_score_loss(y01, p1), abs=1e-12
    )


def test_fit_temperature_finds_the_minimum_of_the_nll_and_keeps_argmax():
    rng = np.random.default_rng(0)
    logits = 4 * rng.standard_normal((300, 5))
    y = np.where(rng.random(300) < 0.6, logits.argmax(axis=1), rng.integers(0, 5, 300))
    T = fit_temperature(logits, y)
    grid = np.linspace(0.5 * T, 1.5 * T, 2001)
    rows = np.arange(300)

    def nll(t):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        return -(z[rows, y] - np.log(np.exp(z).sum(axis=1))).mean()

    assert T == pytest.approx(grid[np.argmin([nll(t) for t in grid])], rel=1e-3)
    assert T > 1  # 40 % noisy labels with confident logits: overconfident


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: brier_score([0, 1], [[0.5, 0.6], [0.5, 0.5]]), "sum to 1"),
        (lambda: brier_score([0, 3], [[0.5, 0.5], [0.5, 0.5]]), "class indices"),
        (lambda: expected_calibration_error([0, 1], [0.3, 0.7]), "n_classes"),
        (lambda: reliability_curve([0], [[1.2, -0.2]]), "probabilities in"),
        (lambda: reliability_curve([0], [[0.5, 0.5]], n_bins=0), "n_bins"),
        (lambda: fit_temperature([[1.0, np.nan]], [0]), "NaN"),
        (lambda: fit_temperature([[1.0, 0.0]], [0], bounds=(0, 10)), "bounds"),
        (lambda: fit_temperature([[1.0, 0.0]], [0], bounds=(10, 1)), "bounds"),
        (lambda: fit_temperature([[1.0, 0.0]], [0, 1]), "2 labels for 1 rows"),
        (lambda: fit_temperature([[1.0], [0.0]], [0, 0]), "n_classes >= 2"),
        (
            lambda: fit_temperature([[5.0, 0.0], [0.0, 5.0]], [0, 1]),
            "no minimum inside",
        ),
    ],
)
def test_calibration_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# Precision–recall curve and average precision. Oracle: scikit-learn's
# precision_recall_curve (same points, reversed) and average_precision_score.


@pytest.mark.parametrize("seed", SEEDS)
def test_precision_recall_curve_matches_sklearn_with_ties(seed):
    y, score = tied_scores(seed)
    precision, recall, thr = precision_recall_curve(y, score)
    sk_precision, sk_recall, sk_thr = skm.precision_recall_curve(y, score)
    np.testing.assert_allclose(precision, sk_precision[::-1], rtol=0, atol=1e-15)
    np.testing.assert_allclose(recall, sk_recall[::-1], rtol=0, atol=1e-15)
    assert thr[0] == np.inf
    np.testing.assert_array_equal(thr[1:], sk_thr[::-1])


@pytest.mark.parametrize("seed", SEEDS)
def test_average_precision_matches_sklearn(seed):
    y, score = tied_scores(seed)
    assert average_precision(y, score) == pytest.approx(
        skm.average_precision_score(y, score), abs=1e-12
    )
    rng = np.random.default_rng(seed)
    y, score = rng.integers(0, 2, 200), rng.normal(size=200)  # no ties
    assert average_precision(y, score) == pytest.approx(
        skm.average_precision_score(y, score), abs=1e-12
    )


def test_average_precision_by_hand():
    # ranking + − − + + − −: precision 1, 2/4, 3/5 at the positives, each worth 1/3
    y = [1, 0, 0, 1, 1, 0, 0]
    score = [0.9, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2]
    assert average_precision(y, score) == pytest.approx((1 + 2 / 4 + 3 / 5) / 3)
    assert average_precision([0, 1, 1], [0.1, 0.5, 0.9]) == 1.0


# Bootstrap interval for the AUC. Oracle: scikit-learn's roc_auc_score for the point
# estimate and for each resample drawn as explicit copies; for the width, DeLong et
# al.'s (1988) standard error on a large sample, where the percentile interval is close
# to AUC ± 1.96 SE.


def test_bootstrap_auc_point_and_width():
    rng = np.random.default_rng(0)
    y = np.repeat([1, 0], [300, 700])
    score = rng.normal(size=1000) + 1.5 * y
    auc, low, high = bootstrap_auc(y, score, n_resamples=1000, rng=1)
    assert auc == pytest.approx(skm.roc_auc_score(y, score), abs=1e-12)
    assert low < auc < high
    # DeLong et al.'s (1988) variance: per-positive and per-negative win rates
    diff = score[y == 1][:, None] - score[y == 0]
    wins = (diff > 0) + 0.5 * (diff == 0)
    se = np.sqrt(
        wins.mean(axis=1).var(ddof=1) / 300 + wins.mean(axis=0).var(ddof=1) / 700
    )
    assert (high - low) / (2 * 1.96 * se) == pytest.approx(1.0, abs=0.1)


def test_bootstrap_auc_is_seeded_and_stratified():
    y, score = tied_scores(3)
    assert bootstrap_auc(y, score, rng=5) == bootstrap_auc(y, score, rng=5)
    # stratified: every resample keeps both classes, even with 2 positives
    y = np.r_[1, 1, np.zeros(30, dtype=int)]
    score = np.r_[0.9, 0.2, np.linspace(0, 1, 30)]
    auc, low, high = bootstrap_auc(y, score, n_resamples=200, rng=0)
    assert 0 <= low <= auc <= high <= 1
    assert bootstrap_auc([0, 1, 1], [0.1, 0.5, 0.9], rng=0) == (1.0, 1.0, 1.0)


def test_bootstrap_auc_resamples_like_a_loop():
    # the same resamples drawn as indices, the AUC of each by scikit-learn
    y, score = tied_scores(4, n=40)
    pos, neg = score[y == 1], score[y == 0]
    rng = np.random.default_rng(0)
    draw_pos = rng.integers(0, pos.size, size=(50, pos.size))
    draw_neg = rng.integers(0, neg.size, size=(50, neg.size))
    truth = np.repeat([1, 0], [pos.size, neg.size])
    aucs = [
        skm.roc_auc_score(truth, np.r_[pos[i], neg[j]])
        for i, j in zip(draw_pos, draw_neg)
    ]
    expected = np.quantile(aucs, [0.05, 0.95])
    _, low, high = bootstrap_auc(y, score, n_resamples=50, confidence=0.9, rng=0)
    np.testing.assert_allclose([low, high], expected, rtol=0, atol=1e-12)


def test_bootstrap_auc_validation():
    y, score = tied_scores(0)
    with pytest.raises(ValueError, match="n_resamples"):
        bootstrap_auc(y, score, n_resamples=1)
    with pytest.raises(ValueError, match="confidence"):
        bootstrap_auc(y, score, confidence=95)
    with pytest.raises(ValueError, match="only class"):
        bootstrap_auc([1, 1], [0.2, 0.3])


@pytest.mark.parametrize("f", [precision_recall_curve, average_precision])
def test_precision_recall_validation(f):
    with pytest.raises(ValueError, match="only class"):
        f([0, 0, 0], [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="only 0 and 1"):
        f([0, 2, 1], [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="NaN or inf"):
        f([0, 1], [0.1, np.nan])
