// hipcontent spaced review: FSRS in the browser, the exact arithmetic of the pinned Python package
// fsrs 6.3.2 (fsrs/scheduler.py, Scheduler.review_card) for the course's settings
// (hipcontent/review/schedule.py): default parameters, desired retention 0.9, no learning or
// relearning steps, no fuzz, maximum interval 3650 days; right is Good (3), wrong is Again (1).
// tests/browser/test_review_fsrs_js.py feeds the same answers on the same dates to both and
// compares stability, difficulty and due times.
//
// A card: {state: 1 learning | 2 review | 3 relearning, stability, difficulty (null when new),
// due, last_review (ms since 1970 UTC, last_review null when new)}.

export const PARAMETERS = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
  0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542];
export const DESIRED_RETENTION = 0.9;
export const MAX_INTERVAL_DAYS = 3650;
export const DAY_MS = 86400000;
const STABILITY_MIN = 0.001;
const W = PARAMETERS;
const DECAY = -W[20];
const FACTOR = 0.9 ** (1 / DECAY) - 1;
const AGAIN = 1;
const GOOD = 3;
const EASY = 4;

// Python's round(): halves go to the even neighbour (Math.round sends them up).
export function pyRound(x) {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

// timedelta.days: whole days, rounded down (also for negative spans).
function wholeDays(ms) {
  return Math.floor(ms / DAY_MS);
}

const clampD = (d) => Math.min(Math.max(d, 1.0), 10.0);
const clampS = (s) => Math.max(s, STABILITY_MIN);

function initialStability(rating) {
  return clampS(W[rating - 1]);
}

function initialDifficulty(rating, clamp) {
  const d = W[4] - Math.E ** (W[5] * (rating - 1)) + 1;
  return clamp ? clampD(d) : d;
}

function nextInterval(stability) {
  let days = (stability / FACTOR) * (DESIRED_RETENTION ** (1 / DECAY) - 1);
  days = pyRound(days);
  return Math.min(Math.max(days, 1), MAX_INTERVAL_DAYS);
}

function shortTermStability(stability, rating) {
  let increase = Math.E ** (W[17] * (rating - 3 + W[18])) * stability ** -W[19];
  if (rating !== AGAIN) increase = Math.max(increase, 1.0);
  return clampS(stability * increase);
}

function nextDifficulty(difficulty, rating) {
  const arg1 = initialDifficulty(EASY, false);
  const delta = -(W[6] * (rating - 3));
  const arg2 = difficulty + ((10.0 - difficulty) * delta) / 9.0;
  return clampD(W[7] * arg1 + (1 - W[7]) * arg2);
}

function retrievability(card, now) {
  if (card.last_review === null || card.stability === null) return 0;
  const elapsed = Math.max(0, wholeDays(now - card.last_review));
  return (1 + (FACTOR * elapsed) / card.stability) ** DECAY;
}

function nextStability(difficulty, stability, r, rating) {
  let next;
  if (rating === AGAIN) {
    const longTerm = W[11] * difficulty ** -W[12] * ((stability + 1) ** W[13] - 1) * Math.E ** ((1 - r) * W[14]);
    const shortTerm = stability / Math.E ** (W[17] * W[18]);
    next = Math.min(longTerm, shortTerm);
  } else {
    const hard = rating === 2 ? W[15] : 1;
    const easy = rating === EASY ? W[16] : 1;
    next = stability * (1 + Math.E ** W[8] * (11 - difficulty) * stability ** -W[9] *
      (Math.E ** ((1 - r) * W[10]) - 1) * hard * easy);
  }
  return clampS(next);
}

// The card after an answer checked at `now` (ms): a new object; the old card is not changed.
export function reviewCard(card, correct, now) {
  const rating = correct ? GOOD : AGAIN;
  const next = { ...card };
  const sinceLast = card.last_review !== null ? wholeDays(now - card.last_review) : null;
  const shortTerm = sinceLast !== null && sinceLast < 1;
  if (card.state === 1 && (card.stability === null || card.difficulty === null)) {
    next.stability = initialStability(rating);
    next.difficulty = initialDifficulty(rating, true);
  } else if (card.state === 1 || card.state === 2 || card.state === 3) {
    next.stability = shortTerm ? shortTermStability(card.stability, rating)
      : nextStability(card.difficulty, card.stability, retrievability(card, now), rating);
    next.difficulty = nextDifficulty(card.difficulty, rating);
  } else {
    throw new Error(`unknown card state ${card.state}`);
  }
  // No learning or relearning steps: every answer schedules the card in whole days (Review).
  next.state = 2;
  next.due = now + nextInterval(next.stability) * DAY_MS;
  next.last_review = now;
  return next;
}

// The end of `now`'s calendar day in this browser's time zone (the learner's "today").
export function dayEnd(now) {
  const day = new Date(now);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1).getTime();
}

export function isDue(card, now) {
  return card.due < dayEnd(now);
}

// Whole days from the start of today until the card is due (0: due today), as schedule.interval_days.
export function intervalDays(card, now) {
  const end = dayEnd(now);
  if (card.due < end) return 0;
  return 1 + Math.floor((card.due - end) / DAY_MS);
}
