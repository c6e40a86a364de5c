"""Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.

Colour is never the only cue in hipcontent: every figure also labels, and every timer phase
also names itself in words. Source: Okabe & Ito (2008), "Color Universal Design"; listed in
the project's reference notes on accessibility.
"""

from __future__ import annotations

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

# One fixed colour per muscle, shared by every diagram and lesson so a learner can follow it.
MUSCLE_COLOURS = {
    "psoas_major": OKABE_ITO["blue"],
    "psoas_minor": OKABE_ITO["reddish_purple"],
    "iliacus": OKABE_ITO["vermillion"],
}

# One colour per timer phase kind, shared by the timer view and the session timeline (and always
# named in words beside it). Black text reads on each of them.
PHASE_COLOURS = {
    "prep": OKABE_ITO["sky_blue"],
    "work": OKABE_ITO["vermillion"],
    "hold": OKABE_ITO["orange"],
    "switch": OKABE_ITO["yellow"],
    "rest": OKABE_ITO["bluish_green"],
    "done": OKABE_ITO["blue"],
}

BONE_FILL = "#EDE6DA"
BONE_EDGE = "#5A5A5A"
