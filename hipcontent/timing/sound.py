"""Short timer cues, synthesised in code as WAV bytes (no sound files are downloaded or stored).

Each phase kind has its own pattern, so a class that cannot see the screen still knows what
comes next: work and hold rise, rest falls, switch is a double note, prep is one note, the end
is one long tone, and the last seconds of a phase tick with a short high beep. A paced rep starts
with a short "count" note and each later step of its tempo has a lower, shorter "tempo" note.
"""

from __future__ import annotations

import io
import math
import sys
import wave
from array import array
from functools import lru_cache

RATE = 16_000  # samples per second: plenty for tones below 2 kHz, and small to send to a browser
VOLUME = 0.5  # of full scale; cues should not startle

# cue name -> notes as (frequency in Hz, seconds); 0 Hz is a silent gap
CUES: dict[str, tuple[tuple[float, float], ...]] = {
    "beep": ((1046.5, 0.09),),
    "count": ((880.0, 0.08),),  # the start of each paced rep
    "tempo": ((587.3, 0.06),),  # each later step of a rep's tempo ("raise")
    "prep": ((659.3, 0.25),),
    "work": ((523.3, 0.14), (0, 0.04), (784.0, 0.22)),
    "hold": ((523.3, 0.14), (0, 0.04), (784.0, 0.22)),
    "rest": ((784.0, 0.14), (0, 0.04), (523.3, 0.22)),
    "switch": ((698.5, 0.12), (0, 0.08), (698.5, 0.12)),
    "done": ((523.3, 0.8),),
    "silence": ((0, 0.01),),  # what the player holds before the first cue
}


def _note(frequency: float, seconds: float) -> list[int]:
    count = round(RATE * seconds)
    if frequency <= 0:
        return [0] * count
    fade = min(count // 2, round(RATE * 0.01))  # 10 ms fades: no clicks at the edges
    samples = []
    for i in range(count):
        envelope = min(1.0, i / fade, (count - 1 - i) / fade) if fade else 1.0
        samples.append(round(32767 * VOLUME * envelope * math.sin(2 * math.pi * frequency * i / RATE)))
    return samples


@lru_cache(maxsize=None, typed=True)  # typed: cue_wav(x, True) is checked, not served as (x, 1)
def cue_wav(name: str, variant: int = 0) -> bytes:
    """The WAV bytes of cue `name` (one of CUES). `variant` 1 adds 10 ms of silence at the end,
    so a player that only re-plays when its data changes can play the same cue twice in a row."""
    if name not in CUES:
        raise ValueError(f"cue must be one of {', '.join(CUES)}; got {name!r}")
    if variant not in (0, 1) or isinstance(variant, bool):
        raise ValueError(f"variant must be 0 or 1; got {variant!r}")
    samples = array("h")
    for frequency, seconds in CUES[name]:
        samples.extend(_note(frequency, seconds))
    if variant:
        samples.extend([0] * round(RATE * 0.01))
    if sys.byteorder == "big":
        samples.byteswap()  # WAV samples are little-endian
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(samples.tobytes())
    return buffer.getvalue()
