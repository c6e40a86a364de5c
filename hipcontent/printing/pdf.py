"""The one PDF writer: pages (matplotlib Figures) to a file, never destroying what was there.

The pages are written through `hipcontent.printing.files.replacing`: a temporary file in the same
folder, renamed over the target only when every page has been written. A page that fails to
draw, a full disk or a Ctrl-C leaves the old file as it was and no temporary file behind.
The PDF carries no creation date, so the same pages give the same bytes. An existing file is
replaced only when the caller says `overwrite=True` (FileExistsError otherwise, before any page is
drawn). Page footers are numbered over the whole document as it is written ("page 2 of 4").
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from hipcontent.figures.text import glyphs_checked
from hipcontent.printing.files import check_free, replacing
from hipcontent.printing.layout import number_pages


@dataclass(frozen=True)
class PrintedPDF:
    """A written PDF: what it is, where it is (as you gave it) and how many pages it has."""

    what: str  # "Cards", "Handout": the first word of the summary line
    path: Path
    pages: int

    def __fspath__(self) -> str:  # usable wherever a path is: open(written), Path(written)
        return os.fspath(self.path)

    def __repr__(self) -> str:
        return f"{self.what} written: {self.path.as_posix()} ({self.pages} page{'s' if self.pages != 1 else ''})"


def pdf_path(path, overwrite: bool = True) -> Path:
    """Check a PDF file name before any page is drawn: it must end in .pdf, in a folder that exists,
    and (overwrite=False) no file may have that name yet (FileExistsError naming the way out)."""
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise ValueError(f"path must be a file name such as 'session-handout.pdf'; got {path!r}")
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise ValueError(f"path must end in .pdf; got {path.as_posix()!r}")
    if not path.parent.is_dir():
        raise ValueError(f"the folder for {path.as_posix()!r} does not exist: create it first")
    if path.is_dir():
        raise ValueError(f"{path.as_posix()!r} is a folder: give a file name ending in .pdf")
    check_free(path, overwrite)
    return path


def save_pdf(pages: Iterable[Figure], path, *, what: str, title: str, subject: str = "",
             overwrite: bool = False) -> PrintedPDF:
    """Write Figures as the pages of one PDF at `path`; the old file stays unless all pages are
    written, and is replaced at all only with overwrite=True."""
    from matplotlib.backends.backend_pdf import PdfPages

    path = pdf_path(path, overwrite)
    pages = [pages] if isinstance(pages, Figure) else list(pages)
    if not pages:
        raise ValueError("no pages given: nothing to print")
    for number, page in enumerate(pages, 1):
        if not isinstance(page, Figure):
            raise ValueError(f"page {number} must be a matplotlib Figure; got {type(page).__name__}")
    metadata = {"Title": title[:200], "Subject": subject[:500], "Author": "hipcontent", "Creator": "hipcontent",
                "CreationDate": None}
    number_pages(pages)
    with replacing(path, overwrite=overwrite) as handle, glyphs_checked(pages, f"{what} {path.name}"):
        with PdfPages(handle, metadata=metadata) as pdf:
            for page in pages:
                pdf.savefig(page)
    return PrintedPDF(what, path, len(pages))
