"""nbgitpuller and Binder links: parsed back with urllib, they say exactly what was asked."""

import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipcontent.coaching.classroom import binder_link, clone_folder, nbgitpuller_link

HUB = "https://hub.example.org"
REPO = "https://github.com/hipcontent/hipcontent"


def _parse(link):
    parts = urlsplit(link)
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values()), query
    return parts, {key: values[0] for key, values in query.items()}


def test_default_link_opens_start_here_in_jupyterlab_inside_the_clone_folder():
    parts, query = _parse(nbgitpuller_link(HUB, REPO))
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.org", "/hub/user-redirect/git-pull")
    assert query == {
        "repo": REPO,
        "branch": "main",
        "urlpath": "lab/tree/hipcontent/notebooks/00-start-here.ipynb",
    }


def test_values_are_fully_percent_encoded():
    link = nbgitpuller_link(HUB, REPO)
    assert "repo=https%3A%2F%2Fgithub.com%2Fhipcontent%2Fhipcontent" in link
    assert "urlpath=lab%2Ftree%2Fhipcontent%2Fnotebooks%2F00-start-here.ipynb" in link
    assert link.count("?") == 1 and " " not in link


def test_hub_path_prefix_branch_path_and_notebook_app_are_kept():
    link = nbgitpuller_link(
        "http://school.example:8000/jupyter/", REPO + ".git", branch="class-2026", path="notebooks", app="notebook"
    )
    parts, query = _parse(link)
    assert parts.netloc == "school.example:8000"
    assert parts.path == "/jupyter/hub/user-redirect/git-pull"
    assert query == {"repo": REPO + ".git", "branch": "class-2026", "urlpath": "tree/hipcontent/notebooks"}


def test_awkward_characters_in_the_path_survive_the_round_trip():
    path = "notebooks/Séance 1 & 2?#.ipynb"
    parts, query = _parse(nbgitpuller_link(HUB, REPO, path=path))
    assert query["urlpath"] == f"lab/tree/hipcontent/{path}"
    assert not parts.fragment


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"), min_size=1))
def test_any_file_name_round_trips(name):
    if name in (".", ".."):
        return
    _, query = _parse(nbgitpuller_link(HUB, REPO, path=f"notebooks/{name}"))
    assert query["urlpath"] == f"lab/tree/hipcontent/notebooks/{name}"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"hub_url": "ftp://hub.example.org"}, "hub_url .* must start with https://"),
        ({"hub_url": "hub.example.org"}, "hub_url .* must start with https://"),
        ({"hub_url": "https://"}, "hub_url .* no host name"),
        ({"hub_url": "https://hub example.org"}, "hub_url .* contains a space"),
        ({"hub_url": "https://hub.example.org/?x=1"}, "hub_url .* must not contain '\\?' or '#'"),
        ({"hub_url": "https://hub.example.org:port"}, "hub_url .* port that is not a number"),
        ({"hub_url": "https://hub.example.org/hub/home"}, "hub_url .* without '/hub/...'"),
        ({"hub_url": ""}, "hub_url must be"),
        ({"hub_url": None}, "hub_url must be"),
        ({"repo": "git@github.com:hipcontent/hipcontent.git"}, "repo .* must start with https://"),
        ({"repo": "https://github.com/"}, "repo .* no repository name"),
        ({"repo": "https://user:secret@github.com/a/b"}, "repo .* user name or password"),
        ({"repo": "https://github.com/a/b c"}, "repo .* contains a space"),
        ({"branch": ""}, "branch must name"),
        ({"branch": "my branch"}, "branch 'my branch' is not a valid git branch"),
        ({"branch": "-x"}, "branch '-x' is not a valid"),
        ({"path": "/notebooks/00-start-here.ipynb"}, "path .* relative to the repository root"),
        ({"path": "../secret"}, "path .* must stay inside the repository"),
        ({"path": "  "}, "path must be"),
        ({"app": "voila"}, "app must be one of 'lab', 'notebook'"),
    ],
)
def test_invalid_arguments_name_what_is_wrong(arguments, message):
    call = {"hub_url": HUB, "repo": REPO} | arguments
    with pytest.raises(ValueError, match=message):
        nbgitpuller_link(**call)


def test_clone_folder_is_the_repository_name():
    assert clone_folder("https://gitlab.example.org/group/sub/course.git/") == "course"


def test_binder_link_pins_a_ref_and_opens_a_notebook():
    parts, query = _parse(binder_link(ref="v1.0", path="notebooks/06-coach-session.ipynb"))
    assert (parts.netloc, parts.path) == ("mybinder.org", "/v2/gh/hipcontent/hipcontent/v1.0")
    assert query == {"urlpath": "lab/tree/notebooks/06-coach-session.ipynb"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"github_repo": "https://github.com/a/b"}, "github_repo must look like 'OWNER/NAME'"),
        ({"ref": "v 1"}, "ref 'v 1' is not a valid"),
        ({"binder_url": "mybinder.org"}, "binder_url .* must start with https://"),
    ],
)
def test_binder_link_rejects_bad_arguments(arguments, message):
    with pytest.raises(ValueError, match=message):
        binder_link(**arguments)


# --- hostile names (issue 12, item 7) ------------------------------------------------------------------

# (branch name, why git refuses it) from `git check-ref-format --branch`; None: git accepts it.
GIT_REFS = [
    ("main", None), ("class-2026", None), ("feature/x", None), ("v1.0", None), ("a@b", None), ("a-", None),
    ("a/-b", None), ("a.lock.x", None), ("lock", None), ("ä", None), ("a{b}", None), ("refs/heads/x", None),
    ("a..b", "contains '..'"), ("..", "contains '..'"), ("a..", "contains '..'"), (".", "ends with '.'"),
    ("a.", "ends with '.'"), (".a", "has a part starting with '.'"), ("a/.b", "has a part starting with '.'"),
    (".lock", "has a part starting with '.'"), ("a.lock", "has a part ending in '.lock'"),
    ("a/b.lock", "has a part ending in '.lock'"), ("a.lock/b", "has a part ending in '.lock'"),
    ("/a", "has a '/' at the start"), ("a/", "has a '/' at the start"), ("a//b", "has a '/' at the start or end, or two together"),
    ("-a", "starts with '-'"), ("a b", "contains a space"), ("tab\tx", "contains a control character"),
    ("a\x01", "contains a control character"), ("a\x7f", "contains a control character"),
    ("a~1", "contains '~'"), ("a^", "contains '\\^'"), ("a:b", "contains ':'"), ("a?", "contains '\\?'"),
    ("a*", "contains '\\*'"), ("a[b", "contains '\\['"), ("a\\b", "contains '\\\\\\\\'"),
    ("a@{b", "contains '@{'"), ("@", "is '@' alone"),
    # git accepts these; hipcontent refuses what nobody can see or type
    ("a\u200bb", "contains an invisible character \\(U\\+200B ZERO WIDTH SPACE\\)"),
    ("a\u202eb", "contains an invisible character \\(U\\+202E RIGHT-TO-LEFT OVERRIDE\\)"),
    ("x" * 256, "is longer than 255 bytes"),
]


@pytest.mark.parametrize(("name", "why"), GIT_REFS, ids=repr)
def test_branch_names_follow_git_check_ref_format(name, why):
    if why is None:
        assert _parse(nbgitpuller_link(HUB, REPO, branch=name))[1]["branch"] == name
        assert binder_link(ref=name)
        return
    with pytest.raises(ValueError, match=f"^branch .* is not a valid git branch name: it {why}"):
        nbgitpuller_link(HUB, REPO, branch=name)
    with pytest.raises(ValueError, match=f"^ref .* is not a valid git branch name: it {why}"):
        binder_link(ref=name)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize(("name", "why"), [row for row in GIT_REFS if "invisible" not in str(row[1])
                                           and "255" not in str(row[1]) and row[0] != "@"], ids=repr)
def test_the_table_agrees_with_git_itself(name, why):
    result = subprocess.run(["git", "check-ref-format", "--branch", name], capture_output=True)
    assert (result.returncode == 0) == (why is None)


def test_head_is_a_ref_for_binder_but_not_a_branch():
    assert "/v2/gh/hipcontent/hipcontent/HEAD?" in binder_link(ref="HEAD")
    with pytest.raises(ValueError, match="^branch 'HEAD' is not a valid git branch name: it is HEAD"):
        nbgitpuller_link(HUB, REPO, branch="HEAD")


HOSTS = [
    # (web address, start of the error); None: accepted
    ("https://hub.example.org", None), ("http://school.example:8000/jupyter", None), ("https://127.0.0.1", None),
    ("https://[::1]:8000", None), ("https://localhost", None), ("https://xn--bcher-kva.example", None),
    ("https://hub.\u200bexample.org", "has an invisible character in its host name \\(U\\+200B ZERO WIDTH SPACE\\)"),
    ("https://hub.example.org\u200d", "has an invisible character in its host name \\(U\\+200D"),
    ("https://\u202ehub.example.org", "has an invisible character in its host name \\(U\\+202E"),
    ("https://bücher.example", None),  # encoded as browsers do: test_international_host_names_are_encoded
    ("https://hub_1.example.org", "does not have a valid host name"),
    ("https://-hub.example.org", "does not have a valid host name"),
    ("https://hub-.example.org", "does not have a valid host name"),
    ("https://hub..example.org", "does not have a valid host name"),
    ("https://.example.org", "does not have a valid host name"),
    ("https://hub.example.org.", "does not have a valid host name"),
    ("https://" + "a" * 64 + ".org", "does not have a valid host name"),
    ("https://" + ".".join(["abcdefghi"] * 26) + ".org", "does not have a valid host name"),
    ("https://1.2.3", "does not have a valid host name"),
    ("https://hub.example.org/\u200bpath", "has an invisible character \\(U\\+200B"),
    ("https://hub.example.org/" + "x" * 2000, "must be at most 2000 characters"),
    ("https://hub\uff0fexample.org", "is not a web address"),
]


@pytest.mark.parametrize(("url", "message"), HOSTS, ids=repr)
def test_hosts_must_be_valid_host_names(url, message):
    if message is None:
        assert nbgitpuller_link(url, REPO) and binder_link(binder_url=url)
        assert nbgitpuller_link(HUB, url + "/org/course")
        return
    for call, argument in ((lambda: nbgitpuller_link(url, REPO), "hub_url"),
                           (lambda: binder_link(binder_url=url), "binder_url"),
                           (lambda: nbgitpuller_link(HUB, url + "/org/course"), "repo")):
        with pytest.raises(ValueError, match=f"^{argument} .*{message}"):
            call()


@pytest.mark.parametrize(
    ("repo", "ok"),
    [("https://github.com/org/course", True), ("https://github.com/org/.course", True),
     ("https://github.com/org/course.v2.git", True), ("https://github.com/org/..", False),
     ("https://github.com/org/...", False), ("https://github.com/org/.", False), ("https://github.com/org/..git", False),
     ("https://github.com/org/.../", False), ("https://github.com/org/.git", False)],
)
def test_repository_names_made_of_dots_are_refused(repo, ok):
    if ok:
        assert clone_folder(repo)
        return
    with pytest.raises(ValueError, match="^repo .* has no repository name in its path \\(a name made of dots is none\\)"):
        nbgitpuller_link(HUB, repo)


@pytest.mark.parametrize(
    ("github_repo", "message"),
    [("org/..", "a name made of dots"), ("org/.", "a name made of dots"), ("org/...", "a name made of dots"),
     ("../course", "must look like 'OWNER/NAME'"), ("-org/course", "must look like"), ("org-/course", "must look like"),
     ("o--rg/course", "must look like"), ("o" * 40 + "/course", "must look like"), ("org/" + "c" * 101, "must look like"),
     ("org/cou\u200brse", "must look like"), ("org/course/extra", "must look like")],
)
def test_github_repositories_are_owner_and_a_real_name(github_repo, message):
    with pytest.raises(ValueError, match=f"^github_repo .*{message}"):
        binder_link(github_repo=github_repo)
    assert binder_link(github_repo="my-org/course.v2_final")
