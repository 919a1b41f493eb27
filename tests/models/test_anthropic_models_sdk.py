"""The Anthropic models against the official SDK's types: every shape, key, union member and event."""

from __future__ import annotations

import pytest

pytest.importorskip("openai")
pytest.importorskip("anthropic")

from typing import Any, get_args

import anthropic.types as sdk
import anthropic.types.beta as sdk_beta
import anthropic.types.shared as sdk_shared
import pytest
from anthropic.types import message_create_params as sdk_create
from anthropic.types.beta import message_create_params as sdk_beta_create

from ruapi_convert.models import anthropic as am

# -- helpers -------------------------------------------------------------------------------------
from .test_anthropic_models import (
    NOT_MESSAGES_SHAPES,
    _members,
    _shape_args,
    is_shape,
    keys_of,
    our_name,
    reachable,
    sdk_module_shapes,
)

pytestmark = pytest.mark.oracle


SDK_ROOTS: list[Any] = [
    sdk_create.MessageCreateParamsBase,
    sdk.Message,
    sdk.RawMessageStreamEvent,
    sdk.MessageDeltaUsage,
    sdk_shared.ErrorResponse,
    sdk.ModelInfo,
    sdk_beta_create.MessageCreateParamsBase,
    sdk_beta.BetaMessage,
    sdk_beta.BetaRawMessageStreamEvent,
    sdk_beta.BetaMessageDeltaUsage,
]


def sdk_shapes() -> dict[str, Any]:
    """The SDK shapes whose keys this package must cover."""
    shapes = reachable(SDK_ROOTS)
    extra = (
        sdk_module_shapes(sdk, r"^(Browser|Computer)\w+ToolUseBlock$")
        + sdk_module_shapes(sdk_beta, r"^Beta(Browser|Computer)\w+ToolUseBlock$")
        + sdk_module_shapes(sdk, r"^\w+ErrorDetails$")
        + sdk_module_shapes(sdk_shared, r"^\w+ErrorDetails$")
    )
    for tp in extra:
        shapes.setdefault(f"{tp.__module__}.{tp.__qualname__}", tp)
    return shapes


def test_every_sdk_shape_has_a_counterpart_with_all_its_keys() -> None:
    """Each SDK request/response/stream/error shape maps to a class of ours with a superset of keys."""
    shapes = sdk_shapes()
    missing_class = []
    missing_keys = []
    checked = 0
    for qualified, tp in sorted(shapes.items()):
        if tp.__name__ in NOT_MESSAGES_SHAPES:
            continue
        name = our_name(tp.__name__)
        ours = getattr(am, name, None) if name else None
        if ours is None or not is_shape(ours):
            missing_class.append(qualified)
            continue
        lacking = keys_of(tp) - keys_of(ours)
        if lacking:
            missing_keys.append(f"{qualified} -> {name}: {sorted(lacking)}")
        checked += 1
    assert not missing_class, missing_class
    assert not missing_keys, missing_keys
    assert checked >= 300, checked


@pytest.mark.parametrize(
    ("sdk_union", "our_union"),
    [
        (sdk.ContentBlockParam, am.ContentBlockParam),
        (sdk_beta.BetaContentBlockParam, am.ContentBlockParam),
        (sdk.ContentBlock, am.ContentBlock),
        (sdk_beta.BetaContentBlock, am.ContentBlock),
        (sdk.ToolUnionParam, am.ToolUnionParam),
        (sdk_beta.BetaToolUnionParam, am.ToolUnionParam),
        (sdk.RawContentBlockDelta, am.RawContentBlockDelta),
        (sdk_beta.BetaRawContentBlockDelta, am.RawContentBlockDelta),
        (sdk.TextCitationParam, am.TextCitationParam),
        (sdk.MessageParam, am.MessageParam),
        (sdk.ThinkingConfigParam, am.ThinkingConfigParam),
        (sdk.ToolChoiceParam, am.ToolChoiceParam),
    ],
)
def test_every_sdk_union_member_is_a_member_here(sdk_union: Any, our_union: Any) -> None:
    """Each member of the SDK's block, tool, delta, citation and message unions is in ours."""
    ours = _members(our_union)
    assert len(_members(sdk_union)) >= 2
    absent = []
    for name in sorted(_members(sdk_union)):
        # Request unions also accept response blocks; those fit the request shape of the same tag.
        mapped = [our_name(name), our_name(name + "Param")]
        targets = [getattr(am, m, None) for m in mapped if m]
        if not any(t is not None and t.__name__ in ours for t in targets):
            absent.append(name)
    assert not absent


def test_sdk_event_types_are_all_known() -> None:
    """Each SDK stream event class has a class here with the same ``type`` tag."""
    sdk_tags = {
        get_args(tp.model_fields["type"].annotation)[0]
        for tp in _shape_args(sdk_beta.BetaRawMessageStreamEvent)
    }
    our_tags = {
        get_args(tp.model_fields["type"].annotation)[0]
        for tp in _shape_args(am.MessageStreamEvent)
        if tp is not am.UnknownEvent
    }
    assert sdk_tags <= our_tags
    assert {"ping", "error"} <= our_tags
