"""Shared pieces of the fuzz targets: the example budget and hostile inputs.

Every loader and parser of `tthc` has a fuzz target in this folder. A target feeds generated
input and accepts two outcomes only: a result, or a ``TthcError`` (the library's own error,
naming the field and the value). Any other exception (``ValueError``, ``TypeError``,
``KeyError``, ``OverflowError``, ``RecursionError``) fails the test, and Hypothesis shrinks the
input that raised it. No target measures time: cost is bounded by the documented input limits.

The number of inputs follows the Hypothesis profile of ``tests/conftest.py``: a target runs
``scale`` times the profile's ``max_examples`` ("ci": 500, so 1,000 inputs at the default scale;
an entry point has two or three targets).
"""

from __future__ import annotations

import json
import sys
import warnings
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tthc.errors import TthcError, TthcWarning

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "TOO_DEEP",
    "deep",
    "fuzz",
    "hostile_numbers",
    "hostile_texts",
    "json_documents",
    "json_values",
    "mutations",
    "outcome",
]


def fuzz(scale: int = 2) -> settings:
    """Settings of a fuzz target: ``scale`` times the profile's examples, no deadline."""
    return settings(
        max_examples=settings.default.max_examples * scale,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def outcome(call: Callable[[], Any]) -> Any:
    """Run ``call``: its result, or the ``TthcError`` it raised; any other error propagates.

    The library's own warnings (a provisional year, a field inferred by a liberal reader) are
    answers too: they are silenced here, and any other warning stays an error.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TthcWarning)
        try:
            return call()
        except TthcError as exc:
            return exc


# Text pieces that broke or nearly broke a parser: superscript and other non-ASCII digits
# (str.isdigit() accepts them, int() does not always), control characters, zero-width and
# bidirectional marks, spreadsheet formula starts, quotes, separators and Vietnamese words.
_PIECES = [
    "²⁰²⁷", "١٢", "৩", "①", "𝟝", "Ⅻ", "\x00", "\x1b[31m", "\r\n", "\n", "\t", "\u200b",
    "\u202e", "\ufeff", "\ud7ff", "=cmd|' /C calc'!A0", "+1", "-5", "@SUM(1)", "'", '"', "\\",
    ";", ",", ".", ":", "/", "-", "$", "$x^2$", "{}", "[]", "null", "NaN", "1e309", "0x1F",
    "9" * 30, "9" * 4301, "2024-02-30", "2025-13-01", "9999-12-31", "0000-01-01", "31/12/9999",
    "29/02/2023", "20230302100000", "T", "Z", "+07:00", "+25:00", "ngày", "ngày làm việc",
    "giờ", "tháng", "trong ngày", "sau 15h", "Trực tuyến", "Trực tiếp", "Bưu chính", "online",
    "DVC", "Đ", "đ", "\u0301", " ", "\u00a0",
]  # fmt: skip


def hostile_texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Text: random characters, hostile pieces, or both joined."""
    piece = st.sampled_from(_PIECES) | st.text(max_size=8)
    return st.text(max_size=max_size) | st.lists(piece, max_size=6).map("".join)


def hostile_numbers() -> st.SearchStrategy[int | float]:
    """Numbers at the edges: huge integers (over Python's 4,300-digit print limit), floats."""
    return st.one_of(
        st.integers(),
        st.sampled_from([-1, 0, 2**63, -(2**63), 10**20]),
        # 10**4300 and beyond: over Python's 4,300-digit limit for printing an integer.
        st.sampled_from([4300, 4301, 5000]).map(lambda digits: 10**digits),
        st.floats(allow_nan=False, allow_infinity=False),
    )


def json_values(max_leaves: int = 20) -> st.SearchStrategy[Any]:
    """Any JSON value (as ``json.loads`` gives), with hostile texts and numbers at the leaves."""
    leaves = st.one_of(
        st.none(), st.booleans(), hostile_numbers(), hostile_texts(), st.sampled_from(_PIECES)
    )
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(hostile_texts(12), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


def deep(depth: int, leaf: Any = None) -> Any:
    """A value nested ``depth`` levels deep: lists and objects alternating."""
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"x": value}
    return value


def json_documents(values: st.SearchStrategy[Any]) -> st.SearchStrategy[str]:
    """JSON text of ``values``, sometimes cut short or with a stray byte."""
    text = values.map(_dumps)
    return st.one_of(
        text,
        st.tuples(text, st.integers(0, 50)).map(lambda t: t[0][: max(0, len(t[0]) - t[1])]),
        text.map(lambda t: t.replace(":", "", 1)),
    )


def _dumps(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except ValueError:  # an integer over the 4,300-digit limit: write one by hand
        return "[" + "9" * 4301 + "]"


def _places(document: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into ``document`` (keys and indexes), the document itself first."""
    found = [path]
    if isinstance(document, dict):
        for key, value in document.items():
            found += _places(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _places(value, (*path, index))
    return found


def _changed(document: Any, path: tuple[Any, ...], value: Any, *, delete: bool) -> Any:
    """A copy of ``document`` with the value at ``path`` replaced (or deleted).

    Only the containers along the path are copied; the rest is shared (never modified).
    """
    if not path:
        return document if delete else value
    key, rest = path[0], path[1:]
    copy = dict(document) if isinstance(document, dict) else list(document)
    if rest:
        copy[key] = _changed(document[key], rest, value, delete=delete)
    elif delete:
        del copy[key]
    else:
        copy[key] = value
    return copy


# Built once: building a recursive strategy on every draw costs more than the draw.
_SCALARS = st.one_of(st.none(), st.booleans(), hostile_numbers(), hostile_texts(20))
_VALUES = (
    _SCALARS
    | st.lists(_SCALARS, max_size=3)
    | st.dictionaries(hostile_texts(8), _SCALARS, max_size=3)
)
_TEXTS = hostile_texts(30)
_PLACES: dict[int, tuple[Any, list[tuple[Any, ...]]]] = {}


def _places_of(document: Any) -> list[tuple[Any, ...]]:
    """``_places``, remembered for the seed documents (kept alive with their places)."""
    known = _PLACES.get(id(document))
    if known is None or known[0] is not document:
        known = (document, _places(document))
        if len(_PLACES) < 64:  # the seeds, not every changed copy
            _PLACES[id(document)] = known
    return known[1]


def _holds(document: Any, path: tuple[Any, ...]) -> bool:
    """Whether ``path`` still leads somewhere in ``document`` (after earlier changes)."""
    for key in path:
        if (isinstance(document, dict) and key in document) or (
            isinstance(document, list) and isinstance(key, int) and key < len(document)
        ):
            document = document[key]
        else:
            return False
    return True


@st.composite
def mutations(draw: st.DrawFn, document: Any, changes: int = 3) -> Any:
    """``document`` (a valid one) with 1 to ``changes`` places replaced, blanked or deleted.

    Random JSON rarely gets past a loader's first check; a valid document changed in one or two
    places reaches the checks of every field. The places are drawn among the valid document's
    (a place an earlier change removed is skipped).
    """
    places = _places_of(document)
    for _ in range(draw(st.integers(1, changes))):
        path = places[draw(st.integers(0, len(places) - 1))]
        how = draw(st.sampled_from(["value", "text", "delete"]))
        if not _holds(document, path):
            continue
        if how == "delete":
            document = _changed(document, path, None, delete=True)
        else:
            value = draw(_VALUES if how == "value" else _TEXTS)
            document = _changed(document, path, value, delete=False)
    return document


# A depth past the interpreter's recursion limit.
TOO_DEEP = sys.getrecursionlimit() + 100
