"""Step tracking (*theo dõi tiến độ xử lý từng bước*): where a dossier's time goes, and who is late.

A [`StepTrack`][tthc.dossiers.steps.StepTrack] follows one dossier through an
[`InternalProcess`][tthc.procedures.InternalProcess]: from its code and receipt instant, and the
step events a one-stop system records (a step assigned to a unit, started, finished, returned to an
earlier step, an opinion asked of another unit), it gives each step its due instant on the working
calendar, the office time it used against the time it was allowed, its state at any reporting
instant written for a clerk ("còn 1 ngày 3 giờ", "quá 2 giờ"), and, when the dossier runs out of
time, the unit that held it then and owes the apology.

Counting rules (each a choice; the reasons are in the docstrings):

* a step's clock starts when it is assigned (or, without an assignment, when it is started or an
  opinion is asked) and runs in the office hours of the agency holding it
  ([`compute_deadline`][tthc.deadlines.compute_deadline], working-time policy);
* a step returned to and done again gets its whole budget again from the return, as the one-stop
  systems reviewed set a handler's due time on every transfer;
* a step is late when it used more office time than its budget (an action recorded after closing
  time on the due day is not late; one at 08:01 the next working day is, by one minute);
* the dossier's lateness is attributed to the unit that held it when its time ran out.

Examples:
    >>> import datetime as dt
    >>> from tthc.deadlines import VN_TZ
    >>> from tthc.durations import Duration
    >>> from tthc.procedures import HandlingUnit, InternalProcess, Phase, ProcessStep
    >>> desk = HandlingUnit(agency="VD.SO", department="Bộ phận Một cửa")
    >>> dept = HandlingUnit(agency="VD.SO", department="Phòng chuyên môn")
    >>> process = InternalProcess(procedure_code="0.000001", receiving_unit=desk,
    ...     lead_agency="VD.SO", processing_time=Duration.working_days(2),
    ...     source="EXAMPLE: invented for this docstring", phases=[
    ...         Phase(steps=[ProcessStep(name="Thẩm định", unit=dept,
    ...                                  budget=Duration.working_days(1))]),
    ...         Phase(steps=[ProcessStep(name="Trả kết quả", unit=desk,
    ...                                  budget=Duration.working_days(1))])])
    >>> def at(day, hour):
    ...     return dt.datetime(2026, 3, day, hour, tzinfo=VN_TZ)
    >>> track = StepTrack(dossier_code="VD.SO-260302-0001", received_at=at(2, 8),
    ...                   process=process, events=[StepAssigned(step="Thẩm định", unit=dept, at=at(2, 8))])
    >>> [r.state_text(at(3, 10)) for r in track.records]
    ['quá 2 giờ']
    >>> track = track.apply(StepFinished(step="Thẩm định", unit=dept, at=at(3, 11)))
    >>> track.records[0].late_by
    datetime.timedelta(seconds=10800)

References:
    - Decree 118/2025/NĐ-CP Art. 12(3) (the time of each step), Art. 12(4) (officials check the
      progress of each dossier in the software), Art. 12(5) (the unit that delays a dossier
      notifies the desk in writing with the reason and an apology), Art. 19(4) (opinions asked
      with a deadline), Art. 19(6) (an expected delay is notified at the latest one day before
      the due date, with an apology and a proposed new date, once), Art. 20(2) (each agency's
      deadline), Art. 28 (one dossier code, also for inter-agency dossiers). Read in one
      full-text copy (CONFIRMED for the copy, SECONDARY for the law; ``law2026.md`` §A).
    - One-stop systems: per-step time limit and due date, 8 working hours to the day, a step's
      due time set on each transfer (CONFIRMED from source code); OpenCPS users asking for "Quá /
      Còn x ngày y giờ" (issue #1252, SECONDARY); research notes ``process/NOTES.md`` §2.

The code lives in private modules by idea (``_steps_events``, ``_steps_records``,
``_steps_track``, ``_steps_history``, ``_steps_lateness``); this module is the public path.
"""

from tthc.dossiers._steps_events import (
    StepAssigned,
    StepConsulted,
    StepEvent,
    StepFinished,
    StepReturned,
    StepsPaused,
    StepsResumed,
    StepStarted,
)
from tthc.dossiers._steps_history import HistoryEntry, history_of
from tthc.dossiers._steps_lateness import UnitLateness, lateness_by_unit, merge_tracks
from tthc.dossiers._steps_records import StepOutcome, StepRecord, countdown_text
from tthc.dossiers._steps_track import AgencyProgress, ApologyDuty, StepTrack

__all__ = [
    "AgencyProgress",
    "ApologyDuty",
    "HistoryEntry",
    "StepAssigned",
    "StepConsulted",
    "StepEvent",
    "StepFinished",
    "StepOutcome",
    "StepRecord",
    "StepReturned",
    "StepStarted",
    "StepTrack",
    "StepsPaused",
    "StepsResumed",
    "UnitLateness",
    "countdown_text",
    "history_of",
    "lateness_by_unit",
    "merge_tracks",
]
