"""Toolsets: groups of tools configured together (their calls come back as ordinary ``tool_use`` blocks with ``toolset_name``)."""

from typing import Literal, Optional

from typing_extensions import Required, TypedDict

from .._base import wire_dict
from ._common import CacheControlEphemeralParam

__all__ = [
    "BrowserToolset20260801Param",
    "BrowserToolsetConfigsParam",
    "ComputerToolset20260801Param",
    "ComputerToolsetConfigsParam",
    "ToolsetToolConfigParam",
]

# -- toolsets (members come back as ordinary tool_use blocks with ``toolset_name``) ---------------


@wire_dict
class ToolsetToolConfigParam(TypedDict, total=False):
    """Per-member settings of a browser or computer toolset."""

    enabled: Optional[bool]
    defer_loading: Optional[bool]


@wire_dict
class BrowserToolsetConfigsParam(TypedDict, total=False):
    """Settings of each member of the browser toolset, by member name."""

    close_tab: Optional[ToolsetToolConfigParam]
    double_click: Optional[ToolsetToolConfigParam]
    file_upload: Optional[ToolsetToolConfigParam]
    find: Optional[ToolsetToolConfigParam]
    form_input: Optional[ToolsetToolConfigParam]
    get_page_text: Optional[ToolsetToolConfigParam]
    hold_key: Optional[ToolsetToolConfigParam]
    hover: Optional[ToolsetToolConfigParam]
    javascript_exec: Optional[ToolsetToolConfigParam]
    key: Optional[ToolsetToolConfigParam]
    left_click: Optional[ToolsetToolConfigParam]
    left_click_drag: Optional[ToolsetToolConfigParam]
    left_mouse_down: Optional[ToolsetToolConfigParam]
    left_mouse_up: Optional[ToolsetToolConfigParam]
    list_tabs: Optional[ToolsetToolConfigParam]
    middle_click: Optional[ToolsetToolConfigParam]
    mouse_move: Optional[ToolsetToolConfigParam]
    navigate: Optional[ToolsetToolConfigParam]
    new_tab: Optional[ToolsetToolConfigParam]
    read_console: Optional[ToolsetToolConfigParam]
    read_network: Optional[ToolsetToolConfigParam]
    read_page: Optional[ToolsetToolConfigParam]
    right_click: Optional[ToolsetToolConfigParam]
    screenshot: Optional[ToolsetToolConfigParam]
    scroll: Optional[ToolsetToolConfigParam]
    scroll_to: Optional[ToolsetToolConfigParam]
    switch_tab: Optional[ToolsetToolConfigParam]
    triple_click: Optional[ToolsetToolConfigParam]
    type: Optional[ToolsetToolConfigParam]
    wait: Optional[ToolsetToolConfigParam]
    zoom: Optional[ToolsetToolConfigParam]


@wire_dict
class ComputerToolsetConfigsParam(TypedDict, total=False):
    """Settings of each member of the computer toolset, by member name."""

    cursor_position: Optional[ToolsetToolConfigParam]
    double_click: Optional[ToolsetToolConfigParam]
    hold_key: Optional[ToolsetToolConfigParam]
    key: Optional[ToolsetToolConfigParam]
    left_click: Optional[ToolsetToolConfigParam]
    left_click_drag: Optional[ToolsetToolConfigParam]
    left_mouse_down: Optional[ToolsetToolConfigParam]
    left_mouse_up: Optional[ToolsetToolConfigParam]
    middle_click: Optional[ToolsetToolConfigParam]
    mouse_move: Optional[ToolsetToolConfigParam]
    right_click: Optional[ToolsetToolConfigParam]
    screenshot: Optional[ToolsetToolConfigParam]
    scroll: Optional[ToolsetToolConfigParam]
    triple_click: Optional[ToolsetToolConfigParam]
    type: Optional[ToolsetToolConfigParam]
    wait: Optional[ToolsetToolConfigParam]
    zoom: Optional[ToolsetToolConfigParam]


@wire_dict
class BrowserToolset20260801Param(TypedDict, total=False):
    """The browser toolset (navigate, click, read_page, …), version 2026-08-01."""

    type: Required[Literal["browser_toolset_20260801"]]
    cache_control: Optional[CacheControlEphemeralParam]
    configs: Optional[BrowserToolsetConfigsParam]


@wire_dict
class ComputerToolset20260801Param(TypedDict, total=False):
    """The computer toolset (screenshot, click, type, …), version 2026-08-01."""

    type: Required[Literal["computer_toolset_20260801"]]
    cache_control: Optional[CacheControlEphemeralParam]
    configs: Optional[ComputerToolsetConfigsParam]
