"""Segments: values overridden per token (``UNI``) or group (``group:defi_top5``) over the base (mirrors
src/catalog/segments.ts; both SDKs check spec/vectors/segments.json).

An override is addressed ``KEY@SEGMENT``; a group is defined by the address ``group:NAME`` whose value lists its
tokens and an optional priority (``UNI,AAVE;priority=10``: the larger wins). A token reads its own override,
then its groups' by priority, then the base; a group reads its own, then the base.
"""
from __future__ import annotations

import re
from typing import Dict, Iterable, List, Mapping, NamedTuple, Optional, Tuple

from .errors import HpconfError

TOKEN = re.compile(r"^[A-Z][A-Z0-9]{1,14}$")
GROUP = re.compile(r"^group:[a-z][a-z0-9_-]{0,39}$")
BASE = "base"


class GroupDef(NamedTuple):
    tokens: Tuple[str, ...]
    priority: Optional[int]


class Resolved(NamedTuple):
    value: str
    layer: str


def is_segment(s: str) -> bool:
    return bool(TOKEN.match(s) or GROUP.match(s))


def parse_address(a: str) -> Tuple[str, Optional[str]]:
    """``KEY``, ``KEY@UNI`` or ``KEY@group:NAME`` as (key, segment)."""
    at = a.find("@")
    if at < 0:
        return a, None
    seg = a[at + 1:]
    if not is_segment(seg):
        raise HpconfError("HPC_SEGMENT_INVALID", {"segment": seg, "address": a})
    return a[:at], seg


def parse_group(address: str, raw: str) -> GroupDef:
    parts = [s.strip() for s in raw.split(";")]
    tokens: List[str] = []
    for t in parts[0].split(","):
        t = t.strip().upper()
        if t and t not in tokens:
            tokens.append(t)
    bad = [t for t in tokens if not TOKEN.match(t)]
    if not tokens or bad:
        raise HpconfError("HPC_GROUP_INVALID", {"group": address, "details": f"not token symbols: {', '.join(bad)}" if bad else "no tokens"})
    priority: Optional[int] = None
    for o in parts[1:]:
        m = re.match(r"^priority\s*=\s*(-?[0-9]{1,6})$", o)
        if not m:
            raise HpconfError("HPC_GROUP_INVALID", {"group": address, "details": f'"{o}" is not priority=N'})
        priority = int(m.group(1))
    return GroupDef(tuple(tokens), priority)


def groups_of(state: Mapping[str, str]) -> Dict[str, GroupDef]:
    out: Dict[str, GroupDef] = {}
    for a, v in state.items():
        if not a.startswith("group:") or "@" in a:
            continue
        try:
            out[a] = parse_group(a, v)
        except HpconfError:  # refused on write; an old row cannot break reads
            pass
    return out


def layers_of(segment: Optional[str], groups: Mapping[str, GroupDef]) -> List[str]:
    """The layers a segment reads, first wins: the token, its groups (larger priority first, none last, then by
    name), the base."""
    if not segment:
        return [BASE]
    if segment.startswith("group:"):
        return [segment, BASE]
    mine = sorted((name for name, g in groups.items() if segment in g.tokens),
                  key=lambda name: (0 if groups[name].priority is not None else 1, -(groups[name].priority or 0), name))
    return [segment, *mine, BASE]


def resolve_in(state: Mapping[str, str], groups: Mapping[str, GroupDef], segment: Optional[str], key: str) -> Optional[Resolved]:
    for layer in layers_of(segment, groups):
        v = state.get(key if layer == BASE else f"{key}@{layer}")
        if v is not None:
            return Resolved(v, layer)
    return None


def flatten(state: Mapping[str, str], segment: Optional[str], keys: Iterable[str],
            groups: Optional[Mapping[str, GroupDef]] = None) -> Dict[str, Resolved]:
    """Every base key of ``keys`` for a segment, under its base name: what a worker for it reads."""
    layers = layers_of(segment, groups_of(state) if groups is None else groups)  # once, not per key
    suffixes = [(layer, "" if layer == BASE else "@" + layer) for layer in layers]
    out: Dict[str, Resolved] = {}
    for k in keys:
        for layer, suffix in suffixes:
            v = state.get(k + suffix)
            if v is not None:
                out[k] = Resolved(v, layer)
                break
    return out
