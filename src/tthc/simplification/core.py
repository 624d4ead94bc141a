"""Compliance cost (*chi phí tuân thủ*) of procedures, simplification plans and their savings.

Circular 02/2017/TT-VPCP Art. 27 measures the benefit of simplifying an administrative
procedure as compliance cost saved:

* cost of one compliance = cost of the required tasks + fees, charges and other prescribed
  costs (Art. 27(3)(a));
* annual total = cost of one compliance × prescribed times per year × subjects per year
  (Art. 27(3)(b));
* benefit = current cost − cost after simplification (Art. 27(1)(c)); opportunity cost is not
  counted and, where sources differ, the lower average is taken (Art. 27(2)).

A task costs its hours × an hourly wage rate plus its out-of-pocket costs (copies,
certification, travel, hired services, other). The wage rate is a parameter with its amount,
year, source and certainty ([`WageRate`][tthc.simplification.WageRate]); so are the working
days per month and hours per day used to derive an hourly rate from it. Money is an exact
``Decimal`` in Vietnamese đồng everywhere; floats are refused.

A [`CostModel`][tthc.simplification.CostModel] describes one procedure; a
[`Plan`][tthc.simplification.Plan] applies [`Measure`][tthc.simplification.Measure]s to it
(abolish, reduce dossier components, lower a fee, reuse digitised data, decentralise, …), each
made of small changes (remove a task, lower its hours, lower a fee, …); a
[`Portfolio`][tthc.simplification.Portfolio] is a province's or a ministry's review: totals,
savings, the savings rate, a target check and the share of reviewed procedures with a plan.
Every saving is explained: which measure changed which task or fee, and how much it saved.

Examples:
    The worked example of the docs, by hand: 5,280,000 VND a month ÷ 22 days ÷ 8 hours =
    30,000 VND an hour; 10 hours of tasks = 300,000; out-of-pocket 130,000; a charge of
    100,000; so 530,000 VND per compliance, × 1 time × 1,000 subjects = 530,000,000 VND a year.

    >>> from decimal import Decimal
    >>> wage = WageRate(amount=Decimal("5280000"), year=2024, certainty=FigureCertainty.EXAMPLE,
    ...                 source="example value for illustration, not an official figure")
    >>> wage.per_hour()
    Decimal('30000.00')
    >>> model = CostModel(code="1.000000", name="Cấp giấy phép (ví dụ)",
    ...     times_per_year=1, subjects_per_year=1000,
    ...     tasks=[Task(name="Tìm hiểu thủ tục", hours=1),
    ...            Task(name="Điền tờ khai", hours=2, copies=10000),
    ...            Task(name="Chứng thực bản sao", hours=1, certification=20000,
    ...                 component="Bản sao sổ hộ khẩu"),
    ...            Task(name="Nộp hồ sơ", hours=3, travel=50000),
    ...            Task(name="Nhận kết quả", hours=3, travel=50000)],
    ...     prescribed_costs=[PrescribedCost(kind=PrescribedCostKind.CHARGE,
    ...                                      name="Lệ phí (ví dụ)", amount=100000)])
    >>> cost = model.cost(wage)
    >>> cost.per_compliance, cost.annual_total
    (Decimal('530000'), Decimal('530000000'))
    >>> plan = Plan(model=model, measures=[
    ...     Measure.drop_components(model, "Bản sao sổ hộ khẩu", action=Action.REUSE_DATA),
    ...     Measure.lower_fee("Lệ phí (ví dụ)", 50000),
    ...     Measure(action=Action.DECENTRALISE,
    ...             changes=[ChangeTask(task="Nộp hồ sơ", hours=1, travel=20000)])])
    >>> result = plan.evaluate(wage)
    >>> result.after.annual_total, result.saving, result.savings.percent()
    (Decimal('340000000'), Decimal('190000000'), Decimal('35.85'))
    >>> print(result.lines[0])
    1.000000 measure 1 (reuse_data): task 'Chứng thực bản sao' removed (1 h, certification 20,000 VND): saves 50,000 VND per compliance, 50,000,000 VND per year

References:
    Circular 02/2017/TT-VPCP (31/10/2017), Art. 27 clauses 1–3 (CONFIRMED; clause 4, the kinds of
    cost and the wage-rate practice, UNCERTAIN): research notes ``vn_legal.md`` §5.2;
    https://hethongphapluat.com/thong-tu-02-2017-tt-vpcp-huong-dan-ve-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-do-van-phong-chinh-phu-ban-hanh/dieu-27
"""

from __future__ import annotations

import decimal
import enum
import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Final, TypeAlias

import attrs

from tthc import _validators as _v
from tthc.durations import Duration
from tthc.errors import InvalidValueError
from tthc.indicators import Rate, RoundingMode
from tthc.procedures import Channel, FeeKind, Procedure

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "COMMON_DAYS_PER_MONTH",
    "COMMON_HOURS_PER_DAY",
    "CONVERSION_CERTAINTY",
    "Abolish",
    "Action",
    "AddCost",
    "AddTask",
    "Change",
    "ChangeCost",
    "ChangeProcessingTime",
    "ChangeTask",
    "ChangeVolume",
    "ComplianceCost",
    "CostModel",
    "Estimate",
    "ExpenseKind",
    "FigureCertainty",
    "LowerAverage",
    "LowerAverageRule",
    "Measure",
    "Plan",
    "PlanResult",
    "Portfolio",
    "PortfolioResult",
    "PrescribedCost",
    "PrescribedCostKind",
    "RemoveCost",
    "RemoveTask",
    "SavingLine",
    "Savings",
    "TargetCheck",
    "Task",
    "WagePeriod",
    "WageRate",
    "format_vnd",
    "lower_average",
    "plan_problems",
]


# --- enumerations --------------------------------------------------------------------------------


class FigureCertainty(enum.Enum):
    """How well a figure used in a costing is established (*mức độ tin cậy của số liệu*).

    The labels follow the research notes: a figure is confirmed when it was read in the
    published source, uncertain when it is an estimate, a secondary report or common practice,
    and an example when it was made up to illustrate the method.

    Examples:
        >>> FigureCertainty("example").label
        'example (illustration only, not a real figure)'
    """

    #: Read in the published source (an official statistic, a decree's fee table).
    CONFIRMED = "confirmed"
    #: An estimate, a survey, a secondary report or common practice: check before relying on it.
    UNCERTAIN = "uncertain"
    #: Made up to illustrate the method; never use it in a real review.
    EXAMPLE = "example"

    @property
    def label(self) -> str:
        """A short English description, as printed in tables."""
        return _CERTAINTY_LABELS[self]


_CERTAINTY_LABELS: Final = {
    FigureCertainty.CONFIRMED: "confirmed",
    FigureCertainty.UNCERTAIN: "UNCERTAIN",
    FigureCertainty.EXAMPLE: "example (illustration only, not a real figure)",
}


class WagePeriod(enum.Enum):
    """The period a wage amount is given for: per month or per year (*tháng / năm*)."""

    #: An amount per month (*thu nhập bình quân tháng*).
    MONTH = "month"
    #: An amount per year (*thu nhập bình quân năm*); 12 months make a year.
    YEAR = "year"

    @property
    def months(self) -> int:
        """Months in the period (1 or 12)."""
        return 1 if self is WagePeriod.MONTH else 12


class ExpenseKind(enum.Enum):
    """A kind of out-of-pocket cost of a task (*chi phí trực tiếp bằng tiền*).

    The value is the name of the [`Task`][tthc.simplification.Task] attribute (and of the
    spreadsheet column) that holds the amount.

    Examples:
        >>> [k.value for k in ExpenseKind]
        ['copies', 'certification', 'travel', 'hired_services', 'other_expenses']
        >>> ExpenseKind.CERTIFICATION.label
        'Chứng thực'

    References:
        Circular 02/2017/TT-VPCP Art. 27(4) and its annex forms, as applied in practice: copies,
        certification, travel, hired services or consultants (research notes ``vn_legal.md``
        §5.2, UNCERTAIN).
    """

    #: Copying and printing (*sao chụp, in ấn*).
    COPIES = "copies"
    #: Certification of copies or signatures (*chứng thực*).
    CERTIFICATION = "certification"
    #: Travel to and from the agency (*đi lại*).
    TRAVEL = "travel"
    #: Hired services or consultants (*thuê dịch vụ, tư vấn*).
    HIRED_SERVICES = "hired_services"
    #: Any other out-of-pocket cost (*chi phí khác*), such as postage.
    OTHER = "other_expenses"

    @property
    def label(self) -> str:
        """The Vietnamese name."""
        return _EXPENSE_LABELS[self]

    @property
    def words(self) -> str:
        """A short English name, as used in explanations ("hired services")."""
        return self.value.replace("_", " ")


_EXPENSE_KINDS: Final = tuple(ExpenseKind)
_EXPENSE_LABELS: Final = {
    # "copying, printing"
    ExpenseKind.COPIES: "Sao chụp, in ấn",
    # "certification"
    ExpenseKind.CERTIFICATION: "Chứng thực",
    # "travel"
    ExpenseKind.TRAVEL: "Đi lại",
    # "hired services, consultants"
    ExpenseKind.HIRED_SERVICES: "Thuê dịch vụ, tư vấn",
    # "other costs"
    ExpenseKind.OTHER: "Chi phí khác",
}


class PrescribedCostKind(enum.Enum):
    """A cost set by law: fee (*phí*), charge (*lệ phí*) or other prescribed cost.

    Examples:
        >>> PrescribedCostKind.CHARGE.label
        'Lệ phí'

    References:
        Circular 02/2017/TT-VPCP Art. 27(3)(a): "phí, lệ phí và các chi phí khác theo quy định
        (nếu có)"; Law on Fees and Charges 2015 (97/2015/QH13) Art. 3.
    """

    #: *Phí*: a fee for a public service.
    FEE = "fee"
    #: *Lệ phí*: a charge for an administrative service.
    CHARGE = "charge"
    #: *Chi phí khác theo quy định*: another cost the law requires (a mandatory inspection, …).
    OTHER = "other_cost"

    @property
    def label(self) -> str:
        """The Vietnamese name."""
        return _PRESCRIBED_LABELS[self]


_PRESCRIBED_LABELS: Final = {
    # "fee"
    PrescribedCostKind.FEE: "Phí",
    # "charge"
    PrescribedCostKind.CHARGE: "Lệ phí",
    # "other prescribed cost"
    PrescribedCostKind.OTHER: "Chi phí khác theo quy định",
}


class Action(enum.Enum):
    """A simplification measure as plans name it (*phương án đơn giản hóa*).

    The action says what the plan proposes in law; its effect on compliance cost is given by
    the [`Measure`][tthc.simplification.Measure]'s changes (which tasks and fees go or shrink).

    Examples:
        >>> Action.REDUCE_COMPONENTS.label
        'Giảm thành phần hồ sơ'
        >>> Action("reuse_data")
        <Action.REUSE_DATA: 'reuse_data'>

    References:
        Provincial decisions approving simplification plans (Bắc Kạn 886/QĐ-UBND 2018, Hà Nội
        603/QĐ-UBND 2018, Thanh Hóa 4364/QĐ-UBND 2024) list, per procedure, the change proposed
        and the cost before, after and saved (research notes ``vn_legal.md`` §5.3, §8.1).
    """

    #: Abolish the procedure (*bãi bỏ*).
    ABOLISH = "abolish"
    #: Amend or supplement it (*sửa đổi, bổ sung*).
    AMEND = "amend"
    #: Replace it with another (*thay thế*).
    REPLACE = "replace"
    #: Merge it with another (*hợp nhất*).
    MERGE = "merge"
    #: Fewer dossier components (*giảm thành phần hồ sơ*).
    REDUCE_COMPONENTS = "reduce_components"
    #: A shorter time limit (*rút ngắn thời hạn giải quyết*).
    SHORTEN_TIME = "shorten_time"
    #: A lower fee or charge (*giảm phí, lệ phí*).
    REDUCE_FEE = "reduce_fee"
    #: Reuse of digitised data instead of papers (*tái sử dụng dữ liệu đã số hóa*).
    REUSE_DATA = "reuse_data"
    #: Decentralise to a level closer to the applicant (*phân cấp*).
    DECENTRALISE = "decentralise"
    #: Offer the procedure online (*cung cấp dịch vụ công trực tuyến*).
    ONLINE_SERVICE = "online_service"
    #: Any other measure (*khác*).
    OTHER = "other"

    @property
    def label(self) -> str:
        """The Vietnamese name, as plans print it."""
        return _ACTION_LABELS[self]


_ACTION_LABELS: Final = {
    # "abolish"
    Action.ABOLISH: "Bãi bỏ",
    # "amend, supplement"
    Action.AMEND: "Sửa đổi, bổ sung",
    # "replace"
    Action.REPLACE: "Thay thế",
    # "merge"
    Action.MERGE: "Hợp nhất",
    # "fewer dossier components"
    Action.REDUCE_COMPONENTS: "Giảm thành phần hồ sơ",
    # "shorter time limit"
    Action.SHORTEN_TIME: "Rút ngắn thời hạn giải quyết",
    # "lower fees and charges"
    Action.REDUCE_FEE: "Giảm phí, lệ phí",
    # "reuse of digitised data"
    Action.REUSE_DATA: "Tái sử dụng dữ liệu đã số hóa",
    # "decentralise"
    Action.DECENTRALISE: "Phân cấp",
    # "online public service"
    Action.ONLINE_SERVICE: "Cung cấp dịch vụ công trực tuyến",
    # "other"
    Action.OTHER: "Khác",
}


class LowerAverageRule(enum.Enum):
    """How "the lower average" (*số liệu trung bình thấp*) of differing estimates is read.

    Circular 02/2017/TT-VPCP Art. 27(2)(a) says that where sources give different figures the
    lower average is taken; the text read does not define it, so the reading is a parameter
    (UNCERTAIN). All three readings give the lower figure of two estimates and the figure
    itself when the estimates agree; they differ from three estimates on.

    Examples:
        >>> LowerAverageRule.BELOW_MEAN.label
        'the mean of the estimates at or below the mean of all'
    """

    #: The mean of the estimates at or below the mean of all of them (the default reading:
    #: an average, taken over the lower figures).
    BELOW_MEAN = "below_mean"
    #: The mean of the lower half of the estimates, sorted (the lower ⌈n/2⌉; with an odd
    #: count the middle one is included).
    LOWER_HALF = "lower_half"
    #: The lowest estimate (the most cautious reading).
    LOWEST = "lowest"

    @property
    def label(self) -> str:
        """What the rule takes, in words."""
        return _RULE_LABELS[self]


_RULE_LABELS: Final = {
    LowerAverageRule.BELOW_MEAN: "the mean of the estimates at or below the mean of all",
    LowerAverageRule.LOWER_HALF: "the mean of the lower half of the estimates",
    LowerAverageRule.LOWEST: "the lowest estimate",
}


# --- conventions (parameters with documented values, never hidden) ------------------------------

COMMON_DAYS_PER_MONTH: Final = Decimal(22)
"""Working days per month commonly used to turn a monthly income into a daily one.

Common practice, UNCERTAIN: Circular 02/2017/TT-VPCP Art. 27(4) was not read in full (research
notes ``vn_legal.md`` §5.2). It is only the default of ``WageRate.days_per_month``.
"""

COMMON_HOURS_PER_DAY: Final = Decimal(8)
"""Working hours per day commonly used to turn a daily income into an hourly one.

The Labour Code 2019 Art. 105 allows at most 8 normal hours a day; its use here is common
practice, UNCERTAIN. It is only the default of ``WageRate.hours_per_day``.
"""

CONVERSION_CERTAINTY: Final = FigureCertainty.UNCERTAIN
"""The certainty of the two conventions above."""

# Bounds that keep every computation exact (see _EXACT): far above any real figure.
_MAX_MONEY: Final = Decimal(10) ** 15  # VND: a million billion
_MAX_HOURS: Final = Decimal(10) ** 6
_MAX_TIMES: Final = Decimal(10) ** 6
_MAX_SUBJECTS: Final = Decimal(10) ** 12
_MAX_WAGE: Final = Decimal(10) ** 12
_MAX_PLACES: Final = 6
_MAX_ROUND_PLACES: Final = 12
_HUNDRED: Final = Decimal(100)

# Every sum and product is done in this context: with the bounds above no result needs more
# than about 60 digits, and a trap makes any inexact step an error rather than a silent rounding.
_EXACT: Final = decimal.Context(
    prec=200,
    Emax=999_999,
    Emin=-999_999,
    traps=[decimal.Inexact, decimal.Overflow, decimal.InvalidOperation, decimal.DivisionByZero],
)
_QUANTIZE: Final = decimal.Context(prec=400, Emax=999_999, Emin=-999_999)
_ZERO: Final = Decimal(0)
_QUARTERS: Final = (Decimal(0), Decimal("0.25"), Decimal("0.5"), Decimal("0.75"))
_ROUNDINGS: Final = frozenset(
    {
        decimal.ROUND_CEILING,
        decimal.ROUND_DOWN,
        decimal.ROUND_FLOOR,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_UP,
        decimal.ROUND_05UP,
    }
)


# --- exact arithmetic and rounding (private) ----------------------------------------------------


def _sum(values: Iterable[Decimal]) -> Decimal:
    total = _ZERO
    add = _EXACT.add
    for value in values:
        total = add(total, value)
    return total


def _mul(*values: Decimal) -> Decimal:
    product = Decimal(1)
    for value in values:
        product = _EXACT.multiply(product, value)
    return product


def _sub(a: Decimal, b: Decimal) -> Decimal:
    return _EXACT.subtract(a, b)


def _rounding(field: str, rounding: object) -> str:
    if isinstance(rounding, RoundingMode):
        return rounding.value
    if isinstance(rounding, str) and rounding in _ROUNDINGS:
        return rounding
    raise InvalidValueError(
        field,
        rounding,
        "a tthc.indicators.RoundingMode or a decimal rounding constant such as "
        "decimal.ROUND_HALF_UP",
    )


def _places(field: str, places: object) -> int:
    if type(places) is not int or not 0 <= places <= _MAX_ROUND_PLACES:
        raise InvalidValueError(
            field, places, f"a whole number of decimal places from 0 to {_MAX_ROUND_PLACES}"
        )
    return places


@functools.cache
def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def _round(value: Decimal, places: int, rounding: str) -> Decimal:
    """``value`` rounded to ``places`` decimals: exact, whatever its size."""
    return value.quantize(_quantum(places), rounding=rounding, context=_QUANTIZE)


def _round_ratio(num: Decimal, den: Decimal, places: int, rounding: str) -> Decimal:
    """``num / den`` (``den > 0``) rounded to ``places`` decimals, exactly.

    Any rounding depends only on the sign, the digits kept and whether the remainder is zero,
    below, at or above one half of the last digit kept; so the remainder is replaced by 0, 1/4,
    1/2 or 3/4 of it, which keeps that comparison, and the resulting exact decimal is rounded.
    No division is done at a limited precision.
    """
    n1, d1 = num.as_integer_ratio()
    n2, d2 = den.as_integer_ratio()
    top, bottom = n1 * d2, d1 * n2
    negative = top < 0
    quotient, remainder = divmod(abs(top) * 10**places, bottom)
    twice = 2 * remainder
    if remainder == 0:
        quarter = 0
    elif twice < bottom:
        quarter = 1
    elif twice == bottom:
        quarter = 2
    else:
        quarter = 3
    exact = _QUANTIZE.add(Decimal(quotient), _QUARTERS[quarter]).scaleb(-places)
    return _round(-exact if negative else exact, places, rounding)


def format_vnd(amount: Decimal, unit: str = "VND", places: int | None = None) -> str:
    """Show an amount of đồng with thousands separators, optionally in millions or billions.

    Args:
        amount: The amount in VND.
        unit: ``"VND"`` (*đồng*), ``"million VND"`` (*triệu đồng*) or ``"billion VND"``
            (*tỷ đồng*).
        places: Decimals to show (rounded half-up); by default 0 for VND and 2 for millions
            and billions, or the amount's own decimals when it has more in VND.

    Returns:
        The text, without the unit.

    Raises:
        InvalidValueError: ``amount`` is not a ``Decimal`` or ``unit`` is unknown.

    Examples:
        >>> format_vnd(Decimal("530000000")), format_vnd(Decimal("2306e9"), "billion VND")
        ('530,000,000', '2,306.00')
        >>> format_vnd(Decimal("-192400000000"), "billion VND", places=1)
        '-192.4'
    """
    given: object = amount
    if not isinstance(given, Decimal) or not given.is_finite():
        raise InvalidValueError("format_vnd(amount)", amount, "a finite decimal.Decimal")
    scale = _UNITS.get(unit)
    if scale is None:
        raise InvalidValueError("format_vnd(unit)", unit, f"one of {', '.join(map(repr, _UNITS))}")
    if places is None:
        exponent = amount.as_tuple().exponent
        own = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        places = own if scale == 0 else 2
    value = _round(amount.scaleb(-scale), _places("format_vnd(places)", places), "ROUND_HALF_UP")
    return f"{value:,}"


_UNITS: Final = {"VND": 0, "million VND": 6, "billion VND": 9}


# --- converters and validators (private) ---------------------------------------------------------


def _to_decimal(value: Any) -> Any:
    """Converter: an ``int`` as the equal ``Decimal`` (lossless); anything else unchanged."""
    if type(value) is int:
        return Decimal(value)
    return value


def _optional_decimal(value: Any) -> Any:
    return None if value is None else _to_decimal(value)


def _to_tuple(value: Any) -> Any:
    """Converter: any iterable but text, bytes and mappings to a tuple; others kept to refuse."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def _decimal_places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _quantity_problem(
    value: object, limit: Decimal, unit: str, *, positive: bool = False
) -> str | None:
    """What is wrong with ``value`` as a quantity, or ``None`` when it is fine."""
    bound = "> 0" if positive else ">= 0"
    expected = (
        f"a decimal.Decimal {bound} and below {limit:,} ({unit}) with at most {_MAX_PLACES} "
        "decimal places"
    )
    if isinstance(value, float):
        return expected + f"; a float is inexact: write Decimal('{value!r}')"
    if isinstance(value, bool) or not isinstance(value, Decimal):
        return expected
    if not value.is_finite() or value < 0 or (positive and value == 0) or value >= limit:
        return expected
    if _decimal_places(value) > _MAX_PLACES:
        return expected
    return None


def _quantity(
    limit: Decimal, unit: str, *, positive: bool = False, optional: bool = False
) -> Callable[[object, Any, Any], None]:
    def check(instance: object, attribute: Any, value: Any) -> None:
        if optional and value is None:
            return
        problem = _quantity_problem(value, limit, unit, positive=positive)
        if problem is not None:
            if optional:
                problem = "None or " + problem
            raise InvalidValueError.for_attribute(instance, attribute, value, problem)

    return check


_money = _quantity(_MAX_MONEY, "VND")
_optional_money = _quantity(_MAX_MONEY, "VND", optional=True)


def _optional_text(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) is not str or not value.strip()):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a non-blank text"
        )


def _optional_nfc(value: Any) -> Any:
    return None if value is None else _v.nfc(value)


def _tuple_of(
    item_type: type | tuple[type, ...], expected: str
) -> Callable[[object, Any, Any], None]:
    def check(instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, tuple):
            raise InvalidValueError.for_attribute(
                instance, attribute, value, f"an iterable of {expected}"
            )
        for item in value:
            if not isinstance(item, item_type):
                raise InvalidValueError.for_attribute(
                    instance, attribute, item, f"only {expected} as items"
                )

    return check


def _unique_names(what: str) -> Callable[[object, Any, Any], None]:
    def check(instance: object, attribute: Any, value: tuple[Any, ...]) -> None:
        seen: set[str] = set()
        for item in value:
            if item.name in seen:
                raise InvalidValueError.for_attribute(
                    instance, attribute, item.name, f"{what} with distinct names (a name once)"
                )
            seen.add(item.name)

    return check


def _check_duration(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Duration):
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            "None or a tthc.Duration (e.g. Duration.parse('5 ngày làm việc'))",
        )


def _check_year(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not int or not 1900 <= value <= 2200:  # noqa: PLR2004 - plausible years
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a year such as 2024 (an int from 1900 to 2200)"
        )


def _check_days(instance: object, attribute: Any, value: Any) -> None:
    problem = _quantity_problem(value, Decimal(32), "days", positive=True)
    if problem is None and value > 31:  # noqa: PLR2004 - days in a month
        problem = "a decimal.Decimal from above 0 to 31"
    if problem is not None:
        raise InvalidValueError.for_attribute(instance, attribute, value, problem)


def _check_hours_per_day(instance: object, attribute: Any, value: Any) -> None:
    problem = _quantity_problem(value, Decimal(25), "hours", positive=True)
    if problem is None and value > 24:  # noqa: PLR2004 - hours in a day
        problem = "a decimal.Decimal from above 0 to 24"
    if problem is not None:
        raise InvalidValueError.for_attribute(instance, attribute, value, problem)


def _fmt(value: Decimal) -> str:
    """A quantity as people write it: thousands separators, no exponent, no trailing zeros."""
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# --- the wage rate ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class WageRate:
    """The income used to value the time a subject spends (*thu nhập bình quân*).

    In practice the average income per person published by the General Statistics Office
    (*Tổng cục Thống kê*) is used, turned into a daily and an hourly rate with 22 working days a
    month and 8 hours a day. Neither the figure nor the two conventions were confirmed in the
    texts read (Art. 27(4) was cut off), so all of them are parameters: the amount with its year,
    source and certainty, and the days and hours with their common values as defaults. No
    official income figure ships with `tthc`.

    Attributes:
        amount: The income in VND per ``period``, a ``Decimal`` > 0 (an ``int`` is accepted).
        period: Per month (default) or per year.
        year: The year the figure is for.
        source: Where the figure comes from (table, publication, date).
        certainty: How well the figure is established; ``EXAMPLE`` for made-up figures.
        days_per_month: Working days a month; default
            [`COMMON_DAYS_PER_MONTH`][tthc.simplification.COMMON_DAYS_PER_MONTH] (22, common
            practice, UNCERTAIN).
        hours_per_day: Working hours a day; default
            [`COMMON_HOURS_PER_DAY`][tthc.simplification.COMMON_HOURS_PER_DAY] (8, common
            practice, UNCERTAIN).

    Raises:
        InvalidValueError: A field of the wrong type or out of range (a float amount included).

    Examples:
        >>> w = WageRate(amount=Decimal("5280000"), year=2024, source="example value",
        ...              certainty=FigureCertainty.EXAMPLE)
        >>> w.per_day(), w.per_hour()
        (Decimal('240000.00'), Decimal('30000.00'))
        >>> WageRate(amount=63_360_000, period=WagePeriod.YEAR, year=2024, source="example",
        ...          certainty=FigureCertainty.EXAMPLE).per_hour()
        Decimal('30000.00')
        >>> WageRate(amount=5280000.0, year=2024, source="x", certainty=FigureCertainty.EXAMPLE)
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: WageRate.amount: expected a decimal.Decimal > 0 and below 1,000,000,000,000 (VND per period) with at most 6 decimal places; a float is inexact: write Decimal('5280000.0'), got 5280000.0

    References:
        Circular 02/2017/TT-VPCP Art. 27(4) (UNCERTAIN: the clause was not read in full);
        research notes ``vn_legal.md`` §5.2 ("Clause 4 as implemented in practice").
    """

    amount: Decimal = attrs.field(
        converter=_to_decimal, validator=_quantity(_MAX_WAGE, "VND per period", positive=True)
    )
    period: WagePeriod = attrs.field(default=WagePeriod.MONTH, validator=_v.member_of(WagePeriod))
    year: int = attrs.field(validator=_check_year)
    source: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    certainty: FigureCertainty = attrs.field(validator=_v.member_of(FigureCertainty))
    days_per_month: Decimal = attrs.field(
        default=COMMON_DAYS_PER_MONTH, converter=_to_decimal, validator=_check_days
    )
    hours_per_day: Decimal = attrs.field(
        default=COMMON_HOURS_PER_DAY, converter=_to_decimal, validator=_check_hours_per_day
    )

    @property
    def hours_per_period(self) -> Decimal:
        """Working hours in one ``period``: months × days per month × hours per day."""
        return _mul(Decimal(self.period.months), self.days_per_month, self.hours_per_day)

    def per_day(
        self, places: int = 2, rounding: RoundingMode | str = decimal.ROUND_HALF_UP
    ) -> Decimal:
        """The daily rate, rounded for display (costs use the exact rate)."""
        days = _mul(Decimal(self.period.months), self.days_per_month)
        return _round_ratio(
            self.amount,
            days,
            _places("WageRate.per_day(places)", places),
            _rounding("WageRate.per_day(rounding)", rounding),
        )

    def per_hour(
        self, places: int = 2, rounding: RoundingMode | str = decimal.ROUND_HALF_UP
    ) -> Decimal:
        """The hourly rate, rounded for display (costs use the exact rate).

        Args:
            places: Decimals to keep.
            rounding: A [`RoundingMode`][tthc.indicators.RoundingMode] or a `decimal` constant.

        Returns:
            ``amount / (months × days_per_month × hours_per_day)``, rounded.
        """
        return _round_ratio(
            self.amount,
            self.hours_per_period,
            _places("WageRate.per_hour(places)", places),
            _rounding("WageRate.per_hour(rounding)", rounding),
        )

    def explain(self) -> str:
        """Each part of the rate with its source and certainty, in one line.

        Examples:
            >>> print(WageRate(amount=Decimal("5280000"), year=2024, source="example value",
            ...                certainty=FigureCertainty.EXAMPLE).explain())
            5,280,000 VND per month (2024; example value; example (illustration only, not a real figure)) / 22 days per month / 8 hours per day (common practice, UNCERTAIN) = 30,000 VND per hour
        """
        conventions = (
            "common practice, UNCERTAIN"
            if self.days_per_month == COMMON_DAYS_PER_MONTH
            and self.hours_per_day == COMMON_HOURS_PER_DAY
            else "given"
        )
        per = "year / 12 months" if self.period is WagePeriod.YEAR else "month"
        return (
            f"{_fmt(self.amount)} VND per {per} ({self.year}; {self.source}; "
            f"{self.certainty.label}) / {_fmt(self.days_per_month)} days per month / "
            f"{_fmt(self.hours_per_day)} hours per day ({conventions}) = "
            f"{_fmt(self.per_hour())} VND per hour"
        )


# --- tasks, prescribed costs, the cost model ------------------------------------------------------


@attrs.frozen(kw_only=True)
class Task:
    """A task (*công việc*) a subject must do to get the procedure's result.

    Its cost is ``hours`` × the hourly wage rate plus its out-of-pocket costs.

    Attributes:
        name: The task, as the costing sheet names it (unique within a procedure).
        hours: Time spent on it per compliance, in hours (a ``Decimal`` >= 0; an ``int`` is
            accepted).
        copies: Copying and printing, VND.
        certification: Certification of copies or signatures, VND.
        travel: Travel, VND.
        hired_services: Hired services or consultants, VND.
        other_expenses: Any other out-of-pocket cost (postage, …), VND.
        component: The dossier component (*thành phần hồ sơ*) the task prepares, if any; a
            measure that drops the component removes the task.

    Raises:
        InvalidValueError: A negative, float or out-of-range amount, or a blank name.

    Examples:
        >>> t = Task(name="Nộp hồ sơ", hours=3, travel=50000)
        >>> t.out_of_pocket
        Decimal('50000')
        >>> t.expense(ExpenseKind.TRAVEL), t.expense(ExpenseKind.COPIES)
        (Decimal('50000'), Decimal('0'))

    References:
        Circular 02/2017/TT-VPCP Art. 27(3)(a) ("chi phí thực hiện các công việc cần thiết");
        the kinds of cost per Art. 27(4) as practised (UNCERTAIN).
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    hours: Decimal = attrs.field(converter=_to_decimal, validator=_quantity(_MAX_HOURS, "hours"))
    copies: Decimal = attrs.field(default=_ZERO, converter=_to_decimal, validator=_money)
    certification: Decimal = attrs.field(default=_ZERO, converter=_to_decimal, validator=_money)
    travel: Decimal = attrs.field(default=_ZERO, converter=_to_decimal, validator=_money)
    hired_services: Decimal = attrs.field(default=_ZERO, converter=_to_decimal, validator=_money)
    other_expenses: Decimal = attrs.field(default=_ZERO, converter=_to_decimal, validator=_money)
    component: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )

    def expense(self, kind: ExpenseKind) -> Decimal:
        """The out-of-pocket cost of one kind, VND."""
        value: Decimal = getattr(self, kind.value)
        return value

    @property
    def out_of_pocket(self) -> Decimal:
        """All out-of-pocket costs, VND."""
        return _sum(
            (
                self.copies,
                self.certification,
                self.travel,
                self.hired_services,
                self.other_expenses,
            )
        )

    def describe(self) -> str:
        """Hours and costs in words: ``"3 h, travel 50,000 VND"``."""
        parts = [f"{_fmt(self.hours)} h"]
        parts += [
            f"{kind.words} {_fmt(self.expense(kind))} VND"
            for kind in _EXPENSE_KINDS
            if self.expense(kind)
        ]
        return ", ".join(parts)


@attrs.frozen(kw_only=True)
class PrescribedCost:
    """A fee, charge or other cost set by law (*phí, lệ phí, chi phí khác theo quy định*).

    Attributes:
        kind: Fee, charge or other prescribed cost.
        name: Its name (unique within a procedure), e.g. "Lệ phí cấp giấy phép".
        amount: VND per compliance (a ``Decimal`` >= 0; an ``int`` is accepted).

    Raises:
        InvalidValueError: A negative, float or out-of-range amount, or a blank name.
    """

    kind: PrescribedCostKind = attrs.field(validator=_v.member_of(PrescribedCostKind))
    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    amount: Decimal = attrs.field(converter=_to_decimal, validator=_money)


@attrs.frozen(kw_only=True)
class ComplianceCost:
    """The compliance cost (*chi phí tuân thủ*) of one procedure in one state, in VND.

    Built by [`CostModel.cost`][tthc.simplification.CostModel.cost]. The cost of one compliance
    is rounded once (to whole đồng by default); the annual total is that rounded figure × times
    per year × subjects per year, rounded again when those are fractions.

    Attributes:
        hours: Hours of all tasks per compliance.
        time_cost: ``hours`` × the hourly rate, rounded.
        out_of_pocket: Out-of-pocket costs of all tasks.
        prescribed: Fees, charges and other prescribed costs.
        per_compliance: Cost of one compliance (Art. 27(3)(a)), rounded.
        times_per_year: Prescribed times per year.
        subjects_per_year: Subjects per year.
        annual_total: ``per_compliance`` × times × subjects (Art. 27(3)(b)), rounded.
    """

    hours: Decimal
    time_cost: Decimal
    out_of_pocket: Decimal
    prescribed: Decimal
    per_compliance: Decimal
    times_per_year: Decimal
    subjects_per_year: Decimal
    annual_total: Decimal


def _check_tasks(instance: object, attribute: Any, value: Any) -> None:
    _tuple_of(Task, "Task records")(instance, attribute, value)
    _unique_names("tasks")(instance, attribute, value)


def _check_costs(instance: object, attribute: Any, value: Any) -> None:
    _tuple_of(PrescribedCost, "PrescribedCost records")(instance, attribute, value)
    _unique_names("prescribed costs")(instance, attribute, value)


@attrs.frozen(kw_only=True)
class CostModel:
    """The compliance-cost model of one procedure (*thủ tục hành chính*) as it stands.

    Attributes:
        code: The procedure's code (``1.001193`` in the national database; any non-blank text,
            since internal and local procedures may have other codes).
        name: The procedure's name.
        times_per_year: Times one subject must carry it out per year, as prescribed (*số lần
            thực hiện theo quy định trong 01 năm*); a fraction for less than yearly (0.2 = every
            five years).
        subjects_per_year: Subjects that carry it out per year (*số lượng đối tượng tuân thủ*).
        tasks: The required tasks, with their hours and out-of-pocket costs.
        prescribed_costs: Fees, charges and other prescribed costs per compliance.
        processing_time: The time limit (*thời hạn giải quyết*), if known; it does not enter the
            cost (opportunity cost is not counted) but measures may shorten it.

    Raises:
        InvalidValueError: A field of the wrong type or range, or two tasks (two prescribed
            costs) with the same name.

    Examples:
        >>> m = CostModel(code="1.000000", name="Thủ tục (ví dụ)", times_per_year=1,
        ...               subjects_per_year=200, tasks=[Task(name="Chuẩn bị hồ sơ", hours=2)])
        >>> w = WageRate(amount=Decimal("5280000"), year=2024, source="example",
        ...              certainty=FigureCertainty.EXAMPLE)
        >>> m.cost(w).annual_total
        Decimal('12000000')

    References:
        Circular 02/2017/TT-VPCP Art. 27(3)(a)(b) (CONFIRMED, research notes ``vn_legal.md``
        §5.2).
    """

    code: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    times_per_year: Decimal = attrs.field(
        converter=_to_decimal, validator=_quantity(_MAX_TIMES, "times per year")
    )
    subjects_per_year: Decimal = attrs.field(
        converter=_to_decimal, validator=_quantity(_MAX_SUBJECTS, "subjects per year")
    )
    tasks: tuple[Task, ...] = attrs.field(default=(), converter=_to_tuple, validator=_check_tasks)
    prescribed_costs: tuple[PrescribedCost, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_check_costs
    )
    processing_time: Duration | None = attrs.field(default=None, validator=_check_duration)

    @classmethod
    def from_procedure(
        cls,
        procedure: Procedure,
        *,
        channel: Channel,
        times_per_year: Decimal | int,
        subjects_per_year: Decimal | int,
        tasks: Iterable[Task] = (),
        case: str | None = None,
    ) -> CostModel:
        """Start a cost model from a procedure record: code, name, time limit and fees.

        The fees and charges of the case through ``channel`` become prescribed costs (a fee
        whose record does not say fee or charge is counted as another prescribed cost: the sum
        is the same). Exemptions are not applied: the full amount counts.

        Args:
            procedure: The procedure record.
            channel: The channel whose fees and time limit to take.
            times_per_year: Prescribed times per year.
            subjects_per_year: Subjects per year.
            tasks: The tasks (the record does not list them with hours).
            case: The case's name, for a procedure with several cases.

        Returns:
            The cost model.

        Raises:
            InvalidValueError: No such case or channel, or a fee without an amount.

        Examples:
            >>> from tthc.procedures import ChannelOption, Fee, ProcedureCase
            >>> p = Procedure(code="1.000000", name="Thủ tục (ví dụ)", cases=[ProcedureCase(
            ...     channels=[ChannelOption(channel=Channel.IN_PERSON,
            ...         processing_time=Duration.working_days(5),
            ...         fees=[Fee(kind=FeeKind.CHARGE, amount=100000, description="Lệ phí")])])])
            >>> m = CostModel.from_procedure(p, channel=Channel.IN_PERSON, times_per_year=1,
            ...                              subjects_per_year=1000)
            >>> m.prescribed_costs
            (PrescribedCost(kind=<PrescribedCostKind.CHARGE: 'charge'>, name='Lệ phí', amount=Decimal('100000')),)
            >>> str(m.processing_time)
            '5 ngày làm việc'
        """
        if not isinstance(procedure, Procedure):
            raise InvalidValueError(
                "CostModel.from_procedure(procedure)", procedure, "a tthc.procedures.Procedure"
            )
        option = procedure.channel_option(channel, case)
        costs: list[PrescribedCost] = []
        names: set[str] = set()
        for index, fee in enumerate(option.fees):
            if fee.amount is None:
                raise InvalidValueError(
                    f"CostModel.from_procedure(procedure): fees[{index}].amount",
                    fee,
                    "a fee with an amount (give prescribed costs yourself when the record has "
                    "none)",
                )
            if fee.kind is FeeKind.FEE:
                kind = PrescribedCostKind.FEE
            elif fee.kind is FeeKind.CHARGE:
                kind = PrescribedCostKind.CHARGE
            else:  # the record does not say: the amount counts all the same
                kind = PrescribedCostKind.OTHER
            name = fee.description or fee.code or kind.label
            base, n = name, 2
            while name in names:
                name, n = f"{base} ({n})", n + 1
            names.add(name)
            costs.append(PrescribedCost(kind=kind, name=name, amount=fee.amount))
        return cls(
            code=procedure.code,
            name=procedure.name,
            times_per_year=times_per_year,
            subjects_per_year=subjects_per_year,
            tasks=tuple(tasks),
            prescribed_costs=tuple(costs),
            processing_time=option.processing_time,
        )

    def task(self, name: str) -> Task:
        """The task called ``name``.

        Raises:
            InvalidValueError: No task has that name.
        """
        for task in self.tasks:
            if task.name == name:
                return task
        raise InvalidValueError(
            "CostModel.task(name)", name, _one_of(f"a task of procedure {self.code}", self.tasks)
        )

    def prescribed_cost(self, name: str) -> PrescribedCost:
        """The prescribed cost called ``name``.

        Raises:
            InvalidValueError: No prescribed cost has that name.
        """
        for cost in self.prescribed_costs:
            if cost.name == name:
                return cost
        raise InvalidValueError(
            "CostModel.prescribed_cost(name)",
            name,
            _one_of(f"a prescribed cost of procedure {self.code}", self.prescribed_costs),
        )

    def tasks_of_component(self, component: str) -> tuple[Task, ...]:
        """The tasks that prepare the dossier component ``component`` (NFC-compared)."""
        wanted = _v.nfc(component)
        return tuple(t for t in self.tasks if t.component == wanted)

    def cost(
        self,
        wage_rate: WageRate,
        *,
        places: int = 0,
        rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
    ) -> ComplianceCost:
        """The compliance cost of this procedure (Art. 27(3)(a)(b)).

        Args:
            wage_rate: The wage rate that values the hours.
            places: Decimals of đồng to keep (0: whole đồng).
            rounding: How to round (half-up by default).

        Returns:
            The cost per compliance and per year, with its parts.

        Raises:
            InvalidValueError: ``wage_rate``, ``places`` or ``rounding`` is not valid.
        """
        if not isinstance(wage_rate, WageRate):
            raise InvalidValueError("CostModel.cost(wage_rate)", wage_rate, "a WageRate")
        return _cost(
            self,
            wage_rate,
            _places("CostModel.cost(places)", places),
            _rounding("CostModel.cost(rounding)", rounding),
        )


def _one_of(what: str, items: tuple[Task, ...] | tuple[PrescribedCost, ...]) -> str:
    if not items:
        return f"{what} (it has none)"
    return f"{what} (one of {', '.join(repr(i.name) for i in items)})"


def _cost(model: CostModel, wage: WageRate, places: int, rounding: str) -> ComplianceCost:
    # Every sum and product in the exact context: an inexact step would raise, not round.
    with decimal.localcontext(_EXACT):
        tasks = model.tasks
        hours = sum([t.hours for t in tasks], _ZERO)
        out_of_pocket = sum(
            [
                t.copies + t.certification + t.travel + t.hired_services + t.other_expenses
                for t in tasks
            ],
            _ZERO,
        )
        prescribed = sum([c.amount for c in model.prescribed_costs], _ZERO)
        divisor = Decimal(wage.period.months) * wage.days_per_month * wage.hours_per_day
        time_exact = hours * wage.amount
        # (hours × amount + direct × divisor) / divisor, rounded once.
        per_compliance = _round_ratio(
            time_exact + (out_of_pocket + prescribed) * divisor, divisor, places, rounding
        )
        annual = _round(
            per_compliance * model.times_per_year * model.subjects_per_year, places, rounding
        )
    return ComplianceCost(
        hours=hours,
        time_cost=_round_ratio(time_exact, divisor, places, rounding),
        out_of_pocket=out_of_pocket,
        prescribed=prescribed,
        per_compliance=per_compliance,
        times_per_year=model.times_per_year,
        subjects_per_year=model.subjects_per_year,
        annual_total=annual,
    )


# --- changes: what a measure does to a cost model -------------------------------------------------


@attrs.frozen
class RemoveTask:
    """A change that removes a task (its hours and out-of-pocket costs).

    Attributes:
        task: The name of the task.
    """

    kind: ClassVar[str] = "remove_task"
    task: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)


def _at_least_one(check: Callable[[object, Any, Any], None]) -> Callable[[object, Any, Any], None]:
    """Validator factory for the last optional value of a change.

    It runs ``check``, then requires at least one value given (a check across every optional
    value of the change, so it belongs to the last field).
    """

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        check(instance, attribute, value)
        names = [a.name for a in attrs.fields(type(instance)) if a.name not in ("task", "cost")]
        if all(getattr(instance, n) is None for n in names):
            raise InvalidValueError.for_attribute(
                instance,
                attribute,
                value,
                f"a new value for at least one of {', '.join(names)} (this change changes "
                "nothing)",
            )

    return validate


@attrs.frozen(kw_only=True)
class ChangeTask:
    """A change that lowers a task's hours or out-of-pocket costs (``None``: unchanged).

    A change only lowers: new work is an [`AddTask`][tthc.simplification.AddTask], so a plan
    without additions never raises the cost.

    Attributes:
        task: The name of the task.
        hours: The new hours, at most the current ones.
        copies: The new copying cost, at most the current one.
        certification: The new certification cost, at most the current one.
        travel: The new travel cost, at most the current one.
        hired_services: The new cost of hired services, at most the current one.
        other_expenses: The new other out-of-pocket cost, at most the current one.
    """

    kind: ClassVar[str] = "change_task"
    task: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    hours: Decimal | None = attrs.field(
        default=None,
        converter=_optional_decimal,
        validator=_quantity(_MAX_HOURS, "hours", optional=True),
    )
    copies: Decimal | None = attrs.field(
        default=None, converter=_optional_decimal, validator=_optional_money
    )
    certification: Decimal | None = attrs.field(
        default=None, converter=_optional_decimal, validator=_optional_money
    )
    travel: Decimal | None = attrs.field(
        default=None, converter=_optional_decimal, validator=_optional_money
    )
    hired_services: Decimal | None = attrs.field(
        default=None, converter=_optional_decimal, validator=_optional_money
    )
    other_expenses: Decimal | None = attrs.field(
        default=None, converter=_optional_decimal, validator=_at_least_one(_optional_money)
    )


def _is_task(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Task):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a Task")


def _is_cost(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, PrescribedCost):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a PrescribedCost")


@attrs.frozen
class AddTask:
    """A change that adds a task (new work the measure brings, such as scanning papers).

    Attributes:
        task: The new task; no task of the procedure may have its name.
    """

    kind: ClassVar[str] = "add_task"
    task: Task = attrs.field(validator=_is_task)


@attrs.frozen
class RemoveCost:
    """A change that removes a fee, charge or other prescribed cost.

    Attributes:
        cost: The name of the prescribed cost.
    """

    kind: ClassVar[str] = "remove_cost"
    cost: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)


@attrs.frozen(kw_only=True)
class ChangeCost:
    """A change that lowers a fee, charge or other prescribed cost.

    Attributes:
        cost: The name of the prescribed cost.
        amount: The new amount, at most the current one (0 keeps the item at zero).
    """

    kind: ClassVar[str] = "change_cost"
    cost: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    amount: Decimal = attrs.field(converter=_to_decimal, validator=_money)


@attrs.frozen
class AddCost:
    """A change that adds a prescribed cost.

    Attributes:
        cost: The new prescribed cost; none of the procedure may have its name.
    """

    kind: ClassVar[str] = "add_cost"
    cost: PrescribedCost = attrs.field(validator=_is_cost)


@attrs.frozen(kw_only=True)
class ChangeVolume:
    """A change that lowers the prescribed times per year or the subjects per year.

    Attributes:
        times_per_year: The new times per year (``None``: unchanged), at most the current.
        subjects_per_year: The new subjects per year (``None``: unchanged), at most the current.
    """

    kind: ClassVar[str] = "change_volume"
    times_per_year: Decimal | None = attrs.field(
        default=None,
        converter=_optional_decimal,
        validator=_quantity(_MAX_TIMES, "times per year", optional=True),
    )
    subjects_per_year: Decimal | None = attrs.field(
        default=None,
        converter=_optional_decimal,
        validator=_at_least_one(_quantity(_MAX_SUBJECTS, "subjects per year", optional=True)),
    )


@attrs.frozen
class Abolish:
    """A change that removes every task and prescribed cost: the procedure is abolished."""

    kind: ClassVar[str] = "abolish"


@attrs.frozen
class ChangeProcessingTime:
    """A change of the time limit (*thời hạn giải quyết*), which saves nothing by itself.

    Opportunity cost is not counted (Art. 27(2)(b)): a shorter time limit saves only through the
    tasks it changes, given as other changes of the measure.

    Attributes:
        processing_time: The new time limit.
    """

    kind: ClassVar[str] = "change_processing_time"
    processing_time: Duration = attrs.field(validator=_check_duration)


#: Any change a measure can make.
Change: TypeAlias = (
    RemoveTask
    | ChangeTask
    | AddTask
    | RemoveCost
    | ChangeCost
    | AddCost
    | ChangeVolume
    | Abolish
    | ChangeProcessingTime
)
_CHANGE_TYPES: Final = (
    RemoveTask,
    ChangeTask,
    AddTask,
    RemoveCost,
    ChangeCost,
    AddCost,
    ChangeVolume,
    Abolish,
    ChangeProcessingTime,
)


@attrs.frozen(kw_only=True)
class Measure:
    """One measure of a simplification plan (*phương án đơn giản hóa*) and its changes.

    The ``action`` is what the plan calls it in law; the ``changes`` are its effect on the cost
    model, applied in order. A measure without changes (an amendment with no cost effect) saves
    nothing and is still listed.

    Attributes:
        action: The kind of measure.
        changes: What it does to the cost model, in order.
        description: The proposal as the plan words it.
        legal_basis: The provision to amend, abolish or replace, as the plan cites it.

    Raises:
        InvalidValueError: A field of the wrong type.

    Examples:
        >>> Measure.abolish().changes
        (Abolish(),)
        >>> Measure.lower_fee("Lệ phí", 0).changes
        (ChangeCost(cost='Lệ phí', amount=Decimal('0')),)
    """

    action: Action = attrs.field(validator=_v.member_of(Action))
    changes: tuple[Change, ...] = attrs.field(
        default=(),
        converter=_to_tuple,
        validator=_tuple_of(_CHANGE_TYPES, "changes (RemoveTask, ChangeTask, AddTask, …)"),
    )
    description: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )
    legal_basis: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )

    @classmethod
    def abolish(cls, description: str | None = None) -> Measure:
        """Abolish the procedure (*bãi bỏ*): every task and prescribed cost goes."""
        return cls(action=Action.ABOLISH, changes=(Abolish(),), description=description)

    @classmethod
    def remove_tasks(cls, action: Action, *tasks: str, description: str | None = None) -> Measure:
        """A measure of ``action`` that removes the named tasks."""
        return cls(
            action=action, changes=tuple(RemoveTask(t) for t in tasks), description=description
        )

    @classmethod
    def drop_components(
        cls,
        model: CostModel,
        *components: str,
        action: Action = Action.REDUCE_COMPONENTS,
        description: str | None = None,
    ) -> Measure:
        """Drop dossier components: remove every task of ``model`` that prepares one of them.

        Use ``action=Action.REUSE_DATA`` when the agency takes the data from a database
        instead of the paper.

        Raises:
            InvalidValueError: A component has no task in ``model``.
        """
        if not isinstance(model, CostModel):
            raise InvalidValueError("Measure.drop_components(model)", model, "a CostModel")
        changes: list[Change] = []
        for component in components:
            tasks = model.tasks_of_component(component)
            if not tasks:
                known = sorted({t.component for t in model.tasks if t.component is not None})
                raise InvalidValueError(
                    "Measure.drop_components(components)",
                    component,
                    f"a dossier component some task of procedure {model.code} prepares "
                    f"({', '.join(map(repr, known)) or 'no task names one'})",
                )
            changes += [RemoveTask(t.name) for t in tasks]
        return cls(action=action, changes=tuple(changes), description=description)

    @classmethod
    def lower_fee(
        cls, cost: str, amount: Decimal | int, description: str | None = None
    ) -> Measure:
        """Lower a fee or charge to ``amount`` (*giảm phí, lệ phí*)."""
        return cls(
            action=Action.REDUCE_FEE,
            changes=(ChangeCost(cost=cost, amount=amount),),
            description=description,
        )

    @classmethod
    def shorten_time(cls, processing_time: Duration, description: str | None = None) -> Measure:
        """Shorten the time limit (*rút ngắn thời hạn giải quyết*); saves nothing by itself."""
        return cls(
            action=Action.SHORTEN_TIME,
            changes=(ChangeProcessingTime(processing_time),),
            description=description,
        )


# --- applying changes -----------------------------------------------------------------------------


def _replace(record: Any, **changes: Any) -> Any:
    """``attrs.evolve`` without running the validators again (private).

    Only for applying a change: every value comes from a validated record or a validated
    change, and the checks that need the model (the task exists, the value is lower) are made
    by the change functions themselves. A plan walks a new state per change, so this keeps
    evaluation fast.
    """
    new = object.__new__(type(record))
    for field in attrs.fields(type(record)):
        object.__setattr__(new, field.name, changes.get(field.name, getattr(record, field.name)))
    return new


class _RefusedError(Exception):
    """A change that does not apply to the model (private; becomes an InvalidValueError)."""

    def __init__(self, attribute: str, value: object, expected: str) -> None:
        super().__init__(expected)
        self.attribute = attribute
        self.value = value
        self.expected = expected


def _find(items: tuple[Any, ...], name: str) -> int:
    for index, item in enumerate(items):
        if item.name == name:
            return index
    return -1


def _lower_only(attribute: str, new: Decimal, old: Decimal, what: str, unit: str) -> None:
    if new > old:
        raise _RefusedError(
            attribute,
            new,
            f"at most the current {_fmt(old)} {unit} of {what} (a change only lowers a value; "
            "add a task or a cost for new work)",
        )


def _task_index(model: CostModel, name: str) -> int:
    index = _find(model.tasks, name)
    if index < 0:
        raise _RefusedError(
            "task", name, _one_of(f"a task of procedure {model.code}", model.tasks)
        )
    return index


def _cost_index(model: CostModel, name: str) -> int:
    index = _find(model.prescribed_costs, name)
    if index < 0:
        raise _RefusedError(
            "cost",
            name,
            _one_of(f"a prescribed cost of procedure {model.code}", model.prescribed_costs),
        )
    return index


def _cost_item(cost: PrescribedCost) -> str:
    return f"{cost.kind.value.replace('_', ' ')} {cost.name!r}"


def _remove_task(model: CostModel, change: RemoveTask) -> tuple[CostModel, str, str]:
    index = _task_index(model, change.task)
    task = model.tasks[index]
    tasks = model.tasks[:index] + model.tasks[index + 1 :]
    return _replace(model, tasks=tasks), f"task {task.name!r}", f"removed ({task.describe()})"


def _change_task(model: CostModel, change: ChangeTask) -> tuple[CostModel, str, str]:
    index = _task_index(model, change.task)
    task = model.tasks[index]
    updates: dict[str, Any] = {}
    words: list[str] = []
    if change.hours is not None:
        _lower_only("hours", change.hours, task.hours, f"task {task.name!r}", "h")
        updates["hours"] = change.hours
        words.append(f"hours {_fmt(task.hours)} → {_fmt(change.hours)}")
    for kind in _EXPENSE_KINDS:
        new = getattr(change, kind.value)
        if new is not None:
            old = task.expense(kind)
            _lower_only(kind.value, new, old, f"task {task.name!r}", f"VND of {kind.words}")
            updates[kind.value] = new
            words.append(f"{kind.words} {_fmt(old)} → {_fmt(new)} VND")
    tasks = (*model.tasks[:index], _replace(task, **updates), *model.tasks[index + 1 :])
    return _replace(model, tasks=tasks), f"task {task.name!r}", ", ".join(words)


def _add_task(model: CostModel, change: AddTask) -> tuple[CostModel, str, str]:
    if _find(model.tasks, change.task.name) >= 0:
        raise _RefusedError(
            "task.name",
            change.task.name,
            f"a name no task of procedure {model.code} has (change that task instead)",
        )
    return (
        _replace(model, tasks=(*model.tasks, change.task)),
        f"task {change.task.name!r}",
        f"added ({change.task.describe()})",
    )


def _remove_cost(model: CostModel, change: RemoveCost) -> tuple[CostModel, str, str]:
    index = _cost_index(model, change.cost)
    cost = model.prescribed_costs[index]
    costs = model.prescribed_costs[:index] + model.prescribed_costs[index + 1 :]
    return (
        _replace(model, prescribed_costs=costs),
        _cost_item(cost),
        f"removed ({_fmt(cost.amount)} VND)",
    )


def _change_cost(model: CostModel, change: ChangeCost) -> tuple[CostModel, str, str]:
    index = _cost_index(model, change.cost)
    cost = model.prescribed_costs[index]
    _lower_only("amount", change.amount, cost.amount, f"{cost.name!r}", "VND")
    costs = (
        *model.prescribed_costs[:index],
        _replace(cost, amount=change.amount),
        *model.prescribed_costs[index + 1 :],
    )
    return (
        _replace(model, prescribed_costs=costs),
        _cost_item(cost),
        f"{_fmt(cost.amount)} → {_fmt(change.amount)} VND",
    )


def _add_cost(model: CostModel, change: AddCost) -> tuple[CostModel, str, str]:
    if _find(model.prescribed_costs, change.cost.name) >= 0:
        raise _RefusedError(
            "cost.name",
            change.cost.name,
            f"a name no prescribed cost of procedure {model.code} has",
        )
    return (
        _replace(model, prescribed_costs=(*model.prescribed_costs, change.cost)),
        _cost_item(change.cost),
        f"added ({_fmt(change.cost.amount)} VND)",
    )


def _change_volume(model: CostModel, change: ChangeVolume) -> tuple[CostModel, str, str]:
    volume: dict[str, Any] = {}
    words = []
    for attribute, unit in (
        ("times_per_year", "times per year"),
        ("subjects_per_year", "subjects per year"),
    ):
        new = getattr(change, attribute)
        if new is not None:
            old = getattr(model, attribute)
            _lower_only(attribute, new, old, f"procedure {model.code}", unit)
            volume[attribute] = new
            words.append(f"{unit} {_fmt(old)} → {_fmt(new)}")
    return _replace(model, **volume), "volume", ", ".join(words)


def _abolish(model: CostModel, _: Abolish) -> tuple[CostModel, str, str]:
    return (
        _replace(model, tasks=(), prescribed_costs=()),
        "procedure",
        "abolished: every task and prescribed cost removed",
    )


def _change_time(model: CostModel, change: ChangeProcessingTime) -> tuple[CostModel, str, str]:
    old = "none stated" if model.processing_time is None else str(model.processing_time)
    return (
        _replace(model, processing_time=change.processing_time),
        "processing time",
        (
            f"{old} → {change.processing_time} (no cost effect by itself: opportunity cost is "
            "not counted, Art. 27(2)(b))"
        ),
    )


_APPLY: Final[dict[type, Callable[[CostModel, Any], tuple[CostModel, str, str]]]] = {
    RemoveTask: _remove_task,
    ChangeTask: _change_task,
    AddTask: _add_task,
    RemoveCost: _remove_cost,
    ChangeCost: _change_cost,
    AddCost: _add_cost,
    ChangeVolume: _change_volume,
    Abolish: _abolish,
    ChangeProcessingTime: _change_time,
}


def _apply(model: CostModel, change: Change) -> tuple[CostModel, str, str]:
    """Apply one change: (new model, the item it touched, what it did in words)."""
    return _APPLY[type(change)](model, change)


@attrs.frozen
class _Step:
    """One step of a plan walk (private)."""

    measure: int
    change_index: int
    change: Change | None
    state: CostModel
    item: str = ""
    detail: str = ""
    refused: _RefusedError | None = None


def _steps(model: CostModel, measures: tuple[Measure, ...]) -> Iterator[_Step]:
    """Walk the plan: per change, the state after it (or why it does not apply).

    A change that does not apply is skipped and the walk goes on from the state before it, so
    that every problem of a plan is found at once.
    """
    state = model
    for i, measure in enumerate(measures):
        if not measure.changes:
            yield _Step(
                i, -1, None, state, "cost model", "unchanged (the measure states no change)"
            )
        for j, change in enumerate(measure.changes):
            try:
                new, item, detail = _apply(state, change)
            except _RefusedError as refused:
                yield _Step(i, j, change, state, refused=refused)
                continue
            state = new
            yield _Step(i, j, change, state, item, detail)


def plan_problems(
    model: CostModel, measures: Iterable[Measure]
) -> list[tuple[int, int, InvalidValueError]]:
    """Every change of ``measures`` that does not apply to ``model``, in order.

    Changes are applied in order; one that does not apply (a task that is not there, a value
    raised rather than lowered) is reported and skipped, and the check goes on.

    Args:
        model: The cost model as it stands.
        measures: The plan's measures.

    Returns:
        ``(measure index, change index, error)`` for each problem (indexes from 0); the error's
        ``field`` is ``Plan.measures[i].changes[j].<attribute>``.

    Examples:
        >>> m = CostModel(code="1.000000", name="Ví dụ", times_per_year=1,
        ...               subjects_per_year=1, tasks=[Task(name="A", hours=2)])
        >>> [(i, j, str(e)) for i, j, e in plan_problems(m, [Measure(action=Action.AMEND,
        ...     changes=[ChangeTask(task="A", hours=3), RemoveTask("B")])])]
        [(0, 0, "Plan.measures[0].changes[0].hours: expected at most the current 2 h of task 'A' (a change only lowers a value; add a task or a cost for new work), got Decimal('3')"), (0, 1, "Plan.measures[0].changes[1].task: expected a task of procedure 1.000000 (one of 'A'), got 'B'")]
    """
    problems: list[tuple[int, int, InvalidValueError]] = []
    for step in _steps(model, tuple(measures)):
        refused = step.refused
        if refused is not None:
            i, j = step.measure, step.change_index
            field = f"Plan.measures[{i}].changes[{j}].{refused.attribute}"
            problems.append((i, j, InvalidValueError(field, refused.value, refused.expected)))
    return problems


def _check_measures(instance: Plan, attribute: Any, value: Any) -> None:
    # Last field involved: the measures must apply to the model, in order.
    _tuple_of(Measure, "Measure records")(instance, attribute, value)
    if isinstance(instance.model, CostModel):
        problems = plan_problems(instance.model, value)
        if problems:
            raise problems[0][2]


def _is_model(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, CostModel):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a CostModel")


# --- results ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SavingLine:
    """One change of a plan and what it saved (*giải trình chi phí tiết kiệm*).

    The saving of a change is the cost just before it minus the cost just after it, with the
    changes applied in plan order; the lines of a plan add up to its saving exactly.

    Attributes:
        code: The procedure's code.
        measure: The measure's position in the plan, from 1.
        action: The measure's action.
        change: The change, or ``None`` for a measure without changes.
        item: What the change touched: ``"task 'Nộp hồ sơ'"``, ``"charge 'Lệ phí'"``,
            ``"volume"``, ``"procedure"``, ``"processing time"``.
        detail: What it did, in words.
        before: The procedure's cost just before the change.
        after: The procedure's cost just after it.
    """

    code: str
    measure: int
    action: Action
    change: Change | None
    item: str
    detail: str
    before: ComplianceCost = attrs.field(repr=False)
    after: ComplianceCost = attrs.field(repr=False)

    @property
    def saving(self) -> Decimal:
        """Annual saving of this change, VND (negative when it adds cost)."""
        return _sub(self.before.annual_total, self.after.annual_total)

    @property
    def saving_per_compliance(self) -> Decimal:
        """Saving per compliance of this change, VND."""
        return _sub(self.before.per_compliance, self.after.per_compliance)

    def __str__(self) -> str:
        verb = "saves" if self.saving >= 0 else "adds"
        return (
            f"{self.code} measure {self.measure} ({self.action.value}): {self.item} "
            f"{self.detail}: {verb} {format_vnd(abs(self.saving_per_compliance))} VND per "
            f"compliance, {format_vnd(abs(self.saving))} VND per year"
        )


@attrs.frozen(kw_only=True)
class TargetCheck:
    """Whether a savings rate meets a target such as "cut at least 20 %" (*chỉ tiêu cắt giảm*).

    Attributes:
        target: The target, in percent.
        achieved: The savings rate in percent, rounded (``None`` when the cost before is 0).
        met: Whether saving / before >= target / 100, compared exactly (not after rounding).
        shortfall: What is still to be saved per year to meet the target, exactly, in the unit
            of the totals (0 when met).
    """

    target: Decimal
    achieved: Decimal | None
    met: bool
    shortfall: Decimal

    def __str__(self) -> str:
        achieved = "N/A" if self.achieved is None else f"{self.achieved} %"
        if self.met:
            return f"target: cut at least {_fmt(self.target)} % -> met ({achieved})"
        return (
            f"target: cut at least {_fmt(self.target)} % -> NOT met ({achieved}; "
            f"{_fmt(self.shortfall)} per year short)"
        )


def _check_target(field: str, target: object) -> Decimal:
    value = _to_decimal(target)
    if (
        not isinstance(value, Decimal)
        or not value.is_finite()
        or not 0 <= value <= _HUNDRED
        or _decimal_places(value) > _MAX_PLACES
    ):
        raise InvalidValueError(
            field,
            target,
            f"a percentage from 0 to 100 as a Decimal or int (at most {_MAX_PLACES} decimals)",
        )
    return value


@attrs.frozen
class Savings:
    """Annual compliance cost before and after simplification, and what was saved.

    The saving is ``before − after`` (Art. 27(1)(c)); the savings rate is
    ``(before − after) / before`` as a percentage, rounded explicitly.

    Attributes:
        before: Annual cost before, VND (any unit works for the rate: billions too).
        after: Annual cost after, in the same unit.

    Examples:
        Hà Nội's restructuring of 293 procedures, about 2,306 → 654 billion VND a year:

        >>> s = Savings(Decimal("2306"), Decimal("654"))
        >>> s.saving, s.percent()
        (Decimal('1652'), Decimal('71.64'))
        >>> print(s.check_target(20))
        target: cut at least 20 % -> met (71.64 %)

    References:
        dantri.com.vn (25/12/2025), Hà Nội: 2,306 → 654 billion VND/year, "71.64 %"
        (research notes ``vn_legal.md`` §5.3).
    """

    before: Decimal = attrs.field(
        converter=_to_decimal,
        validator=_quantity(_MAX_MONEY * _MAX_SUBJECTS * _MAX_TIMES, "VND per year"),
    )
    after: Decimal = attrs.field(
        converter=_to_decimal,
        validator=_quantity(_MAX_MONEY * _MAX_SUBJECTS * _MAX_TIMES, "VND per year"),
    )

    @property
    def saving(self) -> Decimal:
        """``before − after`` (negative when the cost rose)."""
        return _sub(self.before, self.after)

    def percent(
        self, places: int = 2, rounding: RoundingMode | str = decimal.ROUND_HALF_UP
    ) -> Decimal | None:
        """The savings rate ``(before − after) / before × 100``, or ``None`` when before is 0.

        Args:
            places: Decimals to keep (2 by default, as reports print).
            rounding: Half-up by default; ``decimal.ROUND_DOWN`` truncates.

        Returns:
            The percentage, rounded exactly; ``None`` (N/A) when there was no cost to cut.
        """
        p = _places("Savings.percent(places)", places)
        r = _rounding("Savings.percent(rounding)", rounding)
        if self.before == 0:
            return None
        return _round_ratio(_mul(self.saving, _HUNDRED), self.before, p, r)

    def check_target(
        self,
        target: Decimal | int,
        *,
        places: int = 2,
        rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
    ) -> TargetCheck:
        """Check a target such as "cut at least 20 %" (``target=20``).

        The comparison is exact: 19.996 % does not meet 20 % even though it prints as 20.00.
        With no cost before, only a target of 0 is met.

        Args:
            target: The target in percent, 0 to 100.
            places: Decimals of the achieved rate shown.
            rounding: Rounding of the achieved rate shown.

        Returns:
            The check.

        Raises:
            InvalidValueError: ``target`` is not a percentage.
        """
        goal = _check_target("Savings.check_target(target)", target)
        achieved = self.percent(places, rounding)
        # needed = target / 100 × before, exactly (a division by 100 only moves the point).
        short = _sub(_mul(goal, self.before).scaleb(-2), self.saving)
        # With nothing to cut the rate is N/A: a positive target is not met (not vacuously).
        met = short <= 0 and (self.before > 0 or goal == 0)
        return TargetCheck(
            target=goal, achieved=achieved, met=met, shortfall=_ZERO if met else short
        )


@attrs.frozen(kw_only=True)
class PlanResult:
    """The evaluated plan of one procedure: cost before and after, and every saving explained.

    Attributes:
        code: The procedure's code.
        name: The procedure's name.
        before: The cost as it stands.
        after: The cost after every measure.
        lines: One line per change (and per measure without changes), in plan order.
        actions: The actions of the plan's measures, in order, without repeats.
        abolished: Whether the plan abolishes the procedure.
        has_plan: Whether the procedure has at least one measure.
    """

    code: str
    name: str
    before: ComplianceCost
    after: ComplianceCost
    lines: tuple[SavingLine, ...] = attrs.field(repr=False)
    actions: tuple[Action, ...]
    abolished: bool
    has_plan: bool

    @property
    def saving(self) -> Decimal:
        """Annual saving, VND."""
        return _sub(self.before.annual_total, self.after.annual_total)

    @property
    def savings(self) -> Savings:
        """Annual totals before and after, with the rate."""
        return Savings(self.before.annual_total, self.after.annual_total)


@attrs.frozen(kw_only=True)
class Plan:
    """A simplification plan (*phương án đơn giản hóa*) for one procedure: its measures.

    The measures apply in order, and within a measure its changes apply in order; a change
    must apply to the model as the earlier ones left it (a task removed by one measure cannot be
    changed by a later one). The cost after the plan does not depend on the order among changes
    that all apply in either order; the split of the saving among them does, since each change
    is valued against the state just before it (lowering the subjects per year first makes
    every later change save less).

    Attributes:
        model: The procedure's cost model as it stands.
        measures: The measures; none means the procedure was reviewed without a plan.
        decision: The decision that approves the plan (*quyết định phê duyệt*), if any.

    Raises:
        InvalidValueError: A change does not apply (see
            [`plan_problems`][tthc.simplification.plan_problems] for all of them at once).

    Examples:
        >>> m = CostModel(code="1.000000", name="Ví dụ", times_per_year=1,
        ...               subjects_per_year=1, tasks=[Task(name="A", hours=2)])
        >>> Plan(model=m, measures=[Measure.remove_tasks(Action.AMEND, "B")])
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: Plan.measures[0].changes[0].task: expected a task of procedure 1.000000 (one of 'A'), got 'B'
    """

    model: CostModel = attrs.field(validator=_is_model)
    measures: tuple[Measure, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_check_measures
    )
    decision: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )

    @property
    def code(self) -> str:
        """The procedure's code."""
        return self.model.code

    @property
    def has_plan(self) -> bool:
        """Whether the plan has at least one measure."""
        return bool(self.measures)

    @property
    def model_after(self) -> CostModel:
        """The cost model after every measure."""
        state = self.model
        for measure in self.measures:
            for change in measure.changes:
                state = _apply(state, change)[0]
        return state

    def evaluate(
        self,
        wage_rate: WageRate,
        *,
        places: int = 0,
        rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
    ) -> PlanResult:
        """Cost before and after, and one explained saving per change.

        Args:
            wage_rate: The wage rate that values the hours.
            places: Decimals of đồng to keep (0: whole đồng).
            rounding: How to round money (half-up by default).

        Returns:
            The result.

        Raises:
            InvalidValueError: ``wage_rate``, ``places`` or ``rounding`` is not valid.
        """
        if not isinstance(wage_rate, WageRate):
            raise InvalidValueError("Plan.evaluate(wage_rate)", wage_rate, "a WageRate")
        return _evaluate(
            self,
            wage_rate,
            _places("Plan.evaluate(places)", places),
            _rounding("Plan.evaluate(rounding)", rounding),
        )


def _evaluate(plan: Plan, wage: WageRate, places: int, rounding: str) -> PlanResult:
    model = plan.model
    before = current = _cost(model, wage, places, rounding)
    lines: list[SavingLine] = []
    state = model
    abolished = False
    # The plan was checked when it was built: no step is refused.
    for step in _steps(model, plan.measures):
        if step.state is not state:
            state = step.state
            after = _cost(state, wage, places, rounding)
        else:
            after = current
        abolished = abolished or isinstance(step.change, Abolish)
        lines.append(
            SavingLine(
                code=model.code,
                measure=step.measure + 1,
                action=plan.measures[step.measure].action,
                change=step.change,
                item=step.item,
                detail=step.detail,
                before=current,
                after=after,
            )
        )
        current = after
    return PlanResult(
        code=model.code,
        name=model.name,
        before=before,
        after=current,
        lines=tuple(lines),
        actions=tuple(dict.fromkeys(m.action for m in plan.measures)),
        abolished=abolished,
        has_plan=plan.has_plan,
    )


def _check_plans(instance: object, attribute: Any, value: Any) -> None:
    _tuple_of(Plan, "Plan records")(instance, attribute, value)
    seen: set[str] = set()
    for plan in value:
        if plan.code in seen:
            raise InvalidValueError.for_attribute(
                instance, attribute, plan.code, "plans of distinct procedures (a code once)"
            )
        seen.add(plan.code)


def _check_reviewed(instance: Portfolio, attribute: Any, value: Any) -> None:
    # Last field: the count of reviewed procedures covers the plans.
    if value is None:
        return
    if type(value) is not int or value < len(instance.plans):
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            f"None or a whole number >= the number of plans ({len(instance.plans)})",
        )


def _is_wage(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, WageRate):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a WageRate")


@attrs.frozen(kw_only=True)
class Portfolio:
    """A review (*rà soát*) of many procedures: their plans, evaluated with one wage rate.

    Attributes:
        name: What the review is, e.g. "Hà Nội 2025 restructuring".
        wage_rate: The wage rate for every procedure.
        plans: One plan per reviewed procedure with a cost model (a plan without measures is a
            procedure reviewed without a plan).
        reviewed: Procedures reviewed in all, when more were reviewed than have a cost model
            here (default: the number of plans); the denominator of the share with a plan.

    Raises:
        InvalidValueError: A field of the wrong type, two plans for the same code, or
            ``reviewed`` below the number of plans.

    Examples:
        >>> w = WageRate(amount=Decimal("5280000"), year=2024, source="example",
        ...              certainty=FigureCertainty.EXAMPLE)
        >>> m = CostModel(code="1.000000", name="Ví dụ", times_per_year=1,
        ...               subjects_per_year=100, tasks=[Task(name="A", hours=2)])
        >>> p = Portfolio(name="Ví dụ", wage_rate=w, reviewed=4, plans=[
        ...     Plan(model=m, measures=[Measure.remove_tasks(Action.AMEND, "A")])])
        >>> r = p.evaluate()
        >>> r.before, r.after, r.savings.percent(), str(r.share_with_plan)
        (Decimal('6000000'), Decimal('0'), Decimal('100.00'), '1/4 (25.00 %)')
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    wage_rate: WageRate = attrs.field(validator=_is_wage)
    plans: tuple[Plan, ...] = attrs.field(default=(), converter=_to_tuple, validator=_check_plans)
    reviewed: int | None = attrs.field(default=None, validator=_check_reviewed)

    def __repr__(self) -> str:
        return f"<Portfolio {self.name!r} plans={len(self.plans)} reviewed={self.reviewed_count}>"

    @property
    def reviewed_count(self) -> int:
        """Procedures reviewed: ``reviewed``, or the number of plans."""
        return len(self.plans) if self.reviewed is None else self.reviewed

    @property
    def share_with_plan(self) -> Rate | None:
        """Reviewed procedures with a plan over procedures reviewed (``None`` if none).

        Examples:
            >>> w = WageRate(amount=1, year=2024, source="x", certainty=FigureCertainty.EXAMPLE)
            >>> Portfolio(name="x", wage_rate=w, reviewed=706).share_with_plan
            Rate(numerator=0, denominator=706)
        """
        return Rate.or_none(sum(1 for p in self.plans if p.has_plan), self.reviewed_count)

    def evaluate(
        self, *, places: int = 0, rounding: RoundingMode | str = decimal.ROUND_HALF_UP
    ) -> PortfolioResult:
        """Evaluate every plan; totals are the sums of the procedures' rounded figures.

        Args:
            places: Decimals of đồng to keep (0: whole đồng).
            rounding: How to round money (half-up by default).

        Returns:
            The result.

        Raises:
            InvalidValueError: ``places`` or ``rounding`` is not valid.
        """
        p = _places("Portfolio.evaluate(places)", places)
        r = _rounding("Portfolio.evaluate(rounding)", rounding)
        results = tuple(_evaluate(plan, self.wage_rate, p, r) for plan in self.plans)
        return PortfolioResult(
            name=self.name,
            wage_rate=self.wage_rate,
            results=results,
            reviewed=self.reviewed_count,
            before=_sum(x.before.annual_total for x in results),
            after=_sum(x.after.annual_total for x in results),
        )


_NAME_WIDTH: Final = 36


def _short(text: str, width: int = _NAME_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _render(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    filled = [r for r in rows if r]
    widths = [max([len(h)] + [len(r[i]) for r in filled]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) if r else "  ".join("-" * w for w in widths) for r in rows]
    return out


@attrs.frozen(kw_only=True)
class PortfolioResult:
    """The evaluated review: per-procedure results, totals, savings and the share with a plan.

    Totals add up the procedures' rounded annual totals, as the columns of a review table add
    up, so the totals of two portfolios are the sums of their totals.

    Attributes:
        name: The review's name.
        wage_rate: The wage rate used.
        results: One result per plan, in order.
        reviewed: Procedures reviewed in all.
        before: Annual cost before, VND.
        after: Annual cost after, VND.
    """

    name: str
    wage_rate: WageRate = attrs.field(repr=False)
    results: tuple[PlanResult, ...] = attrs.field(repr=False)
    reviewed: int
    before: Decimal
    after: Decimal

    @property
    def saving(self) -> Decimal:
        """Annual saving, VND."""
        return _sub(self.before, self.after)

    @property
    def savings(self) -> Savings:
        """The totals before and after, with the rate and the target check."""
        return Savings(self.before, self.after)

    @property
    def share_with_plan(self) -> Rate | None:
        """Reviewed procedures with a plan over procedures reviewed (``None`` if none)."""
        return Rate.or_none(sum(1 for r in self.results if r.has_plan), self.reviewed)

    @property
    def lines(self) -> tuple[SavingLine, ...]:
        """Every explained saving, procedure by procedure."""
        return tuple(line for result in self.results for line in result.lines)

    def explain(self) -> str:
        """Every saving in words, one line each, then the totals.

        Returns:
            The text.
        """
        out = [str(line) for line in self.lines]
        percent = self.savings.percent()
        out.append(
            f"total: {format_vnd(self.before)} -> {format_vnd(self.after)} VND per year, "
            f"saving {format_vnd(self.saving)} VND ({'N/A' if percent is None else percent} %)"
        )
        return "\n".join(out)

    def to_table(self, *, unit: str = "VND", target: Decimal | int | None = None) -> str:
        """A printable table: one row per procedure, totals, share with a plan, target.

        Args:
            unit: ``"VND"``, ``"million VND"`` or ``"billion VND"`` for the annual figures.
            target: A target in percent to check ("cut at least 20 %"), if any.

        Returns:
            The table as text.

        Raises:
            InvalidValueError: ``unit`` or ``target`` is not valid.
        """
        format_vnd(_ZERO, unit)  # checks the unit
        headers = [
            "code",
            "procedure",
            "actions",
            "per compliance: before",
            "after",
            f"per year ({unit}): before",
            "after",
            "saving",
            "saving %",
        ]
        rows: list[list[str]] = []
        for r in self.results:
            pct = r.savings.percent()
            rows.append(
                [
                    r.code,
                    _short(r.name),
                    _short(", ".join(a.value for a in r.actions) or "-", 40),
                    format_vnd(r.before.per_compliance),
                    format_vnd(r.after.per_compliance),
                    format_vnd(r.before.annual_total, unit),
                    format_vnd(r.after.annual_total, unit),
                    format_vnd(r.saving, unit),
                    "N/A" if pct is None else str(pct),
                ]
            )
        total_pct = self.savings.percent()
        rows.append([])
        rows.append(
            [
                "total",
                f"{len(self.results)} procedure{'' if len(self.results) == 1 else 's'}",
                "",
                "",
                "",
                format_vnd(self.before, unit),
                format_vnd(self.after, unit),
                format_vnd(self.saving, unit),
                "N/A" if total_pct is None else str(total_pct),
            ]
        )
        out = [
            f"Compliance cost (chi phí tuân thủ): {self.name}",
            f"wage rate: {self.wage_rate.explain()}",
            "",
            *_render(headers, rows, right={3, 4, 5, 6, 7, 8}),
            "",
        ]
        share = self.share_with_plan
        out.append(
            "procedures with a plan: "
            + ("N/A (none reviewed)" if share is None else f"{share} of those reviewed")
        )
        if target is not None:
            out.append(str(self.savings.check_target(target)))
        return "\n".join(out)

    def to_frame(self) -> Any:
        """One row per procedure as a pandas ``DataFrame`` (needs pandas).

        Money columns hold exact ``Decimal`` values (``object`` dtype); use
        ``.astype(float)`` for plotting. Columns: ``code``, ``name``, ``actions`` (comma
        separated), ``abolished``, ``has_plan``, ``hours_before``, ``hours_after``,
        ``per_compliance_before``, ``per_compliance_after``, ``annual_before``,
        ``annual_after``, ``saving``, ``saving_percent``.

        Raises:
            InvalidValueError: pandas is not installed.
        """
        pd = _pandas()
        return pd.DataFrame(
            {
                "code": [r.code for r in self.results],
                "name": [r.name for r in self.results],
                "actions": [",".join(a.value for a in r.actions) for r in self.results],
                "abolished": [r.abolished for r in self.results],
                "has_plan": [r.has_plan for r in self.results],
                "hours_before": [r.before.hours for r in self.results],
                "hours_after": [r.after.hours for r in self.results],
                "per_compliance_before": [r.before.per_compliance for r in self.results],
                "per_compliance_after": [r.after.per_compliance for r in self.results],
                "annual_before": [r.before.annual_total for r in self.results],
                "annual_after": [r.after.annual_total for r in self.results],
                "saving": [r.saving for r in self.results],
                "saving_percent": [r.savings.percent() for r in self.results],
            },
            columns=list(_FRAME_COLUMNS),
        )

    def lines_frame(self) -> Any:
        """One row per explained saving as a pandas ``DataFrame`` (needs pandas).

        Columns: ``code``, ``measure`` (from 1), ``action``, ``change`` (its kind, such as
        ``remove_task``; empty for a measure without changes), ``item``, ``detail``,
        ``saving_per_compliance``, ``saving`` (annual; ``Decimal``).

        Raises:
            InvalidValueError: pandas is not installed.
        """
        pd = _pandas()
        lines = self.lines
        return pd.DataFrame(
            {
                "code": [x.code for x in lines],
                "measure": [x.measure for x in lines],
                "action": [x.action.value for x in lines],
                "change": ["" if x.change is None else x.change.kind for x in lines],
                "item": [x.item for x in lines],
                "detail": [x.detail for x in lines],
                "saving_per_compliance": [x.saving_per_compliance for x in lines],
                "saving": [x.saving for x in lines],
            },
            columns=[
                "code",
                "measure",
                "action",
                "change",
                "item",
                "detail",
                "saving_per_compliance",
                "saving",
            ],
        )


_FRAME_COLUMNS: Final = (
    "code",
    "name",
    "actions",
    "abolished",
    "has_plan",
    "hours_before",
    "hours_after",
    "per_compliance_before",
    "per_compliance_after",
    "annual_before",
    "annual_after",
    "saving",
    "saving_percent",
)


def _pandas() -> Any:
    try:
        import pandas as pd  # noqa: PLC0415 - optional extra, imported only when asked for
    except ImportError:  # pragma: no cover - exercised only without pandas
        raise InvalidValueError(
            "PortfolioResult.to_frame", "pandas", "pandas installed (pip install 'tthc[pandas]')"
        ) from None
    return pd


# --- differing sources: the lower average ------------------------------------------------------


@attrs.frozen(kw_only=True)
class Estimate:
    """One source's figure for a quantity (*số liệu*): hours, an amount, subjects per year.

    Attributes:
        value: The figure (a ``Decimal`` >= 0; an ``int`` is accepted).
        source: Where it comes from (survey, agency report, statistics).
    """

    value: Decimal = attrs.field(
        converter=_to_decimal, validator=_quantity(_MAX_SUBJECTS, "the quantity's unit")
    )
    source: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)


@attrs.frozen(kw_only=True)
class LowerAverage:
    """The figure taken from differing estimates under the lower-average rule, and why.

    Attributes:
        value: The figure taken, rounded.
        rule: The reading of "lower average" used.
        estimates: All the estimates, as given.
        used: The estimates the figure was averaged from.
    """

    value: Decimal
    rule: LowerAverageRule
    estimates: tuple[Estimate, ...]
    used: tuple[Estimate, ...]

    def explain(self) -> str:
        """The rule, the estimates used and the figure, in one line."""
        used = ", ".join(f"{_fmt(e.value)} ({e.source})" for e in self.used)
        return (
            f"{_fmt(self.value)}: {self.rule.label} ({len(self.used)} of "
            f"{len(self.estimates)} estimates: {used}); Circular 02/2017/TT-VPCP Art. 27(2)(a), "
            "reading UNCERTAIN"
        )


def lower_average(
    estimates: Iterable[Estimate | Decimal | int],
    *,
    rule: LowerAverageRule = LowerAverageRule.BELOW_MEAN,
    places: int = 2,
    rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
) -> LowerAverage:
    """Take the lower average of differing estimates (*lấy số liệu trung bình thấp*).

    Art. 27(2)(a) of Circular 02/2017/TT-VPCP: where sources give different figures, the lower
    average is taken. The text does not define it; the default reading,
    ``LowerAverageRule.BELOW_MEAN``, averages the estimates at or below the mean of all
    (UNCERTAIN; see [`LowerAverageRule`][tthc.simplification.LowerAverageRule] for the others).
    Apply it to each quantity (hours of a task, subjects per year, an amount) before building
    the cost model.

    Args:
        estimates: The figures, as [`Estimate`][tthc.simplification.Estimate]s with their
            sources or as plain numbers (named "estimate 1", "estimate 2", …).
        rule: The reading of "lower average".
        places: Decimals of the figure taken (2 by default).
        rounding: Its rounding (half-up by default).

    Returns:
        The figure with the estimates it came from.

    Raises:
        InvalidValueError: No estimates, or an estimate that is not a number >= 0.

    Examples:
        >>> r = lower_average([Estimate(value=4, source="survey"),
        ...                    Estimate(value=2, source="agency"), Estimate(value=3, source="FAQ")])
        >>> r.value, [e.source for e in r.used]
        (Decimal('2.50'), ['agency', 'FAQ'])
        >>> lower_average([4, 2, 3], rule=LowerAverageRule.LOWEST).value
        Decimal('2.00')
        >>> lower_average([10, 20]).value
        Decimal('10.00')

    References:
        Circular 02/2017/TT-VPCP Art. 27(2)(a) (CONFIRMED that the rule exists; its exact
        meaning UNCERTAIN), research notes ``vn_legal.md`` §5.2.
    """
    given: list[Estimate] = []
    items = _to_tuple(estimates)
    if not isinstance(items, tuple):
        raise InvalidValueError(
            "lower_average(estimates)", estimates, "an iterable of Estimate, Decimal or int"
        )
    for index, item in enumerate(items):
        if isinstance(item, Estimate):
            given.append(item)
        elif isinstance(item, (Decimal, int)) and not isinstance(item, bool):
            given.append(Estimate(value=item, source=f"estimate {index + 1}"))
        else:
            raise InvalidValueError(
                f"lower_average(estimates)[{index}]", item, "an Estimate, a Decimal or an int"
            )
    if not given:
        raise InvalidValueError("lower_average(estimates)", estimates, "at least one estimate")
    if not isinstance(rule, LowerAverageRule):
        raise InvalidValueError(
            "lower_average(rule)", rule, "a LowerAverageRule (BELOW_MEAN, LOWER_HALF, LOWEST)"
        )
    p = _places("lower_average(places)", places)
    r = _rounding("lower_average(rounding)", rounding)
    ordered = sorted(given, key=lambda e: e.value)
    if rule is LowerAverageRule.LOWEST:
        used = ordered[:1]
    elif rule is LowerAverageRule.LOWER_HALF:
        used = ordered[: (len(ordered) + 1) // 2]
    else:
        total = _sum(e.value for e in given)
        # value <= total / n  <=>  value × n <= total: compared exactly.
        used = [e for e in ordered if _mul(e.value, Decimal(len(given))) <= total]
    value = _round_ratio(_sum(e.value for e in used), Decimal(len(used)), p, r)
    return LowerAverage(value=value, rule=rule, estimates=tuple(given), used=tuple(used))
