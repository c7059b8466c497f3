"""Training time: mlp_lib against scikit-learn's MLPClassifier and against bare numpy
(``make benchmark``).

Same task for all: a 64-128-128-10 ReLU MLP with softmax cross-entropy on the digits
data set (standard-scaled, 80/20 stratified split, seed 0), 20 epochs of minibatches of
32, once with SGD (η = 0.01, momentum 0.9) and once with Adam (η = 1e-3). "bare GEMM"
times only the matrix products mlp_lib computes for the same batches (3 forward, 3
weight gradients, 3 input gradients per batch): the floor for any numpy implementation.
Time: best of REPEATS runs on one BLAS thread (the Makefile sets it). ``--dtype
float32`` runs mlp_lib in float32.
"""

import argparse
import time
import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from mlp_lib.activations import ReLU
from mlp_lib.layers import Linear, Sequential
from mlp_lib.losses import SoftmaxCrossEntropy
from mlp_lib.metrics import accuracy
from mlp_lib.module import set_default_dtype
from mlp_lib.optim import SGD, Adam
from mlp_lib.train import fit, predict_classes

EPOCHS, BATCH, SEED, REPEATS = 20, 32, 0, 7
SIZES = (64, 128, 128, 10)
OPTIMIZERS = {
    "sgd": (lambda params: SGD(params, lr=0.01, momentum=0.9), 0.01),
    "adam": (lambda params: Adam(params, lr=1e-3), 1e-3),
}


def data():
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=SEED
    )
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def train_mlp_lib(solver, X_train, y_train):
    # Xavier-uniform weights (Linear's default), as MLPClassifier initializes
    layers = []
    for i, (n_in, n_out) in enumerate(zip(SIZES[:-1], SIZES[1:])):
        layers += [Linear(n_in, n_out, rng=SEED + i), ReLU()]
    model = Sequential(*layers[:-1])
    make_optimizer, _ = OPTIMIZERS[solver]
    fit(
        model,
        SoftmaxCrossEntropy(),
        make_optimizer(model.parameters()),
        X_train,
        y_train,
        epochs=EPOCHS,
        batch_size=BATCH,
        rng=SEED,
        metrics=(),
    )
    return lambda X: predict_classes(model, X)


def train_sklearn(solver, X_train, y_train):
    clf = MLPClassifier(
        hidden_layer_sizes=SIZES[1:-1],
        activation="relu",
        solver=solver,
        batch_size=BATCH,
        max_iter=EPOCHS,
        learning_rate_init=OPTIMIZERS[solver][1],
        momentum=0.9,
        nesterovs_momentum=False,
        alpha=0.0,
        tol=0,
        n_iter_no_change=10**9,
        shuffle=True,
        random_state=SEED,
    )
    # max_iter is the epoch budget here, so "not converged" is expected
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X_train, y_train)
    return clf.predict


def bare_gemm(solver, X_train, y_train):
    """Only the 9 matrix products per batch that mlp_lib computes, same batches."""
    rng = np.random.default_rng(SEED)
    Ws = [
        rng.standard_normal((a, b)).astype(X_train.dtype)
        for a, b in zip(SIZES[:-1], SIZES[1:])
    ]
    n = len(X_train)
    for _ in range(EPOCHS):
        order = rng.permutation(n)
        for start in range(0, n, BATCH):
            a = X_train[order[start : start + BATCH]]
            inputs = []
            for W in Ws:
                inputs.append(a)
                a = a @ W
            g = a
            for W, x in zip(reversed(Ws), reversed(inputs)):
                x.T @ g
                g = g @ W.T
    return None


def best_time(train, *args):
    """(shortest wall time of REPEATS runs in seconds, the last run's predictor)."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        predictor = train(*args)
        times.append(time.perf_counter() - start)
    return min(times), predictor


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    args = parser.parse_args()
    X_train, X_test, y_train, y_test = data()
    if args.dtype == "float32":
        set_default_dtype(np.float32)
        X_train, X_test = X_train.astype(np.float32), X_test.astype(np.float32)
    print(
        f"digits: {len(X_train)} train / {len(X_test)} test, {EPOCHS} epochs, "
        f"batch {BATCH}, best of {REPEATS}, mlp_lib in {args.dtype}"
    )
    print(f"{'solver':<7}{'library':<11}{'time (s)':>9}{'test acc':>10}")
    trainers = (
        ("mlp_lib", train_mlp_lib),
        ("sklearn", train_sklearn),
        ("bare GEMM", bare_gemm),
    )
    for solver in OPTIMIZERS:
        seconds = {}
        for library, train in trainers:
            seconds[library], predictor = best_time(train, solver, X_train, y_train)
            acc = f"{accuracy(y_test, predictor(X_test)):.4f}" if predictor else "-"
            print(f"{solver:<7}{library:<11}{seconds[library]:>9.3f}{acc:>10}")
        for other in ("sklearn", "bare GEMM"):
            ratio = seconds["mlp_lib"] / seconds[other]
            print(f"{solver:<7}time ratio mlp_lib / {other} = {ratio:.2f}")


if __name__ == "__main__":
    main()
