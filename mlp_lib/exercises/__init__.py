"""Self-graded exercises: ``check("chapter.name", answer)`` returns a Feedback to show.

Each chapter module ``mlp_lib.exercises.<chapter>`` registers its exercises: function
exercises with ``@exercise(id, kind="function")`` and a checker built on
``check_function``; numeric ones with ``@number_exercise(id)`` returning a ``Number``:
the answer, its precision and the typical wrong values as plain data
(``export_numbers`` writes them as JSON for the book's answer boxes). ``check`` never
raises and always returns within a few seconds: the learner's function runs in a
forked child process (``run_calls``) that is killed at the time limit, and only plain
data (numbers, arrays, text, tuples) comes back.
"""

import collections
import contextvars
import difflib
import dis
import faulthandler
import functools
import html
import importlib
import math
import mmap
import os
import pickle
import pkgutil
import re
import select
import signal
import struct
import sys
import time
import types
import warnings
import zlib
from dataclasses import dataclass, field

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
    """Raised by the alarm of the in-process fallback (no fork)."""


# ---- the registry --------------------------------------------------------------------


@dataclass(frozen=True)
class Exercise:
    id: str
    # "function", "number" or "value": how the answer is prepared for the checker
    kind: str
    checker: object
    prompt: str
    # for numeric exercises: a function returning the exercise's ``Number``
    spec: object = None


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


def number_exercise(exercise_id):
    """Decorator registering a numeric exercise: ``make() -> Number`` (no arguments).

    The docstring is the prompt; ``describe`` adds the precision the answer needs.
    """

    def register(make):
        spec = functools.cache(make)
        _REGISTRY[exercise_id] = Exercise(
            exercise_id,
            "number",
            lambda answer: spec().check(answer),
            (make.__doc__ or "").strip(),
            spec,
        )
        return make

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
    """The prompt of an exercise (with the precision a numeric answer needs)."""
    found = _find(exercise_id)
    if found is None:
        return f"unknown exercise id {exercise_id!r}"
    if found.spec is None:
        return found.prompt
    head, stub, tail = found.prompt.partition("Stub:")
    return f"{head.rstrip()}\n{found.spec().precision}\n\n{stub}{tail}"


def export_numbers():
    """The numeric exercises as plain data (JSON-ready), for answer boxes in the book.

    {id: {prompt, answer, names, integer, digits, decimals, tolerance, precision,
    hints: [{value, message, tolerance}], explain, what}}; ``Number.check`` is the
    reference implementation of the verdict (book-answers.js mirrors it).
    """
    exported = {}
    for exercise_id in exercise_ids():
        found = _REGISTRY[exercise_id]
        if found.spec is not None:
            exported[exercise_id] = {
                "prompt": describe(exercise_id),
                **found.spec().as_dict(),
            }
    return exported


# A random generator per attempt: the generated test inputs differ from one attempt at
# an exercise to the next, yet a notebook re-executed in a fresh kernel meets the same
# inputs in the same order, so its stored feedback comes back byte for byte.
_ATTEMPT_SEED = contextvars.ContextVar("attempt_seed", default=None)
_ATTEMPTS = collections.Counter()


def attempt_rng():
    """The random generator of the current attempt."""
    return np.random.default_rng(_ATTEMPT_SEED.get())


def _next_seed(exercise_id):
    """(exercise, attempt number in this process): new inputs at every attempt."""
    _ATTEMPTS[exercise_id] += 1
    return [zlib.crc32(str(exercise_id).encode()), _ATTEMPTS[exercise_id]]


def check(exercise_id, answer, seed=None):
    """Check ``answer`` for the exercise ``exercise_id``; a Feedback, never raises.

    ``seed`` fixes the generated test inputs (default: new ones at every attempt, the
    same sequence in every fresh kernel).
    """
    token = _ATTEMPT_SEED.set(_next_seed(exercise_id) if seed is None else seed)
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
    finally:
        _ATTEMPT_SEED.reset(token)


# ---- preparing answers ---------------------------------------------------------------


@dataclass(frozen=True)
class _Opaque:
    """Stands for a value that is not plain data (a generator, an object, ...)."""

    name: str


def _plain(value, depth=0):
    """``value`` if it is plain data (numbers, numeric arrays, text, lists, tuples),
    checked by exact type so that no code of the learner's runs; else an _Opaque."""
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind is np.ndarray or (
        isinstance(value, np.generic) and kind.__module__ == "numpy"
    ):
        if value.dtype.kind in "biuf":
            return value
        return _Opaque(f"an array of dtype {value.dtype}")
    if kind in (tuple, list) and depth < 4 and len(value) <= 10**6:
        items = [_plain(v, depth + 1) for v in value]
        return kind(items)
    return _Opaque(
        f"a {kind.__name__}"
        if kind.__name__[0] not in "aeiou"
        else f"an {kind.__name__}"
    )


def _is_stub(fn):
    """True for a function whose body is only ``...``, ``pass`` or a docstring.

    Those bodies all compile to "return None", whatever the arguments, so comparing
    instructions works without the source (which a notebook may not keep).
    """
    return type(fn) is types.FunctionType and _instructions(fn) == _instructions(_empty)


def _instructions(fn):
    return [
        (i.opname, i.argval)
        for i in dis.get_instructions(fn.__code__)
        if i.opname not in ("RESUME", "NOP")
    ]


def _empty(): ...


def _name(fn):
    return fn.__name__ if type(fn) is types.FunctionType else "your function"


def _stub_verdict(fn):
    return Verdict(
        not_attempted(f"write the body of `{_name(fn)}` and run this cell again.")
    )


def as_function(answer):
    """The learner's function; a Verdict if missing, not callable or an empty stub."""
    if answer is None or _is_stub(answer):
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
    answer = _plain(answer)
    if isinstance(answer, str):
        answer = answer.replace(",", "").replace("_", "").replace("−", "-").strip()
    try:
        value = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        value = None
    if value is None or value.ndim != 0:
        raise Verdict(wrong(f"expected a single number, got {_show(answer)}."))
    value = float(value)
    if not np.isfinite(value):
        raise Verdict(wrong(f"your answer is {value}; expected a finite number."))
    return value


def as_numbers(answer, variable, names):
    """The answer as a float array of ``len(names)`` finite numbers, or a Verdict.

    ``variable``: the stub's variable; ``names``: what the tuple holds, e.g. ("x", "y").
    """
    wanted = f"a tuple ({', '.join(names)})"
    if answer is None:
        raise Verdict(
            not_attempted(f"set `{variable}` to {wanted} and run this cell again.")
        )
    try:
        array = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        array = None
    if array is None or array.shape != (len(names),):
        raise Verdict(
            wrong(f"expected {wanted} of {len(names)} numbers, got {_show(answer)}.")
        )
    if not np.all(np.isfinite(array)):
        raise Verdict(
            wrong(
                f"your {variable} contains NaN or inf: give {len(names)} finite "
                "numbers."
            )
        )
    return array


_PREPARE = {
    "function": as_function,
    "number": lambda answer: answer,  # Number.check prepares it
    "value": _plain,
}


# ---- running the learner's function --------------------------------------------------

TIME_LIMIT = 2.0  # seconds per call
TOTAL_TIME_LIMIT = 6.0  # seconds for all the calls of one check
MEMORY_LIMIT = 2 * 2**30  # bytes the child may allocate beyond what it starts with
_PRINT_KEEP = 2000  # characters of the learner's printing shown back
_RESULT_BYTES = 64 * 2**20


@dataclass
class Outcome:
    """What one call of the learner's function gave.

    ``kind``: "value" (``value`` holds plain data), "stub", "raised", "timeout",
    "crashed" (``message`` says what happened) or "skipped" (not run).
    """

    kind: str
    value: object = None
    message: str = ""
    printed: str = ""


def _can_fork():
    return hasattr(os, "fork") and os.environ.get("MLP_EXERCISES_NO_FORK") != "1"


def _encode(value, depth=0):
    """Plain, tagged data for the pipe (in the child: may run the learner's code)."""
    if (
        isinstance(value, np.generic)
        or isinstance(value, np.ndarray)
        or (hasattr(value, "__array__") and not isinstance(value, (str, bytes)))
    ):
        array = np.asarray(value)
        if array.dtype.kind == "O":
            try:
                array = np.asarray(array.tolist(), dtype=np.float64)
            except (TypeError, ValueError):
                return ("o", "an array of Python objects (dtype=object)")
        if array.dtype.kind not in "biuf":
            return ("o", f"an array of dtype {array.dtype}")
        if array.nbytes > _RESULT_BYTES:
            return ("o", f"an array of {array.nbytes:,} bytes (shape {array.shape})")
        scalar = isinstance(value, np.generic)
        return ("a", array.dtype.str, array.shape, array.tobytes(), scalar)
    if value is None or type(value) in (bool, int, float, str):
        return ("p", value)
    if isinstance(value, bool):
        return ("p", bool(value))
    if isinstance(value, int):
        return ("p", int(value))
    if isinstance(value, float):
        return ("p", float(value))
    if isinstance(value, (tuple, list)) and depth < 4 and len(value) <= 10**5:
        tag = "t" if isinstance(value, tuple) else "l"
        return (tag, [_encode(v, depth + 1) for v in value])
    name = type(value).__name__
    return ("o", f"an {name}" if name[0].lower() in "aeiou" else f"a {name}")


def _decode(data):
    tag = data[0]
    if tag == "p":
        return data[1]
    if tag == "a":
        _, dtype, shape, raw, scalar = data
        array = np.frombuffer(raw, dtype=np.dtype(dtype)).reshape(shape).copy()
        return array[()] if scalar else array
    if tag in "tl":
        items = [_decode(item) for item in data[1]]
        return tuple(items) if tag == "t" else items
    return _Opaque(data[1])


class _NoGlobals(pickle.Unpickler):
    """Unpickles plain containers only: nothing the child sends can run code here."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"refused {module}.{name}")


class _Capture:
    """sys.stdout/stderr of the child: keeps the start, counts every character."""

    def __init__(self, counter):
        self.counter, self.kept, self.count = counter, [], 0

    def write(self, text):
        text = str(text)
        if self.count < _PRINT_KEEP:
            self.kept.append(text[: _PRINT_KEEP - self.count])
        self.count += len(text)
        self.counter[:8] = struct.pack("q", self.count)
        return len(text)

    def flush(self):
        pass

    def take(self):
        kept, self.kept = "".join(self.kept), []
        return kept

    def isatty(self):
        return False


_EXCEPTION_MEANING = {
    "SystemExit": (
        "called sys.exit() or exit(), which ends the program; return the result instead"
    ),
    "KeyboardInterrupt": "was interrupted (KeyboardInterrupt)",
    "RecursionError": "recursed too deep (RecursionError): is there a base case?",
    "MemoryError": "ran out of memory (MemoryError): is an array far too large?",
}


def _child(fn, calls, out_fd, counter):
    """Run the calls, send one framed pickle per call; never returns."""
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    # A crash of the answer is reported by the parent; the interpreter's own crash dump
    # (faulthandler, on under pytest and python -X dev) would only add noise.
    faulthandler.disable()
    try:
        import resource

        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = used + MEMORY_LIMIT
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        pass  # no /proc (macOS): no memory limit, only the time limit
    # warnings are not errors in here (a test runner may make them so): the checker
    # reports NaN and inf itself
    warnings.simplefilter("ignore")
    np.seterr(all="ignore")
    capture = _Capture(counter)
    sys.stdout = sys.stderr = capture
    for args in calls:
        try:
            value = fn(*args)
            try:
                result = ("value", _encode(value))
            except BaseException:
                result = ("value", ("o", f"a {type(value).__name__}"))
        except NotImplementedError:
            result = ("stub",)
        except BaseException as exc:  # noqa: BLE001 (everything goes back to the parent)
            try:
                text = str(exc)[:300]
            except BaseException:
                text = ""
            result = ("raised", type(exc).__name__, text)
        try:
            payload = pickle.dumps((result, capture.take()), protocol=4)
        except BaseException:
            payload = pickle.dumps((("value", ("o", "a value")), ""), protocol=4)
        if len(payload) > 2 * _RESULT_BYTES:
            payload = pickle.dumps((("value", ("o", "a huge value")), ""), protocol=4)
        data = struct.pack("q", len(payload)) + payload
        view = memoryview(data)
        while view:
            view = view[os.write(out_fd, view) :]


def _kill(pid):
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
            return
        except (ProcessLookupError, PermissionError):
            continue


def _end_message(status, printed_count):
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = str(number)
        why = {
            "SIGSEGV": " (for instance recursion deeper than the C stack)",
            "SIGKILL": " (for instance by using too much memory)",
        }.get(name, "")
        return f"crashed the Python process it ran in (signal {name}){why}"
    return (
        f"ended the Python process it ran in (exit code {os.WEXITSTATUS(status)}, "
        "for instance with os._exit); return the result instead"
    )


def _timeout_message(limit, printed_count):
    if printed_count > 100_000:
        return (
            f"did not finish within {limit:g} s; it printed {printed_count:,} "
            "characters by then, and printing that much is slow: remove or shorten "
            "the print calls"
        )
    return (
        f"did not finish within {limit:g} s (a right answer takes milliseconds); "
        "is there a loop that never ends, or a very slow one?"
    )


def _run_forked(fn, calls, limit, total):
    counter = mmap.mmap(-1, 8)
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads
        pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            _child(fn, calls, write_fd, counter)
        finally:
            os._exit(0)
    os.close(write_fd)
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass
    outcomes, buffer, ended, extended = [], bytearray(), None, False
    start = time.monotonic()
    call_deadline, total_deadline = start + limit, start + total
    try:
        while len(outcomes) < len(calls):
            wait = min(call_deadline, total_deadline) - time.monotonic()
            if wait <= 0:
                printed = struct.unpack("q", counter[:8])[0]
                if printed > 10_000 and not extended and call_deadline < total_deadline:
                    # printing is slow, not endless: give it the rest of the budget
                    call_deadline, extended = total_deadline, True
                    continue
                if extended:
                    message = _timeout_message(total, printed)
                elif total_deadline <= call_deadline:
                    message = (
                        f"took more than {total:g} s over {len(outcomes) + 1} test "
                        "inputs (a right answer takes milliseconds); is a loop "
                        "much slower than it needs to be?"
                    )
                else:
                    message = _timeout_message(limit, printed)
                ended = Outcome("timeout", message=message)
                break
            if not select.select([read_fd], [], [], wait)[0]:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                _, status = os.waitpid(pid, 0)
                pid = None
                ended = Outcome("crashed", message=_end_message(status, 0))
                break
            buffer += chunk
            while len(buffer) >= 8:
                size = struct.unpack("q", buffer[:8])[0]
                if len(buffer) < 8 + size:
                    break
                payload = bytes(buffer[8 : 8 + size])
                del buffer[: 8 + size]
                outcomes.append(_outcome(payload))
                call_deadline = time.monotonic() + limit
    finally:
        if pid is not None:
            _kill(pid)
            os.waitpid(pid, 0)
        os.close(read_fd)
        counter.close()
    if ended is not None:
        outcomes.append(ended)
    return outcomes + [Outcome("skipped")] * (len(calls) - len(outcomes))


def _outcome(payload):
    try:
        result, printed = _NoGlobals(__import__("io").BytesIO(payload)).load()
        if result[0] == "value":
            return Outcome("value", _decode(result[1]), printed=printed)
        if result[0] == "stub":
            return Outcome("stub", printed=printed)
        name, text = result[1], result[2]
        meaning = _EXCEPTION_MEANING.get(name)
        message = meaning or f"raised {name}" + (f": {text}" if text else "")
        return Outcome("raised", message=message, printed=printed)
    except Exception:
        return Outcome("crashed", message="sent back something unreadable")


def _raise_time_limit(signum, frame):
    raise _TimeLimit


def _run_here(fn, calls, limit):
    """The fallback without fork (Windows): SIGALRM where there is one."""
    import threading

    outcomes = []
    use_alarm = hasattr(signal, "setitimer") and (
        threading.current_thread() is threading.main_thread()
    )
    for args in calls:
        if use_alarm:
            previous = signal.signal(signal.SIGALRM, _raise_time_limit)
            signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            outcome = Outcome("value", _decode(_encode(fn(*args))))
        except _TimeLimit:
            outcome = Outcome("timeout", message=_timeout_message(limit, 0))
        except NotImplementedError:
            outcome = Outcome("stub")
        except Exception as exc:
            outcome = Outcome("raised", message=f"raised {type(exc).__name__}: {exc}")
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        outcomes.append(outcome)
        if outcome.kind == "timeout":
            break
    return outcomes + [Outcome("skipped")] * (len(calls) - len(outcomes))


def run_calls(fn, calls, timeout=TIME_LIMIT, total=TOTAL_TIME_LIMIT):
    """Call the learner's ``fn(*args)`` for each ``args`` in ``calls``; Outcomes.

    On Linux and macOS the calls run one after the other in a forked child process,
    which is killed after ``timeout`` seconds on one call or ``total`` on all of them:
    nothing the function does (``except:`` around a slow call, sys.exit, os._exit,
    a long C call, deep recursion, huge prints) can block or escape the caller. The
    child gets copies of the arguments, its printing is captured (the start of it is
    printed here), its memory is limited on Linux, and only plain data comes back.
    A fork costs a few milliseconds; 'spawn' (a fresh interpreter) could not run
    functions defined in a notebook. Without fork (Windows) the calls run here, under
    a SIGALRM time limit where there is one.
    """
    if _can_fork():
        outcomes = _run_forked(fn, calls, timeout, total)
    else:
        outcomes = _run_here(fn, calls, timeout)
    printed = "".join(outcome.printed for outcome in outcomes)
    if printed:
        sys.stdout.write(printed[:_PRINT_KEEP])
        if len(printed) > _PRINT_KEEP:
            sys.stdout.write("\n[... the rest of your function's output is cut]\n")
    if any(outcome.kind == "stub" for outcome in outcomes):
        raise _stub_verdict(fn)
    return outcomes


def call_safely(fn, *args, timeout=TIME_LIMIT, names=None):
    """Call the learner's ``fn(*args)`` safely (see ``run_calls``).

    Returns (True, value) or (False, message). ``names`` name the arguments in messages
    (default x1, x2, ...). A stub raises Verdict(not attempted).
    """
    outcome = run_calls(fn, [args], timeout)[0]
    if outcome.kind == "value":
        return True, outcome.value
    call = _describe_call(
        dict(zip(names or [f"x{i + 1}" for i in range(len(args))], args))
    )
    return False, f"your function {outcome.message} when called with {call}."


# ---- showing and comparing values ----------------------------------------------------


def _show(value, digits=4):
    """A short plain-text description of plain data for messages."""
    if isinstance(value, _Opaque):
        return value.name
    if isinstance(value, (str, bytes)):
        return f"the text {value!r}"
    if value is None:
        return "None"
    if not isinstance(value, (bool, int, float, np.generic, np.ndarray, tuple, list)):
        return f"a {type(value).__name__}"
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):  # ragged nested lists
        array = np.empty(0, dtype=object)
    if array.dtype.kind not in "biuf":
        return f"a {type(value).__name__}"
    if array.size > 12:
        return f"an array of shape {array.shape}"
    text = np.array2string(
        array, separator=", ", formatter={"float_kind": lambda v: f"{v:.{digits}g}"}
    )
    return text.replace("\n", "")


def _pair(got, expected):
    """Both numbers with enough significant digits to see that they differ."""
    for digits in range(4, 18):
        a, b = f"{got:.{digits}g}", f"{expected:.{digits}g}"
        if a != b:
            return a, b
    return a, b


def _describe_call(args):
    """ "x=[1, 2], b=0.5" from a dict of argument names and values."""
    return ", ".join(
        f"{name}={_show(value) if not callable(value) else 'a function'}"
        for name, value in args.items()
    )


def _floats(value):
    """``value`` as a float64 array, or None."""
    if isinstance(value, (_Opaque, str, bytes)) or value is None:
        return None
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return None
    return array


def _low_precision(value):
    """The dtype of a float16/float32 result (or tuple part), else None."""
    dtype = getattr(value, "dtype", None)
    if dtype is None and isinstance(value, (list, tuple)) and value:
        dtype = getattr(value[0], "dtype", None)
    if dtype is not None and dtype.kind == "f" and dtype.itemsize < 8:
        return dtype
    return None


def _tolerance(got, expected, atol, rtol):
    """(atol, rtol) for comparing ``got`` with ``expected`` (float64): widened to
    float32 rounding, relative to the largest entry, when ``got`` is float32."""
    dtype = _low_precision(got)
    if dtype is None:
        return atol, rtol
    eps = float(np.finfo(dtype).eps)
    # the largest finite entry: a typical mistake's inf must not make every value close
    magnitude = np.abs(np.asarray(expected, dtype=np.float64))
    scale = float(np.max(magnitude, initial=0.0, where=np.isfinite(magnitude)))
    return max(atol, 64 * eps * scale), max(rtol, 64 * eps)


def _close(got, expected, atol, rtol, equal_nan=False):
    """Same structure (tuples part by part), same shapes, values within tolerance."""
    if isinstance(expected, tuple):
        return (
            isinstance(got, (tuple, list))
            and len(got) == len(expected)
            and all(_close(g, e, atol, rtol, equal_nan) for g, e in zip(got, expected))
        )
    array = _floats(got)
    if array is None:
        return False
    expected = np.asarray(expected, dtype=np.float64)
    if array.shape != expected.shape:
        return False
    a, r = _tolerance(got, expected, atol, rtol)
    return bool(np.allclose(array, expected, atol=a, rtol=r, equal_nan=equal_nan))


def compare_array(
    got, expected, what="your result", atol=1e-8, rtol=1e-6, hints=(), reveal=True
):
    """None if ``got`` matches ``expected``, else a message saying what is wrong.

    ``expected``: an array, a number, or a tuple of them. ``hints``: pairs (typical
    wrong value, message) tried before the generic diagnoses (None, text, wrong shape,
    NaN/inf, opposite sign, lost precision, wrong values). ``reveal``: True (the message
    may show the expected value), "entry" (only the first entry that differs) or False
    (no expected value at all).
    """
    if _close(got, expected, atol, rtol):
        return None
    for value, message in hints:
        if _close(got, value, atol, rtol, equal_nan=True):
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
            compare_array(g, e, f"value {i + 1} of {what}", atol, rtol, (), reveal)
            for i, (g, e) in enumerate(zip(got, expected))
        )
        return next(message for message in parts if message)
    array = _floats(got)
    if array is None:
        return f"{what} is {_show(got)}; expected numbers."
    expected = np.asarray(expected, dtype=np.float64)
    if array.shape != expected.shape:
        wanted = "a single number" if expected.ndim == 0 else f"shape {expected.shape}"
        return f"{what} has shape {array.shape}; expected {wanted}."
    if not np.isfinite(array).all():
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(array))[0])
        at = f" (first at index {list(where)})" if array.ndim else ""
        return f"{what} contains NaN or inf{at}."
    a, r = _tolerance(got, expected, atol, rtol)
    if np.allclose(array, -expected, atol=a, rtol=r):
        return f"{what} is the negative of the right answer: a sign error?"
    bad = ~np.isclose(array, expected, atol=a, rtol=r)
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    g, e = float(array[index]), float(expected[index])
    shown_g, shown_e = _pair(g, e)
    at = f" at index {list(index)}" if array.ndim else ""
    count = f" ({int(bad.sum())} of {bad.size} entries differ)" if array.ndim else ""
    scale = float(np.max(np.abs(expected))) or 1.0
    error = float(np.max(np.abs(array - expected)))
    dtype = _low_precision(got)
    if dtype is not None:
        return (
            f"{what} is {dtype} and off by up to {error:.2g} (the largest right "
            f"value has size {scale:.2g}){at}: "
            + (f"{shown_g} where the right value is {shown_e}. " if reveal else "")
            + f"That is more than {dtype} rounding should give: "
            f"{dtype} keeps about {np.finfo(dtype).precision} significant digits, and "
            "subtractions of nearly equal numbers (1 − σ(z), x − μ) lose several of "
            "them; compute in float64 (numpy's default: do not convert to float32)."
        )
    if error <= 1e-3 * scale:
        precision = (
            f"{what} is close but not precise enough{at}: {shown_g} where the right "
            f"value is {shown_e}{count}. Rounded, or computed in float32 somewhere?"
        )
        return (
            precision
            if reveal in (True, "entry")
            else f"{what} is close but not precise enough{at}{count}: you give "
            f"{shown_g}. Rounded, or computed in float32 somewhere?"
        )
    if reveal == "entry" and array.ndim:
        return (
            f"{what} is wrong{at}: {shown_g} where the right value is {shown_e}{count}."
        )
    if reveal:
        if array.ndim == 0:
            return f"{what} is {shown_g}; expected {shown_e}."
        return (
            f"{what} is {_show(got)}; expected {_show(expected)}. The first "
            f"difference is{at}: {shown_g} where the right value is {shown_e}"
            f"{count}."
        )
    return f"{what} is wrong{at}: you give {shown_g}{count}."


# ---- numeric exercises ---------------------------------------------------------------


def _digits_text(digits):
    return f"at least {digits} significant digit{'s' if digits > 1 else ''}"


@dataclass(frozen=True)
class Number:
    """A numeric exercise as plain data: the answer, its precision, typical mistakes.

    ``expected``: a number, or a tuple of numbers (``names`` name its parts).
    Integers (``integer``, default: an int ``expected``) are compared exactly; other
    answers count as right within one unit of the last digit asked for: ``digits``
    significant digits, or ``decimals`` decimal places when given. ``hints``: {typical
    wrong value (or tuple): message}, matched at the same precision.
    """

    expected: object
    hints: dict = field(default_factory=dict)
    explain: str = ""
    digits: int = 4
    decimals: int = None
    integer: bool = None
    names: tuple = ()
    what: str = "your answer"

    @property
    def is_integer(self):
        if self.integer is not None:
            return self.integer
        return isinstance(self.expected, (int, np.integer)) and not isinstance(
            self.expected, bool
        )

    def tolerance(self, value):
        """The largest |answer − value| accepted as equal to ``value``."""
        value = float(value)
        if self.is_integer and float(value).is_integer():
            return 1e-9 * max(1.0, abs(value))
        if self.decimals is not None:
            return 10.0**-self.decimals
        if value == 0:
            return 10.0**-self.digits
        return 10.0 ** (math.floor(math.log10(abs(value))) - self.digits + 1)

    @property
    def precision(self):
        if isinstance(self.expected, tuple):
            wanted = (
                f"{self.decimals} decimal places"
                if self.decimals is not None
                else _digits_text(self.digits)
            )
            return (
                f"Answer: a tuple of {len(self.expected)} numbers "
                f"({', '.join(self.names)}), each with at least {wanted}."
            )
        if self.is_integer:
            return "Answer: a whole number, exactly."
        if self.decimals is not None:
            return f"Answer: a number with at least {self.decimals} decimal places."
        return f"Answer: a number with {_digits_text(self.digits)}."

    def _matches(self, got, value):
        if isinstance(value, tuple):
            return (
                isinstance(got, tuple)
                and len(got) == len(value)
                and all(self._matches(g, v) for g, v in zip(got, value))
            )
        return abs(got - float(value)) <= self.tolerance(value) * (1 + 1e-9)

    def as_dict(self):
        def plain(value):
            if isinstance(value, tuple):
                return [float(v) for v in value]
            return (
                int(value)
                if self.is_integer and float(value).is_integer()
                else (float(value))
            )

        def tolerance(value):
            if isinstance(value, tuple):
                return [self.tolerance(v) for v in value]
            return self.tolerance(value)

        return {
            "answer": plain(self.expected),
            "names": list(self.names),
            "integer": self.is_integer,
            "digits": None if self.is_integer else self.digits,
            "decimals": self.decimals,
            "tolerance": tolerance(self.expected),
            "precision": self.precision,
            # each hint matched at its own value's tolerance, as in ``check``
            "hints": [
                {
                    "value": plain(value),
                    "message": message,
                    "tolerance": tolerance(value),
                }
                for value, message in self.hints.items()
            ],
            "explain": self.explain,
            "what": self.what,
        }

    def _prepare(self, answer):
        if not isinstance(self.expected, tuple):
            return as_number(answer)
        n = len(self.expected)
        if answer is None:
            raise Verdict(
                not_attempted(
                    f"set `answer` to a tuple ({', '.join(self.names)}) and run this "
                    "cell again."
                )
            )
        answer = _plain(answer)
        if not isinstance(answer, (tuple, list)) and not (
            isinstance(answer, np.ndarray) and answer.ndim == 1
        ):
            raise Verdict(
                wrong(
                    f"{self.what} should be a tuple of {n} values, got {_show(answer)}."
                )
            )
        if len(answer) != n:
            raise Verdict(wrong(f"{self.what} has {len(answer)} values; expected {n}."))
        return tuple(as_number(part) for part in answer)

    def check(self, answer):
        """The Feedback on ``answer`` (None: not attempted; text such as "1,000")."""
        try:
            got = self._prepare(answer)
        except Verdict as verdict:
            return verdict.feedback
        shown = (
            "(" + ", ".join(f"{g:,.10g}" for g in got) + ")"
            if isinstance(got, tuple)
            else f"{got:,.10g}"
        )
        if self._matches(got, self.expected):
            return correct(f"{shown}. {self.explain}".strip())
        for value, message in self.hints.items():
            if self._matches(got, value):
                return wrong(f"{self.what} is {shown}: {message}")
        if isinstance(got, tuple):
            for i, (g, e) in enumerate(zip(got, self.expected)):
                if not self._matches(g, e):
                    part = self.names[i] if self.names else f"value {i + 1}"
                    closeness = self._closeness(g, e).replace(
                        "; that is not it yet. Go through the calculation again.",
                        ". Go through its calculation again.",
                    )
                    return wrong(
                        f"{self.what}: {part} ({g:,.10g}) is not right yet{closeness}"
                    )
        return wrong(f"{self.what} is {shown}" + self._closeness(got, self.expected))

    def _closeness(self, got, expected):
        expected = float(expected)
        if self.is_integer:
            if not float(got).is_integer():
                return "; the answer is a whole number."
            if abs(got - expected) == 1:
                return (
                    ": off by one. Count again: was one item (a bias, a round, an "
                    "end of a range) counted once too often or left out?"
                )
            return "; that is not it yet. Go through the count again."
        error = abs(got - expected)
        if error <= 30 * self.tolerance(expected) and expected != 0:
            # equal roundings alone would say 1 digit for 3.86 against 3.8487 ("3.9" and
            # "3.8" differ); the relative error says 2
            agree = max(
                [0, math.floor(-math.log10(error / abs(expected)))]
                + [d for d in range(1, 16) if f"{got:.{d}g}" == f"{expected:.{d}g}"]
            )
            return (
                f": close, but it agrees with the right value to about {agree} "
                f"significant digits; the exercise asks for {self.precision[8:-1]}. "
                "Keep more digits (or write an expression) and do not round "
                "intermediate results."
            )
        return "; that is not it yet. Go through the calculation again."


def check_number(
    got, expected, what="your answer", hints=None, explain="", digits=4, decimals=None
):
    """Feedback on a numeric answer against ``expected`` (see ``Number``)."""
    return Number(
        expected, dict(hints or {}), explain, digits, decimals, what=what
    ).check(got)


# ---- function exercises --------------------------------------------------------------


@dataclass
class Case:
    """One test input: ``args`` (name -> value, passed positionally).

    ``visible``: the example whose expected value messages may show; ``prop`` names
    the input's property for messages about a generated input; ``nan_hint`` is added
    when the result has NaN or inf on it.
    """

    args: dict
    prop: str = ""
    visible: bool = False
    nan_hint: str = ""


def fresh(prop, nan_hint="", **args):
    """A generated test input with property ``prop`` (e.g. "a single row")."""
    return Case(args, prop, False, nan_hint)


def _where(case):
    if case.visible:
        return f"with {_describe_call(case.args)}"
    arrays = [v for v in case.args.values() if isinstance(v, np.ndarray)]
    small = all(np.size(v) <= 12 for v in arrays)
    shown = (
        f" ({_describe_call(case.args)})"
        if small
        else " (shapes "
        + ", ".join(
            f"{k} {np.shape(v)}"
            for k, v in case.args.items()
            if isinstance(v, np.ndarray)
        )
        + ")"
    )
    if case.prop == "a fixed test input":
        return f"on a fixed test input{shown}"
    return f"on a generated test input: {case.prop}{shown}"


def _try(mistake, args):
    """The typical wrong answer for these arguments; None if it fails (e.g. W @ X)."""
    try:
        with np.errstate(all="ignore"):
            return mistake(*args.values())
    except Exception:
        return None


def _explains(outcomes, expected, wrongs, atol, rtol):
    """True if the answer gives the mistake's value on every input where both give a
    value (and fails where it fails), and differs from the reference somewhere."""
    differs = False
    for outcome, right, value in zip(outcomes, expected, wrongs):
        if outcome.kind == "skipped":
            continue
        if value is None:
            if outcome.kind == "value":
                return False
            continue
        if outcome.kind != "value" or not _close(
            outcome.value, value, atol, rtol, equal_nan=True
        ):
            return False
        differs = differs or not _close(value, right, atol, rtol, equal_nan=True)
    return differs


def check_function(
    answer,
    reference,
    cases,
    mistakes=(),
    explain="",
    generate=None,
    timeout=TIME_LIMIT,
    atol=1e-8,
    rtol=1e-6,
):
    """Feedback from calling the learner's function against ``reference``.

    ``cases``: fixed inputs, dicts of argument name -> value (passed positionally, so
    learners may rename them); messages show the expected value of the first, the
    visible example, only. ``generate(rng)``: fresh test inputs (a list of
    ``fresh(...)``), new at every attempt, whose expected values are never shown in
    full. ``mistakes``: pairs (wrong_fn, message) computing typical wrong answers
    from the same arguments; a mistake's message is given when the answer agrees
    with it on every input.
    """
    try:
        fn = as_function(answer)
    except Verdict as verdict:
        return verdict.feedback
    tests = [Case(args, "a fixed test input", i == 0) for i, args in enumerate(cases)]
    if generate is not None:
        with np.errstate(all="ignore"):
            tests += list(generate(attempt_rng()))
    with np.errstate(all="ignore"):
        expected = [reference(*case.args.values()) for case in tests]
    try:
        outcomes = run_calls(fn, [list(case.args.values()) for case in tests], timeout)
    except Verdict as verdict:
        return verdict.feedback
    for mistake, message in mistakes:
        wrongs = [_try(mistake, case.args) for case in tests]
        if _explains(outcomes, expected, wrongs, atol, rtol):
            first = next(
                i
                for i, (w, e) in enumerate(zip(wrongs, expected))
                if w is None or not _close(w, e, atol, rtol, equal_nan=True)
            )
            return wrong(f"{_where(tests[first])}: {message}")
    for case, outcome, right in zip(tests, outcomes, expected):
        if outcome.kind != "value":
            return wrong(f"your function {outcome.message}, {_where(case)}.")
        problem = compare_array(
            outcome.value,
            right,
            "your result",
            atol,
            rtol,
            reveal=True if case.visible else "entry",
        )
        if problem:
            if case.nan_hint and "NaN or inf" in problem:
                problem = f"{problem} {case.nan_hint}"
            return wrong(f"{_where(case)}: {problem}")
    passed = (
        f"your function gives the right result on all {len(tests)} test inputs"
        + (" (most of them new at every check)" if generate else "")
        + "."
    )
    return correct(f"{passed} {explain}".strip())


def strided(array):
    """The same values as ``array`` in a non-contiguous view (every other column)."""
    array = np.asarray(array, dtype=np.float64)
    if array.ndim == 0:
        return array
    wide = np.zeros(array.shape[:-1] + (2 * array.shape[-1],))
    wide[..., ::2] = array
    return wide[..., ::2]
