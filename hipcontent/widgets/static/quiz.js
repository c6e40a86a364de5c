// hipcontent self-check quiz (anywidget front end).
//
// Built from the payload the kernel sends once. Data text (titles, prompts, options, alt text)
// goes into the page with textContent; only the feedback and revealed answers are set as HTML,
// built with every data text escaped (by the kernel: hipcontent.views.quiz; or here by
// quiz_judge.js, with the same words and escaping).
//
// The quiz checks answers, keeps the score and starts again in the page itself, so it works with
// no kernel (a saved or exported notebook). When a kernel is there, each check and restart is also
// sent to it: Python records the answer (QuizWidget's on_answer) and sends its own verdict, which
// replaces the page's only if it differs (it should not: tests compare the two).
//
// Keyboard: each single-choice question is one native radio group (one Tab stop). Inside the
// widget, keys are kept from JupyterLab (stopPropagation: its command-mode shortcuts would move
// to another cell) and the arrow keys are handled here (preventDefault: no scrolling):
// arrows move the choice within a group, Enter checks the question it is pressed in.
// Feedback and score are live regions made once and updated, never re-created.

import { judge, Score } from "./quiz_judge.js";

let views = 0;

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const NEXT = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

function readAnswer(q, block) {
  if (q.kind === "single" || q.kind === "label") {
    const chosen = block.querySelector("input[type=radio]:checked");
    return chosen ? Number(chosen.value) : null;
  }
  if (q.kind === "multiple") {
    return [...block.querySelectorAll("input[type=checkbox]:checked")].map((box) => Number(box.value));
  }
  return block.querySelector("input[type=text]").value;
}

function render({ model, el }) {
  const key = `hipq${++views}`;
  const data = JSON.parse(model.get("payload"));
  const root = make("div", "hip hip-quiz hipcontent-quiz"); // "div.hip": the course stylesheet's root
  root.setAttribute("role", "region");
  const title = make("h3", "hip-quiz-title", data.title);
  title.id = `${key}-title`;
  root.setAttribute("aria-labelledby", title.id);
  root.append(title);
  if (data.intro) root.append(make("p", "hip-quiz-intro", data.intro));
  root.append(make("p", "hip-quiz-how", data.how));

  const revealLabel = make("label", "hip-quiz-reveal-switch");
  const revealBox = make("input");
  revealBox.type = "checkbox";
  revealLabel.append(revealBox, " Reveal all answers (for a coach leading a discussion)");
  if (data.reveal_switch !== false) root.append(revealLabel); // a review session has none

  const blocks = new Map(); // question id -> {q, block, live, reveal, count}
  for (const q of data.questions) {
    const block = make("div", "hip-quiz-question hipcontent-quiz-question");
    block.dataset.id = q.id;
    block.dataset.kind = q.kind;
    const fieldset = make("fieldset", "hip-quiz-fieldset");
    const legend = make("legend", "hip-quiz-legend");
    legend.append(
      make("span", "hip-quiz-number", q.heading),
      " ",
      make("span", "hip-quiz-kind", `(${q.kind_name})`),
      make("span", "hip-quiz-prompt", q.prompt),
    );
    fieldset.append(legend);
    const picture = q.figure && (data.figures || {})[q.figure]; // one picture per diagram, shared
    if (picture) {
      const figure = make("figure", "hip-quiz-figure");
      const img = make("img");
      img.loading = "lazy"; // decoded when scrolled near, not all at once
      img.decoding = "async";
      img.src = picture.src;
      img.alt = picture.alt;
      figure.append(img, make("figcaption", "", picture.caption));
      fieldset.append(figure);
    }
    if (q.hint) fieldset.append(make("p", "hip-quiz-hint", q.hint));
    const name = `${key}-${q.number}`;
    if (q.kind === "numeric") {
      const label = make("label", "hip-quiz-number-answer");
      const input = make("input");
      input.type = "text";
      input.inputMode = "decimal";
      input.autocomplete = "off";
      input.name = name;
      label.append(`Your answer${q.unit ? ` (${q.unit})` : ""}: `, input);
      fieldset.append(label);
    } else {
      q.options.forEach((text, index) => {
        const label = make("label", "hip-quiz-option");
        const input = make("input");
        input.type = q.kind === "multiple" ? "checkbox" : "radio";
        input.name = name;
        input.value = String(index);
        label.append(input, make("span", "", text));
        fieldset.append(label);
      });
    }
    const check = make("button", "hip-button hip-quiz-check", "Check");
    check.type = "button";
    legend.id = `${key}-${q.number}-legend`;
    check.setAttribute("aria-describedby", legend.id); // "Check", then which question
    const live = make("div", "hip-quiz-feedback");
    live.setAttribute("aria-live", "polite");
    live.id = `${key}-${q.number}-feedback`;
    const reveal = make("div", "hip-quiz-answer");
    reveal.innerHTML = q.reveal; // built by the kernel with every data text escaped
    block.append(fieldset, check, live, reveal);
    root.append(block);
    const entry = { q, block, live, reveal, count: 0, shown: "", sent: [] };
    blocks.set(q.id, entry);
    check.addEventListener("click", () => submit(entry));
  }

  const footer = make("div", "hip-quiz-footer");
  const score = make("p", "hip-quiz-score");
  score.setAttribute("aria-live", "polite");
  const restart = make("button", "hip-button hip-quiz-restart", "Start again");
  restart.type = "button";
  footer.append(score, restart);
  root.append(footer);
  el.append(root);

  const tally = new Score(data.questions.length);
  let restartsSent = 0; // restarts this page sent that the kernel has not yet answered

  function tell(message) {
    try {
      model.send(message); // to the kernel, if there is one
      return true;
    } catch (error) {
      return false; // no kernel (a saved or exported page): the page has already answered
    }
  }

  function show(entry, html) {
    entry.shown = html;
    entry.live.innerHTML = html; // escaped where it was built; the live region itself stays
  }

  function waiting() {
    return [...blocks.values()].some((entry) => entry.sent.length > 0);
  }

  function submit(entry) {
    const answer = readAnswer(entry.q, entry.block);
    const result = judge(entry.q, answer, data.sources);
    tally.record(entry.q.id, result);
    show(entry, result.html);
    score.textContent = tally.text();
    if (tell({ type: "check", id: entry.q.id, answer })) entry.sent.push(result.html);
  }

  // The kernel's verdicts: each answers the oldest check this page sent for that question. While
  // newer checks wait, the page keeps showing its own (newer) verdict.
  function showFeedback() {
    const all = model.get("feedback") || {};
    for (const [id, entry] of blocks) {
      const now = all[id];
      const count = now ? now.count : 0;
      if (count === entry.count) continue;
      if (restartsSent > 0) { // verdicts on answers from before "Start again": already cleared here
        entry.count = count;
        continue;
      }
      const answered = count > entry.count ? entry.sent.splice(0, count - entry.count) : [];
      entry.count = count;
      if (entry.sent.length) continue;
      const html = now ? now.html : "";
      if (now && typeof now.correct === "boolean") tally.results.set(id, now.correct);
      else tally.results.delete(id);
      const expected = answered[answered.length - 1];
      if (expected !== undefined && expected !== html) {
        root.dataset.disagreements = String(Number(root.dataset.disagreements || 0) + 1);
        console.warn(`hipcontent quiz: the kernel's verdict on ${id} differs from the page's`);
      }
      if (html !== entry.shown) show(entry, html); // the same words are not announced twice
    }
    if (!waiting() && restartsSent === 0) score.textContent = tally.text();
  }

  function showScore() {
    const text = model.get("score");
    if (text && !waiting() && restartsSent === 0 && text !== score.textContent) score.textContent = text;
  }

  function showReveal() {
    const shown = !!model.get("revealed") && data.reveal_switch !== false;
    revealBox.checked = shown;
    for (const entry of blocks.values()) entry.reveal.hidden = !shown;
  }

  function clearInputs() {
    if (restartsSent > 0) {
      restartsSent -= 1; // the page already cleared itself (and may have new answers since)
      return;
    }
    for (const entry of blocks.values()) {
      for (const input of entry.block.querySelectorAll("input")) {
        if (input.type === "text") input.value = "";
        else input.checked = false;
      }
    }
  }

  revealBox.addEventListener("change", () => {
    model.set("revealed", revealBox.checked);
    model.save_changes();
  });
  restart.addEventListener("click", () => {
    tally.reset();
    for (const entry of blocks.values()) {
      entry.sent = [];
      show(entry, "");
      for (const input of entry.block.querySelectorAll("input")) {
        if (input.type === "text") input.value = "";
        else input.checked = false;
      }
    }
    score.textContent = tally.text();
    if (tell({ type: "restart" })) restartsSent += 1;
  });

  root.addEventListener("keydown", (event) => {
    if (event.key === "Tab" || event.key === "Escape" || event.ctrlKey || event.metaKey || event.altKey) return;
    event.stopPropagation(); // JupyterLab's notebook shortcuts never see keys pressed in the quiz
    const target = event.target;
    const block = target.closest && target.closest(".hip-quiz-question");
    const entry = block && blocks.get(block.dataset.id);
    const isText = target.tagName === "INPUT" && target.type === "text";
    if (event.key === "Enter" && entry && target.tagName === "INPUT") {
      event.preventDefault();
      submit(entry);
      return;
    }
    if (!(event.key in NEXT) && event.key !== "Home" && event.key !== "End") return;
    if (isText) return; // the caret moves inside the text box
    event.preventDefault(); // no scrolling of the notebook
    if (target.type !== "radio" || !block) return;
    const group = [...block.querySelectorAll(`input[type=radio][name="${target.name}"]`)];
    const here = group.indexOf(target);
    let next;
    if (event.key === "Home") next = 0;
    else if (event.key === "End") next = group.length - 1;
    else next = (here + NEXT[event.key] + group.length) % group.length;
    group[next].checked = true;
    group[next].focus();
  });

  model.on("change:feedback", showFeedback);
  model.on("change:score", showScore);
  model.on("change:revealed", showReveal);
  model.on("change:cleared", clearInputs);
  showFeedback(); // a view made again shows what was checked before (and counts it)
  showScore();
  showReveal();

  return () => {
    model.off("change:feedback", showFeedback);
    model.off("change:score", showScore);
    model.off("change:revealed", showReveal);
    model.off("change:cleared", clearInputs);
  };
}

export default { render };
