"""What every course widget needs from the notebook around it.

- Re-running a cell closes what its earlier run made, so an old timer's clock and sounds stop
  (`CellOwned.adopt`).
- A stored text/plain that says how to bring the widget to life (`StableText`). A lesson opened
  fresh (a clone, Binder, a hub) is an unrun, untrusted notebook: JupyterLab draws a widget only
  for a trusted output (the widget renderer of @jupyter-widgets/jupyterlab-manager is registered
  as not "safe"; for an untrusted output JupyterLab picks the first mime type with a safe renderer),
  so it shows this text until the cell is run. Saved widget state does not change that, so this
  one line is what a learner sees: "▶ This quiz (12 questions) needs Python: click this cell and
  press Shift+Enter (or Run ▸ Run All Cells)." It is also deterministic (anywidget's own text is a
  memory address, and nbval compares stored outputs).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable


def current_execution() -> tuple[str, str] | None:
    """(cell id, message id) of the notebook cell now running in a Jupyter kernel, else None."""
    try:
        from IPython import get_ipython

        kernel = getattr(get_ipython(), "kernel", None)
        parent = kernel.get_parent("shell") if kernel is not None else None
        cell_id = (parent or {}).get("metadata", {}).get("cellId")
        msg_id = (parent or {}).get("header", {}).get("msg_id")
    except Exception:  # not in a kernel, or a kernel without these fields
        return None
    return (cell_id, msg_id) if cell_id and msg_id else None


class CellOwned:
    """Remembers which cell run made which widgets of one kind (one registry per kind)."""

    def __init__(self, execution: Callable[[], tuple[str, str] | None] = current_execution):
        self.execution = execution
        self.by_cell: dict[str, tuple[str, list[weakref.ref]]] = {}

    def adopt(self, widget: object, retire: Callable[[object], None]) -> None:
        """Record `widget` as made by the running cell; `retire` what an earlier run of that cell made."""
        execution = self.execution()
        if execution is None:
            return
        cell_id, msg_id = execution
        previous = self.by_cell.get(cell_id)
        if previous is not None and previous[0] != msg_id:
            for ref in previous[1]:
                old = ref()
                if old is not None:
                    retire(old)
            previous = None
        if previous is None:
            previous = self.by_cell[cell_id] = (msg_id, [])
        previous[1].append(weakref.ref(widget))


RUN_HINT = "click this cell and press Shift+Enter (or Run ▸ Run All Cells)"


def needs_python(what: str) -> str:
    """The one line an unrun lesson shows in place of a widget: "▶ <what> needs Python: ..."."""
    return f"▶ {what} needs Python: {RUN_HINT}."


class StableText:
    """Mixin for anywidgets: the stored text/plain is deterministic, not an address. A widget that
    names itself (`UNRUN_NAME`, or an `unrun_name()` method) stores the line that says how to bring
    it to life, `needs_python(name)`; one that does not stores its repr."""

    UNRUN_NAME: str | None = None  # e.g. "This timer"; None: the stored text is repr(self)

    def unrun_name(self) -> str | None:
        return self.UNRUN_NAME

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        name = self.unrun_name()
        data["text/plain"] = repr(self) if name is None else needs_python(name)
        return bundle
