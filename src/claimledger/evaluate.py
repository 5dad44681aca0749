"""Score a ledger export against a gold file, with an error report per article.

For people who annotate their own corpus: ``claimledger evaluate GOLD`` reads a
gold file in the shared format (``shared/spec/gold-format.md``) and the ledger's
exchange-format records (``export.record_dicts``, or a JSONL export), and tells
per article what was found and what went wrong. The summary follows the
format's matching rules:

- figures: a predicted figure fills a gold one when the article, ``measure`` and
  ``subject_side`` are equal, the value agrees (``best`` where gold has one,
  else ``low`` and ``high``) and the claimant's side is gold's (or a
  ``claimant_also`` reading's fields all agree). Predictions are first
  de-duplicated per article on (measure, subject, values, claimant side);
  figures matching an ``optional`` gold figure are neither rewarded nor
  penalised. Value recall ignores the claimant.
- claims: a gold claim is found when a claim of the same article names the same
  claimant (surname or head-word overlap; where gold's name is all common
  words, every one of them) with the same side.
- event links: pairs of articles that one gold event joins, against the pairs
  one predicted event joins, within a type family.
- event dates and places: over gold events matched to a predicted event of the
  same family that shares an article, the share with the gold day (or a
  ``date_also`` day) and with a place within 25 km.

The error report sorts each gold figure into one verdict, in this order:
``found``; ``claimant`` (the right count, another claimant side); ``subject``
(the right measure and value, another subject side); ``measure`` (the right
value counted as something else); ``missed``. Every prediction that fills no
gold figure is ``spurious``, shown with the words of its sentence.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

FAMILIES = {"ceasefire_declared": "ceasefire", "ceasefire_rejected": "ceasefire", "ceasefire_violation": "ceasefire",
            "statement": "statement", "demand": "statement", "negotiation": "statement",
            "casualty_report": "strike", "strike": "strike"}
PLACE_KM = 25.0
# Words that stand for a state in claimant names, and words too common to identify a claimant.
NAME_ALIASES = {"kyiv": "ukraine", "kiev": "ukraine", "moscow": "russia", "minsk": "belarus", "warsaw": "poland"}
COMMON_NAME_WORDS = frozenset({"the", "and", "ministry", "defence", "defense", "of", "for", "ukrainian", "russian"})
VERDICTS = ("found", "claimant", "subject", "measure", "missed")

Record = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    true_predicted: int
    predicted: int
    true_gold: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_predicted / self.predicted if self.predicted else (0.0 if self.gold else 1.0)

    @property
    def recall(self) -> float:
        return self.true_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "predicted": self.predicted, "gold": self.gold}


@dataclass(frozen=True, slots=True)
class FigureVerdict:
    """One gold figure and what became of it; ``predicted`` is the closest prediction, if any."""

    verdict: str
    gold: Record
    predicted: Record | None = None


@dataclass(slots=True)
class ArticleReport:
    """Everything the report says about one gold article."""

    ref: str
    outlet: str | None = None
    figures: list[FigureVerdict] = field(default_factory=list)
    spurious: list[Record] = field(default_factory=list)
    claims_missed: list[Record] = field(default_factory=list)
    claims_wrong_side: list[tuple[Record, Record]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EventVerdict:
    """A gold event and the predicted event it was matched to (None: no match)."""

    gold: Record
    predicted: Record | None
    date_ok: bool | None  # None: gold gives no day
    place_ok: bool | None  # None: gold gives no point


@dataclass(slots=True)
class Evaluation:
    figures: PRF
    value_recall: float
    as_of_accuracy: float | None
    claims_recall: float | None
    claims_side_accuracy: float | None
    event_links: PRF
    events: list[EventVerdict]
    articles: list[ArticleReport]

    @property
    def date_accuracy(self) -> float | None:
        judged = [e.date_ok for e in self.events if e.predicted is not None and e.date_ok is not None]
        return sum(judged) / len(judged) if judged else None

    @property
    def place_accuracy(self) -> float | None:
        judged = [e.place_ok for e in self.events if e.predicted is not None and e.place_ok is not None]
        return sum(judged) / len(judged) if judged else None

    def summary(self) -> dict[str, Any]:
        matched = sum(e.predicted is not None for e in self.events)
        return {
            "figures": {**self.figures.as_dict(), "value_recall": _round(self.value_recall),
                        "as_of_accuracy": _round(self.as_of_accuracy)},
            "claims": {"recall": _round(self.claims_recall), "side_accuracy": _round(self.claims_side_accuracy)},
            "event_links": self.event_links.as_dict(),
            "events": {"gold": len(self.events), "matched": matched, "date_accuracy": _round(self.date_accuracy),
                       "place_accuracy": _round(self.place_accuracy)},
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


# ---------------------------------------------------------------- loading
def load_gold(path: str | Path) -> dict[str, Any]:
    """A gold file (YAML). Raises ConfigError when it cannot be read or is not a gold file."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"Gold file {path} cannot be read: {exc}", code="CL110") from exc
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise ConfigError(f"Gold file {path} has no 'articles' list: is it a gold file "
                          "(shared/spec/gold-format.md)?", code="CL110")
    return data


# ---------------------------------------------------------------- matching
def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _value_match(pred: Record, gold: Record) -> bool:
    if gold.get("best") is not None:
        return _num(pred.get("best")) == _num(gold["best"])
    return _num(pred.get("low")) == _num(gold.get("low")) and _num(pred.get("high")) == _num(gold.get("high"))


def _claimant_ok(pred: Record, gold: Record) -> bool:
    claimant = pred.get("claimant") or {}
    if claimant.get("side") == (gold.get("claimant") or {}).get("side"):
        return True
    return any(all(claimant.get(k) == v for k, v in alt.items()) for alt in gold.get("claimant_also") or ())


def _name_words(text: Any) -> set[str]:
    return {NAME_ALIASES.get(w, w) for w in re.findall(r"[a-z]+", str(text or "").lower()) if len(w) > 2}


def _same_claimant(pred: Record, gold: Record) -> bool:
    full = _name_words(gold.get("name"))
    core = full - COMMON_NAME_WORDS
    said = _name_words(pred.get("name")) | _name_words(pred.get("mention"))
    return bool(core & said) if core else bool(full) and full <= said


def _family(type_: Any) -> str:
    return FAMILIES.get(str(type_), str(type_))


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _km(a: Record, b: Record) -> float:
    p1, p2 = math.radians(float(a["lat"])), math.radians(float(b["lat"]))
    dp, dl = p2 - p1, math.radians(float(b["lon"]) - float(a["lon"]))
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# ---------------------------------------------------------------- evaluation
def evaluate(gold: Mapping[str, Any], records: Iterable[Record]) -> Evaluation:
    """Score exchange-format ``records`` against ``gold`` (see the module docstring)."""
    by_kind: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_kind[str(record.get("record"))].append(record)
    ref_of = {a.get("id"): a.get("ref") for a in by_kind["article"]}
    outlet_of = {a.get("ref"): a.get("outlet") for a in by_kind["article"]}
    gold_refs = [str(a["ref"]) for a in gold.get("articles") or ()]
    in_gold = set(gold_refs)

    def ref(record: Record) -> Any:
        return record.get("article_ref") or ref_of.get(record.get("article_id"))

    reports = {r: ArticleReport(ref=r, outlet=outlet_of.get(r)) for r in gold_refs}
    figures, value_recall, as_of = _figures(gold, by_kind["figure"], ref, in_gold, reports)
    claims_recall, side_accuracy = _claims(gold, by_kind["claim"], ref, in_gold, reports)
    links, events = _events(gold, by_kind["event"], in_gold)
    return Evaluation(figures, value_recall, as_of, claims_recall, side_accuracy, links, events,
                      [reports[r] for r in gold_refs])


def _figures(gold: Mapping[str, Any], predicted: Sequence[Record], ref: Any, in_gold: set[str],
             reports: dict[str, ArticleReport]) -> tuple[PRF, float, float | None]:
    seen: set[tuple[Any, ...]] = set()
    preds: list[Record] = []
    for f in predicted:
        if ref(f) not in in_gold:
            continue
        key = (ref(f), f.get("measure"), f.get("subject_side"), _num(f.get("low")), _num(f.get("best")),
               _num(f.get("high")), (f.get("claimant") or {}).get("side"))
        if key not in seen:
            seen.add(key)
            preds.append(f)
    golds = list(gold.get("figures") or ())
    required = [g for g in golds if not g.get("optional")]
    optional = [g for g in golds if g.get("optional")]

    def slot(p: Record, g: Record) -> bool:
        return (ref(p) == g.get("article") and p.get("measure") == g.get("measure")
                and p.get("subject_side") == g.get("subject_side") and _value_match(p, g))

    counted = [p for p in preds if not any(slot(p, g) for g in optional)]
    hit_pred = [any(slot(p, g) and _claimant_ok(p, g) for g in required) for p in counted]
    hit_gold = 0
    value_hits = 0
    as_of_judged = as_of_ok = 0
    for g in required:
        mine = [p for p in preds if ref(p) == g.get("article")]
        same = [p for p in mine if slot(p, g)]
        right = [p for p in same if _claimant_ok(p, g)]
        value_hits += bool(same)
        if g.get("as_of"):
            as_of_judged += 1
            as_of_ok += any(str(p.get("as_of") or "")[:10] == str(g["as_of"])[:10] for p in same)
        if right:
            verdict = FigureVerdict("found", g, right[0])
            hit_gold += 1
        elif same:
            verdict = FigureVerdict("claimant", g, same[0])
        else:
            valued = [p for p in mine if _value_match(p, g)]
            measured = [p for p in valued if p.get("measure") == g.get("measure")]
            if measured:
                verdict = FigureVerdict("subject", g, measured[0])
            elif valued:
                verdict = FigureVerdict("measure", g, valued[0])
            else:
                verdict = FigureVerdict("missed", g)
        report = reports.get(str(g.get("article")))
        if report is not None:
            report.figures.append(verdict)
    for p, hit in zip(counted, hit_pred, strict=True):
        report = reports.get(str(ref(p)))
        if not hit and report is not None:
            report.spurious.append(p)
    prf = PRF(sum(hit_pred), len(counted), hit_gold, len(required))
    return (prf, value_hits / len(required) if required else 1.0,
            as_of_ok / as_of_judged if as_of_judged else None)


def _claims(gold: Mapping[str, Any], predicted: Sequence[Record], ref: Any, in_gold: set[str],
            reports: dict[str, ArticleReport]) -> tuple[float | None, float | None]:
    claims = [c for c in predicted if ref(c) in in_gold]
    gold_claims = list(gold.get("claims") or ())
    found = side_ok = 0
    for g in gold_claims:
        named = [c for c in claims if ref(c) == g.get("article")
                 and _same_claimant(c.get("claimant") or {}, g.get("claimant") or {})]
        report = reports.get(str(g.get("article")))
        if not named:
            if report is not None:
                report.claims_missed.append(g)
            continue
        found += 1
        sided = [c for c in named if (c.get("claimant") or {}).get("side") == (g.get("claimant") or {}).get("side")]
        side_ok += bool(sided)
        if not sided and report is not None:
            report.claims_wrong_side.append((g, named[0]))
    return (found / len(gold_claims) if gold_claims else None, side_ok / found if found else None)


def _events(gold: Mapping[str, Any], predicted: Sequence[Record],
            in_gold: set[str]) -> tuple[PRF, list[EventVerdict]]:
    gold_links = {(a, b, _family(e.get("type"))) for e in gold.get("events") or ()
                  for a, b in itertools.combinations(sorted(set(e.get("article_refs") or ())), 2)}
    pred_links = {(a, b, _family(e.get("type"))) for e in predicted
                  for a, b in itertools.combinations(sorted(set(e.get("article_refs") or ()) & in_gold), 2)}
    both = len(gold_links & pred_links)
    verdicts: list[EventVerdict] = []
    taken: set[int] = set()
    for g in gold.get("events") or ():
        refs = set(g.get("article_refs") or ())
        gold_day = str(g.get("date_start") or "")[:10]
        candidates = [(n, e) for n, e in enumerate(predicted) if n not in taken
                      and _family(e.get("type")) == _family(g.get("type")) and refs & set(e.get("article_refs") or ())]
        if not candidates:
            verdicts.append(EventVerdict(g, None, None, None))
            continue

        n, best = max(candidates, key=lambda item: _match_rank(item[1], g, refs, gold_day))
        taken.add(n)
        date_ok: bool | None = None
        if len(gold_day) == 10:
            days = {gold_day} | {str(d)[:10] for d in g.get("date_also") or ()}
            date_ok = str(best.get("date_start") or "")[:10] in days
        place_ok: bool | None = None
        gold_place = g.get("place") or {}
        if gold_place.get("lat") is not None:
            place = best.get("place") or {}
            place_ok = place.get("lat") is not None and _km(gold_place, place) <= PLACE_KM
        verdicts.append(EventVerdict(g, best, date_ok, place_ok))
    return PRF(both, len(pred_links), both, len(gold_links)), verdicts


def _match_rank(event: Record, gold: Record, refs: set[str], gold_day: str) -> tuple[bool, int, int]:
    """How well a predicted event fits a gold one: the same type, shared articles, then the nearest day."""
    a, b = _day(event.get("date_start")), _day(gold_day)
    gap = abs((a - b).days) if a is not None and b is not None else 10_000
    return (event.get("type") == gold.get("type"), len(refs & set(event.get("article_refs") or ())), -gap)


# ---------------------------------------------------------------- the report
def _figure_words(f: Record) -> str:
    claimant = f.get("claimant") or {}
    value = f.get("best") if f.get("best") is not None else f"{f.get('low')}..{f.get('high')}"
    return (f"{f.get('measure')} {value} of {f.get('subject_side')}, claimed by "
            f"{claimant.get('name') or claimant.get('kind')} ({claimant.get('side')})")


def _sentence(f: Record, width: int = 160) -> str:
    evidence = f.get("evidence") or {}
    text = " ".join(str(evidence.get("text") or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


def report_lines(evaluation: Evaluation, *, only_errors: bool = False) -> list[str]:
    """The per-article error report as plain text lines (see the module docstring for the verdicts)."""
    lines: list[str] = []
    for art in evaluation.articles:
        wrong = [v for v in art.figures if v.verdict != "found"]
        if only_errors and not wrong and not art.spurious and not art.claims_missed and not art.claims_wrong_side:
            continue
        counts = {v: sum(x.verdict == v for x in art.figures) for v in VERDICTS}
        lines.append(f"{art.ref}  {art.outlet or ''}  figures: " + ", ".join(f"{n} {v}" for v, n in counts.items() if n)
                     + f", {len(art.spurious)} spurious")
        for v in art.figures:
            if only_errors and v.verdict == "found":
                continue
            g = v.gold
            gold_claimant = g.get("claimant") or {}
            value = g.get("best") if g.get("best") is not None else g.get("qualifier")
            lines.append(f"  {v.verdict:8} {g.get('measure')} {value} of {g.get('subject_side')}, claimed by "
                         f"{gold_claimant.get('name')} ({gold_claimant.get('side')})")
            if v.predicted is not None and v.verdict != "found":
                lines.append(f"           got: {_figure_words(v.predicted)}")
            if v.verdict == "missed" and g.get("evidence"):
                lines.append(f"           words: {' '.join(str(g['evidence']).split())[:160]}")
        for p in art.spurious:
            lines.append(f"  spurious {_figure_words(p)}")
            lines.append(f"           in: {_sentence(p)}")
        for g in art.claims_missed:
            c = g.get("claimant") or {}
            lines.append(f"  claim missed: {c.get('name')} ({c.get('side')}, {g.get('mode')})")
        for g, p in art.claims_wrong_side:
            c, pc = g.get("claimant") or {}, p.get("claimant") or {}
            lines.append(f"  claim side: {c.get('name')} is {c.get('side')}, got {pc.get('side')}")
    for e in evaluation.events:
        g = e.gold
        if e.predicted is None:
            lines.append(f"event {g.get('key')} ({g.get('type')}): no predicted event shares its articles")
            continue
        if only_errors and e.date_ok is not False and e.place_ok is not False:
            continue
        place = (e.predicted.get("place") or {}).get("name")
        gold_place = (g.get("place") or {}).get("name")
        lines.append(f"event {g.get('key')} ({g.get('type')}): date {e.predicted.get('date_start')} "
                     f"(gold {g.get('date_start')}{'' if e.date_ok is not False else ' WRONG'}), place {place} "
                     f"(gold {gold_place}{'' if e.place_ok is not False else ' WRONG'})")
    return lines


__all__ = ["ArticleReport", "Evaluation", "EventVerdict", "FigureVerdict", "PRF", "evaluate", "load_gold",
           "report_lines"]
