"""The parts datasets play for the engine: which dataset holds the key figures (`fact()`), which the
dated events (`event()`). Read through `dataset_for` only, so that the roles can come from the
configuration without touching the modules that use them."""
from __future__ import annotations

DEFAULT = {"facts": "key_figures", "events": "events"}


def dataset_for(role: str, config: dict | None = None) -> str:
    """The dataset that plays `role` ("facts", "events") in this edition."""
    return ((config or {}).get("roles") or {}).get(role) or DEFAULT[role]
