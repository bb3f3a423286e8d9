"""Windows-ready: no POSIX-only import in the app or the domain package, explicit encodings everywhere.

Two checks, because a missing module and a platform default are invisible on this machine:

- every module of ``app/`` and ``district_stats/`` (and every module the pages and the entry point
  import) is imported in a fresh Python where ``fcntl``, ``termios``, ``pwd``, ``grp`` and
  ``resource`` do not exist, as on Windows; the source is also scanned, so an import hidden in a
  function that the first check does not run is caught too;
- the data loading, the update flow (preview, apply, recovery) and a command run in a fresh Python
  with ``-X warn_default_encoding`` and EncodingWarning turned into an error for this project's
  modules: a text ``open()`` without ``encoding=`` would read Italian UTF-8 as cp1252 on Windows
  («Mondovì»). Ruff's PLW1514 checks the same statically.
"""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from district_stats.paths import ROOT

POSIX_ONLY = ("fcntl", "termios", "pwd", "grp", "resource")
SOURCES = [
    ROOT / "dashboard.py",
    *sorted((ROOT / "pages").glob("*.py")),
    *sorted((ROOT / "app").rglob("*.py")),
    *sorted((ROOT / "district_stats").rglob("*.py")),
]

IMPORT_ALL = """
import ast, importlib, pkgutil, sys
from pathlib import Path
for m in {banned!r}:
    sys.modules[m] = None  # as on Windows: importing it raises ImportError
root = Path({root!r})
names = set()
for pkg in ("app", "district_stats"):
    p = importlib.import_module(pkg)
    names |= {{i.name for i in pkgutil.walk_packages(p.__path__, pkg + ".") if not i.name.endswith("__main__")}}
for script in [root / "dashboard.py", *(root / "pages").glob("*.py")]:
    for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {{a.name for a in node.names}}
failed = []
for name in sorted(names):
    try:
        importlib.import_module(name)
    except ImportError as exc:
        failed.append(f"{{name}}: {{exc}}")
print(len(names), "modules")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


@pytest.mark.slow  # a Python subprocess importing every module (~4 s)
def test_every_module_imports_without_posix_only_modules():
    code = IMPORT_ALL.format(banned=POSIX_ONLY, root=str(ROOT))
    res = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert int(res.stdout.split()[0]) > 50


def test_no_source_file_imports_a_posix_only_module():
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not [n for n in names if n.split(".")[0] in POSIX_ONLY], f"{path.relative_to(ROOT)}:{node.lineno}"


ENCODING_RUN = """
import warnings
# Errors for this project's modules only (third-party libraries are not ours to fix).
warnings.filterwarnings("error", category=EncodingWarning, module=r"(district_stats|app|tests)(\\.|$)")
import shutil, sys, tempfile
from pathlib import Path
sys.path.insert(0, {root!r})
from tests.scratch import copy_data
from district_stats import cli, paths
from district_stats.data.loading import load_dataset
from district_stats.ops import update
from district_stats.content.text.i18n import t
tmp = Path(tempfile.mkdtemp())
data = copy_data(tmp / "data")
assert load_dataset(data).ok
text = (data / "grants.csv").read_text(encoding="utf-8").replace(",292000,", ",292001,", 1)
plan = update.plan_update("grants", text.encode("utf-8"), "nuovi.csv", data)
assert plan.ok and plan.has_changes, [p.message() for p in plan.problems]
update.apply_update(plan, data)
(data / ".update").mkdir()
assert update.recover(data) is not None
paths.DATA_DIR = data
assert cli.main(["update", "grants", "--list-versions"]) == 0
assert cli.main(["validate", str(data / "districts.csv")]) == 0
assert "Mondovì" in (data / "districts.csv").read_text(encoding="utf-8")
t("upd_title")
shutil.rmtree(tmp)
print("ok")
"""


@pytest.mark.slow  # a Python subprocess importing every module (~4 s)
def test_loading_and_updating_never_rely_on_the_platform_encoding():
    code = ENCODING_RUN.format(root=str(ROOT))
    res = subprocess.run(
        [sys.executable, "-X", "warn_default_encoding", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert res.returncode == 0 and res.stdout.strip().endswith("ok"), res.stdout[-2000:] + res.stderr[-3000:]
