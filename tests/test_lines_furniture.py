"""Page furniture: bylines, captions, links, stamps, prompts and related headlines (our own lines)."""

from __future__ import annotations

import pytest

from claimledger.extract import extract
from claimledger.extract.extensions import in_furniture
from claimledger.extract.lines import find_furniture

from .conftest import full_pipeline, make_article

LEDE = "Shelling hit the port of Izmail overnight, killing two people, the governor said."
BODY = "Rescuers worked through the morning to clear the rubble from the grain terminal."


def furniture_of(line: str, *, before: str = LEDE, after: str = BODY) -> list[str]:
    """The furniture lines found when ``line`` stands between two ordinary paragraphs."""
    text = f"Two killed as drones hit Danube port\n{before}\n{line}\n{after}\n"
    return [s.text for s in find_furniture(text)]


@pytest.mark.parametrize("line", [
    "By Jane Doe and Ivan Petrenko",
    "By JANE DOE, Associated Press",
    "byOlena Koval",
    "By AFP Published: Sat 3 Jun 2023, 9:10 AM",
    "Reporting by Tom Miller; Editing by Anna Berg",
    "(Reuters)",
    "(With additional reporting from wire services.)",
    "Smoke rises over the terminal after the attack. (Photo credit: Regional Administration/Handout)",
    "Photo: Ministry of Internal Affairs",
    "File photo",
    "READ MORE: Drones hit oil depot in southern Russia",
    "Read more",
    "Also read: Kyiv says it downed 30 drones",
    "Published: 04/06/2023",
    "Updated 17:45",
    "Updated with the governor's latest toll",
    "12/06/2024",
    "June 3, 2023 10:15 AM",
    "3 minute read",
    "This audio is created with AI assistance",
    "Subscribe to our newsletter for daily updates",
    "Listen to this article",
    "KEY FACTS",
    "Residents of a frontline town count the cost of another night of shelling",
])
def test_layouts_of_furniture_lines(line: str) -> None:
    assert furniture_of(line) == [line]


@pytest.mark.parametrize("line", [
    "By Friday the toll had risen to twelve, officials said.",
    "By the evening, rescuers had pulled five people from the ruins.",
    "Updated figures show the strike killed 14 people.",
    "More than 40 drones were shot down over the region.",
    "Source: the regional military administration on Telegram",
    "- tanks: 3,100 (+4)",
    "• Most of the attacks targeted energy facilities",
    "Watchdogs said the plant lost power for the eighth time.",
    "The photo shows the damaged terminal.",
    "Updated with the ministry's statement that two sailors were rescued.",
    "Updated with the mayor saying the water supply was cut.",
])
def test_story_lines_are_not_furniture(line: str) -> None:
    assert furniture_of(line) == []


def test_the_headline_is_never_furniture() -> None:
    text = "DRONES HIT PORT\nVideo shows blaze\nShelling hit the port overnight, the governor said.\n"
    assert [s.text for s in find_furniture(text)] == []


def test_a_caption_printed_again_without_its_credit() -> None:
    caption = "Firefighters work at the damaged warehouse in the port after the strike on Monday"
    text = (f"Drones hit Danube port\n{LEDE}\n{caption}. (photo credit: Emergency Service/Handout)\n{caption}.\n"
            f"{BODY}\n")
    found = [s.text for s in find_furniture(text)]
    assert found == [f"{caption}. (photo credit: Emergency Service/Handout)", f"{caption}."]


def test_a_related_headline_needs_a_paragraph_before_and_text_after() -> None:
    headline = "Residents of a frontline town count the cost of another night of shelling"
    assert furniture_of(headline, before="The governor said the attack lasted two hours:") == []
    text = f"Drones hit Danube port\n{LEDE}\n{BODY}\n{headline}\n"
    assert [s.text for s in find_furniture(text)] == []  # the last line: nothing follows


def test_offsets_point_at_the_line() -> None:
    text = f"Drones hit Danube port\n  By Jane Doe  \n{LEDE}\n"
    (span,) = find_furniture(text)
    assert text[span.start:span.end] == span.text == "By Jane Doe"


def test_the_pipeline_records_furniture_and_ignores_it() -> None:
    text = ("Drones hit Danube port overnight\n"
            "By Jane Doe\n"
            "Published: 04/06/2023\n"
            "Russian drones struck the port of Izmail on Saturday, killing two people, the governor said.\n"
            "READ MORE: Missile strike on Odesa kills three on Tuesday\n"
            "Rescuers worked through the night to clear the rubble.\n")
    nlp = full_pipeline()
    doc = nlp(text)
    assert [s.text for s in doc._.cl_furniture] == [
        "By Jane Doe", "Published: 04/06/2023", "READ MORE: Missile strike on Odesa kills three on Tuesday"]
    at = text.index("Odesa")
    assert in_furniture(doc, at, at + 5) and not in_furniture(doc, 0, 5)
    found = extract(make_article(text, published="2023-06-04"), nlp)
    assert all(t.span.text not in ("04/06/2023", "Tuesday") for t in found.times)
    assert all(p.place.name != "Odesa" for p in found.places)
    assert all(e.place is None or e.place.name != "Odesa" for e in found.events)
    assert all(not e.trigger.start > text.index("READ MORE") or e.trigger.start > text.index("Rescuers")
               for e in found.events)


def test_figures_and_claims_skip_furniture_lines() -> None:
    from claimledger.extract import extract

    from .conftest import full_pipeline, make_article

    text = ("Shelling hits port town\n"
            "Russian shelling killed four people in the port overnight, the governor said on Tuesday.\n"
            "READ MORE: Kyiv says it downed 31 drones over the capital\n"
            "Firefighters at a burning warehouse, where 12 workers were hurt. (Photo: Regional Administration)\n"
            "Rescue work went on through the morning, officials said.\n")
    result = extract(make_article(text, published="2024-05-07", article_id="furn0001"), full_pipeline())
    furniture = [line for line in text.splitlines() if line.startswith(("READ MORE", "Firefighters"))]
    assert {f.number.text for f in result.figures} == {"four"}
    assert result.claims and not [c for c in result.claims if any(c.content.text in line for line in furniture)]


def test_a_quotation_running_past_a_link_line_stays_a_claim() -> None:
    from claimledger.extract import extract

    from .conftest import full_pipeline, make_article

    text = ("Kyiv rejects truce offer\n"
            "The foreign minister wrote on Telegram: \"We will not stop defending our towns.\n"
            "READ MORE: Drones hit a fuel depot in the south\n"
            "\"Talks can start only when the troops leave.\"\n")
    result = extract(make_article(text, published="2024-05-07", article_id="furn0002"), full_pipeline())
    assert any(c.content.text.startswith("We will not stop") for c in result.claims), \
        [c.content.text for c in result.claims]
