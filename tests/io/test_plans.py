"""Plans in and out: JSON (exact round trip) and the spreadsheet-style CSV (one row per task).

The fixtures in tests/fixtures/plans/ hold the example review of the docs; the expected totals
are worked by hand in TestFixtures' docstring.
"""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tthc.durations import Duration
from tthc.errors import InvalidValueError, LoadError
from tthc.io.plans import (
    CSV_COLUMNS,
    configure_plan_hooks,
    dump_plans,
    dump_plans_csv,
    dump_portfolio,
    load_plans,
    load_plans_csv,
    load_portfolio,
    make_plan_converter,
)
from tthc.simplification import (
    Action,
    AddCost,
    AddTask,
    ChangeProcessingTime,
    ChangeTask,
    ChangeVolume,
    CostModel,
    Measure,
    Plan,
    PrescribedCost,
    PrescribedCostKind,
    RemoveTask,
    Task,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
JSON_FIXTURE = FIXTURES / "worked_example.json"
CSV_FIXTURE = FIXTURES / "worked_example.csv"
BAD_CSV = FIXTURES / "bad_plans.csv"

NUMBER = "a number >= 0 written like 50000 or 0.5 (no thousands separators, no sign)"


def model(**changes: object) -> CostModel:
    args: dict[str, object] = {
        "code": "1.000000",
        "name": "Ví dụ",
        "times_per_year": 1,
        "subjects_per_year": 10,
        "tasks": [Task(name="A", hours=2, travel=5000), Task(name="B", hours=1)],
        "prescribed_costs": [
            PrescribedCost(kind=PrescribedCostKind.CHARGE, name="Lệ phí", amount=1000)
        ],
    }
    args.update(changes)
    return CostModel(**args)  # type: ignore[arg-type]


class TestFixtures:
    """The example review (not real figures), with the wage 5,280,000 / 22 / 8 = 30,000 an hour.

    1.000000: 530,000 per compliance × 1 × 1,000 = 530,000,000 → 340,000,000 (see
    tests/test_simplification.py TestWorkedPlan); 1.000001: (2 h + 4 h) × 30,000 + 40,000 =
    220,000 × 2 × 500 = 220,000,000, abolished → 0; 1.000002: 1 h × 30,000 + fee 20,000 = 50,000
    × 1 × 2,000 = 100,000,000, no plan.  Before 850,000,000, after 440,000,000, saving
    410,000,000 = 48.24 %; 2 of 4 reviewed procedures have a plan.
    """

    def test_json_fixture(self):
        portfolio = load_portfolio(JSON_FIXTURE)
        result = portfolio.evaluate()
        assert (result.before, result.after, result.saving) == (
            850_000_000,
            440_000_000,
            410_000_000,
        )
        assert result.savings.percent() == Decimal("48.24")
        share = result.share_with_plan
        assert share is not None
        assert (share.numerator, share.denominator) == (2, 4)
        assert portfolio.wage_rate.per_hour() == Decimal("30000.00")

    def test_csv_fixture_is_the_same_review(self):
        """The sheet holds the same plans as the JSON file, in the same order."""
        plans = load_plans_csv(CSV_FIXTURE)
        assert plans == list(load_portfolio(JSON_FIXTURE).plans)
        first = plans[0]
        assert [m.action for m in first.measures] == [
            Action.REUSE_DATA,
            Action.DECENTRALISE,
            Action.REDUCE_FEE,
        ]
        assert first.measures[0].description == (
            "Khai thác Cơ sở dữ liệu quốc gia về dân cư thay cho bản sao sổ hộ khẩu"
        )
        assert first.model.processing_time == Duration.working_days(5)
        assert first.model.task("Chứng thực bản sao").component == "Bản sao sổ hộ khẩu"

    def test_json_round_trip(self, tmp_path):
        portfolio = load_portfolio(JSON_FIXTURE)
        text = dump_portfolio(portfolio, tmp_path / "out.json")
        assert load_portfolio(text) == portfolio
        assert load_portfolio(tmp_path / "out.json") == portfolio
        assert (tmp_path / "out.json").read_text(encoding="utf-8") == text + "\n"
        # The file in the repository is what dump_portfolio writes.
        assert JSON_FIXTURE.read_text(encoding="utf-8") == text + "\n"

    def test_csv_round_trip(self, tmp_path):
        plans = load_plans_csv(CSV_FIXTURE)
        text = dump_plans_csv(plans, tmp_path / "out.csv")
        assert load_plans_csv(text) == plans
        assert load_plans_csv(tmp_path / "out.csv") == plans
        assert text.splitlines()[0] == ",".join(CSV_COLUMNS)


class TestJson:
    """The JSON format: keys are attribute names, changes are tagged by "change"."""

    def test_changes_are_tagged(self):
        plan = Plan(
            model=model(),
            measures=[
                Measure(
                    action=Action.ONLINE_SERVICE,
                    changes=[
                        RemoveTask("A"),
                        AddTask(Task(name="Nộp trực tuyến", hours=Decimal("0.5"))),
                        ChangeTask(task="B", hours=Decimal("0.5")),
                        ChangeVolume(times_per_year=Decimal("0.5")),
                        ChangeProcessingTime(Duration.working_days(3)),
                    ],
                )
            ],
            decision="1/QĐ-UBND (ví dụ)",
        )
        data = json.loads(dump_plans([plan]))
        assert data[0]["measures"][0]["changes"] == [
            {"change": "remove_task", "task": "A"},
            {"change": "add_task", "task": {"name": "Nộp trực tuyến", "hours": "0.5"}},
            {"change": "change_task", "task": "B", "hours": "0.5"},
            {"change": "change_volume", "times_per_year": "0.5"},
            {"change": "change_processing_time", "processing_time": "3 ngày làm việc"},
        ]
        assert load_plans(json.dumps(data)) == [plan]
        assert load_plans(data) == [plan]

    def test_all_problems_at_once(self):
        """Values, unknown keys, unknown change kinds and changes that do not apply, together."""
        text = json.dumps(
            [
                {
                    "model": {
                        "code": "1.000000",
                        "name": "Ví dụ",
                        "times_per_year": 1.5,
                        "subjects_per_year": "10",
                        "tasks": [{"name": "A", "hours": "-2"}],
                        "colour": "red",
                    }
                },
                {
                    "model": {
                        "code": "1.000001",
                        "name": "Ví dụ",
                        "times_per_year": 1,
                        "subjects_per_year": 10,
                        "tasks": [{"name": "A", "hours": "2"}],
                    },
                    "measures": [
                        {
                            "action": "amend",
                            "changes": [
                                {"change": "change_task", "task": "A", "hours": "3"},
                                {"change": "remove_task", "task": "B"},
                            ],
                        },
                        {"action": "delete", "changes": [{"change": "drop"}]},
                    ],
                },
            ]
        )
        with pytest.raises(LoadError) as info:
            load_plans(text)
        assert info.value.problems == [
            (
                "$[0].model.times_per_year: expected an exact decimal number written as a JSON "
                'string, such as "8000" or "0.5" (a JSON float is inexact), got 1.5'
            ),
            (
                "$[0].model.tasks[0].hours: Task.hours: expected a decimal.Decimal >= 0 and below "
                "1,000,000 (hours) with at most 6 decimal places, got Decimal('-2')"
            ),
            "$[0].model: unknown keys 'colour' (not fields of CostModel)",
            (
                "$[1].measures[1].action: expected one of 'abolish' (ABOLISH), 'amend' (AMEND), "
                "'replace' (REPLACE), 'merge' (MERGE), 'reduce_components' (REDUCE_COMPONENTS), "
                "'shorten_time' (SHORTEN_TIME), 'reduce_fee' (REDUCE_FEE), 'reuse_data' "
                "(REUSE_DATA), 'decentralise' (DECENTRALISE), 'online_service' (ONLINE_SERVICE), "
                "'other' (OTHER) (Action), got 'delete'"
            ),
            (
                '$[1].measures[1].changes[0]: expected an object whose "change" key is one of '
                "'remove_task', 'change_task', 'add_task', 'remove_cost', 'change_cost', "
                "'add_cost', 'change_volume', 'abolish', 'change_processing_time', got "
                "{'change': 'drop'}"
            ),
        ]

    def test_plan_problems_with_paths(self):
        """Once the values read, every change that does not apply is reported with its path."""
        text = json.dumps(
            [
                {
                    "model": {
                        "code": "1.000001",
                        "name": "Ví dụ",
                        "times_per_year": 1,
                        "subjects_per_year": 10,
                        "tasks": [{"name": "A", "hours": "2"}],
                    },
                    "measures": [
                        {
                            "action": "amend",
                            "changes": [
                                {"change": "change_task", "task": "A", "hours": "3"},
                                {"change": "remove_task", "task": "B"},
                                {"change": "add_task", "task": {"name": "A", "hours": "1"}},
                                {"change": "change_volume", "subjects_per_year": "11"},
                            ],
                        }
                    ],
                }
            ]
        )
        with pytest.raises(LoadError) as info:
            load_plans(text)
        assert info.value.problems == [
            (
                "$[0].measures[0].changes[0].hours: expected at most the current 2 h of task 'A' "
                "(a change only lowers a value; add a task or a cost for new work), got "
                "Decimal('3')"
            ),
            (
                "$[0].measures[0].changes[1].task: expected a task of procedure 1.000001 (one of "
                "'A'), got 'B'"
            ),
            (
                "$[0].measures[0].changes[2].task.name: expected a name no task of procedure "
                "1.000001 has (change that task instead), got 'A'"
            ),
            (
                "$[0].measures[0].changes[3].subjects_per_year: expected at most the current 10 "
                "subjects per year of procedure 1.000001 (a change only lowers a value; add a task "
                "or a cost for new work), got Decimal('11')"
            ),
        ]

    def test_change_must_be_an_object(self):
        text = (
            '[{"model": {"code": "1", "name": "x", "times_per_year": 1, "subjects_per_year": 1},'
            ' "measures": [{"action": "amend", "changes": ["remove_task"]}]}]'
        )
        with pytest.raises(
            LoadError, match=r"\$\[0\]\.measures\[0\]\.changes\[0\]: expected an object"
        ):
            load_plans(text)

    def test_portfolio_problems(self):
        text = json.dumps(
            {
                "name": "",
                "wage_rate": {"amount": "0", "year": 2024, "source": "x", "certainty": "maybe"},
                "reviewed": -1,
            }
        )
        with pytest.raises(LoadError) as info:
            load_portfolio(text)
        problems = info.value.problems
        assert any(
            p.startswith("$.name: Portfolio.name: expected a non-blank text") for p in problems
        )
        assert any(
            p.startswith("$.wage_rate.certainty: expected one of 'confirmed'") for p in problems
        )

    def test_dump_refuses_other_objects(self):
        with pytest.raises(InvalidValueError, match="a Plan"):
            dump_plans(["plan"])  # type: ignore[list-item]
        with pytest.raises(InvalidValueError, match="a Portfolio"):
            dump_portfolio("x")  # type: ignore[arg-type]

    def test_converter_is_extensible(self):
        """configure_plan_hooks works on any converter built by make_converter."""
        from tthc.io import make_converter  # noqa: PLC0415

        c = make_converter()
        configure_plan_hooks(c)
        plan = Plan(model=model(), measures=[Measure.abolish()])
        assert c.structure(c.unstructure(plan), Plan) == plan
        assert make_plan_converter().unstructure(plan) == c.unstructure(plan)


def sheet(
    *rows: str,
    header: str = "code,item,name,hours,travel,amount,times_per_year,subjects_per_year,action,change,hours_after,amount_after",
) -> str:
    lines = "\n".join(rows)
    return f"{header}\n{lines}\n"


PROCEDURE = "1.000000,procedure,Ví dụ,,,,1,10,,,,"


class TestCsv:
    """The spreadsheet format: one row per task, fee and procedure; the plan on the same rows."""

    def test_bad_fixture_reports_every_problem_with_its_row(self):
        with pytest.raises(LoadError) as info:
            load_plans_csv(BAD_CSV)
        problems = info.value.problems
        assert problems[0].startswith("row 1: unknown column 'ghi_chu' (the columns are code,")
        assert problems[1:] == [
            f"row 2, subjects_per_year: expected {NUMBER}, got '1,000'",
            f"row 3, travel: expected {NUMBER}, got '50.000đ'",
            "row 4, name: expected a task name not used before (row 3 has it), got 'Nộp hồ sơ'",
            (
                "row 5, hours_after: expected at most the current 3 h of task 'Nhận kết quả' (a "
                "change only lowers a value; add a task or a cost for new work), got '4'"
            ),
            (
                "row 6, action: expected one of 'abolish', 'amend', 'replace', 'merge', "
                "'reduce_components', 'shorten_time', 'reduce_fee', 'reuse_data', 'decentralise', "
                "'online_service', 'other', got 'reduce_fees'"
            ),
            f"row 7, amount: expected {NUMBER}, got ''",
            "row 8, action: expected the measure's action when change is set, got ''",
            (
                "row 9: expected a 'procedure' row for 1.000001 (its name, times_per_year and "
                "subjects_per_year), got none"
            ),
        ]
        assert info.value.source == str(BAD_CSV)

    def test_minimal_sheet(self):
        """Missing optional columns read as blank; blank rows are skipped."""
        [plan] = load_plans_csv(
            sheet(PROCEDURE, "", "1.000000,task,A,2,5000,,,,reuse_data,remove,,", ",,,,,,,,,,,")
        )
        assert plan.model.tasks == (Task(name="A", hours=2, travel=5000),)
        assert plan.measures == (Measure.remove_tasks(Action.REUSE_DATA, "A"),)

    def test_byte_order_mark_and_crlf(self):
        text = "\ufeff" + sheet(PROCEDURE, "1.000000,task,A,2,,,,,,,,").replace("\n", "\r\n")
        [plan] = load_plans_csv(text)
        assert plan.model.task("A").hours == 2

    def test_file_object(self):
        [plan] = load_plans_csv(io.StringIO(sheet(PROCEDURE)))
        assert plan.model.name == "Ví dụ"
        assert plan.model.cost  # a cost model with no tasks

    def test_rows_of_a_procedure_may_come_in_any_order(self):
        plans = load_plans_csv(
            sheet(
                "1.000001,task,A,1,,,,,,,,",
                PROCEDURE,
                "1.000001,procedure,Khác,,,,1,5,,,,",
            )
        )
        assert [p.code for p in plans] == ["1.000001", "1.000000"]

    def test_procedure_level_changes(self):
        """A procedure row: abolish, a volume change, a new time limit, or a measure with no
        cost effect; more rows for the same code carry more such changes."""
        header = "code,item,name,times_per_year,subjects_per_year,processing_time,action,measure,change,times_per_year_after,subjects_per_year_after,processing_time_after"
        text = sheet(
            "1.000000,procedure,Ví dụ,1,10,5 ngày làm việc,shorten_time,,change,,,3 ngày làm việc",
            "1.000000,procedure,,,,,amend,Sửa tờ khai,,,,",
            "1.000000,procedure,Ví dụ,,,,decentralise,,change,0.5,8,",
            "1.000001,procedure,Khác,1,10,,abolish,,remove,,,",
            header=header,
        )
        first, second = load_plans_csv(text)
        assert [m.action for m in first.measures] == [
            Action.SHORTEN_TIME,
            Action.AMEND,
            Action.DECENTRALISE,
        ]
        assert first.measures[1].changes == ()
        assert first.measures[2].changes == (
            ChangeVolume(times_per_year=Decimal("0.5"), subjects_per_year=Decimal(8)),
        )
        assert first.model_after.processing_time == Duration.working_days(3)
        assert second.measures == (Measure.abolish(),)
        assert load_plans_csv(dump_plans_csv([first, second])) == [first, second]

    def test_added_items(self):
        [plan] = load_plans_csv(
            sheet(
                PROCEDURE,
                "1.000000,task,A,2,5000,,,,online_service,remove,,",
                "1.000000,task,Nộp trực tuyến,0.5,,,,,online_service,add,,",
                "1.000000,other_cost,Kiểm định,,,30000,,,online_service,add,,",
            )
        )
        assert plan.model.tasks == (Task(name="A", hours=2, travel=5000),)
        assert plan.measures[0].changes[1:] == (
            AddTask(Task(name="Nộp trực tuyến", hours=Decimal("0.5"))),
            AddCost(PrescribedCost(kind=PrescribedCostKind.OTHER, name="Kiểm định", amount=30000)),
        )
        assert load_plans_csv(dump_plans_csv([plan])) == [plan]

    @pytest.mark.parametrize(
        ("rows", "problem"),
        [
            (
                ["1.000000,task,A,2,,500,,,,,,"],
                "row 3, amount: expected blank on a task row (amount is for cost rows), got '500'",
            ),
            (
                ["1.000000,task,A,2,,,,,,,1,"],
                "row 3, hours_after: expected blank unless change is 'change', got '1'",
            ),
            (
                ["1.000000,task,A,2,,,,,amend,change,,"],
                (
                    "row 3, change: expected a new value in hours_after or a *_after cost column for "
                    "'change' on a task row, got 'change'"
                ),
            ),
            (
                ["1.000000,task,A,,,,,,,,,"],
                f"row 3, hours: expected {NUMBER}, got ''",
            ),
            (
                ["1.000000,task,A,1.2345678,,,,,,,,"],
                (
                    "row 3, hours: expected a decimal.Decimal >= 0 and below 1,000,000 (hours) with "
                    "at most 6 decimal places, got Decimal('1.2345678')"
                ),
            ),
            (
                ["1.000000,task,,1,,,,,,,,"],
                "row 3, name: expected the task's name, got ''",
            ),
            (
                ["1.000000,charge,Lệ phí,,,100,,,reduce_fee,change,,200"],
                (
                    "row 3, amount_after: expected at most the current 100 VND of 'Lệ phí' (a change "
                    "only lowers a value; add a task or a cost for new work), got '200'"
                ),
            ),
            (
                ["1.000000,fee,Phí,,,100,,,,delete,,"],
                "row 3, change: expected blank or one of 'remove', 'change', 'add', got 'delete'",
            ),
            (
                ["1.000000,procedure,Ví dụ,,,,2,10,,,,"],
                (
                    "row 3, times_per_year: expected blank or 1 (as on the procedure's first row), "
                    "got '2'"
                ),
            ),
            (
                ["1.000000,procedure,Ví dụ,,,,,,amend,add,,"],
                (
                    "row 3, change: expected 'remove' (abolish) or 'change' on a procedure row, got "
                    "'add'"
                ),
            ),
            (
                [",task,A,1,,,,,,,,"],
                "row 3, code: expected the procedure's code, got ''",
            ),
            (
                ["1.000000,task,A,1,,,,,,,,,extra"],
                "row 3: expected at most 12 cells (the header's), got 13",
            ),
        ],
    )
    def test_row_problems(self, rows, problem):
        with pytest.raises(LoadError) as info:
            load_plans_csv(sheet(PROCEDURE, *rows))
        assert info.value.problems == [problem]

    def test_procedure_row_needs_its_volumes(self):
        with pytest.raises(LoadError) as info:
            load_plans_csv(sheet("1.000000,procedure,,,,,,,,,,"))
        assert info.value.problems == [
            "row 2, name: expected the procedure's name, got ''",
            f"row 2, times_per_year: expected {NUMBER}, got ''",
            f"row 2, subjects_per_year: expected {NUMBER}, got ''",
        ]

    def test_header_problems(self):
        with pytest.raises(LoadError) as info:
            load_plans_csv("code,name,name\n1.000000,Ví dụ,Ví dụ\n")
        assert info.value.problems == [
            "row 1: column 'name' appears twice",
            "row 1: required column 'item' missing",
            (
                "row 2, item: expected one of 'procedure', 'task', 'fee', 'charge', 'other_cost', "
                "got ''"
            ),
        ]

    def test_bad_time_limit(self):
        with pytest.raises(LoadError, match=r"row 2, processing_time: expected a processing time"):
            load_plans_csv(
                "code,item,name,times_per_year,subjects_per_year,processing_time\n"
                "1.000000,procedure,Ví dụ,1,1,sớm\n"
            )

    def test_empty_input(self):
        with pytest.raises(LoadError, match="expected a header row"):
            load_plans_csv(io.StringIO(""))

    def test_missing_file(self, tmp_path):
        with pytest.raises(LoadError, match="cannot read the file"):
            load_plans_csv(tmp_path / "none.csv")

    def test_not_utf8(self, tmp_path):
        path = tmp_path / "latin1.csv"
        path.write_bytes("code,item,name\n1.000000,procedure,Thá\n".encode("latin-1"))
        with pytest.raises(LoadError, match=r"not UTF-8 text: .* \(save it as CSV UTF-8\)"):
            load_plans_csv(path)

    def test_too_big(self):
        with pytest.raises(LoadError, match="more than 10 characters"):
            load_plans_csv(sheet(PROCEDURE), max_bytes=10)

    @pytest.mark.parametrize("bad", [42, b"code,item\n"])
    def test_bad_source(self, bad):
        with pytest.raises(InvalidValueError):
            load_plans_csv(bad)

    def test_bad_max_bytes(self):
        with pytest.raises(InvalidValueError, match="max_bytes"):
            load_plans_csv(sheet(PROCEDURE), max_bytes=-1)


class TestCsvOut:
    """dump_plans_csv writes what load_plans_csv reads, or says why it cannot."""

    def test_one_change_per_row(self):
        """A task changed twice does not fit in one row: write JSON instead."""
        plan = Plan(
            model=model(),
            measures=[
                Measure(action=Action.DECENTRALISE, changes=[ChangeTask(task="A", hours=1)]),
                Measure(action=Action.REUSE_DATA, changes=[RemoveTask("A")]),
            ],
        )
        with pytest.raises(InvalidValueError, match=re.escape("changes 'A' at most once")) as info:
            dump_plans_csv([plan])
        assert info.value.field == "dump_plans_csv(plans)[0]"

    def test_sheet_order_must_work(self):
        """Abolishing after changing a task cannot be read back in sheet order (procedure rows
        first): refused rather than written wrong."""
        plan = Plan(
            model=model(),
            measures=[
                Measure(action=Action.DECENTRALISE, changes=[ChangeTask(task="A", hours=1)]),
                Measure.abolish(),
            ],
        )
        with pytest.raises(InvalidValueError, match="still apply in the sheet's order"):
            dump_plans_csv([plan])

    def test_regrouped_plan_has_the_same_cost(self):
        """Changes are regrouped in sheet order; the cost model and the cost after are kept."""
        plan = Plan(
            model=model(),
            measures=[
                Measure(action=Action.AMEND, changes=[RemoveTask("B")]),
                Measure(action=Action.AMEND, changes=[ChangeTask(task="A", travel=0)]),
            ],
        )
        [back] = load_plans_csv(dump_plans_csv([plan]))
        assert back.model == plan.model
        assert back.model_after == plan.model_after
        assert back.measures == (
            Measure(
                action=Action.AMEND, changes=[ChangeTask(task="A", travel=0), RemoveTask("B")]
            ),
        )

    def test_refuses_other_objects(self):
        with pytest.raises(InvalidValueError, match="a Plan"):
            dump_plans_csv([model()])  # type: ignore[list-item]
