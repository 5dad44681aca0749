"""What the routes share: the API's settings and its ledgers, kept on the app (``app.state.claimledger``)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from .ledgers import Ledgers
from .settings import ApiSettings


@dataclass(frozen=True, slots=True)
class AppState:
    settings: ApiSettings
    ledgers: Ledgers


def app_state(request: Request) -> AppState:
    """The dependency that hands a route its app's state."""
    state: AppState = request.app.state.claimledger
    return state
