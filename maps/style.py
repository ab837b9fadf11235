"""Event-type colours and labels shared by the HTML maps and the QGIS layer styles."""

from __future__ import annotations

#: The built-in event types, in legend order: (label, colour).
EVENT_TYPE_STYLES: dict[str, tuple[str, str]] = {
    "armed_clash": ("Armed clash", "#d62728"),
    "missile_strike": ("Missile strike", "#9467bd"),
    "air_strike": ("Air strike", "#1f77b4"),
    "drone_strike": ("Drone strike", "#17becf"),
    "shelling": ("Shelling", "#ff7f0e"),
    "protest": ("Protest", "#2ca02c"),
    "disaster": ("Disaster", "#8c564b"),
    "diplomacy": ("Diplomacy / statement", "#e377c2"),
    "other": ("Other", "#7f7f7f"),
}

#: Colours for user-defined types, assigned in a stable order so a type keeps its colour.
_EXTRA_COLOURS = ("#bcbd22", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd")


def type_label(event_type: str) -> str:
    style = EVENT_TYPE_STYLES.get(event_type)
    return style[0] if style else event_type.replace("_", " ").capitalize()


def type_colour(event_type: str) -> str:
    style = EVENT_TYPE_STYLES.get(event_type)
    if style:
        return style[1]
    index = sum(event_type.encode("utf-8")) % len(_EXTRA_COLOURS)
    return _EXTRA_COLOURS[index]
