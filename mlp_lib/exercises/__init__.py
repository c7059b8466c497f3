"""Self-graded exercises: ``check("chapter.name", answer)`` returns a Feedback to show.

Each chapter module ``mlp_lib.exercises.<chapter>`` registers its checkers with
``@exercise``. A checker receives the learner's answer and returns a Feedback; the
helpers below may also stop it early by raising ``Verdict(feedback)``. ``check`` never
raises, whatever the learner hands in.
"""

import copy
import difflib
import dis
import functools
import html
import importlib
import pkgutil
import re
import signal
import threading
from dataclasses import dataclass

import numpy as np

_SYMBOLS = {
    "correct": "✔ Correct",
    "wrong": "✘ Not yet",
    "not_attempted": "○ Not attempted yet",
    "error": "⚠ Could not check",
}
# (border, background) per status: green, red, grey, amber.
_COLOURS = {
    "correct": ("#2e7d32", "#e8f5e9"),
    "wrong": ("#c62828", "#ffebee"),
    "not_attempted": ("#757575", "#f5f5f5"),
    "error": ("#ef6c00", "#fff3e0"),
}


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    ``status`` is "correct", "wrong", "not_attempted" or "error".
    """

    passed: bool
    message: str
    status: str

    def __repr__(self):
        return f"{_SYMBOLS[self.status]}: {self.message}"

    def _repr_pretty_(self, printer, cycle):
        printer.text(repr(self))

    def _repr_html_(self):
        border, background = _COLOURS[self.status]
        # `code` in messages becomes <code>; everything else is escaped text.
        message = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(self.message))
        return (
            f'<div style="border-left: 4px solid {border}; background: {background}; '
            f'color: #212121; padding: 0.4em 0.8em; margin: 0.3em 0;">'
            f"<strong>{_SYMBOLS[self.status]}:</strong> {message}</div>"
        )


def correct(message):
    return Feedback(True, message, "correct")


def wrong(message):
    return Feedback(False, message, "wrong")


def not_attempted(message):
    return Feedback(False, message, "not_attempted")


class Verdict(Exception):
    """Raised by helpers to end a check early with ``feedback`` (e.g. on a stub)."""

    def __init__(self, feedback):
        super().__init__(feedback.message)
        self.feedback = feedback


class _TimeLimit(BaseException):
    """Raised by the alarm.

    A BaseException, so that a learner's ``except Exception`` cannot swallow it.
    """


# ---- the registry --------------------------------------------------------------------


@dataclass(frozen=True)
class Exercise:
    id: str
    # "function", "number" or "value": how the answer is prepared for the checker
    kind: str
    checker: object
    prompt: str


_REGISTRY = {}


def exercise(exercise_id, kind="value"):
    """Decorator registering ``checker(answer) -> Feedback`` under an id "chapter.name".

    The checker's docstring is the exercise's prompt (see ``describe``).
    """
    if kind not in _PREPARE:
        raise ValueError(f"kind must be one of {sorted(_PREPARE)}, got {kind!r}")

    def register(checker):
        _REGISTRY[exercise_id] = Exercise(
            exercise_id, kind, checker, (checker.__doc__ or "").strip()
        )
        return checker

    return register


def _find(exercise_id):
    """The registered exercise (its chapter module imported on first use), or None."""
    if exercise_id not in _REGISTRY:
        try:
            importlib.import_module(f"{__name__}.{str(exercise_id).split('.')[0]}")
        except ImportError:
            return None
    return _REGISTRY.get(exercise_id)


def exercise_ids():
    """Every exercise id of every chapter, sorted."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return sorted(_REGISTRY)


def describe(exercise_id):
    """The prompt (docstring) of an exercise."""
    found = _find(exercise_id)
    return found.prompt if found else f"unknown exercise id {exercise_id!r}"


def check(exercise_id, answer):
    """Check ``answer`` for the exercise ``exercise_id``; a Feedback, never raises."""
    try:
        found = _find(exercise_id)
        if found is None:
            close = difflib.get_close_matches(
                str(exercise_id), exercise_ids(), n=3, cutoff=0.5
            )
            hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
            return Feedback(
                False, f"there is no exercise with id {exercise_id!r}.{hint}", "error"
            )
        return found.checker(_PREPARE[found.kind](answer))
    except Verdict as verdict:
        return verdict.feedback
    except (Exception, _TimeLimit) as exc:
        # a checker bug must not show the learner a traceback
        return Feedback(
            False,
            f"checking this answer failed ({type(exc).__name__}: {exc}). "
            "Check that your answer has the type the exercise asks for; "
            "if it does, please report this exercise.",
            "error",
        )


# ---- preparing answers ---------------------------------------------------------------


def _is_stub(fn):
    """True for a function whose body is only ``...``, ``pass`` or a docstring.

    Those bodies all compile to "return None", whatever the arguments, so comparing
    instructions works without the source (which a notebook may not keep).
    """
    return hasattr(fn, "__code__") and _instructions(fn) == _instructions(_empty)


def _instructions(fn):
    return [
        (i.opname, i.argval)
        for i in dis.get_instructions(fn)
        if i.opname not in ("RESUME", "NOP")
    ]


def _empty(): ...


def _stub_verdict(fn):
    name = getattr(fn, "__name__", "the function")
    return Verdict(
        not_attempted(f"write the body of `{name}` and run this cell again.")
    )


def as_function(answer):
    """The learner's function; a Verdict if missing, not callable or an empty stub."""
    if answer is None or (callable(answer) and _is_stub(answer)):
        raise _stub_verdict(answer)
    if not callable(answer):
        raise Verdict(
            wrong(f"expected a function (defined with `def`), got {_show(answer)}.")
        )
    return answer


def as_number(answer):
    """The answer as a float (text such as "101,770" is accepted), or a Verdict."""
    if answer is None:
        raise Verdict(
            not_attempted("set `answer` to a number and run this cell again.")
        )
    text = (
        answer.replace(",", "").replace("_", "").strip()
        if isinstance(answer, str)
        else answer
    )
    try:
        value = np.asarray(text, dtype=np.float64)
    except (TypeError, ValueError):
        value = None
    if value is None or value.ndim != 0:
        raise Verdict(wrong(f"expected a single number, got {_show(answer)}."))
    value = float(value)
    if not np.isfinite(value):
        raise Verdict(wrong(f"your answer is {value}; expected a finite number."))
    return value


_PREPARE = {
    "function": as_function,
    "number": as_number,
    "value": lambda answer: answer,
}


# ---- helpers for writing checkers ----------------------------------------------------


def _show(value):
    """A short plain-text description of any value for messages."""
    if isinstance(value, (str, bytes)):
        return f"the text {value!r}"
    try:
        array = np.asarray(value)
    except ValueError:  # ragged nested lists
        array = np.empty(0, dtype=object)
    if array.dtype.kind not in "biuf":
        return f"a {type(value).__name__}"
    if array.size > 12:
        return f"an array of shape {array.shape}"
    text = np.array2string(
        array, separator=", ", formatter={"float_kind": lambda v: f"{v:.4g}"}
    )
    return text.replace("\n", "")


def _describe_call(args):
    """ "x=[1, 2], b=0.5" from a dict of argument names and values."""
    return ", ".join(f"{name}={_show(value)}" for name, value in args.items())


def _raise_time_limit(signum, frame):
    raise _TimeLimit


def call_safely(fn, *args, timeout=2.0, names=None):
    """Call the learner's ``fn(*args)`` within ``timeout`` seconds.

    Returns (True, value) or (False, message). ``names`` name the arguments in messages
    (default x1, x2, ...). A NotImplementedError (a stub) raises Verdict(not attempted).
    The time limit needs SIGALRM, so it applies only in the main thread on Unix;
    elsewhere the call runs without one.
    """
    call = _describe_call(
        dict(zip(names or [f"x{i + 1}" for i in range(len(args))], args))
    )
    use_alarm = (
        bool(timeout)
        and hasattr(signal, "setitimer")
        and (threading.current_thread() is threading.main_thread())
    )
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _raise_time_limit)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return True, fn(*args)
    except _TimeLimit:
        return False, (
            f"your function did not finish within {timeout:g} s when "
            f"called with {call}; is there a loop that never ends?"
        )
    except NotImplementedError:
        raise _stub_verdict(fn) from None
    except Exception as exc:
        return (
            False,
            f"your function raised {type(exc).__name__}: {exc} "
            f"when called with {call}.",
        )
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _close(got, expected, atol, rtol):
    """Same structure (tuples part by part), same shapes, values within tolerance."""
    if isinstance(expected, tuple):
        return (
            isinstance(got, (tuple, list))
            and len(got) == len(expected)
            and all(_close(g, e, atol, rtol) for g, e in zip(got, expected))
        )
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    expected = np.asarray(expected, dtype=np.float64)
    return got.shape == expected.shape and np.allclose(
        got, expected, atol=atol, rtol=rtol
    )


def compare_array(got, expected, what="your result", atol=1e-8, rtol=1e-6, hints=()):
    """None if ``got`` matches ``expected``, else a message saying what is wrong.

    ``expected``: an array, a number, or a tuple of them.
    ``hints``: pairs (typical wrong value, message) tried before the generic diagnoses
    (None, text, wrong shape, NaN/inf, opposite sign, wrong values).
    """
    if _close(got, expected, atol, rtol):
        return None
    for value, message in hints:
        if _close(got, value, atol, rtol):
            return message
    if got is None:
        return f"{what} is None. Did you forget `return`?"
    if isinstance(expected, tuple):
        if not isinstance(got, (tuple, list)):
            return (
                f"{what} should be a tuple of {len(expected)} values, got {_show(got)}."
            )
        if len(got) != len(expected):
            return f"{what} has {len(got)} values; expected {len(expected)}."
        parts = (
            compare_array(g, e, f"value {i + 1} of {what}", atol, rtol)
            for i, (g, e) in enumerate(zip(got, expected))
        )
        return next(message for message in parts if message)
    if isinstance(got, (str, bytes)):
        return f"{what} is {_show(got)}; expected numbers."
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return f"{what} is {_show(got)}; expected numbers."
    expected = np.asarray(expected, dtype=np.float64)
    if got.shape != expected.shape:
        wanted = "a single number" if expected.ndim == 0 else f"shape {expected.shape}"
        return f"{what} has shape {got.shape}; expected {wanted}."
    if not np.isfinite(got).all():
        return f"{what} contains NaN or inf: {_show(got)}."
    if np.allclose(got, -expected, atol=atol, rtol=rtol):
        return (
            f"{what} is {_show(got)}, the negative of the right answer: a sign error?"
        )
    return f"{what} is {_show(got)}; expected {_show(expected)}."


def _verdict_as_feedback(checker):
    """Let a helper return, rather than raise, the Verdict of the helpers it calls."""

    @functools.wraps(checker)
    def run(*args, **kwargs):
        try:
            return checker(*args, **kwargs)
        except Verdict as verdict:
            return verdict.feedback

    return run


@_verdict_as_feedback
def check_number(
    got, expected, what="your answer", rtol=1e-6, atol=0.0, hints=None, explain=""
):
    """Feedback on a numeric answer (None: not attempted; text such as "1,000" is fine).

    ``hints``: {typical wrong value: message}; ``explain`` is added to the message when
    the answer is right.
    """
    got = as_number(got)
    if np.isclose(got, expected, rtol=rtol, atol=atol):
        return correct(f"{got:,.10g}. {explain}".strip())
    for value, message in (hints or {}).items():
        if np.isclose(got, value, rtol=rtol, atol=atol):
            return wrong(f"{what} is {got:,.10g}: {message}")
    if rtol < 1e-3 and np.isclose(got, expected, rtol=1e-3, atol=atol):
        return wrong(
            f"{what} is {got:,.10g}: close, but not within the tolerance "
            f"(relative {rtol:g}). Give more significant digits, "
            "or an expression, and do not round intermediate results."
        )
    return wrong(
        f"{what} is {got:,.10g}; that is not it yet. Go through the calculation again."
    )


def _try(mistake, args):
    """The typical wrong answer for these arguments; None if it fails (e.g. W @ X)."""
    try:
        return mistake(*args.values())
    except Exception:
        return None


@_verdict_as_feedback
def check_function(
    answer, reference, cases, mistakes=(), explain="", timeout=2.0, atol=1e-8, rtol=1e-6
):
    """Feedback from calling the learner's function on ``cases``, against ``reference``.

    ``cases``: dicts of argument name -> value, passed positionally (so learners may
    rename them). ``mistakes``: pairs (wrong_fn, message) computing typical wrong
    answers from the same arguments. Stops at the first case that fails and names its
    inputs.
    """
    fn = as_function(answer)
    for args in cases:
        expected = reference(*args.values())
        hints = [
            (value, message)
            for mistake, message in mistakes
            if (value := _try(mistake, args)) is not None
        ]
        # A copy, so that a function changing its arguments in place cannot change the
        # test inputs.
        ok, got = call_safely(
            fn, *copy.deepcopy(list(args.values())), timeout=timeout, names=list(args)
        )
        if not ok:
            return wrong(got)
        message = compare_array(got, expected, "your result", atol, rtol, hints)
        if message:
            return wrong(f"with {_describe_call(args)}: {message}")
    passed = f"your function gives the right result on all {len(cases)} test inputs."
    return correct(f"{passed} {explain}".strip())
