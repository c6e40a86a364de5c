// Pure timing and cue rules of the browser timer (hipcontent/widgets/static/clock_rules.js) under node --test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const source = readFileSync(new URL("../../hipcontent/widgets/static/clock_rules.js", import.meta.url), "utf8");
const rules = await import("data:text/javascript;base64," + Buffer.from(source).toString("base64"));

const march = { kind: "work", seconds: 40, reps: 10, tempo: [["Lower", 2], ["Raise", 2]] };

test("m:ss rounds up, so 0:00 shows only at the end", () => {
  assert.equal(rules.formatSeconds(59.2), "1:00");
  assert.equal(rules.formatSeconds(0.0000000001), "0:00");
  assert.equal(rules.formatSeconds(61), "1:01");
});

test("a paced phase counts each rep from its tempo", () => {
  assert.deepEqual(
    [0, 1.9, 2, 3.9, 4, 14, 39.9].map((t) => [rules.paceAt(march, t).rep, rules.paceAt(march, t).action]),
    [[1, "Lower"], [1, "Lower"], [1, "Raise"], [1, "Raise"], [2, "Lower"], [4, "Raise"], [10, "Raise"]],
  );
  assert.equal(rules.paceWords(rules.paceAt(march, 12)), "4, lower");
  assert.equal(rules.paceWords(rules.paceAt(march, 14)), "raise");
  assert.equal(rules.paceAt(march, 13).until.toFixed(3), "1.000");
});

test("past the last rep (time added) the count stays on the last rep and says nothing", () => {
  const over = rules.paceAt(march, 55);
  assert.equal(over.rep, 10);
  assert.equal(over.over, true);
  assert.equal(rules.paceWords(over), "");
});

test("without a tempo each rep is an equal part of the phase; without reps there is no pace", () => {
  const plain = { kind: "work", seconds: 30, reps: 10, tempo: [] };
  assert.equal(rules.repSeconds(plain), 3);
  assert.equal(rules.paceAt(plain, 9).rep, 4);
  assert.equal(rules.paceWords(rules.paceAt(plain, 9)), "4");
  assert.equal(rules.paceAt({ kind: "hold", seconds: 30, reps: 0, tempo: [] }, 3), null);
});

test("rests and get-ready show the exercise that comes next", () => {
  const phases = [
    { kind: "prep", exercise_id: "a" }, { kind: "work", exercise_id: "a" }, { kind: "rest", exercise_id: "a" },
    { kind: "work", exercise_id: "a" }, { kind: "rest", exercise_id: "" }, { kind: "hold", exercise_id: "b" },
    { kind: "work", exercise_id: "" },
  ];
  assert.deepEqual(rules.pictureIndexes(phases), [0, 1, 2, 3, 5, 5, -1]);
});

test("the clock works from timestamps: a pause banks the time, a late tick shows the true time", () => {
  let now = 0;
  const clock = new rules.Clock([{ seconds: 10 }, { seconds: 5 }], () => now);
  clock.start();
  now = 4000;
  clock.pause();
  now = 60000;
  assert.equal(clock.elapsed(), 4);
  clock.start();
  now = 60000 + 7500;
  assert.equal(clock.snapshot().index, 1);
  assert.equal(clock.snapshot().phaseRemaining, 3.5);
});

test("saved state is checked like any input: damaged values start the timer fresh", () => {
  const phases = [{ seconds: 20 }, { seconds: 10 }];
  const good = { state: "paused", lengths: [50, 10], elapsed: 12, at: 5 };
  assert.deepEqual(rules.checkedResume(good, phases), { state: "paused", lengths: [50, 10], elapsed: 12, at: 0 });
  const damaged = [
    null, "running", { ...good, state: "flying" }, { ...good, lengths: [20] }, { ...good, lengths: [70, 10] },
    { ...good, lengths: [NaN, 10] }, { ...good, lengths: ["20", 10] }, { ...good, lengths: [10, 10] },
    { ...good, lengths: [20 + 30 * 1000, 10] }, { ...good, elapsed: NaN }, { ...good, elapsed: -1 },
    { ...good, elapsed: 61 }, { ...good, elapsed: Infinity }, { ...good, state: "running", at: "noon" },
    { ...good, state: "running", at: NaN },
  ];
  for (const saved of damaged) assert.equal(rules.checkedResume(saved, phases), null, JSON.stringify(saved));
});
