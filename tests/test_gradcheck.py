"""The gradient checker itself. Oracles: functions with known closed-form gradients, and
layers and losses with deliberately wrong backward passes, which the checker must flag
(relative error ≫ 1e-6)."""

import numpy as np
import pytest

from mlp_lib.activations import Softmax
from mlp_lib.gradcheck import check_layer, check_loss, numerical_grad, rel_error
from mlp_lib.layers import Linear
from mlp_lib.losses import MSE
from mlp_lib.module import set_default_dtype


def test_numerical_grad_of_known_functions():
    rng = np.random.default_rng(0)
    x, A = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    np.testing.assert_allclose(
        numerical_grad(lambda v: np.sum(v**2), x), 2 * x, atol=1e-8
    )
    np.testing.assert_allclose(
        numerical_grad(lambda v: np.sum(A * np.sin(v)), x), A * np.cos(x), atol=1e-8
    )


def test_numerical_grad_restores_x_and_handles_scalars():
    x = np.array([1.0, -2.0, 3.5])
    before = x.copy()
    numerical_grad(lambda v: np.prod(v), x)
    np.testing.assert_array_equal(x, before)
    assert numerical_grad(lambda v: 3 * v**2, np.array(2.0)) == pytest.approx(12.0)


def test_rel_error_is_scale_free_and_zero_for_equal_arrays():
    a = np.array([1.0, -2.0, 3.0])
    assert rel_error(a, a) == 0.0
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rel_error(a, a + 1e-6) == pytest.approx(1e-6 / 6)
    assert rel_error(1e9 * a, 1e9 * (a + 1e-6)) == pytest.approx(rel_error(a, a + 1e-6))


def test_check_layer_reports_input_and_every_parameter():
    rng = np.random.default_rng(1)
    errors = check_layer(Linear(4, 3, rng=rng), rng.standard_normal((5, 4)), rng)
    assert set(errors) == {"input", "W", "b"}
    assert max(errors.values()) < 1e-6


class DiagonalSoftmax(Softmax):
    """A classic bug: only the diagonal of the Jacobian, δ_z = δ_p ⊙ p(1 − p)."""

    def backward(self, grad_out):
        return grad_out * self.p * (1 - self.p)


class ZeroBiasGrad(Linear):
    """Another bug: forgets ∂L/∂b."""

    def backward(self, grad_out):
        self.W.grad += self.x.T @ grad_out
        return grad_out @ self.W.value.T


def test_check_layer_flags_wrong_backward_passes():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((4, 5))
    assert check_layer(DiagonalSoftmax(), x, rng)["input"] > 1e-2
    errors = check_layer(ZeroBiasGrad(5, 3, rng=rng), x, rng)
    assert errors["b"] == 1.0 and errors["W"] < 1e-6


class HalfMSE(MSE):
    """Forgets the factor 2 of the derivative of a square."""

    def backward(self):
        return self.diff / self.diff.size


def test_check_loss_flags_a_wrong_gradient():
    rng = np.random.default_rng(3)
    pred, target = rng.standard_normal((6, 2)), rng.standard_normal((6, 2))
    assert check_loss(MSE(), pred, target) < 1e-6
    assert check_loss(HalfMSE(), pred, target) == pytest.approx(1 / 3)


def test_check_layer_refuses_float32_parameters():
    """In float32 a correct backward would fail the check; say so instead."""
    try:
        set_default_dtype(np.float32)
        layer = Linear(3, 2, rng=0)
    finally:
        set_default_dtype(np.float64)
    with pytest.raises(TypeError, match="needs float64 parameters"):
        check_layer(layer, np.ones((2, 3)), np.random.default_rng(0))
