"""API fixtures: a real SQLite store of synthetic events, the app on it, a live server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api import ApiSettings, create_app
from geoevents.store import open_store
from tests.api.data import Expected, event, grid

#: Events in the shared store: more than two default pages, so paging is exercised.
GRID_SIZE = 2500
TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="session")
def events() -> list[Expected]:
    return grid(GRID_SIZE)


@pytest.fixture(scope="session")
def grid_db(tmp_path_factory: pytest.TempPathFactory, events: list[Expected]) -> Path:
    """A store holding the synthetic grid, written once per session and only read after."""
    path = tmp_path_factory.mktemp("api") / "grid.db"
    with open_store(path) as store:
        store.add(event(e) for e in events)
    return path


@pytest.fixture(scope="session")
def client(grid_db: Path) -> Iterator[TestClient]:
    """The app on the grid store, read-only (nothing can change the shared file)."""
    app = create_app(
        ApiSettings(db=str(grid_db), read_only=True, cors_origins=("https://maps.example",))
    )
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[TestClient]:
    """The app on a fresh, empty store that accepts writes with ``TOKEN``."""
    app = create_app(ApiSettings(db=str(tmp_path / "fresh.db"), token=TOKEN, max_body_bytes=4096))
    with TestClient(app) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """``geoevents serve`` in a subprocess on a free loopback port, stopped on exit.

    A separate process, not a thread: GDAL holds the GIL while it fetches pages, which
    would starve a server running inside the test process.
    """

    def __init__(self, db: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        command = [
            str(Path(sys.executable).with_name("geoevents")),
            "-v",
            "serve",
            "--db",
            str(db),
            "--port",
            str(self.port),
            *args,
        ]
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__
        self._output = ""
        self.process = subprocess.Popen(
            command, stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        """What the server printed (its access log included)."""
        if not self.log.closed:
            self.log.seek(0)
            self._output = self.log.read().decode("utf-8", "replace")
        return self._output

    def __enter__(self) -> LiveServer:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"the API server did not start:\n{self.output()}")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.output()
        self.log.close()


@pytest.fixture(scope="session")
def live_url(grid_db: Path) -> Iterator[str]:
    """The base URL of a live, read-only server on the grid store."""
    with LiveServer(grid_db, "--read-only") as server:
        yield server.url
