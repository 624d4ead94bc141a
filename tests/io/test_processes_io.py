"""Tests of tthc.io.processes: internal processes in JSON, exact both ways, all problems at once."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
from schema_check import errors

from tthc.cli import main
from tthc.durations import Duration
from tthc.errors import LoadError
from tthc.io.processes import dump_processes, load_processes, processes_schema
from tthc.procedures import HandlingUnit, InternalProcess, Phase, ProcessStep, StepRole

if TYPE_CHECKING:
    from pathlib import Path

# An EXAMPLE process (invented; no real decision): desk, department in parallel with an opinion
# of another agency, leadership, return.
EXAMPLE = """[{
  "procedure_code": "0.000001",
  "case": "Cấp mới (ví dụ)",
  "name": "EXAMPLE: quy trình nội bộ (ví dụ)",
  "processing_time": "5 ngày làm việc",
  "receiving_unit": {"agency": "VD.TT", "department": "Bộ phận Một cửa"},
  "lead_agency": "VD.SO",
  "source": "EXAMPLE invented for the tests",
  "phases": [
    {"steps": [{"name": "Tiếp nhận", "unit": {"agency": "VD.TT", "department": "Bộ phận Một cửa"},
                "role": "receive", "budget": "0,5 ngày làm việc"}]},
    {"name": "Thẩm định và lấy ý kiến",
     "steps": [{"name": "Thẩm định", "unit": {"agency": "VD.SO", "department": "Phòng A"},
                "role": "appraise", "budget": "3 ngày làm việc"},
               {"name": "Ý kiến", "unit": {"agency": "VD.SK"}, "role": "consult",
                "budget": "12 giờ làm việc"}]},
    {"steps": [{"name": "Ký", "unit": {"agency": "VD.SO", "department": "Lãnh đạo"},
                "role": "approve", "budget": "1 ngày làm việc"}]},
    {"steps": [{"name": "Trả kết quả", "unit": {"agency": "VD.TT", "department": "Bộ phận Một cửa"},
                "role": "return", "budget": "4 giờ làm việc"}]}
  ]
}]"""


class TestRoundTrip:
    """What dump_processes writes, load_processes reads back equal."""

    def test_example(self) -> None:
        [process] = load_processes(EXAMPLE)
        assert str(process.planned_time) == "5 ngày làm việc"
        assert process.phases[1].is_parallel
        assert process.participating_agencies == ("VD.SK",)
        assert load_processes(dump_processes([process])) == [process]

    def test_defaults_are_left_out(self) -> None:
        [process] = load_processes(EXAMPLE)
        written = json.loads(dump_processes([process]))
        assert "description" not in written[0]["phases"][0]["steps"][0]

    def test_file(self, tmp_path: Path) -> None:
        [process] = load_processes(EXAMPLE)
        path = tmp_path / "processes.json"
        dump_processes([process], path)
        assert load_processes(path) == [process]

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(list(StepRole)),
                st.integers(1, 40).map(lambda q: Duration.working_hours(Decimal(q) / 4)),
            ),
            min_size=1,
            max_size=6,
        )
    )
    def test_generated(self, items: list[tuple[StepRole, Duration]]) -> None:
        unit = HandlingUnit(agency="VD.SO")
        phases = [
            Phase(steps=[ProcessStep(name=f"B{i}", unit=unit, role=role, budget=budget)])
            for i, (role, budget) in enumerate(items)
        ]
        process = InternalProcess(
            procedure_code="0.000001",
            processing_time=Duration.working_days(10),
            receiving_unit=unit,
            lead_agency="VD.SO",
            phases=phases,
        )
        assert load_processes(dump_processes([process])) == [process]


class TestProblems:
    """Every problem of a file is reported at once, with its path."""

    def test_several_problems(self) -> None:
        data = json.loads(EXAMPLE)
        data[0]["procedure_code"] = "1.1193"
        data[0]["phases"][0]["steps"][0]["budget"] = "3 ngày"
        data[0]["phases"][2]["steps"][0]["role"] = "sign"
        data[0]["colour"] = "red"
        with pytest.raises(LoadError) as info:
            load_processes(json.dumps(data))
        assert info.value.problems == [
            (
                "$[0].procedure_code: InternalProcess.procedure_code: expected a procedure code "
                "like '1.001193', got '1.1193'"
            ),
            (
                "$[0].phases[0].steps[0].budget: ProcessStep.budget: expected a Duration in working "
                "days or working hours, such as Duration.parse('0,5 ngày làm việc') or "
                "Duration.parse('4 giờ làm việc'), or None for a step whose time is not counted, got Duration(value=3, unit=<DurationUnit."
                "CALENDAR_DAYS: 'calendar_days'>, cutoff=None)"
            ),
            (
                "$[0].phases[2].steps[0].role: expected one of 'receive' (RECEIVE), 'transfer' "
                "(TRANSFER), 'appraise' (APPRAISE), 'consult' (CONSULT), 'review' (REVIEW), "
                "'approve' (APPROVE), 'issue' (ISSUE), 'return' (RETURN), 'other' (OTHER) "
                "(StepRole), got 'sign'"
            ),
            "$[0]: unknown keys 'colour' (not fields of InternalProcess)",
        ]

    def test_over_budget_names_the_steps(self) -> None:
        data = json.loads(EXAMPLE)
        data[0]["phases"][2]["steps"][0]["budget"] = "2 ngày làm việc"
        with pytest.raises(LoadError) as info:
            load_processes(json.dumps(data))
        [problem] = info.value.problems
        assert problem.startswith("$[0].phases: InternalProcess.phases: expected step budgets")
        assert "max('Thẩm định' 3 ngày làm việc, 'Ý kiến' 12 giờ làm việc)" in problem
        assert "= 6 ngày làm việc" in problem

    def test_two_processes_two_problems(self) -> None:
        data = json.loads(EXAMPLE) * 2
        data[0]["lead_agency"] = "VD.KHAC"
        data[1]["phases"][0]["steps"][0]["name"] = "Ký"
        with pytest.raises(LoadError) as info:
            load_processes(json.dumps(data))
        assert [p.split(":")[0] for p in info.value.problems] == ["$[0].phases", "$[1].phases"]


class TestSchema:
    """The schema accepts what dump_processes writes and refuses what the loader refuses."""

    def test_dumped_conforms(self) -> None:
        document = json.loads(dump_processes(load_processes(EXAMPLE)))
        assert errors(processes_schema(), document) == []

    def test_unknown_key_and_role(self) -> None:
        document = json.loads(EXAMPLE)
        document[0]["colour"] = "red"
        document[0]["phases"][0]["steps"][0]["role"] = "sign"
        assert len(errors(processes_schema(), document)) == 2

    def test_valid_draft_2020_12(self) -> None:
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.Draft202012Validator.check_schema(processes_schema())
        document = json.loads(dump_processes(load_processes(EXAMPLE)))
        assert (
            list(jsonschema.Draft202012Validator(processes_schema()).iter_errors(document)) == []
        )

    def test_cli_prints_it(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["schema", "processes"]) == 0
        assert json.loads(capsys.readouterr().out) == processes_schema()


class TestNotCounted:
    """A step whose time is not counted ("Không tính thời gian") in and out of the format."""

    def with_return(self, budget: object) -> str:
        data = json.loads(EXAMPLE)
        data[0]["phases"][-1]["steps"][0]["budget"] = budget
        return json.dumps(data, ensure_ascii=False)

    @pytest.mark.parametrize(
        "budget", ["Không tính thời gian", "không  tính thời gian", "Giờ hành chính", None]
    )
    def test_read_as_none_and_written_back(self, budget: object) -> None:
        [process] = load_processes(self.with_return(budget))
        back = process.phases[-1].steps[0]
        assert back.budget is None
        assert not back.is_counted
        # 0,5 + 3 + 1 = 4,5 of 5 days: the return takes none.
        assert str(process.planned_time) == "36 giờ làm việc"
        written = json.loads(dump_processes([process]))
        assert written[0]["phases"][-1]["steps"][0]["budget"] == "Không tính thời gian"
        assert load_processes(dump_processes([process])) == [process]

    def test_schema_accepts_both_forms(self) -> None:
        for budget in ("Không tính thời gian", None):
            assert errors(processes_schema(), json.loads(self.with_return(budget))) == []

    def test_other_values_are_refused_with_their_path(self) -> None:
        with pytest.raises(LoadError) as info:
            load_processes(self.with_return(0))
        [problem] = info.value.problems
        assert problem.startswith("$[0].phases[3].steps[0].budget: expected a step's time")
        with pytest.raises(LoadError, match=r"Duration\.parse"):
            load_processes(self.with_return("không tính"))


def test_published_examples_load_and_conform() -> None:
    """The shipped published processes load and conform to the schema."""
    from pathlib import Path  # noqa: PLC0415 - only here

    folder = Path(__file__).resolve().parents[2] / "examples" / "processes"
    paths = sorted(folder.glob("*.json"))
    assert [p.name for p in paths] == ["caobang-2022-qt01.json", "nghean-3854-muc1.json"]
    for path in paths:
        [process] = load_processes(path)
        assert process.steps[-1].budget is None
        assert process.source is not None
        assert "SECONDARY" in process.source
        assert errors(processes_schema(), json.loads(path.read_text(encoding="utf-8"))) == []
        assert load_processes(dump_processes([process])) == [process]
