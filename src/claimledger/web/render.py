"""Templates, assets and the helpers every page uses.

One Jinja environment over the package's ``templates/``, autoescaping everything: article text,
titles, outlets and claimants are untrusted and reach the page only as escaped text. Highlighted
text is built here (``marked``) from segments (``highlight.py``), every piece and attribute escaped
with ``markupsafe.escape``. ``Links`` says where a page's links point: paths of the served app
(``request.url_for``, so a mount prefix is kept), or anchors inside the one-file report.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.resources import files
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.requests import Request

from .charts import number
from .highlight import Segment

ASSETS = {"style.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8"}
# The served pages load only the package's own style sheet and script, and fetch nothing.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("claimledger.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(number=number, label=label, marked=marked, day=day, moment=moment, value=value)
    return env


@lru_cache(maxsize=len(ASSETS))
def asset(name: str) -> str:
    """A file of the package's ``static/`` (only those in ``ASSETS``)."""
    return (files("claimledger.web") / "static" / name).read_text(encoding="utf-8")


def inline_csp() -> str:
    """The report's policy: only its own inline style sheet and script (by hash), nothing fetched."""
    return ("default-src 'none'; img-src data:; " f"style-src '{_sha256(asset('style.css'))}'; "
            f"script-src '{_sha256(asset('app.js'))}'")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


class Links:
    """Where the served app's links point (``request.url_for`` on the router's route names)."""

    inline = False

    def __init__(self, request: Request) -> None:
        self._request = request

    def _path(self, route: str, query: dict[str, str] | None = None, **params: str) -> str:
        path = self._request.url_for(route, **params).path
        wanted = {k: v for k, v in (query or {}).items() if v}
        return path + ("?" + urlencode(wanted) if wanted else "")

    def board(self, **query: str) -> str | None:
        return self._path("board", query)

    def event(self, event_id: str) -> str | None:
        return self._path("event", event_id=event_id)

    def article(self, article_id: str, record_id: str | None = None) -> str | None:
        path = self._path("article", article_id=article_id)
        return path + (f"#w-{quote(record_id, safe=':.')}" if record_id else "")

    def outlet(self, name: str) -> str | None:
        return self._path("outlet", name=name)

    def page(self, name: str, **query: str) -> str | None:
        """timeline, chart, map, outlets."""
        return self._path(name, query)

    def static(self, name: str) -> str:
        return self._path("static", name=name)


class ReportLinks(Links):
    """Links inside the one-file report: events are sections of it; there are no article pages."""

    inline = True

    def __init__(self) -> None:
        pass

    def board(self, **query: str) -> str | None:
        return "#events"

    def event(self, event_id: str) -> str | None:
        return f"#event-{event_id}"

    def article(self, article_id: str, record_id: str | None = None) -> str | None:
        return None

    def outlet(self, name: str) -> str | None:
        return None

    def page(self, name: str, **query: str) -> str | None:
        return f"#{name}" if name in ("timeline", "chart", "map") else None

    def static(self, name: str) -> str:
        return ""


def side_classes(parties: Iterable[str]) -> Callable[[str], str]:
    """``css(side)``: the colour class of a side: ``s0``, ``s1``... for the profile's parties (by name),
    one of ``s-o0``..``s-o3`` for any other side (the same on every page: from a digest of its name),
    ``s-unknown`` for unknown. No side's name is in the CSS, so a new profile needs no new style."""
    order = {side: i for i, side in enumerate(sorted(parties))}

    def css(side: str) -> str:
        if side in order:
            return f"s{order[side]}"
        if side == "unknown":
            return "s-unknown"
        return f"s-o{int(hashlib.sha256(side.encode('utf-8')).hexdigest(), 16) % 4}"

    return css


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


# ---------------------------------------------------------------- filters
def marked(pieces: Iterable[Segment]) -> Markup:
    """Highlighted text: each covered piece in a ``span`` with its kinds as classes (``k-claim``...), its
    records' ids in ``data-ids`` and its notes as a tooltip; an anchor ``w-<id>`` where a record's words
    begin (on its first piece, so CSS ``:target`` shows it with no script). Every piece of text and every
    attribute is escaped."""
    out: list[str] = []
    for s in pieces:
        if not s.ids:
            out.append(str(escape(s.text)))
            continue
        out.extend(f'<span class="anchor" id="w-{escape(i)}"></span>' for i in s.starts[1:])
        anchor = f' id="w-{escape(s.starts[0])}"' if s.starts else ""
        classes = " ".join(f"k-{k}" for k in s.kinds)
        note = f' title="{escape("; ".join(s.notes))}"' if s.notes else ""
        out.append(f'<span{anchor} class="{escape(classes)}" data-ids="{escape(" ".join(s.ids))}"{note}>'
                   f"{escape(s.text)}</span>")
    return Markup("".join(out))


def label(value: str | None) -> str:
    """A code as words: ``killed_or_wounded`` -> ``killed or wounded``."""
    return (value or "").replace("_", " ")


def day(value: str | None) -> str:
    return (value or "")[:10] or "undated"


def moment(value: str | None) -> str:
    """A date or date-time as a reader wants it: ``2023-01-07 23:00`` (no seconds, no offset)."""
    if not value:
        return "undated"
    return value[:10] + (" " + value[11:16] if len(value) > 11 and value[11:16] != "00:00" else "")


def value(figure: Any) -> str:
    """A figure's normalised value: 89, or a range 200–999 when it gives no best value."""
    if figure.best is not None:
        return number(figure.best)
    if figure.low is not None and figure.high is not None:
        return f"{number(figure.low)}–{number(figure.high)}"
    return number(figure.low if figure.low is not None else figure.high) if (
        figure.low is not None or figure.high is not None) else "?"
