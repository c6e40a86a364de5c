// The quiz's checking in the browser (hipcontent/widgets/static/quiz_judge.js) under node --test.
// tests/test_widget_quiz_judge.py compares it with the kernel on every shipped question; these are
// the rules on their own, readable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const source = readFileSync(new URL("../../hipcontent/widgets/static/quiz_judge.js", import.meta.url), "utf8");
const judge = await import("data:text/javascript;base64," + Buffer.from(source).toString("base64"));

test("numbers are read as the kernel reads them", () => {
  assert.equal(judge.parseNumber("2,5"), 2.5);
  assert.equal(judge.parseNumber(" 3 cm ", "cm"), 3);
  assert.equal(judge.parseNumber("\u22124"), -4);
  assert.equal(judge.parseNumber("1_000"), 1000);
  assert.equal(judge.parseNumber("\u0663"), 3); // an Arabic-Indic digit, as Python's float() reads it
  assert.throws(() => judge.parseNumber("0x10"), /'0x10' is not a number/);
  assert.throws(() => judge.parseNumber("1e400"), /ordinary number/);
  assert.throws(() => judge.parseNumber("9".repeat(101)), /too long/);
});

test("numbers are shown as Python's {:g}, rounding half to even", () => {
  assert.equal(judge.formatG(2.5), "2.5");
  assert.equal(judge.formatG(1234565), "1.23456e+06");
  assert.equal(judge.formatG(1234575), "1.23458e+06");
  assert.equal(judge.formatG(0.00001), "1e-05");
  assert.equal(judge.formatG(-0), "-0");
});

test("typed text is echoed as Python's repr and escaped as html.escape", () => {
  assert.equal(judge.pyRepr("it's"), `"it's"`);
  assert.equal(judge.pyRepr("a\tb\u200b"), "'a\\tb\\u200b'");
  assert.equal(judge.escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;");
});

test("a verdict, a problem and the score", () => {
  const q = { id: "q", kind: "multiple", options: ["A", "B.", "C"],
              judge: { correct: [true, true, false], feedback: ["a", "b", "c"], sources: ["s", "s", "s"] } };
  const sources = { s: "Source: S" };
  const half = judge.judge(q, [0], sources);
  assert.equal(half.correct, false);
  assert.match(half.html, /Not quite: 1 of your 1 choices right, 1 right option missed\. There are 2 right options\./);
  assert.match(half.html, /Right option you did not choose:<\/strong> B\. b/); // no second full stop
  assert.equal(judge.judge(q, [], sources).html, "<p><strong>ⓘ Tick at least one option, then press Check.</strong></p>");
  const score = new judge.Score(3);
  score.record("q", judge.judge(q, [0, 1], sources));
  score.record("r", { problem: "x" });
  assert.equal(score.text(), "Score: 1 right out of 3 questions (1 checked so far)");
});
