"""Reading national packages into procedures (private; see ``tthc.io.national``)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypeVar

from tthc._files import parse_json
from tthc.errors import InvalidValueError, LoadError, shown
from tthc.io._converter import DEFAULT_MAX_BYTES, check_fields, parse_duration, read_json
from tthc.io._wire import (
    BAD,
    Bad,
    Unknown,
    WireReader,
    envelope,
    envelope_value,
    items_at,
    wire_objects,
)
from tthc.io.national._package import (
    CONVERTER,
    EXTENSION_KEY,
    PACKAGE,
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

    from tthc.durations import Duration

__all__ = ["from_national", "load_national"]

T = TypeVar("T")


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


class _Reader(WireReader[_Package, Procedure]):
    """Reads packages into procedures, recording every problem with its path."""

    wire_format = PACKAGE
    converter = CONVERTER
    wire_class = _Package

    def unknown_line(self, found: Unknown) -> str:
        return f"{super().unknown_line(found)} (not kept)"

    def build(
        self, path: str, keys: Mapping[str, str], cls: Callable[..., T], **values: Any
    ) -> T | Bad:
        """``cls(**values)``; every value it refuses is recorded at its key (from ``keys``).

        When some values could not be read (``BAD``), or the constructor refuses one, the
        others are still checked one by one, so that all problems are reported at once.
        """
        failed = {name for name, value in values.items() if isinstance(value, Bad)}
        if not failed:
            try:
                return cls(**values)
            except InvalidValueError:
                pass  # checked field by field below, to find every refused value
        good = {name: value for name, value in values.items() if name not in failed}
        for name, problem in check_fields(cls, good, failed):  # type: ignore[arg-type]
            key = keys.get(name)
            self.fail(f"{path}.{key}" if key else path, str(problem))
        return BAD

    def many(self, items: list[T | Bad]) -> list[T] | Bad:
        if any(isinstance(i, Bad) for i in items):
            return BAD
        return items  # type: ignore[return-value]  # no Bad left

    # --- values -----------------------------------------------------------------------------

    def channel(self, path: str, text: str) -> Channel | Bad:
        code = text.strip()
        if code in ("1", "2", "3"):
            return Channel(int(code))
        return self.fail(
            path,
            f"expected a channel code '1' (in person), '2' (online) or '3' (post), got {text!r}",
        )

    def count(self, path: str, text: str) -> int | Bad:
        value = text.strip()
        if not value:
            return 0
        # At most 18 digits: int() refuses text over 4,300 digits, and no count is that long.
        if value.isascii() and value.isdigit() and len(value) <= 18:  # noqa: PLR2004
            return int(value)
        return self.fail(path, f"expected a number of papers such as '1', got {shown(text)}")

    def duration(self, path: str, value: str, unit: str) -> Duration | Bad | None:
        # "Khác" (other): the record states no countable time.
        if "khác" in _fold(unit) or not (value.strip() or unit.strip()):
            return None
        try:
            return parse_duration(f"{value.strip()} {unit.strip()}".strip())
        except InvalidValueError as exc:
            return self.fail(path, str(exc))

    def amount(self, path: str, text: str) -> Decimal | Bad | None:
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

    def date(self, path: str, text: str) -> dt.date | Bad | None:
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

    def level(self, path: str, wire: _Level) -> AuthorityLevel | Bad:
        folded = _fold(wire.name)
        for pattern, level in _LEVEL_WORDS:
            if pattern.search(folded):
                return level
        return self.fail(
            f"{path}.TENCAP",
            f"expected an authority level name such as 'Cấp Tỉnh' or 'Cấp Xã', got {wire.name!r}",
        )

    def procedure_type(self, path: str, text: str) -> ProcedureType | Bad | None:
        code = text.strip()
        if not code:
            return None
        if code in ("1", "2", "3"):
            return ProcedureType(int(code))
        return self.fail(path, f"expected a procedure type '1', '2' or '3', got {text!r}")

    def attachment(self, path: str, name_key: str, name: str, url: str) -> Attachment | Bad | None:
        if not (name.strip() or url.strip()):
            return None
        keys = {"name": name_key, "url": "URL"}
        return self.build(path, keys, Attachment, name=_text(name) or url, url=_text(url))

    # --- records ----------------------------------------------------------------------------

    def coded(
        self,
        path: str,
        cls: Callable[..., T],
        items: Iterable[_Unit | _Sector | _Subject],
    ) -> list[T] | Bad:
        """Records named with an optional code: agencies, sectors, subjects."""
        return self.many(
            [
                self.build(
                    f"{path}[{i}]",
                    PACKAGE.keys[type(item)],
                    cls,
                    name=item.name,
                    code=_text(item.code),
                )
                for i, item in enumerate(items)
            ]
        )

    def fee(self, path: str, wire: _Fee) -> Fee | Bad:
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
            PACKAGE.keys[_Fee],
            Fee,
            kind=kind,
            amount=amount,
            description=description,
            code=_text(wire.code),
            attachment=self.attachment(path, "TENTEP", wire.file_name, wire.url),
        )

    def component(self, path: str, wire: _Paper) -> Component | Bad:
        return self.build(
            path,
            PACKAGE.keys[_Paper],
            Component,
            name=wire.name,
            code=_text(wire.code),
            originals=self.count(f"{path}.SOBANCHINH", wire.originals),
            copies=self.count(f"{path}.SOBANSAO", wire.copies),
            form=self.attachment(path, "TENMAUDON", wire.form, wire.url),
            replaceable_by_result_code=_text(wire.replaceable_by_result_code),
        )

    def steps(self, path: str, wire: _Sequence) -> list[Step] | Bad:
        return self.many(
            [
                self.build(
                    f"{path}.TRINHTU[{i}]", PACKAGE.keys[_Step], Step, description=s.description
                )
                for i, s in enumerate(wire.steps)
            ]
        )

    def record(self, path: str, pkg: _Package) -> Procedure | Bad:
        """The procedure of one package."""
        # Cases, in order of appearance: components, then steps, then the general case.
        components: dict[str | None, list[Component | Bad]] = {}
        for i, dossier in enumerate(pkg.dossiers):
            name = _case_name(dossier.case)
            papers = components.setdefault(name, [])
            papers += [
                self.component(f"{path}.THANHPHANHOSO[{i}].GIAYTO[{j}]", paper)
                for j, paper in enumerate(dossier.components)
            ]
        steps: dict[str | None, list[Step] | Bad] = {}
        for i, sequence in enumerate(pkg.sequences):
            name = _case_name(sequence.case)
            if name is not None:  # the general steps are the procedure's, not a case's
                components.setdefault(name, [])
            read = self.steps(f"{path}.TRINHTUTHUCHIEN[{i}]", sequence)
            known = steps.get(name, [])
            steps[name] = BAD if isinstance(read, Bad) or isinstance(known, Bad) else known + read
        names = sorted((n for n in components if n is not None), key=len, reverse=True)
        options: dict[str | None, list[ChannelOption | Bad]] = {}
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
                    PACKAGE.keys[_Time],
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
            PACKAGE.keys[_Package],
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
            sectors=self.coded(f"{path}.LINHVUCTHUCHIEN", Sector, pkg.sectors),
            implementing_agencies=self.coded(
                f"{path}.COQUANTHUCHIEN", Agency, pkg.implementing_agencies
            ),
            competent_agencies=self.coded(
                f"{path}.COQUANCOTHAMQUYEN", Agency, pkg.competent_agencies
            ),
            delegated_agencies=self.coded(
                f"{path}.COQUANDUOCUYQUYEN", Agency, pkg.delegated_agencies
            ),
            coordinating_agencies=self.coded(
                f"{path}.COQUANPHOIHOP", Agency, pkg.coordinating_agencies
            ),
            subjects=self.coded(f"{path}.DOITUONGTHUCHIEN", Subject, pkg.subjects),
            steps=steps.get(None, []),
            requirements=[line for line in pkg.requirements.splitlines() if line.strip()],
            cases=self.many(cases),
            results=self.many(
                [
                    self.build(
                        f"{path}.KETQUATHUCHIEN[{i}]",
                        PACKAGE.keys[_Result],
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
                        PACKAGE.keys[_Law],
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


# --- public functions -------------------------------------------------------------------------------

# The answers of the national service as clients receive them: {"error_code": 0, "result": [...]}
# (OpenCPS), or {"message": "<that answer as JSON text>"} (a provincial proxy read by TD).
_RESULT: Final = "result"
_MESSAGE: Final = "message"
_ERROR_CODE: Final = "error_code"


def _opened(
    document: Any, path: str, source: str, problems: list[str], *, depth: int = 0
) -> tuple[list[Any], list[str]]:
    """The packages of one document, the service's answer around them opened (not strict)."""
    found = envelope(document, _RESULT, (_ERROR_CODE, _MESSAGE))
    is_message = found is None
    if found is None:
        found = envelope(document, _MESSAGE, (_ERROR_CODE,))
        is_text = found is not None and isinstance(found[1], str)
        if found is not None and not (is_text and found[1].lstrip()[:1] in ("[", "{")):
            # A message that is not an answer: an error's text, or not an envelope at all.
            found = None if envelope_value(document, _ERROR_CODE) is None else (found[0], None)
    if found is None:
        return [document], [path]
    error = envelope_value(document, _ERROR_CODE)
    key, inner = found
    opened = None
    if error not in (None, 0, "0"):
        message = envelope_value(document, _MESSAGE)
        problems.append(
            f"{path}.{_ERROR_CODE}: the service answered with an error ({error!r}: "
            f"{message!r}), not with procedure packages"
        )
    elif is_message and isinstance(inner, str) and depth == 0:
        try:
            parsed = parse_json(inner, source)
        except LoadError as exc:
            problems.extend(f"{path}.{key}: {p.removeprefix('$: ')}" for p in exc.problems)
        else:
            return _opened(parsed, f"{path}.{key}", source, problems, depth=depth + 1)
    else:
        opened = items_at(inner, f"{path}.{key}")
        if opened is None:
            problems.append(
                f"{path}.{key}: expected a procedure package (JSON object) or an array of "
                f"them, got {inner!r}"
            )
    return opened or ([], [])


def _package_objects(data: Any, source: str, *, strict: bool) -> tuple[list[Any], list[str]]:
    """The packages of a document, with their paths: the service's answer opened (not strict).

    A document is one package, an array of them, or (not strict) the answer of ``LayThuTuc``
    or ``LayDanhSachTTHC`` as clients receive it: ``{"error_code": 0, "result": [...]}``, or
    ``{"message": "<that answer as JSON text>"}``; or an array of such answers.

    Raises:
        LoadError: The document is none of these, or the answer is an error.
    """
    documents, paths = wire_objects(data, source, "a procedure package")
    items: list[Any] = []
    item_paths: list[str] = []
    problems: list[str] = []
    for document, path in zip(documents, paths, strict=True):
        if strict:
            if envelope(document, _RESULT, (_ERROR_CODE, _MESSAGE)) or envelope(
                document, _MESSAGE, (_ERROR_CODE,)
            ):
                problems.append(
                    f"{path}: the service's answer ({', '.join(repr(k) for k in document)}) "
                    "around the packages: read with strict=False to read the packages in it"
                )
                continue
            items.append(document)
            item_paths.append(path)
            continue
        opened = _opened(document, path, source, problems)
        items += opened[0]
        item_paths += opened[1]
    if problems:
        raise LoadError(source, problems)
    return items, item_paths


def load_national(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Procedure]:
    """Load national procedure packages (*gói tin thủ tục*, ``GoiTinThuTucQG``) as procedures.

    Liberal by default, as real clients of the national service need: keys are read in any
    casing (``MaTTHC``, ``MATTHC``), a key the package does not define is left out with an
    [`UnknownFieldWarning`][tthc.errors.UnknownFieldWarning], and the service's answer
    around the packages (``{"error_code": 0, "result": [...]}``, or that answer as JSON text in
    ``{"message": "..."}``) is opened.

    Args:
        source: A path to a JSON file, JSON text, one parsed package (a dict) or an iterable of
            them. The JSON is one package (an object), an array of packages, or (unless
            ``strict``) the service's answer.
        strict: Read the documented shape only: keys spelled as documented (``MaTTHC`` or
            ``MATTHC``, ``TENTTHC``, …), unknown keys refused, no answer around the packages.
        max_bytes: Files larger than this are refused before being read (100 MB by default).

    Returns:
        One [`Procedure`][tthc.procedures.Procedure] per package, in order.

    Raises:
        LoadError: The input cannot be read or parsed, or has problems; ``.problems`` lists
            every one with its path in the package (``$[0].CACHTHUCTHUCHIEN[1].KENH: …``).
            Nothing is returned from a bad input.
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.

    Warns:
        UnknownFieldWarning: Some packages have keys the format does not define (not strict).
    """
    if isinstance(source, Mapping):
        data: Any = source
        name = "<package>"
    else:
        data, name = read_json(source, max_bytes=max_bytes)
    packages, paths = _package_objects(data, name, strict=strict)
    reader = _Reader(strict=strict)
    out = reader.read_all(packages, paths, name)
    reader.warn(name, stacklevel=2)
    return out


def from_national(package: Mapping[str, Any], *, strict: bool = False) -> Procedure:
    """Read one parsed national package (*gói tin thủ tục*, a dict) as a procedure.

    Keys are read as [`load_national`][tthc.io.national.load_national] reads them.

    Raises:
        LoadError: The package has problems; ``.problems`` lists them with their paths.

    Warns:
        UnknownFieldWarning: The package has keys the format does not define (not strict).
    """
    reader = _Reader(strict=strict)
    [procedure] = reader.read_all([package], ["$"], "<package>")
    reader.warn("<package>", stacklevel=2)
    return procedure
