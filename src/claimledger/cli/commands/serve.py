"""``serve``: the web app and the REST API over HTTP."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import handle_errors
from ..filters import open_ledger
from ..options import DbOption, examples
from ..render import err

ORDER = 55
PANEL = "Serve"
app = typer.Typer()


@app.command(rich_help_panel=PANEL, epilog=examples(
    "claimledger serve",
    "CLAIMLEDGER_TOKEN=$(openssl rand -hex 16) claimledger serve --port 9000",
    "claimledger serve --db desk.db --host 0.0.0.0"))
@handle_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS",
                                      help="The address to listen on; another than 127.0.0.1 exposes the ledger "
                                      "to other machines.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="The port to listen on.")] = 8470,
) -> None:
    """Serve the web app (at /) and the REST API (under /api, documented at /docs) until Ctrl-C.

    Without `CLAIMLEDGER_TOKEN` or `CLAIMLEDGER_TOKENS` the server is read-only: writes (ingest by
    upload or URL) need a token, and each token names its analyst."""
    serve_ledger(db, host=host, port=port)


def serve_ledger(db: str | None, *, host: str, port: int) -> None:
    """Refuse a ledger that does not exist, say where the server is, then serve until interrupted."""
    from ...api import serve as run

    with open_ledger(db) as ledger:
        target, name = ledger.settings.db, ledger.settings.ledger_name
    err.print(f"serving {name} at http://{host}:{port}/ (the API under /api, its documentation at /docs); "
              "Ctrl-C stops", markup=False, highlight=False)
    run(target, host=host, port=port)
