"""Chapter 2 exercises ("activations.*"): the sigmoid's derivative and its maximum, the
bound on a product of sigmoid derivatives through depth, the leaky ReLU's derivative,
the fraction of dead ReLU units, SiLU's derivative, and the hard-sigmoid slope with the
smallest worst-case error.

Expected values come from the library (``functional``'s derivatives,
``diagnostics.dead_units``); the reference solutions are in the chapter's notebook.
"""

import numpy as np

from .. import functional as F
from ..diagnostics import dead_units
from . import Number, check_function, exercise, fresh, number_exercise, strided

DEPTH = 10  # layers in the depth exercise


def _sigmoid(z):
    return F.sigmoid(z)


def _derivative_cases():
    """The visible inputs of the derivative exercises: a vector, a matrix, a sweep."""
    return [
        dict(z=np.array([0.0, 1.0, -1.0, 2.5])),
        dict(z=np.array([[-4.0, 0.5], [3.0, -0.25]])),
        dict(z=np.linspace(-8.0, 8.0, 9)),
    ]


def _gen_sigmoid_grad(rng):
    return [
        fresh("random values, a 2-D array", z=rng.normal(size=(3, 4)) * 3),
        fresh(
            "large magnitudes (±30 to ±800)",
            z=np.array([-800.0, -30.0, 30.0, 800.0]) * rng.uniform(0.5, 1),
        ),
        fresh("a single number in an array", z=rng.normal(size=1)),
        fresh("a non-contiguous array", z=strided(rng.normal(size=(2, 5)))),
    ]


@exercise("activations.sigmoid_grad", kind="function")
def sigmoid_grad(answer):
    """Write ``sigmoid_grad(z)`` returning σ'(z) = σ(z)(1 − σ(z)) entrywise, where
    σ(z) = 1/(1 + e^(−z)).

    z: an array of any shape; return an array of the same shape.
    Stub: ``def sigmoid_grad(z): ...``, then
    ``check("activations.sigmoid_grad", sigmoid_grad)``.
    """
    return check_function(
        answer,
        F.sigmoid_grad,
        cases=_derivative_cases(),
        generate=_gen_sigmoid_grad,
        mistakes=[
            (
                lambda z: _sigmoid(z) * (1 - z),
                "you computed σ(z)(1 − z); the second factor is 1 − σ(z), not 1 − z.",
            ),
            (
                lambda z: z * (1 - z),
                "you computed z(1 − z): apply σ first, σ'(z) = σ(z)(1 − σ(z)).",
            ),
            (
                lambda z: 1 - _sigmoid(z) ** 2,
                "you computed 1 − σ(z)²; that is the pattern of "
                "tanh' = 1 − tanh². For σ it is σ(z)(1 − σ(z)).",
            ),
            (
                lambda z: _sigmoid(z),
                "you returned σ(z) itself, not its derivative σ(z)(1 − σ(z)).",
            ),
            (
                lambda z: 1 - _sigmoid(z),
                "you returned 1 − σ(z) only; multiply by σ(z): σ'(z) = σ(z)(1 − σ(z)).",
            ),
            (
                lambda z: _sigmoid(z) * (1 + _sigmoid(z)),
                "you computed σ(z)(1 + σ(z)); "
                "the second factor is 1 − σ(z) (a sign error).",
            ),
        ],
        explain=(
            "Backpropagation reuses the forward pass's σ(z) "
            "to get σ' for the price of one multiplication."
        ),
    )


@number_exercise("activations.sigmoid_grad_max")
def sigmoid_grad_max():
    """What is the largest value of the logistic sigmoid's derivative
    σ'(z) over all real z?

    Stub: ``answer = None``, then ``check("activations.sigmoid_grad_max", answer)``.
    """
    return Number(
        float(F.sigmoid_grad(0.0)),
        hints={
            float(F.sigmoid(0.0)): (
                "that is σ(0), the function's value at 0; the question asks "
                "for the largest value of its derivative σ'(z) = σ(z)(1 − σ(z))."
            ),
            float(F.tanh_grad(0.0)): (
                "that is the peak of tanh' (tanh'(0) = 1); "
                "σ is flatter: σ'(z) = σ(z)(1 − σ(z)) with σ(0) = 1/2."
            ),
            0.0: (
                "σ' tends to 0 only far from the origin "
                "(saturation); its largest value is at z = 0."
            ),
        },
        explain=(
            "σ'(0) = ½ · ½ = ¼: every sigmoid layer "
            "multiplies a backpropagated gradient by at most ¼."
        ),
    )


@number_exercise("activations.depth_bound")
def depth_bound():
    """A gradient flows back through 10 sigmoid layers. Ignoring the weights, it is
    multiplied by σ'(z) once per layer. What is the largest value the product of these
    10 derivatives can take?

    Stub: ``answer = None``, then ``check("activations.depth_bound", answer)``.
    """
    peak = float(F.sigmoid_grad(0.0))
    return Number(
        peak**DEPTH,
        digits=3,
        hints={
            peak * DEPTH: (
                "you multiplied ¼ by 10; the ten "
                "derivatives multiply each other: (¼)¹⁰."
            ),
            float(F.sigmoid(0.0))
            ** DEPTH: "you used ½ = σ(0); the derivative's peak is σ'(0) = ¼.",
            peak ** (DEPTH - 1): "that is 9 factors; 10 layers give 10 factors σ'(z).",
            float(F.tanh_grad(0.0))
            ** DEPTH: "that is the bound for tanh (peak 1); σ' is at most ¼.",
            peak: (
                "that is one layer's bound; with 10 layers the factors multiply: (¼)¹⁰."
            ),
        },
        explain=(
            "(¼)¹⁰ ≈ 9.5 × 10⁻⁷: the activation factors "
            "alone shrink the gradient about a million-fold."
        ),
    )


def _gen_leaky_relu_grad(rng):
    z = rng.normal(size=(3, 4))
    z[z == 0] = 0.5
    return [
        fresh("random values, a 2-D array", z=z, slope=float(rng.uniform(0.01, 0.3))),
        fresh(
            "all entries negative",
            z=-np.abs(z) - 0.1,
            slope=float(rng.uniform(0.01, 0.3)),
        ),
        fresh("large magnitudes", z=z * 1e6, slope=0.1),
        fresh("a non-contiguous array", z=strided(z), slope=0.2),
    ]


@exercise("activations.leaky_relu_grad", kind="function")
def leaky_relu_grad(answer):
    """Write ``leaky_relu_grad(z, slope)`` returning the derivative of the leaky ReLU
    f(z) = z for z > 0, slope·z otherwise: 1 where z > 0 and ``slope`` where z < 0
    (z is never exactly 0 in the tests).

    z: an array of any shape; slope: a number; return an array of the same shape as z.
    Stub: ``def leaky_relu_grad(z, slope): ...``, then
    ``check("activations.leaky_relu_grad", leaky_relu_grad)``.
    """
    return check_function(
        answer,
        F.leaky_relu_grad,
        cases=[
            dict(z=np.array([-2.0, -0.5, 0.5, 3.0]), slope=0.01),
            dict(z=np.array([[1.5, -1.5], [-0.25, 0.75]]), slope=0.2),
            dict(z=np.array([-3.0, 2.0, -0.1]), slope=0.5),
        ],
        generate=_gen_leaky_relu_grad,
        mistakes=[
            (
                lambda z, slope: F.relu_grad(z),
                "for z < 0 you returned 0, which is ReLU's derivative; "
                "the leaky ReLU keeps the slope γ there.",
            ),
            (
                lambda z, slope: F.leaky_relu(z, slope),
                "you returned the function value f(z), "
                "not its derivative (1 or the slope).",
            ),
            (
                lambda z, slope: np.where(z > 0, slope, 1.0),
                "the two slopes are swapped: 1 for z > 0, the small slope γ for z < 0.",
            ),
            (
                lambda z, slope: np.where(z > 0, z, slope),
                "for z > 0 the derivative of z is 1, not z.",
            ),
            (
                lambda z, slope: np.where(z > 0, 1.0, slope * z),
                "for z < 0 the derivative of γz is the constant γ, not γz.",
            ),
        ],
        explain=(
            "The small slope keeps a gradient flowing "
            "where ReLU would pass back exactly 0."
        ),
    )


def _gen_dead_fraction(rng):
    def mixed(n, units):
        Z = rng.normal(size=(n, units))
        dead = rng.random(units) < 0.5
        Z[:, dead] = -np.abs(Z[:, dead])
        Z[rng.integers(n), dead] = 0.0  # exactly 0 counts as not active (z ≤ 0)
        return Z

    n, units = int(rng.integers(3, 7)), int(rng.integers(4, 9))
    while units == n:
        units += 1
    return [
        fresh(
            "random values with exact zeros (z ≤ 0 counts as dead)", Z=mixed(n, units)
        ),
        fresh("one example (one row)", Z=mixed(1, units)),
        fresh("one unit (one column)", Z=mixed(n, 1)),
        fresh("many more examples than units", Z=mixed(5 * units, units)),
    ]


@exercise("activations.dead_fraction", kind="function")
def dead_fraction(answer):
    """Write ``dead_fraction(Z)`` returning the fraction of dead ReLU units. Z has shape
    (n_examples, n_units): row i holds the pre-activations of every unit on training
    example i. A unit is dead when its pre-activation is ≤ 0 on every example. Return a
    number between 0 and 1.

    Stub: ``def dead_fraction(Z): ...``, then
    ``check("activations.dead_fraction", dead_fraction)``.
    """
    return check_function(
        answer,
        lambda Z: float(dead_units(Z).mean()),
        cases=[
            dict(
                Z=np.array(
                    [
                        [-1.0, 2.0, -0.5, -3.0, 1.0],
                        [-2.0, -1.0, -0.5, -1.0, 2.0],
                        [-0.3, -0.2, 1.0, -4.0, 0.5],
                    ]
                )
            ),
            dict(Z=np.array([[-1.0, -2.0], [-0.5, 3.0], [-2.0, -1.0], [-1.0, -0.5]])),
            dict(
                Z=np.array(
                    [
                        [0.5, -1.0, -2.0, -0.1, 1.5, -0.2],
                        [-1.5, -1.0, -0.3, -0.4, -0.5, 0.3],
                    ]
                )
            ),
        ],
        generate=_gen_dead_fraction,
        mistakes=[
            (
                lambda Z: float(np.mean(Z <= 0)),
                "you counted the negative entries (unit, example pairs). "
                "A unit with a negative input on some examples still learns "
                "from the others; it is dead only when z ≤ 0 on every example.",
            ),
            (
                lambda Z: float(np.mean((Z <= 0).any(axis=0))),
                "you counted units with a negative input on at least "
                "one example; a dead unit has z ≤ 0 on every example.",
            ),
            (
                lambda Z: float(np.mean((Z <= 0).all(axis=1))),
                "you checked the rows (examples); "
                "the units are the columns of Z: use axis=0.",
            ),
            (
                lambda Z: float(np.sum((Z <= 0).all(axis=0))),
                "that is the number of dead units; "
                "divide by the number of units to get a fraction.",
            ),
            (
                lambda Z: float(np.mean((Z < 0).all(axis=0))),
                "a unit whose pre-activation is exactly 0 on the examples where it is "
                "not negative is dead too: the definition says z ≤ 0 (use `<= 0`).",
            ),
            (
                lambda Z: float(np.sum((Z <= 0).all(axis=0)) / Z.shape[0]),
                "you divided the number of dead units by the number of examples "
                "(rows); the fraction is over the units, the columns of Z.",
            ),
            (
                lambda Z: float(np.mean((Z > 0).all(axis=0))),
                "you counted units active on every example; "
                "dead units are the ones with z ≤ 0 on every example.",
            ),
        ],
        explain=(
            "A dead unit gets zero gradient from every example, so gradient steps "
            "alone leave its incoming weights and bias where they are. It can still "
            "come back when something else moves its pre-activations: earlier layers "
            "that keep learning change its inputs, and momentum keeps applying past "
            "updates for a while. Weight decay does not revive it: shrinking its "
            "weights and bias together scales every z ≤ 0 towards 0 but keeps it ≤ 0."
        ),
    )


@exercise("activations.silu_grad", kind="function")
def silu_grad(answer):
    """Write ``silu_grad(z)`` returning the derivative of SiLU(z) = z σ(z) entrywise,
    with σ(z) = 1/(1 + e^(−z)).

    z: an array of any shape; return an array of the same shape.
    Stub: ``def silu_grad(z): ...``, then ``check("activations.silu_grad", silu_grad)``.
    """
    return check_function(
        answer,
        F.silu_grad,
        cases=_derivative_cases(),
        generate=_gen_sigmoid_grad,
        mistakes=[
            (
                lambda z: _sigmoid(z),
                "you returned σ(z), the gate alone; SiLU is the product z·σ(z), so "
                "use the product rule: (z)'·σ(z) + z·σ'(z).",
            ),
            (
                lambda z: z * F.sigmoid_grad(z),
                "you differentiated only the gate σ(z); the product rule also gives "
                "the term (z)'·σ(z) = σ(z).",
            ),
            (
                lambda z: F.sigmoid_grad(z),
                "that is σ'(z) = σ(z)(1 − σ(z)), the sigmoid's derivative; SiLU is "
                "z·σ(z): differentiate the product.",
            ),
            (
                lambda z: _sigmoid(z) * (1 + z),
                "you used σ(z) as the derivative of σ(z) (z·σ(z) for the second term); "
                "σ'(z) = σ(z)(1 − σ(z)).",
            ),
            (
                lambda z: _sigmoid(z) * (1 + z * _sigmoid(z)),
                "the second term is z·σ(z)(1 − σ(z)): its last factor is 1 − σ(z), "
                "not σ(z).",
            ),
            (
                lambda z: z * _sigmoid(z),
                "you returned SiLU(z) = z·σ(z) itself, not its derivative.",
            ),
        ],
        explain=(
            "SiLU'(z) = σ(z)(1 + z(1 − σ(z))): like the sigmoid's, it is cheap once "
            "the forward pass has stored σ(z). It is negative for z below about "
            "−1.28, where SiLU has its minimum."
        ),
    )


def _hard_sigmoid_inner_point(slope):
    """The z > 0 where σ'(z) = a (0 < a < ¼): there the line a z + ½ lags σ most."""
    s = 0.5 * (1.0 + np.sqrt(1.0 - 4.0 * slope))  # σ(z) = s where σ'(z) = s(1 − s) = a
    return float(np.log(s / (1.0 - s)))


def _hard_sigmoid_worst_error(slope):
    """max_z |clip(a z + ½, 0, 1) − σ(z)| for 0 < a < ¼, in closed form: the larger of
    the error where σ'(z) = a inside the linear part and 1 − σ at the clip point."""
    z = _hard_sigmoid_inner_point(slope)
    inside = float(F.sigmoid(z)) - slope * z - 0.5
    return max(inside, 1.0 - float(F.sigmoid(0.5 / slope)))


def _best_hard_sigmoid_slope():
    """The a that makes the two candidate errors equal (the minimax slope)."""
    from scipy.optimize import brentq

    def balance(slope):
        s = 0.5 * (1.0 + np.sqrt(1.0 - 4.0 * slope))
        inside = s - slope * np.log(s / (1.0 - s)) - 0.5
        return inside - (1.0 - float(F.sigmoid(0.5 / slope)))

    return brentq(balance, 0.1, 0.24, xtol=1e-14)


@number_exercise("activations.hard_sigmoid_slope")
def hard_sigmoid_slope():
    """A hard sigmoid h_a(z) = clip(a z + ½, 0, 1) replaces σ. Which slope a makes the
    worst error max_z |h_a(z) − σ(z)| as small as possible?

    Stub: ``answer = None``, then ``check("activations.hard_sigmoid_slope", answer)``.
    """
    best = _best_hard_sigmoid_slope()
    return Number(
        best,
        digits=3,
        hints={
            0.25: (
                "that is the tangent's slope σ'(0): it is the best line near z = 0, "
                "but its worst error, at the clip points z = ±2, is about 0.12. A "
                "flatter line clips later, where σ is closer to 0 and 1."
            ),
            0.2: (
                "that is Keras 2's slope; its worst error is at its clip points "
                "±2.5. Flatten the line a little more."
            ),
            1 / 6: (
                "that is PyTorch's slope; its worst error lies inside the linear "
                "part, where the line lags σ. Make it a little steeper."
            ),
            _hard_sigmoid_worst_error(best): (
                "that is the smallest worst-case error itself; "
                "the question asks for the slope a that achieves it."
            ),
            0.5 / best: (
                "that is the clip point z = 1/(2a) of the best line, one of the two "
                "places where its error is largest; the question asks for the slope a."
            ),
            _hard_sigmoid_inner_point(best): (
                "that is the point inside the linear part where the best line's "
                "error peaks (σ'(z) = a); the question asks for the slope a."
            ),
        },
        explain=(
            "At the best slope the two candidate worst points have equal errors: the "
            "point inside the linear part where σ'(z) = a, and the clip point "
            "z = 1/(2a). A steeper line is worse at the clip point, a flatter one "
            "inside."
        ),
    )
