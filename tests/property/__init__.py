"""Hypothesis property tests: the strategies of ``ruapi_convert.testing`` and the parsers they feed."""
