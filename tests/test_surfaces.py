"""Loss surfaces and optimizer trajectories. Oracles: central differences for the
gradients and the closed form of gradient descent on a quadratic, w_t = (1 − ηλ)^t w_0
along each axis."""

import numpy as np
import pytest

from mlp_lib.gradcheck import numerical_grad, rel_error
from mlp_lib.optim import SGD, Adam
from mlp_lib.surfaces import elongated_quadratic, rosenbrock, saddle, trajectory

SURFACES = [
    elongated_quadratic(),
    elongated_quadratic(2.0, 7.0),
    rosenbrock(),
    saddle(),
]


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_matches_central_differences(surface, seed):
    w = np.random.default_rng(seed).normal(size=2)
    err = rel_error(surface.grad(w), numerical_grad(surface.f, w))
    assert err < 1e-7, f"{surface.name} gradient at {w}: rel err {err:.2e}"


@pytest.mark.parametrize("surface", SURFACES[:3], ids=lambda s: s.name)
def test_minimum_has_zero_gradient(surface):
    assert np.allclose(surface.grad(np.array(surface.minimum)), 0.0), surface.name


def test_f_evaluates_a_grid_at_once():
    grid = np.zeros((5, 7, 2))
    assert rosenbrock().f(grid).shape == (5, 7)
    assert elongated_quadratic().grad(grid).shape == (5, 7, 2)


def test_gradient_descent_on_quadratic_matches_closed_form():
    surface, lr, start = elongated_quadratic(1.0, 20.0), 0.09, np.array([1.0, 1.0])
    path = trajectory(surface, lambda p: SGD(p, lr=lr), start, steps=30)
    t = np.arange(31)[:, None]
    expected = start * (1 - lr * np.array([1.0, 20.0])) ** t
    assert np.allclose(path, expected, rtol=1e-12, atol=1e-15)


def test_too_large_learning_rate_diverges_and_stops_at_first_non_finite_point():
    # stable iff lr < 2 / 20 = 0.1 on the steep axis
    path = trajectory(
        elongated_quadratic(1.0, 20.0),
        lambda p: SGD(p, lr=0.5),
        (1.0, 1.0),
        steps=10_000,
    )
    assert not np.isfinite(path[-1]).all() and np.isfinite(path[:-1]).all()
    assert len(path) < 10_001


def test_adam_reaches_the_rosenbrock_minimum():
    path = trajectory(rosenbrock(), lambda p: Adam(p, lr=0.02), (-1.0, 1.5), steps=5000)
    assert np.allclose(path[-1], (1.0, 1.0), atol=1e-2), path[-1]


def test_bad_arguments():
    with pytest.raises(ValueError, match="steps"):
        trajectory(saddle(), lambda p: SGD(p, lr=0.1), (1.0, 1.0), steps=0)
    with pytest.raises(ValueError, match="start"):
        trajectory(saddle(), lambda p: SGD(p, lr=0.1), (1.0, 1.0, 1.0), steps=3)
