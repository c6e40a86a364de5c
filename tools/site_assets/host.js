// hipcontent static site: a small host for the course's anywidget front ends, with no kernel.
//
// An exported lesson carries its widgets' saved state (one JSON script per page) and, where each
// widget was shown, a view script naming its model. This host gives each front end the model
// interface anywidget documents (get, set, on, off, save_changes, send), imports each front end's
// `_esm` once and adds each `_css` once. It replaces require.js and the 3.6 MB widget manager, so a
// page loads nothing from outside. The site builder (tools/static_site.py) moves repeated `_esm`
// and `_css` strings into one table per page; a model then holds {"$shared": n} instead.

const STATE_TYPE = "application/vnd.jupyter.widget-state+json";
const VIEW_TYPE = "application/vnd.jupyter.widget-view+json";
const SHARED_TYPE = "application/x-hipcontent-shared+json";

function readJSON(type) {
  const node = document.querySelector(`script[type="${type}"]`);
  return node ? JSON.parse(node.textContent) : null;
}

class Model {
  constructor(id, state) {
    this.id = id;
    this.state = { ...state };
    this.listeners = new Map(); // event name -> Set of callbacks
  }
  get(name) {
    return this.state[name];
  }
  set(name, value) {
    const old = this.state[name];
    this.state[name] = value;
    if (old !== value) this.emit(`change:${name}`, value);
  }
  // Backbone's forms, as in JupyterLab: one event or several separated by spaces.
  on(names, callback) {
    for (const name of String(names).split(/\s+/).filter(Boolean)) {
      if (!this.listeners.has(name)) this.listeners.set(name, new Set());
      this.listeners.get(name).add(callback);
    }
  }
  off(names, callback) {
    if (!names) {
      this.listeners.clear();
      return;
    }
    for (const name of String(names).split(/\s+/).filter(Boolean)) {
      if (!callback) this.listeners.delete(name);
      else if (this.listeners.has(name)) this.listeners.get(name).delete(callback);
    }
  }
  emit(name, value) {
    for (const callback of [...(this.listeners.get(name) || [])]) callback(value);
    if (name.startsWith("change:")) for (const callback of [...(this.listeners.get("change") || [])]) callback();
  }
  save_changes() {} // no kernel to save to: the page keeps the state
  send() {} // no kernel to tell: front ends that need one say so themselves
  get widget_manager() {
    return { get_model: async (id) => models.get(id) };
  }
}


// How a front end learns there is no kernel (JupyterLab passes no such key): where it must act
// differently, e.g. a button that writes a file in the kernel offers a download instead.
const OFFLINE = Object.freeze({ hipcontentOffline: true });

const models = new Map();
const modules = new Map(); // _esm text -> Promise of the imported module
const styles = new Set(); // _css text already on the page
const started = new Set(); // models whose initialize() ran

function load(esm) {
  if (!modules.has(esm)) {
    const url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
    modules.set(esm, import(url));
  }
  return modules.get(esm);
}

function addStyle(css) {
  if (!css || styles.has(css)) return;
  styles.add(css);
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
}

function widgetOf(module) {
  const exported = module.default;
  if (typeof exported === "function") return exported();
  return exported || module;
}

function resolve(value, shared) {
  return value && typeof value === "object" && "$shared" in value ? shared[value.$shared] : value;
}

const PYTHON_ONLY = "This part of the lesson needs Python: open the lesson in JupyterLab to use it.";

function childModels(model) {
  const children = model.get("children");
  if (!Array.isArray(children)) return null;
  return children.map((ref) => models.get(String(ref).replace(/^IPY_MODEL_/, "")));
}

// Whether a model, or any box inside it, has a front end this host can run.
function runnable(model) {
  if (!model) return false;
  if (model.get("_esm")) return true;
  const children = childModels(model);
  return !!children && children.some(runnable);
}

function needsPython(place, text) {
  const note = document.createElement("p");
  note.className = "hip-site-needs-python";
  note.textContent = text;
  place.append(note);
}

// One model into `place`: an anywidget front end, or a box (ipywidgets VBox/HBox) whose children
// are shown in order; an empty box shows nothing; a part only Python can draw says so.
async function showModel(model, place, shared) {
  if (!model || (!model.get("_esm") && !childModels(model))) {
    needsPython(place, PYTHON_ONLY);
    return;
  }
  if (!model.get("_esm")) {
    for (const child of childModels(model)) {
      const slot = document.createElement("div");
      place.append(slot);
      await showModel(child, slot, shared);
    }
    return;
  }
  addStyle(resolve(model.get("_css"), shared));
  const widgetDef = await widgetOf(await load(resolve(model.get("_esm"), shared)));
  if (!started.has(model) && widgetDef.initialize) {
    started.add(model);
    await widgetDef.initialize({ model, experimental: OFFLINE });
  }
  const el = document.createElement("div");
  place.append(el);
  if (widgetDef.render) await widgetDef.render({ model, el, experimental: OFFLINE });
}

async function show(view, shared) {
  const spec = JSON.parse(view.textContent);
  const model = models.get(spec.model_id);
  const place = document.createElement("div");
  place.className = "hip-site-widget";
  view.after(place);
  if (!runnable(model)) needsPython(place, PYTHON_ONLY); // one line for a box of Python-only parts
  else await showModel(model, place, shared);
}

export async function start() {
  const saved = readJSON(STATE_TYPE);
  const shared = readJSON(SHARED_TYPE) || [];
  if (!saved) return;
  for (const [id, entry] of Object.entries(saved.state || {})) models.set(id, new Model(id, entry.state || {}));
  const views = [...document.querySelectorAll(`script[type="${VIEW_TYPE}"]`)];
  const results = await Promise.allSettled(views.map((view) => show(view, shared)));
  results.forEach((result, i) => {
    if (result.status === "rejected") {
      console.error("hipcontent site: a widget failed to start", result.reason);
      const note = document.createElement("p");
      note.className = "hip-site-widget-error";
      note.textContent = "This part of the lesson could not start in this browser.";
      views[i].after(note);
    }
  });
  document.documentElement.dataset.hipWidgets = "ready";
}

start();
