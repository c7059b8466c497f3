"""Exercises of the regularization chapter ("regularization.*"): an SGD step with weight
decay, the L1 subgradient, the value a unit passes on under inverted dropout, the
classic test-time weight, the proximal L1 step, and the smallest lasso strength that
zeroes every weight.

Expected values come from the library (mlp_lib.optim's weight_decay,
mlp_lib.regularization's l1_penalty, soft_threshold and ClassicDropout,
mlp_lib.layers.Dropout); the
reference solutions are in the chapter's notebook.
"""

import numpy as np

from ..layers import Dropout
from ..module import Parameter
from ..optim import SGD
from ..regularization import ClassicDropout, l1_penalty, soft_threshold
from . import Number, check_function, exercise, fresh, number_exercise, strided


def _reference_decay_step(w, g, lr, lam):
    p = Parameter(w)
    p.grad[...] = g
    SGD([p], lr=lr, weight_decay=lam).step()
    return p.value


def _gen_weight_decay_step(rng):
    shape = (int(rng.integers(2, 4)), int(rng.integers(2, 5)))
    return [
        fresh(
            "random values, 2-D weights",
            w=rng.normal(size=shape),
            g=rng.normal(size=shape),
            lr=float(rng.uniform(0.01, 0.5)),
            lam=float(rng.uniform(0.01, 1)),
        ),
        fresh(
            "lam = 0 (no decay)",
            w=rng.normal(size=3),
            g=rng.normal(size=3),
            lr=0.1,
            lam=0.0,
        ),
        fresh("a zero gradient", w=rng.normal(size=3), g=np.zeros(3), lr=0.5, lam=0.3),
    ]


@exercise("regularization.weight_decay_step", kind="function")
def weight_decay_step(answer):
    """Write ``weight_decay_step(w, g, lr, lam)`` returning the weights after one SGD
    step with learning rate lr on L + ½λ‖w‖², where g = ∂L/∂w.

    Stub: ``def weight_decay_step(w, g, lr, lam): ...``, then
    ``check("regularization.weight_decay_step", weight_decay_step)``.
    """
    return check_function(
        answer,
        _reference_decay_step,
        cases=[
            dict(
                w=np.array([1.0, -2.0, 0.5]),
                g=np.array([0.2, 0.1, -0.4]),
                lr=0.1,
                lam=0.5,
            ),
            dict(
                w=np.array([[2.0, -1.0], [0.0, 3.0]]),
                g=np.array([[1.0, 0.0], [-1.0, 0.5]]),
                lr=0.05,
                lam=0.1,
            ),
            dict(w=np.array([4.0]), g=np.array([0.0]), lr=0.5, lam=0.2),
        ],
        generate=_gen_weight_decay_step,
        mistakes=[
            (
                lambda w, g, lr, lam: (1 - lam) * w - lr * g,
                "the decay term is missing the learning rate: the penalty's "
                "gradient λw is multiplied by η like the rest of the gradient, "
                "so w shrinks by the factor (1 − ηλ), not (1 − λ).",
            ),
            (
                lambda w, g, lr, lam: (1 + lr * lam) * w - lr * g,
                "the decay has the wrong sign: the step goes against "
                "the penalty's gradient λw, so w shrinks by (1 − ηλ).",
            ),
            (
                lambda w, g, lr, lam: w - lr * g - lr * lam * np.sign(w),
                "that is an L1 step (it subtracts ηλ·sgn(w)); "
                "weight decay is L2, whose gradient is λw.",
            ),
            (
                lambda w, g, lr, lam: (1 - lr * lam) * (w - lr * g),
                "you decayed the weights after the gradient step; "
                "both terms use the current w: (1 − ηλ)w − η g.",
            ),
            (
                lambda w, g, lr, lam: (1 - lr * lam) * w + lr * g,
                "the gradient step goes uphill: subtract η g.",
            ),
            (
                lambda w, g, lr, lam: (1 - lr * lam / 2) * w - lr * g,
                "the gradient of ½λ‖w‖² is λw "
                "(the ½ cancels the 2 of the square), so the factor is (1 − ηλ).",
            ),
        ],
        explain="Weight decay is the L2 penalty ½λ‖w‖² seen through one SGD step.",
    )


def _reference_l1(w, lam):
    p = Parameter(w)
    l1_penalty([p], lam)
    return p.grad


def _gen_l1_subgradient(rng):
    w = rng.normal(size=(3, 4))
    w[rng.random(w.shape) < 0.3] = 0.0
    return [
        fresh("random values with exact zeros", w=w, lam=float(rng.uniform(0.01, 1))),
        fresh("large magnitudes", w=w * 1e6, lam=0.5),
        fresh("a non-contiguous array", w=strided(w), lam=2.0),
    ]


@exercise("regularization.l1_subgradient", kind="function")
def l1_subgradient(answer):
    """Write ``l1_subgradient(w, lam)`` returning the (sub)gradient of λ‖w‖₁ with
    respect to w, choosing 0 where w = 0.

    Stub: ``def l1_subgradient(w, lam): ...``, then
    ``check("regularization.l1_subgradient", l1_subgradient)``.
    """
    return check_function(
        answer,
        _reference_l1,
        cases=[
            dict(w=np.array([0.5, -2.0, 3.0]), lam=0.1),
            dict(w=np.array([[1.5, -0.25], [-4.0, 2.0]]), lam=0.01),
            dict(w=np.array([0.0, 1.0, -1.0]), lam=2.0),
        ],
        generate=_gen_l1_subgradient,
        mistakes=[
            (
                lambda w, lam: lam * w,
                "λw is the gradient of the L2 penalty ½λ‖w‖²; for λ‖w‖₁ "
                "each weight gets λ·sgn(w), the same size whatever |w| is.",
            ),
            (
                lambda w, lam: 0.5 * lam * np.sign(w),
                "½λ·sgn(w) is the gradient of ½λ‖w‖₁, the inconsistent form "
                "in the lecture notes; the penalty λ‖w‖₁ has gradient λ·sgn(w).",
            ),
            (
                lambda w, lam: np.sign(w),
                "you left out λ: the gradient of λ‖w‖₁ is λ·sgn(w).",
            ),
            (
                lambda w, lam: lam * np.where(w >= 0, 1.0, -1.0),
                "at w = 0, |w| has no derivative; use the "
                "subgradient 0 there (np.sign(0) = 0), not +λ.",
            ),
            (
                lambda w, lam: lam * np.abs(w),
                "λ|w| is the penalty itself; its derivative is λ·sgn(w).",
            ),
        ],
        explain=(
            "Every nonzero weight is pulled towards 0 "
            "by the same amount λ, however small it is."
        ),
    )


def _one_unit(layer, a):
    return float(layer(np.array([[a]]))[0, 0])


@number_exercise("regularization.inverted_kept")
def inverted_kept():
    """Inverted dropout, p = 0.25, training: a unit with activation 3 is kept. What does
    the next layer receive?

    Stub: ``answer = None``, then ``check("regularization.inverted_kept", answer)``.
    """
    p, a = 0.25, 3.0
    # the value of the kept copies
    expected = float(Dropout(p, rng=0)(np.full((1, 100), a)).max())
    return Number(
        expected,
        hints={
            a: (
                "inverted dropout rescales the kept units during training; "
                "without that the next layer would see on "
                "average (1 − p)·3 in training and 3 at test time."
            ),
            a * (1 - p): (
                "that is classic dropout's test-time output "
                "(1 − p)·a; inverted dropout divides the kept "
                "units by (1 − p) during training instead."
            ),
            a / p: (
                "divide by the keep probability 1 − p = 0.75, "
                "not by the drop probability p."
            ),
            a * p: "p is the probability of dropping; a kept unit is divided by 1 − p.",
            0.0: "the unit was kept, not dropped.",
        },
        explain=(
            "Averaged over masks: 0.75 · 4 + 0.25 · 0 = 3, "
            "the unit's value at test time."
        ),
    )


@number_exercise("regularization.classic_test_weight")
def classic_test_weight():
    """Classic dropout with p = 0.2 on a unit's inputs; a weight trained to w = 1.5.
    Which weight does the network use at test time?

    Stub: ``answer = None``, then
    ``check("regularization.classic_test_weight", answer)``.
    """
    p, w = 0.2, 1.5
    expected = _one_unit(ClassicDropout(p).eval(), 1.0) * w  # eval-mode factor times w
    return Number(
        expected,
        hints={
            w: (
                "without rescaling the test-time unit would receive "
                "more input than during training, where only a fraction "
                "1 − p of its inputs were present; scale w by 1 − p."
            ),
            w * p: (
                "p = 0.2 is the probability of dropping an input; "
                "scale by the keep probability 1 − p."
            ),
            w / (1 - p): (
                "dividing by 1 − p is inverted dropout's "
                "training-time rescaling; classic dropout "
                "multiplies the weights by 1 − p at test time."
            ),
            w * 0.5: "the factor 0.5 holds for p = 0.5 only; here it is 1 − p = 0.8.",
        },
        explain="The test-time input then equals its expected value during training.",
    )


def _reference_proximal_step(w, g, lr, lam):
    return soft_threshold(w - lr * g, lr * lam)


def _gen_proximal_step(rng):
    shape = (int(rng.integers(2, 4)), int(rng.integers(2, 5)))
    return [
        fresh(
            "random values, some below the threshold",
            w=rng.normal(scale=0.1, size=shape),
            g=rng.normal(size=shape),
            lr=float(rng.uniform(0.01, 0.1)),
            lam=float(rng.uniform(0.5, 2)),
        ),
        fresh(
            "lam = 0 (a plain step)",
            w=rng.normal(size=3),
            g=rng.normal(size=3),
            lr=0.1,
            lam=0.0,
        ),
        fresh(
            "a non-contiguous array",
            w=strided(rng.normal(size=(3, 4))),
            g=strided(rng.normal(size=(3, 4))),
            lr=0.5,
            lam=1.0,
        ),
    ]


@exercise("regularization.proximal_step", kind="function")
def proximal_step(answer):
    """Write ``proximal_step(w, g, lr, lam)`` returning the weights after one proximal
    gradient step on L + λ‖w‖₁, where g = ∂L/∂w.

    Stub: ``def proximal_step(w, g, lr, lam): ...``, then
    ``check("regularization.proximal_step", proximal_step)``.
    """
    return check_function(
        answer,
        _reference_proximal_step,
        cases=[
            dict(
                w=np.array([0.3, -0.2, 0.05, 1.0]),
                g=np.array([1.0, -1.0, 0.5, 2.0]),
                lr=0.1,
                lam=0.5,
            ),
            dict(
                w=np.array([[0.02, -0.5], [0.2, -0.01]]),
                g=np.array([[0.1, 0.0], [-1.0, 0.3]]),
                lr=0.2,
                lam=0.25,
            ),
            dict(w=np.array([0.0, 2.0]), g=np.array([0.0, 0.0]), lr=0.5, lam=1.0),
        ],
        generate=_gen_proximal_step,
        mistakes=[
            (
                lambda w, g, lr, lam: w - lr * g - lr * lam * np.sign(w),
                "that is a subgradient step, which jitters around 0 instead of "
                "landing on it; take the data step u = w − ηg first, then "
                "soft-threshold u.",
            ),
            (
                lambda w, g, lr, lam: soft_threshold(w - lr * g, lam),
                "the threshold is ηλ, not λ: the penalty is paid for one step "
                "of size η.",
            ),
            (
                lambda w, g, lr, lam: np.where(
                    np.abs(w - lr * g) > lr * lam, w - lr * g, 0.0
                ),
                "that is hard thresholding: it zeroes small entries but leaves "
                "the others unchanged; the proximal step also moves every "
                "surviving entry ηλ towards 0.",
            ),
            (
                lambda w, g, lr, lam: np.maximum(w - lr * g - lr * lam, 0.0),
                "negative weights must survive too: shrink |u| by ηλ and keep "
                "the sign of u.",
            ),
            (
                lambda w, g, lr, lam: soft_threshold(w, lr * lam) - lr * g,
                "you thresholded before the gradient step; first u = w − ηg, "
                "then threshold u, so that the result can be exactly 0.",
            ),
            (
                lambda w, g, lr, lam: soft_threshold(w + lr * g, lr * lam),
                "the data step goes uphill: u = w − ηg.",
            ),
            (
                lambda w, g, lr, lam: (w - lr * g) / (1 + lr * lam),
                "dividing by 1 + ηλ is the proximal step of the L2 penalty "
                "½λ‖w‖², which only shrinks; the L1 penalty subtracts ηλ from "
                "|u| and stops at 0.",
            ),
            (
                lambda w, g, lr, lam: (w - lr * g) - lr * lam * np.sign(w - lr * g),
                "subtracting ηλ·sgn(u) overshoots through 0 when |u| < ηλ; "
                "those entries must become exactly 0: max(|u| − ηλ, 0).",
            ),
        ],
        explain=(
            "The minimizer of (1/2η)‖w − u‖² + λ‖w‖₁ with u = w − ηg: "
            "every |u| ≤ ηλ becomes exactly 0."
        ),
    )


# The lasso problem of the exercise: (1/2n)‖y − Xw‖² + α‖w‖₁ with these three examples
_LASSO_X = np.array([[1.0, 2.0], [0.0, 1.0], [-1.0, 1.0]])
_LASSO_Y = np.array([1.0, 0.0, 2.0])


@number_exercise("regularization.lasso_zero_alpha")
def lasso_zero_alpha():
    """For the lasso on the exercise's X (3 × 2) and y, the smallest α for which the
    minimizer of (1/2n)‖y − Xw‖² + α‖w‖₁ is w = 0.

    Stub: ``answer = None``, then ``check("regularization.lasso_zero_alpha", answer)``.
    """
    n = len(_LASSO_Y)
    correlations = np.abs(_LASSO_X.T @ _LASSO_Y)  # |∂L/∂w_j| at w = 0, times n
    expected = float(correlations.max() / n)
    return Number(
        expected,
        hints={
            float(correlations.max()): (
                "the data loss is (1/2n)‖y − Xw‖², so its gradient at w = 0 is "
                "−Xᵀy / n: divide by n = 3."
            ),
            float(2 * correlations.max() / n): (
                "the ½ in (1/2n)‖y − Xw‖² cancels the 2 of the square: the "
                "gradient at 0 is −Xᵀy / n."
            ),
            float(correlations.min() / n): (
                "with that α the weight with the larger correlation still "
                "leaves 0: every |∂L/∂w_j| at w = 0 must be at most α."
            ),
            float(correlations.sum() / n): (
                "each weight is thresholded on its own: the condition is on "
                "the largest |∂L/∂w_j| at w = 0, not on their sum."
            ),
            float(-correlations.max() / n): (
                "α is a penalty strength, never negative: compare it with the "
                "size |∂L/∂w_j| of each gradient entry at w = 0."
            ),
            float(np.linalg.norm(_LASSO_X.T @ _LASSO_Y) / n): (
                "the L1 penalty acts on each weight separately: compare each "
                "|∂L/∂w_j| at 0 with α, so the largest one decides, not the "
                "Euclidean norm of the gradient."
            ),
        },
        explain=(
            "w = 0 is a fixed point of the proximal step exactly when the data "
            "step moves no weight by more than the threshold: η|∂L/∂w_j(0)| ≤ ηα "
            "for every j."
        ),
    )
