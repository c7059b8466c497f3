"""mlp_lib.diagnostics. Oracles: small matrices worked by hand for dead_units (a unit, a
column, is dead only if its pre-activation is ≤ 0 in every row); a hand-run backward
pass for weight_gradient_norms; the layers applied one by one for layer_outputs."""

import numpy as np
import pytest

from mlp_lib.activations import Tanh
from mlp_lib.diagnostics import dead_units, layer_outputs, weight_gradient_norms
from mlp_lib.layers import Concat, Dropout, Linear, Residual, Sequential
from mlp_lib.losses import MSE


def test_a_unit_is_dead_only_when_negative_on_every_example():
    Z = np.array(
        [[-1.0, 2.0, -0.5, 0.0], [-3.0, -1.0, -2.0, -1.0], [-0.1, -4.0, 0.5, -2.0]]
    )
    # column 0: all < 0; column 1: positive once; column 2: positive once; column 3: 0
    # counts as off
    assert dead_units(Z).tolist() == [True, False, False, True]


def test_negative_entries_alone_do_not_make_a_unit_dead():
    Z = np.array([[-1.0, -1.0], [1.0, 1.0]])  # half the entries negative, no dead unit
    assert not dead_units(Z).any()


def test_bad_input_is_rejected_with_a_clear_error():
    with pytest.raises(ValueError, match="2-D"):
        dead_units(np.zeros(3))


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


def test_layer_outputs_are_the_layers_applied_in_turn():
    rng = np.random.default_rng(2)
    model = Sequential(Linear(2, 3, rng=rng), Tanh(), Linear(3, 1, rng=rng))
    X = rng.normal(size=(4, 2))
    outputs = layer_outputs(model, X)
    assert [o.shape for o in outputs] == [(4, 3), (4, 3), (4, 1)]
    np.testing.assert_array_equal(outputs[1], np.tanh(outputs[0]))
    np.testing.assert_array_equal(outputs[-1], model(X))


def test_weight_gradient_norms_use_training_mode():
    """Oracle: with dropout in the model, eval mode would give the same norms on every
    call; training mode draws new masks, so two calls differ."""
    rng = np.random.default_rng(3)
    model = Sequential(
        Linear(2, 6, rng=rng), Dropout(0.5, rng=0), Linear(6, 1, rng=rng)
    ).eval()
    X, y = rng.normal(size=(8, 2)), rng.normal(size=(8, 1))
    first = weight_gradient_norms(model, MSE(), X, y)
    assert model.training
    assert not np.allclose(first, weight_gradient_norms(model, MSE(), X, y))
