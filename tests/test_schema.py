"""The JSON factx prints validates against the schema `factx schema` prints."""

import json
import subprocess
import sys
from pathlib import Path

from factx.schema import Article

ROOT = Path(__file__).resolve().parents[1]


def _run(*args, **kw):
    return subprocess.run(
        [sys.executable, "-m", "factx", *args], capture_output=True, text=True, cwd=ROOT, **kw
    )


def test_schema_command_prints_the_article_schema():
    proc = _run("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["title"] == "Article"
    for key in ("source", "published", "published_from", "facts", "entities", "dates"):
        assert key in schema["properties"]
    assert schema.get("additionalProperties") is False


def test_printed_json_validates_against_schema():
    proc = _run("extract", "examples/02_abzug.txt", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    Article.model_validate(record)  # extra="forbid": unknown or missing keys fail
    schema = json.loads(_run("schema").stdout)
    _check(record, schema, schema)


def _check(value, schema, root):
    """A small JSON Schema check for the subset pydantic emits (types, refs, enums, anyOf)."""
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        return _check(value, root["$defs"][name], root)
    if "anyOf" in schema:
        errors = []
        for option in schema["anyOf"]:
            try:
                _check(value, option, root)
                return None
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{value!r} matches no option: {errors}")
    if "const" in schema:
        assert value == schema["const"]
    if "enum" in schema:
        assert value in schema["enum"], (value, schema["enum"])
    kind = schema.get("type")
    types = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    if kind == "integer":
        assert isinstance(value, int) and not isinstance(value, bool)
    elif kind == "number":
        assert isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind in types:
        assert isinstance(value, types[kind]), (value, kind)
    if kind == "object":
        for key in schema.get("required", []):
            assert key in value, key
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            assert set(value) <= set(props), set(value) - set(props)
        for key, sub in props.items():
            if key in value:
                _check(value[key], sub, root)
    if kind == "array":
        for item in value:
            _check(item, schema.get("items", {}), root)
    return None


def test_every_kind_of_place_fits_the_schema(extract):
    # streets, lakes, villages, regions and clubs all come out as one of the schema's types
    text = (
        "In der Schwanitzstraße in Gerstungen am Tegernsee protestierten Anhänger des "
        "FC Carl Zeiss Jena gegen die Stationierung von 500 US-Soldaten in Nordhessen."
    )
    article = extract(text)
    assert article.entities
    Article.model_validate_json(article.model_dump_json())
