"""The quiz checks answers in the browser (static/quiz_judge.js) with the kernel's rules, words and
escaping: every answer below is checked by both, and the feedback HTML and score must be equal
character for character. Runs the JavaScript under node; skipped where node is not installed."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess

import pytest

from hipcontent.content.quiz import QUIZ_IDS, load_quiz, parse_quiz
from hipcontent.widgets.quiz import STATIC, QuizWidget
from tests.test_quiz import FILE, _valid

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")

# Reads {"payload": ..., "cases": [[question id, answer], ...]} on stdin; prints each case's
# [html, score text] after checking it (one Score for the whole run, as one page keeps it).
RUNNER = """
import { readFileSync } from "node:fs";
const source = readFileSync(process.argv[1], "utf8");
const judge = await import("data:text/javascript;base64," + Buffer.from(source).toString("base64"));
const input = JSON.parse(readFileSync(0, "utf8"));
const byId = new Map(input.payload.questions.map((q) => [q.id, q]));
const score = new judge.Score(input.payload.questions.length);
const out = [];
for (const [id, answer] of input.cases) {
  if (id === null) { score.reset(); out.push(["", score.text()]); continue; }
  const result = judge.judge(byId.get(id), answer, input.payload.sources);
  score.record(id, result);
  out.push([result.html, score.text()]);
}
process.stdout.write(JSON.stringify(out));
"""

TYPED = [
    "", "   ", "2.5", "2,5", " 2.5 ", "2.5 cm", "2.5cm", "2.5 CM", "3", "2", "1.9999999", "3.0000001",
    "−3", "-0", "+.5", "5.", ".", "e5", "1e3", "1E-7", "1e400", "-1e400", "1e-400", "nan", "-inf", "Infinity",
    "1_000", "1__0", "_1", "1_", "0x10", "abc", "'quote'", "it's", 'say "x"', "both ' and \"", "<b>&amp;</b>",
    "١٢", "𝟓", "\u20035\u2003", "\t4\n", "1\u00a0000", "\x00", "é", "a\u200bb", "\\", "x" * 150, "9" * 101,
    " " * 150 + "3", "1" * 250, "123456789", "1234565", "1234575", "0.000012345", "0.0001", "0.00001",
    "999999.5", "9999995", "1e16", "4.35", "0.1", "50 %", "50%", "2.5e0", "2.5.1", "--2", "+-2", "٫5",
]


def answers(question) -> list:
    if question.kind == "numeric":
        around = [question.answer - question.tolerance, question.answer + question.tolerance, question.answer,
                  question.answer + question.tolerance * 1.01, question.answer - question.tolerance * 2]
        return TYPED + [repr(value) for value in around] + [f"{question.answer:g} {question.unit}", None, 3, [1]]
    count = len(question.options)
    if question.kind == "multiple":
        subsets = [list(s) for r in range(count + 1) for s in itertools.combinations(range(count), r)][:300]
        return subsets + [None, 2, [0, 0, 1], [-1, count, 0], [True], ["0"], [1.5]]
    return [*range(count), None, -1, count, True, "1", 1.5, [0]]


def both(quiz) -> tuple[list, list]:
    widget = QuizWidget(quiz)
    payload = json.loads(widget.payload)
    cases, kernel = [], []
    for question in quiz.questions:
        for answer in answers(question):
            widget._on_message(widget, {"type": "check", "id": question.id, "answer": answer}, [])
            cases.append([question.id, answer])
            kernel.append([widget.feedback[question.id]["html"], widget.score])
    widget._on_message(widget, {"type": "restart"}, [])
    cases.append([None, None])
    kernel.append(["", widget.score])
    run = subprocess.run(["node", "--input-type=module", "-e", RUNNER, str(STATIC / "quiz_judge.js")],
                         input=json.dumps({"payload": payload, "cases": cases}), capture_output=True, text=True,
                         timeout=120, encoding="utf-8")
    assert run.returncode == 0, run.stderr[-3000:]
    return cases, kernel, json.loads(run.stdout)


def assert_agree(quiz):
    cases, kernel, page = both(quiz)
    assert len(page) == len(kernel)
    wrong = [(case, k, p) for case, k, p in zip(cases, kernel, page, strict=True) if k != p]
    assert not wrong, f"{len(wrong)} of {len(cases)} disagree; first: {wrong[:3]}"


@pytest.mark.parametrize("lesson", QUIZ_IDS)
def test_the_page_and_the_kernel_give_the_same_feedback_and_score(lesson):
    assert_agree(load_quiz(lesson))


def test_they_agree_on_data_text_that_needs_escaping_and_an_unknown_source():
    data = _valid()
    data["questions"][0]["prompt"] = "<script>alert('x')</script>"
    data["questions"][0]["options"][0]["text"] = 'Tom & "Jerry" <i>'
    data["questions"][0]["options"][2]["text"] = "Ends a sentence already.  "
    data["questions"][1]["options"][0]["text"] = "Asks?"
    data["questions"][0]["options"][1]["feedback"] = "It's <b>bold</b> & 'quoted'."
    data["questions"][2]["unit"] = "%"
    data["questions"][2]["feedback"] = "a < b > c & d"
    assert_agree(parse_quiz(data, FILE))


def test_an_option_that_ends_a_sentence_gets_no_second_full_stop():
    from hipcontent.views.quiz import reveal_html, stop

    assert stop("The lesser trochanter") == "The lesser trochanter."
    assert stop("It sits above the joint.") == stop("It sits above the joint.") == "It sits above the joint."
    data = _valid()
    data["questions"][0]["options"][0]["text"] = "It sits above the joint."
    widget = QuizWidget(parse_quiz(data, FILE))
    question = widget.quiz.question("one")
    widget.check("one", question.correct_indices[0])
    html = widget.feedback["one"]["html"] + reveal_html(question)
    assert "joint.." not in html and "joint. Because" in html
