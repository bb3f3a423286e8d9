"""Architecture rules: the domain package is UI-free, pages are thin, modules stay small."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_district_stats_never_imports_streamlit_or_app():
    for path in (ROOT / "district_stats").rglob("*.py"):
        assert not imports(path) & {"streamlit", "app"}, path.name


def test_pages_are_thin():
    for path in (ROOT / "pages").glob("*.py"):
        n = len(path.read_text(encoding="utf-8").splitlines())
        assert n < 80, f"{path.name} has {n} lines"


def test_domain_modules_stay_small():
    for path in (ROOT / "district_stats").rglob("*.py"):
        n = len(path.read_text(encoding="utf-8").splitlines())
        assert n <= 400, f"{path.name} has {n} lines"
