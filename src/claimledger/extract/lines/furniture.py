"""Page furniture: the lines of a page that are no part of the story.

Scraped news text keeps the page around the story: bylines, photo captions and
credits, "Read more" links, related-story headlines, publication stamps, audio
and subscription prompts. Their dates are publication times and their words
are other stories, so no event, date or place is taken from them.

``find_furniture(text)`` returns one ``records.Span`` per furniture line (the
line without its surrounding spaces), in text order. The rules look at the
layout of a whole line, never at one site's words; a line is furniture when:

1. it is a byline: "By" (or "by" glued to a capitalised name, "byJane Doe")
   followed only by capitalised names, agency names and connectors ("and",
   commas), optionally a stamp ("Published: ...", "| Updated ..."); or a
   credit footer ("Reporting by ...", "Editing by ...", "Writing by ...");
2. it is wholly in brackets and short: an agency or source credit
   ("(Reuters)", "(With inputs from agencies.)");
3. it is a photo caption or credit: it ends with a bracketed credit
   ("... (photo credit: ...)", "(Photo: ...)"), starts with a credit label
   ("Photo:", "Image:", "Credit:"), or is a short label naming a picture
   ("File photo", "Illustrative image"; never the headline); a line repeating the start of a
   caption (the caption printed again without its credit) is one too;
4. it starts with a link label: "READ MORE", "Read more", "Also read",
   "See also", "Related", "Watch", "Listen" (alone or before a colon, a dash
   or a headline);
5. it is a stamp: "Published", "Updated", "Posted", "Last updated" at its
   start ("Updated 13:13", "Published: Fri 22 Apr 2022"), a reading time
   ("1 minute read", "Reading time: 4 min"), or nothing but a date or time
   ("07/10/2023", "October 7, 2023 10:15"); an editor's note reporting what
   was said ("Updated with the ministry's statement that ...") is story;
6. it is a prompt: audio made by a machine ("This audio is created with AI
   assistance"), "Listen to this article", subscribe / sign up / follow us /
   support our journalism / download the app / advertisement;
7. it is a short label in capitals ("KEY POINTS", "ADVERTISEMENT"; never the headline);
8. it is a headline inside the body (a related story or a section head):
   after the first two lines of the text, 3 to 20 words, starting with a
   capital, ending without sentence punctuation (no full stop, question or
   exclamation mark, colon or closing quote), not a list item (bullet, dash,
   number), with a finished paragraph before it and text after it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from operator import attrgetter

from ...records import Span

LINE_RE = re.compile(r"[^\n]+")
NAME = r"[A-Z][\w'’.\-]*"
CONNECTOR = r"(?:and|&|,|of|the|for|in|at|de|van|von|der|da|la|le|/)"
STAMP_LABEL = r"(?:Published|Updated|Posted|Last\s+updated|First\s+published|Modified|Date)"
BYLINE_RE = re.compile(
    rf"^(?:By\s+|by(?=[A-Z]))(?:{NAME}|{CONNECTOR})(?:[\s,]+(?:{NAME}|{CONNECTOR}))*"
    rf"(?:\s*(?:[|•·,–—-]\s*)?{STAMP_LABEL}\b.*)?[\s.]*$")
CREDIT_FOOTER_RE = re.compile(
    r"^(?:\(?\s*)(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Translated|Produced)\s+by\s+\S", re.IGNORECASE)
BRACKETED_RE = re.compile(r"^[(\[][^()\[\]]{1,120}[)\]]\.?$")
CAPTION_CREDIT_RE = re.compile(
    r"[(\[]\s*(?:photo|image|picture|video|photograph|illustration|credit|source|screenshot)s?"
    r"(?:\s+(?:credit|by|source))?\s*[:/]", re.IGNORECASE)
CREDIT_LABEL_RE = re.compile(
    r"^(?:photo|image|picture|photograph|illustration|screenshot|credit|photo\s+credit|video)s?\s*:", re.IGNORECASE)
PICTURE_WORDS = frozenset({"photo", "photos", "image", "images", "picture", "pictures", "photograph", "photographs",
                           "illustration", "illustrative", "screenshot", "video", "gallery", "footage"})
PICTURE_LABEL_WORDS = PICTURE_WORDS | {"file", "archive", "stock", "handout", "representative", "representational",
                                       "courtesy", "ai-generated", "generated", "main", "top", "featured", "cover"}
LINK_LABEL_RE = re.compile(
    r"^(?:read\s+more|read\s+also|also\s+read|see\s+also|related(?:\s+(?:stories|articles|news|coverage))?|more\s+on"
    r"\s+this\s+story|more|watch|listen|recommended|top\s+stories)\b\s*(?:$|[:|»›>–—-])", re.IGNORECASE)
# an editor's note that reports what was said ("Updated with the ministry's statement that two were
# wounded") is part of the story, not a stamp
REPORTING_NOTE_RE = re.compile(r"^(?i:updated)\s+with\b.*\b(?:that|saying)\b")
STAMP_RE = re.compile(rf"^(?i:{STAMP_LABEL})\b\s*(?::|(?i:on|at|with)\b|\d|[A-Z]|$)")
READING_TIME_RE = re.compile(r"^(?:reading\s+time\s*:?\s*)?\d+\s*(?:-\s*)?(?:min(?:ute)?s?\.?)(?:\s+read)?$",
                             re.IGNORECASE)
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
         r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday|rsday)?\.?"
DATE_ONLY_RE = re.compile(
    rf"^(?:(?:{WEEKDAY}|{MONTH}|\d{{1,4}}(?:st|nd|rd|th)?|[AaPp]\.?[Mm]\.?|[A-Z]{{2,4}}T|UTC|GMT|at|[/.:,|–—-])\s*)+$")
PROMPT_RE = re.compile(
    r"^(?:subscribe|sign\s+up|follow\s+(?:us|our)|support\s+(?:us|our|independent)|become\s+a\s+"
    r"(?:member|subscriber|patron)|donate|download\s+(?:the|our)\s+app|join\s+(?:us|our)|click\s+here|"
    r"listen\s+to\s+(?:this|the)\s+(?:article|story)|share\s+(?:this|on)|advertisement|sponsored|"
    r"get\s+(?:our|the)\s+(?:newsletter|app))\b"
    r"|\b(?:audio|voice|narration)\s+(?:is|was|has\s+been)\s+(?:created|generated|produced)\s+(?:with|by|using)\b"
    r"|\bnewsletter\b.{0,60}\b(?:sign\s+up|subscribe|inbox)\b", re.IGNORECASE)
LABEL_CAPS_RE = re.compile(r"^[A-Z][A-Z &'’-]{2,30}$")
FIELD_LABEL_RE = re.compile(r"^[A-Z][\w'’-]*(?:\s+[\w'’-]+)?\s*:\s")  # "Source: ...", "Details: ..." carry text
LIST_ITEM_RE = re.compile(r"^(?:[•·▪️◦*+>–—-]|\d+[.)]\s|[a-z][.)]\s)")
END_PUNCT = tuple(".!?:;\"”’'»)…")
PARAGRAPH_END = tuple(".!?\"”’'»)…")  # a finished paragraph (a colon announces what follows)
MAX_CREDIT_WORDS = 12


def find_furniture(text: str) -> list[Span]:
    """The furniture lines of ``text`` (see the module docstring), in text order."""
    lines = [(m.start(), m.end()) for m in LINE_RE.finditer(text) if m.group().strip()]
    stripped = [_strip(text, start, end) for start, end in lines]
    out: list[Span] = []
    captions: list[str] = []
    for n, (start, end) in enumerate(stripped):
        line = text[start:end]
        kind = line_kind(line, first=n == 0)
        if kind is None and captions and any(c.startswith(line) for c in captions) and len(line) >= 20:
            kind = "caption"  # the caption printed again without its credit
        if kind is None and n >= 2 and n + 1 < len(stripped):
            before = text[stripped[n - 1][0]:stripped[n - 1][1]]
            if before.endswith(PARAGRAPH_END) and body_headline(line):
                kind = "headline"
        if kind is None:
            continue
        if kind == "caption":
            captions.append(line)
        out.append(Span(start, end, line))
    return out


def line_kind(line: str, *, first: bool = False) -> str | None:
    """What furniture one line is by its own layout (rules 1-7 of the module docstring), else None.
    The first line of a text (the headline) is never a picture or capitals label."""
    words = line.split()
    if BYLINE_RE.match(line) and len(words) <= 25 and not line.rstrip(". ").endswith(("said", "says")):
        return "byline"
    if CREDIT_FOOTER_RE.match(line) and len(words) <= 30:
        return "byline"
    if BRACKETED_RE.match(line) and len(words) <= MAX_CREDIT_WORDS:
        return "credit"
    if line.rstrip(". ").endswith((")", "]")) and CAPTION_CREDIT_RE.search(line):
        return "caption"
    if CREDIT_LABEL_RE.match(line) and len(words) <= 30:
        return "caption"
    if not first and len(words) <= 3:
        labels = [w.lower().strip(".,:()") for w in words]
        if any(w in PICTURE_WORDS for w in labels) and all(w in PICTURE_LABEL_WORDS for w in labels):
            return "caption"
    if LINK_LABEL_RE.match(line):
        return "link"
    if STAMP_RE.match(line) and len(words) <= 25 and not REPORTING_NOTE_RE.search(line):
        return "stamp"
    if READING_TIME_RE.match(line) or DATE_ONLY_RE.match(line) and any(c.isdigit() for c in line):
        return "stamp"
    if len(words) <= 40 and PROMPT_RE.search(line):  # the cheap test first: a paragraph is no prompt
        return "prompt"
    if not first and LABEL_CAPS_RE.match(line) and len(words) <= 4:
        return "label"
    return None


def body_headline(line: str) -> bool:
    """A line shaped like a headline (rule 8): 3-20 words, a capital first, no sentence punctuation at its
    end, not a list item."""
    words = line.split()
    return 3 <= len(words) <= 20 and line[:1].isupper() and not line.endswith(END_PUNCT) \
        and not LIST_ITEM_RE.match(line) and not FIELD_LABEL_RE.match(line) and not line.endswith(",")


def in_spans(spans: Sequence[Span], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (sorted by start, not overlapping each other)."""
    if not spans:
        return False
    k = bisect.bisect_right(spans, start, key=attrgetter("start")) - 1
    for span in spans[max(k, 0):k + 2]:
        if span.start < max(end, start + 1) and start < span.end:
            return True
    return False


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
