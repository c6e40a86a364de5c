"""What every course widget needs from the notebook around it.

- Re-running a cell closes what its earlier run made, so an old timer's clock and sounds stop
  (`CellOwned.adopt`).
- A stable text/plain: anywidget's own is a memory address, and nbval compares stored outputs
  (`StableText`).
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


class StableText:
    """Mixin for anywidgets: the stored text/plain is the widget's repr (deterministic), not an address."""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = repr(self)
        return bundle
