"""Simplification plans and cost models in and out: JSON and a spreadsheet-style CSV.

* [`load_portfolio`][tthc.io.plans.load_portfolio] and
  [`dump_portfolio`][tthc.io.plans.dump_portfolio]: a whole review (name, wage rate, plans) as
  one JSON object, exact in both directions;
* [`load_plans`][tthc.io.plans.load_plans] and [`dump_plans`][tthc.io.plans.dump_plans]: plans
  (each a cost model and its measures) as a JSON array, exact in both directions;
* [`load_plans_csv`][tthc.io.plans.load_plans_csv] and
  [`dump_plans_csv`][tthc.io.plans.dump_plans_csv]: the same plans as a sheet with one row per
  task (and per fee, and per procedure), the columns in
  [`CSV_COLUMNS`][tthc.io.plans.CSV_COLUMNS];
* [`configure_plan_hooks`][tthc.io.plans.configure_plan_hooks] and
  [`make_plan_converter`][tthc.io.plans.make_plan_converter]: the cattrs hooks behind the JSON
  format, on top of [`make_converter`][tthc.io.make_converter].

Every loader reports **all** the problems of its input at once in one
[`LoadError`][tthc.errors.LoadError] (JSON paths such as ``$.plans[2].measures[0].changes[1]
.task``, or CSV row numbers and columns), and returns nothing from a bad input.

Examples:
    >>> text = '''code,item,name,hours,travel,amount,times_per_year,subjects_per_year,action,change,hours_after
    ... 1.000000,procedure,Thủ tục (ví dụ),,,,1,1000,,,
    ... 1.000000,task,Nộp hồ sơ,3,50000,,,,decentralise,change,1
    ... 1.000000,charge,Lệ phí,,,100000,,,,,
    ... '''
    >>> [plan] = load_plans_csv(text)
    >>> plan.measures[0].changes
    (ChangeTask(task='Nộp hồ sơ', hours=Decimal('1'), copies=None, certification=None, travel=None, hired_services=None, other_expenses=None),)
    >>> load_plans_csv(text.replace("3,50000", "x,50000").replace("charge", "fine"))
    Traceback (most recent call last):
    ...
    tthc.errors.LoadError: could not load <CSV text>:
      - row 3, hours: expected a number >= 0 written like 50000 or 0.5 (no thousands separators, no sign), got 'x'
      - row 4, item: expected one of 'procedure', 'task', 'fee', 'charge', 'other_cost', got 'fine'
"""

from tthc.io.plans._csv_read import CSV_COLUMNS, load_plans_csv
from tthc.io.plans._csv_write import dump_plans_csv
from tthc.io.plans._json import (
    CHANGE_TAG,
    configure_plan_hooks,
    dump_plans,
    dump_portfolio,
    load_plans,
    load_portfolio,
    make_plan_converter,
    plans_schema,
    portfolio_schema,
)

__all__ = [
    "CHANGE_TAG",
    "CSV_COLUMNS",
    "configure_plan_hooks",
    "dump_plans",
    "dump_plans_csv",
    "dump_portfolio",
    "load_plans",
    "load_plans_csv",
    "load_portfolio",
    "make_plan_converter",
    "plans_schema",
    "portfolio_schema",
]
