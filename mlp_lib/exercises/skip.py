"""Chapter 7 exercises ("skip.*"): the backward pass of a residual block, the derivative
of x + f(x), the parameters of a concatenating network, the gradients of the learned
weights α and β, the paths left after a lesion, the projection shortcut's backward
pass, and which parameters to zero so that a residual block starts as the identity.

Expected values come from the library (Residual.backward, WeightedResidual.backward,
Module.num_parameters, ProjectionResidual.backward); the reference solutions are in the
chapter's notebook.
"""

import math

import numpy as np

from ..activations import ReLU, Tanh
from ..layers import (
    Concat,
    Linear,
    ProjectionResidual,
    Residual,
    Sequential,
    WeightedResidual,
)
from ..module import Module
from . import (
    Number,
    check_function,
    correct,
    exercise,
    fresh,
    not_attempted,
    number_exercise,
    strided,
    wrong,
)


class _Given(Module):
    """A stand-in block: forward returns ``fx``; backward applies ``backward_fn``."""

    def __init__(self, fx=None, backward_fn=None):
        self.fx, self.backward_fn = fx, backward_fn

    def forward(self, x):
        return (
            np.asarray(self.fx, dtype=np.float64)
            if self.fx is not None
            else np.zeros_like(x)
        )

    def backward(self, grad_out):
        return (
            self.backward_fn(grad_out) if self.backward_fn else np.zeros_like(grad_out)
        )


def _ref_residual_backward(grad_out, block_backward):
    return Residual(_Given(backward_fn=block_backward)).backward(
        np.asarray(grad_out, dtype=np.float64)
    )


def _matrix_block(A):
    """The backward pass of a linear block F(x) = x A (samples in rows): δ ↦ δ Aᵀ."""
    return lambda g: g @ A.T


def _gen_residual_backward(rng):
    n, d = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    A = rng.normal(size=(d, d))
    scale = float(rng.uniform(0.5, 3))
    return [
        fresh(
            "a linear block",
            grad_out=rng.normal(size=(n, d)),
            block_backward=lambda g: g @ A.T,
        ),
        fresh(
            "a scaling block",
            grad_out=rng.normal(size=(1, d)),
            block_backward=lambda g: scale * g,
        ),
    ]


@exercise("skip.residual_backward", kind="function")
def residual_backward(answer):
    """Write ``residual_backward(grad_out, block_backward)`` returning ∂L/∂x for the
    residual block y = x + F(x), given grad_out = ∂L/∂y (N, d) and ``block_backward``, a
    function that maps ∂L/∂F to the block's own input gradient (the backward pass of F).

    Stub: ``def residual_backward(grad_out, block_backward): ...``, then
    ``check("skip.residual_backward", residual_backward)``.
    """
    rng = np.random.default_rng(7)
    A = rng.normal(size=(3, 3))
    z = rng.normal(size=(2, 3))
    W = rng.normal(size=(3, 3))
    return check_function(
        answer,
        _ref_residual_backward,
        cases=[
            dict(grad_out=np.array([[1.0, -2.0]]), block_backward=lambda g: 3.0 * g),
            dict(grad_out=rng.normal(size=(4, 3)), block_backward=_matrix_block(A)),
            dict(
                grad_out=rng.normal(size=(2, 3)),
                block_backward=lambda g: (g * (1 - np.tanh(z) ** 2)) @ W.T,
            ),
        ],
        generate=_gen_residual_backward,
        mistakes=[
            (
                lambda g, back: back(g),
                "you forgot the identity term: the skip path passes grad_out back "
                "unchanged, so ∂L/∂x = grad_out + block_backward(grad_out).",
            ),
            (
                lambda g, back: np.asarray(g, dtype=np.float64),
                "you returned only the identity path; add the "
                "block's contribution block_backward(grad_out).",
            ),
            (
                lambda g, back: g * back(g),
                "the two paths add up (the sum rule of the chain rule); "
                "you multiplied them.",
            ),
            (
                lambda g, back: g - back(g),
                "you subtracted the block's gradient; y = x + F(x), so the two add.",
            ),
            (
                lambda g, back: back(g) - g,
                "you subtracted grad_out; y = x + F(x), so the two paths add.",
            ),
        ],
        explain=(
            "The backward pass of a sum is the sum of the backward "
            "passes; the skip path contributes the identity."
        ),
    )


def _derivative_block():
    """F(x) = 0.5 tanh(3x) as layers Linear(W = 3) → Tanh → Linear(W = 0.5), no bias."""
    inner, outer = (
        Linear(1, 1, init="zeros", bias=False),
        Linear(1, 1, init="zeros", bias=False),
    )
    inner.W.value[...], outer.W.value[...] = 3.0, 0.5
    return Residual(Sequential(inner, Tanh(), outer))


X0 = 0.2


@number_exercise("skip.derivative")
def derivative():
    """For f(x) = 0.5 tanh(3x), what is the derivative of the residual output
    y(x) = x + f(x) at x = 0.2? Give a number (at least 4 significant digits).

    Stub: ``answer = None``, then ``check("skip.derivative", answer)``.
    """
    block = _derivative_block()
    block(np.array([[X0]]))
    expected = float(block.backward(np.ones((1, 1)))[0, 0])
    t = np.tanh(3 * X0)
    return Number(
        expected,
        digits=4,
        hints={
            1.5 * (1 - t**2): (
                "that is f'(x) alone; the skip path "
                "adds the identity: dy/dx = 1 + f'(x)."
            ),
            1 + 0.5 * (1 - t**2): (
                "you forgot the inner factor 3 of the chain rule: "
                "d/dx tanh(3x) = 3 (1 − tanh²(3x))."
            ),
            1
            + 1.5
            * (
                1 - np.tanh(X0) ** 2
            ): "tanh' must be evaluated at 3x = 0.6, not at x = 0.2.",
            1 + 1.5 * (1 - t): "tanh'(u) = 1 − tanh²(u): you forgot to square tanh.",
            X0 + 0.5 * t: (
                "that is the value y(0.2) = x + f(x); "
                "the question asks for its derivative."
            ),
            1 + 0.5 * t: (
                "you differentiated x and kept f(x) itself; "
                "differentiate f too: f'(x) = 1.5 (1 − tanh²(3x))."
            ),
        },
        explain=(
            "dy/dx = 1 + 1.5 (1 − tanh²(0.6)): "
            "the 1 is the identity path of the skip connection."
        ),
    )


# The counting exercise's concatenating network: d inputs, L blocks, one output unit.
D_IN, DEPTH = 8, 4


def _concat_network(d, depth, concat=True):
    """The counting exercise's network, built from library layers.

    ``depth`` blocks [x, ReLU(Linear(w, w)(x))] (the width doubles) or, without
    ``concat``, x + ReLU(Linear(w, w)(x)); then Linear(w, 1).
    """
    layers, w = [], d
    for _ in range(depth):
        block = Sequential(Linear(w, w, init="zeros"), ReLU())
        layers.append(Concat(block) if concat else Residual(block))
        w = 2 * w if concat else w
    return Sequential(*layers, Linear(w, 1, init="zeros"))


@number_exercise("skip.concat_params")
def concat_params():
    """A network reads d = 8 inputs. Each of its 4 blocks maps its input x (width w) to
    [x, ReLU(x W + b)] with W of shape (w, w) and a bias b of w entries
    (the block's output is its input concatenated with a new layer of the same width).
    After the 4 blocks, one Linear layer with a bias produces 1 output. How many
    trainable parameters does the network have?

    Stub: ``answer = None``, then ``check("skip.concat_params", answer)``.
    """
    widths = [D_IN * 2**block for block in range(DEPTH)]
    final = D_IN * 2**DEPTH
    weights_only = sum(w * w for w in widths) + final
    additive = [D_IN * (block + 1) for block in range(DEPTH)]
    return Number(
        _concat_network(D_IN, DEPTH).num_parameters(),
        hints={
            _concat_network(D_IN, DEPTH, concat=False).num_parameters(): (
                "that is the count with addition (every block at width 8); "
                "concatenation makes the width grow: 8, 16, 32, "
                "64 at the blocks' inputs and 128 at the output layer's input."
            ),
            DEPTH * D_IN * (D_IN + 1) + final + 1: (
                "the blocks are counted as if the width "
                "stayed 8; each concatenation doubles it."
            ),
            weights_only: (
                "you counted only the weights; "
                "each Linear layer also has one bias per output."
            ),
            sum(
                w * (w + 1) for w in widths
            ): "you forgot the final Linear layer (128 weights and 1 bias).",
            sum(w * (w + 1) for w in widths) + final // 2 + 1: (
                "the output layer reads the width after "
                "the last concatenation, 128, not 64."
            ),
            sum(w * (w + 1) for w in additive) + D_IN * (DEPTH + 1) + 1: (
                "the width does not grow by 8 per block here: "
                "each block appends as many features as its input has, "
                "so the width doubles (8, 16, 32, 64, 128)."
            ),
        },
        explain=(
            "Σ w(w + 1) over w = 8, 16, 32, 64, plus 128 + 1 "
            "for the output layer; the last block alone has "
            "more parameters than all the others together."
        ),
    )


def _ref_weighted_grads(grad_out, x, fx):
    layer = WeightedResidual(_Given(fx=fx), alpha=1.0, beta=1.0)
    layer(x)
    layer.zero_grad()
    layer.backward(np.asarray(grad_out, dtype=np.float64))
    return float(layer.alpha.grad), float(layer.beta.grad)


def _gen_weighted_grads(rng):
    n, d = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    return [
        fresh(
            "random values",
            grad_out=rng.normal(size=(n, d)),
            x=rng.normal(size=(n, d)),
            fx=rng.normal(size=(n, d)),
        ),
        fresh(
            "one example",
            grad_out=rng.normal(size=(1, d)),
            x=rng.normal(size=(1, d)),
            fx=rng.normal(size=(1, d)),
        ),
        fresh(
            "a non-contiguous x",
            grad_out=rng.normal(size=(n, d)),
            x=strided(rng.normal(size=(n, d))),
            fx=rng.normal(size=(n, d)),
        ),
    ]


@exercise("skip.weighted_grads", kind="function")
def weighted_grads(answer):
    """Write ``weighted_grads(grad_out, x, fx)`` returning the pair
    ``(dL_dalpha, dL_dbeta)`` for the block y = α F(x) + β x, given grad_out = ∂L/∂y,
    the input x and the block's output fx = F(x), all arrays of shape (N, d). α and β
    are scalars shared by every entry; return two numbers.

    Stub: ``def weighted_grads(grad_out, x, fx): ...``, then
    ``check("skip.weighted_grads", weighted_grads)``.
    """
    rng = np.random.default_rng(3)
    return check_function(
        answer,
        _ref_weighted_grads,
        cases=[
            dict(
                grad_out=np.array([[1.0, 2.0]]),
                x=np.array([[3.0, -1.0]]),
                fx=np.array([[0.5, 4.0]]),
            ),
            dict(
                grad_out=rng.normal(size=(5, 3)),
                x=rng.normal(size=(5, 3)),
                fx=rng.normal(size=(5, 3)),
            ),
        ],
        generate=_gen_weighted_grads,
        mistakes=[
            (
                lambda g, x, fx: (np.sum(g * x), np.sum(g * fx)),
                "α multiplies F(x), so ∂L/∂α = Σ grad_out ⊙ F(x), "
                "and ∂L/∂β = Σ grad_out ⊙ x; you swapped them.",
            ),
            (
                lambda g, x, fx: (g * fx, g * x),
                "α and β are single numbers used by every entry, "
                "so their gradients sum over all entries.",
            ),
            (
                lambda g, x, fx: (np.mean(g * fx), np.mean(g * x)),
                "you averaged; a parameter used in every entry "
                "collects the sum of the entries' gradients.",
            ),
            (
                lambda g, x, fx: (np.sum(fx), np.sum(x)),
                "you forgot to multiply by the upstream gradient grad_out.",
            ),
        ],
        explain=(
            "Each scalar collects Σ grad_out ⊙ (what it multiplies); "
            "WeightedResidual.backward does the same."
        ),
    )


# The lesion exercise: a residual network of N_BLOCKS blocks, one block deleted.
N_BLOCKS, PATH_LENGTH = 10, 3


@number_exercise("skip.lesion_paths")
def lesion_paths():
    """A residual network has 10 blocks, so its unrolled form has 2¹⁰ paths from input
    to output. Block 4 is deleted at test time. How many of the paths that remain go
    through exactly 3 blocks?

    Stub: ``answer = None``, then ``check("skip.lesion_paths", answer)``.
    """
    n, k = N_BLOCKS, PATH_LENGTH
    return Number(
        math.comb(n - 1, k),
        hints={
            math.comb(n, k): (
                "that counts every path of length 3 of the intact network, including "
                "those through the deleted block; a remaining path picks its 3 blocks "
                "among the 9 that are left."
            ),
            math.comb(n - 1, k - 1): (
                "that is the number of length-3 paths that went through block 4 (the "
                "other 2 blocks chosen among 9): those are the ones the lesion removed."
            ),
            2 ** (n - 1): (
                "that is every remaining path, of any length; only those through "
                "exactly 3 blocks are asked for."
            ),
            math.comb(n, k) // 2: (
                "deleting a block removes half of all paths, but not half of the "
                "paths of each length: count the 3-block subsets of the 9 blocks left."
            ),
        },
        explain=(
            "A remaining path is a subset of the 9 blocks left, so C(9, 3) = 84 of "
            "them have length 3; the lesion removed C(9, 2) = 36, and a plain "
            "network's only path would be gone entirely."
        ),
    )


def _ref_projection_backward(x, grad_out, W_s, block_backward):
    x, grad_out = (np.asarray(a, dtype=np.float64) for a in (x, grad_out))
    W_s = np.asarray(W_s, dtype=np.float64)
    projection = Linear(*W_s.shape, init="zeros", bias=False)
    projection.W.value[...] = W_s
    layer = ProjectionResidual(
        _Given(fx=np.zeros(grad_out.shape), backward_fn=block_backward), projection
    )
    layer(x)
    grad_x = layer.backward(grad_out)
    return grad_x, projection.W.grad


def _projection_case(rng, n, d_in, d_out):
    A = rng.normal(size=(d_in, d_out))  # F(x) = x A
    return dict(
        x=rng.normal(size=(n, d_in)),
        grad_out=rng.normal(size=(n, d_out)),
        W_s=rng.normal(size=(d_in, d_out)),
        block_backward=_matrix_block(A),
    )


def _gen_projection_backward(rng):
    n, d_in = int(rng.integers(2, 5)), int(rng.integers(2, 4))
    d_out = d_in + int(rng.integers(1, 3))
    return [
        fresh("random values, widening", **_projection_case(rng, n, d_in, d_out)),
        fresh("narrowing (d_out < d_in)", **_projection_case(rng, n, d_out, d_in)),
        fresh("one example", **_projection_case(rng, 1, d_in, d_out)),
    ]


@exercise("skip.projection_backward", kind="function")
def projection_backward(answer):
    """Write ``projection_backward(x, grad_out, W_s, block_backward)`` returning
    the pair ``(dL_dx, dL_dW_s)`` for the projection shortcut y = x W_s + F(x):
    x (N, d_in) is the input, grad_out = ∂L/∂y (N, d_out), W_s (d_in, d_out), and
    block_backward a function mapping an upstream gradient for F's output (N, d_out)
    to the gradient for F's input (N, d_in).

    Stub: ``def projection_backward(x, grad_out, W_s, block_backward): ...``, then
    ``check("skip.projection_backward", projection_backward)``.
    """
    rng = np.random.default_rng(7)
    return check_function(
        answer,
        _ref_projection_backward,
        cases=[
            _projection_case(rng, 2, 2, 3),
            _projection_case(rng, 4, 3, 5),
            # square, so that W_s in place of W_sᵀ gives a value to recognise
            _projection_case(rng, 3, 3, 3),
        ],
        generate=_gen_projection_backward,
        mistakes=[
            (
                lambda x, g, W, back: (back(g), x.T @ g),
                "the skip path is missing from ∂L/∂x: it passes grad_out back "
                "through W_s, adding grad_out W_sᵀ.",
            ),
            (
                lambda x, g, W, back: (g @ W.T, x.T @ g),
                "the block's path is missing from ∂L/∂x: add block_backward(grad_out).",
            ),
            (
                lambda x, g, W, back: (g @ W.T + back(g), g.T @ x),
                "∂L/∂W_s has the shape of W_s, (d_in, d_out): it is xᵀ grad_out, "
                "not grad_outᵀ x.",
            ),
            (
                lambda x, g, W, back: (g @ W.T + back(g), x.T @ g / len(x)),
                "you divided ∂L/∂W_s by N; the weight is shared by the examples, "
                "so its gradient is the sum xᵀ grad_out, not the mean.",
            ),
            (
                lambda x, g, W, back: (g @ W.T + back(g), W),
                "you returned W_s itself; its gradient is xᵀ grad_out.",
            ),
            (
                lambda x, g, W, back: (g @ W + back(g), x.T @ g),
                "the skip path multiplies grad_out by W_sᵀ, not W_s: y = x W_s "
                "sends (N, d_out) back to (N, d_in) through the transpose.",
            ),
        ],
        explain=(
            "As for y = x + F(x), the two paths add; the skip path now multiplies "
            "by W_sᵀ, so it is no longer the identity."
        ),
    )


# The design exercise: which parameters of F(x) = tanh(x W1 + b1) W2 + b2 to zero so
# that the residual block starts as the identity and can still learn.
_ZERO_NAMES = ("W1", "b1", "W2", "b2")


def _zero_init_block(zeroed, rng):
    """Residual(Linear → Tanh → Linear) of width 4, random weights and biases, with the
    parameters named in ``zeroed`` set to 0; returns (layer, {name: Parameter})."""
    first, second = Linear(4, 4, rng=rng), Linear(4, 4, rng=rng)
    params = {"W1": first.W, "b1": first.b, "W2": second.W, "b2": second.b}
    for name in ("b1", "b2"):  # the library starts biases at 0; here they are random
        params[name].value[...] = rng.normal(size=params[name].value.shape)
    for name in zeroed:
        params[name].value[...] = 0.0
    return Residual(Sequential(first, Tanh(), second)), params


@exercise("skip.zero_init", kind="value")
def zero_init(answer):
    """A residual block y = x + F(x) has F(x) = tanh(x W1 + b1) W2 + b2, with all four
    parameters random. Choose which of them to set to zero at initialization so that
    the block starts as the exact identity (y = x for every x) and yet gradient descent
    can move it away from the identity: some weight matrix gets a non-zero gradient.
    Answer: a list of names among "W1", "b1", "W2", "b2".

    Stub: ``zeroed = None``, then ``check("skip.zero_init", zeroed)``.
    """
    if answer is None:
        return not_attempted(
            'set `zeroed` to a list of names, e.g. ["b1"], and run this cell again.'
        )
    names = [answer] if isinstance(answer, str) else answer
    if not isinstance(names, (list, tuple)) or not all(
        isinstance(n, str) for n in names
    ):
        return wrong(
            'give a list of parameter names as text, e.g. ["W1", "b2"]: which of '
            "W1, b1, W2, b2 start at zero."
        )
    unknown = [n for n in names if n not in _ZERO_NAMES]
    if unknown:
        return wrong(
            f"{unknown[0]!r} is not a parameter of F; choose among "
            '"W1", "b1", "W2", "b2".'
        )
    zeroed = set(names)
    rng = np.random.default_rng(0)
    layer, params = _zero_init_block(zeroed, rng)
    x = rng.normal(size=(8, 4))
    y = layer(x)
    if not np.allclose(y, x, atol=1e-12):
        if "b2" not in zeroed:
            return wrong(
                "b2 is added to every output of F, whatever x is, so F(x) ≠ 0 and "
                "the block is not the identity: b2 must be zero too."
            )
        return wrong(
            "h = tanh(x W1 + b1) is not zero, and W2 carries it to the output, so "
            "F(x) ≠ 0: either zero W2, or make h = 0 for every x (W1 and b1 both "
            "zero, since tanh(0) = 0)."
        )
    layer.zero_grad()
    layer.backward(rng.normal(size=y.shape))
    if not (params["W1"].grad.any() or params["W2"].grad.any()):
        return wrong(
            "the block is the identity, but neither weight matrix gets a gradient: "
            "∂L/∂W2 = hᵀ g is 0 because h = tanh(0) = 0, and ∂L/∂W1 passes through "
            "W2 = 0. Only b2 would move, and no step would ever change that. Keep "
            "W1 or W2 random."
        )
    moving = " and ".join(n for n in ("W1", "W2") if params[n].grad.any())
    return correct(
        f"the block starts as y = x (so ∂L/∂x = g, the clean identity path) and "
        f"{moving} gets a non-zero gradient. Zeroing the last layer (W2, b2) is the "
        "usual choice: ∂L/∂W2 = hᵀ g. Zeroing W1 and b1 instead also works, W1 "
        "then learns through W2; zeroing everything would leave only b2 to move."
    )
