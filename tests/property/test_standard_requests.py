"""Default Anthropic -> OpenAI requests are standard Chat Completions: the official SDK takes them.

With the default dialect (``"openai"``) nothing but documented Chat Completions fields may reach
the body: ``create(**body)`` must take every key without ``extra_body``, and the SDK's own request
types must validate the whole body and keep every key of it (a TypedDict drops the keys it does not
know, so a body that comes back smaller held a non-standard field somewhere inside). Whatever the
standard form cannot hold has to be in the losses instead.
"""

from __future__ import annotations

import pytest

pytest.importorskip("openai")

from typing import Any

from hypothesis import given

import ruapi_convert as rc
from ruapi_convert.testing import anthropic_requests

from ..oracles import assert_standard_openai_request

pytestmark = [pytest.mark.property, pytest.mark.oracle]


@given(anthropic_requests())
def test_default_anthropic_to_openai_request_is_standard(body: dict[str, Any]) -> None:
    """Any Anthropic request the strategies generate converts, with the default options, into a
    request the openai SDK takes as it is; nothing non-standard is sent."""
    try:
        result = rc.anthropic_to_openai_request(body)
    except (rc.UnsupportedError, rc.InvalidInputError):
        return  # refused with a documented error: nothing is sent
    out = result.value.to_dict()
    assert_standard_openai_request(out)
    # what the standard form left out is reported: the full carry differs only when losses say so
    # (but for what the round trip adds next to an exact reasoning_effort so that the way back
    # restores the Anthropic form: the thinking object, and output_config holding only the effort
    # of a request without thinking; an inexact effort is reported on its own)
    carried = rc.anthropic_to_openai_request(body, dialect="roundtrip").value.to_dict()
    carried.pop("thinking", None)
    if "reasoning_effort" in out and carried.get("output_config", {}).keys() == {"effort"}:
        del carried["output_config"]
    if carried != out:
        assert result.losses
