"""What a notebook shows: figures with alt text and captions, and escaped HTML blocks.

Every rich output also carries a plain-text version. nbval compares that text (never pixels),
screen readers and handouts fall back to it, and it reads well in a terminal.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure


def escape(text: object) -> str:
    """HTML-escape any text that came from data (quotes included, for attributes)."""
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class HTMLBlock:
    """Ready-made HTML plus its plain-text equivalent. Build `html` only from escaped data."""

    html: str
    text: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.text}

    def __str__(self) -> str:
        return self.text

    @classmethod
    def table(cls, caption: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> HTMLBlock:
        """A captioned table (every cell escaped) and its text twin: the caption, then aligned columns."""
        html = (
            f"<table><caption>{escape(caption)}</caption><thead><tr>"
            + "".join(f'<th scope="col">{escape(name)}</th>' for name in header)
            + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{escape(value)}</td>" for value in row) + "</tr>" for row in rows)
            + "</tbody></table>"
        )
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        lines = [caption] + [
            "  ".join(value.ljust(widths[i]) for i, value in enumerate(row)).rstrip() for row in [header, *rows]
        ]
        return cls(html, "\n".join(lines))


@dataclass(frozen=True)
class AccessibleFigure:
    """A matplotlib figure shown as an <img> with alt text and a visible caption.

    `figure` stays available for tests, saving or further drawing. The PNG is rendered when
    the notebook displays it, at `dpi` for crisp lines on a projector.
    """

    figure: Figure
    alt: str
    caption: str
    dpi: int = 150

    def __post_init__(self):
        if not isinstance(self.alt, str) or not self.alt.strip():
            raise ValueError("alt text must describe the figure for people who cannot see it")
        if isinstance(self.dpi, bool) or not isinstance(self.dpi, int) or not 50 <= self.dpi <= 600:
            raise ValueError(f"dpi must be a whole number from 50 to 600; got {self.dpi!r}")

    def png_bytes(self) -> bytes:
        """The PNG; characters the font lacks are named in one warning (not one per glyph)."""
        from hipcontent.figures.text import glyphs_checked

        buffer = io.BytesIO()
        with glyphs_checked(self.figure, f"Figure {self.caption[:60]!r}"):
            self.figure.savefig(buffer, format="png", dpi=self.dpi, metadata={"Software": None})
        return buffer.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        encoded = base64.b64encode(self.png_bytes()).decode("ascii")
        width_px = round(self.figure.get_figwidth() * 96)  # CSS pixels at the figure's size
        markup = (
            '<figure style="margin:0">'
            f'<img src="data:image/png;base64,{encoded}" alt="{escape(self.alt)}" '
            f'style="max-width:100%;width:{width_px}px;height:auto">'
            f"<figcaption>{escape(self.caption)}</figcaption>"
            "</figure>"
        )
        return {"text/html": markup, "text/plain": self.text}

    @property
    def text(self) -> str:
        return f"Figure: {self.caption}\nDescription: {self.alt}"

    def __str__(self) -> str:
        return self.text
