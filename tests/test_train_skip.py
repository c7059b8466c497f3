"""weight_gradient_norms (chapter 7). Oracle: the Frobenius norms of the gradients that a hand-run
backward pass leaves in each Linear layer, in forward order, including Linears nested in skip blocks."""

import numpy as np

from mlp_lib.activations import Tanh
from mlp_lib.layers import Concat, Linear, Residual, Sequential
from mlp_lib.losses import MSE
from mlp_lib.train import weight_gradient_norms


def test_norms_match_a_manual_backward_pass_in_forward_order():
    rng = np.random.default_rng(0)
    first, inner, concat_inner, last = (
        Linear(3, 4, rng=rng),
        Linear(4, 4, rng=rng),
        Linear(4, 2, rng=rng),
        Linear(6, 1, rng=rng),
    )
    model = Sequential(
        first, Tanh(), Residual(Sequential(inner, Tanh())), Concat(concat_inner), last
    )
    X, y = rng.normal(size=(10, 3)), rng.normal(size=(10, 1))
    norms = weight_gradient_norms(model, MSE(), X, y)

    loss = MSE()
    loss(model(X), y)
    model.zero_grad()
    model.backward(loss.backward())
    expected = [
        np.linalg.norm(layer.W.grad) for layer in (first, inner, concat_inner, last)
    ]
    np.testing.assert_allclose(norms, expected, rtol=1e-12)


def test_gradients_are_zeroed_first_so_repeated_calls_agree():
    rng = np.random.default_rng(1)
    model = Sequential(Linear(2, 3, rng=rng), Tanh(), Linear(3, 1, rng=rng))
    X, y = rng.normal(size=(5, 2)), rng.normal(size=(5, 1))
    np.testing.assert_allclose(
        weight_gradient_norms(model, MSE(), X, y),
        weight_gradient_norms(model, MSE(), X, y),
        rtol=1e-12,
    )
