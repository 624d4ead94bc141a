"""Online public service levels (*mức độ dịch vụ công trực tuyến*): full, partial, and the old 1–4.

Decree 42/2022/NĐ-CP knows two levels of online public service:

* **full** (*toàn trình*): the procedure's information is provided, submission and processing
  happen entirely online, and the result is returned online or through the public postal
  service;
* **partial** (*một phần*): any other online public service: at least one step (handing in
  originals, biometric capture, paying at the counter, collecting a paper result) happens
  offline.

Publishing a procedure's information online is a duty for every procedure, not a level. In
`tthc` **"no online public service" is ``None``**: a procedure with no online service has
``online_level=None``, [`from_legacy`][tthc.procedures.service_levels.from_legacy] maps the old levels 1
and 2 to ``None``, and [`derive_level`][tthc.procedures.service_levels.derive_level] returns ``None`` when
no case accepts online submission.

Legal status (labels of the research notes, ``vn_legal.md`` §3):

* the two levels and their definitions: CONFIRMED (secondary) from Decree 42/2022;
* the "eligible for full online service" flag of the national database, which is the
  denominator of the full-online coverage rate (Decision 766/QĐ-TTg indicator 3.1): CONFIRMED;
* the old Decree 43/2011/NĐ-CP levels 1–4 and their mapping: **UNCERTAIN** (from memory and a
  third-party knowledge base); level 4 is *not* automatically full;
* the legal basis as it stands on 2026-12-02: Decree 42/2022 was amended by Decree
  118/2025/NĐ-CP Art. 40(7) (its Art. 12(1) rewritten, Art. 13 repealed; confirmed_secondary,
  read in one copy of Decree 118), and ceased to have effect on 1/7/2026 under Decree
  224/2026/NĐ-CP Art. 90(2), which details the Law on Digital Transformation 148/2025/QH15
  (**secondary**: three public registers, two citing the original; the decree itself was not
  read). The two levels remain in Decree 118/2025 (Art. 36(2), Art. 38(1)(c): "toàn trình",
  "một phần"; confirmed_secondary) and in the national portal's 2026 scoring of Decision 766;
  which text now defines them is **UNCERTAIN** (Decree 224/2026 Art. 3 is reported to speak of
  services "sẵn có / không sẵn có").

[`OnlineServiceLevel`][tthc.procedures.OnlineServiceLevel] is defined with the other enumerations
of the record (``tthc.procedures.enums``), since ``Procedure.online_level`` holds one, and is
re-exported here; this module reads the record and the record never reads it.

Examples:
    >>> from tthc.procedures.service_levels import LegacyLevel, OnlineServiceLevel, from_legacy
    >>> OnlineServiceLevel.FULL.label
    'toàn trình'
    >>> from_legacy(LegacyLevel.LEVEL_3)
    <OnlineServiceLevel.PARTIAL: 'partial'>
    >>> from_legacy(2) is None
    True
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from tthc import _validators as _v
from tthc.errors import InvalidValueError
from tthc.procedures.enums import OnlineServiceLevel

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tthc.procedures.record import Procedure

__all__ = ["LegacyLevel", "OnlineServiceLevel", "derive_level", "from_legacy", "highest"]


class LegacyLevel(enum.IntEnum):
    """An online service level of the repealed Decree 43/2011 (*mức độ 1–4*), for old records.

    The meaning of each level is **UNCERTAIN** (research notes ``vn_legal.md`` §3.2: from
    memory and one third-party source). Map to today's levels with
    [`from_legacy`][tthc.procedures.service_levels.from_legacy].

    Examples:
        >>> LegacyLevel(4).label
        'Mức độ 4'

    References:
        Decree 43/2011/NĐ-CP, Art. 13 (levels of online public services; replaced by
        Decree 42/2022/NĐ-CP). UNCERTAIN.
    """

    @classmethod
    def _missing_(cls, value: object) -> None:
        # A code that is not in the national list: a tthc error (still a ValueError).
        raise _v.missing_code(cls, value)

    #: Information about the procedure is published online.
    LEVEL_1 = 1
    #: Level 1 plus downloadable forms.
    LEVEL_2 = 2
    #: Level 2 plus online filling-in and submission; payment and result in person.
    LEVEL_3 = 3
    #: Level 3 plus online payment; the result is delivered online or by post.
    LEVEL_4 = 4

    @property
    def label(self) -> str:
        """The Vietnamese name of the level ("Mức độ 3")."""
        # "Level n"
        return f"Mức độ {self.value}"


def from_legacy(
    level: LegacyLevel | int, *, any_step_needs_presence: bool | None = None
) -> OnlineServiceLevel | None:
    """Map an old Decree 43/2011 level (*mức độ*) to a Decree 42/2022 level, or ``None``.

    * levels 1 and 2 were information only: ``None`` (no online public service);
    * level 3 is **partial**;
    * level 4 is **full only when no step needs the applicant's presence**; otherwise, and
      when that is not known (``any_step_needs_presence=None``), it is partial. A "level 4"
      record must be re-checked against the full-service conditions: it is not full by itself.

    Args:
        level: The old level, 1 to 4.
        any_step_needs_presence: Whether some step still needs the applicant at the agency;
            ``None`` if unknown.

    Returns:
        The level under Decree 42/2022, or ``None`` for no online public service.

    Raises:
        InvalidValueError: ``level`` is not 1, 2, 3 or 4.

    Examples:
        >>> from_legacy(4, any_step_needs_presence=False)
        <OnlineServiceLevel.FULL: 'full'>
        >>> from_legacy(4)
        <OnlineServiceLevel.PARTIAL: 'partial'>
        >>> from_legacy(5)
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: from_legacy(level): expected a Decree 43/2011 level 1, 2, 3 or 4, got 5

    References:
        Mapping: research notes ``vn_legal.md`` §3.2 (UNCERTAIN); the BA guide quoted there warns
        that "level 4" must be re-checked against the full-service conditions of Decree 42/2022.
    """
    valid: object = level  # checked at run time: callers may pass anything
    if isinstance(valid, bool) or not isinstance(valid, int) or valid not in (1, 2, 3, 4):
        raise InvalidValueError("from_legacy(level)", level, "a Decree 43/2011 level 1, 2, 3 or 4")
    if level <= LegacyLevel.LEVEL_2:
        return None
    if level == LegacyLevel.LEVEL_3:
        return OnlineServiceLevel.PARTIAL
    if any_step_needs_presence is False:
        return OnlineServiceLevel.FULL
    return OnlineServiceLevel.PARTIAL


def highest(levels: Iterable[OnlineServiceLevel | None]) -> OnlineServiceLevel | None:
    """The highest of several levels (*mức độ cao nhất*); ``None`` when none is a level.

    A procedure offered both as a partial and as a full online service counts at its highest
    level.

    Args:
        levels: Levels, ``None`` meaning no online service.

    Returns:
        ``FULL`` if any level is full, else ``PARTIAL`` if any is partial, else ``None``.

    Examples:
        >>> highest([None, OnlineServiceLevel.PARTIAL, OnlineServiceLevel.FULL])
        <OnlineServiceLevel.FULL: 'full'>
        >>> highest([None]) is None
        True

    References:
        Decision 766/QĐ-TTg, technical formula document, indicator 3.1 (research notes
        ``vn_legal.md`` §3.1, CONFIRMED).
    """
    best: OnlineServiceLevel | None = None
    for level in levels:
        if level is not None and (best is None or level > best):
            best = level
    return best


def derive_level(procedure: Procedure) -> OnlineServiceLevel | None:
    """Derive a procedure's online service level (*mức độ DVCTT*) from its steps and channels.

    The rule of Decree 42/2022, made computable:

    1. no case accepts submission through the online channel (``Channel.ONLINE``):
       ``None``, no online public service;
    2. **full** when *every* step can be done online (a step done by the agency alone,
       ``Step.internal``, counts as online) **and** the result can be returned online or by
       post (``Procedure.result_channels`` holds ``ONLINE`` or ``POSTAL``);
    3. otherwise **partial**.

    Consequences, on purpose:

    * a step that needs the applicant's presence (biometric capture, handing in originals,
      paying at the counter) makes the service partial;
    * so does a step that can only be done *by post*: Decree 42/2022 requires submission and
      processing entirely online, and allows the post only for returning the result;
    * full is never inferred from missing data: a step whose channels are not stated, a
      procedure with no steps, or one whose result channels are not stated, gives partial.

    The declared ``Procedure.online_level`` is not read: compare it with this to find records
    whose declared level their own steps do not support.

    Args:
        procedure: The procedure.

    Returns:
        ``OnlineServiceLevel.FULL``, ``OnlineServiceLevel.PARTIAL`` or ``None``.

    Examples:
        >>> from tthc.durations import Duration
        >>> from tthc.procedures import Channel, ChannelOption, Procedure, ProcedureCase, Step
        >>> online = ChannelOption(channel=Channel.ONLINE, processing_time=Duration.working_days(3))
        >>> p = Procedure(
        ...     code="1.000000", name="Thủ tục (ví dụ)",
        ...     cases=[ProcedureCase(channels=[online])],
        ...     steps=[Step(description="Nộp hồ sơ", channels=[Channel.ONLINE]),
        ...            Step(description="Thẩm định", internal=True)],
        ...     result_channels=[Channel.POSTAL],
        ... )
        >>> derive_level(p)
        <OnlineServiceLevel.FULL: 'full'>
        >>> import attrs
        >>> derive_level(attrs.evolve(p, steps=[*p.steps,
        ...     Step(description="Nộp bản chính", channels=[Channel.IN_PERSON])]))
        <OnlineServiceLevel.PARTIAL: 'partial'>

    References:
        Decree 42/2022/NĐ-CP, definitions of full and partial online public services
        (CONFIRMED (secondary), research notes ``vn_legal.md`` §3.1).
    """
    if not procedure.accepts_online_submission:
        return None
    steps = procedure.all_steps
    if (
        steps
        and all(step.can_be_done_online for step in steps)
        and procedure.returns_result_remotely
    ):
        return OnlineServiceLevel.FULL
    return OnlineServiceLevel.PARTIAL
