"""Links that put the course in front of a class: nbgitpuller (a JupyterHub) and Binder.

For a whole class, a JupyterHub with nbgitpuller is dependable: one link clones this
repository into each student's home folder on first click, and later clicks merge in new
material without overwriting the student's own changes. Binder suits self-study and small
groups (about 100 users at once per repository, 1-2 GB memory, sessions culled after about
10 idle minutes). Sources: nbgitpuller's "Options in an nbgitpuller URL" and link generator;
mybinder.org-deploy configuration (see the project's reference notes, section 2).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import quote, urlencode, urlsplit

APPS = {
    # app name -> the urlpath prefix nbgitpuller's link generator uses for it
    "lab": "lab/tree/",
    "notebook": "tree/",
}

# GitHub: an owner is 1-39 letters, digits or single hyphens (not at either end); a name up to 100 characters.
_GITHUB_REPO = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/[A-Za-z0-9_.-]{1,100}")
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f<>\"\\^`{|}]")
_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# What `git check-ref-format` refuses anywhere in a name: ASCII control characters, space, ~ ^ : ? * [ \
_GIT_REF_CHARS = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]")
MAX_REF_LENGTH = 255  # git sets no limit, but a branch is a file name on the server: 255 bytes on most systems


def _invisible(text: str) -> list[str]:
    """Characters that show as nothing or as a space (zero-width, bidi controls, odd spaces)."""
    return [char for char in text if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp")]


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def ascii_host(host: str) -> str:
    """An international host name in its ASCII ('xn--') form, as browsers write it: the URL
    Standard's "domain to ASCII", i.e. UTS #46 processing, non-transitional (so 'straße.de' is
    'xn--strae-oqa.de', not 'strasse.de'), with full-width letters and dots mapped. Uses the `idna`
    package (installed with Jupyter); without it, Python's own IDNA 2003 codec. Raises UnicodeError."""
    try:
        import idna
    except ImportError:  # pragma: no cover - idna comes with Jupyter's web stack
        return host.encode("idna").decode("ascii")
    try:
        return idna.encode(host, uts46=True, transitional=False).decode("ascii")
    except idna.IDNAError as error:
        raise UnicodeError(str(error)) from None


def _check_host(host: str, value: str, argument: str) -> str:
    """A host name of letters, digits and hyphens (RFC 1123 labels), or an IP address; an
    international name is encoded as browsers do (see ascii_host). Returns the ASCII host."""
    hidden = _invisible(host)
    if hidden:
        raise ValueError(
            f"{argument} {value!r} has an invisible character in its host name ({_name(hidden[0])}): "
            "type the address again rather than pasting it"
        )
    if not host.isascii():
        try:
            host = ascii_host(host)
        except UnicodeError as error:
            raise ValueError(
                f"{argument} {value!r} has a host name that is not a valid international name ({error}): "
                "copy the address from the browser's address bar, where it shows in its 'xn--' form"
            ) from None
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    labels = host.split(".")
    if len(host) > 253 or any(not _HOST_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        raise ValueError(
            f"{argument} {value!r} does not have a valid host name: each part between dots is 1 to 63 "
            "letters, digits or '-', not starting or ending with '-' (e.g. 'hub.example.org')"
        )
    return host


def _check_web_url(value, argument: str, what: str):
    """Return urlsplit(value) for an http(s) URL with a valid host, or raise a ValueError naming `argument`."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{argument} must be the {what} as text, e.g. 'https://example.org'; got {value!r}")
    if len(value) > 2000:
        raise ValueError(f"{argument} must be at most 2000 characters; got {len(value)}")
    if _UNSAFE.search(value):
        raise ValueError(
            f"{argument} {value!r} contains a space, a control character or one of < > \" \\ ^ ` {{ | }}: "
            "copy the address exactly from the browser's address bar"
        )
    try:
        parts = urlsplit(value)
    except ValueError as error:  # e.g. characters that normalise to '/', '?' or '@'
        raise ValueError(f"{argument} {value!r} is not a web address ({error})") from None
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{argument} {value!r} must start with https:// (or http://); got scheme {parts.scheme!r}")
    if not parts.hostname:
        raise ValueError(f"{argument} {value!r} has no host name after {parts.scheme}://")
    _check_port(parts, value, argument)
    if parts.query or parts.fragment:
        raise ValueError(f"{argument} {value!r} must not contain '?' or '#': give the plain address")
    if parts.username or parts.password:
        raise ValueError(f"{argument} {value!r} must not contain a user name or password")
    host = _check_host(parts.hostname, value, argument)
    hidden = _invisible(value)
    if hidden:
        raise ValueError(f"{argument} {value!r} has an invisible character ({_name(hidden[0])}): type it again")
    if host != parts.hostname:  # an international name: the address as browsers send it
        port = f":{parts.port}" if parts.port is not None else ""
        parts = parts._replace(netloc=f"{host}{port}")
    return parts


def _check_port(parts, value: str, argument: str) -> None:
    """A port, when one is given, is a whole number from 1 to 65535."""
    netloc = parts.netloc.rpartition("@")[2]
    raw = netloc.rpartition("]")[2] if netloc.startswith("[") else netloc
    if ":" not in raw:
        return
    text = raw.rpartition(":")[2]
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None and text == "":
        raise ValueError(f"{argument} {value!r} ends its host name with ':' but gives no port: remove the ':'")
    if port is None or not 1 <= port <= 65535 or not text.isascii() or not text.isdigit():
        shown = text if len(text) <= 20 else text[:19] + "…"
        kind = "a port that is not a number" if not (text.isascii() and text.isdigit()) else "a port out of range"
        raise ValueError(
            f"{argument} {value[:200]!r} has {kind} ({shown!r}): a port is a whole number from 1 to 65535. "
            "Most addresses need none: copy the address exactly as the browser shows it"
        )


def git_ref_problem(name: str) -> str | None:
    """Why git would refuse `name` as a branch or tag name, or None when it is fine.

    The rules of `git check-ref-format --branch`: no ASCII control character, space, '~', '^',
    ':', '?', '*', '[' or backslash; no '..' and no '@{'; not '@' alone; not starting with '-';
    no empty part between slashes and no slash at either end; no part starting with '.' or
    ending in '.lock'; not ending with '.'. hipcontent also refuses invisible characters
    (zero-width, bidirectional controls), which git allows but nobody can type or see.
    """
    bad = _GIT_REF_CHARS.search(name)
    if bad:
        shown = {" ": "a space"}.get(bad.group(), repr(bad.group()) if bad.group().isprintable() else "a control character")
        return f"contains {shown}"
    if ".." in name:
        return "contains '..'"
    if "@{" in name:
        return "contains '@{'"
    if name == "@":
        return "is '@' alone"
    if name.startswith("-"):
        return "starts with '-'"
    if name.startswith("/") or name.endswith("/") or "//" in name:
        return "has a '/' at the start or end, or two together"
    if name.endswith("."):
        return "ends with '.'"
    for part in name.split("/"):
        if part.startswith("."):
            return f"has a part starting with '.' ({part!r})"
        if part.endswith(".lock"):
            return f"has a part ending in '.lock' ({part!r})"
    hidden = _invisible(name)
    if hidden:
        return f"contains an invisible character ({_name(hidden[0])})"
    if len(name.encode("utf-8")) > MAX_REF_LENGTH:
        return f"is longer than {MAX_REF_LENGTH} bytes"
    return None


def _check_git_ref(value, argument: str, *, branch: bool = True) -> str:
    """A branch name (`branch`), or for Binder any ref: a branch, a tag, a commit or HEAD."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"{argument} must name a git branch as text, e.g. 'main'; got {value!r}")
    problem = git_ref_problem(value)
    if branch and value == "HEAD":
        problem = "is HEAD, which names a commit, not a branch (git check-ref-format --branch refuses it)"
    if problem:
        raise ValueError(f"{argument} {value[:100]!r} is not a valid git branch name: it {problem}")
    return value


def _check_repo_name(name: str, value: str, argument: str) -> str:
    if not name or set(name) == {"."}:
        raise ValueError(
            f"{argument} {value!r} has no repository name in its path (a name made of dots is none), "
            "e.g. https://github.com/ORG/NAME"
        )
    return name


def _check_path(value, argument: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{argument} must be a file or folder inside the repository, e.g. 'notebooks/00-start-here.ipynb'")
    if re.search(r"[\x00-\x1f\x7f\\]", value):
        raise ValueError(f"{argument} {value!r} contains a control character or a backslash: use '/' between folders")
    if value.startswith("/"):
        raise ValueError(f"{argument} {value!r} must be relative to the repository root (no leading '/')")
    if any(part in ("..", ".") for part in value.split("/")):
        raise ValueError(f"{argument} {value!r} must stay inside the repository (no '.' or '..' parts)")
    return value


def clone_folder(repo: str) -> str:
    """The folder nbgitpuller clones `repo` into: the last part of its path, without '.git'."""
    parts = _check_web_url(repo, "repo", "git repository's web address")
    name = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if name.endswith(".git"):
        name = name[: -len(".git")]
    return _check_repo_name(name, repo, "repo")


def nbgitpuller_link(
    hub_url: str,
    repo: str,
    branch: str = "main",
    path: str = "notebooks/00-start-here.ipynb",
    app: str = "lab",
) -> str:
    """A link that pulls `repo` into each student's home on the JupyterHub at `hub_url` and opens `path`.

    hub_url: the hub's address, e.g. "https://hub.example.org" (a path prefix such as
    "https://example.org/jupyter" is kept). repo: the repository's clone address, e.g.
    "https://github.com/hipcontent/hipcontent". branch: always sent, because nbgitpuller
    falls back to "master" otherwise. path: a file or folder inside the repository.
    app: "lab" (JupyterLab) or "notebook" (Jupyter Notebook's file view).

    The link opens `<clone folder>/<path>`, as nbgitpuller requires: the clone folder is the
    repository's name. Every query value is percent-encoded. Raises ValueError naming the
    argument that is wrong and why.
    """
    hub = _check_web_url(hub_url, "hub_url", "JupyterHub's web address")
    if re.search(r"/hub(/|$)", hub.path):
        raise ValueError(
            f"hub_url {hub_url!r} should be the hub's base address, without '/hub/...' "
            "(e.g. 'https://hub.example.org', not 'https://hub.example.org/hub/home')"
        )
    folder = clone_folder(repo)
    repo = _check_web_url(repo, "repo", "git repository's web address").geturl()  # an international host encoded
    _check_git_ref(branch, "branch")
    _check_path(path, "path")
    if app not in APPS:
        raise ValueError(f"app must be one of {', '.join(map(repr, APPS))}; got {app!r}")
    base = f"{hub.scheme}://{hub.netloc}{hub.path.rstrip('/')}/hub/user-redirect/git-pull"
    query = urlencode(
        {"repo": repo, "branch": branch, "urlpath": f"{APPS[app]}{folder}/{path}"},
        quote_via=quote,
        safe="",
    )
    return f"{base}?{query}"


def binder_link(
    github_repo: str = "hipcontent/hipcontent",
    ref: str = "HEAD",
    path: str = "notebooks/00-start-here.ipynb",
    binder_url: str = "https://mybinder.org",
) -> str:
    """A mybinder.org launch link for a GitHub repository ("OWNER/NAME"), opening `path` in JupyterLab.

    For a class, pin `ref` to a tag or commit rather than "HEAD" or a branch, so a late commit
    does not start a fresh image build while students wait. On Binder the repository is the
    home folder, so `path` has no clone folder in front of it.
    """
    binder = _check_web_url(binder_url, "binder_url", "BinderHub's web address")
    if not isinstance(github_repo, str) or not _GITHUB_REPO.fullmatch(github_repo):
        raise ValueError(
            f"github_repo must look like 'OWNER/NAME' (an owner of letters, digits and single '-', a name of "
            f"letters, digits, '-', '_', '.'); got {github_repo!r}"
        )
    _check_repo_name(github_repo.split("/")[1], github_repo, "github_repo")
    _check_git_ref(ref, "ref", branch=False)
    _check_path(path, "path")
    base = f"{binder.scheme}://{binder.netloc}{binder.path.rstrip('/')}/v2/gh/{github_repo}/{quote(ref, safe='')}"
    return f"{base}?{urlencode({'urlpath': f'lab/tree/{path}'}, quote_via=quote, safe='')}"
