"""Dossiers in the library's own JSON format (private; see ``tthc.io.dossiers``).

Events are a tagged union under ``"kind"``; ``calendar`` and ``policy`` are not data and are
given to [`load_dossiers`][tthc.io.dossiers.load_dossiers] instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, Union

import attrs
from cattrs.errors import ClassValidationError
from cattrs.gen import make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from tthc.dossiers import (
    Closed,
    Dossier,
    DossierEvent,
    Paid,
    PaymentRequested,
    ProcessingStarted,
    Received,
    Refused,
    Rescheduled,
    Resolved,
    Returned,
    Stopped,
    SupplementRequested,
    SupplementSupplied,
    Withdrawn,
)
from tthc.errors import InvalidValueError
from tthc.io._converter import (
    DEFAULT_MAX_BYTES,
    WIRE,
    dump_json,
    make_converter,
    read_json,
    structure_all,
)
from tthc.io.schema import schema_for

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    import cattrs

    from tthc.calendar import WorkingCalendar
    from tthc.deadlines import DeadlinePolicy

__all__ = [
    "EVENT_TYPES",
    "configure_dossier_hooks",
    "dossiers_schema",
    "dump_dossiers",
    "load_dossiers",
    "make_dossier_converter",
]

EVENT_TYPES: Final = (
    Received,
    ProcessingStarted,
    SupplementRequested,
    SupplementSupplied,
    PaymentRequested,
    Paid,
    Rescheduled,
    Resolved,
    Returned,
    Refused,
    Withdrawn,
    Stopped,
    Closed,
)
"""Every concrete event, in the order of the lifecycle: the members of the tagged union."""
_EVENT_UNION: Any = Union[EVENT_TYPES]  # noqa: UP007 - a union built from a tuple at run time
_TAG: Final = "kind"
_BY_KIND: Final = {cls.kind: cls for cls in EVENT_TYPES}
_KIND_OF: Final[dict[type, str]] = {cls: cls.kind for cls in EVENT_TYPES}


def configure_dossier_hooks(converter: cattrs.Converter) -> None:
    """Register on ``converter`` the hooks for dossiers and their events.

    Registered, on top of [`configure_converter`][tthc.io.configure_converter]'s hooks (which
    ``converter`` must already have):

    * **events** (``DossierEvent`` and each concrete event) as a tagged union
      (``cattrs.strategies.configure_tagged_union``), the tag under ``"kind"``
      (``"received"``, ``"supplement_requested"``, … : each class's ``kind``); an unknown or
      missing tag is one clear problem;
    * **``Dossier``**: the attributes but ``calendar``, ``policy`` and ``ruleset``, which are
      not written and are refused on reading (they are not data: give the first two to
      [`load_dossiers`][tthc.io.dossiers.load_dossiers]; pin a rule set with
      ``attrs.evolve(dossier, ruleset=...)``).

    Args:
        converter: The converter to configure.

    Examples:
        >>> import datetime as dt
        >>> from tthc.deadlines import VN_TZ
        >>> from tthc.io import make_converter
        >>> c = make_converter()
        >>> configure_dossier_hooks(c)
        >>> c.unstructure(Resolved(at=dt.datetime(2026, 3, 4, 15, tzinfo=VN_TZ)), DossierEvent)
        {'at': '2026-03-04T15:00:00+07:00', 'kind': 'resolved'}
    """
    configure_tagged_union(
        _EVENT_UNION, converter, tag_generator=lambda cl: _KIND_OF[cl], tag_name=_TAG
    )
    kinds = ", ".join(repr(k) for k in _BY_KIND)

    def structure_event(value: object, _: object) -> DossierEvent:
        if not isinstance(value, Mapping):
            raise InvalidValueError(WIRE, value, "an object (JSON object) for an event")
        tag = value.get(_TAG)
        if tag not in _BY_KIND:
            raise InvalidValueError(WIRE, tag, f"an event kind under {_TAG!r}: one of {kinds}")
        event: DossierEvent = converter.structure(value, _EVENT_UNION)
        return event

    def unstructure_event(event: DossierEvent) -> Any:
        return converter.unstructure(event, _EVENT_UNION)

    converter.register_structure_hook(DossierEvent, structure_event)
    for cls in (DossierEvent, *EVENT_TYPES):
        converter.register_unstructure_hook(cls, unstructure_event)

    default = converter.get_structure_hook(Dossier)

    def structure_dossier(value: object, t: object) -> Dossier:
        refused = (
            [k for k in ("calendar", "policy", "ruleset") if k in value]
            if isinstance(value, Mapping)
            else []
        )
        if not refused or not isinstance(value, Mapping):
            dossier: Dossier = default(value, t)
            return dossier
        # Report them with the record's other problems, if any.
        errors: list[Exception] = [
            InvalidValueError(
                WIRE,
                refused,
                "no 'calendar' or 'policy' in the data (pass them to load_dossiers)"
                if "ruleset" not in refused
                else "no 'calendar', 'policy' or 'ruleset' in the data (pass the calendar and "
                "the policy to load_dossiers; pin a rule set on the loaded dossier)",
            )
        ]
        try:
            default({k: v for k, v in value.items() if k not in refused}, t)
        except ClassValidationError as exc:
            errors += exc.exceptions
        raise ClassValidationError("While structuring Dossier", errors, Dossier)

    converter.register_structure_hook(Dossier, structure_dossier)
    converter.register_unstructure_hook(
        Dossier,
        make_dict_unstructure_fn(
            Dossier,
            converter,
            _cattrs_omit_if_default=True,
            calendar=override(omit=True),
            policy=override(omit=True),
            ruleset=override(omit=True),
        ),
    )


def make_dossier_converter() -> cattrs.Converter:
    """Return [`make_converter`][tthc.io.make_converter] with the dossier hooks registered."""
    c = make_converter()
    configure_dossier_hooks(c)
    return c


_CONVERTER: Final = make_dossier_converter()


def _with_clock(
    dossiers: list[Dossier], calendar: WorkingCalendar | None, policy: DeadlinePolicy | None
) -> list[Dossier]:
    changes: dict[str, Any] = {}
    if calendar is not None:
        changes["calendar"] = calendar
    if policy is not None:
        changes["policy"] = policy
    return [attrs.evolve(d, **changes) for d in dossiers] if changes else dossiers


def load_dossiers(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Dossier]:
    """Load dossiers (*hồ sơ*) from the library's JSON format.

    Args:
        source: A path, JSON text (starting with ``[``), or parsed records (dicts).
        calendar: The working calendar of every dossier (default: the Vietnamese calendar).
        policy: The deadline policy of every dossier (default: working time).
        max_bytes: Larger files are refused before being read (100 MB by default).

    Returns:
        The dossiers, in order.

    Raises:
        LoadError: The input cannot be read, or has problems; ``.problems`` lists every one
            with its path (``$[0].events[2].at: …``). Nothing is returned from a bad input.
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.

    Examples:
        >>> text = '''[{"code": "000.00.10.H26-260302-00001", "procedure_code": "1.000000",
        ...   "channel": 1, "submitted_at": "2026-03-02T09:00:00+07:00",
        ...   "received_at": "2026-03-02T09:00:00+07:00", "processing_time": "3 ngày làm việc",
        ...   "events": [{"kind": "resolved", "at": "2026-03-04T15:00:00+07:00"}]}]'''
        >>> [d] = load_dossiers(text)
        >>> d, load_dossiers(dump_dossiers([d])) == [d]
        (<Dossier 000.00.10.H26-260302-00001 status=RESOLVED events=1>, True)
    """
    data, name = read_json(source, max_bytes=max_bytes)
    dossiers: list[Dossier] = structure_all(_CONVERTER, data, list[Dossier], name)
    return _with_clock(dossiers, calendar, policy)


def dump_dossiers(
    dossiers: Iterable[Dossier],
    path: str | os.PathLike[str] | None = None,
    *,
    indent: int | None = 2,
) -> str:
    """Write dossiers (*hồ sơ*) in the library's JSON format (``calendar``/``policy`` left out).

    Args:
        dossiers: The dossiers.
        path: If given, the file to write (replaced atomically).
        indent: Indentation of the JSON text; ``None`` for the most compact text.

    Returns:
        The JSON text (also written to ``path`` when given).

    Raises:
        InvalidValueError: An item is not a ``Dossier``.
        OSError: The file cannot be written.
    """
    data = []
    for index, dossier in enumerate(dossiers):
        if not isinstance(dossier, Dossier):
            raise InvalidValueError(f"dump_dossiers(dossiers)[{index}]", dossier, "a Dossier")
        data.append(_CONVERTER.unstructure(dossier, Dossier))
    return dump_json(data, path, indent=indent)


def dossiers_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a file of dossiers (*hồ sơ*).

    The format is the one of [`dump_dossiers`][tthc.io.dossiers.dump_dossiers]: an array of
    dossiers whose events are told apart by their ``"kind"``. The calendar and policy are not
    written (they are given when loading), so the schema leaves them out.

    Examples:
        >>> dossiers_schema()["items"]["$ref"]
        '#/$defs/Dossier'
    """
    return schema_for(
        Dossier,
        title="tthc dossiers",
        description="Dossiers (hồ sơ) in the JSON format of tthc.io.dossiers.load_dossiers / "
        "dump_dossiers.",
        tags={cls: ("kind", cls.kind) for cls in EVENT_TYPES},
        unions={DossierEvent: EVENT_TYPES},
        omit={(Dossier, "calendar"), (Dossier, "policy"), (Dossier, "ruleset")},
    )
