"""Chapter 9 exercises ("roc.*"): precision, recall and F1 from counts, TPR and FPR at a
threshold, the AUC of a small score list by its ranking definition, the threshold of
least expected cost from a table, and average precision by hand.

Expected values come from the library (metrics.precision_recall_f1, threshold_table,
auc_by_ranking, precision_recall_curve, average_precision) or, for the cost, from the
table itself; the reference solutions are in the chapter's notebook.
"""

import numpy as np

from ..metrics import (
    auc_by_ranking,
    average_precision,
    precision_recall_curve,
    precision_recall_f1,
    threshold_table,
)
from . import Number, check_function, exercise, fresh, number_exercise

# The screening test of the precision/recall exercise: 1,000 people, 60 of them ill.
TP, FP, FN, TN = 45, 30, 15, 910
# The score list of the AUC exercise: one positive and one negative share the score 0.4.
AUC_POS = [0.9, 0.6, 0.4]
AUC_NEG = [0.7, 0.4, 0.2, 0.1]


def _labels_from_counts(tp, fp, fn, tn):
    """(y_true, y_pred) arrays holding exactly these confusion matrix counts."""
    y_true = np.repeat([1, 0, 1, 0], [tp, fp, fn, tn])
    y_pred = np.repeat([1, 1, 0, 0], [tp, fp, fn, tn])
    return y_true, y_pred


@number_exercise("roc.precision_recall_f1")
def precision_recall_f1_from_counts():
    """A screening test is run on 1,000 people: TP = 45, FP = 30, FN = 15, TN = 910.
    Give ``(precision, recall, f1)`` as a tuple of three numbers.

    Stub: ``answer = None``, then ``check("roc.precision_recall_f1", answer)``.
    """
    precision, recall, f1 = precision_recall_f1(*_labels_from_counts(TP, FP, FN, TN))
    accuracy = (TP + TN) / (TP + FP + FN + TN)
    specificity = TN / (TN + FP)
    fused = TP / (TP + FN + FP)
    return Number(
        (precision, recall, f1),
        names=("precision", "recall", "F1"),
        decimals=3,
        hints={
            (recall, precision, f1): (
                "you swapped precision and recall: precision = TP / (TP + FP) "
                "is the fraction of predicted positives that are right; "
                "recall = TP / (TP + FN) is the fraction of actual positives "
                "that are found."
            ),
            (precision, recall, (precision + recall) / 2): (
                "precision and recall are right, but F1 is their harmonic "
                "mean 2PR / (P + R), not the arithmetic mean (P + R) / 2."
            ),
            (precision, recall, 2 * precision * recall): (
                "F1 = 2PR / (P + R): you forgot to divide by P + R."
            ),
            (accuracy, recall, 2 * accuracy * recall / (accuracy + recall)): (
                "your first number is the accuracy "
                "(TP + TN) / total; precision is TP / (TP + FP)."
            ),
            (
                precision,
                specificity,
                2 * precision * specificity / (precision + specificity),
            ): (
                "your second number is the specificity "
                "TN / (TN + FP); recall is TP / (TP + FN)."
            ),
            (fused, recall, 2 * fused * recall / (fused + recall)): (
                "precision is TP / (TP + FP); its denominator "
                "counts only the predicted positives."
            ),
        },
        explain=(
            "The test finds 3 of every 4 ill people, and 3 of every 5 of "
            f"its alarms are right; accuracy {accuracy:.3f} hides both facts."
        ),
    )


def _rates(y_true, scores, threshold):
    row = threshold_table(y_true, scores, [threshold])[0]
    return row["TPR"], row["FPR"]


def _counts(y_true, scores, threshold, strict=False):
    y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=np.float64)
    positive = scores > threshold if strict else scores >= threshold
    tp = np.sum(positive & (y_true == 1))
    fp = np.sum(positive & (y_true == 0))
    return tp, fp, np.sum(y_true == 1) - tp, np.sum(y_true == 0) - fp


def _strict(y_true, scores, threshold):
    tp, fp, fn, tn = _counts(y_true, scores, threshold, strict=True)
    return tp / (tp + fn), fp / (fp + tn)


def _fn_for_fp(y_true, scores, threshold):
    tp, fp, fn, tn = _counts(y_true, scores, threshold)
    return tp / (tp + fn), fn / (fn + tn)


def _over_predicted(y_true, scores, threshold):
    tp, fp, fn, tn = _counts(y_true, scores, threshold)
    return tp / (tp + fn), fp / (fp + tp)


def _specificity(y_true, scores, threshold):
    tp, fp, fn, tn = _counts(y_true, scores, threshold)
    return tp / (tp + fn), tn / (fp + tn)


def _gen_tpr_fpr(rng):
    def labels(n):
        y = rng.integers(0, 2, n)
        y[:2] = [0, 1]  # both classes present
        return y

    n = int(rng.integers(6, 12))
    scores = np.round(rng.random(n), 1)  # ties, and scores equal to the threshold
    y = labels(n)
    return [
        fresh(
            "scores equal to the threshold in both classes",
            y_true=y,
            scores=scores,
            threshold=float(scores[0]),
        ),
        fresh(
            "a threshold above every score",
            y_true=labels(5),
            scores=rng.random(5),
            threshold=2.0,
        ),
        fresh(
            "a threshold below every score",
            y_true=labels(5),
            scores=rng.random(5),
            threshold=-1.0,
        ),
        fresh(
            "random scores",
            y_true=labels(n),
            scores=rng.normal(size=n),
            threshold=float(rng.normal()),
        ),
    ]


@exercise("roc.tpr_fpr", kind="function")
def tpr_fpr(answer):
    """Write ``tpr_fpr(y_true, scores, threshold)`` returning the pair ``(tpr, fpr)``
    when every sample with score ≥ threshold is predicted positive:
    TPR = TP / (TP + FN), FPR = FP / (FP + TN).

    y_true: 1-D array of 0/1 labels (both classes present); scores: 1-D array of
    numbers; threshold: a number. Stub: ``def tpr_fpr(y_true, scores, threshold): ...``,
    then ``check("roc.tpr_fpr", tpr_fpr)``.
    """
    return check_function(
        answer,
        _rates,
        cases=[
            # a score equal to the threshold in each class, so that ≥ and > differ
            # (and every mistake below gives a different wrong pair here)
            dict(
                y_true=np.array([1, 0, 1, 0, 1, 0, 1, 0, 0]),
                scores=np.array([0.9, 0.5, 0.5, 0.2, 0.3, 0.7, 0.8, 0.1, 0.6]),
                threshold=0.5,
            ),
            dict(
                y_true=np.array([0, 0, 1, 1, 1, 0, 0, 1]),
                scores=np.array([0.1, 0.6, 0.8, 0.4, 0.6, 0.3, 0.6, 0.95]),
                threshold=0.6,
            ),
            dict(
                y_true=np.array([1, 1, 0, 0, 0]),
                scores=np.array([2.0, -1.0, 0.5, -3.0, 1.0]),
                threshold=0.0,
            ),
        ],
        generate=_gen_tpr_fpr,
        mistakes=[
            (
                _strict,
                "a score equal to the threshold counts as "
                "positive (score ≥ threshold); you used >.",
            ),
            (
                lambda y, s, t: _rates(y, s, t)[::-1],
                "you returned (fpr, tpr); the order is (tpr, fpr).",
            ),
            (
                _fn_for_fp,
                "your FPR uses the false negatives; FPR = FP / (FP + TN) counts "
                "the negatives predicted positive (you swapped FP and FN).",
            ),
            (
                _over_predicted,
                "your FPR is FP / (FP + TP), the fraction of alarms that are false; "
                "FPR divides by the number of actual negatives, FP + TN.",
            ),
            (
                _specificity,
                "your FPR is TN / (FP + TN), the specificity; "
                "FPR = FP / (FP + TN) = 1 − specificity.",
            ),
        ],
        explain=(
            "Each threshold gives one point (FPR, TPR); "
            "sweeping it traces the ROC curve."
        ),
    )


@number_exercise("roc.auc_ranking")
def auc_ranking():
    """Positives scored 0.9, 0.6, 0.4; negatives scored 0.7, 0.4, 0.2, 0.1. What is the
    AUC, i.e. the fraction of (positive, negative) pairs in which the positive scores
    higher, a tie counting half?

    Stub: ``answer = None``, then ``check("roc.auc_ranking", answer)``.
    """
    scores = np.array(AUC_POS + AUC_NEG)
    y_true = np.repeat([1, 0], [len(AUC_POS), len(AUC_NEG)])
    auc = auc_by_ranking(y_true, scores)
    diff = np.subtract.outer(AUC_POS, AUC_NEG)
    wins, ties, pairs = np.sum(diff > 0), np.sum(diff == 0), diff.size
    return Number(
        auc,
        decimals=3,
        hints={
            wins
            / pairs: "you counted the tie (0.4 against 0.4) as 0; a tie counts half.",
            (wins + ties) / pairs: (
                "you counted the tie (0.4 against 0.4) as a win; a tie counts half."
            ),
            1 - auc: (
                "that is the fraction of pairs the negative wins; "
                "AUC counts pairs the positive wins."
            ),
            wins + ties / 2: (
                "that is the number of correctly ranked pairs; "
                "divide by the number of pairs, 3 × 4."
            ),
            (wins + ties / 2) / 7: (
                "divide by the number of (positive, negative) pairs, "
                "3 × 4 = 12, not by the number of samples."
            ),
        },
        explain=(
            f"{wins} wins and {ties} tie out of "
            f"{pairs} pairs: ({wins} + 0.5) / {pairs}."
        ),
    )


# The cost exercise: thresholds with their TP and FP counts, 20 ill and 980 healthy.
COST_THRESHOLDS = np.array([0.9, 0.7, 0.5, 0.3, 0.2, 0.1, 0.05])
COST_TP = np.array([4, 8, 12, 15, 17, 19, 20])
COST_FP = np.array([2, 5, 20, 60, 120, 300, 600])
COST_P, COST_N = 20, 980
COST_FN_C, COST_FP_C = 20.0, 1.0  # c_FN, c_FP


def _cheapest(c_fn, c_fp):
    """The threshold of the table with the least c_FN · FN + c_FP · FP."""
    cost = c_fn * (COST_P - COST_TP) + c_fp * COST_FP
    return float(COST_THRESHOLDS[np.argmin(cost)])


@number_exercise("roc.min_cost_threshold")
def min_cost_threshold():
    """Of 1,000 screened people 20 are ill. At the thresholds 0.9, 0.7, 0.5, 0.3, 0.2,
    0.1, 0.05 the test has TP = 4, 8, 12, 15, 17, 19, 20 and FP = 2, 5, 20, 60, 120,
    300, 600. A missed illness costs 20, a false alarm 1. Which threshold of the table
    has the least expected cost?

    Stub: ``answer = None``, then ``check("roc.min_cost_threshold", answer)``.
    """
    tpr, fpr = COST_TP / COST_P, COST_FP / COST_N
    errors = (COST_P - COST_TP) + COST_FP
    cost = COST_FN_C * (COST_P - COST_TP) + COST_FP_C * COST_FP
    return Number(
        _cheapest(COST_FN_C, COST_FP_C),
        decimals=2,
        hints={
            float(COST_THRESHOLDS[np.argmax(tpr - fpr)]): (
                "that threshold has the largest TPR − FPR (Youden's index), which "
                "ignores both the costs and the prevalence. Compute "
                "c_FN · FN + c_FP · FP at every threshold."
            ),
            float(COST_THRESHOLDS[np.argmin(errors)]): (
                "that threshold makes the fewest errors FN + FP: it weighs a miss "
                "like a false alarm, but here a miss costs 20 times more."
            ),
            _cheapest(COST_FP_C, COST_FN_C): (
                "you weighted the false alarms by 20 and the misses by 1: the other "
                "way round. FN = 20 − TP, and each costs 20."
            ),
            float(COST_THRESHOLDS[-1]): (
                "that threshold misses no one, but its 600 false alarms cost more "
                "than the misses it avoids; weigh both kinds of error."
            ),
            float(np.min(cost)): (
                "that is the least expected cost itself; the question asks for the "
                "threshold at which it is reached."
            ),
            **{
                float(t): (
                    "another threshold of the table has a lower expected cost; "
                    "compute c_FN · (20 − TP) + c_FP · FP for every row."
                )
                for t in COST_THRESHOLDS[[2, 5]]
            },
        },
        explain=(
            "Expected cost c_FN · FN + c_FP · FP with FN = P − TP: the cheapest "
            "threshold balances misses against false alarms at the ratio of "
            "their costs."
        ),
    )


# The average precision exercise: distinct scores, so no ties.
AP_POS = [0.9, 0.5, 0.4]
AP_NEG = [0.8, 0.7, 0.3, 0.2]


@number_exercise("roc.average_precision")
def average_precision_by_hand():
    """Positives scored 0.9, 0.5, 0.4; negatives scored 0.8, 0.7, 0.3, 0.2. What is
    the average precision AP = Σ_k (R_k − R_{k−1}) P_k (step-wise, no interpolation)?

    Stub: ``answer = None``, then ``check("roc.average_precision", answer)``.
    """
    scores = np.array(AP_POS + AP_NEG)
    y_true = np.repeat([1, 0], [len(AP_POS), len(AP_NEG)])
    precision, recall, _ = precision_recall_curve(y_true, scores)
    at_positives = precision[1:][np.diff(recall) > 0]
    interpolated = [precision[k:].max() for k in np.flatnonzero(np.diff(recall)) + 1]
    return Number(
        average_precision(y_true, scores),
        digits=3,
        hints={
            float(np.mean(interpolated)): (
                "you used the interpolated precision (the best precision at this "
                "recall or any higher one); AP takes the precision at the threshold "
                "itself."
            ),
            auc_by_ranking(y_true, scores): (
                "that is the ROC AUC; AP weighs precision, not the fraction of "
                "correctly ranked pairs."
            ),
            float(np.trapezoid(precision, recall)): (
                "that is the trapezoid area under the PR curve; AP is the staircase "
                "sum Σ (R_k − R_{k−1}) P_k, without interpolating between points."
            ),
            float(precision[1:].mean()): (
                "you averaged the precision over all 7 thresholds; AP counts only "
                "the thresholds where recall grows (where a positive crosses)."
            ),
            float(y_true.mean()): (
                "that is the prevalence, the AP of a scorer that carries no "
                "information."
            ),
            float(at_positives.sum() / scores.size): (
                "you divided by the number of samples; each positive adds the "
                "recall it gains, 1/3, times its precision."
            ),
            float(at_positives[-1]): (
                "that is the precision at full recall only; AP averages the "
                "precision at each positive."
            ),
        },
        explain=(
            "Sorted by score the labels read + − − + + − −: precision 1/1, 2/4 "
            "and 3/5 where each positive is found, each weighted by 1/3."
        ),
    )
