"""The parts datasets play for the changes report: which dataset holds the key figures (`fact()`), which
the dated events (`event()`), as the configuration's `roles` say (dpaper.config.ROLES; by default the
dataset of the role's name)."""
from __future__ import annotations

NAMES = {"facts": "key_figures", "events": "events"}   # this module's roles -> the configuration's


def dataset_for(role: str, config: dict | None = None) -> str | None:
    """The dataset that plays `role` ("facts", "events") in this edition (None: none does)."""
    name = NAMES[role]
    given = (config or {}).get("roles") or {}
    return given[name] if name in given else name
