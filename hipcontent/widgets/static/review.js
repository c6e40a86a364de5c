// hipcontent spaced review (lesson 07): the tick boxes, today's session and the Anki button, one
// front end for JupyterLab and the static site.
//
// With a kernel (JupyterLab) Python keeps the progress file: the page shows the kernel's `view`
// (notices, ticks, status words) and sends each tick, answer and button press; Python saves and
// answers. With no kernel (experimental.hipcontentOffline, the static site) the page keeps the
// progress in this browser (review_deck.js) and schedules with FSRS (review_fsrs.js) from the
// question bank Python put in `bank` when the lesson was run.
//
// The session's questions are shown by the course quiz's own front end (quiz.js, which judges
// answers in the page): `quizFront` is that module, wrapped by hipcontent/widgets/review.py when it
// joins the files. Data text goes into the page with textContent; status words are polite live
// regions made once and updated.

import {
  ankiFile, answer, daysWords, dueLine, due, loadProgress, notices, plural, saveProgress, sessionIntro, studied,
} from "./review_deck.js";

const CHANGED = "hipcontent-review-change"; // one widget's change, heard by the others on the page

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function storage() {
  try {
    return window.localStorage;
  } catch (error) {
    return null;
  }
}

function parse(text, fallback) {
  try {
    return JSON.parse(text || "");
  } catch (error) {
    return fallback;
  }
}

// Notices (one paragraph each) and a strong status line in a polite live region.
function frame(root) {
  const notice = make("div", "hip-review-notices");
  const status = make("p", "hip-review-status");
  status.setAttribute("role", "status"); // polite
  const strong = make("strong");
  status.append(strong);
  root.append(notice);
  return {
    notice, status,
    notices(lines) {
      notice.replaceChildren(...lines.map((line) => make("p", "hip-review-notice", line)));
    },
    say(text) {
      if (strong.textContent !== text) strong.textContent = text;
    },
  };
}

// A quiz model for quiz.js: the session's payload, no kernel of its own; each check goes to `onCheck`.
function quizModel(payload, onCheck) {
  return {
    get: (name) => (name === "payload" ? JSON.stringify(payload) : name === "feedback" ? {} : name === "revealed" ? false : ""),
    set() {}, on() {}, off() {}, save_changes() {},
    send(message) {
      if (message && message.type === "check") onCheck(message.id, message.answer);
      throw new Error("answered by the review"); // quiz.js then keeps its own verdict
    },
  };
}

function lessonsPart({ model, root, offline, bank, box }) {
  root.append(make("p", "hip-review-heading", "I have studied these lessons:"));
  const list = make("div", "hip-review-ticks");
  list.setAttribute("role", "group");
  list.setAttribute("aria-label", "Lessons I have studied");
  root.append(list, box.status);
  const inputs = new Map();
  const entries = offline ? bank.lessons : parse(model.get("view"), {}).boxes || [];
  for (const entry of entries) {
    const label = make("label", "hip-review-tick");
    const input = make("input");
    input.type = "checkbox";
    input.value = entry.lesson;
    label.append(input, make("span", "", entry.label));
    list.append(label);
    inputs.set(entry.lesson, input);
    input.addEventListener("change", () => ticked(entry.lesson, input.checked));
  }
  function showKernel() {
    const view = parse(model.get("view"), {});
    box.notices(view.notices || []);
    for (const entry of view.boxes || []) if (inputs.has(entry.lesson)) inputs.get(entry.lesson).checked = !!entry.checked;
    box.say(view.status || "");
  }
  function showOffline(problem) {
    const loaded = loadProgress(storage());
    for (const [lesson, input] of inputs) input.checked = loaded.progress.lessons.includes(lesson);
    box.notices(notices(bank, loaded.progress, loaded.notice));
    box.say(problem || dueLine(bank, loaded.progress, Date.now()));
  }
  function ticked(lesson, value) {
    if (!offline) {
      model.send({ type: "tick", lesson, value });
      return;
    }
    const store = storage();
    const loaded = loadProgress(store); // read afresh: another widget may have written since
    const kept = loaded.progress.lessons.filter((name) => name !== lesson);
    loaded.progress.lessons = value ? [...kept, lesson] : kept;
    const failed = store ? saveProgress(store, loaded.progress) : "this browser would not keep it";
    if (failed) {
      box.say(`Your tick could not be saved: ${failed}.`);
      return;
    }
    window.dispatchEvent(new CustomEvent(CHANGED));
    showOffline();
  }
  if (offline) {
    showOffline();
    window.addEventListener(CHANGED, () => showOffline());
    return () => {};
  }
  model.on("change:view", showKernel);
  showKernel();
  return () => model.off("change:view", showKernel);
}

function sessionPart({ model, root, offline, bank, box }) {
  root.append(box.status);
  const place = make("div", "hip-review-quiz");
  root.append(place);
  let graded = new Map(); // key -> right (this session, first answers only)
  let chosen = [];
  let cleanup = null;

  function showQuiz(payload, onCheck) {
    if (cleanup) cleanup();
    place.replaceChildren();
    cleanup = null;
    if (payload) cleanup = quizFront.render({ model: quizModel(payload, onCheck), el: place });
  }

  // Offline: the session as review/session.py's ReviewSession shows it.
  function sayOffline(progress, last) {
    const now = Date.now();
    if (!chosen.length) {
      let text = dueLine(bank, progress, now);
      if (studied(bank, progress).length) text += " Come back tomorrow, or reload this page later.";
      box.say(text);
      return;
    }
    const parts = [dueLine(bank, progress, now)];
    if (graded.size) parts.push(`This session: ${[...graded.values()].filter(Boolean).length} of ${graded.size} answered right.`);
    if (last) parts.push(last);
    if (graded.size === chosen.length && due(bank, progress, now).length) parts.push("Reload this page for the next questions.");
    box.say(parts.join(" "));
  }
  function startOffline() {
    const loaded = loadProgress(storage());
    box.notices(notices(bank, loaded.progress, loaded.notice));
    graded = new Map();
    chosen = due(bank, loaded.progress, Date.now()).slice(0, bank.size);
    const questions = chosen.map((item, i) => ({
      ...bank.questions[item.key], id: item.key, number: i + 1, heading: `Question ${i + 1} of ${chosen.length}`,
    }));
    showQuiz(chosen.length ? {
      lesson: "07-review", title: "Check yourself: today's review", intro: sessionIntro(chosen), how: bank.how,
      reveal_switch: false, questions, figures: bank.figures, sources: bank.sources,
    } : null, checkedOffline);
    sayOffline(loaded.progress, "");
  }
  function checkedOffline(key, given) {
    const q = bank.questions[key];
    const result = q && quizFront.judge({ ...q, id: key }, given, bank.sources);
    if (!result || result.problem !== undefined) return; // not an answer yet: the quiz says what to do
    const store = storage();
    const loaded = loadProgress(store);
    if (graded.has(key)) {
      sayOffline(loaded.progress, "Only your first answer to a question counts for when it comes back.");
      return;
    }
    const now = Date.now();
    const card = answer(loaded.progress, key, result.correct, now);
    const failed = store ? saveProgress(store, loaded.progress) : "this browser would not keep it";
    if (failed) {
      sayOffline(loaded.progress, `Your answer could not be saved: ${failed}.`);
      return;
    }
    graded.set(key, result.correct);
    window.dispatchEvent(new CustomEvent(CHANGED, { detail: "answer" }));
    sayOffline(loaded.progress, `That question comes back ${daysWords(card, now)}.`);
  }

  if (offline) {
    startOffline();
    // A lesson ticked above: a session with no answer yet is made again with its questions.
    window.addEventListener(CHANGED, (event) => {
      if (event.detail !== "answer" && graded.size === 0) startOffline();
    });
    return () => cleanup && cleanup();
  }
  let shownQuiz = null;
  function showKernel() {
    const view = parse(model.get("view"), {});
    box.notices(view.notices || []);
    box.say(view.status || "");
    if (view.quiz !== shownQuiz) {
      shownQuiz = view.quiz;
      showQuiz(view.quiz ? parse(view.quiz, null) : null, (id, given) => model.send({ type: "answer", id, answer: given }));
    }
  }
  model.on("change:view", showKernel);
  showKernel();
  return () => {
    model.off("change:view", showKernel);
    if (cleanup) cleanup();
  };
}

function ankiPart({ model, root, offline, bank, box }) {
  const button = make("button", "hip-button hip-review-anki", "Save the questions for Anki");
  button.type = "button";
  button.title = offline ? "Downloads a text file Anki imports (File > Import)"
    : "Writes a text file Anki imports (File > Import); never replaces a file";
  root.append(button, box.status);
  button.addEventListener("click", () => {
    if (!offline) {
      model.send({ type: "anki" });
      return;
    }
    const loaded = loadProgress(storage());
    const ticked = studied(bank, loaded.progress);
    const file = ankiFile(bank.anki, ticked);
    const link = make("a");
    link.href = URL.createObjectURL(new Blob([file.text], { type: "text/plain;charset=utf-8" }));
    link.download = bank.anki.name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    let text = `Saved ${plural(file.notes, "question")} for Anki in ${bank.anki.name}`;
    if (file.leftOut) text += `; ${plural(file.leftOut, "label-the-diagram question")} left out (Anki's text import cannot carry the diagram)`;
    const which = ticked.length ? "the lessons you ticked" : "every lesson (none is ticked)";
    box.say(`${text}. Questions from ${which}. Your browser saved it with your downloads. In Anki: File > Import, then choose the file.`);
  });
  if (offline) return () => {};
  const show = () => box.say(parse(model.get("view"), {}).message || "");
  model.on("change:view", show);
  show();
  return () => model.off("change:view", show);
}

const PARTS = { lessons: lessonsPart, session: sessionPart, anki: ankiPart };
const NAMES = { lessons: "The lessons you have studied", session: "Today's review", anki: "Anki export" };

function render({ model, el, experimental }) {
  const offline = !!(experimental && experimental.hipcontentOffline === true);
  const part = model.get("part");
  const root = make("div", "hip hip-review");
  root.setAttribute("role", "region");
  root.setAttribute("aria-label", NAMES[part] || "Spaced review");
  el.append(root);
  const bank = parse(model.get("bank"), null);
  const box = frame(root);
  if (!PARTS[part] || (offline && !bank)) {
    box.say("This part of the review needs Python: open the lesson in JupyterLab to use it.");
    root.append(box.status);
    return () => {};
  }
  return PARTS[part]({ model, root, offline, bank, box });
}

export default { render };
