"""Chapter 9 exercises. Oracle: reference answers written here by hand
(precision 45/75 = 0.6, recall 45/60 = 0.75, F1 = 2/3; TPR and FPR by counting
scores ≥ threshold; AUC = 9.5/12 with one tie; the cheapest threshold of a table by
20·FN + FP; AP = (1 + 2/4 + 3/5)/3 from the ranking + − − + + − −); each stub must be
"not attempted" and each typical mistake must get its own message."""

import numpy as np
from exercise_cases import standard_tests

from mlp_lib.exercises import check


def tpr_fpr(y_true, scores, threshold):
    positive = scores >= threshold
    tp = np.sum(positive & (y_true == 1))
    fp = np.sum(positive & (y_true == 0))
    return tp / np.sum(y_true == 1), fp / np.sum(y_true == 0)


def tpr_fpr_stub(y_true, scores, threshold): ...


def _with(positive_rule, rate_rule):
    def wrong(y_true, scores, threshold):
        positive = positive_rule(scores, threshold)
        tp, fp = np.sum(positive & (y_true == 1)), np.sum(positive & (y_true == 0))
        fn, tn = np.sum(~positive & (y_true == 1)), np.sum(~positive & (y_true == 0))
        return rate_rule(tp, fp, fn, tn)

    return wrong


def at_least(s, t):
    return s >= t


def above(s, t):
    return s > t


CASES = {
    "roc.precision_recall_f1": (
        (0.6, 0.75, 2 / 3),
        None,
        [
            ((0.75, 0.6, 2 / 3), "swapped precision and recall"),
            ([0.6, 0.75, 0.675], "harmonic mean"),
            ((0.6, 0.75, 0.9), "forgot to divide by P + R"),
            ((0.955, 0.75, 2 * 0.955 * 0.75 / 1.705), "accuracy"),
            (
                (0.6, 910 / 940, 2 * 0.6 * (910 / 940) / (0.6 + 910 / 940)),
                "specificity",
            ),
            ((0.5, 0.75, 0.6), "only the predicted positives"),
            ((0.6, 0.75), "has 2 values; expected 3"),
            (0.6, "should be a tuple of 3 values"),
        ],
    ),
    "roc.tpr_fpr": (
        tpr_fpr,
        tpr_fpr_stub,
        [
            (
                _with(above, lambda tp, fp, fn, tn: (tp / (tp + fn), fp / (fp + tn))),
                "you used >",
            ),
            (lambda y, s, t: tpr_fpr(y, s, t)[::-1], "you returned (fpr, tpr)"),
            (
                _with(
                    at_least, lambda tp, fp, fn, tn: (tp / (tp + fn), fn / (fn + tn))
                ),
                "swapped FP and FN",
            ),
            (
                _with(
                    at_least, lambda tp, fp, fn, tn: (tp / (tp + fn), fp / (fp + tp))
                ),
                "fraction of alarms",
            ),
            (
                _with(
                    at_least, lambda tp, fp, fn, tn: (tp / (tp + fn), tn / (fp + tn))
                ),
                "specificity",
            ),
            (lambda y, s, t: tpr_fpr(y, s, t)[0], "should be a tuple of 2 values"),
        ],
    ),
    "roc.auc_ranking": (
        9.5 / 12,
        None,
        [
            (9 / 12, "tie (0.4 against 0.4) as 0"),
            (10 / 12, "tie (0.4 against 0.4) as a win"),
            (2.5 / 12, "the negative wins"),
            (9.5, "number of correctly ranked pairs"),
            (9.5 / 7, "not by the number of samples"),
        ],
    ),
    "roc.min_cost_threshold": (
        0.3,  # costs 20·FN + FP: 322, 245, 180, 160, 180, 320, 600
        None,
        [
            (0.2, "Youden"),  # TPR − FPR largest: 0.728
            (0.7, "fewest errors"),  # FN + FP: 17
            (0.9, "other way round"),  # FN + 20·FP: 56
            (0.05, "misses no one"),
            (160, "least expected cost itself"),
            (0.5, "another threshold"),
            (0.1, "another threshold"),
        ],
    ),
    "roc.average_precision": (
        (1 + 2 / 4 + 3 / 5) / 3,  # ranking + − − + + − −
        None,
        [
            ((1 + 3 / 5 + 3 / 5) / 3, "interpolated"),
            (8 / 12, "ROC AUC"),
            (
                1 / 3 + (1 / 3) * (1 / 3 + 1 / 2) / 2 + (1 / 3) * (1 / 2 + 3 / 5) / 2,
                "trapezoid",
            ),
            (
                (1 + 1 / 2 + 1 / 3 + 1 / 2 + 3 / 5 + 1 / 2 + 3 / 7) / 7,
                "all 7 thresholds",
            ),
            (3 / 7, "prevalence"),
            ((1 + 2 / 4 + 3 / 5) / 7, "number of samples"),
            (3 / 5, "full recall only"),
        ],
    ),
}


(
    test_reference_answer_passes,
    test_stub_is_not_attempted,
    test_typical_mistake_gets_its_message,
    test_odd_answers_get_feedback_not_exceptions,
    test_hard_coded_example_and_replayed_feedback_fail,
    test_feedback_never_shows_the_answer,
    test_a_float32_reference_passes_or_is_told_why,
    test_reference_passes_on_other_generated_inputs,
) = standard_tests(CASES, more_odd_answers={"number-as-text": "0.5", "int": 7})


def test_rounded_answers_are_accepted():
    assert check("roc.precision_recall_f1", (0.6, 0.75, 0.667)).passed
    assert check("roc.auc_ranking", "0.7917").passed


def raising(y_true, scores, threshold):
    raise ZeroDivisionError("boom")


def test_a_raising_function_is_reported():
    assert "raised ZeroDivisionError" in check("roc.tpr_fpr", raising).message
