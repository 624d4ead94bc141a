r"""The national procedure package (*gói tin thủ tục hành chính quốc gia*, ``GoiTinThuTucQG``).

The national database of administrative procedures (CSDLQG) hands out one JSON package per
procedure (service ``LayThuTuc``). [`load_national`][tthc.io.national.load_national] reads such
packages into [`Procedure`][tthc.procedures.Procedure] records and
[`dump_national`][tthc.io.national.dump_national] writes them back. The Vietnamese wire keys
(``MaTTHC``, ``TENTTHC``, ``CACHTHUCTHUCHIEN``, …) exist only in this module.

How the package maps onto the records:

* **cases** (*trường hợp*) are the distinct non-blank ``TRUONGHOP`` of ``THANHPHANHOSO`` and
  ``TRINHTUTHUCHIEN``, in order of appearance; a blank ``TRUONGHOP`` is the general case
  (``name=None``) and its steps are the procedure's steps;
* the package gives processing times and fees **per channel** (``CACHTHUCTHUCHIEN[] {KENH,
  THOIGIAN[]}``), not per case: a ``THOIGIAN`` entry belongs to the case whose name its
  ``MOTA`` is, or starts ``"<case name>: "``; any other entry belongs to the general case;
* ``THOIGIANGIAIQUYET`` and ``DONVITINH`` are read together with
  [`Duration.parse`][tthc.durations.Duration.parse] ("5" and "Ngày làm việc" give 5 working
  days; "Giờ" means clock hours, "Giờ làm việc" office hours); a unit containing "Khác" (other)
  gives no processing time (``None``);
* ``SOTIEN`` is read as Vietnamese writes amounts (``"8.000"`` is eight thousand, ``","`` is
  the decimal mark); ``DONVI`` must be đồng (or blank); whether an amount is a fee or a
  charge comes from its ``MOTA`` ("Lệ phí …" → charge, "Phí …" → fee, otherwise unknown);
* dates (``NGAYBANHANH``, ``NGAYHIEULUC``) are read as ``dd/MM/yyyy``, ``yyyy-MM-dd`` (with a
  midnight time or none) or ``yyyyMMdd[HHmmss]``, and written as ``dd/MM/yyyy``: **the
  package's own date format is not confirmed** (UNCERTAIN);
* the authority level is read from ``TENCAP`` ("Cấp Tỉnh" → province, …): the national codes
  of ``CAPTHUCHIEN`` are not confirmed, so they are kept as they are (see below) and not
  interpreted;
* fields with no meaning in the records (``ID``, ``TRANGTHAI``, ``IDQUYETDINHCONGBO``, the
  ``CAPTHUCHIEN`` codes) are kept under ``Procedure.extensions["csdlqg"]`` so that writing the
  record gives them back.

What the package cannot carry, and is therefore not written: the scope (a package is read as
external), the online level and the "eligible for full online" flag, how steps are done
(``Step.channels``, ``Step.internal``), how results are returned, whether a component is
mandatory, fee exemptions, the applicant type of a subject, and a legal document's article and
end date. A record read from a package and written back gives the same package, up to
normalisation (NFC text, canonical numbers, amounts and dates, all keys present).

Examples:
    >>> [p] = load_national('''{"MaTTHC": "0.000001", "TENTTHC": "Thủ tục (ví dụ)",
    ...     "CACHTHUCTHUCHIEN": [{"KENH": "1", "THOIGIAN": [{"THOIGIANGIAIQUYET": "5",
    ...         "DONVITINH": "Ngày làm việc", "MOTA": "", "PHILEPHI": [{"MAPHILEPHI": "",
    ...         "MOTA": "Lệ phí (ví dụ)", "SOTIEN": "8.000", "DONVI": "Đồng",
    ...         "TENTEP": "", "URL": ""}]}]}]}''')
    >>> str(p.processing_time(Channel.IN_PERSON)), p.fees(Channel.IN_PERSON)[0].amount
    ('5 ngày làm việc', Decimal('8000'))
    >>> to_national(p)["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["PHILEPHI"][0]["SOTIEN"]
    '8.000'

References:
    CSDLQG procedure package ``GoiTinThuTucQG`` (``LayThuTuc``): field list CONFIRMED from a
    production one-stop system (research notes ``vn_legal.md`` §4.2, §1.2); ``KENH`` and
    ``LOAITTHC`` codes CONFIRMED; procedure code format ``^[0-9]\\.[0-9]{6}$`` (§4.3).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError, LoadError, TthcError
from tthc.io._converter import (
    DEFAULT_MAX_BYTES,
    check_fields,
    dump_json,
    is_homogeneous_sequence,
    make_converter,
    nullable_sequence_hook,
    object_hook,
    parse_duration,
    problems_of,
    read_json,
    structure_wire_text,
)
from tthc.procedures import (
    Agency,
    Attachment,
    AuthorityLevel,
    Channel,
    ChannelOption,
    Component,
    Fee,
    FeeKind,
    LegalDocument,
    Procedure,
    ProcedureCase,
    ProcedureType,
    Result,
    Sector,
    Step,
    Subject,
)

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    import cattrs

__all__ = [
    "EXTENSION_KEY",
    "dump_national",
    "from_national",
    "load_national",
    "make_national_converter",
    "to_national",
]

EXTENSION_KEY: Final = "csdlqg"
"""The key of ``Procedure.extensions`` that keeps package fields with no meaning in the records.

Under it: ``id`` (``ID``), ``status`` (``TRANGTHAI``), ``publication_decision_id``
(``IDQUYETDINHCONGBO``) and ``authority_level_codes`` (the ``CAPTHUCHIEN`` codes), when not blank.
"""

T = TypeVar("T")

# --- the package, as it is on the wire (private) -------------------------------------------------

#: For each wire class, its attributes and their keys in the package.
_KEYS: dict[type, dict[str, str]] = {}


def _wire(**keys: str) -> Callable[[type[T]], type[T]]:
    """Register the package keys of a wire class (every attribute must have one)."""

    def register(cls: type[T]) -> type[T]:
        names = {a.name for a in attrs.fields(cls)}  # type: ignore[arg-type]
        if names != set(keys):
            msg = f"{cls.__name__}: keys for {sorted(names ^ set(keys))}"
            raise TypeError(msg)
        _KEYS[cls] = keys
        return cls

    return register


# Every value of the package is text (the national system's classes are all strings); lists may
# be missing or null. Defaults make missing keys read as blank.


@_wire(code="MADONVI", name="TENDONVI")
@attrs.frozen(kw_only=True)
class _Unit:
    code: str = ""
    name: str = ""


@_wire(code="CAPTHUCHIEN", name="TENCAP")
@attrs.frozen(kw_only=True)
class _Level:
    code: str = ""
    name: str = ""


@_wire(code="MALINHVUC", name="TENLINHVUC")
@attrs.frozen(kw_only=True)
class _Sector:
    code: str = ""
    name: str = ""


@_wire(code="MADOITUONG", name="TENDOITUONG")
@attrs.frozen(kw_only=True)
class _Subject:
    code: str = ""
    name: str = ""


@_wire(
    code="MAPHILEPHI",
    description="MOTA",
    amount="SOTIEN",
    unit="DONVI",
    file_name="TENTEP",
    url="URL",
)
@attrs.frozen(kw_only=True)
class _Fee:
    code: str = ""
    description: str = ""
    amount: str = ""
    unit: str = ""
    file_name: str = ""
    url: str = ""


@_wire(value="THOIGIANGIAIQUYET", unit="DONVITINH", description="MOTA", fees="PHILEPHI")
@attrs.frozen(kw_only=True)
class _Time:
    value: str = ""
    unit: str = ""
    description: str = ""
    fees: tuple[_Fee, ...] = ()


@_wire(channel="KENH", times="THOIGIAN")
@attrs.frozen(kw_only=True)
class _Way:
    channel: str = ""
    times: tuple[_Time, ...] = ()


@_wire(
    code="MAGIAYTO",
    name="TENGIAYTO",
    originals="SOBANCHINH",
    copies="SOBANSAO",
    form="TENMAUDON",
    url="URL",
    replaceable_by_result_code="MA_KQ_THAYTHE",
)
@attrs.frozen(kw_only=True)
class _Paper:
    code: str = ""
    name: str = ""
    originals: str = ""
    copies: str = ""
    form: str = ""
    url: str = ""
    replaceable_by_result_code: str = ""


@_wire(case="TRUONGHOP", components="GIAYTO")
@attrs.frozen(kw_only=True)
class _Dossier:
    case: str = ""
    components: tuple[_Paper, ...] = ()


@_wire(description="TENTRINHTU")
@attrs.frozen(kw_only=True)
class _Step:
    description: str = ""


@_wire(case="TRUONGHOP", steps="TRINHTU")
@attrs.frozen(kw_only=True)
class _Sequence:
    case: str = ""
    steps: tuple[_Step, ...] = ()


@_wire(code="MAKETQUA", name="TENKETQUA", template="TENTEP", url="URL")
@attrs.frozen(kw_only=True)
class _Result:
    code: str = ""
    name: str = ""
    template: str = ""
    url: str = ""


@_wire(
    number="SOVANBAN",
    title="TENVANBAN",
    issued_on="NGAYBANHANH",
    effective_from="NGAYHIEULUC",
    issuer="COQUANBANHANH",
    url="DIACHITRUYCAP",
)
@attrs.frozen(kw_only=True)
class _Law:
    number: str = ""
    title: str = ""
    issued_on: str = ""
    effective_from: str = ""
    issuer: str = ""
    url: str = ""


@_wire(
    id="ID",
    code="MaTTHC",
    name="TENTTHC",
    publishing_agency_code="MACOQUANCONGBO",
    procedure_type="LOAITTHC",
    status="TRANGTHAI",
    keywords="TUKHOA",
    subjects_text="MOTADOITUONGTHUCHIEN",
    reception_address="DIACHITIEPNHAN",
    requirements="YEUCAU",
    implementing_agencies_text="MOTACOQUANTHUCHIEN",
    competent_agencies_text="MOTACOQUANTHAMQUYEN",
    description="MOTA",
    publication_decision="QUYETDINH",
    publication_decision_id="IDQUYETDINHCONGBO",
    related_procedures="TTHCLIENQUAN",
    interconnected_procedures="TTHCLIENTHONG",
    sequences="TRINHTUTHUCHIEN",
    authority_levels="CAPTHUCHIEN",
    sectors="LINHVUCTHUCHIEN",
    ways="CACHTHUCTHUCHIEN",
    subjects="DOITUONGTHUCHIEN",
    dossiers="THANHPHANHOSO",
    results="KETQUATHUCHIEN",
    legal_basis="CANCUPHAPLY",
    implementing_agencies="COQUANTHUCHIEN",
    competent_agencies="COQUANCOTHAMQUYEN",
    delegated_agencies="COQUANDUOCUYQUYEN",
    coordinating_agencies="COQUANPHOIHOP",
)
@attrs.frozen(kw_only=True)
class _Package:
    id: str = ""
    code: str = ""
    name: str = ""
    publishing_agency_code: str = ""
    procedure_type: str = ""
    status: str = ""
    keywords: str = ""
    subjects_text: str = ""
    reception_address: str = ""
    requirements: str = ""
    implementing_agencies_text: str = ""
    competent_agencies_text: str = ""
    description: str = ""
    publication_decision: str = ""
    publication_decision_id: str = ""
    related_procedures: tuple[str, ...] = ()
    interconnected_procedures: tuple[str, ...] = ()
    sequences: tuple[_Sequence, ...] = ()
    authority_levels: tuple[_Level, ...] = ()
    sectors: tuple[_Sector, ...] = ()
    ways: tuple[_Way, ...] = ()
    subjects: tuple[_Subject, ...] = ()
    dossiers: tuple[_Dossier, ...] = ()
    results: tuple[_Result, ...] = ()
    legal_basis: tuple[_Law, ...] = ()
    implementing_agencies: tuple[_Unit, ...] = ()
    competent_agencies: tuple[_Unit, ...] = ()
    delegated_agencies: tuple[_Unit, ...] = ()
    coordinating_agencies: tuple[_Unit, ...] = ()


def _key_of(cls: type, attribute: str) -> str:
    return _KEYS.get(cls, {}).get(attribute, attribute)


# --- the converter --------------------------------------------------------------------------------


def make_national_converter() -> cattrs.Converter:
    """Return a converter for the national package (*gói tin thủ tục*) wire classes.

    It is [`make_converter`][tthc.io.make_converter] (strict, unknown keys refused) with the
    package's Vietnamese keys as renames of the wire classes' attributes, every key written
    (no default left out), texts that may also be written as whole numbers or ``null``, and
    lists that may be ``null``. The wire classes are private: use
    [`load_national`][tthc.io.national.load_national] and
    [`dump_national`][tthc.io.national.dump_national].

    Returns:
        The converter.
    """
    c = make_converter()
    c.register_structure_hook(str, structure_wire_text)
    c.register_structure_hook_factory(is_homogeneous_sequence, nullable_sequence_hook)
    # Leaves first, so that the generated code of a class picks up its items' renamed hooks.
    for cls, keys in _KEYS.items():
        renames: dict[str, Any] = {name: override(rename=key) for name, key in keys.items()}
        structure: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, c, **renames)
        c.register_structure_hook(cls, object_hook(structure, cls))
        unstructure: Callable[[Any], Any] = make_dict_unstructure_fn(
            cls, c, _cattrs_omit_if_default=False, **renames
        )
        c.register_unstructure_hook(cls, unstructure)
    return c


_CONVERTER: Final = make_national_converter()

# --- reading: package → records -------------------------------------------------------------------


class _Bad:
    """Marks a value that could not be read (its problem is already recorded)."""


_BAD: Final = _Bad()


def _text(value: str) -> str | None:
    """Blank text is absent."""
    return value if value.strip() else None


def _case_name(text: str) -> str | None:
    """A case name as the records keep it (NFC); blank is the general case."""
    return unicodedata.normalize("NFC", text) if text.strip() else None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


_LEVEL_WORDS: Final = (
    # "commune", "ward": commune level
    (re.compile(r"\b(?:xã|phường)\b"), AuthorityLevel.COMMUNE),
    # "district", "urban district": district level
    (re.compile(r"\b(?:huyện|quận)\b"), AuthorityLevel.DISTRICT),
    # "province": province level
    (re.compile(r"\btỉnh\b"), AuthorityLevel.PROVINCE),
    # "ministry", "central": central level
    (re.compile(r"\b(?:bộ|trung ương)\b"), AuthorityLevel.CENTRAL),
)
_CURRENCY: Final = frozenset(
    # "đồng", "VNĐ", "VND", "đ": Vietnamese đồng
    {"", "đồng", "vnđ", "vnd", "đ"}
)
_AMOUNT_GROUPED: Final = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_AMOUNT_PLAIN: Final = re.compile(r"[0-9]+(?:,[0-9]+)?")
_AMOUNT_POINT: Final = re.compile(r"[0-9]+\.[0-9]{1,2}")
_DAY_FIRST: Final = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
# ISO dates, possibly with a midnight time (as .NET writes a DateTime).
_YEAR_FIRST: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T00:00(?::00(?:\.0+)?)?)?")
# The dossier-sync format yyyyMMddHHmmss (CONFIRMED for dossiers), or just the date.
_COMPACT: Final = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:000000)?")


def _fee_kind(description: str) -> FeeKind | None:
    folded = _fold(description)
    # "lệ phí" is a charge; "phí" alone is a fee.
    if "lệ phí" in folded:
        return FeeKind.CHARGE
    if "phí" in folded:
        return FeeKind.FEE
    return None


class _Reader:
    """Reads packages into records, recording every problem with its path."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems

    def fail(self, path: str, message: str) -> _Bad:
        self.problems.append(f"{path}: {message}")
        return _BAD

    def build(
        self, path: str, keys: Mapping[str, str], cls: Callable[..., T], **values: Any
    ) -> T | _Bad:
        """``cls(**values)``; every value it refuses is recorded at its key (from ``keys``).

        When some values could not be read (``_BAD``), or the constructor refuses one, the
        others are still checked one by one, so that all problems are reported at once.
        """
        failed = {name for name, value in values.items() if isinstance(value, _Bad)}
        if not failed:
            try:
                return cls(**values)
            except InvalidValueError:
                pass  # checked field by field below, to find every refused value
        good = {name: value for name, value in values.items() if name not in failed}
        for name, problem in check_fields(cls, good, failed):  # type: ignore[arg-type]
            key = keys.get(name)
            self.fail(f"{path}.{key}" if key else path, str(problem))
        return _BAD

    def many(self, items: list[T | _Bad]) -> list[T] | _Bad:
        if any(isinstance(i, _Bad) for i in items):
            return _BAD
        return items  # type: ignore[return-value]  # no _Bad left

    # --- values -----------------------------------------------------------------------------

    def channel(self, path: str, text: str) -> Channel | _Bad:
        code = text.strip()
        if code in ("1", "2", "3"):
            return Channel(int(code))
        return self.fail(
            path,
            f"expected a channel code '1' (in person), '2' (online) or '3' (post), got {text!r}",
        )

    def count(self, path: str, text: str) -> int | _Bad:
        value = text.strip()
        if not value:
            return 0
        if value.isascii() and value.isdigit():
            return int(value)
        return self.fail(path, f"expected a number of papers such as '1', got {text!r}")

    def duration(self, path: str, value: str, unit: str) -> Duration | _Bad | None:
        # "Khác" (other): the record states no countable time.
        if "khác" in _fold(unit) or not (value.strip() or unit.strip()):
            return None
        try:
            return parse_duration(f"{value.strip()} {unit.strip()}".strip())
        except InvalidValueError as exc:
            return self.fail(path, str(exc))

    def amount(self, path: str, text: str) -> Decimal | _Bad | None:
        value = "".join(text.split())
        if not value:
            return None
        if _AMOUNT_GROUPED.fullmatch(value) or _AMOUNT_PLAIN.fullmatch(value):
            return Decimal(value.replace(".", "").replace(",", "."))
        if _AMOUNT_POINT.fullmatch(value):
            return Decimal(value)
        return self.fail(
            path,
            f"expected an amount in đồng such as '8.000' or '8000' ('.' between thousands, "
            f"',' before decimals), got {text!r}",
        )

    def date(self, path: str, text: str) -> dt.date | _Bad | None:
        value = text.strip()
        if not value:
            return None
        parts: tuple[str, str, str] | None = None
        if found := _DAY_FIRST.fullmatch(value):
            day, month, year = found.groups()
            parts = (year, month, day)
        elif found := _YEAR_FIRST.fullmatch(value) or _COMPACT.fullmatch(value):
            parts = (found[1], found[2], found[3])
        if parts is not None:
            try:
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:
                pass
        return self.fail(
            path, f"expected a date written dd/mm/yyyy, yyyy-mm-dd or yyyymmdd, got {text!r}"
        )

    def level(self, path: str, wire: _Level) -> AuthorityLevel | _Bad:
        folded = _fold(wire.name)
        for pattern, level in _LEVEL_WORDS:
            if pattern.search(folded):
                return level
        return self.fail(
            f"{path}.TENCAP",
            f"expected an authority level name such as 'Cấp Tỉnh' or 'Cấp Xã', got {wire.name!r}",
        )

    def procedure_type(self, path: str, text: str) -> ProcedureType | _Bad | None:
        code = text.strip()
        if not code:
            return None
        if code in ("1", "2", "3"):
            return ProcedureType(int(code))
        return self.fail(path, f"expected a procedure type '1', '2' or '3', got {text!r}")

    def attachment(
        self, path: str, name_key: str, name: str, url: str
    ) -> Attachment | _Bad | None:
        if not (name.strip() or url.strip()):
            return None
        keys = {"name": name_key, "url": "URL"}
        return self.build(path, keys, Attachment, name=_text(name) or url, url=_text(url))

    # --- records ----------------------------------------------------------------------------

    def units(self, path: str, units: tuple[_Unit, ...]) -> list[Agency] | _Bad:
        return self.many(
            [
                self.build(f"{path}[{i}]", _KEYS[_Unit], Agency, name=u.name, code=_text(u.code))
                for i, u in enumerate(units)
            ]
        )

    def fee(self, path: str, wire: _Fee) -> Fee | _Bad:
        description = _text(wire.description)
        kind = _fee_kind(wire.description)
        if (
            description is not None
            and kind is not None
            and _fold(description) == _fold(kind.label)
        ):
            description = None  # the text only says which kind it is
        amount = self.amount(f"{path}.SOTIEN", wire.amount)
        if _fold(wire.unit) not in _CURRENCY:
            amount = self.fail(
                f"{path}.DONVI", f"expected the unit 'Đồng' (VND) or blank, got {wire.unit!r}"
            )
        return self.build(
            path,
            _KEYS[_Fee],
            Fee,
            kind=kind,
            amount=amount,
            description=description,
            code=_text(wire.code),
            attachment=self.attachment(path, "TENTEP", wire.file_name, wire.url),
        )

    def component(self, path: str, wire: _Paper) -> Component | _Bad:
        return self.build(
            path,
            _KEYS[_Paper],
            Component,
            name=wire.name,
            code=_text(wire.code),
            originals=self.count(f"{path}.SOBANCHINH", wire.originals),
            copies=self.count(f"{path}.SOBANSAO", wire.copies),
            form=self.attachment(path, "TENMAUDON", wire.form, wire.url),
            replaceable_by_result_code=_text(wire.replaceable_by_result_code),
        )

    def steps(self, path: str, wire: _Sequence) -> list[Step] | _Bad:
        return self.many(
            [
                self.build(f"{path}.TRINHTU[{i}]", _KEYS[_Step], Step, description=s.description)
                for i, s in enumerate(wire.steps)
            ]
        )

    def procedure(self, path: str, pkg: _Package) -> Procedure | _Bad:
        # Cases, in order of appearance: components, then steps, then the general case.
        components: dict[str | None, list[Component | _Bad]] = {}
        for i, dossier in enumerate(pkg.dossiers):
            name = _case_name(dossier.case)
            papers = components.setdefault(name, [])
            papers += [
                self.component(f"{path}.THANHPHANHOSO[{i}].GIAYTO[{j}]", paper)
                for j, paper in enumerate(dossier.components)
            ]
        steps: dict[str | None, list[Step] | _Bad] = {}
        for i, sequence in enumerate(pkg.sequences):
            name = _case_name(sequence.case)
            if name is not None:  # the general steps are the procedure's, not a case's
                components.setdefault(name, [])
            read = self.steps(f"{path}.TRINHTUTHUCHIEN[{i}]", sequence)
            known = steps.get(name, [])
            steps[name] = (
                _BAD if isinstance(read, _Bad) or isinstance(known, _Bad) else known + read
            )
        names = sorted((n for n in components if n is not None), key=len, reverse=True)
        options: dict[str | None, list[ChannelOption | _Bad]] = {}
        for i, way in enumerate(pkg.ways):
            way_path = f"{path}.CACHTHUCTHUCHIEN[{i}]"
            channel = self.channel(f"{way_path}.KENH", way.channel)
            for j, time in enumerate(way.times):
                time_path = f"{way_path}.THOIGIAN[{j}]"
                case, description = _case_of(time.description, names)
                fees = self.many(
                    [
                        self.fee(f"{time_path}.PHILEPHI[{k}]", fee)
                        for k, fee in enumerate(time.fees)
                    ]
                )
                option = self.build(
                    time_path,
                    _KEYS[_Time],
                    ChannelOption,
                    channel=channel,
                    processing_time=self.duration(
                        f"{time_path}.THOIGIANGIAIQUYET", time.value, time.unit
                    ),
                    fees=fees,
                    description=description,
                )
                components.setdefault(case, [])
                options.setdefault(case, []).append(option)
        if not components:
            components[None] = []
        cases = []
        for name, papers in components.items():
            own_steps = steps.get(name, []) if name is not None else []
            cases.append(
                self.build(
                    path,
                    {},  # a case is spread over several lists: its problems go to the package
                    ProcedureCase,
                    name=name,
                    components=self.many(papers),
                    channels=self.many(options.get(name, [])),
                    steps=own_steps,
                )
            )
        return self.build(
            path,
            _KEYS[_Package],
            Procedure,
            code=pkg.code,
            name=pkg.name,
            procedure_type=self.procedure_type(f"{path}.LOAITTHC", pkg.procedure_type),
            authority_levels=self.many(
                [
                    self.level(f"{path}.CAPTHUCHIEN[{i}]", level)
                    for i, level in enumerate(pkg.authority_levels)
                ]
            ),
            sectors=self.many(
                [
                    self.build(
                        f"{path}.LINHVUCTHUCHIEN[{i}]",
                        _KEYS[_Sector],
                        Sector,
                        name=s.name,
                        code=_text(s.code),
                    )
                    for i, s in enumerate(pkg.sectors)
                ]
            ),
            implementing_agencies=self.units(f"{path}.COQUANTHUCHIEN", pkg.implementing_agencies),
            competent_agencies=self.units(f"{path}.COQUANCOTHAMQUYEN", pkg.competent_agencies),
            delegated_agencies=self.units(f"{path}.COQUANDUOCUYQUYEN", pkg.delegated_agencies),
            coordinating_agencies=self.units(f"{path}.COQUANPHOIHOP", pkg.coordinating_agencies),
            subjects=self.many(
                [
                    self.build(
                        f"{path}.DOITUONGTHUCHIEN[{i}]",
                        _KEYS[_Subject],
                        Subject,
                        name=s.name,
                        code=_text(s.code),
                    )
                    for i, s in enumerate(pkg.subjects)
                ]
            ),
            steps=steps.get(None, []),
            requirements=[line for line in pkg.requirements.splitlines() if line.strip()],
            cases=self.many(cases),
            results=self.many(
                [
                    self.build(
                        f"{path}.KETQUATHUCHIEN[{i}]",
                        _KEYS[_Result],
                        Result,
                        name=r.name,
                        code=_text(r.code),
                        template=self.attachment(
                            f"{path}.KETQUATHUCHIEN[{i}]", "TENTEP", r.template, r.url
                        ),
                    )
                    for i, r in enumerate(pkg.results)
                ]
            ),
            legal_basis=self.many(
                [
                    self.build(
                        f"{path}.CANCUPHAPLY[{i}]",
                        _KEYS[_Law],
                        LegalDocument,
                        number=law.number,
                        title=_text(law.title),
                        issuer=_text(law.issuer),
                        issued_on=self.date(f"{path}.CANCUPHAPLY[{i}].NGAYBANHANH", law.issued_on),
                        effective_from=self.date(
                            f"{path}.CANCUPHAPLY[{i}].NGAYHIEULUC", law.effective_from
                        ),
                        url=_text(law.url),
                    )
                    for i, law in enumerate(pkg.legal_basis)
                ]
            ),
            description=_text(pkg.description),
            reception_address=_text(pkg.reception_address),
            subjects_text=_text(pkg.subjects_text),
            implementing_agencies_text=_text(pkg.implementing_agencies_text),
            competent_agencies_text=_text(pkg.competent_agencies_text),
            keywords=_text(pkg.keywords),
            publication_decision=_text(pkg.publication_decision),
            publishing_agency_code=_text(pkg.publishing_agency_code),
            related_procedures=[c for c in pkg.related_procedures if c.strip()],
            interconnected_procedures=[c for c in pkg.interconnected_procedures if c.strip()],
            extensions=_kept(pkg),
        )


def _case_of(description: str, names: list[str]) -> tuple[str | None, str | None]:
    """The case a ``THOIGIAN`` entry belongs to, and the rest of its description."""
    text = unicodedata.normalize("NFC", description)
    for name in names:  # longest first
        if text == name:
            return name, None
        if text.startswith(f"{name}: "):
            return name, _text(text[len(name) + 2 :])
    return None, _text(description)


def _kept(pkg: _Package) -> dict[str, Any]:
    """Package fields with no meaning in the records, kept for writing them back."""
    kept: dict[str, Any] = {
        "id": pkg.id,
        "status": pkg.status,
        "publication_decision_id": pkg.publication_decision_id,
    }
    kept = {k: v for k, v in kept.items() if v.strip()}
    codes = [level.code for level in pkg.authority_levels]
    if any(code.strip() for code in codes):
        kept["authority_level_codes"] = codes
    return {EXTENSION_KEY: kept} if kept else {}


# --- writing: records → package --------------------------------------------------------------------

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


def _read_packages(packages: list[Any], paths: list[str], source: str) -> list[Procedure]:
    problems: list[str] = []
    reader = _Reader(problems)
    out: list[Procedure] = []
    for raw, path in zip(packages, paths, strict=True):
        try:
            wire = _CONVERTER.structure(raw, _Package)
        except (ClassValidationError, IterableValidationError, TthcError) as exc:
            problems += problems_of(exc, path, _key_of)
            continue
        procedure = reader.procedure(path, wire)
        if not isinstance(procedure, _Bad):
            out.append(procedure)
    if problems:
        raise LoadError(source, problems)
    return out


def load_national(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Procedure]:
    """Load national procedure packages (*gói tin thủ tục*, ``GoiTinThuTucQG``) as procedures.

    Args:
        source: A path to a JSON file, JSON text, one parsed package (a dict) or an iterable of
            them. The JSON is one package (an object) or an array of packages.
        max_bytes: Files larger than this are refused before being read (100 MB by default).

    Returns:
        One [`Procedure`][tthc.procedures.Procedure] per package, in order.

    Raises:
        LoadError: The input cannot be read or parsed, or has problems; ``.problems`` lists
            every one with its path in the package (``$[0].CACHTHUCTHUCHIEN[1].KENH: …``).
            Nothing is returned from a bad input.
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.
    """
    if isinstance(source, Mapping):
        return _read_packages([source], ["$"], "<package>")
    data, name = read_json(source, max_bytes=max_bytes)
    if isinstance(data, Mapping):
        return _read_packages([data], ["$"], name)
    if not isinstance(data, list):
        raise LoadError(
            name,
            [f"$: expected a procedure package (JSON object) or an array of them, got {data!r}"],
        )
    return _read_packages(data, [f"$[{i}]" for i in range(len(data))], name)


def from_national(package: Mapping[str, Any]) -> Procedure:
    """Read one parsed national package (*gói tin thủ tục*, a dict) as a procedure.

    Raises:
        LoadError: The package has problems; ``.problems`` lists them with their paths.
    """
    [procedure] = _read_packages([package], ["$"], "<package>")
    return procedure


def to_national(procedure: Procedure) -> dict[str, Any]:
    """Write one procedure as a national package (*gói tin thủ tục*), a dict for ``json.dumps``.

    Raises:
        InvalidValueError: ``procedure`` is not a ``Procedure``.
    """
    if not isinstance(procedure, Procedure):
        raise InvalidValueError("to_national(procedure)", procedure, "a tthc.Procedure")
    result: dict[str, Any] = _CONVERTER.unstructure(_package(procedure), _Package)
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
