"""Dossier statuses (*trạng thái hồ sơ*) with their national codes, and the moves between them.

[`DossierStatus`][tthc.dossiers.DossierStatus] holds the codes 1–10 of the DVCQG dossier sync;
[`END_OF_PROCESSING`][tthc.dossiers.END_OF_PROCESSING] the statuses that end processing. The
lifecycle is one table, [`EVENT_TRANSITIONS`][tthc.dossiers.EVENT_TRANSITIONS]: for each event,
the statuses it may follow and the status it leads to; the status graph
[`TRANSITIONS`][tthc.dossiers.TRANSITIONS] is derived from it.
"""

from __future__ import annotations

import enum
import types
from typing import TYPE_CHECKING, Final

from tthc import _validators as _v
from tthc.dossiers.events import (
    Closed,
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

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["END_OF_PROCESSING", "EVENT_TRANSITIONS", "TRANSITIONS", "DossierStatus"]


class DossierStatus(enum.IntEnum):
    """The status of a dossier (*trạng thái hồ sơ*), with its national code (``TrangThaiHoSo``).

    The codes are those the national public service portal (DVCQG) receives in the dossier sync
    (``DongBoHoSoMC``). The Vietnamese text is [`label`][tthc.dossiers.DossierStatus.label].

    Examples:
        >>> DossierStatus(4)
        <DossierStatus.PROCESSING: 4>
        >>> DossierStatus.SUPPLEMENT_REQUESTED.label
        'Yêu cầu bổ sung giấy tờ'
        >>> DossierStatus.RESOLVED.ends_processing, DossierStatus.RESOLVED.is_final
        (True, False)

    References:
        DVCQG numeric status ``TrangThaiHoSo`` 1–10 (CONFIRMED from two production systems and
        the DVCQG string-code mapping; research notes ``vn_legal.md`` §2.1).
    """

    @classmethod
    def _missing_(cls, value: object) -> None:
        # A code that is not in the national list: a tthc error (still a ValueError).
        raise _v.missing_code(cls, value)

    #: *Mới đăng ký / chờ tiếp nhận*: submitted, not received yet (DVCQG ``receiving``).
    SUBMITTED = 1
    #: *Được tiếp nhận*: officially received (``new``).
    RECEIVED = 2
    #: *Không được tiếp nhận*: refused (``denied``).
    REFUSED = 3
    #: *Đang xử lý*: being processed (``processing``).
    PROCESSING = 4
    #: *Yêu cầu bổ sung giấy tờ*: a supplement was requested; the clock is paused (``waiting``).
    SUPPLEMENT_REQUESTED = 5
    #: *Yêu cầu thực hiện nghĩa vụ tài chính*: the applicant must pay (``paying``).
    PAYMENT_REQUESTED = 6
    #: *Công dân yêu cầu rút hồ sơ*: withdrawn at the applicant's request (``cancelled``).
    WITHDRAWN = 7
    #: *Dừng xử lý*: processing stopped, the dossier cannot be resolved (``unresolved``).
    STOPPED = 8
    #: *Đã xử lý xong*: resolved, the result is ready (``releasing``).
    RESOLVED = 9
    #: *Đã trả kết quả*: the result was handed over (``done``).
    RETURNED = 10

    @property
    def label(self) -> str:
        """The Vietnamese name of the status, as one-stop systems show it."""
        return _STATUS_LABELS[self]

    @property
    def ends_processing(self) -> bool:
        """Whether reaching this status ends processing (refused, withdrawn, stopped, resolved, returned).

        The first such status of a received dossier is its end of processing
        (*ngày kết thúc xử lý*, ``NgayKetThucXuLy``); see
        [`Dossier.finished_at`][tthc.dossiers.Dossier.finished_at].
        """
        return self in END_OF_PROCESSING

    @property
    def is_final(self) -> bool:
        """Whether no event can follow this status (every end of processing but RESOLVED)."""
        return not TRANSITIONS[self]


_STATUS_LABELS: Final = {
    # "newly registered / awaiting receipt"
    DossierStatus.SUBMITTED: "Mới đăng ký",
    # "received"
    DossierStatus.RECEIVED: "Được tiếp nhận",
    # "not received": refused
    DossierStatus.REFUSED: "Không được tiếp nhận",
    # "being processed"
    DossierStatus.PROCESSING: "Đang xử lý",
    # "supplement of documents requested"
    DossierStatus.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    # "financial obligations requested"
    DossierStatus.PAYMENT_REQUESTED: "Yêu cầu thực hiện nghĩa vụ tài chính",
    # "the citizen asks to withdraw the dossier"
    DossierStatus.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    # "processing stopped"
    DossierStatus.STOPPED: "Dừng xử lý",
    # "processing finished"
    DossierStatus.RESOLVED: "Đã xử lý xong",
    # result returned (to the applicant)
    DossierStatus.RETURNED: "Đã trả kết quả",
}

END_OF_PROCESSING: Final = frozenset(
    {
        DossierStatus.REFUSED,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
        DossierStatus.RESOLVED,
        DossierStatus.RETURNED,
    }
)
"""The statuses that end processing (Decision 766 technical formula document, indicator 2.1:
"the time of the first terminal status: refused, stopped, resolved, result returned or
withdrawn"; research notes ``vn_legal.md`` §2.3, CONFIRMED (secondary)).
"""

_S = DossierStatus
_OPEN = (_S.RECEIVED, _S.PROCESSING)

EVENT_TRANSITIONS: Final[Mapping[type[DossierEvent], Mapping[DossierStatus, DossierStatus]]] = (
    types.MappingProxyType(
        {
            Received: types.MappingProxyType({_S.SUBMITTED: _S.RECEIVED}),
            ProcessingStarted: types.MappingProxyType({_S.RECEIVED: _S.PROCESSING}),
            SupplementRequested: types.MappingProxyType(
                dict.fromkeys(_OPEN, _S.SUPPLEMENT_REQUESTED)
            ),
            SupplementSupplied: types.MappingProxyType({_S.SUPPLEMENT_REQUESTED: _S.PROCESSING}),
            PaymentRequested: types.MappingProxyType(dict.fromkeys(_OPEN, _S.PAYMENT_REQUESTED)),
            Paid: types.MappingProxyType({_S.PAYMENT_REQUESTED: _S.PROCESSING}),
            Rescheduled: types.MappingProxyType({s: s for s in (*_OPEN, _S.PAYMENT_REQUESTED)}),
            Resolved: types.MappingProxyType(dict.fromkeys(_OPEN, _S.RESOLVED)),
            Returned: types.MappingProxyType({_S.RESOLVED: _S.RETURNED}),
            Refused: types.MappingProxyType(
                dict.fromkeys((_S.SUBMITTED, *_OPEN, _S.SUPPLEMENT_REQUESTED), _S.REFUSED)
            ),
            Withdrawn: types.MappingProxyType(
                dict.fromkeys(
                    (_S.SUBMITTED, *_OPEN, _S.SUPPLEMENT_REQUESTED, _S.PAYMENT_REQUESTED),
                    _S.WITHDRAWN,
                )
            ),
            Stopped: types.MappingProxyType(
                dict.fromkeys((*_OPEN, _S.SUPPLEMENT_REQUESTED, _S.PAYMENT_REQUESTED), _S.STOPPED)
            ),
            Closed: types.MappingProxyType({_S.SUPPLEMENT_REQUESTED: _S.STOPPED}),
        }
    )
)
"""For each event, the statuses it may follow and the status it leads to. This table is the
lifecycle; [`Dossier.apply`][tthc.dossiers.Dossier.apply] and the validation of
``Dossier.events`` read it and nothing else. Sources, by row:

* ``Received``: 1 → 2 (DVCQG codes, §2.1).
* ``ProcessingStarted``: 2 → 4 (§2.1; the event name is ours: the sync has no event, only the
  status).
* ``SupplementRequested``: 2 or 4 → 5; ``SupplementSupplied``: 5 → 4 (§1.9, §2.1 supplement
  sub-states). A request before receipt is not a status change here: the desk guides the
  applicant and the dossier is not received yet (inferred).
* ``PaymentRequested``: 2 or 4 → 6; ``Paid``: 6 → 4 (§2.1, DVCQG ``paying``; that payment
  leads back to processing is inferred).
* ``Rescheduled``: 2, 4 or 6, status unchanged (§1.10: the slip is issued while the result is
  not ready; not while waiting for a supplement, when the clock is stopped anyway: inferred).
* ``Resolved``: 2 or 4 → 9; ``Returned``: 9 → 10 (§2.1, §2.3 "resolved before returned").
* ``Refused``: 1 → 3 (refused at reception, §2.1) and 2, 4 or 5 → 3 (form No. 03 refuses
  "receipt or resolution"; a dossier whose supplement deadline passed may be refused, TH-repo
  ``KhongTiepNhanQuaHanBoSung``, §1.9: inferred as a status change).
* ``Withdrawn``: 1, 2, 4, 5 or 6 → 7 (§2.1; not after resolution: inferred).
* ``Stopped``: 2, 4, 5 or 6 → 8 (§2.1; inferred from "stopped / unresolvable").
* ``Closed``: 5 → 8 (Decree 118/2025 Art. 19(5): the desk closes a dossier whose supplement has
  not come; no national code of its own, so 8 "Dừng xử lý": the library's mapping).
"""


def _status_graph() -> Mapping[DossierStatus, frozenset[DossierStatus]]:
    graph: dict[DossierStatus, set[DossierStatus]] = {s: set() for s in DossierStatus}
    for moves in EVENT_TRANSITIONS.values():
        for before, after in moves.items():
            if before is not after:
                graph[before].add(after)
    return types.MappingProxyType({s: frozenset(t) for s, t in graph.items()})


TRANSITIONS: Final[Mapping[DossierStatus, frozenset[DossierStatus]]] = _status_graph()
"""The status graph: for each status, the statuses a dossier may move to next (derived from
[`EVENT_TRANSITIONS`][tthc.dossiers.EVENT_TRANSITIONS]; an apology slip does not change the
status, so it adds no edge).
"""
