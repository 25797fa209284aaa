"""The house's layout holds: the app (app.py, pages/, mnist_knn/ui/) never imports the offline lab, not even through
another module; no module of the package imports itself through others (not even for type checking); only
mnist_knn/ui/ imports Streamlit inside the package; and no module, test or page is over 250 lines."""

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _imports(path: Path) -> frozenset[str]:
    """Every module a file imports, at run time or for type checking, absolute names."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return frozenset(names)


PACKAGE = {_module_name(path): path for path in (ROOT / "mnist_knn").rglob("*.py")}


def _reached(start: list[Path], skipped: frozenset[str] = frozenset()) -> set[str]:
    """The package's modules that these files import, directly or through each other (not through `skipped`)."""
    seen, waiting = set(), [name for path in start for name in _imports(path)]
    while waiting:
        name = waiting.pop()
        if name in PACKAGE and name not in seen | skipped:
            seen.add(name)
            waiting += list(_imports(PACKAGE[name]))
    return seen


def test_the_app_never_imports_the_lab():
    app = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "mnist_knn" / "ui").glob("*.py"))]
    reached = _reached(app)
    assert "mnist_knn.reading.drawing" in reached  # the walk follows imports: the draw page reaches read_drawing
    assert sorted(name for name in reached if name.startswith("mnist_knn.lab")) == []


def test_no_module_imports_itself_through_others():
    # mnist_knn/__init__.py is the lazy public face: it names its modules for type checkers and imports them on first use
    circles = sorted(name for name, path in PACKAGE.items()
                     if name != "mnist_knn" and name in _reached([path], frozenset({"mnist_knn"})))
    assert circles == []


def test_only_the_ui_imports_streamlit():
    leaks = [name for name, path in PACKAGE.items() if not name.startswith("mnist_knn.ui")
             and any(imported == "streamlit" or imported.startswith("streamlit.") for imported in _imports(path))]
    assert leaks == []


def test_no_module_is_over_250_lines():
    files = [ROOT / "app.py", *(path for folder in ("pages", "mnist_knn", "tests") for path in (ROOT / folder).rglob("*.py"))]
    assert len(files) > 100  # the walk found the project (not an empty folder)
    long = {str(path.relative_to(ROOT)): lines for path in files if (lines := len(path.read_text().splitlines())) > 250}
    assert long == {}
