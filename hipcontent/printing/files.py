"""Writing a file without destroying the one that was there.

    with replacing(path) as handle:      # a temporary file in the same folder
        handle.write(data)               # ... written in full
    # only now is `path` replaced (os.replace: atomic on one file system)

Any exception (a page that fails to draw, a full disk, Ctrl-C) leaves the old file exactly as it
was and removes the temporary file. The new file keeps the old one's permissions, or gets the
usual ones (0o666 less the umask) when there was none.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def _mode_for(path: Path) -> int:
    """The permissions the file would get if opened plainly: the old file's, else 0o666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def replacing(path: str | os.PathLike, *, text: bool = False) -> Iterator[IO]:
    """A handle on a temporary file beside `path` that replaces `path` when the block ends without error.

    text=True: a UTF-8 text handle with '\\n' line ends; otherwise binary.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.stem[:40]}-", suffix=f"{path.suffix[:10]}.part",
                                             dir=folder)
    try:
        with (os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") if text
              else os.fdopen(descriptor, "wb")) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
