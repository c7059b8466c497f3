"""Chapter 1 exercises ("neuron.*"): the weighted sum, a layer as a matrix product,
counting parameters and memory, one step of the perceptron rule, hand-picked weights
of a ReLU network for XOR, and the units a ReLU interpolant needs.

Expected values come from the library (Linear's forward, Module.num_parameters,
Perceptron.update, a Linear-ReLU-Linear network); the reference solutions are in the
chapter's notebook.
"""

import math

import numpy as np

from ..activations import ReLU, Sigmoid
from ..functional import step
from ..layers import Linear, Sequential
from ..perceptron import Perceptron
from . import (
    Number,
    Verdict,
    _show,
    check_function,
    correct,
    exercise,
    fresh,
    not_attempted,
    number_exercise,
    strided,
    wrong,
)

# The counting exercises' network: 784 inputs (28×28 pixels), 128 hidden, 10 outputs.
D, H, OUT = 784, 128, 10


def _linear(W, b):
    """A Linear layer holding W (d, h) and b (h,), so that the library is the oracle."""
    layer = Linear(*np.shape(W), init="zeros")
    layer.W.value[...] = W
    layer.b.value[...] = b
    return layer


def _ref_weighted_sum(x, w, b):
    return _linear(np.reshape(w, (-1, 1)), [b])(np.reshape(x, (1, -1)))[0, 0]


def _gen_weighted_sum(rng):
    n = int(rng.integers(2, 9))
    return [
        fresh(
            "random values", x=rng.normal(size=n), w=rng.normal(size=n), b=rng.normal()
        ),
        fresh(
            "a single input", x=rng.normal(size=1), w=rng.normal(size=1), b=rng.normal()
        ),
        fresh(
            "large magnitudes (about 1e6)",
            x=rng.normal(size=n) * 1e6,
            w=rng.normal(size=n),
            b=rng.normal() * 1e6,
        ),
        fresh(
            "non-contiguous arrays",
            x=strided(rng.normal(size=n)),
            w=strided(rng.normal(size=n)),
            b=0.0,
        ),
    ]


@exercise("neuron.weighted_sum", kind="function")
def weighted_sum(answer):
    """Write ``weighted_sum(x, w, b)`` returning one neuron's z = w·x + b = Σᵢ wᵢxᵢ + b.

    x, w: 1-D arrays of the same length; b: a number; return a single number.
    Stub: ``def weighted_sum(x, w, b): ...``, then
    ``check("neuron.weighted_sum", weighted_sum)``.
    """
    summed = (
        "you multiplied elementwise but did not add "
        "the products up: z is one number, Σ wᵢxᵢ + b."
    )
    return check_function(
        answer,
        _ref_weighted_sum,
        cases=[
            dict(x=np.array([1.0, 2.0, 3.0]), w=np.array([0.5, -1.0, 2.0]), b=0.5),
            dict(x=np.array([-2.0]), w=np.array([3.0]), b=1.0),
            dict(
                x=np.array([0.2, 0.0, -1.5, 4.0, 1.0]),
                w=np.array([1.0, 2.0, 0.5, -0.25, 3.0]),
                b=-2.0,
            ),
        ],
        generate=_gen_weighted_sum,
        mistakes=[
            (lambda x, w, b: w @ x, "you forgot the bias b: z = w·x + b."),
            (
                lambda x, w, b: w @ x - b,
                "you subtracted the bias; it is added: z = w·x + b.",
            ),
            (lambda x, w, b: w * x + b, summed),
            (lambda x, w, b: w * x, summed),
        ],
        explain=(
            "This is the first step of every neuron: "
            "a weighted sum of the inputs plus a bias."
        ),
    )


def _gen_layer_forward(rng):
    n, d, h = (int(k) for k in rng.integers(2, 6, size=3))
    return [
        fresh(
            "random values",
            X=rng.normal(size=(n + 1, d)),
            W=rng.normal(size=(d, h)),
            b=rng.normal(size=h),
        ),
        fresh(
            "one row (a single sample)",
            X=rng.normal(size=(1, d)),
            W=rng.normal(size=(d, h)),
            b=rng.normal(size=h),
        ),
        fresh(
            "one neuron (W has one column)",
            X=rng.normal(size=(n, d)),
            W=rng.normal(size=(d, 1)),
            b=rng.normal(size=1),
        ),
        fresh(
            "a non-contiguous X",
            X=strided(rng.normal(size=(n, d))),
            W=rng.normal(size=(d, h)),
            b=rng.normal(size=h),
        ),
    ]


@exercise("neuron.layer_forward", kind="function")
def layer_forward(answer):
    """Write ``layer_forward(X, W, b)`` returning Z = X W + b for a whole layer and a
    batch at once.

    X (n, d): one sample per row; W (d, h): one column per neuron; b (h,);
    return Z (n, h).
    Stub: ``def layer_forward(X, W, b): ...``, then
    ``check("neuron.layer_forward", layer_forward)``.
    """
    return check_function(
        answer,
        lambda X, W, b: _linear(W, b)(X),
        cases=[
            dict(
                X=np.array([[1.0, 2.0], [3.0, -1.0]]),
                W=np.array([[0.5, -1.0], [2.0, 0.25]]),
                b=np.array([0.1, -0.2]),
            ),
            dict(
                X=np.array(
                    [
                        [1.0, 0.0, 2.0],
                        [0.5, -1.0, 1.0],
                        [0.0, 3.0, -2.0],
                        [1.0, 1.0, 1.0],
                    ]
                ),
                W=np.array([[0.2, -0.5], [1.0, 0.3], [-0.4, 0.8]]),
                b=np.array([1.0, -1.0]),
            ),
            dict(
                X=np.array([[2.0, -1.0, 0.5]]),
                W=np.arange(15.0).reshape(3, 5) / 10,
                b=np.ones(5),
            ),
        ],
        generate=_gen_layer_forward,
        mistakes=[
            (
                lambda X, W, b: X @ W,
                "you forgot the bias b: Z = X W + b (numpy adds b to every row).",
            ),
            (
                lambda X, W, b: W @ X + b,
                "you computed W X; in this book the samples are the rows of X, "
                "so Z = X W + b: shapes (n, d) @ (d, h) give (n, h).",
            ),
            (
                lambda X, W, b: X @ W.T + b,
                "you used W transposed; W already has shape (d, h), so Z = X @ W + b.",
            ),
            (
                lambda X, W, b: X @ W - b,
                "you subtracted the bias; it is added: Z = X W + b.",
            ),
        ],
        explain=(
            "One matrix product computes every neuron of the layer for every sample."
        ),
    )


def _network():
    return Sequential(
        Linear(D, H, init="zeros"), Sigmoid(), Linear(H, OUT, init="zeros")
    )


@number_exercise("neuron.parameter_count")
def parameter_count():
    """How many trainable parameters (weights and biases) has a network with 784 inputs,
    one hidden layer of 128 neurons and 10 output neurons, every layer fully connected?

    Stub: ``answer = None``, then ``check("neuron.parameter_count", answer)``.
    """
    return Number(
        _network().num_parameters(),
        hints={
            D * H
            + H * OUT: "that counts only the weights; every neuron also has a bias.",
            H * (D + 1): (
                "that is the hidden layer alone; "
                "add the output layer's weights and biases."
            ),
            OUT * (H + 1): (
                "that is the output layer alone; "
                "add the hidden layer's weights and biases."
            ),
            H * (D + 1) + OUT * H: "you forgot the 10 biases of the output layer.",
            H * D + OUT * (H + 1): "you forgot the 128 biases of the hidden layer.",
            D + H + OUT: (
                "that counts the neurons; count the "
                "connections (weights) and biases instead."
            ),
        },
        explain="Each layer has h_out (h_in + 1) parameters: 128 × 785 + 10 × 129.",
    )


def _memory(dtype, hints, explain):
    """Bytes to store the network's parameters as ``dtype``.

    ``hints`` are added to the mistakes that apply to any dtype.
    """
    n, size = _network().num_parameters(), np.dtype(dtype).itemsize
    return Number(
        n * size,
        hints={
            n * size * 8: "that is in bits; a byte has 8 bits.",
            n * size / 1000: "that looks like kilobytes; give the answer in bytes.",
            n * size / 1024: "that looks like KiB; give the answer in bytes.",
            (D * H + H * OUT)
            * size: "that stores only the weights; the biases are stored too.",
            **hints,
        },
        explain=explain,
    )


@number_exercise("neuron.memory_float32")
def memory_float32():
    """How many bytes does it take to store all parameters of the network of
    ``neuron.parameter_count`` as float32 numbers? Answer in bytes (not kB).

    Stub: ``answer = None``, then ``check("neuron.memory_float32", answer)``.
    """
    n = _network().num_parameters()
    return _memory(
        np.float32,
        {
            n * 8: "8 bytes per number is float64; float32 has 32 bits = 4 bytes.",
            n: "that is the number of parameters; each float32 takes 4 bytes.",
        },
        explain="4 bytes per parameter: about 400 kB.",
    )


def _ref_perceptron_update(w, b, x, y, lr):
    unit = Perceptron(len(w), lr=lr)
    unit.w, unit.b = np.array(w, dtype=np.float64), float(b)
    unit.update(np.asarray(x, dtype=np.float64), y)
    return unit.w, unit.b


def _update_with(w, b, x, lr, error):
    return w + lr * error * x, b + lr * error


def _gen_perceptron_update(rng):
    def integers(n):
        return rng.integers(-3, 4, size=n).astype(np.float64)

    w, x = integers(3), integers(3)
    cases = [
        fresh(
            f"z = w·x + b exactly 0 (ŷ = 1), y = {y}",
            w=w,
            b=-float(w @ x),
            x=x,
            y=y,
            lr=0.5,
        )
        for y in (0, 1)
    ]
    for y in (0, 1):
        w, x = rng.normal(size=4), rng.normal(size=4)
        cases.append(
            fresh(
                f"random values, y = {y}",
                w=w,
                b=rng.normal(),
                x=x,
                y=y,
                lr=float(rng.uniform(0.1, 1)),
            )
        )
    return cases


@exercise("neuron.perceptron_update", kind="function")
def perceptron_update(answer):
    """Write ``perceptron_update(w, b, x, y, lr)`` returning ``(w_new, b_new)`` after
    one step of the perceptron rule: ŷ = step(w·x + b) (1 if z ≥ 0 else 0), then
    w_new = w + lr (y − ŷ) x and b_new = b + lr (y − ŷ).

    w, x: 1-D arrays; b, lr: numbers; y: the label 0 or 1.
    Stub: ``def perceptron_update(w, b, x, y, lr): ...``, then
    ``check("neuron.perceptron_update", perceptron_update)``.
    """
    return check_function(
        answer,
        _ref_perceptron_update,
        cases=[
            dict(w=np.array([0.5, -0.5]), b=0.0, x=np.array([1.0, 2.0]), y=1, lr=0.1),
            dict(w=np.array([1.0, 1.0]), b=0.5, x=np.array([1.0, 0.5]), y=0, lr=0.5),
            dict(w=np.array([1.0, -1.0]), b=0.0, x=np.array([2.0, 1.0]), y=1, lr=1.0),
            dict(w=np.array([0.0, 0.0]), b=0.0, x=np.array([1.0, 1.0]), y=0, lr=1.0),
        ],
        generate=_gen_perceptron_update,
        mistakes=[
            # First: at z = 0 with y = 0 (the last case) this mistake and the next one
            # give the same answer.
            (
                lambda w, b, x, y, lr: _update_with(
                    w, b, x, lr, y - float(w @ x + b > 0)
                ),
                "at z = 0 the step gives ŷ = 1 "
                "(step(z) = 1 for z ≥ 0); you used z > 0.",
            ),
            (
                lambda w, b, x, y, lr: _update_with(w, b, x, lr, y),
                "you used the label y; the rule uses "
                "the error y − ŷ (no change when ŷ = y).",
            ),
            (
                lambda w, b, x, y, lr: _update_with(w, b, x, lr, step(w @ x + b) - y),
                "your update goes the wrong way: "
                "it is w + lr (y − ŷ) x, not w + lr (ŷ − y) x.",
            ),
            (
                lambda w, b, x, y, lr: (_ref_perceptron_update(w, b, x, y, lr)[0], b),
                "w is right but b did not change: "
                "the bias is updated too, b + lr (y − ŷ).",
            ),
            (
                lambda w, b, x, y, lr: _update_with(w, b, x, lr, y - (w @ x + b)),
                "you used z = w·x + b in the error; "
                "the perceptron uses its output ŷ = step(z).",
            ),
        ],
        explain="Only misclassified samples change the weights.",
    )


XOR_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_TARGETS = np.array([0.0, 1.0, 1.0, 0.0])
_XOR_SHAPES = {
    "W1": ((2, 2),),
    "b1": ((2,), (1, 2)),
    "W2": ((2, 1), (2,)),
    "b2": ((), (1,), (1, 1)),
}


def _xor_outputs(W1, b1, W2, b2):
    """Outputs (4,) of Linear(2, 2) → ReLU → Linear(2, 1) on the four XOR inputs."""
    net = Sequential(_linear(W1, b1), ReLU(), _linear(W2.reshape(2, 1), b2))
    return net(XOR_INPUTS).ravel()


def _xor_arrays(answer):
    """The four answers as float arrays of the right shapes, or a Verdict."""
    names = list(_XOR_SHAPES)
    if not isinstance(answer, (tuple, list)) or len(answer) != 4:
        raise Verdict(
            wrong(
                "expected a tuple (W1, b1, W2, b2) of four arrays, "
                f"got {_show(answer)}."
            )
        )
    if all(a is None for a in answer):
        raise Verdict(
            not_attempted("set W1, b1, W2 and b2 to arrays and run this cell again.")
        )
    arrays = []
    for name, value in zip(names, answer):
        if value is None:
            raise Verdict(wrong(f"{name} is still None: set it to an array."))
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise Verdict(
                wrong(f"{name} must be an array of numbers, got {_show(value)}.")
            ) from None
        shapes = _XOR_SHAPES[name]
        if array.shape not in shapes:
            hint = ""
            if name == "W2" and array.shape == (1, 2):
                hint = (
                    " In this book a layer's W has shape (n_in, n_out): the output"
                    " layer's W2 is (2, 1), one row per hidden unit."
                )
            raise Verdict(
                wrong(f"{name} has shape {array.shape}; expected {shapes[0]}.{hint}")
            )
        if not np.all(np.isfinite(array)):
            raise Verdict(wrong(f"{name} contains NaN or inf."))
        arrays.append(array)
    return arrays


@exercise("neuron.xor_relu_weights", kind="value")
def xor_relu_weights(answer):
    """Choose W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,) so that the network
    ReLU(x W1 + b1) W2 + b2 outputs exactly XOR(x1, x2) on the four points of {0, 1}².

    Stub: ``W1 = b1 = W2 = b2 = None``, then
    ``check("neuron.xor_relu_weights", (W1, b1, W2, b2))``.
    """
    try:
        W1, b1, W2, b2 = _xor_arrays(answer)
    except Verdict as verdict:
        return verdict.feedback
    out = _xor_outputs(W1, b1, W2, b2)
    if np.allclose(out, XOR_TARGETS, atol=1e-6):
        return correct(
            "your network outputs 0, 1, 1, 0 on (0,0), (0,1), (1,0), (1,1). "
            "One hidden ReLU measures how many inputs are on, the other fires "
            "only when both are, and the output subtracts it twice."
        )
    if np.allclose(_xor_outputs(W1.T, b1, W2, b2), XOR_TARGETS, atol=1e-6):
        return wrong(
            "your weights compute XOR with W1 transposed. In this book Z = X W + b: "
            "column k of W1 holds the two input weights of hidden unit k."
        )
    hidden = np.maximum(XOR_INPUTS @ W1 + b1.ravel(), 0.0)
    active = hidden > 0
    # the network is linear on the four points when no unit switches on or off there
    if np.all(active == active[0]):
        return wrong(
            "on the four inputs each hidden unit is either always active or always "
            "off, so your network is a linear function of (x1, x2) there, and no "
            "linear function computes XOR. Choose a bias that puts a unit's kink "
            "(where x W1 + b1 = 0) between the points."
        )
    dead = [k + 1 for k in range(2) if not active[:, k].any()]
    if dead:
        return wrong(
            f"hidden unit {dead[0]} outputs 0 on all four inputs, so it adds "
            "nothing, and one ReLU unit with a linear output cannot compute XOR. "
            "Give that unit a weight and bias that make it positive on some inputs."
        )
    corner = int(np.argmax(np.abs(out - XOR_TARGETS)))
    x1, x2 = XOR_INPUTS[corner].astype(int)
    message = (
        f"at (x1, x2) = ({x1}, {x2}) your network outputs {out[corner]:.4g}; "
        f"XOR is {XOR_TARGETS[corner]:.0f} there (all four outputs: "
        f"{', '.join(f'{v:.4g}' for v in out)})."
    )
    if np.all((out >= 0.5) == (XOR_TARGETS == 1)):
        message += (
            " Thresholded at 0.5 that is XOR, but the output here is linear and must "
            "be exactly 0 or 1: adjust the scale W2 and the shift b2."
        )
    return wrong(message)


@number_exercise("neuron.units_for_error")
def units_for_error():
    """A broken line through k + 1 equally spaced knots of a smooth curve, built as a
    sum of k shifted ReLUs, has maximum error 0.004 with k = 10 units. Using the
    O(1/k²) rate, how many units are needed for a maximum error of at most 0.0001?

    Stub: ``answer = None``, then ``check("neuron.units_for_error", answer)``.
    """
    exact = 10 * math.sqrt(0.004 / 0.0001)  # error ∝ 1/k²
    return Number(
        math.ceil(exact),
        hints={
            400: "that assumes the error falls like 1/k; it falls like 1/k².",
            4000: "that assumes the error falls like 1/k; it falls like 1/k².",
            math.floor(exact): (
                "rounded down: that many units leave the error just above 0.0001. "
                "Round up."
            ),
            40: "that is the factor by which the error must shrink, not the units.",
            16000: "the error falls like 1/k², so k grows like 1/√error, not 1/error².",
        },
        explain=(
            "The error must shrink 40-fold, so k must grow by √40 ≈ 6.32: "
            "10 × 6.32 = 63.2, rounded up."
        ),
    )
