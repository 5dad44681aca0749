"""The command groups: one module each, found and registered by ``cli/app.py``.

A module here is a command group when it defines:

    app = typer.Typer()          # its commands join the top level (claimledger ingest)
    app = typer.Typer(name="x")  # or: a group of its own (claimledger x import)
    ORDER = 10                   # where its commands come in -h (modules sorted by it)
    PANEL = "Build the ledger"   # the heading they are listed under in -h

Adding a command group is adding one module; see DEVELOPERS.md for the conventions
(examples in every command's help, shared options from ``options.py``, listings
through ``render.py``, errors through ``errors.handle_errors``).
"""
