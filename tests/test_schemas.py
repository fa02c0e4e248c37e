"""The published JSON Schema files match the pydantic models."""

import json

from cliniqueue.kafka_cli import SCHEMA_DIR, exported_schemas


def test_json_schema_files_are_current():
    expected = exported_schemas()
    on_disk = {path.name for path in SCHEMA_DIR.glob("*.json")}
    assert on_disk == set(expected), "run `cliniqueue schemas export`"
    for name, schema in expected.items():
        assert json.loads((SCHEMA_DIR / name).read_text()) == schema, f"{name} is stale; run `cliniqueue schemas export`"


def test_inbound_schema_requires_message_id():
    schema = exported_schemas()["inbound-ticket.v1.json"]
    assert "message_id" in schema["required"]
    assert schema["properties"]["schema_version"]["const"] == 1
