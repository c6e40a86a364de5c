"""nbgitpuller and Binder links: parsed back with urllib, they say exactly what was asked."""

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
