"""The self-check quiz as a keyboard-operable widget: standard ipywidgets (radio buttons, check
boxes, text boxes, buttons), so Tab, Space and Enter work. The checking is
hipcontent.content.quiz's; the HTML pieces are hipcontent.views.quiz's.

    quiz_for("01-anatomy")        # the widget for a lesson (notebooks use this)
"""

from __future__ import annotations

import ipywidgets as w

from hipcontent.content.quiz import Question, Quiz, QuizState, Verdict, load_quiz
from hipcontent.views.display import escape
from hipcontent.views.quiz import label_figure, reveal_html, verdict_html


def quiz_for(lesson: str) -> QuizWidget:
    """The self-check quiz for a lesson, ready to display: ``quiz_for("01-anatomy")``."""
    return QuizWidget(load_quiz(lesson))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class QuestionCard:
    """One question's widgets: prompt, (diagram), answer input, Check button, feedback, revealed answer."""

    def __init__(self, quiz_widget: QuizWidget, number: int, question: Question):
        self.question = question
        self._owner = quiz_widget
        total = len(quiz_widget.quiz.questions)
        self.prompt = w.HTML(
            f"<h4>Question {number} of {total} <small>({escape(question.kind_name)})</small></h4>"
            f"<p>{escape(question.prompt)}</p>"
        )
        parts = [self.prompt]
        if question.kind == "label":
            figure = label_figure(question)
            self.figure = w.HTML(figure._repr_mimebundle_()["text/html"])
            parts.append(self.figure)
        wide = w.Layout(width="auto")
        if question.kind in ("single", "label"):
            self.input = w.RadioButtons(
                options=[(o.text, i) for i, o in enumerate(question.options)], value=None,
                layout=wide, description="Answer:", style={"description_width": "initial"},
            )
            self.checkboxes = ()
        elif question.kind == "multiple":
            self.checkboxes = tuple(
                w.Checkbox(value=False, description=o.text, indent=False, layout=wide)
                for o in question.options
            )
            hint = w.HTML(f"<p><em>Tick {question.correct_count} options.</em></p>")
            self.input = w.VBox([hint, *self.checkboxes])
        else:
            self.input = w.Text(value="", placeholder="type a number",
                                description=f"Answer{f' ({question.unit})' if question.unit else ''}:",
                                style={"description_width": "initial"})
            self.checkboxes = ()
        self.check_button = w.Button(description="Check", tooltip="Check this answer", icon="check",
                                     button_style="primary")
        self.check_button.on_click(lambda _button: self.check())
        self.feedback = w.HTML("")
        self.reveal = w.HTML("", layout=w.Layout(display="none"))
        parts += [self.input, self.check_button, self.feedback, self.reveal]
        self.box = w.VBox(parts, layout=w.Layout(border="1px solid #999", padding="0.5em", margin="0.5em 0"))
        self.box.add_class("hipcontent-quiz-question")  # selector hook for browser tests and styling

    def current_answer(self):
        if self.question.kind in ("single", "label"):
            return self.input.value
        if self.question.kind == "multiple":
            return [i for i, box in enumerate(self.checkboxes) if box.value]
        return self.input.value

    def answer(self, value) -> None:
        """Set the input as a learner would: an option index, a list of indices, or text."""
        if self.question.kind in ("single", "label"):
            self.input.value = value
        elif self.question.kind == "multiple":
            for i, box in enumerate(self.checkboxes):
                box.value = i in set(value)
        else:
            self.input.value = str(value)

    def check(self) -> Verdict | None:
        try:
            verdict = self._owner.state.check(self.question.id, self.current_answer())
        except ValueError as problem:  # NoAnswer or unreadable number: say what to do
            self._owner.state.forget(self.question.id)
            self.feedback.value = f'<p role="status"><strong>ⓘ {escape(_sentence(str(problem)))}.</strong></p>'
            self._owner.update_score()
            return None
        self.feedback.value = verdict_html(verdict, numeric=self.question.kind == "numeric")
        self._owner.update_score()
        return verdict

    def clear(self) -> None:
        if self.question.kind in ("single", "label"):
            self.input.value = None
        elif self.question.kind == "multiple":
            for box in self.checkboxes:
                box.value = False
        else:
            self.input.value = ""
        self.feedback.value = ""

    def show_answer(self, shown: bool) -> None:
        self.reveal.value = reveal_html(self.question) if shown else ""
        self.reveal.layout.display = None if shown else "none"


class QuizWidget(w.VBox):
    """The quiz on screen. Everything is a standard widget, so Tab, Space and Enter work."""

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.state = QuizState(quiz)
        header = w.HTML(
            f"<h3>Check yourself: {escape(quiz.title)}</h3>"
            + (f"<p>{escape(quiz.intro)}</p>" if quiz.intro else "")
            + "<p>Answer a question, press <strong>Check</strong>, and read why. Nothing is saved or "
            "sent anywhere.</p>"
        )
        self.reveal_switch = w.Checkbox(value=False, description="Reveal all answers (for a coach leading a discussion)",
                                        indent=False, layout=w.Layout(width="auto"))
        self.reveal_switch.observe(lambda change: self.reveal(change["new"]), names="value")
        self.score = w.Label(self.state.score_text())
        self.restart_button = w.Button(description="Start again", icon="undo", tooltip="Clear all answers")
        self.restart_button.on_click(lambda _button: self.restart())
        self.cards = tuple(QuestionCard(self, n, q) for n, q in enumerate(quiz.questions, start=1))
        footer = w.HBox([self.score, self.restart_button])
        super().__init__([header, self.reveal_switch, *(card.box for card in self.cards), footer])
        self.add_class("hipcontent-quiz")

    def __repr__(self) -> str:
        return self.quiz.describe()

    def card(self, question_id: str) -> QuestionCard:
        for card in self.cards:
            if card.question.id == question_id:
                return card
        raise KeyError(f"no question {question_id!r} in quiz {self.quiz.lesson}")

    def update_score(self) -> None:
        self.score.value = self.state.score_text()

    def reveal(self, shown: bool = True) -> None:
        if self.reveal_switch.value != shown:
            self.reveal_switch.value = shown  # the observer calls back here
            return
        for card in self.cards:
            card.show_answer(shown)

    def restart(self) -> None:
        for card in self.cards:
            card.clear()
        self.state.reset()
        self.update_score()
