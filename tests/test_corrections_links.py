"""The link post-step of corrections (corrections/links.py) over linker groups built by hand:
what moves in a relink, what moves in an incremental step, and when only a relink can apply one."""

from __future__ import annotations

from claimledger.corrections.links import regroup
from claimledger.link import LinkedGroup, new_event_id
from claimledger.records import Article, Correction, CorrectionKind, EventMention, Span

ARTICLE = Article(id="a1", ref=None, url=None, outlet="Paper", title=None, published="2024-05-02", language="en",
                  text="", content_hash="h", ingested_at="2024-05-02T00:00:00+00:00")


def mention(name: str) -> tuple[EventMention, Article]:
    return EventMention(id=name, article_id="a1", type="strike", title=name, trigger=Span(0, 1, "x"),
                        date_start="2024-05-01"), ARTICLE


def group(*names: str, new: int | None = None, event_id: str | None = None) -> LinkedGroup:
    members = tuple(mention(n) for n in names)
    return LinkedGroup(event_id, "strike", None, members, len(members) if new is None else new)


def correction(kind: CorrectionKind, mentions: tuple[str, ...], *, with_mentions: tuple[str, ...] = (),
               apart_from: tuple[str, ...] = ()) -> Correction:
    return Correction(id=1, kind=kind, target=mentions[0], by="ana", why="test", at="", mentions=mentions,
                      with_mentions=with_mentions, apart_from=apart_from)


def members(groups: list[LinkedGroup] | None) -> list[tuple[str, ...]]:
    assert groups is not None
    return [tuple(m.id for m, _ in g.mentions) for g in groups]


SPLIT = CorrectionKind.SPLIT_MENTION
MERGE = CorrectionKind.MERGE_EVENTS


def test_a_relink_applies_merges_moves_and_splits_in_order() -> None:
    groups = [group("a", "b"), group("c"), group("d", "e")]
    done = regroup(groups, [correction(MERGE, ("c",), with_mentions=("a", "b")),
                            correction(SPLIT, ("e",), with_mentions=("a",)),
                            correction(SPLIT, ("b",), apart_from=("a", "c", "e"))], (), whole=True)
    assert members(done) == [("a", "c", "e"), ("d",), ("b",)]
    assert done is not None and all(g.new == len(g.mentions) for g in done)


def test_the_event_a_founding_mention_leaves_keeps_its_id() -> None:
    done = regroup([group("a", "b", "c")], [correction(SPLIT, ("a",), apart_from=("b", "c"))], (), whole=True)
    assert done is not None and members(done) == [("b", "c"), ("a",)]
    assert done[0].id == new_event_id("a", ()) and done[1].id == new_event_id("a", {done[0].id})


def test_a_split_that_already_holds_changes_nothing() -> None:
    groups = [group("a", "b"), group("c")]
    assert regroup(groups, [correction(SPLIT, ("c",), apart_from=("a", "b"))], ()) == groups


def test_incrementally_only_new_mentions_move() -> None:
    stored = group("a", "b", "n", new=1, event_id="ev:1")  # n was placed with a and b by this step
    done = regroup([stored], [correction(SPLIT, ("n",), apart_from=("a", "b"))], {"a", "b", "n"})
    assert members(done) == [("a", "b"), ("n",)]
    assert done is not None and done[0].id == "ev:1" and done[0].new == 0 and done[1].id is None


def test_a_stored_mention_that_must_move_asks_for_a_relink() -> None:
    stored = [group("a", "b", new=0, event_id="ev:1"), group("c", new=0, event_id="ev:2")]
    assert regroup(stored, [correction(SPLIT, ("b",), with_mentions=("c",))], {"b", "c"}) is None
    assert regroup(stored, [correction(MERGE, ("c",), with_mentions=("a",))], {"a", "c"}) is None


def test_a_target_stored_but_not_loaded_asks_for_a_relink_and_a_vanished_one_is_skipped() -> None:
    fresh = [group("n")]
    move = correction(SPLIT, ("n",), with_mentions=("far",))
    assert regroup(fresh, [move], {"n", "far"}) is None  # "far" is linked, in an event not loaded here
    assert members(regroup(fresh, [move], {"n"})) == [("n",)]  # "far" is gone: the correction is orphaned


def test_a_merge_into_a_new_group_joins_the_stored_one() -> None:
    stored, fresh = group("a", new=0, event_id="ev:1"), group("n")
    done = regroup([stored, fresh], [correction(MERGE, ("a",), with_mentions=("n",))], {"a", "n"})
    assert members(done) == [("a", "n")] and done is not None and done[0].id == "ev:1" and done[0].new == 1
