"""Links that put the course in front of a class: nbgitpuller (a JupyterHub) and Binder.

For a whole class, a JupyterHub with nbgitpuller is dependable: one link clones this
repository into each student's home folder on first click, and later clicks merge in new
material without overwriting the student's own changes. Binder suits self-study and small
groups (about 100 users at once per repository, 1-2 GB memory, sessions culled after about
10 idle minutes). Sources: nbgitpuller's "Options in an nbgitpuller URL" and link generator;
mybinder.org-deploy configuration (see the project's reference notes, section 2).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode, urlsplit

APPS = {
    # app name -> the urlpath prefix nbgitpuller's link generator uses for it
    "lab": "lab/tree/",
    "notebook": "tree/",
}

_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f<>\"\\^`{|}]")
_GIT_REF_BAD = re.compile(r"(\.\.|@\{|//|[\s~^:?*\[\\\x00-\x1f\x7f])")


def _check_web_url(value, argument: str, what: str):
    """Return urlsplit(value) for an http(s) URL with a host, or raise a ValueError naming `argument`."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{argument} must be the {what} as text, e.g. 'https://example.org'; got {value!r}")
    if _UNSAFE.search(value):
        raise ValueError(
            f"{argument} {value!r} contains a space, a control character or one of < > \" \\ ^ ` {{ | }}: "
            "copy the address exactly from the browser's address bar"
        )
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{argument} {value!r} must start with https:// (or http://); got scheme {parts.scheme!r}")
    if not parts.hostname:
        raise ValueError(f"{argument} {value!r} has no host name after {parts.scheme}://")
    try:
        parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        raise ValueError(f"{argument} {value!r} has a port that is not a number") from None
    if parts.query or parts.fragment:
        raise ValueError(f"{argument} {value!r} must not contain '?' or '#': give the plain address")
    if parts.username or parts.password:
        raise ValueError(f"{argument} {value!r} must not contain a user name or password")
    return parts


def _check_git_ref(value, argument: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{argument} must name a git branch as text, e.g. 'main'; got {value!r}")
    if _GIT_REF_BAD.search(value) or value.startswith(("-", "/")) or value.endswith(("/", ".", ".lock")):
        raise ValueError(
            f"{argument} {value!r} is not a valid git branch name "
            "(no spaces, '..', '~', '^', ':', '?', '*', '[', '\\', no leading '-' or '/')"
        )
    return value


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
    if not name:
        raise ValueError(f"repo {repo!r} has no repository name in its path, e.g. https://github.com/ORG/NAME")
    return name


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
    if not isinstance(github_repo, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", github_repo):
        raise ValueError(f"github_repo must look like 'OWNER/NAME' (letters, digits, '-', '_', '.'); got {github_repo!r}")
    _check_git_ref(ref, "ref")
    _check_path(path, "path")
    base = f"{binder.scheme}://{binder.netloc}{binder.path.rstrip('/')}/v2/gh/{github_repo}/{quote(ref, safe='')}"
    return f"{base}?{urlencode({'urlpath': f'lab/tree/{path}'}, quote_via=quote, safe='')}"
