// hipcontent spaced review with no kernel: the learner's progress in this browser (localStorage,
// one key, the same JSON as the Python progress file), what is due (hipcontent/review/deck.py's
// rules), today's session and the Anki file. Pure: no page, no widget.

import { intervalDays, isDue, reviewCard } from "./review_fsrs.js";

export const STORE_KEY = "hipcontent-review";
export const ASIDE_KEY = "hipcontent-review-damaged";
export const FORMAT = "hipcontent-review";
export const VERSION = 1;
const MAX_CARDS = 5000;
const LESSON_NAME = /^[0-9]{2}-[a-z0-9-]{1,80}$/; // review/progress.py LESSON
const KEY_NAME = /^[0-9]{2}-[a-z0-9-]{1,80}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,110}$/; // review/progress.py KEY

function fresh() {
  return { format: FORMAT, version: VERSION, lessons: [], cards: {} };
}

function checkedTime(value, nullable) {
  if (value === null && nullable) return true;
  if (typeof value !== "string" || value.length > 40) return false;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms >= Date.UTC(2000, 0, 1) && ms < Date.UTC(2200, 0, 1);
}

function finiteIn(value, low, high) {
  return typeof value === "number" && Number.isFinite(value) && value >= low && value <= high;
}

// Why a stored card is unusable ("" if it is fine), as review.progress.card_problem decides.
export function cardProblem(record) {
  const fields = ["difficulty", "due", "lapses", "last_review", "reviews", "stability", "state"];
  if (!record || typeof record !== "object" || Array.isArray(record)
    || Object.keys(record).sort().join() !== fields.join()) return "has the wrong fields";
  if (![1, 2, 3].includes(record.state)) return "has a state that is not 1, 2 or 3";
  for (const [name, low, high] of [["stability", 0.001, 1e6], ["difficulty", 1, 10]]) {
    if (record[name] === null && record.state === 1) continue;
    if (!finiteIn(record[name], low, high)) return `has a ${name} outside ${low}–${high}`;
  }
  for (const name of ["reviews", "lapses"]) {
    if (!Number.isInteger(record[name]) || record[name] < 0 || record[name] > 1e6) return `has a bad ${name}`;
  }
  if (!checkedTime(record.due, false) || !checkedTime(record.last_review, true)) return "has a bad date";
  return "";
}

// The progress kept in this browser: {progress, notice}. Unreadable or damaged data is set aside
// (kept under ASIDE_KEY) and the review starts afresh, saying so; nothing here throws.
export function loadProgress(storage) {
  let text = null;
  try {
    text = storage ? storage.getItem(STORE_KEY) : null;
  } catch (error) {
    return { progress: fresh(), notice: "This browser does not let the page keep your progress: ticks and answers last only until the page is closed.", saved: false };
  }
  if (text === null) return { progress: fresh(), notice: "", saved: true };
  let problem = "";
  let doc = null;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    problem = "it is not valid JSON";
  }
  if (!problem) {
    if (!doc || typeof doc !== "object" || doc.format !== FORMAT) problem = "it is not a hipcontent review";
    else if (!Number.isInteger(doc.version) || doc.version < 1) problem = "its version is missing";
    else if (doc.version > VERSION) problem = `it was saved by a newer hipcontent (version ${doc.version})`;
    else if (!Array.isArray(doc.lessons) || !doc.lessons.every((l) => typeof l === "string" && LESSON_NAME.test(l))) problem = "its list of lessons is damaged";
    else if (!doc.cards || typeof doc.cards !== "object" || Array.isArray(doc.cards) || Object.keys(doc.cards).length > MAX_CARDS) problem = "its questions are damaged";
    else {
      for (const [key, record] of Object.entries(doc.cards)) {
        const why = KEY_NAME.test(key) ? cardProblem(record) : "is not a question";
        if (why) {
          problem = `the entry for ${key.slice(0, 80)} ${why}`;
          break;
        }
      }
    }
  }
  if (!problem) return { progress: { format: FORMAT, version: VERSION, lessons: [...new Set(doc.lessons)], cards: doc.cards }, notice: "", saved: true };
  try {
    storage.setItem(ASIDE_KEY, text);
  } catch (error) { /* kept where it was: the next save replaces it */ }
  return { progress: fresh(), notice: `Your review saved in this browser could not be read (${problem}); it is kept aside and your review starts afresh.`, saved: true };
}

export function saveProgress(storage, progress) {
  try {
    storage.setItem(STORE_KEY, JSON.stringify(progress));
    return "";
  } catch (error) {
    return "this browser would not keep it";
  }
}

// As Python's isoformat() in UTC: "2026-01-01T09:00:00.123000+00:00" (no fraction for whole seconds).
export function isoUTC(ms) {
  const text = new Date(ms).toISOString();
  const whole = ms % 1000 === 0;
  return whole ? `${text.slice(0, 19)}+00:00` : `${text.slice(0, 23)}000+00:00`;
}

export function cardOf(record) {
  return {
    state: record.state, stability: record.stability, difficulty: record.difficulty,
    due: Date.parse(record.due), last_review: record.last_review ? Date.parse(record.last_review) : null,
  };
}

export function recordOf(card, reviews, lapses) {
  return {
    state: card.state, stability: card.stability, difficulty: card.difficulty, due: isoUTC(card.due),
    last_review: card.last_review === null ? null : isoUTC(card.last_review), reviews, lapses,
  };
}

export function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function joined(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

// bank: {lessons: [{lesson, title, keys: [...]}], ...}. Studied lessons in course order.
export function studied(bank, progress) {
  return bank.lessons.filter((entry) => progress.lessons.includes(entry.lesson)).map((entry) => entry.lesson);
}

export function questionKeys(bank, progress) {
  const ticked = new Set(studied(bank, progress));
  return bank.lessons.filter((entry) => ticked.has(entry.lesson)).flatMap((entry) => entry.keys.map((key) => [key, entry.lesson]));
}

// Due today: reviewed ones by due time (then key), oldest first; then new ones in course order.
export function due(bank, progress, now) {
  const reviewed = [];
  const fresh = [];
  for (const [key, lesson] of questionKeys(bank, progress)) {
    const record = progress.cards[key];
    if (!record) {
      fresh.push({ key, lesson, isNew: true });
      continue;
    }
    const card = cardOf(record);
    if (isDue(card, now)) reviewed.push({ key, lesson, isNew: false, due: card.due });
  }
  reviewed.sort((a, b) => a.due - b.due || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return [...reviewed, ...fresh];
}

export function upcoming(bank, progress, now, days = 7) {
  const counts = new Array(days).fill(0);
  for (const [key] of questionKeys(bank, progress)) {
    const record = progress.cards[key];
    if (!record) continue;
    const ahead = intervalDays(cardOf(record), now);
    if (ahead >= 1 && ahead <= days) counts[ahead - 1] += 1;
  }
  return counts;
}

export function skipped(bank, progress) {
  const known = new Set(bank.lessons.flatMap((entry) => entry.keys));
  return Object.keys(progress.cards).filter((key) => !known.has(key)).sort();
}

// The words of review/session.py: notices and the due line.
export function notices(bank, progress, notice) {
  const found = notice ? [notice] : [];
  const gone = skipped(bank, progress).length;
  if (gone) found.push(`${plural(gone, "saved question")} no longer in the course's quizzes ${gone === 1 ? "is" : "are"} skipped (kept in your browser).`);
  return found.concat(bank.problems || []);
}

export function dueLine(bank, progress, now) {
  if (!studied(bank, progress).length) return "Nothing to review yet: tick the lessons you have studied.";
  const list = due(bank, progress, now);
  const count = list.filter((item) => item.isNew).length;
  const line = `Due today: ${plural(list.length, "question")}${count ? ` (${count} new).` : "."}`;
  return `${line} Coming up in the next 7 days: ${upcoming(bank, progress, now).reduce((a, b) => a + b, 0)}.`;
}

export function sessionIntro(chosen) {
  if (!chosen.length) return "";
  const lessons = [...new Set(chosen.map((item) => item.lesson.slice(0, 2)))].sort();
  return `${plural(chosen.length, "question")} due today, from lesson${lessons.length === 1 ? "" : "s"} ${joined(lessons)}.`;
}

// Record an answer in `progress` (changed in place) at `now`: FSRS reschedules; returns the card.
export function answer(progress, key, correct, now) {
  const record = progress.cards[key];
  const card = record ? cardOf(record) : { state: 1, stability: null, difficulty: null, due: now, last_review: null };
  const next = reviewCard(card, correct, now);
  const lapse = !correct && card.state === 2 ? 1 : 0;
  progress.cards[key] = recordOf(next, (record ? record.reviews : 0) + 1, (record ? record.lapses : 0) + lapse);
  return next;
}

export function daysWords(card, now) {
  const days = intervalDays(card, now);
  return days === 1 ? "tomorrow" : `in ${days} days`;
}

// The Anki file for the ticked lessons (every lesson when none is): the bytes Python writes.
export function ankiFile(anki, lessons) {
  const chosen = lessons.length ? lessons : anki.lessons.map((entry) => entry.lesson);
  const lines = [...anki.header];
  let leftOut = 0;
  for (const entry of anki.lessons) {
    if (!chosen.includes(entry.lesson)) continue;
    lines.push(...entry.lines);
    leftOut += entry.left_out;
  }
  return { text: `${lines.join("\n")}\n`, notes: lines.length - anki.header.length, leftOut };
}

