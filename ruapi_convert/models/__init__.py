"""Typed wire models of both protocols: ``models.openai`` and ``models.anthropic``."""
