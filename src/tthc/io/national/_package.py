"""The national procedure package as it is on the wire (private): its classes and converter.

One attrs class per object of ``GoiTinThuTucQG``, each attribute registered with its Vietnamese
key; [`make_national_converter`][tthc.io.national.make_national_converter] reads and writes
them. The records are made from them in ``_read`` and turned into them in ``_write``.

The classes keep their leading underscore although other modules import them: their names
are in the messages of a failed load ("expected an object (JSON object) for _Package").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from tthc.io._wire import WireFormat

if TYPE_CHECKING:
    import cattrs

__all__ = ["CONVERTER", "EXTENSION_KEY", "PACKAGE", "make_national_converter"]

EXTENSION_KEY: Final = "csdlqg"
"""The key of ``Procedure.extensions`` that keeps package fields with no meaning in the records.

Under it: ``id`` (``ID``), ``status`` (``TRANGTHAI``), ``publication_decision_id``
(``IDQUYETDINHCONGBO``) and ``authority_level_codes`` (the ``CAPTHUCHIEN`` codes), when not blank.
"""

#: The wire classes of the package and their keys.
PACKAGE: Final = WireFormat("the CSDLQG procedure package")

# Every value of the package is text (the national system's classes are all strings); lists may
# be missing or null. Defaults make missing keys read as blank.


@PACKAGE.wire(code="MADONVI", name="TENDONVI")
@attrs.frozen(kw_only=True)
class _Unit:
    code: str = ""
    name: str = ""


@PACKAGE.wire(code="CAPTHUCHIEN", name="TENCAP")
@attrs.frozen(kw_only=True)
class _Level:
    code: str = ""
    name: str = ""


@PACKAGE.wire(code="MALINHVUC", name="TENLINHVUC")
@attrs.frozen(kw_only=True)
class _Sector:
    code: str = ""
    name: str = ""


@PACKAGE.wire(code="MADOITUONG", name="TENDOITUONG")
@attrs.frozen(kw_only=True)
class _Subject:
    code: str = ""
    name: str = ""


@PACKAGE.wire(
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


@PACKAGE.wire(value="THOIGIANGIAIQUYET", unit="DONVITINH", description="MOTA", fees="PHILEPHI")
@attrs.frozen(kw_only=True)
class _Time:
    value: str = ""
    unit: str = ""
    description: str = ""
    fees: tuple[_Fee, ...] = ()


@PACKAGE.wire(channel="KENH", times="THOIGIAN")
@attrs.frozen(kw_only=True)
class _Way:
    channel: str = ""
    times: tuple[_Time, ...] = ()


@PACKAGE.wire(
    code="MAGIAYTO",
    name="TENGIAYTO",
    originals="SOBANCHINH",
    copies="SOBANSAO",
    form="TENMAUDON",
    # "Url" as one public client reads it (TD-thutuc l.268, tests/fixtures/payloads/INDEX.md).
    url=("URL", "Url"),
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


@PACKAGE.wire(case="TRUONGHOP", components="GIAYTO")
@attrs.frozen(kw_only=True)
class _Dossier:
    case: str = ""
    components: tuple[_Paper, ...] = ()


@PACKAGE.wire(description="TENTRINHTU")
@attrs.frozen(kw_only=True)
class _Step:
    description: str = ""


@PACKAGE.wire(case="TRUONGHOP", steps="TRINHTU")
@attrs.frozen(kw_only=True)
class _Sequence:
    case: str = ""
    steps: tuple[_Step, ...] = ()


@PACKAGE.wire(code="MAKETQUA", name="TENKETQUA", template="TENTEP", url="URL")
@attrs.frozen(kw_only=True)
class _Result:
    code: str = ""
    name: str = ""
    template: str = ""
    url: str = ""


@PACKAGE.wire(
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


@PACKAGE.wire(
    id="ID",
    # Written "MaTTHC" (research notes vn_legal.md §4.2); "MATTHC" is what two public clients
    # of the national service read (tests/fixtures/payloads/INDEX.md).
    code=("MaTTHC", "MATTHC"),
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


# --- the converter --------------------------------------------------------------------------------


def make_national_converter() -> cattrs.Converter:
    """Return a converter for the national package (*gói tin thủ tục*) wire classes.

    It is [`make_converter`][tthc.io.make_converter] (unknown keys refused: the reader sets
    them aside before, and warns or refuses) with the package's Vietnamese keys as renames of the wire classes' attributes, every key written
    (no default left out), texts that may also be written as whole numbers or ``null``, and
    lists that may be ``null``. The wire classes are private: use
    [`load_national`][tthc.io.national.load_national] and
    [`dump_national`][tthc.io.national.dump_national].

    Returns:
        The converter.
    """
    return PACKAGE.make_converter()


CONVERTER: Final = make_national_converter()
