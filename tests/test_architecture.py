"""The layout is the pipeline: each stage of geo/ imports only the stages below it, and the library never
imports Streamlit (as dguzh/geoparser's architecture check). Checked on the source, without importing it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

GEO = Path(__file__).resolve().parent.parent / "geo"
# Lowest first: a module may import its own stage and those before it.
LAYERS = ["config", "errors", "geometry", "models", "text", "knowledge", "places", "extract", "store", "ingest", "events",
          "present", "cli"]
FOUNDATION = {"config", "errors", "geometry", "models"}  # the shared vocabulary every stage may use


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; the library imports by absolute name"
            if node.module == "geo":  # from geo import config
                yield from (f"geo.{alias.name}" for alias in node.names)
            else:
                yield node.module or ""


def _modules():
    for path in sorted(GEO.rglob("*.py")):
        yield path, ".".join(path.relative_to(GEO.parent).with_suffix("").parts)


def test_every_module_sits_in_a_stage():
    loose = [m for p, m in _modules() if _stage(m) not in LAYERS and _stage(m) not in ("__init__", "__main__")]
    assert not loose, f"modules outside the stages: {loose}"


@pytest.mark.parametrize("path,module", list(_modules()), ids=lambda v: v if isinstance(v, str) else "")
def test_imports_run_one_way(path, module):
    stage = _stage(module)
    if stage not in LAYERS:
        return  # geo/__init__.py, geo/__main__.py: the entry points
    allowed = set(LAYERS[: LAYERS.index(stage) + 1]) | FOUNDATION
    for name in _imports(path):
        top = name.split(".")[0]
        assert top != "streamlit", f"{module} imports Streamlit"
        if top == "geo":
            assert _stage(name) in allowed, f"{module} ({stage}) imports {name}: upward"


def test_stage_folders_say_what_they_hold():
    for folder in (p for p in GEO.iterdir() if p.is_dir() and p.name in LAYERS):
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc.lower(), f"{folder.name}/__init__.py: say what it holds and may import"


def test_every_error_of_the_library_is_a_geo_error():
    """``except GeoError`` catches whatever the library raises about its input, and nothing else."""
    import importlib

    from geo.errors import GeoError

    for path, module in _modules():
        if module.endswith("__main__"):
            continue
        mod = importlib.import_module(module)
        for name, obj in vars(mod).items():
            if isinstance(obj, type) and issubclass(obj, Exception) and obj.__module__ == module:
                assert issubclass(obj, GeoError), f"{module}.{name} is not a GeoError"


def test_the_package_lists_every_stage_and_its_console_script_is_python_m_geo():
    import importlib
    import tomllib

    project = tomllib.loads((GEO.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(project["tool"]["setuptools"]["packages"])
    on_disk = {"geo"} | {f"geo.{p.name}" for p in GEO.iterdir() if (p / "__init__.py").is_file()}
    assert listed == on_disk | {"geo.data"}, "pyproject.toml [tool.setuptools] packages: list every stage"
    assert project["tool"]["setuptools"]["package-dir"]["geo.data"] == "data"
    module, _, func = project["project"]["scripts"]["geo"].partition(":")
    from geo.cli.main import main

    assert getattr(importlib.import_module(module), func) is main
    assert "from geo.cli.main import main" in (GEO / "__main__.py").read_text(encoding="utf-8")
