"""Tests of tthc.procedures.service_levels: Decree 42/2022 levels, the legacy 1-4 mapping, derivation."""

from __future__ import annotations

import pickle
import re

import attrs
import pytest

from tthc.durations import Duration
from tthc.errors import InvalidValueError
from tthc.procedures import Channel, ChannelOption, Procedure, ProcedureCase, Step
from tthc.procedures.service_levels import (
    LegacyLevel,
    OnlineServiceLevel,
    derive_level,
    from_legacy,
    highest,
)


def _option(channel: Channel) -> ChannelOption:
    return ChannelOption(channel=channel, processing_time=Duration.working_days(5))


def _procedure(
    *,
    channels: tuple[Channel, ...] = (Channel.IN_PERSON, Channel.ONLINE),
    steps: tuple[Step, ...] = (),
    result_channels: tuple[Channel, ...] = (),
    case_steps: tuple[Step, ...] = (),
) -> Procedure:
    cases = [ProcedureCase(channels=[_option(c) for c in channels])]
    if case_steps:
        cases.append(ProcedureCase(name="Trường hợp riêng (ví dụ)", steps=case_steps))
    return Procedure(
        code="0.000001",
        name="Thủ tục (ví dụ)",
        cases=cases,
        steps=steps,
        result_channels=result_channels,
    )


ONLINE_STEP = Step(description="Nộp hồ sơ trực tuyến", channels=[Channel.ONLINE])
AGENCY_STEP = Step(description="Thẩm định hồ sơ", internal=True)
PRESENCE_STEP = Step(description="Lấy sinh trắc học", channels=[Channel.IN_PERSON])
POSTAL_ONLY_STEP = Step(description="Gửi bản chính qua bưu điện", channels=[Channel.POSTAL])
UNSTATED_STEP = Step(description="Bước chưa nói rõ cách thực hiện")


class TestOnlineServiceLevel:
    """Decree 42/2022: two levels, full (toàn trình) and partial (một phần); information is not a level."""

    def test_labels_are_vietnamese(self):
        """Each level's label is its Vietnamese name."""
        assert OnlineServiceLevel.FULL.label == "toàn trình"
        assert OnlineServiceLevel.PARTIAL.label == "một phần"

    def test_there_are_exactly_two_levels(self):
        """Information-only is not a member: no online service is represented by None."""
        assert [m.value for m in OnlineServiceLevel] == ["partial", "full"]

    def test_full_is_higher_than_partial(self):
        """Levels order by rank so the highest level of a procedure can be picked."""
        assert OnlineServiceLevel.PARTIAL < OnlineServiceLevel.FULL
        assert not OnlineServiceLevel.FULL < OnlineServiceLevel.PARTIAL
        assert OnlineServiceLevel.FULL > OnlineServiceLevel.PARTIAL

    def test_comparison_with_other_types_is_refused(self):
        """Comparing a level with a number raises TypeError instead of guessing."""
        with pytest.raises(TypeError):
            _ = OnlineServiceLevel.FULL < 1  # type: ignore[operator]


class TestHighest:
    """Decision 766 indicator 3.1: a procedure with both partial and full service counts at the highest."""

    @pytest.mark.parametrize(
        ("levels", "expected"),
        [
            ([], None),
            ([None, None], None),
            ([None, OnlineServiceLevel.PARTIAL], OnlineServiceLevel.PARTIAL),
            ([OnlineServiceLevel.FULL, OnlineServiceLevel.PARTIAL], OnlineServiceLevel.FULL),
            ([OnlineServiceLevel.PARTIAL, None, OnlineServiceLevel.FULL], OnlineServiceLevel.FULL),
        ],
    )
    def test_highest(self, levels, expected):
        """The highest level wins and None means no online service."""
        assert highest(levels) is expected


class TestFromLegacy:
    """Decree 43/2011 (UNCERTAIN mapping): 1-2 information only, 3 partial, 4 full only without presence."""

    @pytest.mark.parametrize(
        "level",
        [1, 2, LegacyLevel.LEVEL_1, LegacyLevel.LEVEL_2],
        ids=["int-1", "int-2", "enum-1", "enum-2"],
    )
    def test_levels_1_and_2_are_no_online_service(self, level):
        """Levels 1 and 2 only published information, so they map to None."""
        assert from_legacy(level) is None

    def test_level_3_is_partial(self):
        """Level 3 (payment and result in person) is partial."""
        assert from_legacy(3) is OnlineServiceLevel.PARTIAL

    @pytest.mark.parametrize(
        ("presence", "expected"),
        [
            (False, OnlineServiceLevel.FULL),
            (True, OnlineServiceLevel.PARTIAL),
            (None, OnlineServiceLevel.PARTIAL),
        ],
    )
    def test_level_4_is_full_only_when_no_step_needs_presence(self, presence, expected):
        """Level 4 is full only when it is known that no step needs presence."""
        assert from_legacy(4, any_step_needs_presence=presence) is expected

    @pytest.mark.parametrize("bad", [0, 5, -1, True, "4", 4.0, None])
    def test_other_values_are_refused(self, bad):
        """Anything but 1, 2, 3 or 4 raises InvalidValueError naming the argument."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            from_legacy(bad)
        assert info.value.field == "from_legacy(level)"

    def test_legacy_labels(self):
        """A legacy level's label is the Vietnamese "Mức độ n"."""
        assert [lv.label for lv in LegacyLevel] == ["Mức độ 1", "Mức độ 2", "Mức độ 3", "Mức độ 4"]


class TestDeriveLevel:
    """Decree 42/2022: full when every step is online and the result comes online or by post."""

    def test_no_online_channel_is_no_online_service(self):
        """A procedure no case of which accepts online submission has no level."""
        p = _procedure(channels=(Channel.IN_PERSON, Channel.POSTAL), steps=(ONLINE_STEP,))
        assert derive_level(p) is None

    @pytest.mark.parametrize("result", [Channel.ONLINE, Channel.POSTAL])
    def test_all_steps_online_and_result_remote_is_full(self, result):
        """Online steps (agency-only steps count as online) and a remote result give full."""
        p = _procedure(steps=(ONLINE_STEP, AGENCY_STEP), result_channels=(result,))
        assert derive_level(p) is OnlineServiceLevel.FULL

    def test_a_step_that_needs_presence_gives_partial(self):
        """One step that can only be done in person keeps the service partial."""
        p = _procedure(steps=(ONLINE_STEP, PRESENCE_STEP), result_channels=(Channel.ONLINE,))
        assert derive_level(p) is OnlineServiceLevel.PARTIAL

    def test_a_step_only_by_post_gives_partial(self):
        """Submission must be entirely online: the post is allowed for the result only."""
        p = _procedure(steps=(ONLINE_STEP, POSTAL_ONLY_STEP), result_channels=(Channel.POSTAL,))
        assert derive_level(p) is OnlineServiceLevel.PARTIAL

    def test_result_in_person_gives_partial(self):
        """A result that can only be collected at the counter keeps the service partial."""
        p = _procedure(steps=(ONLINE_STEP,), result_channels=(Channel.IN_PERSON,))
        assert derive_level(p) is OnlineServiceLevel.PARTIAL

    @pytest.mark.parametrize(
        "procedure",
        [
            _procedure(steps=(), result_channels=(Channel.ONLINE,)),
            _procedure(steps=(ONLINE_STEP, UNSTATED_STEP), result_channels=(Channel.ONLINE,)),
            _procedure(steps=(ONLINE_STEP,), result_channels=()),
        ],
        ids=["no-steps", "unstated-step", "unstated-result"],
    )
    def test_missing_data_never_gives_full(self, procedure):
        """Full is never inferred from missing steps, unstated channels or an unstated result."""
        assert derive_level(procedure) is OnlineServiceLevel.PARTIAL

    def test_a_case_step_that_needs_presence_counts(self):
        """Steps of every case are part of the procedure's steps for the rule."""
        p = _procedure(
            steps=(ONLINE_STEP,),
            result_channels=(Channel.ONLINE,),
            case_steps=(PRESENCE_STEP,),
        )
        assert derive_level(p) is OnlineServiceLevel.PARTIAL

    def test_declared_level_is_not_read(self):
        """The declared online_level does not change the derived one."""
        p = _procedure(steps=(PRESENCE_STEP,), result_channels=(Channel.ONLINE,))
        declared = attrs.evolve(p, online_level=OnlineServiceLevel.FULL)
        assert derive_level(declared) is OnlineServiceLevel.PARTIAL


def test_levels_pickle():
    """Enum members survive pickling, for multiprocessing."""
    for member in [*OnlineServiceLevel, *LegacyLevel]:
        assert pickle.loads(pickle.dumps(member)) is member  # noqa: S301 - our own bytes
