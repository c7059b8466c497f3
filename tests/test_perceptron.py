"""Perceptron. Oracle: the truth tables of AND, OR and NOT; the convergence theorem
(linearly separable data is learned with 0 errors in a final epoch); XOR is not linearly
separable, so no epoch is ever error-free; one hand-computed update of the rule."""

import numpy as np
import pytest

from mlp_lib.data import make_linear, make_xor, truth_table
from mlp_lib.perceptron import Perceptron, mcculloch_pitts

INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]]


@pytest.mark.parametrize(
    "weights, threshold, table", [([1, 1], 2, [0, 0, 0, 1]), ([1, 1], 1, [0, 1, 1, 1])]
)
def test_mcculloch_pitts_and_or(weights, threshold, table):
    np.testing.assert_array_equal(mcculloch_pitts(INPUTS, weights, threshold), table)
    assert [mcculloch_pitts(x, weights, threshold) for x in INPUTS] == table


def test_mcculloch_pitts_not_and_binary_inputs():
    assert [mcculloch_pitts([x], [-1], 0) for x in (0, 1)] == [1, 0]
    with pytest.raises(ValueError, match="binary"):
        mcculloch_pitts([0.5, 1], [1, 1], 1)


@pytest.mark.parametrize("gate", ["and", "or", "nand"])
def test_learns_logic_gates(gate):
    X, y = truth_table(gate)
    unit = Perceptron(2, lr=0.5)
    errors = unit.fit(X, y, epochs=50)
    assert errors[-1] == 0 and len(errors) < 50
    np.testing.assert_array_equal(unit.predict(X), y)


@pytest.mark.parametrize("rng", [None, 0])
def test_learns_the_linear_set(rng):
    X, y = make_linear(100, rng=1)
    unit = Perceptron(2, rng=rng)
    assert unit.fit(X, y, epochs=1000)[-1] == 0
    np.testing.assert_array_equal(unit.predict(X), y)


@pytest.mark.parametrize("X, y", [truth_table("xor"), make_xor()])
def test_never_learns_xor(X, y):
    errors = Perceptron(2).fit(X, y, epochs=200)
    assert len(errors) == 200 and min(errors) > 0


def test_one_update_by_hand():
    unit = Perceptron(2, lr=0.1)
    unit.w[:] = [0.5, -0.5]
    assert unit.update(np.array([1.0, 2.0]), 1) == 1  # z = -0.5, so ŷ = 0
    np.testing.assert_allclose(unit.w, [0.6, -0.3])
    assert unit.b == pytest.approx(0.1)


def test_invalid_arguments():
    with pytest.raises(ValueError, match="learning rate"):
        Perceptron(2, lr=0)
    with pytest.raises(ValueError, match="label 0 or 1"):
        Perceptron(2).fit(np.zeros((3, 2)), [0, 2, 1])
    with pytest.raises(ValueError, match="features"):
        Perceptron(3).predict(np.zeros((3, 2)))
