"""Official tallies: matching quoted totals (assess/tallies.py), the shipped series, `tally import`
into a real SQLite ledger, and the two shared transcriptions (skipped without ../shared)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimledger import Ledger
from claimledger.assess.tallies import TallyIndex
from claimledger.errors import SourceError
from claimledger.profiles import load_profile
from claimledger.records import (
    Article,
    Claimant,
    Extraction,
    Figure,
    SkipReason,
    Span,
    Tally,
    TallyDay,
    TallySeries,
)
from claimledger.store import NewArticle
from claimledger.tallies import load_tallies, tally_definitions

from .conftest import Run, shared_path

GENERAL_STAFF = Claimant(name="Ukrainian General Staff", mention="the General Staff", side="ukraine", kind="official")
OUTLET = Claimant(name="The Paper", mention=None, side="independent", kind="outlet")
KREMLIN = Claimant(name="Russian Ministry of Defence", mention=None, side="russia", kind="official")


def _tally(*series: TallySeries) -> Tally:
    return Tally(key="t", title="test", claimant="General Staff", claimant_side="ukraine", subject_side="russia",
                 since="2022-02-24", measures=("killed", "tanks", "aircraft", "helicopters"),
                 figure_measures={"killed": (("killed",),), "killed_or_wounded": (("killed",),),
                                  "tanks": (("tanks",),), "aircraft_and_helicopters": (("aircraft", "helicopters"),)},
                 window_days=14, series=series)


def _series(source: str, rows: dict[str, dict[str, int]], role: str = "primary") -> TallySeries:
    return TallySeries(name=f"t/{source}", tally="t", source=source, role=role,
                       days=tuple(TallyDay(day, rows[day]) for day in sorted(rows)))


DAYS = {
    "2022-12-30": {"killed": 105250, "tanks": 3023, "aircraft": 283, "helicopters": 269},
    "2022-12-31": {"killed": 105960, "tanks": 3029, "aircraft": 283, "helicopters": 269},
    "2023-01-01": {"killed": 106720, "tanks": 3031, "aircraft": 283, "helicopters": 269},
    "2023-01-05": {"killed": 109720, "tanks": 3041, "aircraft": 284, "helicopters": 269},
}


def _figure(n: int, measure: str, best: float, *, claimant: Claimant = GENERAL_STAFF, as_of: str | None = "2023-01-05",
            qualifier: str = "exact", subject: str = "russia") -> Figure:
    return Figure(id=f"a:f{n}", article_id="a", measure=measure, subject_side=subject, low=best, best=best,
                  high=best, qualifier=qualifier, claimant=claimant, evidence=Span(0, 1, "x"),
                  number=Span(0, 1, "x"), as_of=as_of)


# ---------------------------------------------------------------- matching
def test_a_stale_total_takes_its_day_and_a_note() -> None:
    index = TallyIndex([_tally(_series("p", DAYS))])
    checks = index.check([_figure(1, "killed", 105960), _figure(2, "tanks", 3029),
                          _figure(3, "aircraft_and_helicopters", 552)], "2023-01-05")
    assert {c.day for c in checks.values()} == {"2022-12-31"}
    assert all(c.status == "total" and c.days_before == 5 for c in checks.values())
    assert "stale figure" in checks["a:f1"].note and "5 days before publication" in checks["a:f1"].note


def test_figures_agreeing_on_a_day_decide_between_days() -> None:
    # 552 planes and helicopters stand on 12-30, 12-31 and 01-01; the tanks say which day the article quotes
    index = TallyIndex([_tally(_series("p", DAYS))])
    alone = index.check([_figure(3, "aircraft_and_helicopters", 552)], "2023-01-05")
    assert alone["a:f3"].day == "2023-01-01"  # the latest day, with nothing to say otherwise
    both = index.check([_figure(2, "tanks", 3023), _figure(3, "aircraft_and_helicopters", 552)], "2023-01-05")
    assert both["a:f3"].day == "2022-12-30" and both["a:f2"].day == "2022-12-30"


def test_a_total_of_the_publication_day_is_no_stale_figure() -> None:
    check = TallyIndex([_tally(_series("p", DAYS))]).check([_figure(1, "killed", 109720)], "2023-01-05")["a:f1"]
    assert (check.day, check.days_before) == ("2023-01-05", 0) and "stale" not in check.note


def test_a_daily_increment_matches_the_change_between_two_days() -> None:
    index = TallyIndex([_tally(_series("p", DAYS))])
    check = index.check([_figure(1, "killed", 760, as_of=None)], "2023-01-01")["a:f1"]
    assert (check.status, check.day) == ("increment", "2023-01-01")
    # a running total (as_of set) is no increment
    assert index.check([_figure(1, "killed", 760)], "2023-01-01") == {}


def test_a_precise_number_near_the_tally_that_matches_no_day_is_a_possible_misquote() -> None:
    index = TallyIndex([_tally(_series("p", DAYS))])
    check = index.check([_figure(1, "killed", 105690)], "2023-01-05")["a:f1"]
    assert check.status == "misquote" and check.day is None
    assert "possible misquote" in check.note and "2023-01-05: 109,720" in check.note
    # an old total given as news: said so
    late = index.check([_figure(1, "killed", 105960, as_of="2023-01-20")], "2023-01-20")["a:f1"]
    assert late.status == "misquote" and "it had this number on 2022-12-31, 20 days before" in late.note
    # a rounded quote, another count far from the tally, or another side's figure is no misquote
    assert index.check([_figure(1, "killed", 100000, qualifier="more_than")], "2023-01-05") == {}
    assert index.check([_figure(1, "killed", 400)], "2023-01-05") == {}
    assert index.check([_figure(1, "killed", 105690, claimant=KREMLIN)], "2023-01-05") == {}
    assert index.check([_figure(1, "killed", 105960, subject="ukraine")], "2023-01-05") == {}


def test_an_outlet_quoting_the_tally_is_matched() -> None:
    check = TallyIndex([_tally(_series("p", DAYS))]).check([_figure(1, "killed", 105960, claimant=OUTLET)],
                                                            "2023-01-05")
    assert check["a:f1"].day == "2022-12-31"


def test_a_date_the_text_gives_anchors_the_window() -> None:
    index = TallyIndex([_tally(_series("p", DAYS))])
    # published months later, "as of January 1": still matched, counted from publication
    check = index.check([_figure(1, "killed", 106720, as_of="2023-01-01")], "2023-03-01")["a:f1"]
    assert (check.day, check.days_before) == ("2023-01-01", 59)
    # a number outside the window of the publication day is not dated by it
    assert index.check([_figure(1, "killed", 106720, as_of="2023-03-01")], "2023-03-01") == {}


def test_no_publication_day_and_no_date_means_no_check() -> None:
    assert TallyIndex([_tally(_series("p", DAYS))]).check([_figure(1, "killed", 105960, as_of=None)], None) == {}


def test_transcriptions_that_disagree_are_both_kept_and_said() -> None:
    other = {day: dict(values) for day, values in DAYS.items()}
    other["2022-12-31"]["killed"] = 105950
    index = TallyIndex([_tally(_series("p", DAYS), _series("x", other, role="cross_check"))])
    check = index.check([_figure(1, "killed", 105950)], "2023-01-05")["a:f1"]
    assert check.day == "2022-12-31" and check.sources == ("x",)
    assert "transcriptions disagree: p has 105,960" in check.note


@given(values=st.lists(st.tuples(st.sampled_from(["killed", "tanks", "aircraft_and_helicopters", "wounded"]),
                                 st.one_of(st.none(), st.floats(allow_nan=True), st.integers(-10, 200_000))),
                       max_size=6),
       published=st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)),
       as_of=st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)))
def test_checking_never_fails_and_dates_within_the_window(values: list[tuple[str, float | None]],
                                                          published: str | None, as_of: str | None) -> None:
    figures = [replace(_figure(n, measure, 0, as_of=as_of), best=best) for n, (measure, best) in enumerate(values)]
    for check in TallyIndex([_tally(_series("p", DAYS))]).check(figures, published).values():
        assert check.status in ("total", "increment", "misquote") and check.note
        assert check.day is None or check.day in DAYS


# ---------------------------------------------------------------- the shipped series
def test_the_shipped_primary_series_is_the_general_staffs_count() -> None:
    profile = load_profile("russia-ukraine")
    tally = next(t for t in load_tallies(profile) if t.key == "ua-general-staff")
    assert (tally.claimant_side, tally.subject_side) == ("ukraine", "russia")
    primary = tally.series[0]
    assert (primary.name, primary.role, primary.origin) == ("ua-general-staff/petroivaniuk", "primary", "shipped")
    day = next(d for d in primary.days if d.day == "2022-12-31")
    assert day.values["killed"] == 105960 and day.values["tanks"] == 3029
    assert day.values["aircraft"] + day.values["helicopters"] == 552
    licence = (profile.path / "tallies" / "ua-general-staff.petroivaniuk.LICENSE").read_text(encoding="utf-8")
    assert "Copyright (c) 2022 Petro Ivaniuk" in licence and "MIT License" in licence


# ---------------------------------------------------------------- import into a ledger
def _article(published: str = "2023-01-05") -> Article:
    return Article(id="art00001", ref="a.txt", url=None, outlet="The Paper", title=None, published=published,
                   language="en", text="x", content_hash="h1", ingested_at="2023-01-05T00:00:00+00:00")


def _ledger_with_figures(path: Path, *figures: Figure) -> Ledger:
    ledger = Ledger(path)
    ledger.store.add_articles([NewArticle(_article())])
    ledger.store.save_extractions([Extraction(article_id="art00001", extractor_version="test",
                                              figures=tuple(replace(f, article_id="art00001") for f in figures))])
    return ledger


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_stored_figures_are_dated_by_the_shipped_series(tmp_path: Path) -> None:
    with _ledger_with_figures(tmp_path / "l.db", _figure(1, "killed", 105960), _figure(2, "tanks", 3029)) as ledger:
        checked = list(ledger.checked_figures())
        assert [(f.as_of, c and c.status) for f, c in checked] == [("2022-12-31", "total")] * 2
        figures = [r for r in ledger.records() if r["record"] == "figure"]
    assert {r["as_of"] for r in figures} == {"2022-12-31"}
    assert figures[0]["tally"]["days_before_publication"] == 5 and figures[0]["note"].startswith("stale figure")


def test_a_series_imported_later_dates_figures_already_stored(tmp_path: Path) -> None:
    with _ledger_with_figures(tmp_path / "l.db", _figure(1, "tanks", 7)) as ledger:
        assert [c for _, c in ledger.checked_figures()] == [None]
        report = ledger.import_tally(_csv(tmp_path / "mine.csv", "date,tanks,killed\n2023-01-03,7,\n"),
                                     name="ua-general-staff/mine")
        assert (report.series, report.role, report.days) == ("ua-general-staff/mine", "cross_check", 1)
        [(figure, check)] = list(ledger.checked_figures())
    assert figure.as_of == "2023-01-03" and check is not None and check.sources == ("mine",)


def test_importing_again_replaces_the_series(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.db") as ledger:
        ledger.import_tally(_csv(tmp_path / "s.csv", "date,tanks\n2023-01-01,1\n2023-01-02,2\n"))
        ledger.import_tally(_csv(tmp_path / "s.csv", "date,tanks\n2023-01-03,3\n"))
        [series] = ledger.store.tally_series()
    assert (series.name, [d.day for d in series.days]) == ("ua-general-staff/s", ["2023-01-03"])


def test_bad_rows_are_skipped_with_a_recorded_reason(tmp_path: Path) -> None:
    path = _csv(tmp_path / "s.csv", "date,tanks,killed\n2023-01-01,5,10\nyesterday,6,11\n2023-01-02,seven,12\n"
                                    "2023-01-01,8,13\n2023-01-03,9,\n")
    with Ledger(tmp_path / "l.db") as ledger:
        report = ledger.import_tally(path)
        skips = ledger.skips()
        [series] = ledger.store.tally_series()
    assert [s.line for s in report.skipped] == [3, 4, 5]
    assert {s.reason for s in skips} == {SkipReason.MALFORMED_ROW} and len(skips) == 3
    assert [(d.day, d.values) for d in series.days] == [("2023-01-01", {"tanks": 5, "killed": 10}),
                                                         ("2023-01-03", {"tanks": 9})]


@pytest.mark.parametrize("content", ["", "day,tanks\n2023-01-01,1\n", "date,colour\n2023-01-01,red\n",
                                     "date,tanks\nnever,1\n"])
def test_an_unusable_file_keeps_what_was_stored(tmp_path: Path, content: str) -> None:
    with Ledger(tmp_path / "l.db") as ledger:
        ledger.import_tally(_csv(tmp_path / "s.csv", "date,tanks\n2023-01-01,1\n"))
        with pytest.raises(SourceError):
            ledger.import_tally(_csv(tmp_path / "s2.csv", content), name="ua-general-staff/s")
        [series] = ledger.store.tally_series()
        assert [s.reason for s in ledger.skips()] == [SkipReason.UNSUPPORTED]
    assert [d.day for d in series.days] == ["2023-01-01"]


def test_json_and_unknown_files_need_a_known_source(tmp_path: Path) -> None:
    data = tmp_path / "data.json"
    data.write_text(json.dumps([{"date": "2023-01-01", "tank": 3}]), encoding="utf-8")
    definitions = tally_definitions(load_profile("russia-ukraine"))
    with Ledger(tmp_path / "l.db") as ledger:
        with pytest.raises(SourceError, match="no dataset the profile knows"):
            ledger.import_tally(data)
        with pytest.raises(SourceError, match="columns"):
            ledger.import_tally(data, name="ua-general-staff/unknown")
        with pytest.raises(SourceError, match="does not exist"):
            ledger.import_tally(tmp_path / "missing.json")
        report = ledger.import_tally(data, name="ua-general-staff/petroivaniuk")  # that source's key names
    assert "petroivaniuk" in definitions["ua-general-staff"].sources and report.days == 1


def test_cli_import_and_show(cli: Run, tmp_path: Path) -> None:
    path = _csv(tmp_path / "mine.csv", "date,tanks,killed\n2022-12-31,3030,105960\nbad,1,2\n")
    imported = cli("tally", "import", str(path))
    assert imported.returncode == 1, imported.stderr  # one row skipped
    assert "imported ua-general-staff/mine (cross_check): 1 days" in imported.stderr
    assert "differs from the other transcriptions on 1 days" in imported.stderr
    shown = cli("tally", "show", "--disagreements", "--json")
    rows = [json.loads(line) for line in shown.stdout.splitlines()]
    assert rows == [{"tally": "ua-general-staff", "date": "2022-12-31", "column": "tanks",
                     "values": "petroivaniuk 3029, mine 3030"}]
    day = cli("tally", "show", "--date", "2022-12-31", "--json")
    tanks = next(json.loads(line) for line in day.stdout.splitlines() if '"tanks"' in line)
    assert tanks["ua-general-staff/petroivaniuk"] == 3029 and tanks["agree"] is False
    series = cli("tally", "show", "ua-general-staff/mine", "--csv")
    assert series.stdout.splitlines()[1].startswith("2022-12-31,105960,,3030")
    bad = cli("tally", "import", str(tmp_path / "nothing.csv"))
    assert bad.returncode == 2 and "error:" in bad.stderr and "Traceback" not in bad.stderr
    assert cli("tally", "show", "--date", "soon").returncode == 2


# ---------------------------------------------------------------- the shared transcriptions
def test_the_two_shared_transcriptions_import_and_their_disagreements_are_listed(tmp_path: Path) -> None:
    data = shared_path("data", "ukraine-mod-russia-losses")
    with Ledger(tmp_path / "l.db") as ledger:
        primary = ledger.import_tally(data / "petroivaniuk")
        cross = ledger.import_tally(data / "orc-losses")
        tally = next(t for t in ledger.tallies() if t.key == "ua-general-staff")
    assert (primary.series, primary.role, primary.days) == ("ua-general-staff/petroivaniuk", "primary", 1626)
    assert (cross.series, cross.role) == ("ua-general-staff/orc-losses", "cross_check")
    assert not primary.skipped and not cross.skipped
    assert [s.origin != "shipped" for s in tally.series] == [True, True]  # the import replaced the shipped copy
    differ = {(d.day, d.column): dict(d.values) for d in cross.disagreements}
    assert differ[("2026-04-20", "helicopters")] == {"petroivaniuk": 351, "orc-losses": 350}
    assert not any(day == "2022-12-31" for day, _ in differ)  # the seed's day: both agree
    # the shipped primary is exactly what the petroivaniuk files give
    shipped = next(s for t in load_tallies(load_profile("russia-ukraine")) for s in t.series)
    assert shipped.days == next(s for s in tally.series if s.source == "petroivaniuk").days


def test_a_filtered_listing_checks_each_article_as_a_whole(tmp_path: Path) -> None:
    # 552 planes and helicopters stand on 12-31 and the days after it; the article's tanks say 12-31, as in the export
    figures = (_figure(1, "tanks", 3029), _figure(2, "aircraft_and_helicopters", 552))
    with _ledger_with_figures(tmp_path / "l.db", *figures) as ledger:
        [(figure, _check)] = list(ledger.checked_figures(measure="aircraft_and_helicopters"))
    assert figure.as_of == "2022-12-31"
