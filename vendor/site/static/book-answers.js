/* Answer boxes of the numeric exercises (vendor/site/book_answers.py writes them, with
 * the exercise's spec exported from mlp_lib.exercises in data-spec). A box checks the
 * reader's entry here, offline, with the verdicts and messages of the notebook's
 * `check`: this is mlp_lib.exercises.Number.check step for step, and
 * tests/test_book_answers.py runs both on the same inputs and compares the messages. */
(function () {
  "use strict";

  // ---- Python's float formatting, digit for digit ---------------------------------

  // x > 0, finite: its exact decimal value as x = 0.DIGITS × 10^point (a double is
  // m·2^e, so its decimal expansion is finite; BigInt writes it out).
  function exactDecimal(x) {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const high = view.getUint32(0), low = view.getUint32(4);
    const biased = (high >>> 20) & 0x7ff;
    let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
    let exponent = biased - 1075;
    if (biased === 0) exponent = -1074;
    else mantissa |= 1n << 52n;
    let digits, point;
    if (exponent >= 0) {
      digits = (mantissa << BigInt(exponent)).toString();
      point = digits.length;
    } else {
      digits = (mantissa * 5n ** BigInt(-exponent)).toString();
      point = digits.length + exponent;
    }
    return { digits: digits.replace(/0+$/, ""), point };
  }

  // Rounded half to even (as Python does) to n significant digits.
  function roundDigits({ digits, point }, n) {
    if (digits.length <= n) return { digits, point };
    let kept = digits.slice(0, n);
    const rest = digits.slice(n);
    const up = rest[0] > "5" || (rest[0] === "5"
      && (/[1-9]/.test(rest.slice(1)) || Number(kept[n - 1]) % 2 === 1));
    if (up) {
      const bigger = (BigInt(kept) + 1n).toString();
      if (bigger.length > n) return { digits: bigger.slice(0, n), point: point + 1 };
      kept = bigger;
    }
    return { digits: kept, point };
  }

  function group(integer) {
    return integer.replace(/\B(?=(\d{3})+$)/g, ",");
  }

  // format(x, ".{precision}g"), or ",.{precision}g" with grouping.
  function formatG(x, precision, grouping) {
    const sign = x < 0 || Object.is(x, -0) ? "-" : "";
    x = Math.abs(x);
    if (x === 0) return sign + "0";
    const p = Math.max(precision, 1);
    let { digits, point } = roundDigits(exactDecimal(x), p);
    digits = digits.replace(/0+$/, "") || "0";
    const exp = point - 1;
    if (exp < -4 || exp >= p) {
      const mantissa = digits[0] + (digits.length > 1 ? "." + digits.slice(1) : "");
      const e = String(Math.abs(exp)).padStart(2, "0");
      return `${sign}${mantissa}e${exp < 0 ? "-" : "+"}${e}`;
    }
    let integer, fraction;
    if (point <= 0) {
      integer = "0";
      fraction = "0".repeat(-point) + digits;
    } else if (point >= digits.length) {
      integer = digits + "0".repeat(point - digits.length);
      fraction = "";
    } else {
      integer = digits.slice(0, point);
      fraction = digits.slice(point);
    }
    return sign + (grouping ? group(integer) : integer) + (fraction ? "." + fraction : "");
  }

  // str(float) of a value that is not finite
  function strNonFinite(x) {
    return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  }

  // ---- Python's text handling -----------------------------------------------------

  const SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028"
    + "\\u2029\\u202f\\u205f\\u3000"; // str.isspace
  const IS_SPACE = new RegExp(`^[${SPACE}]$`, "u");
  const STRIP = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, "gu");
  const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;
  const DIGIT = /^\p{Nd}$/u;

  function hex(code, width) {
    return code.toString(16).padStart(width, "0");
  }

  // repr(text)
  function repr(text) {
    const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
    let out = quote;
    for (const ch of text) {
      const code = ch.codePointAt(0);
      const named = { "\t": "\\t", "\n": "\\n", "\r": "\\r" }[ch];
      if (ch === quote || ch === "\\") out += "\\" + ch;
      else if (named) out += named;
      else if (code < 0x20 || code === 0x7f) out += "\\x" + hex(code, 2);
      else if (code < 0x7f || !NOT_PRINTABLE.test(ch)) out += ch;
      else if (code < 0x100) out += "\\x" + hex(code, 2);
      else if (code < 0x10000) out += "\\u" + hex(code, 4);
      else out += "\\U" + hex(code, 8);
    }
    return out + quote;
  }

  // The value of a Unicode decimal digit: they come in runs of ten, 0 to 9.
  function digitValue(code) {
    let start = code;
    while (DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
    return (code - start) % 10;
  }

  const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|inf|infinity|nan)$/i;

  // float(text), or null where Python raises ValueError. Like float(), it reads any
  // Unicode decimal digit and no other non-ASCII character.
  function pyFloat(text) {
    let ascii = "";
    for (const ch of text) {
      const code = ch.codePointAt(0);
      if (code < 0x7f) ascii += ch;
      else if (IS_SPACE.test(ch)) ascii += " ";
      else if (DIGIT.test(ch)) ascii += digitValue(code);
      else ascii += "?";
    }
    ascii = ascii.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, "");
    if (!FLOAT.test(ascii)) return null;
    const negative = ascii[0] === "-";
    const body = ascii.replace(/^[+-]/, "").toLowerCase();
    if (body.startsWith("inf")) return negative ? -Infinity : Infinity;
    if (body === "nan") return NaN;
    const value = Number(body);
    return negative ? -value : value;
  }

  // ---- Number.check ---------------------------------------------------------------

  class Verdict {
    constructor(status, message) {
      this.status = status;
      this.message = message;
    }
  }
  const wrong = (message) => new Verdict("wrong", message);

  // as_number: the entry as a number, or a Verdict
  function asNumber(text) {
    text = text.replaceAll(",", "").replaceAll("_", "").replaceAll("−", "-")
      .replace(STRIP, "");
    const value = pyFloat(text);
    if (value === null) return wrong(`expected a single number, got the text ${repr(text)}.`);
    if (!Number.isFinite(value)) {
      return wrong(`your answer is ${strNonFinite(value)}; expected a finite number.`);
    }
    return value;
  }

  function matches(got, value, tolerance) {
    if (Array.isArray(value)) {
      return value.every((v, i) => matches(got[i], v, tolerance[i]));
    }
    return Math.abs(got - value) <= tolerance * (1 + 1e-9);
  }

  function closeness(spec, got, expected, tolerance) {
    if (spec.integer) {
      if (!Number.isInteger(got)) return "; the answer is a whole number.";
      if (Math.abs(got - expected) === 1) {
        return ": off by one. Count again: was one item (a bias, a round, an "
          + "end of a range) counted once too often or left out?";
      }
      return "; that is not it yet. Go through the count again.";
    }
    const error = Math.abs(got - expected);
    if (error <= 30 * tolerance && expected !== 0) {
      // equal roundings, or the relative error where it says more (as in Python)
      let agree = Math.max(0, Math.floor(-Math.log10(error / Math.abs(expected))));
      for (let d = 1; d < 16; d++) {
        if (formatG(got, d, false) === formatG(expected, d, false)) agree = Math.max(agree, d);
      }
      return `: close, but it agrees with the right value to about ${agree} `
        + `significant digits; the exercise asks for ${spec.precision.slice(8, -1)}. `
        + "Keep more digits (or write an expression) and do not round "
        + "intermediate results.";
    }
    return "; that is not it yet. Go through the calculation again.";
  }

  // The verdict on an entry: text, or one text per part of a tuple answer.
  function check(spec, entry) {
    const tuple = Array.isArray(spec.answer);
    const parts = (tuple ? entry : [entry]).map(asNumber);
    const bad = parts.find((part) => part instanceof Verdict);
    if (bad) return bad;
    const got = tuple ? parts : parts[0];
    const shown = tuple
      ? "(" + parts.map((g) => formatG(g, 10, true)).join(", ") + ")"
      : formatG(got, 10, true);
    if (matches(got, spec.answer, spec.tolerance)) {
      return new Verdict("correct", `${shown}. ${spec.explain}`.trim());
    }
    for (const hint of spec.hints) {
      if (matches(got, hint.value, hint.tolerance)) {
        return wrong(`${spec.what} is ${shown}: ${hint.message}`);
      }
    }
    if (tuple) {
      for (let i = 0; i < parts.length; i++) {
        const [g, e, tolerance] = [parts[i], spec.answer[i], spec.tolerance[i]];
        if (!matches(g, e, tolerance)) {
          const part = spec.names.length ? spec.names[i] : `value ${i + 1}`;
          const near = closeness(spec, g, e, tolerance).replaceAll(
            "; that is not it yet. Go through the calculation again.",
            ". Go through its calculation again.");
          return wrong(`${spec.what}: ${part} (${formatG(g, 10, true)}) is not right yet${near}`);
        }
      }
    }
    return wrong(`${spec.what} is ${shown}` + closeness(spec, got, spec.answer, spec.tolerance));
  }

  // ---- the boxes ------------------------------------------------------------------

  // As the notebook shows a Feedback: the symbol in bold, `code` as <code>.
  function show(box, spec, verdict) {
    const [symbol, border, background] = spec.look[verdict.status];
    box.dataset.status = verdict.status;
    box.style.borderLeftColor = border;
    box.style.background = background;
    const title = document.createElement("strong");
    title.textContent = symbol + ":";
    const pieces = [title, " "];
    verdict.message.split(/`([^`]+)`/).forEach((text, i) => {
      if (i % 2 === 0) pieces.push(text);
      else pieces.push(Object.assign(document.createElement("code"), { textContent: text }));
    });
    box.replaceChildren(...pieces);
  }

  function setUp(form) {
    const spec = JSON.parse(form.dataset.spec);
    const inputs = [...form.querySelectorAll(".mlp-answer-input")];
    const feedback = form.querySelector(".mlp-answer-feedback");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const texts = inputs.map((input) => input.value);
      show(feedback, spec, check(spec, Array.isArray(spec.answer) ? texts : texts[0]));
    });
    form.hidden = false;
  }

  window.mlpAnswers = { check, formatG };
  const start = () => document.querySelectorAll("form.mlp-answer").forEach(setUp);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
