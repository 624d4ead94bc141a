"""Writing procedures as national packages (private; see ``tthc.io.national``)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError
from tthc.io._converter import dump_json
from tthc.io.national._package import (
    CONVERTER,
    EXTENSION_KEY,
    _Dossier,
    _Fee,
    _Law,
    _Level,
    _Package,
    _Paper,
    _Result,
    _Sector,
    _Sequence,
    _Step,
    _Subject,
    _Time,
    _Unit,
    _Way,
)
from tthc.procedures import (
    Agency,
    Attachment,
    ChannelOption,
    Fee,
    Procedure,
    ProcedureCase,
)

if TYPE_CHECKING:
    import datetime as dt
    import os
    from collections.abc import Iterable

__all__ = ["dump_national", "to_national"]

_UNIT_TEXT: Final = {
    # "working days", "days", "working hours", "hours", "months" as the national database writes
    DurationUnit.WORKING_DAYS: "Ngày làm việc",
    DurationUnit.CALENDAR_DAYS: "Ngày",
    DurationUnit.WORKING_HOURS: "Giờ làm việc",
    DurationUnit.HOURS: "Giờ",
    DurationUnit.MONTHS: "Tháng",
}


def _amount_text(amount: Decimal) -> str:
    """Vietnamese writing of an amount: '.' between thousands, ',' before decimals."""
    whole, _, decimals = format(amount, "f").partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups: list[str] = []
    while len(digits) > 3:  # noqa: PLR2004 - groups of three digits
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + ".".join(groups) + (f",{decimals}" if decimals else "")


def _time_texts(duration: Duration | None) -> tuple[str, str]:
    if duration is None:
        # "other": no countable time
        return "", "Khác"
    if duration.unit is DurationUnit.SAME_DAY:
        return "", str(duration)
    number = format(Decimal(duration.value), "f").replace(".", ",")
    return number, _UNIT_TEXT[duration.unit]


def _date_text(day: dt.date | None) -> str:
    # Not strftime: "%Y" does not pad years before 1000 to four digits on every platform.
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _attachment_texts(attachment: Attachment | None) -> tuple[str, str]:
    if attachment is None:
        return "", ""
    return attachment.name, attachment.url or ""


def _fee_out(fee: Fee) -> _Fee:
    description = fee.description or (fee.kind.label if fee.kind is not None else "")
    name, url = _attachment_texts(fee.attachment)
    return _Fee(
        code=fee.code or "",
        description=description,
        amount="" if fee.amount is None else _amount_text(fee.amount),
        # "đồng"
        unit="" if fee.amount is None else "Đồng",
        file_name=name,
        url=url,
    )


def _option_description(case: ProcedureCase, option: ChannelOption) -> str:
    if case.name is None:
        return option.description or ""
    if option.description is None:
        return case.name
    return f"{case.name}: {option.description}"


def _package(procedure: Procedure) -> _Package:
    kept = procedure.extensions.get(EXTENSION_KEY, {})
    kept = kept if isinstance(kept, Mapping) else {}

    def kept_text(key: str) -> str:
        value = kept.get(key, "")
        return value if isinstance(value, str) else ""

    codes = kept.get("authority_level_codes", ())
    if not (isinstance(codes, tuple) and len(codes) == len(procedure.authority_levels)):
        codes = ("",) * len(procedure.authority_levels)
    cases = procedure.cases
    only_general = len(cases) == 1 and cases[0].name is None and not cases[0].components
    dossiers = (
        ()
        if only_general
        else tuple(
            _Dossier(
                case=case.name or "",
                components=tuple(
                    _Paper(
                        code=c.code or "",
                        name=c.name,
                        originals=str(c.originals),
                        copies=str(c.copies),
                        form=_attachment_texts(c.form)[0],
                        url=_attachment_texts(c.form)[1],
                        replaceable_by_result_code=c.replaceable_by_result_code or "",
                    )
                    for c in case.components
                ),
            )
            for case in cases
        )
    )
    sequences = []
    if procedure.steps:
        sequences.append(
            _Sequence(steps=tuple(_Step(description=s.description) for s in procedure.steps))
        )
    sequences += [
        _Sequence(
            case=case.name or "", steps=tuple(_Step(description=s.description) for s in case.steps)
        )
        for case in cases
        if case.steps
    ]
    ways = []
    for channel in procedure.channels:
        times = []
        for case in cases:
            for option in case.options(channel):
                value, unit = _time_texts(option.processing_time)
                times.append(
                    _Time(
                        value=value,
                        unit=unit,
                        description=_option_description(case, option),
                        fees=tuple(_fee_out(f) for f in option.fees),
                    )
                )
        ways.append(_Way(channel=str(int(channel)), times=tuple(times)))

    def units(agencies: tuple[Agency, ...]) -> tuple[_Unit, ...]:
        return tuple(_Unit(code=a.code or "", name=a.name) for a in agencies)

    return _Package(
        id=kept_text("id"),
        code=procedure.code,
        name=procedure.name,
        publishing_agency_code=procedure.publishing_agency_code or "",
        procedure_type=""
        if procedure.procedure_type is None
        else str(int(procedure.procedure_type)),
        status=kept_text("status"),
        keywords=procedure.keywords or "",
        subjects_text=procedure.subjects_text or "",
        reception_address=procedure.reception_address or "",
        requirements="\n".join(procedure.requirements),
        implementing_agencies_text=procedure.implementing_agencies_text or "",
        competent_agencies_text=procedure.competent_agencies_text or "",
        description=procedure.description or "",
        publication_decision=procedure.publication_decision or "",
        publication_decision_id=kept_text("publication_decision_id"),
        related_procedures=procedure.related_procedures,
        interconnected_procedures=procedure.interconnected_procedures,
        sequences=tuple(sequences),
        authority_levels=tuple(
            _Level(code=code if isinstance(code, str) else "", name=level.label)
            for code, level in zip(codes, procedure.authority_levels, strict=True)
        ),
        sectors=tuple(_Sector(code=s.code or "", name=s.name) for s in procedure.sectors),
        ways=tuple(ways),
        subjects=tuple(_Subject(code=s.code or "", name=s.name) for s in procedure.subjects),
        dossiers=dossiers,
        results=tuple(
            _Result(
                code=r.code or "",
                name=r.name,
                template=_attachment_texts(r.template)[0],
                url=_attachment_texts(r.template)[1],
            )
            for r in procedure.results
        ),
        legal_basis=tuple(
            _Law(
                number=law.number,
                title=law.title or "",
                issued_on=_date_text(law.issued_on),
                effective_from=_date_text(law.effective_from),
                issuer=law.issuer or "",
                url=law.url or "",
            )
            for law in procedure.legal_basis
        ),
        implementing_agencies=units(procedure.implementing_agencies),
        competent_agencies=units(procedure.competent_agencies),
        delegated_agencies=units(procedure.delegated_agencies),
        coordinating_agencies=units(procedure.coordinating_agencies),
    )


# --- public functions -------------------------------------------------------------------------------


def to_national(procedure: Procedure) -> dict[str, Any]:
    """Write one procedure as a national package (*gói tin thủ tục*), a dict for ``json.dumps``.

    Raises:
        InvalidValueError: ``procedure`` is not a ``Procedure``.
    """
    if not isinstance(procedure, Procedure):
        raise InvalidValueError("to_national(procedure)", procedure, "a tthc.Procedure")
    result: dict[str, Any] = CONVERTER.unstructure(_package(procedure), _Package)
    return result


def dump_national(
    procedures: Iterable[Procedure],
    path: str | os.PathLike[str] | None = None,
    *,
    indent: int | None = 2,
) -> str:
    """Write procedures as a JSON array of national packages (*gói tin thủ tục*).

    Args:
        procedures: The procedures.
        path: If given, the file to write (replaced atomically).
        indent: Indentation of the JSON text; ``None`` for the most compact text.

    Returns:
        The JSON text (also written to ``path`` when given).

    Raises:
        InvalidValueError: An item is not a ``Procedure``.
        OSError: The file cannot be written.
    """
    return dump_json([to_national(p) for p in procedures], path, indent=indent)
