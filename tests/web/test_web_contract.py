"""The API against its own OpenAPI schema (schemathesis): generated requests never get a 500,
and every answer has the status, content type and shape the schema documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.testclient import TestClient

from conftest import FIXED_NOW, WEB_TOKEN, hostile_records
from newsdesk import Desk, sample_inputs
from newsdesk.web import create_app

AUTH = {"Authorization": f"Bearer {WEB_TOKEN}"}
# Generated cases per operation: enough to hit every parameter's edge values (empty, huge,
# odd unicode, wrong types) while the whole run stays within seconds.
EXAMPLES_PER_OPERATION = 30
DOCUMENTED = [status_code_conformance, content_type_conformance, response_schema_conformance]


def _sample_app(folder: Path) -> Iterator[object]:
    with Desk(folder / "contract.db", clock=lambda: FIXED_NOW) as desk:
        desk.ingest(sample_inputs())
        with TestClient(create_app(desk, WEB_TOKEN), client=("127.0.0.1", 5000)) as client:
            client.post("/api/v1/articles?analyze=true", json=hostile_records(), headers=AUTH)
        desk.analyze()
        yield create_app(desk, WEB_TOKEN)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    yield from _sample_app(tmp_path_factory.mktemp("contract"))


@pytest.fixture(scope="module")
def api_schema(app: object) -> Any:
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app, headers=AUTH)


def test_schema_documents_every_resource(api_schema: Any) -> None:
    paths = {op.path for op in _operations(api_schema)}
    assert {"/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/articles",
            "/api/v1/articles/{article_id}", "/api/v1/quotes", "/api/v1/people",
            "/api/v1/people/{name}", "/api/v1/figures", "/api/v1/search",
            "/api/v1/export", "/api/v1/outlets", "/api/v1/rejected"} <= paths


def test_api_answers_generated_requests_as_documented(api_schema: Any) -> None:
    checked = []
    for operation in _operations(api_schema):
        _exercise(operation)
        checked.append(operation.label)
    assert len(checked) >= 14


def _operations(api_schema: Any) -> list[Any]:
    return [result.ok() for result in api_schema.get_all_operations()]


def _exercise(operation: Any) -> None:
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        case.call_and_validate(headers=AUTH, checks=[not_a_server_error, *DOCUMENTED])

    run()
