// hipcontent browser timer: one source for the notebook widget (anywidget) and the stand-alone player.
//
// The browser owns the clock. Elapsed time is worked out from performance.now() timestamps
// (time banked while paused + now - the moment it last started), never by counting ticks, so a
// late redraw shows the true time and a phase never gets longer. The kernel only sends the program
// and settings; the widget reports state back on phase changes and pauses, not every frame.
//
// Everything that comes from data (titles, cues, steps) goes into the page with textContent.
//
// This is the anywidget entry. The other modules (clock_rules, clock_voice, clock_controller,
// clock_picture, clock_view) are joined before it in that order by hipcontent.widgets.clock.static_text.

import { Controller } from "./clock_controller.js";
import { View } from "./clock_view.js";

// ---------------------------------------------------------------------------------------------
// anywidget: one controller per model (made in initialize, stopped when the model closes); one
// view per displayed output. The model's "payload" trait holds the program and settings.

const controllers = new Map();

function controllerFor(model) {
  const key = model.get("_key");
  let entry = controllers.get(key);
  if (!entry) {
    const data = JSON.parse(model.get("payload"));
    const controller = new Controller(data, {
      report: (state) => {
        model.set("state", state.state);
        model.set("phase_index", state.phase_index);
        model.set("remaining", state.remaining);
        model.set("elapsed", state.elapsed);
        model.set("sound", state.sound);
        model.set("voice", state.voice);
        model.set("_resume", JSON.stringify(state.resume));
        model.save_changes();
      },
    });
    entry = { controller };
    controllers.set(key, entry);
    try {
      controller.restore(JSON.parse(model.get("_resume") || "null"));
    } catch (error) {
      /* nothing usable to carry on from: start fresh */
    }
  }
  return entry.controller;
}

function initialize({ model }) {
  const controller = controllerFor(model);
  const key = model.get("_key");
  const onMessage = (message) => {
    const command = message && message.command;
    if (command === "start") controller.start();
    else if (command === "pause") controller.pause();
    else if (command === "reset") controller.reset();
    else if (command === "next") controller.next();
    else if (command === "back") controller.back();
    else if (command === "add") controller.addTime();
    else if (command === "report") controller.report(controller.stateFor(controller.clock.snapshot()));
  };
  model.on("msg:custom", onMessage);
  // The kernel may switch sound or voice too (timer.sound = False).
  const onSound = () => { if (model.get("sound") !== controller.sound) controller.setSound(model.get("sound")); };
  const onVoice = () => { if (model.get("voice") !== controller.voiceOn) controller.setVoice(model.get("voice")); };
  model.on("change:sound", onSound);
  model.on("change:voice", onVoice);
  return () => {
    model.off("msg:custom", onMessage);
    model.off("change:sound", onSound);
    model.off("change:voice", onVoice);
    controller.dispose();
    controllers.delete(key);
  };
}

function render({ model, el }) {
  const view = new View(el, controllerFor(model), { details: false });
  return () => view.dispose();
}

export default { initialize, render };

// The stand-alone player: the same controller and view over the JSON block in the page.
export function mountPlayer(el, data) {
  const controller = new Controller(data);
  const view = new View(el, controller, { details: true });
  return { controller, view };
}
