"""Training loop. Oracle: behaviour that follows from the contract rather than from
numbers — a separable problem must be learned to accuracy 1, the same seed must give a
bitwise identical history, early stopping must return the parameters of the epoch with
the lowest recorded val_loss (re-evaluated here), and one epoch must equal the
hand-written minibatch loop."""

import numpy as np
import pytest

from mlp_lib.activations import ReLU, Sigmoid
from mlp_lib.layers import BatchNorm1d, Dropout, Linear, Sequential
from mlp_lib.losses import MSE, BCEWithLogits, SoftmaxCrossEntropy
from mlp_lib.module import set_default_dtype
from mlp_lib.optim import SGD, Adam, StepLR
from mlp_lib.train import (
    History,
    evaluate,
    fit,
    predict,
    predict_classes,
    train_epoch,
)


def blobs(seed=0, n=60, k=3):
    """k well-separated Gaussian clusters in 2-D with integer labels."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % k
    centres = 4.0 * np.array(
        [[np.cos(a), np.sin(a)] for a in 2 * np.pi * np.arange(k) / k]
    )
    return centres[y] + 0.5 * rng.standard_normal((n, 2)), y


def mlp(seed=0, n_out=3, extra=()):
    return Sequential(
        Linear(2, 8, rng=seed), ReLU(), *extra, Linear(8, n_out, rng=seed + 1)
    )


def test_learns_a_separable_problem():
    X, y = blobs()
    model = mlp()
    h = fit(
        model,
        SoftmaxCrossEntropy(),
        Adam(model.parameters(), lr=0.05),
        X,
        y,
        epochs=60,
        batch_size=16,
        rng=0,
    )
    assert h.loss[-1] < 0.2 * h.loss[0]
    assert h["accuracy"][-1] == 1.0
    np.testing.assert_array_equal(predict_classes(model, X), y)
    assert not model.training and h.diverged is None and h.stopped_epoch is None


def test_one_column_output_uses_threshold():
    X, y = blobs(k=2)
    model = mlp(n_out=1)
    h = fit(
        model,
        BCEWithLogits(),
        Adam(model.parameters(), lr=0.05),
        X,
        y[:, None],
        epochs=40,
        threshold=0.0,
    )
    assert h.accuracy[-1] == 1.0
    np.testing.assert_array_equal(predict_classes(model, X, threshold=0.0), y)


def test_full_batch_epoch_is_one_gradient_step():
    X, y = blobs()
    model, reference = mlp(), mlp()
    fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=1)
    loss = SoftmaxCrossEntropy()
    loss.forward(reference(X), y)
    reference.backward(loss.backward())
    for p, q in zip(model.parameters(), reference.parameters()):
        np.testing.assert_array_equal(p.value, q.value - 0.1 * q.grad)


def train_history(seed, rng, extra=()):
    X, y = blobs()
    model = mlp(seed, extra=extra)
    return fit(
        model,
        SoftmaxCrossEntropy(),
        SGD(model.parameters(), lr=0.1, momentum=0.9),
        X,
        y,
        epochs=5,
        batch_size=8,
        rng=rng,
        X_val=X[:20],
        y_val=y[:20],
    )


def test_same_seed_gives_identical_history():
    first = train_history(0, rng=1, extra=(Dropout(0.2, rng=3),))
    second = train_history(
        0, rng=np.random.default_rng(1), extra=(Dropout(0.2, rng=3),)
    )
    assert first == second  # float lists compared exactly
    assert list(first) == ["loss", "accuracy", "val_loss", "val_accuracy"]


def test_shuffling_uses_the_rng():
    assert train_history(0, rng=1).loss != train_history(0, rng=2).loss


def test_early_stopping_restores_the_best_parameters():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 2))
    y = rng.integers(
        0, 3, 40
    )  # random labels: the validation loss soon rises (overfitting)
    X_val, y_val = rng.standard_normal((40, 2)), rng.integers(0, 3, 40)
    model = mlp(extra=(BatchNorm1d(8),))
    h = fit(
        model,
        SoftmaxCrossEntropy(),
        Adam(model.parameters(), lr=0.05),
        X,
        y,
        epochs=200,
        X_val=X_val,
        y_val=y_val,
        early_stopping=5,
    )
    assert h.stopped_epoch is not None and h.stopped_epoch < 200
    assert len(h.val_loss) == h.stopped_epoch
    assert h.stopped_epoch - h.best_epoch == 5
    best = min(h.val_loss)
    assert h.val_loss[h.best_epoch - 1] == best
    # running statistics are restored with the weights, so the model reproduces the best
    # val_loss
    assert evaluate(model, SoftmaxCrossEntropy(), X_val, y_val) == best


def test_divergence_stops_with_one_line(capsys):
    X, y = blobs()
    model = Sequential(Linear(2, 8, rng=0), Sigmoid(), Linear(8, 1, rng=1))
    # MSE with a huge learning rate: weights overflow to inf, the loss to inf/nan (no
    # warning raised)
    h = fit(
        model,
        MSE(),
        SGD(model.parameters(), lr=1e6),
        X,
        y[:, None],
        epochs=500,
        verbose=True,
    )
    assert h.diverged is not None and h.diverged < 500
    assert len(h.loss) == h.diverged and not np.isfinite(h.loss[-1])
    assert np.all(np.isfinite(h.loss[:-1])) and np.isnan(h.accuracy[-1])
    out = capsys.readouterr().out.splitlines()
    assert (
        out[-1] == f"stopped at epoch {h.diverged}: training loss is {h.loss[-1]} "
        "(learning rate too large?)"
    )
    assert len(out) == h.diverged


def test_train_epoch_is_the_loop_written_out():
    """Oracle: the same minibatch steps written by hand, in the same shuffled order."""
    X, y = blobs()
    model, by_hand = mlp(), mlp()
    opt, opt_hand = SGD(model.parameters(), lr=0.1), SGD(by_hand.parameters(), lr=0.1)
    mean_loss, outputs = train_epoch(
        model, SoftmaxCrossEntropy(), opt, X, y, batch_size=7, rng=3
    )
    loss, total = SoftmaxCrossEntropy(), 0.0
    order = np.random.default_rng(3).permutation(len(X))
    expected_outputs = np.empty_like(outputs)
    for start in range(0, len(X), 7):
        idx = order[start : start + 7]
        out = by_hand(X[idx])
        total += loss(out, y[idx]) * len(idx)
        opt_hand.zero_grad()
        by_hand.backward(loss.backward())
        opt_hand.step()
        expected_outputs[idx] = out
    assert mean_loss == pytest.approx(total / len(X), rel=1e-12)
    np.testing.assert_allclose(outputs, expected_outputs, rtol=1e-12)
    for p, q in zip(model.parameters(), by_hand.parameters()):
        np.testing.assert_allclose(p.value, q.value, rtol=1e-12)


def test_train_epoch_clips_the_global_gradient_norm_before_each_step():
    """Oracle: the hand-written loop with the clipping written out with numpy."""
    X, y = blobs()
    model, by_hand = mlp(), mlp()
    opt, opt_hand = SGD(model.parameters(), lr=0.5), SGD(by_hand.parameters(), lr=0.5)
    train_epoch(
        model,
        SoftmaxCrossEntropy(),
        opt,
        X,
        y,
        batch_size=20,
        rng=1,
        clip_grad_norm=0.3,
    )
    loss, norms = SoftmaxCrossEntropy(), []
    order = np.random.default_rng(1).permutation(len(X))
    for start in range(0, len(X), 20):
        idx = order[start : start + 20]
        loss(by_hand(X[idx]), y[idx])
        opt_hand.zero_grad()
        by_hand.backward(loss.backward())
        grads = [p.grad for p in by_hand.parameters()]
        norms.append(np.sqrt(sum(np.sum(g**2) for g in grads)))
        for g in grads:
            g *= min(1.0, 0.3 / norms[-1])
        opt_hand.step()
    assert max(norms) > 0.3  # the clipping was active
    for p, q in zip(model.parameters(), by_hand.parameters()):
        np.testing.assert_allclose(p.value, q.value, rtol=1e-12)


def test_fit_passes_clip_grad_norm_to_every_epoch():
    X, y = blobs()
    model, by_epoch = mlp(), mlp()
    fit(
        model,
        SoftmaxCrossEntropy(),
        SGD(model.parameters(), lr=0.5),
        X,
        y,
        3,
        batch_size=20,
        rng=2,
        clip_grad_norm=0.3,
    )
    opt, rng = SGD(by_epoch.parameters(), lr=0.5), np.random.default_rng(2)
    for _ in range(3):
        train_epoch(by_epoch, SoftmaxCrossEntropy(), opt, X, y, 20, rng, 0.3)
    for p, q in zip(model.parameters(), by_epoch.parameters()):
        np.testing.assert_array_equal(p.value, q.value)


def test_fit_steps_the_schedule_after_every_epoch():
    """Oracle: the same epochs by hand with optimizer.lr set to η γ^⌊e/2⌋."""
    X, y = blobs()
    model, by_hand = mlp(), mlp()
    opt = SGD(model.parameters(), lr=0.4)
    fit(
        model,
        SoftmaxCrossEntropy(),
        opt,
        X,
        y,
        5,
        batch_size=20,
        rng=4,
        schedule=StepLR(opt, step_size=2, gamma=0.5),
    )
    assert opt.lr == pytest.approx(0.4 * 0.5 ** (5 // 2))  # stepped 5 times
    opt_hand, rng = SGD(by_hand.parameters(), lr=0.4), np.random.default_rng(4)
    for epoch in range(5):
        opt_hand.lr = 0.4 * 0.5 ** (epoch // 2)
        train_epoch(by_hand, SoftmaxCrossEntropy(), opt_hand, X, y, 20, rng)
    for p, q in zip(model.parameters(), by_hand.parameters()):
        np.testing.assert_allclose(p.value, q.value, rtol=1e-14)


def test_fit_rejects_a_schedule_of_another_optimizer():
    X, y = blobs()
    model = mlp()
    other = StepLR(SGD(model.parameters(), lr=0.1), step_size=1)
    with pytest.raises(ValueError, match="schedule must be a schedule made on the"):
        fit(
            model,
            SoftmaxCrossEntropy(),
            SGD(model.parameters(), lr=0.1),
            X,
            y,
            1,
            schedule=other,
        )


def test_metrics_dict_and_history_access():
    X, y = blobs()
    model = mlp()
    errors = {"errors": lambda t, p: int(np.sum(t != p))}
    h = fit(
        model,
        SoftmaxCrossEntropy(),
        Adam(model.parameters()),
        X,
        y,
        epochs=2,
        metrics=errors,
    )
    assert isinstance(h, History) and h.errors == h["errors"] and len(h.errors) == 2
    with pytest.raises(AttributeError, match="no entry 'accuracy'"):
        _ = h.accuracy


def test_predict_and_evaluate_use_eval_mode():
    X, y = blobs()
    model = mlp(extra=(Dropout(0.5, rng=0),))
    out = predict(model, X)
    assert not model.training
    np.testing.assert_array_equal(out, predict(model, X))
    assert evaluate(
        model, SoftmaxCrossEntropy(), X, y
    ) == SoftmaxCrossEntropy().forward(out, y)


def test_fit_switches_to_train_mode_for_training():
    X, y = blobs()
    drop = Dropout(0.5, rng=0)
    model = mlp(extra=(drop,))
    model.eval()
    fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y, epochs=1)
    assert drop.mask is not None  # drawn only in train mode
    assert not model.training


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"y": np.zeros(59, dtype=int)}, ValueError, "X has 60 samples but y has 59"),
        ({"X": np.full((60, 2), np.nan)}, ValueError, "X contains NaN or inf"),
        ({"y": np.r_[np.inf, np.zeros(59)]}, ValueError, "y contains NaN or inf"),
        ({"y": np.array(["a"] * 60)}, TypeError, "y must be an array of numbers"),
        (
            {"X_val": np.zeros((5, 2)), "y_val": np.zeros(4, dtype=int)},
            ValueError,
            "X_val has 5 samples",
        ),
        ({"X_val": np.zeros((5, 2))}, ValueError, "pass both X_val and y_val"),
        ({"epochs": 0}, ValueError, "epochs must be an integer >= 1"),
        ({"epochs": 2.5}, ValueError, "epochs must be an integer >= 1"),
        ({"batch_size": 0}, ValueError, "batch_size"),
        ({"early_stopping": 3}, ValueError, "early_stopping needs validation data"),
        ({"metrics": ("auc",)}, ValueError, "unknown metric 'auc'"),
    ],
)
def test_bad_inputs(kwargs, error, message):
    X, y = blobs()
    model = mlp()
    args = {"X": X, "y": y, "epochs": 1, **kwargs}
    with pytest.raises(error, match=message):
        fit(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), **args)


def test_train_epoch_switches_every_layer_to_training_mode():
    X, y = blobs()
    drop, bn = Dropout(0.5, rng=0), BatchNorm1d(8)
    model = mlp(extra=(bn, drop))
    drop.eval()
    bn.eval()  # the top-level model still says training=True
    train_epoch(model, SoftmaxCrossEntropy(), SGD(model.parameters(), lr=0.1), X, y)
    assert drop.training and drop.mask is not None
    assert not np.allclose(bn.running_mean, 0.0)


def test_train_epoch_stops_on_a_non_finite_loss_without_outputs():
    X, y = blobs()
    model = mlp()
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(20):
            loss, outputs = train_epoch(
                model, MSE(), SGD(model.parameters(), lr=1e6), X, np.ones((len(X), 3))
            )
            if not np.isfinite(loss):
                break
    assert not np.isfinite(loss) and outputs is None


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"batch_size": 0}, ValueError, "batch_size must be None or an integer"),
        ({"batch_size": -1}, ValueError, "batch_size must be None or an integer"),
        ({"y": np.zeros(5)}, ValueError, "X has 60 samples but y has 5"),
        ({"optimizer": []}, TypeError, "optimizer must be an optimizer"),
        ({"X": "data"}, TypeError, "array of numbers"),
        ({"clip_grad_norm": 0.0}, ValueError, "clip_grad_norm must be None or a"),
        ({"clip_grad_norm": -1}, ValueError, "clip_grad_norm must be None or a"),
    ],
)
def test_train_epoch_rejects_bad_inputs_early(kwargs, error, message):
    X, y = blobs()
    model = mlp()
    args = {"X": X, "y": y, "optimizer": SGD(model.parameters(), lr=0.1)} | kwargs
    with pytest.raises(error, match=message):
        train_epoch(model, SoftmaxCrossEntropy(), **args)


def test_float32_training_stays_float32_end_to_end():
    """Oracle: dtypes. Every array a float32 model produces or keeps is float32."""
    X, y = blobs()
    try:
        set_default_dtype(np.float32)
        bn, drop = BatchNorm1d(8), Dropout(0.2, rng=0)
        model = mlp(extra=(bn, drop))
    finally:
        set_default_dtype(np.float64)
    opt = Adam(model.parameters(), lr=0.01)
    X32 = X.astype(np.float32)
    history = fit(model, SoftmaxCrossEntropy(), opt, X32, y, epochs=3, batch_size=16)
    assert np.isfinite(history.loss).all()
    arrays = {
        "eval output": predict(model, X32),
        "train output": model.train()(X32),
        "running_mean": bn.running_mean,
        "running_var": bn.running_var,
    }
    arrays |= {f"{p.name} value": p.value for p in model.parameters()}
    arrays |= {f"{p.name} grad": p.grad for p in model.parameters()}
    arrays |= {f"Adam {k}": v for s in opt.state for k, v in s.items() if k != "t"}
    wrong = {name: a.dtype for name, a in arrays.items() if a.dtype != np.float32}
    assert not wrong, f"float64 leaked in: {wrong}"
