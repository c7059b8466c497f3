"""dead_units (appended to mlp_lib.activations for chapter 2). Oracle: small matrices worked by hand,
where a unit (column) is dead only if its pre-activation is ≤ 0 in every row (example)."""

import numpy as np
import pytest

from mlp_lib.activations import dead_units


def test_a_unit_is_dead_only_when_negative_on_every_example():
    Z = np.array(
        [[-1.0, 2.0, -0.5, 0.0], [-3.0, -1.0, -2.0, -1.0], [-0.1, -4.0, 0.5, -2.0]]
    )
    # column 0: all < 0; column 1: positive once; column 2: positive once; column 3: 0 counts as off
    assert dead_units(Z).tolist() == [True, False, False, True]


def test_negative_entries_alone_do_not_make_a_unit_dead():
    Z = np.array([[-1.0, -1.0], [1.0, 1.0]])  # half the entries negative, no dead unit
    assert not dead_units(Z).any()


def test_bad_input_is_rejected_with_a_clear_error():
    with pytest.raises(ValueError, match="2-D"):
        dead_units(np.zeros(3))
