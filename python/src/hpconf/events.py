"""The logfmt event vocabulary (spec/events.json); src/resolver/events.ts prints the same lines."""
from __future__ import annotations

from typing import List, Mapping, Optional, TypedDict, Union

from ._data import data_path, read_json
from .logfmt import logfmt

FieldValue = Union[str, int, float, bool]


class EventDef(TypedDict):
    level: str
    fields: List[str]


def _events() -> Mapping[str, EventDef]:
    doc = read_json(str(data_path("spec/events.json")))
    assert isinstance(doc, dict)
    events: Mapping[str, EventDef] = doc["events"]
    return events


def event_line(event: str, fields: Mapping[str, Optional[FieldValue]], level: Optional[str] = None) -> str:
    """One event as a logfmt line, fields in their documented order; unknown events or fields raise."""
    d = _events().get(event)
    if d is None:
        raise ValueError(f"unknown event {event}")
    names = [f.rstrip("?") for f in d["fields"]]
    for k in fields:
        if k not in names:
            raise ValueError(f"event {event} has no field {k}")
    out: List[tuple[str, FieldValue]] = [("level", level or d["level"]), ("event", event)]
    for f in d["fields"]:
        name = f.rstrip("?")
        v = fields.get(name)
        if v is None:
            if not f.endswith("?"):
                raise ValueError(f"event {event} needs field {name}")
            continue
        out.append((name, v))
    return logfmt(out)
