"""Start-up: the collector is paused while a pipeline is made, and left as it was found."""

import gc
import json

import pytest
from typer.testing import CliRunner

from factx.cli import app
from factx.collector import paused


@pytest.fixture
def collector():
    """Restore the collector's state whatever a test leaves."""
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_pause_restores_the_collector(collector, enabled):
    gc.enable() if enabled else gc.disable()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled


def test_pause_restores_the_collector_on_error(collector):
    gc.enable()
    with pytest.raises(ValueError), paused():
        raise ValueError("a table did not load")
    assert gc.isenabled()


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_extract_leaves_nothing_frozen(collector, tmp_path, fmt):
    gc.enable()
    article = tmp_path / "a.txt"
    article.write_text("Die Bundeswehr verlegt 500 Soldaten nach Litauen.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(article), "--format", fmt])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout if fmt == "json" else result.stdout.splitlines()[0])
    counts = [fact["count"]["value"] for fact in record["facts"]]
    assert counts == [500]
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
