"""`geoevents serve`: its safety rule, and a multi-worker server built by the app factory."""

from __future__ import annotations

import httpx
from click.testing import CliRunner

from geoevents.cli import main
from tests.api.conftest import TOKEN, LiveServer


def test_refuses_open_writes_on_a_public_address(tmp_path):
    result = CliRunner().invoke(
        main, ["serve", "--db", str(tmp_path / "e.db"), "--host", "0.0.0.0"]
    )
    assert result.exit_code == 1
    assert "GEOEVENTS_API_TOKEN" in result.output and "--read-only" in result.output
    assert not (tmp_path / "e.db").exists()


def test_workers_share_the_store_and_the_token_comes_from_the_environment(tmp_path):
    db = tmp_path / "served.db"
    with LiveServer(db, "--workers", "2", env={"GEOEVENTS_API_TOKEN": TOKEN}) as server:
        report = {"id": "w1", "text": "Shelling hit Kharkiv overnight.", "published": "2022-06-25"}
        refused = httpx.post(f"{server.url}/reports", json=report)
        assert refused.status_code == 401
        created = httpx.post(
            f"{server.url}/reports",
            json=report,
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=60,
        )
        assert created.status_code == 201
        feature_id = created.json()["features"][0]["id"]
        for _ in range(6):
            got = httpx.get(f"{server.url}/collections/events/items/{feature_id}")
            assert got.json()["properties"]["report_id"] == "w1"
    assert TOKEN not in server.output()
    assert "holds no events yet" in server.output()  # a new (or mistyped) --db is pointed out


def test_read_only_server_refuses_writes(grid_db, live_url):
    response = httpx.post(f"{live_url}/reports", json={"id": "x", "text": "x"})
    assert response.status_code in (404, 405)
    assert response.json()["code"] in ("NotFound", "MethodNotAllowed")
