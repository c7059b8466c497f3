"""Shared test set-up: headless matplotlib (Agg); figures closed after each test."""

import matplotlib

matplotlib.use("Agg")  # before any test module imports pyplot

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")
