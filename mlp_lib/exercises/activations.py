"""Chapter 2 exercises ("activations.*"): the sigmoid's derivative and its maximum, the
bound on a product of sigmoid derivatives through depth, the leaky ReLU's derivative,
and the fraction of dead ReLU units.

Expected values come from the library (``functional``'s derivatives,
``diagnostics.dead_units``); the reference solutions are in the chapter's notebook.
"""

import numpy as np

from .. import functional as F
from ..diagnostics import dead_units
from . import check_function, check_number, exercise

DEPTH = 10  # layers in the depth exercise


def _sigmoid(z):
    return F.sigmoid(z)


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
        cases=[
            dict(z=np.array([0.0, 1.0, -1.0, 2.5])),
            dict(z=np.array([[-4.0, 0.5], [3.0, -0.25]])),
            dict(z=np.linspace(-8.0, 8.0, 9)),
        ],
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


@exercise("activations.sigmoid_grad_max", kind="number")
def sigmoid_grad_max(answer):
    """What is the largest value of the logistic sigmoid's derivative
    σ'(z) over all real z?

    Stub: ``answer = None``, then ``check("activations.sigmoid_grad_max", answer)``.
    """
    return check_number(
        answer,
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


@exercise("activations.depth_bound", kind="number")
def depth_bound(answer):
    """A gradient flows back through 10 sigmoid layers. Ignoring the weights, it is
    multiplied by σ'(z) once per layer. What is the largest value the product of these
    10 derivatives can take?

    Stub: ``answer = None``, then ``check("activations.depth_bound", answer)``.
    """
    peak = float(F.sigmoid_grad(0.0))
    return check_number(
        answer,
        peak**DEPTH,
        rtol=1e-3,
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
                lambda Z: float(np.mean((Z > 0).all(axis=0))),
                "you counted units active on every example; "
                "dead units are the ones with z ≤ 0 on every example.",
            ),
        ],
        explain=(
            "Dead units get a zero gradient on every "
            "example, so no update can revive them."
        ),
    )
