"""The one YAML reader for every data file (exercises, quizzes, anatomy, evidence, lessons,
bibliography, muscles, the exercise template).

    read_yaml(path_or_resource, "hipcontent/data/lessons.yaml")   # -> plain data, or ContentError

What it refuses, each with the file named (and the line where there is one):

* anything but a regular file (a named pipe, a device, a folder): checked with ``os.stat``
  before opening, and the file is opened non-blocking, so a FIFO can never hang a lesson;
* files over ``max_bytes`` (default 256 KiB; the largest data file is about 50 KiB),
  collections nested deeper than ``MAX_DEPTH``, a list or mapping of more than ``max_items``
  entries and a file of more than ``max_nodes`` values in all: both counted while the file is
  parsed, so a hostile file is refused after at most that much work, never parsed whole;
* bytes that are not UTF-8 (a UTF-16 file, known by its byte-order mark or its zero bytes, is
  named as such: "save it as UTF-8");
* anchors and aliases (``&a`` / ``*a``: a 400-byte "billion laughs" file would otherwise fill
  memory), explicit tags (``!!python/object``, ``!!binary``, ``!!set`` ...), repeated keys (which
  YAML would silently overwrite) and keys that are not text;
* infinities and NaN, whole numbers beyond +/- 10**15 and floats beyond 1e15: no data here needs
  them, and each would break a timer, a card or a check further on;
* in any string: control characters other than tab and newline, lone surrogates, bidirectional
  overrides and isolates (which can make text read differently from what it holds), text that is
  only white space, and strings longer than ``MAX_STRING`` characters.

Why PyYAML with its own resolver set, not ruamel.yaml: PyYAML is already a dependency (Jupyter
needs it), its SafeLoader builds no Python objects, and the YAML 1.1 surprises all come from its
*implicit resolvers*, which a Loader subclass can replace whole. This reader keeps only the YAML
1.2 core-schema forms (null, true/false, decimal integers, decimal floats) and reads every other
plain scalar as text: ``010`` is 10 (not 8), ``1:30`` is the text "1:30" (not 90), ``yes``,
``no``, ``on`` and ``off`` are text, and dates stay text. ruamel.yaml would add a dependency and
a second parser for the same result, and it still needs the duplicate-key, alias, size and depth
guards written here.
"""

from __future__ import annotations

import math
import numbers
import os
import re
import stat
from pathlib import Path, PurePath
from typing import ClassVar

import yaml

from hipcontent.content.errors import ContentError, Problem, locate, path_text

MAX_BYTES = 256 * 1024  # per file; the largest data file (anatomy/facts.yaml) is about 22 KiB
MAX_DEPTH = 12  # nesting of lists/mappings; the deepest data file needs 6
MAX_STRING = 5000  # characters in any one string; schemas set tighter limits per field
MAX_NUMBER = 10**15  # larger magnitudes are refused: no count, duration or answer comes near
MAX_ITEMS = 500  # entries in any one list or mapping; the longest (the bibliography) has about 130
MAX_NODES = 10_000  # values in one file; the largest (the bibliography) has about 1,500

# Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters).
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# What no data text may hold: control characters (Unicode category Cc) other than tab and
# newline, lone surrogates, and the bidi characters above.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class _Refused(Exception):
    """Raised inside the loader; `read_yaml` turns it into a Problem naming the file."""

    def __init__(self, reason: str, mark=None, field: str = ""):
        if mark is not None:
            reason += f" (line {mark.line + 1}, column {mark.column + 1})"
        super().__init__(reason)
        self.field = field


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core resolvers only, and no anchors, tags, duplicate or non-text
    keys, deep nesting, huge or non-finite numbers."""

    yaml_implicit_resolvers: ClassVar[dict] = {}  # filled below: nothing inherited from YAML 1.1

    def __init__(self, stream, max_items: int = MAX_ITEMS, max_nodes: int = MAX_NODES):
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0
        self._path: list = []  # where the node being composed sits, for messages
        self.max_items, self.max_nodes = max_items, max_nodes

    def compose_node(self, parent, index):
        if parent is None:
            return self._compose_counted(parent, index)
        if isinstance(parent, yaml.SequenceNode):
            step = index
        elif index is None:  # a mapping's key
            step = None
        else:
            step = index.value if isinstance(index, yaml.ScalarNode) else "?"
        if (step is None or isinstance(step, int)) and (
                len(parent.value) if step is None else step) >= self.max_items:
            kind = "mapping" if step is None else "list"
            where = "is" if self._path else "the top level is"
            raise _Refused(f"{where} a {kind} of more than {self.max_items:,} entries, far more than a data "
                           "file of this kind needs; shorten it", self.peek_event().start_mark, path_text(self._path))
        if step is None:
            return self._compose_counted(parent, index)
        self._path.append(step)
        try:
            return self._compose_counted(parent, index)
        finally:
            self._path.pop()

    def _compose_counted(self, parent, index):
        self._nodes += 1
        if self._nodes > self.max_nodes:
            raise _Refused(f"holds more than {self.max_nodes:,} values, far more than a data file of this kind "
                           "needs; shorten it or split it", self.peek_event().start_mark)
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused("uses a YAML anchor or alias (& or *), which data files may not use; "
                           "write each value out in full", event.start_mark)
        if getattr(event, "tag", None) is not None:
            raise _Refused(f"uses the YAML tag {event.tag!r}; data files hold plain text, numbers, "
                           "true/false, lists and mappings only", event.start_mark)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise _Refused(f"nests lists/mappings more than {MAX_DEPTH} levels deep", event.start_mark)
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise _Refused(f"uses {key!r} as a key; keys must be text (quote it)", key_node.start_mark)
            if key in seen:
                raise _Refused(f"repeats the key {key!r}; each key may appear once", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node):
        text = self.construct_scalar(node)
        if len(text.lstrip("+-")) > 16:  # refused before int() spends time on thousands of digits
            raise _Refused(f"has the number {text[:20]}... which is too large", node.start_mark)
        return int(text, 10)  # decimal only: a leading zero does not mean octal

    def construct_yaml_float(self, node):
        # .inf, .nan and 1e999 become floats here, and value_problems() then refuses them naming
        # the entry and field, as it does for numbers beyond MAX_NUMBER.
        return float(self.construct_scalar(node).lower().replace(".inf", "inf").replace(".nan", "nan"))


_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _StrictLoader.construct_yaml_float)
# The YAML 1.2 core schema, decimal forms only (no 0x / 0o): everything else is text.
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"(?:~|null|Null|NULL|)\Z", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"(?:true|True|TRUE|false|False|FALSE)\Z", list("tTfF")),
    ("tag:yaml.org,2002:int", r"[-+]?[0-9]+\Z", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z",
     list("-+.0123456789")),
):
    _StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def text_problem(value: str, limit: int = MAX_STRING) -> str:
    """Why a string is not acceptable data text, or "" if it is."""
    if len(value) > limit:
        return f"is {len(value):,} characters long; the limit is {limit:,}"
    if value and not value.strip():
        return "is only white space"
    found = _UNWANTED.search(value)
    if found is None:
        return ""
    code = ord(found.group())
    if found.group() in _BIDI:
        return f"holds the bidirectional control character U+{code:04X}, which can make text read differently"
    if 0xD800 <= code <= 0xDFFF:
        return f"holds a lone surrogate U+{code:04X} (not a character)"
    return f"holds the control character U+{code:04X}"


def value_problems(document: object, display: str, *, max_items: int = MAX_ITEMS,
                   max_nodes: int = MAX_NODES) -> list[Problem]:
    """Problems with any value in a document, found without recursion: hostile or overlong
    strings (keys too), non-finite numbers and numbers beyond MAX_NUMBER, lists and mappings of
    more than `max_items` entries (not looked into) and more than `max_nodes` values in all (the
    walk stops there). The reader refuses these in files; loaders run it again on data handed to
    them from Python, so a huge document from Python is refused after bounded work too."""
    problems: list[Problem] = []
    stack = [(document, ())]
    visited = 0
    while stack:
        node, path = stack.pop()
        visited += 1
        if visited > max_nodes:
            problems.append(Problem(display, "", "(top level)", f"holds more than {max_nodes:,} values, far more "
                                    "than data of this kind needs; shorten it"))
            break
        if isinstance(node, (dict, list, tuple)) and len(node) > max_items:
            entry, field = locate(document, path)
            kind = "mapping" if isinstance(node, dict) else "list"
            problems.append(Problem(display, entry, field or "(top level)", f"is a {kind} of {len(node):,} entries; "
                                    f"at most {max_items:,} are allowed: shorten it"))
            continue
        reason = ""
        if isinstance(node, str):
            reason = text_problem(node)
            reason = f"text {reason}" if reason else ""
        elif isinstance(node, numbers.Real) and not isinstance(node, bool):
            if not math.isfinite(node):
                reason = f"{node!r} is not a finite number"
            elif abs(node) > MAX_NUMBER:
                reason = f"the number {node:g} is larger than {MAX_NUMBER:.0e}"
        elif isinstance(node, dict):
            for key, value in node.items():
                key_reason = text_problem(key, 200) if isinstance(key, str) else "is not text"
                if key_reason:
                    problems.append(Problem(display, "", path_text(path) or "(top level)",
                                            f"key {str(key)[:40]!r} {key_reason}"))
                stack.append((value, (*path, key)))
        elif isinstance(node, (list, tuple)):
            stack.extend((value, (*path, i)) for i, value in enumerate(node))
        if reason:
            entry, field = locate(document, path)
            problems.append(Problem(display, entry, field or "(top level)", reason))
    problems.reverse()  # the stack visits the end of the file first
    return problems


def _utf16(data: bytes) -> str:
    """"UTF-16" or "UTF-32" when the bytes look like it (a byte-order mark, or many zero bytes,
    which UTF-8 text does not hold), else "". Windows Notepad and PowerShell save UTF-16 by default."""
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return "UTF-32"
    sample = data[:4096]
    if sample[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(sample) > 1 and sample.count(0) * 4 >= len(sample)):
        return "UTF-16"
    return ""


def parse_yaml(data: bytes | str, display: str, max_bytes: int = MAX_BYTES, *,
               max_items: int = MAX_ITEMS, max_nodes: int = MAX_NODES) -> object:
    """Parse the bytes (or text) of one data file, refusing everything the module docstring lists.

    max_items bounds every list and mapping, max_nodes the values in the whole file (a loader
    passes tighter bounds for its kind of file). Raises ContentError naming `display` (how the
    file is named to the reader)."""
    def refuse(reason: str, field: str = ""):
        raise ContentError(Problem(display, field=field, reason=reason))

    if isinstance(data, str):
        text = data
        if len(text) > max_bytes:
            refuse(f"is larger than {max_bytes // 1024} KiB; data files are a few KiB")
    else:
        if len(data) > max_bytes:
            refuse(f"is larger than {max_bytes // 1024} KiB; data files are a few KiB")
        data = bytes(data)
        wide = _utf16(data)
        if wide:
            refuse(f"is saved as {wide} text, not UTF-8: open it in a text editor and save it again with "
                   "the encoding 'UTF-8'")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            refuse(f"is not UTF-8 text (byte {exc.start + 1}, line {line}); save it as UTF-8")
    if text.startswith("\ufeff"):  # a UTF-8 byte-order mark, as some editors write: harmless
        text = text[1:]
    try:
        loader = _StrictLoader(text, max_items, max_nodes)
        try:
            document = loader.get_single_data()
        finally:
            loader.dispose()
    except _Refused as exc:
        refuse(str(exc), exc.field)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        hint = " (quote text that contains ': ')" if "mapping values are not allowed" in what else ""
        refuse(f"is not valid YAML: {what}{where}{hint}")
    except RecursionError:
        refuse("nests too deeply to read")
    problems = value_problems(document, display)
    if problems:
        raise ContentError(problems)
    return document


def read_bytes(source, display: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file (path or package resource), at most `max_bytes` + 1 of them.

    A named pipe, device or folder is refused before it is opened; the file is opened
    non-blocking and checked again once open, so nothing can make this wait."""
    def refuse(reason: str):
        raise ContentError(Problem(display, reason=reason))

    if not isinstance(source, (str, PurePath)) and hasattr(source, "read_bytes"):
        if isinstance(source, Path):
            source = str(source)
        else:  # a package resource inside a zip or similar: no pipes there
            try:
                return source.read_bytes()[: max_bytes + 1]
            except OSError as exc:
                refuse(f"cannot be read ({exc.strerror or exc})")
    path = os.fspath(source)
    try:
        before = os.stat(path)
    except OSError as exc:
        refuse(f"cannot be read ({exc.strerror or exc}); check the path")
    if not stat.S_ISREG(before.st_mode):
        kind = "a folder" if stat.S_ISDIR(before.st_mode) else (
            "a named pipe" if stat.S_ISFIFO(before.st_mode) else "not a regular file")
        refuse(f"is {kind}; give a regular .yaml file")
    if before.st_size > max_bytes:
        refuse(f"is larger than {max_bytes // 1024} KiB; data files are a few KiB")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        refuse(f"cannot be read ({exc.strerror or exc})")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a pipe since the first look
            refuse("is not a regular file; give a regular .yaml file")
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        refuse(f"cannot be read ({exc.strerror or exc})")
    finally:
        os.close(fd)


def read_yaml(source, display: str | None = None, max_bytes: int = MAX_BYTES) -> object:
    """Read one data file through the hardened reader: a path (str/Path) or a package resource.

    `display` is how the file is named in errors (default: the path). Raises ContentError
    (a ValueError) with a Problem naming the file, and the line where there is one."""
    display = display if display is not None else str(source)
    return parse_yaml(read_bytes(source, display, max_bytes), display, max_bytes)


def check_path_argument(path, argument: str = "path") -> str:
    """A file path given to a loader, as text: a str or a path-like object naming a file. Raises
    TypeError or ValueError naming `argument` and saying what to give instead."""
    example = f"e.g. {argument}='my-data.yaml' or {argument}=Path('my-data.yaml')"
    raw = path
    if isinstance(path, os.PathLike):
        try:
            raw = os.fspath(path)
        except TypeError:
            raw = None
    if isinstance(raw, (bytes, bytearray)):
        raise TypeError(f"{argument} is bytes ({bytes(raw)[:60]!r}); give the file name as text, "
                        f"e.g. {argument}={os.fsdecode(bytes(raw))[:60]!r}")
    if not isinstance(raw, str):
        shown = repr(path)[:80]
        raise TypeError(f"{argument} must be a file name (text or a Path); got {type(path).__name__} {shown}: {example}")
    if not raw.strip():
        raise ValueError(f"{argument} is empty; give the data file's name, {example}")
    if "\x00" in raw:
        raise ValueError(f"{argument} {raw[:60]!r} holds a NUL character, which no file name can; type it again")
    return raw


def read_data(path, package_path: str, error: type[ContentError], *, argument: str = "path",
              max_items: int = MAX_ITEMS, max_nodes: int = MAX_NODES) -> tuple[object, str]:
    """Read a data file for a loader: `path` if given, else the package's own `package_path`
    (e.g. "data/lessons.yaml"). Returns (document, how the file is named); reading problems are
    raised as `error`, the loader's own kind of ContentError. A `path` that is not a file name
    (None is "the package's own") raises TypeError/ValueError naming `argument`."""
    if path is not None:
        path = check_path_argument(path, argument)
    display = f"hipcontent/{package_path}" if path is None else str(path)
    try:
        source = package_file(package_path) if path is None else path
        data = read_bytes(source, display)
        return parse_yaml(data, display, max_items=max_items, max_nodes=max_nodes), display
    except ContentError as problem:
        raise error(problem.problems) from None


def package_file(relative: str):
    """A data file shipped inside hipcontent, e.g. package_file("data/lessons.yaml")."""
    from importlib import resources

    return resources.files("hipcontent").joinpath(relative)
