// hipcontent self-check quiz: the checking, in the browser (pure: no DOM, runs under node --test).
//
// The same rules, words and escaping as the kernel: hipcontent.content.quiz (check_answer,
// parse_number, the score text) and hipcontent.views.quiz (verdict_html) with
// hipcontent.widgets.quiz (problem_html). Each question's record in the payload carries what the
// checking needs ("judge": which options are right, each option's feedback, the number and its
// tolerance, source ids); `sources` maps a source id to the HTML line the kernel built with every
// data text escaped (the payload's "sources").
// tests/test_quiz_judge_agreement.py checks that this file and the kernel give the same HTML.

export const MAX_TYPED = 200; // characters of a typed answer the kernel reads (widgets/quiz.py)
const MAX_NUMBER_TEXT = 100; // parse_number refuses longer text

// Python's str.isspace() characters (str.strip() and float() strip these).
const SPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
  + "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

export function pyStrip(text) {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && SPACE.includes(chars[start])) start += 1;
  while (end > start && SPACE.includes(chars[end - 1])) end -= 1;
  return chars.slice(start, end).join("");
}

const HTML = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/** html.escape(text, quote=True) */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => HTML[c]);
}

const UNPRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function hex(code, width) {
  return code.toString(16).padStart(width, "0");
}

/** Python's repr() of a str (the kernel echoes a typed answer with it). */
export function pyRepr(text) {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (ch !== " " && UNPRINTABLE.test(ch)) {
      if (code <= 0xff) out += `\\x${hex(code, 2)}`;
      else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
      else out += `\\U${hex(code, 8)}`;
    } else out += ch;
  }
  return out + quote;
}

// Unicode guarantees decimal digits come in runs of ten, 0 to 9: a digit's value is its distance
// from the start of its run, modulo ten (runs such as the mathematical digits hold several sets).
const DIGIT = /^\p{Nd}$/u;
function digitValue(ch) {
  let code = ch.codePointAt(0);
  let back = 0;
  while (code - back - 1 >= 0 && DIGIT.test(String.fromCodePoint(code - back - 1))) back += 1;
  return back % 10;
}

// float()'s grammar once digits are ASCII: digits may be grouped with single underscores.
const FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*)(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/** Python's float(text), or null where float() raises ValueError. */
export function pyFloat(text) {
  let ascii = "";
  for (const ch of text) {
    if (SPACE.includes(ch)) ascii += " ";
    else if (ch > "\x7f" && DIGIT.test(ch)) ascii += String(digitValue(ch));
    else ascii += ch;
  }
  ascii = ascii.replace(/^ +| +$/g, "");
  if (SPECIAL.test(ascii)) return ascii.toLowerCase().includes("nan") ? NaN : (ascii[0] === "-" ? -Infinity : Infinity);
  if (!FLOAT.test(ascii)) return null;
  return Number(ascii.replace(/_/g, ""));
}

/** content.quiz.parse_number: a number, or throws Error with the kernel's words. */
export function parseNumber(text, unit = "") {
  let cleaned = pyStrip(String(text));
  if (Array.from(cleaned).length > MAX_NUMBER_TEXT) {
    throw new Error("that is too long to be a number; type digits only, such as 2.5");
  }
  if (unit && cleaned.toLowerCase().endsWith(unit.toLowerCase())) {
    cleaned = pyStrip(cleaned.slice(0, cleaned.length - unit.length));
  }
  cleaned = cleaned.replaceAll(",", ".").replaceAll("\u2212", "-");
  const value = pyFloat(cleaned);
  if (value === null) throw new Error(`${pyRepr(pyStrip(String(text)))} is not a number; type digits only, such as 2.5`);
  if (!Number.isFinite(value)) throw new Error("type an ordinary number, such as 2.5");
  return value;
}

// The exact decimal digits of a finite double x != 0: |x| = 0.DIGITS × 10^point.
function exactDigits(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  if (exponent >= 0) {
    const digits = (mantissa << BigInt(exponent)).toString();
    return { digits, point: digits.length };
  }
  const digits = (mantissa * 5n ** BigInt(-exponent)).toString();
  return { digits, point: digits.length + exponent };
}

/** Python's f"{x:g}": six significant digits, rounded half to even, trailing zeros dropped. */
export function formatG(x) {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (x === 0) return `${sign}0`;
  let { digits, point } = exactDigits(x);
  digits = digits.replace(/0+$/, "") || "0";
  let kept = digits.slice(0, 6).padEnd(6, "0");
  const rest = digits.slice(6);
  const half = rest.length > 0 && rest[0] === "5" && /^0*$/.test(rest.slice(1));
  const up = rest.length > 0 && (rest[0] > "5" || (rest[0] === "5" && !half) || (half && Number(kept[5]) % 2 === 1));
  if (up) {
    kept = (BigInt(kept) + 1n).toString();
    if (kept.length > 6) {
      kept = kept.slice(0, 6);
      point += 1;
    }
  }
  const exp = point - 1;
  if (exp >= -4 && exp < 6) {
    let whole;
    let frac;
    if (exp >= 0) {
      whole = kept.slice(0, exp + 1);
      frac = kept.slice(exp + 1);
    } else {
      whole = "0";
      frac = "0".repeat(-exp - 1) + kept;
    }
    frac = frac.replace(/0+$/, "");
    return sign + whole + (frac ? `.${frac}` : "");
  }
  const frac = kept.slice(1).replace(/0+$/, "");
  const e = `${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return `${sign}${kept[0]}${frac ? `.${frac}` : ""}e${e}`;
}

function unitText(unit) {
  return unit ? ` ${unit}` : "";
}

/** views.quiz.stop: a full stop added unless the text already ends a sentence. */
export function stop(text) {
  const chars = Array.from(text);
  while (chars.length && SPACE.includes(chars[chars.length - 1])) chars.pop();
  return ".?!…".includes(chars[chars.length - 1] || "x") ? text : `${text}.`;
}

function sentence(text) {
  const chars = Array.from(text);
  return chars.length ? chars[0].toUpperCase() + chars.slice(1).join("") : "";
}

/** widgets.quiz.problem_html */
export function problemHtml(problem) {
  return `<p><strong>ⓘ ${escapeHtml(sentence(problem))}.</strong></p>`;
}

function sourceLine(sources, id) {
  return (sources && sources[id]) || `Source: ${escapeHtml(id)}`;
}

function optionHtml(q, index, chosen, sources) {
  const judge = q.judge;
  const right = judge.correct[index];
  let tag;
  if (chosen && right) tag = "✔ Your choice, right";
  else if (chosen) tag = "✘ Your choice, wrong";
  else tag = "➜ Right option you did not choose";
  return `<li><strong>${tag}:</strong> ${escapeHtml(stop(q.options[index]))} ${escapeHtml(judge.feedback[index])}`
    + `<br><small>${sourceLine(sources, judge.sources[index])}</small></li>`;
}

function verdictHtml(correct, message, items) {
  return `<p><strong>${correct ? "✔" : "✘"} ${escapeHtml(message)}</strong></p><ul>${items}</ul>`;
}

function choiceVerdict(q, chosen, sources) {
  const items = q.options.map((_, i) => (chosen.has(i) || q.judge.correct[i] ? optionHtml(q, i, chosen.has(i), sources) : ""));
  return items.join("");
}

function judgeIndex(q, answer, sources) {
  if (!Number.isInteger(answer) || answer < 0 || answer >= q.options.length) {
    return { problem: "choose one option, then press Check" };
  }
  const correct = q.judge.correct[answer];
  return { correct, html: verdictHtml(correct, correct ? "Correct." : "Not quite.", choiceVerdict(q, new Set([answer]), sources)) };
}

function judgeMultiple(q, answer, sources) {
  const list = Array.isArray(answer) ? answer : [];
  const chosen = new Set(list.filter((i) => Number.isInteger(i) && i >= 0 && i < q.options.length));
  if (!chosen.size) return { problem: "tick at least one option, then press Check" };
  const right = new Set(q.judge.correct.flatMap((ok, i) => (ok ? [i] : [])));
  const hits = [...chosen].filter((i) => right.has(i)).length;
  const wrong = chosen.size - hits;
  const missed = right.size - hits;
  const correct = wrong === 0 && missed === 0;
  let message;
  if (correct) message = `Correct: all ${right.size} right options, and no others.`;
  else {
    const parts = [`${hits} of your ${chosen.size} choices right`];
    if (wrong) parts.push(`${wrong} wrong`);
    if (missed) parts.push(`${missed} right option${missed !== 1 ? "s" : ""} missed`);
    message = `Not quite: ${parts.join(", ")}. There are ${right.size} right options.`;
  }
  return { correct, html: verdictHtml(correct, message, choiceVerdict(q, chosen, sources)) };
}

function isClose(a, b, relTol, absTol) {
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(relTol * Math.max(Math.abs(a), Math.abs(b)), absTol);
}

function judgeNumeric(q, answer, sources) {
  const judge = q.judge;
  if (typeof answer !== "string") return { problem: "type a number, then press Check" };
  const text = Array.from(answer).slice(0, MAX_TYPED).join("");
  if (!pyStrip(text)) return { problem: "type a number, then press Check" };
  let number;
  try {
    number = parseNumber(text, judge.unit);
  } catch (error) {
    return { problem: error.message };
  }
  const distance = Math.abs(number - judge.answer);
  const correct = distance <= judge.tolerance || isClose(distance, judge.tolerance, 1e-9, 1e-12);
  const shown = `${formatG(number)}${unitText(judge.unit)}`;
  const message = correct ? `Correct: ${shown} is close enough.`
    : `Not quite: ${shown} is too ${number > judge.answer ? "high" : "low"}.`;
  const item = `<li><strong>${escapeHtml(stop(`Answer: ${judge.answer_text}`))}</strong> ${escapeHtml(judge.feedback)}`
    + `<br><small>${sourceLine(sources, judge.source)}</small></li>`;
  return { correct, html: verdictHtml(correct, message, item) };
}

/** Check one answer to question record `q` (sources: the payload's id -> HTML line):
 * {correct, html} for a verdict, or {problem, html} when it cannot be checked. */
export function judge(q, answer, sources) {
  let result;
  if (q.kind === "single" || q.kind === "label") result = judgeIndex(q, answer, sources);
  else if (q.kind === "multiple") result = judgeMultiple(q, answer, sources);
  else result = judgeNumeric(q, answer, sources);
  if (result.problem !== undefined) result.html = problemHtml(result.problem);
  return result;
}

/** content.quiz.QuizState: the latest verdict of each checked question, and the score text. */
export class Score {
  constructor(total) {
    this.total = total;
    this.results = new Map();
  }

  record(id, result) {
    if (result.problem !== undefined) this.results.delete(id);
    else this.results.set(id, result.correct);
  }

  reset() {
    this.results.clear();
  }

  text() {
    const right = [...this.results.values()].filter(Boolean).length;
    return `Score: ${right} right out of ${this.total} questions (${this.results.size} checked so far)`;
  }
}
