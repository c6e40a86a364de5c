"""A timer program: the ordered phases of an exercise or a session.

The exercise library derives programs from each exercise's dosage; the timer engine and its
widgets play them. This module is the contract between the two and checks every phase.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

PHASE_KINDS = ("prep", "work", "hold", "switch", "rest")
SIDES = ("right", "left")


@dataclass(frozen=True)
class Phase:
    """One phase of a timer program.

    kind: one of PHASE_KINDS; seconds: its duration (finite, > 0); side: "right", "left" or
    None when both or neither; cue: what to do, in words; exercise: the exercise's name
    (whole sessions mix exercises); label: where we are, e.g. "Set 1 of 2".
    """

    kind: str
    seconds: float
    side: str | None = None
    cue: str = ""
    exercise: str = ""
    label: str = ""

    def __post_init__(self):
        if self.kind not in PHASE_KINDS:
            raise ValueError(f"phase kind must be one of {', '.join(PHASE_KINDS)}; got {self.kind!r}")
        if isinstance(self.seconds, bool) or not isinstance(self.seconds, (int, float)):
            raise ValueError(f"phase seconds must be a number; got {self.seconds!r}")
        if not math.isfinite(self.seconds) or self.seconds <= 0:
            raise ValueError(f"phase seconds must be finite and greater than 0; got {self.seconds!r}")
        if self.side is not None and self.side not in SIDES:
            raise ValueError(f"phase side must be 'right', 'left' or None; got {self.side!r}")
        for field in ("cue", "exercise", "label"):
            if not isinstance(getattr(self, field), str):
                raise ValueError(f"phase {field} must be text; got {getattr(self, field)!r}")
