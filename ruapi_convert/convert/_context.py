"""Transitional: :class:`Context` now lives in :mod:`ruapi_convert.mapping._ledger`."""

from ..mapping._ledger import Context

__all__ = ["Context"]
