"""The training loop: ``train_epoch`` is one pass of minibatch gradient descent; ``fit``
repeats it and keeps a ``History``; then ``predict`` and ``evaluate``.

Rule for class predictions (metrics and ``predict_classes``): a multi-column output
gives the argmax column; a one-column output gives class 1 when output ≥ ``threshold``.
The default 0.5 suits a sigmoid probability; pass ``threshold=0.0`` when the model
outputs logits (e.g. with BCEWithLogits).
"""

import numpy as np

from . import metrics as _metrics
from .module import as_batch
from .optim import clip_grad_norm as _clip_grad_norm

METRICS = {"accuracy": _metrics.accuracy}


class History(dict):
    """Per-epoch lists keyed "loss", metric names, and "val_loss", "val_<metric>" with
    validation data.

    Keys are also attributes (``history.loss``). ``stopped_epoch``: the epoch where
    early stopping ended training (None if it did not); ``best_epoch``: the epoch whose
    parameters were restored; ``diverged``: the epoch where the training loss became inf
    or nan (None if it did not).
    """

    def __init__(self):
        super().__init__()
        self.stopped_epoch = None
        self.best_epoch = None
        self.diverged = None

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(
                f"History has no entry {name!r}; it has {list(self)}"
            ) from None


def _check_data(X, y, name_X, name_y):
    X = as_batch(X, name_X)
    y = np.asarray(y)
    if y.dtype.kind not in "biuf" or y.ndim == 0:
        raise TypeError(
            f"{name_y} must be an array of numbers, got {y.dtype} of shape {y.shape}"
        )
    if len(y) != len(X):
        raise ValueError(f"{name_X} has {len(X)} samples but {name_y} has {len(y)}")
    for arr, name in ((X, name_X), (y, name_y)):
        if not np.isfinite(arr).all():
            raise ValueError(f"{name} contains NaN or inf")
    return X, y


def _labels(y):
    """Class labels from targets: argmax of one-hot rows, else the values themselves."""
    return y.argmax(axis=1) if y.ndim == 2 and y.shape[1] > 1 else y.reshape(len(y))


def _classes(outputs, threshold):
    if outputs.shape[1] == 1:
        return (outputs[:, 0] >= threshold).astype(int)
    return outputs.argmax(axis=1)


def _metric_functions(metrics):
    if isinstance(metrics, dict):
        return dict(metrics)
    unknown = [name for name in metrics if name not in METRICS]
    if unknown:
        raise ValueError(
            f"unknown metric {unknown[0]!r}; known: {list(METRICS)}, "
            "or pass a dict name -> f"
        )
    return {name: METRICS[name] for name in metrics}


def minibatches(n, batch_size, rng=None):
    """Index arrays of one epoch's minibatches of ``n`` samples, in an order drawn
    from ``rng``; ``[slice(None)]`` (all samples, no copy) if ``batch_size`` is None."""
    _check_batch_size(batch_size)
    if batch_size is None or batch_size >= n:
        return [slice(None)]
    order = np.random.default_rng(rng).permutation(n)
    return [order[i : i + batch_size] for i in range(0, n, batch_size)]


def _check_batch_size(batch_size):
    if batch_size is not None and not (
        isinstance(batch_size, (int, np.integer)) and batch_size >= 1
    ):
        raise ValueError(
            f"batch_size must be None or an integer >= 1, got {batch_size!r}"
        )


def train_epoch(
    model, loss, optimizer, X, y, batch_size=None, rng=None, clip_grad_norm=None
):
    """One epoch: for each minibatch, forward, loss, backward, one optimizer step.

    X (N, d), y (N, ...); ``batch_size=None`` is one full batch; ``rng`` draws the
    order (pass a Generator: an int seed gives the same order every epoch).
    ``clip_grad_norm=c``: before each step, clip the gradients to global norm c
    (``mlp_lib.optim.clip_grad_norm``). Returns
    (mean loss, outputs (N, k)), ``outputs[i]`` being the output on ``X[i]`` when its
    batch was visited; if the loss stops being finite, the epoch stops, outputs None.
    """
    X, y = as_batch(X, "X"), np.asarray(y)
    if len(y) != len(X):
        raise ValueError(f"X has {len(X)} samples but y has {len(y)}")
    if not hasattr(optimizer, "step"):
        raise TypeError(
            f"optimizer must be an optimizer such as SGD(model.parameters(), lr=0.1), "
            f"got {type(optimizer).__name__}"
        )
    if clip_grad_norm is not None and not clip_grad_norm > 0:
        raise ValueError(
            f"clip_grad_norm must be None or a positive number, got {clip_grad_norm!r}"
        )
    model.train()
    total, outputs = 0.0, None
    for idx in minibatches(len(X), batch_size, rng):
        out = model(X[idx])
        value = loss(out, y[idx])
        total += value * len(out)
        if not np.isfinite(value):
            return total / len(X), None
        optimizer.zero_grad()
        model.backward(loss.backward())
        if clip_grad_norm is not None:
            _clip_grad_norm(model.parameters(), clip_grad_norm)
        optimizer.step()
        if outputs is None:
            outputs = np.empty((len(X), out.shape[1]), dtype=out.dtype)
        outputs[idx] = out  # every row is written once: the batches cover all samples
    return total / len(X), outputs


def _state_arrays(model):
    """What training changes: parameter values and buffers (running statistics)."""
    arrays = [p.value for p in model.parameters()]
    for module in model.modules():
        arrays.extend(module.buffers().values())
    return arrays


def fit(
    model,
    loss,
    optimizer,
    X,
    y,
    epochs,
    batch_size=None,
    rng=None,
    X_val=None,
    y_val=None,
    metrics=("accuracy",),
    early_stopping=None,
    threshold=0.5,
    verbose=False,
    clip_grad_norm=None,
    schedule=None,
):
    """Train ``model`` for ``epochs`` calls of ``train_epoch`` on (X, y); return a
    ``History``.

    X: (N, d) inputs; y: targets in the form ``loss`` expects. ``batch_size=None`` is
    full-batch gradient descent; otherwise each epoch visits the samples in an order
    drawn from ``rng`` (a Generator or seed; None draws fresh entropy). The loss and
    metrics of an epoch are averaged over its minibatches as training goes; validation
    ones are measured after the epoch in eval mode. ``metrics``: names from ``METRICS``
    or a dict name -> f(y_true, y_pred) on class labels (``threshold``: see the module
    docstring). ``early_stopping=k``: stop when the validation loss has not improved for
    k epochs and restore the parameters of the best epoch. If the training loss becomes
    inf or nan, training stops and ``history.diverged`` records the epoch (numpy's
    overflow warnings are silenced for that). ``verbose``: print one line per epoch.
    ``clip_grad_norm=c``: clip the gradients to global norm c before every step.
    ``schedule``: a learning-rate schedule on ``optimizer`` (``mlp_lib.optim.StepLR``,
    ``CosineLR``); ``schedule.step()`` is called after every epoch. Leaves eval mode
    on.
    """
    X, y = _check_data(X, y, "X", "y")
    if (X_val is None) != (y_val is None):
        raise ValueError("pass both X_val and y_val, or neither")
    validate = X_val is not None
    if validate:
        X_val, y_val = _check_data(X_val, y_val, "X_val", "y_val")
    if not (isinstance(epochs, (int, np.integer)) and epochs >= 1):
        raise ValueError(f"epochs must be an integer >= 1, got {epochs!r}")
    _check_batch_size(batch_size)
    if early_stopping is not None and not validate:
        raise ValueError("early_stopping needs validation data: pass X_val and y_val")
    if schedule is not None and getattr(schedule, "optimizer", None) is not optimizer:
        raise ValueError(
            "schedule must be a schedule made on the optimizer passed to fit"
        )
    metric_fns = _metric_functions(metrics)
    rng = np.random.default_rng(rng)
    history = History()
    for prefix in ("", "val_") if validate else ("",):
        history.update({prefix + key: [] for key in ("loss", *metric_fns)})
    best_loss, best_state = np.inf, None

    def record(prefix, loss_value, outputs, targets):
        history[prefix + "loss"].append(loss_value)
        predicted = _classes(outputs, threshold)
        for name, f in metric_fns.items():
            history[prefix + name].append(f(_labels(targets), predicted))

    for epoch in range(1, epochs + 1):
        # a too-large learning rate overflows to inf/nan: detected below, so numpy need
        # not warn
        with np.errstate(over="ignore", invalid="ignore"):
            epoch_loss, outputs = train_epoch(
                model, loss, optimizer, X, y, batch_size, rng, clip_grad_norm
            )
        if not np.isfinite(epoch_loss):
            history.diverged = epoch
            # this epoch's other values were not measured
            for key, values in history.items():
                values.append(epoch_loss if key == "loss" else np.nan)
            if verbose:
                print(
                    f"stopped at epoch {epoch}: training loss is {epoch_loss} "
                    "(learning rate too large?)"
                )
            break
        record("", epoch_loss, outputs, y)
        if schedule is not None:
            schedule.step()
        if validate:
            model.eval()
            with np.errstate(over="ignore", invalid="ignore"):
                out = model(X_val)
                record("val_", loss(out, y_val), out, y_val)
        if verbose:
            values = "  ".join(f"{k} {v[-1]:.4g}" for k, v in history.items())
            print(f"epoch {epoch}/{epochs}  {values}")
        if early_stopping is not None:
            if history.val_loss[-1] < best_loss:
                best_loss, history.best_epoch = history.val_loss[-1], epoch
                best_state = [a.copy() for a in _state_arrays(model)]
            elif epoch - history.best_epoch >= early_stopping:
                history.stopped_epoch = epoch
                break
    if best_state is not None:
        for a, saved in zip(_state_arrays(model), best_state):
            a[...] = saved
    model.eval()
    return history


def predict(model, X):
    """Outputs of ``model`` on X (N, d) in eval mode."""
    model.eval()
    return model(as_batch(X, "X"))


def predict_classes(model, X, threshold=0.5):
    """Class labels (N,): argmax of a multi-column output, or output ≥ threshold for one
    column."""
    return _classes(predict(model, X), threshold)


def evaluate(model, loss, X, y):
    """Loss of ``model`` on (X, y) in eval mode."""
    X, y = _check_data(X, y, "X", "y")
    model.eval()
    return float(loss.forward(model(X), y))
