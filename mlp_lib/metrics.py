"""Classification metrics (chapter 9): accuracy, confusion matrix, precision, recall,
F1, ROC and AUC, precision–recall curve and average precision, a bootstrap interval for
the AUC; calibration (chapter 5): reliability curve, ECE, Brier score and
temperature scaling.

Labels and scores are 1-D arrays of length N (an (N, 1) column is accepted). Binary
metrics take y_true in {0, 1}; a sample is predicted positive when its score ≥ the
threshold.
"""

import numpy as np

from .functional import log_softmax


def _as_1d(x, name):
    arr = np.asarray(x)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (n_samples,), got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    return arr


def _pair(a, b, name_a, name_b):
    a, b = _as_1d(a, name_a), _as_1d(b, name_b)
    if a.size != b.size:
        raise ValueError(f"{name_a} has {a.size} samples but {name_b} has {b.size}")
    return a, b


def _binary_scores(y_true, y_score):
    """Validated (y_true as 0/1 ints, y_score as floats) for the ROC family."""
    y_true, y_score = _pair(y_true, y_score, "y_true", "y_score")
    if not np.isin(y_true, (0, 1)).all():
        raise ValueError(
            f"y_true must contain only 0 and 1, got values {np.unique(y_true)}"
        )
    y_score = y_score.astype(np.float64)
    if not np.isfinite(y_score).all():
        raise ValueError("y_score contains NaN or inf")
    y_true = y_true.astype(int)
    if y_true.min() == y_true.max():
        raise ValueError(
            f"y_true contains only class {y_true[0]}: "
            "TPR, FPR and AUC are undefined with one class"
        )
    return y_true, y_score


def accuracy(y_true, y_pred):
    """Fraction of samples whose predicted label equals the true label."""
    y_true, y_pred = _pair(y_true, y_pred, "y_true", "y_pred")
    return float(np.count_nonzero(y_true == y_pred) / len(y_true))


def confusion_matrix(y_true, y_pred, labels=None):
    """Counts C[i, j] of samples of true label ``labels[i]`` predicted as ``labels[j]``.

    ``labels`` defaults to the sorted labels found in either array; samples with other
    labels are ignored. For binary 0/1 labels: [[TN, FP], [FN, TP]].
    """
    y_true, y_pred = _pair(y_true, y_pred, "y_true", "y_pred")
    labels = (
        np.unique(np.concatenate([y_true, y_pred]))
        if labels is None
        else np.asarray(labels)
    )
    k = labels.size
    true_hit = y_true[:, None] == labels
    pred_hit = y_pred[:, None] == labels
    keep = true_hit.any(axis=1) & pred_hit.any(axis=1)
    cell = true_hit[keep].argmax(axis=1) * k + pred_hit[keep].argmax(axis=1)
    return np.bincount(cell, minlength=k * k).reshape(k, k)


def precision_recall_f1(y_true, y_pred, positive=1):
    """(precision, recall, F1) of the class ``positive`` against all others.

    precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R).
    A ratio 0/0 (no predicted positives, no actual positives) is returned as 0.0, like
    scikit-learn's ``zero_division=0``.
    """
    y_true, y_pred = _pair(y_true, y_pred, "y_true", "y_pred")
    actual, predicted = y_true == positive, y_pred == positive
    tp = np.sum(actual & predicted)
    precision = tp / predicted.sum() if predicted.any() else 0.0
    recall = tp / actual.sum() if actual.any() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return float(precision), float(recall), float(f1)


def roc_curve(y_true, y_score):
    """ROC curve (fpr, tpr, thresholds): (0, 0), then one point per distinct score.

    Thresholds decrease from +inf (nothing positive) to the lowest score (everything
    positive); samples with tied scores cross the threshold together, so a tie is one
    (diagonal) step.
    """
    y_true, y_score = _binary_scores(y_true, y_score)
    order = np.argsort(-y_score, kind="stable")
    score, y = y_score[order], y_true[order]
    # the last index of each run of equal scores: where the next score is different
    last = np.r_[np.flatnonzero(np.diff(score)), score.size - 1]
    tps = np.r_[0, np.cumsum(y)[last]]
    fps = np.r_[0, np.cumsum(1 - y)[last]]
    thresholds = np.r_[np.inf, score[last]]
    return fps / fps[-1], tps / tps[-1], thresholds


def roc_auc(y_true, y_score):
    """Area under the ROC curve by the trapezoid rule:
    P(score_pos > score_neg) + ½ P(tie)."""
    fpr, tpr, _ = roc_curve(y_true, y_score)
    return float(np.trapezoid(tpr, fpr))


def auc_by_ranking(y_true, y_score):
    """AUC straight from its meaning: the fraction of (positive, negative) pairs ranked
    correctly, ties counted half. Uses n_pos × n_neg memory; ``roc_auc`` gives the same
    number in O(N log N).
    """
    y_true, y_score = _binary_scores(y_true, y_score)
    diff = y_score[y_true == 1][:, None] - y_score[y_true == 0]
    return float(np.mean((diff > 0) + 0.5 * (diff == 0)))


def threshold_table(y_true, y_score, thresholds):
    """One row per threshold t (score ≥ t is positive): dicts with keys
    threshold, TP, FP, TN, FN, TPR = TP / P and FPR = FP / N.
    """
    y_true, y_score = _binary_scores(y_true, y_score)
    thresholds = np.asarray(thresholds, dtype=np.float64).ravel()
    positive = y_score >= thresholds[:, None]
    tp = (positive & (y_true == 1)).sum(axis=1)
    fp = (positive & (y_true == 0)).sum(axis=1)
    n_pos, n_neg = y_true.sum(), y_true.size - y_true.sum()
    return [
        {
            "threshold": float(t),
            "TP": int(a),
            "FP": int(b),
            "TN": int(n_neg - b),
            "FN": int(n_pos - a),
            "TPR": float(a / n_pos),
            "FPR": float(b / n_neg),
        }
        for t, a, b in zip(thresholds, tp, fp)
    ]


def precision_recall_curve(y_true, y_score):
    """Precision–recall curve (precision, recall, thresholds): (recall 0, precision 1)
    at threshold +inf, then one point per distinct score, thresholds decreasing.

    precision = TP / (TP + FP) and recall = TP / P when score ≥ threshold is positive;
    scikit-learn's ``precision_recall_curve`` returns the same points in reverse order.
    """
    y_true, y_score = _binary_scores(y_true, y_score)
    _, tpr, thresholds = roc_curve(y_true, y_score)
    order = np.argsort(-y_score, kind="stable")
    score, y = y_score[order], y_true[order]
    last = np.r_[np.flatnonzero(np.diff(score)), score.size - 1]
    tps, predicted = np.cumsum(y)[last], last + 1.0
    return np.r_[1.0, tps / predicted], tpr, thresholds


def average_precision(y_true, y_score):
    """Average precision AP = Σ_k (R_k − R_{k−1}) P_k over the points of the
    precision–recall curve: a step function, not interpolated (scikit-learn's
    ``average_precision_score``). A random scorer's AP is about the prevalence P / N.
    """
    precision, recall, _ = precision_recall_curve(y_true, y_score)
    return float(np.sum(np.diff(recall) * precision[1:]))


def _resample_counts(n, n_resamples, rng):
    """(n_resamples, n): how often each of n items is drawn in n draws with
    replacement, one row per resample."""
    drawn = (
        rng.integers(0, n, size=(n_resamples, n)) + n * np.arange(n_resamples)[:, None]
    )
    return np.bincount(drawn.ravel(), minlength=n_resamples * n).reshape(n_resamples, n)


def bootstrap_auc(y_true, y_score, n_resamples=1000, confidence=0.95, rng=None):
    """(AUC, low, high): the AUC and its stratified percentile bootstrap interval.

    Each of the ``n_resamples`` resamples draws P positives and N negatives with
    replacement from the test set's own. Resample b counts each positive c_i and each
    negative c_j times, so its AUC is Σ_ij c_i w_ij c_j / (P N) with the pair matrix
    w_ij of ``auc_by_ranking`` (1, ½ for a tie, 0): P × N memory, no re-sorting.
    ``rng``: a Generator or seed.
    """
    y_true, y_score = _binary_scores(y_true, y_score)
    if not (isinstance(n_resamples, (int, np.integer)) and n_resamples >= 2):
        raise ValueError(f"n_resamples must be an integer >= 2, got {n_resamples!r}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")
    rng = np.random.default_rng(rng)
    diff = y_score[y_true == 1][:, None] - y_score[y_true == 0]
    wins = (diff > 0) + 0.5 * (diff == 0)  # (P, N) pair matrix
    n_pos, n_neg = wins.shape
    count_pos = _resample_counts(n_pos, n_resamples, rng)
    count_neg = _resample_counts(n_neg, n_resamples, rng)
    aucs = np.sum((count_pos @ wins) * count_neg, axis=1) / (n_pos * n_neg)
    alpha = (1 - confidence) / 2
    low, high = np.quantile(aucs, [alpha, 1 - alpha])
    return float(wins.mean()), float(low), float(high)


# Calibration (chapter 5): do predicted probabilities match observed frequencies?


def _probabilities(y_true, proba):
    """Validated (labels (N,) as ints, probability rows (N, C)) for calibration."""
    proba = np.asarray(proba, dtype=np.float64)
    if proba.ndim != 2 or proba.shape[1] < 2:
        raise ValueError(
            f"proba must be (n_samples, n_classes) with n_classes >= 2, "
            f"got shape {proba.shape}"
        )
    y_true = _as_1d(y_true, "y_true")
    if y_true.size != len(proba):
        raise ValueError(f"y_true has {y_true.size} samples but proba has {len(proba)}")
    if not np.isfinite(proba).all() or proba.min() < 0 or proba.max() > 1:
        raise ValueError("proba must hold probabilities in [0, 1] (softmax outputs)")
    if np.abs(proba.sum(axis=1) - 1).max() > 1e-6:
        raise ValueError(
            "each row of proba must sum to 1; pass softmax(logits), not the logits"
        )
    if (
        y_true.dtype.kind not in "iu"
        or y_true.min() < 0
        or y_true.max() >= len(proba[0])
    ):
        raise ValueError(
            f"y_true must be integer class indices 0..{proba.shape[1] - 1}, "
            f"got values {np.unique(y_true)[:10]}"
        )
    return y_true.astype(int), proba


def reliability_curve(y_true, proba, n_bins=15):
    """Per confidence bin m (equal width on [0, 1], bin m = ((m−1)/M, m/M]): mean
    confidence, accuracy and count, as three (M,) arrays (nan for an empty bin).

    The confidence of a sample is its top probability max_c p_c; it is correct when
    that class is y_true (Guo et al. 2017's reliability diagram).
    """
    if not (isinstance(n_bins, (int, np.integer)) and n_bins >= 1):
        raise ValueError(f"n_bins must be an integer >= 1, got {n_bins!r}")
    y_true, proba = _probabilities(y_true, proba)
    confidence = proba.max(axis=1)
    correct = (proba.argmax(axis=1) == y_true).astype(np.float64)
    # bin m holds (m−1)/M < confidence ≤ m/M; a confidence of exactly 0 cannot occur
    bins = np.clip(np.ceil(confidence * n_bins).astype(int) - 1, 0, n_bins - 1)
    count = np.bincount(bins, minlength=n_bins)
    with np.errstate(invalid="ignore"):
        mean_conf = np.bincount(bins, confidence, n_bins) / count
        accuracy_ = np.bincount(bins, correct, n_bins) / count
    return mean_conf, accuracy_, count


def expected_calibration_error(y_true, proba, n_bins=15):
    """ECE = Σ_m (|B_m|/N) |acc(B_m) − conf(B_m)| over M equal-width confidence bins
    (Guo et al. 2017, who use M = 15); 0 for a perfectly calibrated model."""
    mean_conf, accuracy_, count = reliability_curve(y_true, proba, n_bins)
    filled = count > 0
    gaps = np.abs(accuracy_[filled] - mean_conf[filled])
    return float(np.sum(count[filled] * gaps) / count.sum())


def brier_score(y_true, proba):
    """Brier (1950) score (1/N) Σ_n Σ_c (p_nc − y_nc)² with one-hot y, in [0, 2].

    proba (N, C) rows of probabilities, or (N,) probabilities of class 1 for binary
    y_true in {0, 1}: then (1/N) Σ_n (p_n − y_n)², in [0, 1], as scikit-learn's
    ``brier_score_loss`` (half the two-column value).
    """
    if np.ndim(proba) == 1:
        p1 = _as_1d(proba, "proba").astype(np.float64)
        y_true, proba = _probabilities(y_true, np.column_stack([1 - p1, p1]))
        return float(np.mean((proba[:, 1] - y_true) ** 2))
    y_true, proba = _probabilities(y_true, proba)
    one_hot = np.eye(proba.shape[1])[y_true]
    return float(np.mean(np.sum((proba - one_hot) ** 2, axis=1)))


def fit_temperature(logits, y_true, bounds=(0.05, 20.0)):
    """The temperature T > 0 minimizing the mean cross-entropy (nats) of
    softmax(logits / T) against y_true: post-hoc temperature scaling (Guo et al. 2017).

    logits (N, C) on held-out (validation) data. The loss is convex in 1/T, so a 1-D
    bounded search on log T finds the minimum; a T at a bound raises ValueError.
    """
    logits = np.asarray(logits, dtype=np.float64)
    if logits.ndim != 2 or logits.shape[1] < 2:
        raise ValueError(
            "fit_temperature: logits must be (n_samples, n_classes) with n_classes "
            f">= 2, got {logits.shape}"
        )
    if not np.isfinite(logits).all():
        raise ValueError("logits contain NaN or inf")
    if not (np.shape(bounds) == (2,) and 0 < bounds[0] < bounds[1] < np.inf):
        raise ValueError(
            "fit_temperature: bounds must be (low, high) with 0 < low < high < inf, "
            f"got {bounds!r}"
        )
    if np.size(y_true) != len(logits):
        raise ValueError(
            f"fit_temperature: {np.size(y_true)} labels for {len(logits)} rows "
            "of logits"
        )
    y_true, _ = _probabilities(y_true, np.full(logits.shape, 1 / logits.shape[1]))
    rows = np.arange(len(logits))

    def nll(log_t):
        return -log_softmax(logits / np.exp(log_t), axis=1)[rows, y_true].mean()

    from scipy.optimize import minimize_scalar  # scipy only when asked for

    low, high = np.log(bounds[0]), np.log(bounds[1])
    result = minimize_scalar(
        nll, bounds=(low, high), method="bounded", options={"xatol": 1e-8}
    )
    # a loss no higher at a bound: the minimum is there or beyond (or the loss is flat)
    if min(nll(low), nll(high)) <= result.fun:
        raise ValueError(
            f"fit_temperature: the NLL has no minimum inside bounds={bounds} (the "
            "best T is at a bound); widen them (is every validation prediction right?)"
        )
    return float(np.exp(result.x))
