"""Activation functions a = f(z) and their derivatives f'(z), as plain numpy functions.

Each takes an array z of any shape and returns an array of the same shape: float32 for
float32 input, float64 for anything else.
All are numerically stable: z = ±1000 gives finite values and no overflow warning.
"""

import numpy as np


def _array(z):
    z = np.asarray(z)
    return z if z.dtype in (np.float32, np.float64) else z.astype(np.float64)


def step(z):
    """Heaviside step, the perceptron's activation: 1 where z ≥ 0, else 0."""
    z = _array(z)
    return (z >= 0).astype(z.dtype)


def sigmoid(z):
    """Logistic function σ(z) = 1 / (1 + e^(−z)), values in (0, 1)."""
    z = _array(z)
    # e^(−|z|) ≤ 1 never overflows; for z < 0 use the equal form e^z / (1 + e^z).
    e = np.exp(-np.abs(z))
    d = 1.0 + e
    return np.where(z >= 0, 1.0 / d, e / d)


def sigmoid_grad(z):
    """σ'(z) = σ(z)(1 − σ(z)); largest value 1/4 at z = 0."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """Hyperbolic tangent, values in (−1, 1); tanh z = 2σ(2z) − 1."""
    return np.tanh(_array(z))


def tanh_grad(z):
    """tanh'(z) = 1 − tanh²(z)."""
    return 1.0 - np.tanh(_array(z)) ** 2


def relu(z):
    """Rectified linear unit max(z, 0)."""
    return np.maximum(_array(z), 0.0)


def relu_grad(z, at_zero=0.0):
    """ReLU'(z): 1 for z > 0, 0 for z < 0; at the kink z = 0 it returns ``at_zero``
    (default 0)."""
    z = _array(z)
    return np.where(z > 0, 1.0, np.where(z < 0, 0.0, at_zero)).astype(z.dtype)


def leaky_relu(z, slope=0.01):
    """z for z > 0, slope·z otherwise (a small slope keeps negative units alive)."""
    z = _array(z)
    return np.where(z > 0, z, slope * z)


def leaky_relu_grad(z, slope=0.01):
    """1 for z > 0, ``slope`` for z ≤ 0."""
    z = _array(z)
    return np.where(z > 0, 1.0, slope).astype(z.dtype)


def elu(z, alpha=1.0):
    """Exponential linear unit: z for z > 0, α(e^z − 1) for z ≤ 0."""
    z = _array(z)
    # Clip before exp: np.where evaluates both branches, and e^1000 overflows.
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))


def elu_grad(z, alpha=1.0):
    """1 for z > 0, αe^z for z ≤ 0."""
    z = _array(z)
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0))).astype(z.dtype)


def softplus(z):
    """Smooth ReLU log(1 + e^z), computed as logaddexp(0, z) so it never overflows."""
    return np.logaddexp(0.0, _array(z))


def softplus_grad(z):
    """softplus'(z) = σ(z)."""
    return sigmoid(z)


def hard_sigmoid(z):
    """max(min(z/4 + 1/2, 1), 0): the first-order Taylor expansion of σ at 0, clipped
    to [0, 1]."""
    return np.clip(0.25 * _array(z) + 0.5, 0.0, 1.0)


def hard_sigmoid_grad(z):
    """1/4 for |z| < 2, 0 outside (0 at the kinks z = ±2)."""
    z = _array(z)
    return np.where(np.abs(z) < 2.0, 0.25, 0.0).astype(z.dtype)


def hard_tanh(z):
    """max(min(z, 1), −1)."""
    return np.clip(_array(z), -1.0, 1.0)


def hard_tanh_grad(z):
    """1 for |z| < 1, 0 outside (0 at the kinks z = ±1)."""
    z = _array(z)
    return np.where(np.abs(z) < 1.0, 1.0, 0.0).astype(z.dtype)


def normal_cdf(z):
    """Φ(z) = ½(1 + erf(z/√2)), the standard normal distribution function; scipy's
    ``ndtr`` computes it as ½ erfc(−z/√2) for z < 0, keeping Φ's digits in the tail."""
    from scipy.special import ndtr  # scipy comes with scikit-learn; slow to import

    return ndtr(_array(z))


def gelu(z):
    """GELU(z) = z Φ(z) (Hendrycks & Gimpel 2016), with Φ the standard normal CDF."""
    z = _array(z)
    return z * normal_cdf(z)


def gelu_grad(z):
    """GELU'(z) = Φ(z) + z φ(z), φ(z) = e^(−z²/2)/√(2π) the standard normal density."""
    z = _array(z)
    return normal_cdf(z) + z * np.exp(-0.5 * z * z) / (2 * np.pi) ** 0.5


def silu(z):
    """SiLU (Swish) z σ(z) (Hendrycks & Gimpel 2016; Elfwing et al. 2018;
    Ramachandran et al. 2017)."""
    z = _array(z)
    return z * sigmoid(z)


def silu_grad(z):
    """SiLU'(z) = σ(z)(1 + z(1 − σ(z)))."""
    z = _array(z)
    s = sigmoid(z)
    return s * (1.0 + z * (1.0 - s))


def softmax(z, axis=-1):
    """softmax(z)_k = e^(z_k) / Σ_j e^(z_j) along ``axis``; each slice sums to 1."""
    z = _array(z)
    # Softmax ignores a constant shift; subtracting the max makes every e^(·) ≤ 1.
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def logsumexp(z, axis=-1, keepdims=False):
    """log Σ_j e^(z_j) along ``axis``, computed as m + log Σ_j e^(z_j − m) with
    m = max_j z_j."""
    z = _array(z)
    m = z.max(axis=axis, keepdims=True)
    out = m + np.log(np.exp(z - m).sum(axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


def log_softmax(z, axis=-1):
    """log softmax(z)_k = z_k − log Σ_j e^(z_j): finite even where softmax underflows
    to 0."""
    z = _array(z)
    return z - logsumexp(z, axis=axis, keepdims=True)
