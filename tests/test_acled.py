"""The ACLED-style event rows: fatalities coded the conservative way, types from the profile, the CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from claimledger import Ledger
from claimledger.acled import COLUMNS, AcledType, acled_rows, acled_types, fatalities, write_acled_csv
from claimledger.errors import ConfigError
from claimledger.profiles import Profile, load_profile
from claimledger.records import Claimant, Event, EventActor, EventMention, Figure, Place, Span

from .conftest import Run

RUSSIA_MOD = Claimant("Russian Ministry of Defence", "the ministry", "russia", "official", "ru_mod")
UKRAINE = Claimant("Ukrainian General Staff", "the General Staff", "ukraine", "official", "ua_gs")
SOURCES = Claimant(None, "sources", "unknown", "unofficial")
MONITORS = Claimant("UN monitors", "the monitors", "un", "official", "un_monitors")


def figure(claimant: Claimant, best: float | None, *, article: str = "a1", measure: str = "killed",
           subject: str = "russia", low: float | None = None, high: float | None = None,
           words: str | None = None, qualifier: str = "exact") -> Figure:
    text = words or str(int(best if best is not None else low or 0))
    return Figure(id=f"{article}:f{text}{claimant.side}", article_id=article, measure=measure,
                  subject_side=subject, low=low, best=best, high=high, qualifier=qualifier, claimant=claimant,
                  evidence=Span(0, len(text), text), number=Span(0, len(text), text))


def test_the_conservative_count_is_the_lowest_claimants_latest_figure() -> None:
    dead = fatalities([figure(RUSSIA_MOD, 63, article="a1"), figure(RUSSIA_MOD, 89, article="a2"),
                       figure(UKRAINE, 400, article="a2")], {"a1": "2023-01-02", "a2": "2023-01-04"})
    assert (dead.count, dead.low, dead.best, dead.high) == (89, 89, 89, 400)  # 63 was revised to 89
    assert any("Russian Ministry of Defence" in c and ": 89" in c for c in dead.claims)
    assert not any(": 63" in c for c in dead.claims)


def test_sides_add_up_and_a_count_of_no_known_side_is_a_floor() -> None:
    published = {"a1": "2024-05-01"}
    two_sides = [figure(UKRAINE, 3, subject="ukraine", measure="civilians_killed"), figure(RUSSIA_MOD, 5)]
    assert fatalities(two_sides, published).count == 8
    people = figure(MONITORS, 12, subject="unknown", words="12 people")
    assert fatalities([*two_sides, people], published).count == 12  # may already be the others' total
    assert fatalities([*two_sides, figure(MONITORS, 6, subject="unknown")], published).count == 8


def test_unattributed_and_vague_figures() -> None:
    published = {"a1": "2024-05-01"}
    rumour = fatalities([figure(SOURCES, 300)], published)
    assert rumour.count is None and rumour.claims  # shown, not counted
    hundreds = figure(UKRAINE, None, low=200, high=999, words="hundreds", qualifier="hundreds")
    vague = fatalities([hundreds, figure(RUSSIA_MOD, 40, low=40, words="at least 40", qualifier="at_least")],
                       published)
    assert (vague.count, vague.high) == (40, 999)


def test_civilian_deaths_count_only_where_no_killed_figure_of_that_side() -> None:
    published = {"a1": "2024-05-01"}
    both = [figure(UKRAINE, 7, subject="ukraine"), figure(UKRAINE, 4, subject="ukraine", measure="civilians_killed")]
    assert fatalities(both, published).count == 7
    assert fatalities([], published).count is None


def event(type_: str, *, start: str | None = "2023-01-01", end: str | None = None,
          place: Place | None = None) -> Event:
    return Event(id=f"ev:{type_}", type=type_, title=f"A {type_}", date_start=start, date_end=end, place=place,
                 actors=(EventActor("Ukraine", "ukraine", "initiator"), EventActor("Russia", "russia", "target")),
                 article_ids=("a1", "a2"), article_refs=("ref-1", "ref-2"), mention_ids=("a1:e1-2",),
                 status="contested", sources=2)


def test_rows_cover_dated_events_of_mapped_types_only() -> None:
    town = Place("Makiivka", "city", "UA", "Donetsk", 48.05, 37.96)
    region = Place("Donetsk Oblast", "admin1", "UA", "Donetsk", 48.0, 37.8)
    types = {"strike": AcledType("Explosions/Remote violence", "Shelling/artillery/missile attack"),
             "capture": AcledType("Battles", "Armed clash")}
    events = [event("strike", place=town), event("statement"), event("capture", start=None),
              event("capture", start="2023-01-01", end="2023-01-05", place=region)]
    figures = {"ev:strike": [figure(RUSSIA_MOD, 89), figure(UKRAINE, 400)]}
    rows = list(acled_rows(events, figures, {}, {"a1": "Outlet A", "a2": "Outlet B"}, {"a1": "2023-01-02"}, types))
    assert [r["claimledger_type"] for r in rows] == ["strike", "capture"]
    strike, capture = rows
    assert (strike["event_date"], strike["year"], strike["time_precision"], strike["geo_precision"]) == (
        "2023-01-01", "2023", 1, 1)
    assert (strike["actor1"], strike["actor2"], strike["location"], strike["admin1"]) == (
        "Ukraine", "Russia", "Makiivka", "Donetsk")
    assert (strike["fatalities"], strike["fatalities_high"], strike["source"]) == (89, 400, "Outlet A; Outlet B")
    assert "Fatalities claimed" in strike["notes"]
    assert (capture["time_precision"], capture["geo_precision"], capture["fatalities"]) == (2, 3, 0)
    war_toll = figure(UKRAINE, 100_000, words="100,000")  # a war's toll quoted in the strike's report
    assert fatalities([*figures["ev:strike"], war_toll], {}).high == 400
    out = io.StringIO()
    assert write_acled_csv(rows, out) == 2
    assert next(csv.reader(io.StringIO(out.getvalue()))) == list(COLUMNS)


def test_the_profile_maps_types_and_a_bad_mapping_is_a_clear_error(tmp_path: Path) -> None:
    types = acled_types(load_profile("russia-ukraine"))
    assert types["strike"].event_type == "Explosions/Remote violence" and "statement" not in types
    bad = Profile(name="bad", path=tmp_path, sections={"acled": {"types": {"strike": "Explosions"}}})
    with pytest.raises(ConfigError, match="strike must be"):
        acled_types(bad)
    assert acled_types(Profile(name="none", path=tmp_path)) == {}


def test_the_seed_makiivka_strike_is_coded_with_the_russian_count(seeds: Path, tmp_path: Path) -> None:
    with Ledger(tmp_path / "ledger.db") as ledger:
        ledger.ingest(seeds)
        path = tmp_path / "acled.csv"
        assert ledger.export(path, format="acled") == [path]
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    strike = next(r for r in rows if r["location"] == "Makiivka" and r["claimledger_type"] == "strike")
    assert strike["event_date"] == "2023-01-01" and strike["event_type"] == "Explosions/Remote violence"
    assert strike["fatalities"] == "89"  # Russia's count, against Ukraine's 400: the conservative one
    assert int(strike["fatalities_high"]) >= 400 and "400" in strike["fatality_claims"]
    assert all(r["claimledger_type"] not in {"statement", "demand"} for r in rows)

    with Ledger(tmp_path / "ledger.db") as ledger:  # an analyst's correction counts
        for russian in [f for f in ledger.figures(measure="killed") if f.claimant.side == "russia" and f.best == 89]:
            ledger.correct_figure(russian.id, value=63, by="analyst", why="a smaller count, for the test")
        rows = ledger.acled_rows()
    strike = next(r for r in rows if r["location"] == "Makiivka" and r["claimledger_type"] == "strike")
    assert strike["fatalities"] == 63


def test_the_mentions_vote_on_who_struck_whom() -> None:
    def mention(initiator: str, target: str) -> EventMention:
        sides = {"Ukraine": "ukraine", "Russian forces": "russia"}
        return EventMention(id="m", article_id="a1", type="strike", title="", trigger=Span(0, 1, "x"),
                            actors=(EventActor(initiator, sides[initiator], "initiator"),
                                    EventActor(target, sides[target], "target")))
    votes = [mention("Ukraine", "Russian forces"), mention("Ukraine", "Russian forces"),
             mention("Russian forces", "Ukraine")]
    types = {"strike": AcledType("Explosions/Remote violence", "Air/drone strike")}
    row = next(acled_rows([event("strike")], {}, {"ev:strike": votes}, {}, {}, types))
    assert (row["actor1"], row["actor2"]) == ("Ukraine", "Russian forces")


def test_the_cli_exports_acled_rows_and_writes_the_report(cli: Run, seeds: Path, tmp_path: Path) -> None:
    assert cli("ingest", str(seeds)).returncode == 0
    exported = cli("export", "--format", "acled")
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert rows and list(rows[0]) == list(COLUMNS)
    written = cli("report", "--output", str(tmp_path / "out" / "report.html"))
    assert written.returncode == 0, written.stderr
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Makiivka" in html and "<script src" not in html  # one file: nothing to fetch
    wrong = cli("export", "--format", "acld")
    assert wrong.returncode == 2 and "acled" in wrong.stderr and "Traceback" not in wrong.stderr
