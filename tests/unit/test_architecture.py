"""Architecture rules: the domain package is UI-free, pages are thin, modules stay small."""

import ast
from pathlib import Path

import pytest

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


#: Functions whose HTML st.html may show besides module constants: each escapes every value it inserts, and a
#: unit test proves it with a hostile label.
ESCAPING_BUILDERS = {
    "key_markup": "the map page's legend: map_key.key_html (tests/unit/test_maps.py, hostile label)",
}


def test_no_unsafe_html_and_st_html_only_gets_module_constants():
    """Data-derived text never reaches raw HTML: no unsafe_allow_html anywhere, and st.html
    is only called with a module-level string constant (the CSS) or an escaping builder listed above."""
    for path in [ROOT / "dashboard.py", *(ROOT / "app").glob("*.py"), *(ROOT / "pages").glob("*.py")]:
        source = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in source, path.name
        tree = ast.parse(source)
        constants = {t.id for node in tree.body if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                     and isinstance(node.value.value, str) for t in node.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "html":
                arg = node.args[0]
                built = isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id in ESCAPING_BUILDERS
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

    code = ("import sys, importlib, pathlib\n"
            "for p in sorted(pathlib.Path('app').glob('*.py')): importlib.import_module('app.' + p.stem)\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('kaleido', 'choreographer', 'playwright')\n"
            "       or m in ('district_stats.ops.images', 'district_stats.ops.publish')]\n"
            "print(bad); sys.exit(1 if bad else 0)")
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
