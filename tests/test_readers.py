"""Report readers: the three formats, format detection, stdin, streaming and broken input."""

from __future__ import annotations

import io
import sys
import tracemalloc
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from itertools import islice
from pathlib import Path

import pytest

from geoevents.errors import InputError
from geoevents.model import Report
from geoevents.readers import read_reports, register
from geoevents.readers import registry

HEADER = "Morning roundup\n20240316\nhttps://example.org/live/1\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read_all(path: Path | str, fmt: str = "auto", **kwargs: object) -> list[Report]:
    return list(read_reports(path, fmt, **kwargs))  # type: ignore[arg-type]


def bad_lines(path: Path | str, fmt: str = "auto") -> tuple[list[Report], list[InputError]]:
    """Read with ``skip_bad``; return the good reports and the complaints."""
    errors: list[InputError] = []
    reports = list(read_reports(path, fmt, skip_bad=True, on_bad=errors.append))
    return reports, errors


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# -- liveblog -----------------------------------------------------------------------------


def test_sample_liveblog_reports_carry_the_header(sample_liveblog: Path) -> None:
    reports = read_all(sample_liveblog)
    assert len(reports) >= 40
    first = reports[0]
    assert first.id == "liveblog-sample:4"
    assert first.title.startswith("World events liveblog")
    assert first.published == date(2024, 3, 16)
    assert first.source == "https://example.org/liveblog/2024-03-16-world"
    assert len({r.id for r in reports}) == len(reports)
    assert any("<script>alert(1)</script>" in r.text for r in reports)


def test_liveblog_ids_are_line_numbers_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "kyiv.txt", HEADER + "First report.\n\n   \nSecond report.  \n")
    reports = read_all(path, "liveblog")
    assert [(r.id, r.text) for r in reports] == [("kyiv:4", "First report."), ("kyiv:7", "Second report.")]


def test_liveblog_accepts_crlf_and_a_byte_order_mark(tmp_path: Path) -> None:
    content = "\ufeff" + HEADER.replace("\n", "\r\n") + "Shelling in Kherson.\r\n"
    reports = read_all(write(tmp_path, "win.txt", content))
    assert reports[0].title == "Morning roundup"
    assert reports[0].text == "Shelling in Kherson."


def test_lines_split_only_on_newline(tmp_path: Path) -> None:
    """A Unicode line separator inside a report does not start a new report."""
    path = write(tmp_path, "sep.txt", HEADER + "Before\u2028after, in Sumy.\n")
    assert [r.text for r in read_all(path)] == ["Before\u2028after, in Sumy."]


@pytest.mark.parametrize(
    ("date_line", "expected"),
    [
        ("2024-03-16", "expected the publication date as YYYYMMDD on line 2, got '2024-03-16'"),
        ("20241345", "'20241345' is not a real date"),
        ("", "expected the publication date as YYYYMMDD on line 2, got ''"),
    ],
)
def test_liveblog_bad_date_line_names_file_and_line(tmp_path: Path, date_line: str, expected: str) -> None:
    path = write(tmp_path, "blog.txt", f"Title\n{date_line}\nhttps://example.org/x\nA report.\n")
    with pytest.raises(InputError) as caught:
        read_all(path, "liveblog")
    assert (caught.value.path, caught.value.line) == (str(path), 2)
    assert str(caught.value).startswith(f"{path}:2: ")
    assert expected in str(caught.value)


def test_liveblog_without_url_line_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "blog.txt", "Title\n20240316\nThe first report, where the URL should be.\n")
    with pytest.raises(InputError, match=r"blog\.txt:3: expected the source URL"):
        read_all(path, "liveblog")


def test_liveblog_cut_inside_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "short.txt", "Title\n20240316\n")
    with pytest.raises(InputError, match=r"short\.txt:3: the file ends inside the header"):
        read_all(path, "liveblog")


def test_skip_bad_keeps_the_rest_of_a_liveblog(tmp_path: Path) -> None:
    path = write(tmp_path, "blog.txt", "Title\nyesterday\nhttps://example.org/x\nStill read.\n")
    reports, errors = bad_lines(path, "liveblog")
    assert [e.line for e in errors] == [2]
    assert [(r.text, r.published) for r in reports] == [("Still read.", None)]


# -- encoding and empty input (every format) ----------------------------------------------


@pytest.mark.parametrize("fmt", ["liveblog", "jsonl", "text"])
def test_empty_file_is_an_error(tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path, "empty.dat", b"")
    with pytest.raises(InputError, match=r"empty\.dat:1: the input is empty"):
        read_all(path, fmt)


def test_non_utf8_byte_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.txt", HEADER.encode() + b"Fine.\nCaf\xe9 hit in Mariupol.\nAlso fine.\n")
    with pytest.raises(InputError) as caught:
        read_all(path)
    assert caught.value.line == 5
    assert "not UTF-8: byte 0xe9 at column 4" in str(caught.value)

    reports, errors = bad_lines(path)
    assert [r.text for r in reports] == ["Fine.", "Also fine."]
    assert [(e.path, e.line) for e in errors] == [(str(path), 5)]


def test_nul_character_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "nul.txt", HEADER.encode() + b"Fine.\nShel\x00ling in Izium.\nAlso fine.\n")
    with pytest.raises(InputError) as caught:
        read_all(path)
    assert caught.value.line == 5
    assert "NUL character at column 5" in str(caught.value)


def test_skipped_lines_are_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path, "r.jsonl", '{"id": "a", "text": "ok"}\nnot json\n')
    with caplog.at_level("WARNING", logger="geoevents.readers"):
        reports = read_all(path, skip_bad=True)
    assert [r.id for r in reports] == ["a"]
    assert f"{path}:2: invalid JSON" in caplog.text


# -- JSON Lines ---------------------------------------------------------------------------


def test_jsonl_fields_and_published_forms(tmp_path: Path) -> None:
    lines = [
        '{"id": "a1", "text": "Protest in Tbilisi.", "published": "2024-03-16", "source": "https://e.org/1", "title": "T"}',
        "",
        '{"id": 7, "text": "Flood in Porto Alegre.", "published": "2024-03-16T09:30:00Z", "extra": [1, 2]}',
        '{"id": "c", "text": "Drone over Odesa.", "published": "2024-03-16T09:30:00+02:00"}',
        '{"id": "d", "text": "No date.", "published": null}',
    ]
    reports = read_all(write(tmp_path, "in.jsonl", "\n".join(lines) + "\n"))
    assert [r.id for r in reports] == ["a1", "7", "c", "d"]
    assert reports[0] == Report("a1", "Protest in Tbilisi.", "T", date(2024, 3, 16), "https://e.org/1")
    assert reports[1].published == datetime(2024, 3, 16, 9, 30, tzinfo=timezone.utc)
    assert reports[2].published.utcoffset() == timedelta(hours=2)
    assert reports[3].published is None


def test_jsonl_keeps_text_exactly(tmp_path: Path) -> None:
    """Offsets index the text, so the reader must not trim or rewrite it."""
    path = write(tmp_path, "in.jsonl", '{"id": "x", "text": "  Strike on Sumy.\\n "}\n')
    assert read_all(path)[0].text == "  Strike on Sumy.\n "


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "invalid JSON at column 2"),
        ('{"id": "a", "text": "x"', "invalid JSON"),
        ("[" * 100_000, "invalid JSON: nested too deeply"),
        ('["a", "b"]', "expected a JSON object, got list"),
        ('{"text": "no id"}', '"id" must be a string or an integer, got null'),
        ('{"id": true, "text": "x"}', '"id" must be a string or an integer, got true'),
        ('{"id": "  ", "text": "x"}', '"id" is blank'),
        ('{"id": "a"}', '"text" is missing'),
        ('{"id": "a", "text": "   "}', '"text" is blank'),
        ('{"id": "a", "text": 12}', '"text" must be a string, got int'),
        ('{"id": "a", "text": "x", "published": 20240316}', '"published" must be an ISO 8601 date string'),
        ('{"id": "a", "text": "x", "published": "16/03/2024"}', '"published" is not an ISO 8601 date'),
        ('{"id": "a", "text": "x", "source": ["u"]}', '"source" must be a string, got list'),
        ('{"id": "a", "text": "x", "title": 3}', '"title" must be a string, got int'),
        ("{}", '"text" is missing'),
        ('{"id": "a", "text": "Kyiv\\u0000"}', '"text" holds a NUL character (\\u0000) at character 5'),
        ('{"id": "a", "text": "x", "source": "\\u0000"}', '"source" holds a NUL character'),
    ],
)
def test_jsonl_bad_record_names_file_line_and_problem(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path, "in.jsonl", '{"id": "ok", "text": "Fine."}\n\n' + line + "\n")
    with pytest.raises(InputError) as caught:
        read_all(path)
    assert (caught.value.path, caught.value.line) == (str(path), 3)
    assert message in caught.value.message


def test_jsonl_skip_bad_reports_every_bad_line(tmp_path: Path) -> None:
    content = '{"id": 1, "text": "a"}\n{oops\n{"id": 2}\n{"id": 3, "text": "c"}\n[]\n'
    reports, errors = bad_lines(write(tmp_path, "in.jsonl", content))
    assert [r.id for r in reports] == ["1", "3"]
    assert [e.line for e in errors] == [2, 3, 5]


# -- plain text ---------------------------------------------------------------------------


def test_text_reports_are_paragraphs(tmp_path: Path) -> None:
    content = "\nA strike hit\nthe port of Odesa.\n\n\nProtesters marched\n  in Niamey.\nThird, unterminated."
    reports = read_all(write(tmp_path, "notes.text", content))
    assert [(r.id, r.text) for r in reports] == [
        ("notes:2", "A strike hit the port of Odesa."),
        ("notes:6", "Protesters marched in Niamey. Third, unterminated."),
    ]
    assert reports[0].published is None and reports[0].title is None


# -- format detection ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected_ids"),
    [
        ("a.txt", HEADER + "One.\n", ["a:4"]),  # liveblog header
        ("b.txt", "One paragraph.\n\nAnother.\n", ["b:1", "b:3"]),  # plain text
        ("c.jsonl", '{"id": "j", "text": "t"}\n', ["j"]),
        ("d.data", '\n{"id": "k", "text": "t"}\n', ["k"]),  # unknown extension, JSON content
        ("e", HEADER + "One.\n", ["e:4"]),  # no extension, liveblog content
    ],
)
def test_auto_detects_by_extension_and_content(
    tmp_path: Path, name: str, content: str, expected_ids: list[str]
) -> None:
    assert [r.id for r in read_all(write(tmp_path, name, content))] == expected_ids


@pytest.mark.parametrize(
    ("header", "line", "message"),
    [
        ("Title\n2024-03-16\nhttps://example.org/x\n", 2, "expected the publication date as YYYYMMDD"),
        ("Title\n2024031\nhttps://example.org/x\n", 2, "expected the publication date as YYYYMMDD"),
        ("Title\n20240316\n\n", 3, "expected the source URL on line 3"),
    ],
)
def test_auto_names_the_flaw_in_a_liveblog_header(
    tmp_path: Path, header: str, line: int, message: str
) -> None:
    """A mistyped header is a liveblog with a bad line, never one paragraph of plain text."""
    path = write(tmp_path, "blog.txt", header + "Shelling in Kherson.\nProtest in Lviv.\n")
    with pytest.raises(InputError) as caught:
        read_all(path)
    assert caught.value.line == line
    assert message in caught.value.message


def test_extension_wins_over_content(tmp_path: Path) -> None:
    path = write(tmp_path, "feed.jsonl", HEADER)
    with pytest.raises(InputError, match=r"feed\.jsonl:1: invalid JSON"):
        read_all(path)


def test_unknown_format_fails_before_reading() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'; known: jsonl, liveblog, text"):
        read_reports("does-not-matter", "xml")


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file or directory$"):
        read_all(tmp_path / "nope.txt")


def test_a_registered_format_is_detected_and_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_FORMATS", dict(registry._FORMATS))

    @register("tsv", extensions=(".tsv",), sniff=lambda head: bool(head) and head[0] == "id\ttext")
    def read_tsv(source: registry.Source) -> Iterator[Report]:
        for number, line in source.lines():
            if number > 1:
                ident, text = line.split("\t")
                yield Report(ident, text)

    content = "id\ttext\nr1\tRocket fire near Kramatorsk.\n"
    assert registry.formats()[-1] == "tsv"
    assert read_all(write(tmp_path, "x.tsv", content)) == [Report("r1", "Rocket fire near Kramatorsk.")]
    assert read_all(write(tmp_path, "x.log", content)) == [Report("r1", "Rocket fire near Kramatorsk.")]


# -- stdin and streaming ------------------------------------------------------------------


def test_stdin_is_sniffed_and_read(monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, (HEADER + "From a pipe, in Dnipro.\n").encode())
    reports = read_all("-")
    assert [(r.id, r.text, r.published) for r in reports] == [
        ("stdin:4", "From a pipe, in Dnipro.", date(2024, 3, 16))
    ]
    assert not sys.stdin.closed


def test_stdin_errors_name_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, b'{"id": "a", "text": "x"}\n{"id": "b"}\n')
    with pytest.raises(InputError, match=r'^<stdin>:2: "text" is missing$'):
        read_all("-", "jsonl")


class _Endless(io.RawIOBase):
    """An endless JSON Lines stream that fails the test if more than ``limit`` bytes are read."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.served = 0
        self.line = b'{"id": "n", "text": "Another report from Kharkiv."}\n' * 1000

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        assert self.served < self.limit, "the reader consumed the input far ahead of its output"
        size = min(len(buffer), len(self.line))
        buffer[:size] = self.line[:size]
        self.served += size
        return size


def test_first_reports_arrive_before_the_input_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    endless = _Endless(limit=1 << 20)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(endless), encoding="utf-8"))
    first = list(islice(read_reports("-"), 3))
    assert [r.text for r in first] == ["Another report from Kharkiv."] * 3
    assert endless.served < 1 << 20


def test_memory_stays_flat_over_a_large_file(tmp_path: Path) -> None:
    """Plain text is the reader that gathers lines (into paragraphs): it must let them go."""
    lines = 120_000
    path = tmp_path / "big.txt"
    with path.open("w", encoding="utf-8") as out:
        for i in range(lines):
            out.write(f"Report {i}: shelling was reported near Huliaipole in the Zaporizhzhia region.\n\n")
    assert path.stat().st_size > 9_000_000

    tracemalloc.start()
    try:
        count = sum(1 for _ in read_reports(path, "text"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == lines
    assert peak < 1_000_000, f"peak {peak} bytes while streaming a {path.stat().st_size}-byte file"
