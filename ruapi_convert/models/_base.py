"""
ruapi_convert.models._base
~~~~~~~~~~~~~~~~~~~~~~~~~~

The machinery both vendors' models share.

Theory of operation
-------------------

A body is modelled in two layers:

* the **envelope** (``ChatCompletionCreateParams``, ``Message``, one class per stream event, …) is a
  frozen pydantic ``BaseModel`` (:class:`WireModel`): attribute access for the top-level fields,
  ``model_validate``/``model_validate_json``, ``to_dict``/``to_json``;
* everything **inside** it (messages, content blocks, tools, usage, deltas) is a ``TypedDict``
  decorated with :func:`wire_dict`, exactly as the official SDKs type their request params.

Why not models all the way down: validating a 60-message request into nested models and dumping it
again costs about 8x ``orjson.loads`` + ``orjson.dumps`` of the same bytes, because pydantic-core
creates and later walks one Python object per node. TypedDicts validate into plain dicts (the same
Rust validator, no objects to build) and dump with pydantic-core's untyped ``to_json``: about 3.5x.
The converters read and write these dicts directly, so the conversion itself adds little.

Rules every model follows (tests enforce them):

* **Exact round trip.** ``Model.model_validate(x).to_dict() == x`` for every valid payload: absent
  stays absent (``exclude_unset``), ``null`` stays ``null``, unknown keys are kept (``extra="allow"``
  on every level), and numbers keep their type (``int | float`` rather than ``float``, which would
  turn ``1`` into ``1.0``).
* **Strict types.** ``strict=True``: a ``"1024"`` where an int belongs is an error, not a coercion.
* **Open unions.** Every union the wire tags with ``type`` is a pydantic discriminated union, tried
  first, followed by an ``Unknown*`` fallback whose ``type`` must *not* be a known tag. A block,
  event or tool newer than this library therefore parses (keeping its payload) instead of failing,
  while a known block with a bad field still fails with that field's path.
* **Lenient where real clients are.** Optional fields also accept ``null``; shapes that real
  clients and servers send although the SDK types do not allow them (Cursor's Anthropic-shaped
  tools in OpenAI requests, thinking blocks without ``signature`` in docs streams) are accepted and
  kept as given.
* **Documented lower bounds.** A token count, request count or index is never negative
  (:data:`Count`), OpenAI's ``max_tokens``/``max_completion_tokens``/``n`` are at least 1
  (:data:`PositiveInt`), sampling parameters are not negative: a value the vendor would refuse is
  refused where it stands. (Stream indexes the converters' fast paths read are left as plain ints.)
* **One error type.** Validation failures become :class:`~ruapi_convert.errors.InvalidInputError`
  naming the JSON path (``messages[0].content[1].source``), with the pydantic error chained.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Annotated, Any, ClassVar, TypeVar, Union, get_args, get_origin

import pydantic_core
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    with_config,
)
from typing_extensions import NotRequired, Required, Self, TypedDict, is_typeddict

from .. import _json
from ..errors import InvalidInputError

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "WIRE_DICT_CONFIG",
    "Count",
    "NonNegativeNumber",
    "Number",
    "PositiveInt",
    "WireModel",
    "adapter",
    "invalid_input",
    "not_one_of",
    "tags_of",
    "twin_union",
    "validate",
    "wire_dict",
]

T = TypeVar("T")

#: A JSON number that keeps its type: ``1`` stays ``1`` and ``1.0`` stays ``1.0`` on the way back out.
Number = Union[int, float]

# Bounds the vendors document. A value out of them is refused where it stands, with its path,
# instead of reaching the other vendor (which would answer 400) or the converters' arithmetic.
# Only lower bounds: both vendors' upper bounds move with models and versions, and integers too
# large for JSON are refused before validation (``_json.check_foreign``).

#: A count of tokens or requests, or an index: never negative on either wire.
Count = Annotated[int, Field(ge=0)]
#: An int the vendor requires to be at least 1 (OpenAI: "Invalid 'max_tokens': integer below
#: minimum value. Expected a value >= 1").
PositiveInt = Annotated[int, Field(ge=1)]
#: A ``Number`` that cannot be negative (temperature, top_p on both sides).
NonNegativeNumber = Annotated[Number, Field(ge=0)]

#: Configuration of every TypedDict in the models: keep unknown keys, never coerce types.
#: ``allow_inf_nan=False``: a typed number that is NaN or infinite (``json.loads`` makes them) is
#: refused where it stands, with its path, instead of failing later when the body is written.
WIRE_DICT_CONFIG = ConfigDict(extra="allow", strict=True, allow_inf_nan=False)

#: Marks errors raised by an ``Unknown*`` fallback for a *known* tag; they are never the real story.
_KNOWN_TAG_ERROR = "ruapi_known_tag"


def wire_dict(cls: type[T]) -> type[T]:
    """Class decorator for the TypedDicts inside an envelope (see the module docstring)."""
    return with_config(WIRE_DICT_CONFIG)(cls)


def not_one_of(known: Any, *, key: str = "type") -> AfterValidator:
    """Validator for the tag of an ``Unknown*`` fallback: any string except a known tag.

    ``known`` is the union of known members; their ``key`` Literals (``type``, or ``role`` for
    messages) are read on first use, so that the list of tags is written down only once, in the
    union itself.
    """

    @functools.cache
    def tags() -> frozenset[str]:
        return frozenset(_literal_tags(known, key))

    def check(value: str) -> str:
        if value in tags():
            raise pydantic_core.PydanticCustomError(
                _KNOWN_TAG_ERROR, "'{tag}' is a known type", {"tag": value}
            )
        return value

    return AfterValidator(check)


def tags_of(union: Any, *, key: str = "type") -> frozenset[str]:
    """The ``key`` Literal values of the members of a union (the tags it knows)."""
    return frozenset(_literal_tags(union, key))


def _literal_tags(union: Any, key: str = "type") -> Iterable[str]:
    for member in _flatten(union):
        if is_typeddict(member) or (isinstance(member, type) and issubclass(member, BaseModel)):
            hint = typing.get_type_hints(member, include_extras=True).get(key)
            yield from _literal_values(hint)


def _flatten(tp: Any) -> Iterable[Any]:
    origin = get_origin(tp)
    if origin is typing.Annotated:
        yield from _flatten(get_args(tp)[0])
    elif origin is Union or origin is types.UnionType:
        for arg in get_args(tp):
            yield from _flatten(arg)
    else:
        yield tp


def _literal_values(hint: Any) -> Iterable[str]:
    origin = get_origin(hint)
    if origin is typing.Literal:
        yield from (v for v in get_args(hint) if isinstance(v, str))
    elif origin in (typing.Annotated, Union, types.UnionType) or _is_required_wrapper(origin):
        for arg in get_args(hint):
            yield from _literal_values(arg)


def _is_required_wrapper(origin: Any) -> bool:
    return getattr(origin, "__name__", "") in {"Required", "NotRequired", "ReadOnly"}


class WireModel(BaseModel):
    """Base of every envelope model: a frozen pydantic model that reproduces its wire form exactly."""

    model_config = ConfigDict(
        extra="allow",
        frozen=True,
        strict=True,
        allow_inf_nan=False,  # see WIRE_DICT_CONFIG
        defer_build=True,  # schemas are built on first use: importing the package stays fast
        hide_input_in_errors=True,  # request content must not end up in logs via error text
        protected_namespaces=(),  # the wire has a field called ``model``
    )

    # What :meth:`trusted` built the instance from: (the wire dict, its _Plan). Unset on every
    # other instance; a slot, so that it takes no part in equality, copies or pickles (a copy may
    # be changed, and then has to be written out from its fields).
    __slots__ = ("_ruapi_wire",)
    if typing.TYPE_CHECKING:  # (a slot, not a pydantic private attribute: declared for mypy only)
        _ruapi_wire: tuple[dict[str, Any], _Plan]

    #: Name used in error messages when the body itself is invalid.
    _wire_name: ClassVar[str] = "body"
    #: True for Anthropic stream events (and error bodies): SSE frames them as ``event: <type>``.
    _sse_named: ClassVar[bool] = False

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise invalid_input(exc, data) from exc

    # pydantic calls an overridden ``__init__`` from inside validation (and would then wrap our error
    # in its own); this marker, which ``BaseModel.__init__`` carries too, tells it not to.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    # -- parsing ---------------------------------------------------------------------------------

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        """Validate a dict (or an instance) against the wire schema.

        Raises :class:`InvalidInputError` naming the JSON path of the first problem, also for a
        value JSON cannot carry (``NaN`` from ``json.loads``, see :func:`_json.check_foreign`).
        """
        if isinstance(obj, dict):
            _json.check_foreign(obj)
        return cls._validate_parsed(obj, **kwargs)

    @classmethod
    def _validate_parsed(cls, obj: Any, **kwargs: Any) -> Self:
        """Validate a value that is known to be JSON (our own parser's output)."""
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as exc:
            raise invalid_input(exc, obj) from exc

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        """Parse JSON text (bytes or str) and validate it; bad JSON or UTF-8 is an InvalidInputError."""
        return cls._validate_parsed(_json.loads(json_data), **kwargs)

    @classmethod
    def parse(cls, body: Any) -> Self:
        """Accept what the public functions accept: an instance, a dict, or JSON bytes/str."""
        if isinstance(body, cls):
            return body
        if isinstance(body, (bytes, bytearray, memoryview, str)):
            return cls._validate_parsed(_json.loads(body))
        if isinstance(body, BaseModel) and not isinstance(body, WireModel):
            # e.g. an official-SDK model: go through its wire form, never through its attributes
            body = body.model_dump(mode="json", exclude_unset=True)
        elif isinstance(body, WireModel):
            body = body.to_dict()
        return cls.model_validate(body)

    @classmethod
    def parse_wire(cls, body: Any) -> dict[str, Any]:
        """What :meth:`parse` accepts, validated the same way, returned as :meth:`wire` would.

        The converters only read the wire dict, so they skip the model instance: the body is
        validated against a ``TypedDict`` twin of the envelope (same fields, same config; see
        :func:`_wire_twin`), which pydantic-core fills as a plain dict: for a small body less than
        half the cost of validating into the model and calling :meth:`wire` on it. Errors are the
        same :class:`InvalidInputError` as :meth:`parse` raises, with the same paths (the fuzz and
        round-trip properties compare both ways).
        """
        # (the commonest inputs first: a gateway hands over the bytes it received)
        if isinstance(body, (bytes, bytearray, memoryview, str)):
            return cls._wire_parsed(_json.loads(body))
        if isinstance(body, dict):
            _json.check_foreign(body)
            return cls._wire_parsed(body)
        if isinstance(body, cls):
            return body.wire()
        return cls.parse(body).wire()

    @classmethod
    def _wire_parsed(cls, data: Any) -> dict[str, Any]:
        """:meth:`parse_wire` of a value known to be JSON (our own parser's output)."""
        twin = _wire_twin(cls)
        if twin is not None:
            try:
                result: dict[str, Any] = twin.validate_python(data)
            except ValidationError:
                pass  # the model's validation raises the error, as parse() would
            else:
                return result
        return cls._validate_parsed(data).wire()

    @classmethod
    def _twin_wire(cls, data: Any) -> dict[str, Any] | None:
        """The wire dict of valid JSON-clean ``data`` via the TypedDict twin; None when it is not
        valid (or the class has no twin), so that the caller reports the error its own way."""
        twin = _wire_twin(cls)
        if twin is None:
            return None
        try:
            result: dict[str, Any] = twin.validate_python(data)
        except ValidationError:
            return None
        return result

    # -- the wire form ---------------------------------------------------------------------------

    def wire(self) -> dict[str, Any]:
        """The wire form as a shallow dict: set fields in declaration order, then unknown keys.

        Nested values are shared with the model, not copied; use :meth:`to_dict` for a private copy.
        """
        kept = self._kept_wire()
        if kept is not None:
            # never the kept dict itself: a caller's change to it would change this model
            return kept if kept is not self._ruapi_wire[0] else kept.copy()
        layout = _layout(type(self))
        values = self.__dict__
        # Most bodies set a few of many optional fields: sort the set ones into declaration order.
        # (pydantic also lists unknown keys in the set of fields; they come from the extras.)
        names = sorted(
            self.__pydantic_fields_set__ & layout.order.keys(), key=layout.order.__getitem__
        )
        out = {name: values[name] for name in names}
        if layout.nested:
            for name in layout.nested.keys() & out.keys():
                if isinstance(out[name], WireModel):
                    out[name] = out[name].wire()
        if self.__pydantic_extra__:
            out.update(self.__pydantic_extra__)
        return out

    def _kept_wire(self) -> dict[str, Any] | None:
        """The wire form of an instance built by :meth:`trusted`, from the dict it was built
        from (which is that dict itself when its keys were already in wire order: callers copy it
        before handing it out); None for any other instance (validated, copied, unpickled)."""
        try:
            data, plan = self._ruapi_wire
        except AttributeError:
            return None
        if plan.order is None and not plan.nested:
            return data
        out = data if plan.order is None else {key: data[key] for key in plan.order}
        if plan.nested:
            if out is data:
                out = data.copy()
            values = self.__dict__
            for key in plan.nested:
                if isinstance(values[key], WireModel):
                    out[key] = values[key].wire()
        return out

    @classmethod
    def trusted(cls, data: dict[str, Any]) -> Self:
        """Build an instance from a wire dict *without validation* (the converters' output).

        ``model_construct`` does the same but walks every declared field in Python (about 10 us
        for a request model); this sets the instance state directly. Tests validate everything the
        converters build, so skipping validation here trusts tested code, never user input.

        The instance keeps ``data`` (the caller hands it over and does not change it afterwards):
        :meth:`wire` and :meth:`to_json` write it out in wire order without walking the model.
        What depends only on the keys of ``data`` (which are fields, which are unknown, the wire
        order) is worked out once per class and key sequence (:func:`_plan`).
        """
        layout = _layout(cls)
        keys = tuple(data)
        plan = layout.plans.get(keys)
        if plan is None:
            plan = _plan(layout, keys)
        values = layout.defaults.copy()
        if plan.extra:
            values.update((key, data[key]) for key in plan.declared)
            extra: dict[str, Any] = {key: data[key] for key in plan.extra}
        else:
            values.update(data)
            extra = {}
        for key in plan.nested:
            if isinstance(values[key], dict):
                values[key] = layout.nested[key].trusted(values[key])
        obj = cls.__new__(cls)
        # BaseModel's slot descriptors: what object.__setattr__ would find, without the lookup.
        # pydantic counts the extra keys as set fields too (model_validate does).
        _SET_DICT(obj, values)
        _SET_FIELDS_SET(obj, set(keys) if extra else set(plan.declared))
        _SET_EXTRA(obj, extra)
        _SET_PRIVATE(obj, None)
        _SET_WIRE(obj, (data, plan))
        return obj

    def to_dict(self) -> dict[str, Any]:
        """The exact wire form as a new dict (unset fields absent, explicit ``null`` kept)."""
        result: dict[str, Any] = _json.to_jsonable(self.wire())
        return result

    def to_json(self) -> bytes:
        """The exact wire form as compact UTF-8 JSON bytes."""
        kept = self._kept_wire()
        return _json.dumps(kept if kept is not None else self.wire())

    def sse_event_name(self) -> str | None:
        """The SSE ``event:`` name of this model in a stream: its ``type`` for Anthropic events,
        None for OpenAI chunks (which are sent as ``data:`` lines only)."""
        if not self._sse_named:
            return None
        name = self.__dict__.get("type")
        return name if isinstance(name, str) else None


_SET_DICT, _SET_FIELDS_SET, _SET_EXTRA, _SET_PRIVATE = (
    vars(BaseModel)[name].__set__
    for name in (
        "__dict__",
        "__pydantic_fields_set__",
        "__pydantic_extra__",
        "__pydantic_private__",
    )
)
_SET_WIRE = vars(WireModel)["_ruapi_wire"].__set__


class _Plan(typing.NamedTuple):
    """What :meth:`WireModel.trusted` and :meth:`WireModel.wire` need to know about one
    sequence of keys of one class: it depends on nothing else, so it is worked out once."""

    declared: frozenset[str]  #: the keys that are declared fields
    extra: tuple[str, ...]  #: the keys that are not, in their order
    #: the wire order of the keys (declared ones in declaration order, then the rest), or None
    #: when the keys are in that order already
    order: tuple[str, ...] | None
    nested: tuple[str, ...]  #: the keys whose field holds another envelope


#: The most key sequences remembered per class: converters write a handful, and input whose keys
#: reach the output must not grow the table without bound.
_PLANS_PER_CLASS: typing.Final = 256


def _plan(layout: _Layout, keys: tuple[str, ...]) -> _Plan:
    order = layout.order
    declared = [key for key in keys if key in order]
    extra = tuple(key for key in keys if key not in order)
    wire = (*sorted(declared, key=order.__getitem__), *extra)
    plan = _Plan(
        declared=frozenset(declared),
        extra=extra,
        order=None if wire == keys else wire,
        nested=tuple(key for key in declared if key in layout.nested),
    )
    if len(layout.plans) < _PLANS_PER_CLASS:
        layout.plans[keys] = plan
    return plan


class _Layout(typing.NamedTuple):
    """What :meth:`WireModel.wire` and :meth:`WireModel.trusted` need to know about a class."""

    #: field name -> declaration index
    order: dict[str, int]
    #: fields whose type is itself an envelope (``message_start.message``)
    nested: dict[str, type[WireModel]]
    #: every optional field of an envelope, with its default (always None)
    defaults: dict[str, Any]
    #: key sequence -> its _Plan (filled by :func:`_plan`)
    plans: dict[tuple[str, ...], _Plan]


@functools.cache
def _layout(cls: type[BaseModel]) -> _Layout:
    fields = cls.__pydantic_fields__
    nested: dict[str, type[WireModel]] = {}
    for name, info in fields.items():
        for candidate in _flatten(info.annotation):
            if isinstance(candidate, type) and issubclass(candidate, WireModel):
                nested[name] = candidate
    return _Layout(
        order={name: i for i, name in enumerate(fields)},
        nested=nested,
        defaults={name: None for name, info in fields.items() if not info.is_required()},
        plans={},
    )


@functools.cache
def _wire_twin(cls: type[WireModel]) -> pydantic_core.SchemaValidator | None:
    """The validator of a ``TypedDict`` with the fields and configuration of envelope ``cls``.

    Validating into it yields exactly ``cls.model_validate(x).wire()`` (a field that holds another
    envelope, ``message_start.message``, is that envelope's twin: a dict, as ``wire()`` writes
    it). None when such a field is not the envelope alone (a union or an optional one), which
    the twin could not express.
    """
    twin = _twin_type(cls)
    if twin is None:
        return None
    # the adapter's validator itself: TypeAdapter.validate_python adds a Python call per event
    # (built at once, never deferred: the config has no defer_build)
    return typing.cast("pydantic_core.SchemaValidator", TypeAdapter(twin).validator)


def twin_union(classes: Iterable[type[WireModel]]) -> pydantic_core.SchemaValidator:
    """One validator for the twins of several envelopes, told apart by their ``type`` tag.

    For a stream's events: what several of them hold (the content blocks of ``message_start``
    and ``content_block_start``) is built once, not once per twin. Each event validates as its
    own twin would; every class must have one.
    """
    members = [_twin_type(cls) for cls in classes]
    assert None not in members, "an envelope without a TypedDict twin"
    union: Any = Annotated[Union[tuple(members)], Field(discriminator="type")]
    return typing.cast("pydantic_core.SchemaValidator", TypeAdapter(union).validator)


@functools.cache
def _twin_type(cls: type[WireModel]) -> Any:
    """The ``TypedDict`` twin of envelope ``cls`` (see :func:`_wire_twin`), or None."""
    nested = _layout(cls).nested
    fields: dict[str, Any] = {}
    for name, info in cls.__pydantic_fields__.items():
        if name in nested:
            if info.annotation is not nested[name] or info.metadata:
                return None
            hint = _twin_type(nested[name])
            if hint is None:
                return None
        else:
            hint = info.rebuild_annotation()
        fields[name] = Required[hint] if info.is_required() else NotRequired[hint]
    twin = TypedDict(f"{cls.__name__}Wire", fields)  # type: ignore[misc]  # built from the model
    config = ConfigDict(**WIRE_DICT_CONFIG, hide_input_in_errors=True)
    return with_config(config)(twin)


# -- TypeAdapters and validation errors -------------------------------------------------------


@functools.cache
def adapter(tp: Any) -> TypeAdapter[Any]:
    """One ``TypeAdapter`` per type, built on first use and reused (building one costs milliseconds)."""
    return TypeAdapter(tp)


def validate(tp: Callable[..., T] | Any, value: Any, *, path: str = "") -> Any:
    """Validate a JSON value against a type (a TypedDict or a union), raising InvalidInputError."""
    try:
        return adapter(tp).validate_python(value, strict=True)
    except ValidationError as exc:
        raise invalid_input(exc, value, root=path) from exc


def invalid_input(exc: ValidationError, data: Any, *, root: str = "") -> InvalidInputError:
    """Turn a pydantic ``ValidationError`` into an :class:`InvalidInputError` with JSON paths.

    pydantic's ``loc`` mixes real keys with union-branch labels (``'tagged-union[...]'``, ``'str'``);
    walking it against the input keeps only the keys that exist, which yields the JSON path.
    Errors from an ``Unknown*`` fallback rejecting a known tag are dropped, and among the rest the
    deepest path wins: that is where the input really went wrong.
    """
    raw = exc.errors(include_url=False, include_input=False, include_context=True)
    relevant = [e for e in raw if e["type"] != _KNOWN_TAG_ERROR] or raw
    found: list[tuple[str, int, str]] = []
    for err in relevant:
        path, depth = _json_path(err["loc"], data, missing=err["type"] == "missing", root=root)
        found.append((path, depth, err["msg"]))
    if not found:  # pragma: no cover - pydantic always reports at least one error
        return InvalidInputError("invalid input", path=root)
    deepest = max(depth for _, depth, _ in found)
    best = [(p, m) for p, d, m in found if d == deepest]
    path = best[0][0]
    messages = list(dict.fromkeys(m for p, m in best if p == path))
    message = messages[0] if len(messages) == 1 else " or ".join(messages)
    return InvalidInputError(message, path=path, errors=[(p, m) for p, _, m in found])


def _json_path(
    loc: tuple[int | str, ...], data: Any, *, missing: bool, root: str
) -> tuple[str, int]:
    path, depth, node = root, 0, data
    last = len(loc) - 1
    skip_tag = False
    for i, item in enumerate(loc):
        if skip_tag:
            # The tag that follows a 'tagged-union[...]' label is a label too, even when it equals a
            # key of the object ({"type": "text", "text": ...}).
            skip_tag = False
            continue
        if isinstance(item, str) and item.startswith("tagged-union["):
            skip_tag = True
            continue
        if _has(node, item):
            node = node[item]
        elif missing and i == last and isinstance(node, dict) and isinstance(item, str):
            node = None
        else:
            continue  # a union-branch label, not a key of the input
        path = _json.path_join(path, item)
        depth += 1
    return path, depth


def _has(node: Any, key: int | str) -> bool:
    if isinstance(node, dict):
        return isinstance(key, str) and key in node
    return isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
