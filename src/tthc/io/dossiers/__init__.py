r"""Dossiers in and out (*dữ liệu hồ sơ*): the library's JSON, and the national dossier sync.

Two formats:

* **the library's own JSON** ([`load_dossiers`][tthc.io.dossiers.load_dossiers],
  [`dump_dossiers`][tthc.io.dossiers.dump_dossiers]): a JSON array of dossiers whose keys are
  the attribute names, events as a tagged union (``{"kind": "supplement_requested", "at":
  "2026-03-03T10:00:00+07:00"}``), exact in both directions except for ``calendar`` and
  ``policy``, which are not written (give them to ``load_dossiers``);
* **the DVCQG dossier sync** ([`load_dossier_sync`][tthc.io.dossiers.load_dossier_sync],
  [`dump_dossier_sync`][tthc.io.dossiers.dump_dossier_sync]): the payload of the national
  public service portal's ``DongBoHoSoMC`` service, Vietnamese keys and all values as text.
  The Vietnamese wire keys exist only in this module.

How the sync payload maps onto a [`Dossier`][tthc.dossiers.Dossier]:

* ``MaHoSo`` code, ``MaTTHC`` procedure code, ``KenhThucHien`` channel (``"1"``, ``"2"``,
  ``"3"``; blank or missing is in person, as Decision 766 indicator 3.3 counts it),
  ``LoaiDoiTuong`` applicant type (blank: unknown), ``DonViXuLy`` agency;
* instants (``NgayNopHoSo``, ``NgayTiepNhan``, ``NgayHenTra``, ``NgayKetThucXuLy``, ``NgayTra``,
  ``NgayTuChoi`` and the supplement dates) are ``yyyyMMddHHmmss`` in Vietnam time, written to
  the second; blank is absent;
* ``NgayHenTra`` is the due instant the agency's system recorded: it becomes
  ``stated_due_at`` (the payload has no processing time), and is written from ``due_at``;
* ``DanhSachHoSoBoSung`` gives the supplement requests: ``NgayBoSung`` (request),
  ``NgayTiepNhanBoSung`` (supplement received; blank while waiting), ``NoiDungBoSung`` (note),
  ``NguoiYeuCauBoSung`` (actor);
* ``TrangThaiHoSo`` gives the rest of the history: 3 refused at ``NgayTuChoi``; 7, 8 and 9
  withdrawn, stopped or resolved at ``NgayKetThucXuLy``; 10 resolved at ``NgayKetThucXuLy``
  and returned at ``NgayTra``; 4 without a supplement starts processing at the receipt; 6 asks
  for payment at the last known instant (the payload has neither time).

The other keys of the payload (the owner's name, identity numbers, e-mail and phone, the
attached files, fees, results, flags) are accepted and **not kept**: personal data has no place
in the records, and those keys are not written back. Unknown keys are refused. Payment,
apology slips (``Rescheduled``) and the case are not in the payload and are not written.

Loading is all or nothing: every problem of every payload is listed in one
[`LoadError`][tthc.errors.LoadError] with its path (``$[2].NgayTiepNhan: …``), and nothing is
returned from a bad input.

Examples:
    >>> import json
    >>> payload = {"MaHoSo": "000.00.10.H26-260302-00001", "MaTTHC": "1.000000",
    ...            "KenhThucHien": "2", "LoaiDoiTuong": "1", "DonViXuLy": "UBND phường (ví dụ)",
    ...            "NgayNopHoSo": "20260302080000", "NgayTiepNhan": "20260302090000",
    ...            "NgayHenTra": "20260305090000", "TrangThaiHoSo": "10",
    ...            "NgayKetThucXuLy": "20260304150000", "NgayTra": "20260305080000"}
    >>> [d] = load_dossier_sync([payload])
    >>> d, d.finished_at.isoformat(), d.classify()
    (<Dossier 000.00.10.H26-260302-00001 status=RETURNED events=2>, '2026-03-04T15:00:00+07:00', <Timeliness.EARLY: 'early'>)
    >>> to_dossier_sync(d)["NgayKetThucXuLy"]
    '20260304150000'

References:
    DVCQG ``DongBoHoSoMC`` fields, date format ``yyyyMMddHHmmss``, ``KenhThucHien`` and
    ``LoaiDoiTuong`` codes (CONFIRMED, research notes ``vn_legal.md`` §2.2); statuses §2.1;
    end of processing §2.3.
"""

from tthc.io.dossiers._json import (
    EVENT_TYPES,
    configure_dossier_hooks,
    dossiers_schema,
    dump_dossiers,
    load_dossiers,
    make_dossier_converter,
)
from tthc.io.dossiers._sync import (
    dump_dossier_sync,
    from_dossier_sync,
    load_dossier_sync,
    make_sync_converter,
    to_dossier_sync,
)

__all__ = [
    "EVENT_TYPES",
    "configure_dossier_hooks",
    "dossiers_schema",
    "dump_dossier_sync",
    "dump_dossiers",
    "from_dossier_sync",
    "load_dossier_sync",
    "load_dossiers",
    "make_dossier_converter",
    "make_sync_converter",
    "to_dossier_sync",
]
