"""Activation layers. Oracles: central finite differences of L = Σ g ⊙ layer(z) with a
random upstream gradient g (float64, relative error < 1e-6, inputs kept away from kinks
and maxout ties), the explicit softmax Jacobian diag(p) − ppᵀ, and small hand-worked
examples."""

import numpy as np
import pytest

from mlp_lib import activations as A
from mlp_lib import functional as F
from mlp_lib.gradcheck import check_layer

# (factory, kinks of the function: inputs are kept 1e-3 away from them)
LAYERS = {
    "Sigmoid": (A.Sigmoid, []),
    "Tanh": (A.Tanh, []),
    "ReLU": (A.ReLU, [0.0]),
    "LeakyReLU": (lambda: A.LeakyReLU(slope=0.2), [0.0]),
    "PReLU shared": (A.PReLU, [0.0]),
    "PReLU per unit": (lambda: A.PReLU(n_features=6, init=0.1), [0.0]),
    "ELU": (lambda: A.ELU(alpha=0.7), [0.0]),
    "Softplus": (A.Softplus, []),
    "GELU": (A.GELU, []),
    "SiLU": (A.SiLU, []),
    "Softmax": (A.Softmax, []),
}


def sample(rng, shape, kinks=()):
    """3·N(0, 1) entries, resampled while any lies within 1e-3 of a kink."""
    z = 3 * rng.standard_normal(shape)
    while any(np.any(np.abs(z - k) < 1e-3) for k in kinks):
        z = 3 * rng.standard_normal(shape)
    return z


@pytest.mark.parametrize("name", LAYERS)
@pytest.mark.parametrize("seed, n", [(0, 1), (1, 4), (2, 9)])
def test_backward_matches_finite_differences(name, seed, n):
    make, kinks = LAYERS[name]
    rng = np.random.default_rng(seed)
    z = sample(rng, (n, 6), kinks)
    for part, err in check_layer(make(), z, rng).items():
        assert err < 1e-6, f"{name} {part} grad, shape {z.shape}: rel err {err:.2e}"


def maxout_input(rng, n, width, k):
    """Rows whose groups of k have no two values within 1e-3 of each other (no argmax
    ties)."""
    z = rng.standard_normal((n, width))
    while np.any(np.diff(np.sort(z.reshape(n, -1, k), axis=2), axis=2) < 1e-3):
        z = rng.standard_normal((n, width))
    return z


@pytest.mark.parametrize(
    "seed, n, width, k", [(0, 3, 6, 2), (1, 5, 12, 3), (2, 2, 8, 4), (3, 4, 5, 1)]
)
def test_maxout_backward_matches_finite_differences(seed, n, width, k):
    rng = np.random.default_rng(seed)
    z = maxout_input(rng, n, width, k)
    err = check_layer(A.Maxout(k), z, rng)["input"]
    assert err < 1e-6, f"Maxout(k={k}) input grad, shape {z.shape}: rel err {err:.2e}"


def test_maxout_takes_the_max_of_consecutive_groups_and_routes_the_gradient_to_it():
    layer = A.Maxout(2)
    z = np.array([[1.0, 3.0, -1.0, -2.0], [5.0, 4.0, 0.0, 2.0]])
    np.testing.assert_array_equal(layer(z), [[3.0, -1.0], [5.0, 2.0]])
    grad = layer.backward(np.array([[10.0, 20.0], [30.0, 40.0]]))
    np.testing.assert_array_equal(
        grad, [[0.0, 10.0, 20.0, 0.0], [30.0, 0.0, 0.0, 40.0]]
    )


def test_maxout_rejects_a_width_not_divisible_by_k():
    with pytest.raises(ValueError, match="width 5 is not divisible by k = 2"):
        A.Maxout(2)(np.zeros((3, 5)))
    with pytest.raises(ValueError, match="positive integer"):
        A.Maxout(0)


@pytest.mark.parametrize("seed", range(3))
def test_softmax_backward_is_the_jacobian_vector_product(seed):
    rng = np.random.default_rng(seed)
    z, g = rng.standard_normal((4, 5)), rng.standard_normal((4, 5))
    layer = A.Softmax()
    p = layer(z)
    expected = [(np.diag(row) - np.outer(row, row)) @ gr for row, gr in zip(p, g)]
    np.testing.assert_allclose(layer.backward(g), expected, atol=1e-14)
    # With g = 1 every Jacobian-vector product is 0: a test with ones proves nothing.
    np.testing.assert_allclose(layer.backward(np.ones_like(g)), 0.0, atol=1e-15)


def test_layers_match_the_functions():
    z = np.random.default_rng(0).standard_normal((3, 4))
    np.testing.assert_array_equal(A.Sigmoid()(z), F.sigmoid(z))
    np.testing.assert_array_equal(A.ELU(alpha=0.5)(z), F.elu(z, 0.5))
    np.testing.assert_array_equal(A.Softmax()(z), F.softmax(z, axis=1))
    np.testing.assert_array_equal(A.PReLU(init=0.3)(z), F.leaky_relu(z, 0.3))


def test_prelu_learns_one_slope_or_one_per_unit():
    assert A.PReLU().num_parameters() == 1
    layer = A.PReLU(n_features=4)
    assert layer.num_parameters() == 4
    with pytest.raises(ValueError, match="PReLU.*3 features.*expects 4"):
        layer(np.zeros((2, 3)))


def test_step_forward_works_but_backward_explains_why_it_cannot_be_trained():
    layer = A.Step()
    np.testing.assert_array_equal(
        layer(np.array([[-1.0, 0.0, 2.0]])), [[0.0, 1.0, 1.0]]
    )
    with pytest.raises(RuntimeError, match="derivative 0 almost everywhere"):
        layer.backward(np.ones((1, 3)))


def test_extreme_inputs_give_finite_outputs_and_gradients():
    z = np.array([[-1000.0, 1000.0, 0.0]])
    for layer in (
        A.Sigmoid(),
        A.Tanh(),
        A.Softplus(),
        A.ELU(),
        A.Softmax(),
        A.GELU(),
        A.SiLU(),
    ):
        out, grad = layer(z), layer.backward(np.ones_like(z))
        assert np.all(np.isfinite(out)) and np.all(np.isfinite(grad)), repr(layer)


def test_bad_inputs_raise_clear_errors():
    with pytest.raises(ValueError, match="ReLU.*2-D"):
        A.ReLU()(np.zeros(3))
    with pytest.raises(TypeError, match="Tanh.*array of numbers"):
        A.Tanh()("not an array")


def test_repr_shows_the_settings():
    assert repr(A.LeakyReLU(0.2)) == "LeakyReLU(slope=0.2)"
    assert repr(A.Maxout(3)) == "Maxout(k=3)"
    assert repr(A.Sigmoid()) == "Sigmoid()"


@pytest.mark.parametrize(
    "layer, derivative",
    [
        (A.Sigmoid, F.sigmoid_grad),
        (A.Tanh, F.tanh_grad),
        (A.ReLU, F.relu_grad),
    ],
    ids=["Sigmoid", "Tanh", "ReLU"],
)
def test_backward_from_the_cached_output_equals_f_prime_of_z_bit_for_bit(
    layer, derivative
):
    """Sigmoid, Tanh and ReLU read f'(z) off their output a. Oracle: δ ⊙ f'(z)
    computed from z by ``functional``, which must agree to the last bit."""
    rng = np.random.default_rng(3)
    z = np.concatenate(
        [rng.normal(scale=4.0, size=(6, 5)), [[0.0, -0.0, 1e3, -1e3, 5]]]
    )
    grad_out = rng.normal(size=z.shape)
    act = layer()
    act.forward(z)
    assert np.array_equal(act.backward(grad_out), grad_out * derivative(z))


@pytest.mark.parametrize(
    "layer", [A.Sigmoid, A.Tanh, A.ReLU, A.LeakyReLU, A.ELU, A.GELU, A.SiLU]
)
def test_float32_stays_float32_forward_and_backward(layer):
    z = np.random.default_rng(0).normal(size=(4, 3)).astype(np.float32)
    act = layer()
    out = act.forward(z)
    grad = act.backward(np.ones_like(out))
    assert out.dtype == np.float32 and grad.dtype == np.float32, layer.__name__


@pytest.mark.parametrize(
    "layer, f, derivative",
    [(A.GELU, F.gelu, F.gelu_grad), (A.SiLU, F.silu, F.silu_grad)],
    ids=["GELU", "SiLU"],
)
def test_gelu_and_silu_layers_reuse_their_cache_and_match_functional(
    layer, f, derivative
):
    """GELU caches Φ(z), SiLU σ(z). Oracle: ``functional``'s f and f' from z, to
    rounding; a second forward pass must replace the cache."""
    rng = np.random.default_rng(7)
    z, z2 = rng.normal(scale=3.0, size=(2, 5, 4))
    grad_out = rng.normal(size=z.shape)
    act = layer()
    act.forward(z2)
    np.testing.assert_array_equal(act.forward(z), f(z))
    np.testing.assert_allclose(
        act.backward(grad_out), grad_out * derivative(z), rtol=1e-14, atol=1e-15
    )
