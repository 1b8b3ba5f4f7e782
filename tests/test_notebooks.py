"""The example notebooks run top to bottom, offline, and the committed copies are current and executed.

Each notebook is executed with nbclient in a fresh ``python3`` kernel, in a temporary copy of
``notebooks/`` (so a run writes nothing into the checkout), with a per-cell timeout. Marked ``slow``
but part of the normal ``pytest`` run: CI must catch a notebook that an API change broke.
"""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 180  # seconds; the slowest cell (first classifier training) takes a few


def _build_module():
    spec = importlib.util.spec_from_file_location("notebooks_build", NOTEBOOKS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_notebook_is_built_by_build_py():
    assert NAMES == sorted(_build_module().NOTEBOOKS)


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_matches_build_py_and_has_outputs(name):
    committed = nbformat.read(NOTEBOOKS / name, as_version=4)
    built = _build_module().build(name)
    assert [c.source for c in committed.cells] == [c.source for c in built.cells], \
        f"{name} is stale: run `python notebooks/build.py --execute`"
    for cell in committed.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error"], f"{name} was saved with an error"
    assert sum(bool(c.outputs) for c in committed.cells if c.cell_type == "code") >= 3, f"{name} saved without outputs"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs(name, tmp_path, monkeypatch):
    work = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, work, ignore=shutil.ignore_patterns("*.ipynb_checkpoints", "__pycache__"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("VNPARTY_CACHE", str(tmp_path / "cache"))  # the kernel inherits the environment
    nb = nbformat.read(work / name, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(work)}})
    client.execute()  # raises CellExecutionError, naming the cell, when one fails
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors


@pytest.mark.parametrize("given", ["01", "01-quickstart", "01-quickstart.ipynb", "notebooks/01-quickstart.ipynb"])
def test_build_py_takes_a_notebook_by_number_stem_or_file(given):
    assert _build_module().resolve_name(given) == "01-quickstart.ipynb"


def test_build_py_unknown_notebook_is_a_clear_error(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(NOTEBOOKS / "build.py"), "04-nosuch"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "no notebook '04-nosuch'; choose from 01-quickstart.ipynb" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_has_no_machine_paths(name):
    text = (NOTEBOOKS / name).read_text(encoding="utf-8")
    for path in ("/work/", "/home/", "/tmp/", "/root/", "site-packages", str(NOTEBOOKS.parent)):
        assert path not in text, f"{name} shows a path of the machine that built it: {path}"


@pytest.mark.parametrize("name", ["01-quickstart.ipynb", "02-archive.ipynb", "03-themes-and-citations.ipynb"])
def test_committed_notebook_has_a_plot(name):
    committed = nbformat.read(NOTEBOOKS / name, as_version=4)
    images = [o for c in committed.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert images, f"{name} has no plot"
