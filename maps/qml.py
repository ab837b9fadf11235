"""QGIS layer styles (QML) for the exported layers.

The styles travel inside the GeoPackage (its ``layer_styles`` table), so a GIS user who
drags the file into QGIS sees events coloured exactly as on the HTML maps and labelled by
place, with the layer's time settings (date field, one day per event) filled in. Only the
elements QGIS needs are written; QGIS fills every other setting with its own defaults.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from maps.style import EVENT_TYPE_STYLES, type_colour, type_label

_DOCTYPE = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
#: Marker sizes (mm) of an event at its exact place and of one known only to a wider area.
_EXACT_SIZE_MM = 3.0
_AREA_SIZE_MM = 8.0
#: The precisions the HTML maps shade as an area rather than mark as a point.
_APPROXIMATE = "\"precision\" IN ('admin1', 'region', 'sea', 'country')"
_LABEL_COLOUR = "#323232"
_HALO_COLOUR = "#ffffff"


def events_qml(event_types: Iterable[str]) -> str:
    """Events categorised by ``event_type`` (one category per type given), labelled by place;
    those located only to an area are drawn as that area, not as a point."""
    types = sorted(set(event_types), key=_legend_order)
    renderer = _renderer("categorizedSymbol", attr="event_type")
    categories = ET.SubElement(renderer, "categories")
    symbols = ET.SubElement(renderer, "symbols")
    for index, event_type in enumerate(types):
        ET.SubElement(
            categories,
            "category",
            value=event_type,
            label=type_label(event_type),
            symbol=str(index),
            render="true",
        )
        marker = _marker(str(index), type_colour(event_type), size=_EXACT_SIZE_MM)
        _draw_approximate_as_area(marker, type_colour(event_type))
        symbols.append(marker)
    return _document(
        renderer,
        label_field="place",
        preview='"place" || \' · \' || "event_type"',
        temporal_field="event_date",
    )


def toponyms_qml() -> str:
    """Every resolved place mention as a small grey dot: context under the event layer."""
    return _document(
        _single_symbol(_marker("0", "#5a5a5a", size=1.8, outline_width=0.2)),
        preview='"text"',
        temporal_field="event_date",
    )


def places_qml() -> str:
    """The places events are located at: dark squares labelled by name."""
    return _document(
        _single_symbol(_marker("0", "#2b3a55", shape="square", size=2.4)),
        label_field="name",
        preview='"name"',
    )


def _legend_order(event_type: str) -> tuple[int, str]:
    """Built-in types in the maps' legend order, then user-defined ones alphabetically."""
    order = list(EVENT_TYPE_STYLES)
    return (order.index(event_type), "") if event_type in order else (len(order), event_type)


def _rgba(colour: str) -> str:
    """``#d62728`` -> ``214,39,40,255``, the colour notation QML uses."""
    value = colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"{red},{green},{blue},255"


def _renderer(kind: str, **attributes: str) -> ET.Element:
    return ET.Element(
        "renderer-v2", type=kind, symbollevels="0", enableorderby="0", forceraster="0", **attributes
    )


def _single_symbol(symbol: ET.Element) -> ET.Element:
    renderer = _renderer("singleSymbol")
    ET.SubElement(renderer, "symbols").append(symbol)
    return renderer


def _options(parent: ET.Element, values: dict[str, str]) -> None:
    """Symbol layer properties as QGIS 3 stores them: a map of QString options."""
    option_map = ET.SubElement(parent, "Option", type="Map")
    for name, value in values.items():
        ET.SubElement(option_map, "Option", name=name, type="QString", value=value)


def _marker(
    name: str,
    fill: str,
    *,
    shape: str = "circle",
    size: float,
    outline_width: float = 0.3,
) -> ET.Element:
    symbol = ET.Element("symbol", type="marker", name=name, alpha="1", clip_to_extent="1")
    layer = ET.SubElement(symbol, "layer", {"class": "SimpleMarker", "enabled": "1", "pass": "0"})
    _options(
        layer,
        {
            "name": shape,
            "color": _rgba(fill),
            "outline_color": _rgba(_HALO_COLOUR),
            "outline_style": "solid",
            "outline_width": str(outline_width),
            "outline_width_unit": "MM",
            "size": str(size),
            "size_unit": "MM",
        },
    )
    return symbol


def _draw_approximate_as_area(symbol: ET.Element, colour: str) -> None:
    """Events located only to a province, region, sea or country become a large translucent
    disc with a dashed rim, as on the HTML maps, so a country's centre never reads as a strike."""
    red, green, blue = _rgba(colour).split(",")[:3]
    overrides = {
        "size": f"if({_APPROXIMATE}, {_AREA_SIZE_MM}, {_EXACT_SIZE_MM})",
        "fillColor": f"if({_APPROXIMATE}, '{red},{green},{blue},60', '{_rgba(colour)}')",
        "outlineColor": f"if({_APPROXIMATE}, '{_rgba(colour)}', '{_rgba(_HALO_COLOUR)}')",
        "outlineStyle": f"if({_APPROXIMATE}, 'dash', 'solid')",
    }
    defined = ET.SubElement(symbol.find("layer"), "data_defined_properties")
    collection = ET.SubElement(defined, "Option", type="Map")
    ET.SubElement(collection, "Option", name="name", type="QString", value="")
    properties = ET.SubElement(collection, "Option", name="properties", type="Map")
    for key, expression in overrides.items():
        prop = ET.SubElement(properties, "Option", name=key, type="Map")
        ET.SubElement(prop, "Option", name="active", type="bool", value="true")
        ET.SubElement(prop, "Option", name="expression", type="QString", value=expression)
        ET.SubElement(prop, "Option", name="type", type="int", value="3")  # an expression
    ET.SubElement(collection, "Option", name="type", type="QString", value="collection")


def _labeling(field: str) -> ET.Element:
    """Labels from one field, dark text with a white halo, placed around the point."""
    labeling = ET.Element("labeling", type="simple")
    settings = ET.SubElement(labeling, "settings", calloutType="simple")
    text_style = ET.SubElement(
        settings,
        "text-style",
        fieldName=field,
        isExpression="0",
        fontSize="8",
        fontSizeUnit="Point",
        textColor=_rgba(_LABEL_COLOUR),
        textOpacity="1",
    )
    ET.SubElement(
        text_style,
        "text-buffer",
        bufferDraw="1",
        bufferSize="0.7",
        bufferSizeUnits="MM",
        bufferColor=_rgba(_HALO_COLOUR),
        bufferOpacity="1",
    )
    # 6 is "cartographic" placement: the best free position around the point.
    ET.SubElement(settings, "placement", placement="6", dist="0.8", distUnits="MM")
    ET.SubElement(settings, "rendering", drawLabels="1", obstacle="1", displayAll="0")
    return labeling


def _temporal(field: str) -> ET.Element:
    """Time settings from a date field, each feature lasting one day.

    QGIS 3.22 reads these from a default style but leaves the layer's time control switched
    off until the user ticks it; loading the style by hand switches it on.
    """
    return ET.Element(
        "temporal",
        enabled="1",
        mode="1",  # a feature's instant comes from a field
        startField=field,
        fixedDuration="1",
        durationUnit="d",
        accumulate="0",
        limitMode="0",
    )


def _document(
    renderer: ET.Element,
    *,
    label_field: str | None = None,
    preview: str,
    temporal_field: str | None = None,
) -> str:
    root = ET.Element("qgis", version="3.22.0", labelsEnabled="1" if label_field else "0")
    if temporal_field:
        root.append(_temporal(temporal_field))
    root.append(renderer)
    if label_field:
        root.append(_labeling(label_field))
    ET.SubElement(root, "previewExpression").text = preview
    ET.indent(root, space=" ")
    return _DOCTYPE + "\n" + ET.tostring(root, encoding="unicode") + "\n"
