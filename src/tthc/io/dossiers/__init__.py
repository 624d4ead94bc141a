r"""Dossiers in and out (*dữ liệu hồ sơ*): the library's JSON, and the national dossier sync.

Two formats:

* **the library's own JSON** ([`load_dossiers`][tthc.io.dossiers.load_dossiers],
  [`dump_dossiers`][tthc.io.dossiers.dump_dossiers]): a JSON array of dossiers whose keys are
  the attribute names, events as a tagged union (``{"kind": "supplement_requested", "at":
  "2026-03-03T10:00:00+07:00"}``), exact in both directions except for ``calendar`` and
  ``policy``, which are not written (give them to ``load_dossiers``);
* **the DVCQG dossier sync** ([`load_dossier_sync`][tthc.io.dossiers.load_dossier_sync],
  [`dump_dossier_sync`][tthc.io.dossiers.dump_dossier_sync]): the payload of the national
  public service portal's ``DongBoHoSoMC`` service, Vietnamese keys and all values as text;
  [`read_dossier_sync`][tthc.io.dossiers.read_dossier_sync] reads the payloads as they were
  sent ([`SyncPayload`][tthc.io.dossiers.SyncPayload]), without making dossiers.
  The Vietnamese wire keys exist only in this module.

How the sync payload maps onto a [`Dossier`][tthc.dossiers.Dossier]:

* ``MaHoSo`` code, ``MaTTHC`` procedure code, ``KenhThucHien`` channel (``"1"``, ``"2"``,
  ``"3"``), ``LoaiDoiTuong`` applicant type (blank: unknown), ``DonViXuLy`` agency;
  ``SoBienNhan``, the receipt number, is kept by the ``SyncPayload`` (a dossier has none);
* instants (``NgayNopHoSo``, ``NgayTiepNhan``, ``NgayHenTra``, ``NgayKetThucXuLy``, ``NgayTra``,
  ``NgayTuChoi`` and the supplement dates) are ``yyyyMMddHHmmss`` in Vietnam time, written to
  the second; blank (``""`` or ``null``) is absent;
* ``NgayHenTra`` is the due instant the agency's system recorded: it becomes
  ``stated_due_at`` (the payload has no processing time), and is written from ``due_at``;
* ``DanhSachHoSoBoSung`` gives the supplement requests: ``NgayBoSung`` (request),
  ``NgayTiepNhanBoSung`` (supplement received; blank while waiting), ``NoiDungBoSung`` (note),
  ``NguoiYeuCauBoSung`` (actor);
* ``TrangThaiHoSo`` (text or a number) gives the rest of the history: 3 refused at
  ``NgayTuChoi``; 7, 8 and 9 withdrawn, stopped or resolved at ``NgayKetThucXuLy``; 10
  resolved at ``NgayKetThucXuLy`` and returned at ``NgayTra``; 4 without a supplement starts
  processing at the receipt; 6 asks for payment at the last known instant (the payload has
  neither time).

**Liberal in what is read.** Real senders differ from the documented payload (see
``tests/fixtures/payloads/INDEX.md``), so by default keys are read in any casing, the envelope
of the OpenCPS adapter (``{"service": "DongBoHoSoMC", "isUpdating": …, "data": [...]}``) is
opened, instants may also be ISO 8601 (as .NET writes them), and a key the payload does not
define is set aside with an [`UnknownFieldWarning`][tthc.errors.UnknownFieldWarning] (kept in
``SyncPayload.extra``). What a dossier needs and a payload lacks is filled in only by a stated
rule, each time with an [`InferredValueWarning`][tthc.errors.InferredValueWarning] naming the
key: ``NgayNopHoSo`` missing (the receipt, the latest the submission can have been), status 5
with ``DanhSachHoSoBoSung`` empty (one request at the receipt, the earliest it can have been),
an online service's code in ``MaTTHC`` (the procedure code it starts with), ``KenhThucHien``
missing (in person, as Decision 766 indicator 3.3 counts it). A payload that lacks an instant
its status needs (status 10 without ``NgayKetThucXuLy``, say) gives no dossier: nothing says
when it happened. ``strict=True`` reads the documented shape only and refuses all of the above
instead.

**Exact in what is written.** The writer writes the documented keys that the records keep,
every one of them (blank when absent), ``SoBienNhan`` only when there is a receipt number. The
other keys of the payload (the owner's name, identity numbers, e-mail and phone, the attached
files, fees, results, flags) are read and **not kept**: personal data has no place in the
records, and those keys are not written back; nor are the unknown keys. Payment, apology slips
(``Rescheduled``) and the case are not in the payload and are not written. A dossier made with
a value filled in writes that value; write the ``SyncPayload`` to send back what was received.

The processing history (``QuaTrinhXuLy``: who acted, when, in which department, the step's
start and due time) is read with
[`load_processing_history`][tthc.io.dossiers.load_processing_history] (bare arrays,
``CapNhatTienDoHoSoMC`` envelopes, or the key inside ``DongBoHoSoMC`` payloads, which
``load_dossier_sync`` accepts and leaves to it) and written with
[`dump_processing_history`][tthc.io.dossiers.dump_processing_history], as
[`HistoryEntry`][tthc.dossiers.steps.HistoryEntry] records.

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
    end of processing §2.3. What real senders send (OpenCPS, a provincial one-stop system, a
    relay): ``tests/fixtures/payloads/INDEX.md``, with the code each shape was read from.
"""

from tthc.io.dossiers._history import (
    HISTORY_SERVICE,
    dump_processing_history,
    load_processing_history,
    to_processing_history,
)
from tthc.io.dossiers._json import (
    EVENT_TYPES,
    configure_dossier_hooks,
    dossiers_schema,
    dump_dossiers,
    load_dossiers,
    make_dossier_converter,
)
from tthc.io.dossiers._records import SyncPayload, SyncSupplement
from tthc.io.dossiers._sync import (
    dump_dossier_sync,
    from_dossier_sync,
    load_dossier_sync,
    make_sync_converter,
    read_dossier_sync,
    to_dossier_sync,
)

__all__ = [
    "EVENT_TYPES",
    "HISTORY_SERVICE",
    "SyncPayload",
    "SyncSupplement",
    "configure_dossier_hooks",
    "dossiers_schema",
    "dump_dossier_sync",
    "dump_dossiers",
    "dump_processing_history",
    "from_dossier_sync",
    "load_dossier_sync",
    "load_dossiers",
    "load_processing_history",
    "make_dossier_converter",
    "make_sync_converter",
    "read_dossier_sync",
    "to_dossier_sync",
    "to_processing_history",
]
