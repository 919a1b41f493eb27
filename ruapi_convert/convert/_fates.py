"""Transitional: the fate ledger now lives in :mod:`ruapi_convert.mapping._ledger`."""

from ..mapping._ledger import Fate, FateKind, FateTable

__all__ = ["Fate", "FateKind", "FateTable"]
