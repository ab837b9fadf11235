"""The shared CLI options: flags become one Query, bad values fail naming their option."""

from __future__ import annotations

from datetime import date

import click
import pytest
from click.testing import CliRunner

from geoevents.cli.options import db_option, format_option, query_options
from geoevents.query import Query


SEEN: list[tuple[str, str, Query]] = []


@click.command()
@db_option
@format_option
@query_options
def show(db: str, fmt: str, query: Query) -> None:
    """Record what the options handed over."""
    SEEN.append((db, fmt, query))


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(show, list(args), env=env)
    return result.exit_code, result.output


def parsed(*args: str, env: dict[str, str] | None = None) -> tuple[str, str, Query]:
    SEEN.clear()
    code, output = run(*args, env=env)
    assert code == 0, output
    return SEEN[-1]


def test_defaults_mean_no_filter() -> None:
    db, fmt, query = parsed()
    assert (db, fmt) == ("./geoevents.db", "auto")
    assert query == Query()


def test_every_filter_reaches_the_query() -> None:
    _, _, query = parsed(
        "--bbox", "22.1, 44.3,40.2,52.4", "--since", "2024-03-01", "--until", "2024-03-16T23:59:00",
        "--type", "Missile-Strike", "--type", "shelling", "--type", "shelling",
        "--country", "ua", "--country", "RU", "--place", "Kharkiv", "--search", "glide bomb",
        "--limit", "50", "--offset", "100", "--located-only",
    )
    assert query == Query(
        bbox=(22.1, 44.3, 40.2, 52.4),
        start=date(2024, 3, 1),
        end=date(2024, 3, 16),
        event_types=("missile_strike", "shelling"),
        countries=("UA", "RU"),
        place="Kharkiv",
        text="glide bomb",
        limit=50,
        offset=100,
        located_only=True,
    )


def test_antimeridian_bbox_is_allowed() -> None:
    assert parsed("--bbox", "170,-20,-170,-10")[2].bbox == (170.0, -20.0, -170.0, -10.0)


def test_db_comes_from_the_environment_and_the_flag_wins() -> None:
    assert parsed(env={"GEOEVENTS_DB": "/data/events.db"})[0] == "/data/events.db"
    assert parsed("--db", "postgresql://localhost/ge", env={"GEOEVENTS_DB": "x.db"})[0] == (
        "postgresql://localhost/ge"
    )


@pytest.mark.parametrize(
    ("args", "option", "message"),
    [
        (["--bbox", "1,2,3"], "--bbox", "expected 4 comma-separated numbers, got 3"),
        (["--bbox", "a,2,3,4"], "--bbox", "not a number"),
        (["--bbox", "0,10,5,5"], "--bbox", "minlat <= maxlat"),
        (["--bbox", "0,0,190,5"], "--bbox", "longitudes must lie within -180..180"),
        (["--since", "16/03/2024"], "--since", "is not an ISO date like 2022-06-25"),
        (["--until", "2024-02-30"], "--until", "is not an ISO date"),
        (["--since", "2024-03-16", "--until", "2024-03-01"], "--until", "is before --since 2024-03-16"),
        (["--country", "UKR"], "--country", "not a two-letter ISO country code"),
        (["--type", "air strike!"], "--type", "not an event type name"),
        (["--limit", "-1"], "--limit", "is not in the range x>=0"),
        (["--offset", "x"], "--offset", "is not a valid integer"),
        (["--format", "xml"], "--format", "'xml' is not one of auto, jsonl, liveblog, text"),
    ],
)
def test_bad_values_name_the_option(args: list[str], option: str, message: str) -> None:
    code, output = run(*args)
    assert code == 2
    assert f"Invalid value for '{option}'" in output
    assert message in output


def test_help_lists_the_registered_formats() -> None:
    assert "--format [auto|jsonl|liveblog|text" in run("--help")[1]
