"""Property-based checks of the app against its own OpenAPI document (schemathesis).

Every generated request must get a documented status and content type, a body that matches
the documented schema, and never a server error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api import ApiSettings, create_app

#: Generated requests per operation: enough to reach every parameter, small enough for CI.
EXAMPLES = 30
#: Not applied: some schema-valid values are still wrong (a bbox whose minlat is north of
#: its maxlat, a datetime interval that ends before it starts, a date such as 2022-02-30),
#: and OpenAPI 3.0 cannot say so. Those get a 400 with a reason, as they should.
NOT_APPLIED = [positive_data_acceptance]


@pytest.fixture(scope="module")
def app_schema(grid_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """The schema of an app that accepts writes (on a copy, so the grid stays intact)."""
    db = tmp_path_factory.mktemp("schema") / "events.db"
    db.write_bytes(grid_db.read_bytes())
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(ApiSettings(db=str(db))))


def test_every_operation_honours_its_schema(app_schema):
    checked = []
    for result in app_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(excluded_checks=NOT_APPLIED)

        check()
        checked.append(operation.label)
    assert "GET /collections/{collection_id}/items" in checked
    assert "POST /reports" in checked
