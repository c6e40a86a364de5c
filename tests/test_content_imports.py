"""No import cycles anywhere in hipcontent: walk every module's imports (including imports inside
functions, which only postpone a cycle) and require the module graph to be acyclic. Imports under
`if TYPE_CHECKING:` (annotations only) and inside a module-level `__getattr__` (a shim that keeps
an old import path working) are not edges. Also: every module imports on its own."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import hipcontent

PACKAGE = Path(hipcontent.__file__).parent


def _module_name(path: Path) -> str:
    parts = ["hipcontent", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(name: str) -> set[str]:
    """The hipcontent modules `name` imports (resolved to modules that exist)."""
    tree = ast.parse(MODULES[name].read_text("utf-8"))
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__" and node in tree.body:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            # `from package import submodule` imports the submodule; any other name comes from base
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            stack.extend(ast.iter_child_nodes(node))
            continue
        for target in targets:
            if target in MODULES and target != name:
                found.add(target)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, result, counter = {}, {}, set(), [], [], [0]
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    result.append(sorted(component))
    return result


def test_no_module_imports_one_that_imports_it_back():
    graph = {name: _imports(name) for name in MODULES}
    # a package __init__ that only re-exports is part of its package: importing hipcontent.x.y
    # runs hipcontent.x first, which is not an import *by* y
    cycles = _cycles(graph)
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_content_imports_no_views_widgets_or_plotting():
    for name in MODULES:
        if name.startswith("hipcontent.content"):
            imported = _imports(name)
            bad = sorted(m for m in imported if m.split(".")[1] in ("views", "widgets", "figures", "printing", "coaching"))
            assert not bad, f"{name} imports {bad}: content/ holds data, readers and models only"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports(name):
    importlib.import_module(name)


def test_every_shipped_data_file_checks_out_together():
    from hipcontent.content.catalogue import check_all

    counts = check_all()
    assert counts["quizzes"] == 4 and counts["exercises"] >= 12 and counts["sources"] >= 70


def test_check_all_reports_problems_from_several_files_at_once(tmp_path):
    from hipcontent.content.catalogue import check_all
    from hipcontent.content.errors import ContentError

    (tmp_path / "a.yaml").write_text("id: a\na: 1\na: 2\n")
    (tmp_path / "b.yaml").write_text("id: [unclosed\n")
    with pytest.raises(ContentError) as caught:
        check_all([tmp_path])
    assert {Path(p.file).name for p in caught.value.problems} == {"a.yaml", "b.yaml"}
