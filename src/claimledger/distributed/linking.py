"""Linking blocks on Dask workers: the ``run`` of ``link.blocked.link_blocked``.

The event policy is sent to every worker once (``scatter``, broadcast); each block is one task
(``link.blocked.link_block``, a plain function of records), and the results come back in the
blocks' order. Segments whose lead-in guessed wrong are linked again by the caller
(``link_blocked``), in this process. A worker that dies mid-block has its block run again by the
scheduler; linking writes nothing until every block is back, so nothing is half stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from distributed import Client

from ..link.blocked import Block, Linked, link_block
from ..records import EventPolicy


class DaskLinkMap:
    """``run(policy, blocks)`` on a Dask client: one task per block, results in the blocks' order."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def __call__(self, policy: EventPolicy, blocks: Sequence[Block]) -> list[Linked]:
        if not blocks:
            return []
        shared = self.client.scatter(policy, broadcast=True, hash=False)
        big_first = sorted(range(len(blocks)), key=lambda i: -len(blocks[i].mentions) - len(blocks[i].lead))
        futures = {i: self.client.submit(link_block, shared, blocks[i], pure=False,
                                         priority=len(blocks[i].mentions)) for i in big_first}
        try:
            results: list[Linked] = self.client.gather([futures[i] for i in range(len(blocks))])
        finally:
            for future in futures.values():
                future.release()
            shared.release()
        return results
