"""Looking inside a network: which units are dead, what each layer outputs, and how
large each layer's weight gradient is (chapters 2, 7 and 11)."""

import numpy as np

from .layers import Linear
from .module import as_batch


def dead_units(z):
    """Which ReLU units are dead on a data set, as a boolean array (units,).

    ``z`` (N, units) holds every unit's pre-activation on each of the N examples. A unit
    is dead when z ≤ 0 on *every* example, not merely on some: it then outputs 0 and
    passes back a zero gradient to its own weights and bias on all of them.
    """
    return (as_batch(z, "z", layer="dead_units") <= 0).all(axis=0)


def layer_outputs(model, X):
    """The output of every layer of a Sequential ``model`` on X (N, d), in forward
    order, in the model's current mode (in training mode dropout draws new masks)."""
    outputs = []
    for layer in model:
        X = layer(X)
        outputs.append(X)
    return outputs


def weight_gradient_norms(model, loss, X, y):
    """‖∂L/∂W‖ (Frobenius) of every ``Linear`` inside ``model``, in forward order,
    (n_linear,).

    One forward and backward pass of ``loss`` on (X, y) in training mode (left on; batch
    norm's running statistics move); the gradients are zeroed first and left holding
    this batch's gradients.
    """
    model.train()
    loss(model(X), y)
    model.zero_grad()
    model.backward(loss.backward())
    return np.array(
        [np.linalg.norm(m.W.grad) for m in model.modules() if isinstance(m, Linear)]
    )
