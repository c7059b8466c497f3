"""Chapter 4 exercises ("loss.*"): the cross-entropy gradient of a sigmoid output, the
SSE gradient of a softmax output through the full Jacobian, the negative
log-likelihood of a classifier and of a Gaussian regression model, the constant that
minimizes the L1 loss, and the binary cross-entropy from logits computed without
overflow.

Expected values come from the library (Sigmoid and Softmax backward, SSE, L1,
BCEWithLogits, SoftmaxCrossEntropy) or from scipy's normal density; the reference
solutions are in the chapter's notebook.
"""

import numpy as np

from ..activations import Softmax
from ..functional import sigmoid, softmax
from ..losses import L1, SSE, BCEWithLogits, SoftmaxCrossEntropy
from . import Number, check_function, exercise, fresh, number_exercise


def _column(v):
    return np.asarray(v, dtype=np.float64).reshape(-1, 1)


def _ref_bce_grad_z(z, y):
    loss = BCEWithLogits()
    loss(_column(z), _column(y))
    return loss.backward().ravel()


def _gen_bce_grad_z(rng):
    n = int(rng.integers(3, 8))
    return [
        fresh(
            "random values",
            z=rng.normal(size=n) * 2,
            y=rng.integers(0, 2, n).astype(float),
        ),
        fresh(
            "large logits (±40)",
            z=np.array([40.0, -40.0, 40.0, -40.0]),
            y=np.array([1.0, 0.0, 0.0, 1.0]),
        ),
        fresh("one example", z=rng.normal(size=1), y=np.ones(1)),
    ]


@exercise("loss.bce_grad_z", kind="function")
def bce_grad_z(answer):
    """Write ``bce_grad_z(z, y)`` returning ∂L/∂z for the mean binary cross-entropy of a
    sigmoid output, L = −(1/N) Σₙ [yₙ ln ŷₙ + (1 − yₙ) ln(1 − ŷₙ)] with ŷₙ = σ(zₙ).

    z: 1-D array of N pre-activations; y: 1-D array of N labels in {0, 1}; return a 1-D
    array of N.
    Stub: ``def bce_grad_z(z, y): ...``, then ``check("loss.bce_grad_z", bce_grad_z)``.
    """
    return check_function(
        answer,
        _ref_bce_grad_z,
        cases=[
            dict(z=np.array([0.5, -1.0, 2.0, -3.0]), y=np.array([1.0, 0.0, 0.0, 1.0])),
            dict(z=np.array([4.0, -6.0, 0.0]), y=np.array([0.0, 1.0, 1.0])),
            dict(
                z=np.array([1.5, -0.5, 3.0, -2.0, 0.25]),
                y=np.array([1.0, 1.0, 0.0, 0.0, 1.0]),
            ),
        ],
        generate=_gen_bce_grad_z,
        mistakes=[
            (
                lambda z, y: sigmoid(z) - y,
                "you forgot the 1/N: L is the MEAN over the "
                "N examples, so each gradient is (ŷₙ − yₙ)/N.",
            ),
            (
                lambda z, y: (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)) / len(z),
                "you multiplied by σ'(z) = ŷ(1 − ŷ): that is the SSE gradient. "
                "With cross-entropy, ∂L/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ)) and the "
                "factor ŷ(1 − ŷ) of σ' cancels it: ∂L/∂zₙ = (ŷₙ − yₙ)/N.",
            ),
            (
                lambda z, y: (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)),
                "you multiplied by σ'(z) = ŷ(1 − ŷ) (the SSE gradient) "
                "and forgot the 1/N: with cross-entropy "
                "the factor cancels, ∂L/∂zₙ = (ŷₙ − yₙ)/N.",
            ),
            (
                lambda z, y: (y - sigmoid(z)) / len(z),
                "sign error: the gradient is (ŷ − y)/N, positive when the prediction "
                "is too high, so that gradient descent (z ← z − η ∂L/∂z) lowers it.",
            ),
            (
                lambda z, y: (z - y) / len(z),
                "you used z where ŷ = σ(z) belongs: the gradient is (σ(z) − y)/N.",
            ),
        ],
        explain=(
            "The cross-entropy gradient does not "
            "vanish when a wrong prediction saturates."
        ),
    )


def _ref_softmax_sse_grad(z, y):
    layer, loss = Softmax(), SSE()
    loss(layer(np.reshape(z, (1, -1))), np.reshape(y, (1, -1)))
    return layer.backward(loss.backward()).ravel()


def _diagonal_only(z, y):
    p = softmax(z)
    return (p - y) * p * (1 - p)


def _gen_softmax_sse_grad(rng):
    c = int(rng.integers(3, 7))
    return [
        fresh("random values", z=rng.normal(size=c), y=np.eye(c)[rng.integers(c)]),
        fresh("two classes", z=rng.normal(size=2), y=np.array([0.0, 1.0])),
        fresh("logits of about 1000", z=rng.normal(size=c) + 1000.0, y=np.eye(c)[0]),
    ]


@exercise("loss.softmax_sse_grad", kind="function")
def softmax_sse_grad(answer):
    """Write ``softmax_sse_grad(z, y)`` returning ∂E/∂z for E = ½ Σᵢ (ŷᵢ − yᵢ)² with
    ŷ = softmax(z), for one example, using the full softmax Jacobian
    ∂ŷᵢ/∂z_k = ŷᵢ(δᵢₖ − ŷₖ).

    z: 1-D array of C logits; y: 1-D one-hot target of length C; return a 1-D array of
    length C.
    Stub: ``def softmax_sse_grad(z, y): ...``, then
    ``check("loss.softmax_sse_grad", softmax_sse_grad)``.
    """
    return check_function(
        answer,
        _ref_softmax_sse_grad,
        cases=[
            dict(z=np.array([1.0, 2.0, 0.5]), y=np.array([1.0, 0.0, 0.0])),
            dict(z=np.array([0.3, -1.2, 2.5, 0.0]), y=np.array([0.0, 0.0, 0.0, 1.0])),
            dict(z=np.array([-0.5, 0.5]), y=np.array([0.0, 1.0])),
        ],
        generate=_gen_softmax_sse_grad,
        mistakes=[
            (
                _diagonal_only,
                "you used only the diagonal of the softmax Jacobian, "
                "∂ŷᵢ/∂zᵢ = ŷᵢ(1 − ŷᵢ), as for independent sigmoids. With softmax "
                "every ŷᵢ depends on every z_k: the off-diagonal terms "
                "∂ŷᵢ/∂z_k = −ŷᵢŷ_k (i ≠ k) are missing. "
                "Sum over all i: ∂E/∂z_k = Σᵢ (ŷᵢ − yᵢ) ŷᵢ(δᵢₖ − ŷₖ).",
            ),
            (
                lambda z, y: softmax(z) - y,
                "ŷ − y is the gradient of the cross-entropy with softmax; "
                "for the SSE the Jacobian does not cancel: "
                "∂E/∂z_k = Σᵢ (ŷᵢ − yᵢ) ŷᵢ(δᵢₖ − ŷₖ).",
            ),
            (
                lambda z, y: -_ref_softmax_sse_grad(z, y),
                "sign error: ∂E/∂ŷᵢ = ŷᵢ − yᵢ (not yᵢ − ŷᵢ).",
            ),
            (
                lambda z, y: (
                    (np.diag(softmax(z)) - np.outer(softmax(z), softmax(z))) @ (z - y)
                ),
                "you used z where ŷ = softmax(z) belongs in ∂E/∂ŷ = ŷ − y.",
            ),
        ],
        explain=(
            "The off-diagonal terms −ŷᵢŷₖ of the Jacobian matter; "
            "only for cross-entropy does everything collapse to ŷ − y."
        ),
    )


# nll_of_predictions: the classifier's probabilities (rows sum to 1) and true labels.
PROBS = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3], [0.25, 0.25, 0.5]])
LABELS = np.array([0, 2, 1, 0])


@number_exercise("loss.nll_of_predictions")
def nll_of_predictions():
    """A 3-class classifier gives the probabilities ``PROBS`` (one row per example) and
    the true labels are ``LABELS`` = [0, 2, 1, 0]. What is the mean negative
    log-likelihood −(1/N) Σₙ ln p(yₙ | xₙ), i.e. the softmax cross-entropy, in nats?

    Stub: ``answer = None``, then ``check("loss.nll_of_predictions", answer)``.
    """
    # softmax(ln p) = p: the library's loss
    expected = SoftmaxCrossEntropy()(np.log(PROBS), LABELS)
    p_true = PROBS[np.arange(len(LABELS)), LABELS]
    return Number(
        expected,
        hints={
            -np.sum(
                np.log(p_true)
            ): "that is the SUM over the 4 examples; divide by N = 4 for the mean.",
            np.mean(np.log(p_true)): (
                "that is the mean LOG-likelihood; "
                "the negative log-likelihood has a minus sign."
            ),
            -np.mean(np.log2(p_true)): (
                "that is in bits (log base 2); "
                "the question asks for nats (natural log)."
            ),
            -np.mean(
                np.log10(p_true)
            ): "you used log base 10; the question asks for nats (natural log).",
            -np.mean(np.log(PROBS.max(axis=1))): (
                "you used each row's largest probability; "
                "use the probability of the TRUE label yₙ."
            ),
            -np.log(
                np.mean(p_true)
            ): "you took the log of the mean probability; take the mean of the logs.",
            -np.mean(np.sum(np.log(PROBS), axis=1)): (
                "you summed ln p over every class; only the "
                "true class counts (the one-hot y picks it)."
            ),
        },
        explain="Minimizing cross-entropy maximizes the likelihood of the labels.",
    )


# gaussian_nll: a regression model's residuals y − f(x) and the noise's std. deviation.
RESIDUALS = np.array([0.3, -0.5, 0.1, 0.4, -0.2])
NOISE_STD = 0.5


@number_exercise("loss.gaussian_nll")
def gaussian_nll():
    """A regression model's residuals yₙ − f(xₙ) on 5 examples are
    ``RESIDUALS`` = [0.3, −0.5, 0.1, 0.4, −0.2]. Assuming Gaussian noise of standard
    deviation s = 0.5, what is the negative log-likelihood −Σₙ ln N(yₙ; f(xₙ), s²),
    summed over the examples, in nats (constant terms included)?

    Stub: ``answer = None``, then ``check("loss.gaussian_nll", answer)``.
    """
    # scipy comes with scikit-learn; imported here because it is slow
    from scipy.stats import norm

    expected = -np.sum(norm.logpdf(RESIDUALS, loc=0.0, scale=NOISE_STD))
    n, s, sse = len(RESIDUALS), NOISE_STD, 0.5 * np.sum(RESIDUALS**2)  # SSE = ½ Σ r²
    constant = 0.5 * n * np.log(2 * np.pi * s**2)
    return Number(
        expected,
        hints={
            sse / s**2: (
                "that is only the SSE term Σ r²/(2s²); add the constant (N/2) ln(2πs²)."
            ),
            2 * sse / s**2
            + constant: "the quadratic term is Σ r²/(2s²): you dropped the 2 in 2s².",
            sse / s + constant: (
                "you divided by s; the Gaussian density has s² in the exponent."
            ),
            sse / s**2 + 0.5 * n * np.log(2 * np.pi * s): (
                "the constant is (N/2) ln(2πs²): you used s instead of s²."
            ),
            sse / s**2 + 0.5 * np.log(2 * np.pi * s**2): (
                "the constant ½ ln(2πs²) is paid by "
                "each of the N examples: (N/2) ln(2πs²)."
            ),
            -expected: "sign error: the negative log-likelihood is −Σ ln p.",
            (sse / s**2 + constant)
            / n: "that is the mean over the 5 examples; the question asks for the sum.",
        },
        explain=(
            "Only the first term, SSE/s², depends on the model: "
            "for fixed s, minimizing SSE maximizes the Gaussian likelihood."
        ),
    )


# l1_best_constant: seven targets, one of them far out.
L1_TARGETS = np.array([3.1, 0.4, 2.2, 9.5, 1.7, 2.8, 40.0])


@number_exercise("loss.l1_best_constant")
def l1_best_constant():
    """A model predicts the same constant c for every example. The targets are
    ``L1_TARGETS`` = [3.1, 0.4, 2.2, 9.5, 1.7, 2.8, 40.0]. Which c minimizes the L1
    loss (mean absolute error) (1/N) Σₙ |yₙ − c|?

    Stub: ``answer = None``, then ``check("loss.l1_best_constant", answer)``.
    """
    y = L1_TARGETS.reshape(-1, 1)
    # the library's L1 on a fine grid of constants: the oracle, not a formula
    grid = np.round(np.linspace(0.0, 40.0, 40001), 3)
    losses = [L1()(np.full_like(y, c), y) for c in grid]
    expected = float(grid[int(np.argmin(losses))])
    return Number(
        expected,
        hints={
            float(np.mean(L1_TARGETS)): (
                "that is the mean, the constant that minimizes the squared error. "
                "For |y − c|, moving c changes the loss by (number of targets "
                "below c) − (number above) per unit: where is that 0?"
            ),
            float(L1_TARGETS[len(L1_TARGETS) // 2]): (
                "that is the middle entry of the list as given; sort the targets first."
            ),
            float((L1_TARGETS.min() + L1_TARGETS.max()) / 2): (
                "that is the middle of the range, which minimizes the largest error, "
                "not the mean absolute error."
            ),
            float(np.mean(np.abs(L1_TARGETS - np.median(L1_TARGETS)))): (
                "that is the smallest loss itself; "
                "the question asks for the constant c."
            ),
            float(np.median(L1_TARGETS[L1_TARGETS < 40.0])): (
                "that is the median of the six targets without 40.0. The L1 loss "
                "counts every target, the outlier too: it is robust because the "
                "outlier pulls no harder than the others, not because it is dropped."
            ),
        },
        explain=(
            "The median: with c below it, more targets lie above c than below, so "
            "raising c lowers the loss, and the other way round above it. The outlier "
            "40.0 does not move it."
        ),
        digits=3,
    )


def _ref_stable_bce(z, y):
    return (np.logaddexp(0.0, z) - y * z).astype(np.float64)


def _gen_stable_bce(rng):
    n = int(rng.integers(3, 8))
    return [
        fresh(
            "random values",
            z=rng.normal(size=n) * 3,
            y=rng.integers(0, 2, n).astype(float),
        ),
        fresh(
            "huge logits (±800)",
            z=np.array([800.0, -800.0, 800.0, -800.0]),
            y=np.array([1.0, 0.0, 0.0, 1.0]),
            nan_hint="At |z| = 800, e^z or e^(−z) overflows: use e^(−|z|) only.",
        ),
        fresh(
            "soft targets", z=rng.normal(size=n) * 5, y=rng.uniform(0.0, 1.0, size=n)
        ),
    ]


def _via_probability(z, y):
    p = 1 / (1 + np.exp(-z))
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


@exercise("loss.stable_bce", kind="function")
def stable_bce(answer):
    """Write ``stable_bce(z, y)`` returning the binary cross-entropy of σ(z) for every
    example, ℓₙ = softplus(zₙ) − yₙ zₙ, finite and accurate for any logit (try ±800).

    z, y: 1-D arrays of N logits and targets in [0, 1]; return a 1-D array of N.
    Stub: ``def stable_bce(z, y): ...``, then ``check("loss.stable_bce", stable_bce)``.
    """
    return check_function(
        answer,
        _ref_stable_bce,
        cases=[
            dict(z=np.array([0.5, -2.0, 3.0, 0.0]), y=np.array([1.0, 0.0, 0.0, 1.0])),
            dict(z=np.array([30.0, -30.0]), y=np.array([0.0, 0.0])),
            dict(z=np.array([1000.0, -1000.0]), y=np.array([0.0, 0.0])),
        ],
        generate=_gen_stable_bce,
        mistakes=[
            (
                lambda z, y: np.log(1 + np.exp(z)) - y * z,
                "you computed ln(1 + e^z) as written: e^z overflows to inf for "
                "z > 709. Use softplus(z) = max(z, 0) + ln(1 + e^(−|z|)).",
            ),
            (
                _via_probability,
                "you went through ŷ = σ(z): for large |z| it rounds to exactly 0 or 1, "
                "and ln 0 gives inf or nan. Work with z directly: "
                "max(z, 0) − yz + ln(1 + e^(−|z|)).",
            ),
            (
                lambda z, y: np.log1p(np.exp(-np.abs(z))) - y * z,
                "you dropped max(z, 0): ln(1 + e^z) = max(z, 0) + ln(1 + e^(−|z|)).",
            ),
            (
                lambda z, y: np.mean(np.logaddexp(0.0, z) - y * z),
                "you returned the mean over the examples; "
                "return one loss per example, an array of N.",
            ),
            (
                lambda z, y: np.logaddexp(0.0, z) + y * z,
                "sign error: the loss is softplus(z) − yz.",
            ),
            (
                lambda z, y: np.logaddexp(0.0, -z) - y * z,
                "you used softplus(−z); the loss is softplus(z) − yz "
                "(or, equally, softplus(−z) + (1 − y) z).",
            ),
        ],
        explain=(
            "e^(−|z|) is at most 1, so nothing overflows, and log1p keeps it accurate "
            "when e^(−|z|) is tiny. np.logaddexp(0, z) does the same."
        ),
    )
