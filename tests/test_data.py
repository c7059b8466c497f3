"""Toy data. Oracle: the definitions in the docstrings — labels recomputed from the
points (x₁ < x₂; the diagonals of the XOR set; the corners of the blobs), the 21-point
set listed by hand, the sklearn loaders' known sizes — and reproducibility: same seed,
same data; other seed, other data."""

import numpy as np
import pytest

from mlp_lib import data

RANDOM = [data.make_linear, data.make_spirals, data.make_moons]


@pytest.mark.parametrize("make", RANDOM)
def test_shapes_dtypes_and_balance(make):
    X, y = make(101, rng=0)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert y.shape == (101,) and y.dtype.kind == "i" and set(np.unique(y)) == {0, 1}
    assert 30 <= y.sum() <= 71


@pytest.mark.parametrize("make", RANDOM)
def test_reproducible_with_a_seed_and_a_generator(make):
    X1, y1 = make(50, rng=3)
    X2, y2 = make(50, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, make(50, rng=4)[0])


@pytest.mark.parametrize("make", RANDOM)
def test_global_numpy_state_is_not_used(make):
    state = np.random.get_state()[1].copy()
    make(20, rng=1)
    np.testing.assert_array_equal(np.random.get_state()[1], state)


@pytest.mark.parametrize("make", RANDOM)
@pytest.mark.parametrize("bad", [dict(n=0), dict(n=-5), dict(n=2.5)])
def test_invalid_sizes(make, bad):
    with pytest.raises(ValueError, match="positive integer"):
        make(**bad)


def test_invalid_noise():
    with pytest.raises(ValueError, match="noise"):
        data.make_spirals(10, noise=-1.0)


def test_linear_labels_follow_the_diagonal():
    X, y = data.make_linear(200, rng=0)
    assert ((X >= 0) & (X < 1)).all()
    np.testing.assert_array_equal(y, X[:, 0] < X[:, 1])


def test_xor_is_the_labs_21_points_on_the_diagonals():
    X, y = data.make_xor()
    i = np.arange(11) / 10
    on_main = np.column_stack([i, i])
    on_anti = np.column_stack([i, 1 - i])[i != 0.5]
    np.testing.assert_allclose(X, np.concatenate([on_main, on_anti]))
    np.testing.assert_array_equal(y, [0] * 11 + [1] * 10)
    assert len(np.unique(X.round(12), axis=0)) == 21


def test_truth_tables():
    X, y = data.truth_table("xor")
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, [0, 1, 1, 0])
    np.testing.assert_array_equal(data.truth_table("and")[1], [0, 0, 0, 1])
    with pytest.raises(ValueError, match="unknown gate"):
        data.truth_table("xnor")


@pytest.mark.parametrize(
    "name, shape, n_classes",
    [
        ("breast_cancer", (569, 30), 2),
        ("digits", (1797, 64), 10),
        ("iris", (150, 4), 3),
        ("wine", (178, 13), 3),
    ],
)
def test_bundled_sets(name, shape, n_classes):
    X, y = data.load(name)
    assert X.shape == shape and X.dtype == np.float64 and y.dtype.kind == "i"
    assert len(np.unique(y)) == n_classes


def test_unknown_set():
    with pytest.raises(ValueError, match="unknown data set"):
        data.load("mnist")
