"""Writing a file without destroying the one that was there, and never a coach's file by surprise.

    with replacing(path, overwrite=False) as handle:   # a temporary file in the same folder
        handle.write(data)                              # ... written in full
    # only now does `path` appear (or, with overwrite=True, get replaced) in one atomic step

Any exception (a page that fails to draw, a full disk, Ctrl-C) leaves the old file exactly as it
was and removes the temporary file. With overwrite=False an existing file is never replaced: the
write raises FileExistsError naming the file and the way out (`overwrite=True`, or another name
such as `next_free_path(path)` gives). The new file keeps the old one's permissions, or gets the
usual ones (0o666 less the umask, applied by the system as it creates the file); the process
umask is never changed, so other threads' files are never affected.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO

MAX_FREE_PATH_TRIES = 10_000  # handout-2.pdf ... handout-10000.pdf, then refuse


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def exists_error(path: str | os.PathLike) -> FileExistsError:
    """The error for a save that would replace a file: it names the file and the two ways out."""
    path = Path(path)
    try:
        suggestion = f" (for example {next_free_path(path).name!r})"
    except (OSError, ValueError):
        suggestion = ""
    return FileExistsError(f"{path.as_posix()} already exists and was left as it is: pass overwrite=True to "
                           f"replace it, or save under another name{suggestion}")


def check_free(path: str | os.PathLike, overwrite: bool) -> None:
    """Raise FileExistsError before any work when `path` exists and overwrite is False."""
    if not isinstance(overwrite, bool):
        raise ValueError(f"overwrite must be True or False; got {overwrite!r}")
    if not overwrite and os.path.lexists(path):
        raise exists_error(path)


def next_free_path(path: str | os.PathLike) -> Path:
    """`path` if no file has that name, else the first free "name-2.ext", "name-3.ext", ...
    (e.g. "handout.pdf" -> "handout-2.pdf"). A name already ending in "-N" counts on from N."""
    path = Path(path)
    if not os.path.lexists(path):
        return path
    stem, suffix = path.stem, path.suffix
    base, _, number = stem.rpartition("-")
    start = 2
    if base and number.isdigit() and len(number) < 6:
        stem, start = base, int(number) + 1
    for n in range(start, start + MAX_FREE_PATH_TRIES):
        candidate = path.with_name(f"{stem}-{n}{suffix}")
        if not os.path.lexists(candidate):
            return candidate
    raise ValueError(f"no free name like {path.name!r} among {MAX_FREE_PATH_TRIES} tries: choose another name")


def _open_temporary(folder: Path, path: Path) -> tuple[int, Path]:
    """Create a new, empty temporary file beside `path`; its mode is the old file's, or 0o666 less
    the umask (the system applies the umask as it creates the file: no process-wide change)."""
    for _ in range(100):
        temporary = folder / f".{path.stem[:40]}-{secrets.token_hex(4)}{path.suffix[:10]}.part"
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        try:
            old_mode = path.stat().st_mode & 0o777
        except OSError:
            old_mode = None
        if old_mode is not None and hasattr(os, "fchmod"):
            os.fchmod(descriptor, old_mode)
        return descriptor, temporary
    raise FileExistsError(f"could not create a temporary file in {folder.as_posix()}")


def _publish(temporary: Path, path: Path, overwrite: bool) -> None:
    """Put the finished temporary file at `path`: replace it (overwrite) or create it only if it
    does not exist, in one step (a hard link fails if the name is taken, even by a racing writer)."""
    if overwrite:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise exists_error(path) from None
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(path):
            raise exists_error(path) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


@contextlib.contextmanager
def replacing(path: str | os.PathLike, *, text: bool = False, overwrite: bool = True) -> Iterator[IO]:
    """A handle on a temporary file beside `path` that becomes `path` when the block ends without error.

    text=True: a UTF-8 text handle with '\\n' line ends; otherwise binary.
    overwrite=False: an existing `path` is never replaced (FileExistsError, checked before the
    block runs and again, atomically, at the end).
    """
    path = Path(path)
    check_free(path, overwrite)
    descriptor, temporary = _open_temporary(_folder(path), path)
    try:
        with (os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") if text
              else os.fdopen(descriptor, "wb")) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _publish(temporary, path, overwrite)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
