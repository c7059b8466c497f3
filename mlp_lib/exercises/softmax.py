"""Chapter 5 exercises ("softmax.*"): a numerically stable softmax, one entry of the
softmax Jacobian, the gradient of softmax + cross-entropy, softmax with a
temperature, the temperature that calibrates a few validation logits, and the label
smoothing that gives a chosen logit gap.

Expected values come from the library (functional.softmax, the Softmax layer's backward
pass, SoftmaxCrossEntropy's backward pass); the reference solutions are in the chapter's
notebook.
"""

import functools

import numpy as np

from ..activations import Softmax
from ..functional import softmax as _softmax
from ..losses import SoftmaxCrossEntropy
from ..metrics import fit_temperature
from . import Number, check_function, correct, exercise, fresh, number_exercise, strided

# Logits of the Jacobian exercise; indices in the prompt count from 1: ∂p_1/∂z_2.
JACOBIAN_LOGITS = np.array([1.0, 2.0, 0.5])
# Logits and temperature of the temperature exercise.
TEMPERATURE_LOGITS, TEMPERATURE = np.array([2.0, 1.0, 0.0]), 2.0


def _quietly(fn):
    """The learner's function with numpy's overflow/invalid warnings silenced.

    The checker reports the inf or NaN itself, so the notebook need not print a
    RuntimeWarning as well.
    """

    @functools.wraps(fn)
    def run(*args):
        with np.errstate(
            over="ignore", invalid="ignore", divide="ignore", under="ignore"
        ):
            return fn(*args)

    return run


def _naive(Z):
    e = np.exp(Z)
    return e / e.sum(axis=1, keepdims=True)


def _shifted_exp(Z):
    return np.exp(Z - Z.max(axis=1, keepdims=True))


ROWS = (
    "each row of Z is one example: normalize along axis=1, so that every row sums to 1"
)
KEEPDIMS = (
    "a per-row max or sum needs `keepdims=True` (shape (n, 1)); without it "
    "numpy broadcasts the n values across the columns instead of down the rows."
)
# (case, what a NaN or inf in the result means for it)
STABILITY_CASES = [
    (
        dict(Z=np.array([[1000.0, 1001.0, 1002.0]])),
        "Overflow: subtract the max of each row before exponentiating. "
        "e^1000 is inf in float64 and inf / inf is NaN; "
        "softmax(z − m) = softmax(z), and every e^(z − m) ≤ 1 cannot overflow.",
    ),
    (
        dict(Z=np.array([[1000.0, 1001.0], [-1000.0, -999.0]])),
        "The second row's logits lie far below the first row's: subtracting the "
        "maximum of the whole batch makes every e^(·) of that row 0, and 0 / 0 "
        "is NaN. Subtract each row's own max, `Z.max(axis=1, keepdims=True)`.",
    ),
]


def _gen_stable_softmax(rng):
    n, c = int(rng.integers(2, 5)), int(rng.integers(3, 7))
    ties = rng.normal(size=(n, c))
    ties[:, 1] = ties[:, 0] = ties.max(axis=1)
    rows = rng.normal(size=(2, c)) * 3
    rows[0] += 1000
    rows[1] -= 1000
    return [
        fresh("random values", Z=rng.normal(size=(n, c)) * 3),
        fresh(
            "logits of about +1000",
            Z=rng.normal(size=(n, c)) + 1000,
            nan_hint=STABILITY_CASES[0][1],
        ),
        fresh(
            "one row near +1000, one near −1000", Z=rows, nan_hint=STABILITY_CASES[1][1]
        ),
        fresh(
            "a row spanning −1000 to +1000 (only its maximum is a safe shift)",
            Z=np.array([[-1000.0, 0.0, 1000.0]]) * rng.uniform(0.8, 1.0),
            nan_hint=(
                "Subtract each row's maximum: any other shift (the mean, a constant) "
                "leaves some exponent far above 0, and e^(z − m) overflows."
            ),
        ),
        fresh("ties for the maximum", Z=ties),
        fresh("one row", Z=rng.normal(size=(1, c))),
        fresh("one column (one class)", Z=rng.normal(size=(n, 1))),
        fresh("a non-contiguous array", Z=strided(rng.normal(size=(n, c)))),
    ]


@exercise("softmax.stable_softmax", kind="function")
def stable_softmax(answer):
    """Write ``stable_softmax(Z)`` returning softmax of each row of the logits Z (n, C),
    computed so that large logits such as 1000 do not overflow (subtract each row's
    maximum first).

    Stub: ``def stable_softmax(Z): ...``, then
    ``check("softmax.stable_softmax", stable_softmax)``.
    """
    fn = _quietly(answer)
    reference = functools.partial(_softmax, axis=1)
    feedback = check_function(
        fn,
        reference,
        cases=[
            dict(Z=np.array([[1.0, 2.0, 3.0], [0.5, 0.5, 0.5], [2.0, -1.0, 0.0]])),
            dict(Z=np.array([[0.0, 1.0, -1.0, 2.0], [3.0, 1.0, 0.0, 0.5]])),
        ],
        generate=_gen_stable_softmax,
        mistakes=[
            (lambda Z: _softmax(Z, axis=0), f"every column sums to 1: {ROWS}."),
            (
                lambda Z: np.exp(Z) / np.exp(Z).sum(),
                f"your whole array sums to 1: {ROWS}.",
            ),
            (
                _shifted_exp,
                "you did not divide by the sum: p = e^(z − m) / Σ_j e^(z_j − m).",
            ),
            (lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1), KEEPDIMS),
            (lambda Z: _naive(Z - Z.max(axis=1)), KEEPDIMS),
            (
                lambda Z: Z / Z.sum(axis=1, keepdims=True),
                "you normalized the logits themselves; "
                "exponentiate first: p_k = e^(z_k) / Σ_j e^(z_j).",
            ),
        ],
    )
    if not feedback.passed:
        return feedback
    for case, meaning in STABILITY_CASES:
        feedback = check_function(fn, reference, cases=[case])
        if not feedback.passed:
            if "NaN or inf" in feedback.message:
                return type(feedback)(
                    False, f"{feedback.message} {meaning}", feedback.status
                )
            return feedback
    return correct(
        "your softmax is right, and stable for logits of ±1000. Subtracting the row's "
        "maximum changes nothing mathematically and keeps every exponential ≤ 1."
    )


def _jacobian(z):
    """J[i, k] = ∂p_i/∂z_k from the Softmax layer's backward (vector-Jacobian) pass."""
    layer = Softmax()
    layer.forward(z[None, :])
    return np.array([layer.backward(row[None, :])[0] for row in np.eye(len(z))])


@number_exercise("softmax.jacobian_entry")
def jacobian_entry():
    """For the logits z = (1.0, 2.0, 0.5) and p = softmax(z), compute ∂p₁/∂z₂ (indices
    count from 1: how the first probability changes when the second logit grows).

    Stub: ``answer = None``, then ``check("softmax.jacobian_entry", answer)``.
    """
    p, J = _softmax(JACOBIAN_LOGITS), _jacobian(JACOBIAN_LOGITS)
    diagonal = (
        "that is the diagonal formula p_i(1 − p_i), "
        "the derivative of p_i by its own logit z_i; "
    )
    off = "for i ≠ k, ∂p_i/∂z_k = −p_i p_k."
    return Number(
        J[0, 1],
        digits=4,
        hints={
            p[0] * p[1]: (
                "the sign is wrong: raising z₂ takes probability "
                "away from class 1, so ∂p₁/∂z₂ = −p₁p₂ < 0."
            ),
            p[0] * (1 - p[0]): diagonal + off,
            p[1] * (1 - p[1]): diagonal + off,
            -p[1] * p[2]: (
                "that is ∂p₂/∂z₃: the indices count from 1 here, "
                "so p₁ is the first entry of p (p[0] in Python)."
            ),
            p[0] * (1 - p[1]): "δ_ik is 0 when i ≠ k: ∂p₁/∂z₂ = p₁(0 − p₂) = −p₁p₂.",
            -p[0]: "you left out the factor p₂: ∂p₁/∂z₂ = −p₁p₂.",
        },
        explain=(
            "∂p₁/∂z₂ = −p₁p₂: every off-diagonal entry of diag(p) − p pᵀ is negative."
        ),
    )


def _ref_ce_gradient(Z, y):
    loss = SoftmaxCrossEntropy()
    loss(Z, y)
    return loss.backward()


def _one_hot(Z, y):
    return np.eye(Z.shape[1])[y]


def _gen_ce_gradient(rng):
    n, c = int(rng.integers(2, 6)), int(rng.integers(3, 6))
    while n == c:
        n += 1
    return [
        fresh("random values", Z=rng.normal(size=(n, c)) * 2, y=rng.integers(0, c, n)),
        fresh(
            "logits of ±1000", Z=rng.normal(size=(n, c)) * 1000, y=rng.integers(0, c, n)
        ),
        fresh("one example", Z=rng.normal(size=(1, c)), y=rng.integers(0, c, 1)),
    ]


@exercise("softmax.ce_gradient", kind="function")
def ce_gradient(answer):
    """Write ``ce_gradient(Z, y)`` returning ∂L/∂Z (n, C) of the mean cross-entropy
    L = −(1/n) Σ_i log softmax(Z_i)[y_i], for logits Z (n, C) and integer labels y (n,).

    Stub: ``def ce_gradient(Z, y): ...``, then
    ``check("softmax.ce_gradient", ce_gradient)``.
    """

    def p(Z):
        return _softmax(Z, axis=1)

    return check_function(
        _quietly(answer),
        _ref_ce_gradient,
        cases=[
            dict(
                Z=np.array(
                    [
                        [2.0, 1.0, 0.1],
                        [0.5, 2.5, -1.0],
                        [0.0, 0.0, 0.0],
                        [1.0, -2.0, 3.0],
                    ]
                ),
                y=np.array([0, 1, 2, 0]),
            ),
            dict(
                Z=np.array([[0.3, -0.2, 1.5, 0.0, 2.0], [1.0, 1.0, -1.0, 0.5, 0.0]]),
                y=np.array([4, 2]),
            ),
        ],
        generate=_gen_ce_gradient,
        mistakes=[
            (
                lambda Z, y: p(Z) - _one_hot(Z, y),
                "you forgot to divide by n: L is the mean over the n "
                "examples, so ∂L/∂Z = (p − y)/n.",
            ),
            (
                lambda Z, y: (_one_hot(Z, y) - p(Z)) / len(Z),
                "the sign is wrong: the gradient is (p − y)/n; "
                "y − p points uphill, towards a larger loss.",
            ),
            (
                lambda Z, y: _one_hot(Z, y) - p(Z),
                "the sign is wrong and the 1/n is missing: (p − y)/n.",
            ),
            (
                lambda Z, y: (Z - _one_hot(Z, y)) / len(Z),
                "you used the logits Z where the probabilities "
                "p = softmax(Z) belong: (p − y)/n.",
            ),
            (
                lambda Z, y: p(Z) / len(Z),
                "you forgot to subtract the one-hot target y: (p − y)/n.",
            ),
            (
                lambda Z, y: (p(Z) - _one_hot(Z, y)) / Z.size,
                "you divided by n·C; the loss sums over the "
                "C classes and averages over the n examples only.",
            ),
        ],
        explain=(
            "Softmax and cross-entropy together give "
            "the simplest gradient there is: (p − y)/n."
        ),
    )


@number_exercise("softmax.temperature")
def temperature():
    """For the logits z = (2.0, 1.0, 0.0) and the temperature T = 2, compute the first
    probability p₁ of softmax(z / T).

    Stub: ``answer = None``, then ``check("softmax.temperature", answer)``.
    """
    z, T = TEMPERATURE_LOGITS, TEMPERATURE
    return Number(
        _softmax(z / T)[0],
        digits=4,
        hints={
            _softmax(z)[
                0
            ]: "that is softmax(z) at T = 1; divide the logits by T = 2 first.",
            _softmax(z * T)[0]: (
                "you multiplied the logits by T; "
                "softmax with temperature divides them: z / T."
            ),
            1
            / len(
                z
            ): "that is the uniform distribution, the limit T → ∞; T = 2 is finite.",
            _softmax(z)[0]
            / T: "you divided the probability by T; divide the logits: softmax(z / T).",
            _softmax(z / T)[-1]: (
                "that is p₃, the probability of the "
                "smallest logit; p₁ belongs to z₁ = 2."
            ),
        },
        explain=(
            "A temperature above 1 flattens the distribution: "
            "p₁ = 0.6652 at T = 1 drops to 0.5065."
        ),
    )


# Validation logits and labels of the temperature exercise: 4 of 6 right, confidently.
CALIBRATION_LOGITS = np.array(
    [[3.0, 0.0], [2.5, 0.0], [0.0, 3.5], [4.0, 0.5], [2.0, 0.0], [0.0, 3.0]]
)
CALIBRATION_LABELS = np.array([0, 1, 1, 0, 0, 0])


def _mean_confidence_t():
    """The T at which the mean top probability equals the accuracy (not the NLL fit)."""
    from scipy.optimize import brentq

    accuracy = np.mean(CALIBRATION_LOGITS.argmax(axis=1) == CALIBRATION_LABELS)
    return brentq(
        lambda t: (
            _softmax(CALIBRATION_LOGITS / t, axis=1).max(axis=1).mean() - accuracy
        ),
        0.1,
        100.0,
    )


@number_exercise("softmax.best_temperature")
def best_temperature():
    """Validation logits z = (3, 0), (2.5, 0), (0, 3.5), (4, 0.5), (2, 0), (0, 3) with
    true classes 1, 2, 2, 1, 1, 1 (counting from 1): find the temperature T > 0 that
    minimizes the mean cross-entropy of softmax(z / T).

    Stub: ``answer = None``, then ``check("softmax.best_temperature", answer)``.
    """
    T = fit_temperature(CALIBRATION_LOGITS, CALIBRATION_LABELS)
    return Number(
        T,
        digits=3,
        hints={
            1.0: (
                "T = 1 leaves the model as it is; four of six right with confidences "
                "of 0.88 to 0.97 is overconfident, and a T above 1 lowers the NLL."
            ),
            1 / T: (
                "that is 1/T, the factor β that multiplies the logits; "
                "the temperature divides them: softmax(z / T)."
            ),
            _mean_confidence_t(): (
                "at that T the mean confidence equals the accuracy, a different "
                "criterion; minimize the mean cross-entropy −(1/N) Σ log p_y instead."
            ),
        },
        explain=(
            "The model is right on 4 of 6 examples but sure of all of them; "
            "dividing the logits by a T above 1 makes it less sure and lowers the NLL."
        ),
    )


# Classes and target logit gap (nats) of the label-smoothing exercise.
SMOOTHING_CLASSES, SMOOTHING_GAP = 10, 3.0


@number_exercise("softmax.smoothing_epsilon")
def smoothing_epsilon():
    """With C = 10 classes and label smoothing ε, the smoothed cross-entropy of one
    training example is smallest at some logits z. Choose ε so that, there, the true
    class's logit exceeds every other logit by exactly 3 (nats).

    Stub: ``answer = None``, then ``check("softmax.smoothing_epsilon", answer)``.
    """
    C, gap = SMOOTHING_CLASSES, SMOOTHING_GAP
    e = np.exp(gap)
    return Number(
        C / (e - 1 + C),
        digits=4,
        hints={
            C / (e + C): (
                "you set the true class's target to 1 − ε; it also gets its "
                "share ε/C of the uniform part: 1 − ε + ε/C."
            ),
            1 / (1 + e): (
                "you compared 1 − ε with ε: each other class gets ε/C, not ε, "
                "and the true class 1 − ε + ε/C."
            ),
            (C - 1) / (e + C - 1): (
                "that is the convention that gives the other C − 1 classes "
                "ε/(C − 1) each; here all C classes get ε/C, the true one included."
            ),
        },
        explain=(
            "At the minimum p equals the smoothed target, so the gap is "
            "ln((1 − ε + ε/C)/(ε/C)); solving for ε gives C/(e^gap − 1 + C)."
        ),
    )
