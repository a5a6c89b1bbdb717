"""models/factx_de is exactly what the code builds, and loads as any spaCy pipeline."""

import json
from pathlib import Path

import spacy

import factx
from factx.pipeline import COMPONENTS, build

ROOT = Path(__file__).resolve().parents[1]
SAVED = ROOT / "models" / "factx_de"


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "meta.json"
    }


def test_saved_pipeline_matches_code(tmp_path):
    build().to_disk(tmp_path / "built")
    assert _files(tmp_path / "built") == _files(SAVED), (
        "models/factx_de is stale: run `python scripts/build_model.py`"
    )
    built_meta = json.loads((tmp_path / "built" / "meta.json").read_text())
    saved_meta = json.loads((SAVED / "meta.json").read_text())
    for key in ("name", "version", "pipeline", "components", "lang"):
        assert built_meta[key] == saved_meta[key]


def test_spacy_load_gives_the_same_records():
    nlp = spacy.load(SAVED)
    assert nlp.pipe_names == list(COMPONENTS)
    text = (ROOT / "examples" / "01_entsendung.txt").read_text(encoding="utf-8")
    from_disk = factx.extract(text, nlp=nlp)
    from_code = factx.extract(text)
    assert from_disk == from_code
    assert from_disk.facts
