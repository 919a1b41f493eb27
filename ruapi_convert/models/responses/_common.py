"""
ruapi_convert.models.responses._common
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Small shapes that tools and items share: the ``caller`` of a tool call (the model itself, or a
program it wrote under programmatic tool calling) and the execution environments of the shell tool
(a local machine, a hosted container made on demand, or an existing container), with their skills
and network policies.
"""

from typing import Annotated, Literal, Optional, TypeAlias, Union

from pydantic import Field
from typing_extensions import Required, TypedDict

from .._base import not_one_of, wire_dict

__all__ = [
    "AsyncFlag",
    "CallerDirect",
    "CallerProgram",
    "UnknownCaller",
    "Caller",
    "ContainerNetworkPolicyDisabled",
    "ContainerNetworkPolicyDomainSecret",
    "ContainerNetworkPolicyAllowlist",
    "UnknownContainerNetworkPolicy",
    "ContainerNetworkPolicy",
    "InlineSkillSource",
    "InlineSkill",
    "SkillReference",
    "UnknownSkill",
    "Skill",
    "LocalSkill",
    "ContainerAuto",
    "LocalEnvironment",
    "ContainerReference",
    "UnknownEnvironment",
    "ShellEnvironment",
]

#: Base of the tools and calls that carry ``async``: a Python keyword, so only the functional
#: TypedDict syntax can declare it (as the SDK does). Subclasses list it first.
AsyncFlag = TypedDict("AsyncFlag", {"async": Optional[bool]}, total=False)


# -- caller --------------------------------------------------------------------------------------


@wire_dict
class CallerDirect(TypedDict, total=False):
    """The model called the tool itself."""

    type: Required[Literal["direct"]]


@wire_dict
class CallerProgram(TypedDict, total=False):
    """A program the model wrote called the tool (programmatic tool calling)."""

    type: Required[Literal["program"]]
    caller_id: Required[str]


_KnownCaller = Union[CallerDirect, CallerProgram]


@wire_dict
class UnknownCaller(TypedDict):
    """A caller type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownCaller)]


#: ``caller`` of a tool call or tool output item.
Caller: TypeAlias = Annotated[
    Union[Annotated[_KnownCaller, Field(discriminator="type")], UnknownCaller],
    Field(union_mode="left_to_right"),
]


# -- containers ----------------------------------------------------------------------------------


@wire_dict
class ContainerNetworkPolicyDisabled(TypedDict, total=False):
    """No network access from the container."""

    type: Required[Literal["disabled"]]


@wire_dict
class ContainerNetworkPolicyDomainSecret(TypedDict, total=False):
    """A secret the container may send to one allowed domain."""

    domain: Required[str]
    name: Required[str]
    value: Required[str]


@wire_dict
class ContainerNetworkPolicyAllowlist(TypedDict, total=False):
    """Network access to the listed domains only."""

    type: Required[Literal["allowlist"]]
    allowed_domains: Required[list[str]]
    domain_secrets: Optional[list[ContainerNetworkPolicyDomainSecret]]


_KnownContainerNetworkPolicy = Union[
    ContainerNetworkPolicyDisabled, ContainerNetworkPolicyAllowlist
]


@wire_dict
class UnknownContainerNetworkPolicy(TypedDict):
    """A network policy type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownContainerNetworkPolicy)]


#: ``network_policy`` of a hosted container.
ContainerNetworkPolicy: TypeAlias = Annotated[
    Union[
        Annotated[_KnownContainerNetworkPolicy, Field(discriminator="type")],
        UnknownContainerNetworkPolicy,
    ],
    Field(union_mode="left_to_right"),
]


@wire_dict
class InlineSkillSource(TypedDict, total=False):
    """The zipped files of an inline skill, base64-encoded."""

    type: Required[Literal["base64"]]
    media_type: Required[Union[Literal["application/zip"], str]]
    data: Required[str]


@wire_dict
class InlineSkill(TypedDict, total=False):
    """A skill sent with the request."""

    type: Required[Literal["inline"]]
    name: Required[str]
    description: Required[str]
    source: Required[InlineSkillSource]


@wire_dict
class SkillReference(TypedDict, total=False):
    """A skill uploaded earlier, by id (and version)."""

    type: Required[Literal["skill_reference"]]
    skill_id: Required[str]
    version: Optional[str]


_KnownSkill = Union[SkillReference, InlineSkill]


@wire_dict
class UnknownSkill(TypedDict):
    """A skill type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownSkill)]


#: One entry of a hosted container's ``skills``.
Skill: TypeAlias = Annotated[
    Union[Annotated[_KnownSkill, Field(discriminator="type")], UnknownSkill],
    Field(union_mode="left_to_right"),
]


@wire_dict
class LocalSkill(TypedDict, total=False):
    """A skill installed on the machine that runs a local shell."""

    name: Required[str]
    description: Required[str]
    path: Required[str]


# -- environments --------------------------------------------------------------------------------


@wire_dict
class ContainerAuto(TypedDict, total=False):
    """A hosted container created for the request."""

    type: Required[Literal["container_auto"]]
    file_ids: Optional[list[str]]
    memory_limit: Optional[Union[Literal["1g", "4g", "16g", "64g"], str]]
    network_policy: Optional[ContainerNetworkPolicy]
    skills: Optional[list[Skill]]


@wire_dict
class LocalEnvironment(TypedDict, total=False):
    """The client's own machine runs the commands (SDK also: ``ResponseLocalEnvironment``)."""

    type: Required[Literal["local"]]
    skills: Optional[list[LocalSkill]]


@wire_dict
class ContainerReference(TypedDict, total=False):
    """An existing hosted container, by id (SDK also: ``ResponseContainerReference``)."""

    type: Required[Literal["container_reference"]]
    container_id: Required[str]


_KnownEnvironment = Union[ContainerAuto, LocalEnvironment, ContainerReference]


@wire_dict
class UnknownEnvironment(TypedDict):
    """An environment type newer than this library; its payload is kept as given."""

    type: Annotated[str, not_one_of(_KnownEnvironment)]


#: ``environment`` of the shell tool and of a ``shell_call``.
ShellEnvironment: TypeAlias = Annotated[
    Union[Annotated[_KnownEnvironment, Field(discriminator="type")], UnknownEnvironment],
    Field(union_mode="left_to_right"),
]
