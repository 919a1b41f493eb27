"""Typed wire models of the protocols: ``models.openai``, ``models.anthropic`` and ``models.responses``."""
