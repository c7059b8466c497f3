"""Chapter 4 exercises. Oracle: reference answers written here by hand:
∂L/∂z = (σ(z) − y)/N for the mean BCE; the softmax-SSE gradient as the full Jacobian
(diag(p) − p pᵀ) times (p − y); the mean NLL −(ln 0.7 + ln 0.6 + ln 0.5 + ln 0.25)/4;
the Gaussian NLL Σ r²/(2σ²) + (N/2) ln(2πσ²); the median 2.8 of the seven L1 targets;
the stable BCE max(z, 0) − zy + ln(1 + e^(−|z|)). Each stub must be "not attempted" and
each typical mistake must get its own message."""

import math

import numpy as np
from exercise_cases import standard_tests

from mlp_lib.exercises import check


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def bce_grad_z(z, y):
    return (_sigmoid(z) - y) / len(z)


def softmax_sse_grad(z, y):
    p = _softmax(z)
    jacobian = np.diag(p) - np.outer(p, p)  # J[i, k] = ∂p_i/∂z_k, symmetric
    return jacobian.T @ (p - y)


def bce_grad_z_stub(z, y): ...


def softmax_sse_grad_stub(z, y):
    raise NotImplementedError


NLL = -(math.log(0.7) + math.log(0.6) + math.log(0.5) + math.log(0.25)) / 4
R2, SIGMA, N = 0.09 + 0.25 + 0.01 + 0.16 + 0.04, 0.5, 5
GAUSS = R2 / (2 * SIGMA**2) + N / 2 * math.log(2 * math.pi * SIGMA**2)


def stable_bce(z, y):
    return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))


def stable_bce_stub(z, y): ...


def _naive_bce(z, y):
    with np.errstate(all="ignore"):
        return np.log(1 + np.exp(z)) - y * z


def _bce_via_probability(z, y):
    with np.errstate(all="ignore"):
        p = 1 / (1 + np.exp(-z))
        return -(y * np.log(p) + (1 - y) * np.log(1 - p))


L1_TARGETS = [3.1, 0.4, 2.2, 9.5, 1.7, 2.8, 40.0]

CASES = {
    "loss.bce_grad_z": (
        bce_grad_z,
        bce_grad_z_stub,
        [
            (lambda z, y: _sigmoid(z) - y, "forgot the 1/N"),
            (lambda z, y: (y - _sigmoid(z)) / len(z), "sign error"),
            (
                lambda z, y: bce_grad_z(z, y) * _sigmoid(z) * (1 - _sigmoid(z)),
                "that is the SSE gradient",
            ),
            (
                lambda z, y: (_sigmoid(z) - y) * _sigmoid(z) * (1 - _sigmoid(z)),
                "forgot the 1/N",
            ),
            (lambda z, y: (z - y) / len(z), "you used z where ŷ = σ(z)"),
            (lambda z, y: bce_grad_z(z, y)[:1], "shape"),
        ],
    ),
    "loss.softmax_sse_grad": (
        softmax_sse_grad,
        softmax_sse_grad_stub,
        [
            (
                lambda z, y: (_softmax(z) - y) * _softmax(z) * (1 - _softmax(z)),
                "off-diagonal terms",
            ),
            (lambda z, y: _softmax(z) - y, "cross-entropy with softmax"),
            (lambda z, y: -softmax_sse_grad(z, y), "sign error"),
            (lambda z, y: softmax_sse_grad(z, y).sum(), "shape"),
        ],
    ),
    "loss.nll_of_predictions": (
        NLL,
        None,
        [
            (4 * NLL, "SUM over the 4 examples"),
            (-NLL, "minus sign"),
            (NLL / math.log(2), "bits"),
            (-(math.log(0.7) + math.log(0.6) + 2 * math.log(0.5)) / 4, "TRUE label"),
            (-math.log((0.7 + 0.6 + 0.5 + 0.25) / 4), "mean of the logs"),
            ("0.737", "about 3 significant digits"),  # 3 digits; 4 are asked for
        ],
    ),
    "loss.gaussian_nll": (
        GAUSS,
        None,
        [
            (R2 / (2 * SIGMA**2), "add the constant"),
            (R2 / SIGMA**2 + N / 2 * math.log(2 * math.pi * SIGMA**2), "dropped the 2"),
            (
                R2 / (2 * SIGMA**2) + N / 2 * math.log(2 * math.pi * SIGMA),
                "used s instead of s²",
            ),
            (
                R2 / (2 * SIGMA**2) + 0.5 * math.log(2 * math.pi * SIGMA**2),
                "each of the N examples",
            ),
            (GAUSS / N, "mean over the 5"),
            (-GAUSS, "sign error"),
        ],
    ),
    "loss.l1_best_constant": (
        2.8,
        None,
        [
            (sum(L1_TARGETS) / 7, "the mean"),
            (9.5, "sort the targets first"),
            (20.2, "middle of the range"),
            (2.5, "without 40.0"),
        ],
    ),
    "loss.stable_bce": (
        stable_bce,
        stable_bce_stub,
        [
            (_naive_bce, "e^z overflows"),
            (_bce_via_probability, "through ŷ = σ(z)"),
            (lambda z, y: np.log1p(np.exp(-np.abs(z))) - y * z, "dropped max(z, 0)"),
            (lambda z, y: np.mean(stable_bce(z, y)), "one loss per example"),
            (lambda z, y: np.logaddexp(0.0, z) + y * z, "sign error"),
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
) = standard_tests(CASES)


def test_diagonal_shortcut_message_names_the_off_diagonal_terms():
    def diagonal_only(z, y):
        p = _softmax(z)
        return (p - y) * p * (1 - p)

    message = check("loss.softmax_sse_grad", diagonal_only).message
    assert "only the diagonal" in message and "−ŷᵢŷ_k" in message


def test_numbers_may_be_given_as_text():
    assert check("loss.nll_of_predictions", f"{NLL:.10f}").passed
