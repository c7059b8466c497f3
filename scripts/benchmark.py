"""Training time and test accuracy: mlp_lib against scikit-learn's MLPClassifier (``make benchmark``).

Same task for both: a 64-128-128-10 ReLU MLP with softmax cross-entropy on the digits data set
(standard-scaled, 80/20 stratified split, seed 0), 20 epochs of minibatches of 32, once with
SGD (η = 0.01, momentum 0.9) and once with Adam (η = 1e-3). Time: best of 3 runs (time.perf_counter).
"""

import time
import warnings

from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from mlp_lib.activations import ReLU
from mlp_lib.layers import Linear, Sequential
from mlp_lib.losses import SoftmaxCrossEntropy
from mlp_lib.metrics import accuracy
from mlp_lib.optim import SGD, Adam
from mlp_lib.train import fit, predict_classes

EPOCHS, BATCH, SEED, REPEATS = 20, 32, 0, 3
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
    model = Sequential(
        Linear(64, 128, rng=SEED),
        ReLU(),
        Linear(128, 128, rng=SEED + 1),
        ReLU(),
        Linear(128, 10, rng=SEED + 2),
    )
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
        hidden_layer_sizes=(128, 128),
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


def best_time(train, *args):
    """(shortest wall time of REPEATS runs in seconds, the predictor of the last run)."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        predictor = train(*args)
        times.append(time.perf_counter() - start)
    return min(times), predictor


def main():
    X_train, X_test, y_train, y_test = data()
    print(
        f"digits: {len(X_train)} train / {len(X_test)} test, {EPOCHS} epochs, batch {BATCH}, best of {REPEATS}"
    )
    print(f"{'solver':<7}{'library':<10}{'time (s)':>10}{'test acc':>10}")
    for solver in OPTIMIZERS:
        seconds = {}
        for library, train in (("mlp_lib", train_mlp_lib), ("sklearn", train_sklearn)):
            seconds[library], predictor = best_time(train, solver, X_train, y_train)
            acc = accuracy(y_test, predictor(X_test))
            print(f"{solver:<7}{library:<10}{seconds[library]:>10.3f}{acc:>10.4f}")
        print(
            f"{solver:<7}time ratio mlp_lib / sklearn = {seconds['mlp_lib'] / seconds['sklearn']:.2f}"
        )


if __name__ == "__main__":
    main()
