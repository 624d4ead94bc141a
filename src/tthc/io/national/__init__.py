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

Packages are read as clients of the national service receive them (liberal by default): keys
in any casing (the procedure code is ``MATTHC`` for the public clients whose code was read,
``MaTTHC`` in the research notes, and written so), the service's answer around the packages
opened (``{"error_code": 0, "result": [...]}``, or that answer as JSON text in ``{"message":
"..."}``), and a key the package does not define left out with an
[`UnknownFieldWarning`][tthc.errors.UnknownFieldWarning]; nothing is filled in. With
``strict=True`` only the documented spellings are keys, unknown keys are refused, and the
answer must be opened by the caller.

What the package cannot carry, and is therefore not written: the scope (a package is read as
external), the online level and the "eligible for full online" flag, how steps are done
(``Step.channels``, ``Step.internal``), how results are returned, whether a component is
mandatory, fee exemptions, the applicant type of a subject, and a legal document's article and
end date. A record read from a package and written back gives the same package, up to
normalisation (NFC text, canonical numbers, amounts and dates, all keys present).

Examples:
    >>> from tthc.io.national import load_national, to_national
    >>> from tthc.procedures import Channel
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
    ``LOAITTHC`` codes CONFIRMED; procedure code format ``^[0-9]\\.[0-9]{6}$`` (§4.3). The
    clients' keys and answers: ``tests/fixtures/payloads/INDEX.md``.
"""

from tthc.io.national._package import EXTENSION_KEY, make_national_converter
from tthc.io.national._read import from_national, load_national
from tthc.io.national._write import dump_national, to_national

__all__ = [
    "EXTENSION_KEY",
    "dump_national",
    "from_national",
    "load_national",
    "make_national_converter",
    "to_national",
]
