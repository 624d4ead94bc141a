"""A simplification plan's compliance-cost saving (Circular 02/2017/TT-VPCP Art. 27).

A made-up review of three procedures (the figures are examples, not real data): one simplified
by three measures, one abolished, one reviewed without a plan. It prints the review table with
a 20 % target, every saving explained, and the lower average of three differing estimates.

Run: python examples/simplification_plan.py
"""

from __future__ import annotations

from decimal import Decimal

from tthc.simplification import (
    Action,
    ChangeTask,
    CostModel,
    Estimate,
    FigureCertainty,
    Measure,
    Plan,
    Portfolio,
    PrescribedCost,
    PrescribedCostKind,
    Task,
    WageRate,
    lower_average,
)


def review() -> Portfolio:
    """The example review of the docs (docs/how-to/evaluate-simplification-plan.md)."""
    # An example income, not an official figure: 5,280,000 / 22 days / 8 hours = 30,000 an hour.
    wage = WageRate(
        amount=Decimal(5280000),
        year=2024,
        source="example value, not an official income figure",
        certainty=FigureCertainty.EXAMPLE,
    )
    licence = CostModel(
        code="1.000000",
        name="Cấp giấy phép (ví dụ)",
        times_per_year=1,
        subjects_per_year=1000,
        tasks=[
            Task(name="Tìm hiểu thủ tục", hours=1),
            Task(name="Điền tờ khai", hours=2, copies=10000),
            Task(
                name="Chứng thực bản sao",
                hours=1,
                certification=20000,
                component="Bản sao sổ hộ khẩu",
            ),
            Task(name="Nộp hồ sơ", hours=3, travel=50000),
            Task(name="Nhận kết quả", hours=3, travel=50000),
        ],
        prescribed_costs=[
            PrescribedCost(kind=PrescribedCostKind.CHARGE, name="Lệ phí (ví dụ)", amount=100000)
        ],
    )
    confirmation = CostModel(
        code="1.000001",
        name="Xác nhận (ví dụ)",
        times_per_year=2,
        subjects_per_year=500,
        tasks=[
            Task(name="Chuẩn bị hồ sơ", hours=2),
            Task(name="Nộp và nhận kết quả", hours=4, travel=40000),
        ],
    )
    registration = CostModel(
        code="1.000002",
        name="Đăng ký (ví dụ)",
        times_per_year=1,
        subjects_per_year=2000,
        tasks=[Task(name="Khai báo", hours=1)],
        prescribed_costs=[
            PrescribedCost(kind=PrescribedCostKind.FEE, name="Phí (ví dụ)", amount=20000)
        ],
    )
    return Portfolio(
        name="Rà soát (ví dụ)",
        wage_rate=wage,
        reviewed=4,
        plans=[
            Plan(
                model=licence,
                measures=[
                    Measure.drop_components(
                        licence, "Bản sao sổ hộ khẩu", action=Action.REUSE_DATA
                    ),
                    Measure.lower_fee("Lệ phí (ví dụ)", 50000),
                    Measure(
                        action=Action.DECENTRALISE,
                        changes=[ChangeTask(task="Nộp hồ sơ", hours=1, travel=20000)],
                    ),
                ],
            ),
            Plan(model=confirmation, measures=[Measure.abolish()]),
            Plan(model=registration),
        ],
    )


def main() -> None:
    """Print the review table, the explanations and a lower average."""
    result = review().evaluate()
    print(result.to_table(target=20))
    print()
    print(result.explain())
    print()
    hours = lower_average(
        [
            Estimate(value=4, source="khảo sát người dân (ví dụ)"),
            Estimate(value=2, source="báo cáo của sở (ví dụ)"),
            Estimate(value=3, source="hỏi đáp trực tuyến (ví dụ)"),
        ]
    )
    print(f"hours of a task from three sources: {hours.explain()}")


if __name__ == "__main__":
    main()
