"""``tthc cost``: the compliance cost (*chi phí tuân thủ*) a simplification review saves.

A review saved as JSON (``tthc.io.plans.dump_portfolio``) or a CSV sheet of plans, evaluated
under Circular 02/2017/TT-VPCP Art. 27 by [`tthc.simplification`][tthc.simplification].
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc._files import terminal_text
from tthc._numbers import number, percent
from tthc.errors import InvalidValueError
from tthc.io.plans import load_plans_csv, load_portfolio
from tthc.simplification import (
    COMMON_DAYS_PER_MONTH,
    COMMON_HOURS_PER_DAY,
    FigureCertainty,
    Portfolio,
    WagePeriod,
    WageRate,
)

if TYPE_CHECKING:
    import argparse

    from tthc.cli._common import Output
    from tthc.cli._messages import Lang
    from tthc.simplification import PortfolioResult, SavingLine

__all__ = ["run"]


def _wage(args: argparse.Namespace, base: WageRate | None) -> WageRate:
    """The wage rate from --wage and its options, else ``base``; then --days/--hours-per-..."""
    conventions: dict[str, Any] = {}
    if args.days_per_month is not None:
        conventions["days_per_month"] = args.days_per_month
    if args.hours_per_day is not None:
        conventions["hours_per_day"] = args.hours_per_day
    if args.wage is None:
        if base is None:
            raise InvalidValueError(
                "tthc cost --wage",
                None,
                "the income figure for a sheet: --wage, --wage-year, --wage-source and "
                "--wage-certainty",
            )
        return attrs.evolve(base, **conventions)
    missing = [
        flag
        for flag, value in (
            ("--wage-year", args.wage_year),
            ("--wage-source", args.wage_source),
            ("--wage-certainty", args.wage_certainty),
        )
        if value is None
    ]
    if missing:
        raise InvalidValueError(
            "tthc cost --wage",
            str(args.wage),
            f"{', '.join(missing)} as well (an income figure says its year, source and certainty)",
        )
    return WageRate(
        amount=args.wage,
        period=WagePeriod(args.wage_per),
        year=args.wage_year,
        source=args.wage_source,
        certainty=FigureCertainty(args.wage_certainty),
        **conventions,
    )


def run(args: argparse.Namespace) -> Output:
    """Evaluate a review or a sheet of plans: (JSON-able result, human text)."""
    if args.csv or str(args.plans).lower().endswith(".csv"):
        review = Portfolio(
            name=args.name or Path(args.plans).stem,
            wage_rate=_wage(args, None),
            plans=load_plans_csv(args.plans),
            reviewed=args.reviewed,
        )
    else:
        review = load_portfolio(args.plans)
        review = attrs.evolve(
            review,
            name=args.name or review.name,
            wage_rate=_wage(args, review.wage_rate),
            reviewed=review.reviewed if args.reviewed is None else args.reviewed,
        )
    result = review.evaluate()
    percent = result.savings.percent()
    share = result.share_with_plan
    w = result.wage_rate
    data: dict[str, object] = {
        "name": result.name,
        "wage_rate": {
            "amount": str(w.amount),
            "period": w.period.value,
            "year": w.year,
            "source": w.source,
            "certainty": w.certainty.value,
            "days_per_month": str(w.days_per_month),
            "hours_per_day": str(w.hours_per_day),
            "per_hour": str(w.per_hour()),
        },
        "reviewed": result.reviewed,
        "with_plan": 0 if share is None else share.numerator,
        "share_with_plan_percent": None if share is None else str(share.percent()),
        "before": str(result.before),
        "after": str(result.after),
        "saving": str(result.saving),
        "saving_percent": None if percent is None else str(percent),
        "procedures": [
            {
                "code": r.code,
                "name": r.name,
                "actions": [a.value for a in r.actions],
                "abolished": r.abolished,
                "per_compliance_before": str(r.before.per_compliance),
                "per_compliance_after": str(r.after.per_compliance),
                "before": str(r.before.annual_total),
                "after": str(r.after.annual_total),
                "saving": str(r.saving),
                "saving_percent": None
                if r.savings.percent() is None
                else str(r.savings.percent()),
            }
            for r in result.results
        ],
        "savings": [
            {
                "code": line.code,
                "measure": line.measure,
                "action": line.action.value,
                "change": None if line.change is None else line.change.kind,
                "item": line.item,
                "detail": line.detail,
                "saving_per_compliance": str(line.saving_per_compliance),
                "saving": str(line.saving),
            }
            for line in result.lines
        ],
    }
    if args.target is not None:
        check = result.savings.check_target(args.target)
        data["target"] = {
            "percent": str(check.target),
            "met": check.met,
            "shortfall": str(check.shortfall),
        }
    text = _text(result, args, args.lang)
    return data, text


# --- the text, in Vietnamese or English ---------------------------------------------------------

# The units of the annual figures: (scale in đồng, decimals shown, words per language).
_UNITS: Final = {
    "VND": (Decimal(1), None, {"vi": "đồng", "en": "VND"}),
    "million VND": (Decimal(10**6), 2, {"vi": "triệu đồng", "en": "million VND"}),
    "billion VND": (Decimal(10**9), 2, {"vi": "tỷ đồng", "en": "billion VND"}),
}

_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "vi": (
        "Mã",
        "Thủ tục",
        "Phương án",
        "Mỗi lần: trước",
        "sau",
        "Mỗi năm ({unit}): trước",
        "sau",
        "tiết kiệm",
        "Tiết kiệm",
    ),
    "en": (
        "code",
        "procedure",
        "actions",
        "per compliance: before",
        "after",
        "per year ({unit}): before",
        "after",
        "saving",
        "saving",
    ),
}

_WORDS: Final[dict[str, dict[str, str]]] = {
    "vi": {
        "title": "Chi phí tuân thủ",
        "wage": "Thu nhập",
        "per_month": "đồng/tháng",
        "per_year": "đồng/năm (chia 12 tháng)",
        "year": "năm",
        "days": "ngày/tháng",
        "hours": "giờ/ngày",
        "per_hour": "đồng/giờ",
        "conventions_common": "thông lệ, chưa chắc chắn",
        "conventions_given": "do người dùng nhập",
        "total": "Tổng",
        "procedures": "{count} thủ tục",
        "with_plan": "Thủ tục có phương án: {share} số thủ tục rà soát",
        "with_plan_none": "Thủ tục có phương án: N/A (chưa rà soát thủ tục nào)",
        "target_met": "Mục tiêu: cắt giảm ít nhất {target} → đạt ({achieved})",
        "target_not_met": (
            "Mục tiêu: cắt giảm ít nhất {target} → CHƯA đạt ({achieved}; còn thiếu {short} "
            "đồng mỗi năm)"
        ),
        "measure": "biện pháp",
        "saves": "tiết kiệm",
        "adds": "tăng thêm",
        "per_compliance": "đồng mỗi lần thực hiện",
        "per_year_saving": "đồng mỗi năm",
        "grand_total": "Tổng: {before} → {after} đồng mỗi năm, tiết kiệm {saving} đồng ({percent})",
    },
    "en": {
        "title": "Compliance cost (chi phí tuân thủ)",
        "wage": "Wage rate",
        "per_month": "VND per month",
        "per_year": "VND per year / 12 months",
        "year": "year",
        "days": "days per month",
        "hours": "hours per day",
        "per_hour": "VND per hour",
        "conventions_common": "common practice, UNCERTAIN",
        "conventions_given": "given",
        "total": "total",
        "procedures": "{count} procedures",
        "with_plan": "procedures with a plan: {share} of those reviewed",
        "with_plan_none": "procedures with a plan: N/A (none reviewed)",
        "target_met": "target: cut at least {target} -> met ({achieved})",
        "target_not_met": (
            "target: cut at least {target} -> NOT met ({achieved}; {short} VND per year short)"
        ),
        "measure": "measure",
        "saves": "saves",
        "adds": "adds",
        "per_compliance": "VND per compliance",
        "per_year_saving": "VND per year",
        "grand_total": "total: {before} -> {after} VND per year, saving {saving} VND ({percent})",
    },
}

# What a change did, in Vietnamese, from the change itself (the library words it in English).
_CHANGES_VI: Final = {
    "remove_task": "bỏ công việc {task!r}",
    "change_task": "giảm công việc {task!r}",
    "add_task": "thêm công việc {task!r}",
    "remove_cost": "bỏ khoản {cost!r}",
    "change_cost": "giảm khoản {cost!r}",
    "add_cost": "thêm khoản {cost!r}",
    "change_volume": "giảm số lần hoặc số đối tượng thực hiện mỗi năm",
    "abolish": "bãi bỏ thủ tục: bỏ mọi công việc và khoản phải nộp",
    "change_processing_time": (
        "đổi thời hạn giải quyết (tự nó không đổi chi phí: không tính chi phí cơ hội, "
        "Điều 27 khoản 2 điểm b Thông tư 02/2017/TT-VPCP)"
    ),
}


def _annual(amount: Decimal, unit: str, lang: Lang) -> str:
    scale, places, _ = _UNITS[unit]
    return number(amount / scale, lang, places)


def _wage_line(result: PortfolioResult, lang: Lang) -> str:
    w = result.wage_rate
    words = _WORDS[lang]
    common = w.days_per_month == COMMON_DAYS_PER_MONTH and w.hours_per_day == COMMON_HOURS_PER_DAY
    conventions = words["conventions_common" if common else "conventions_given"]
    per = words["per_year" if w.period is WagePeriod.YEAR else "per_month"]
    certainty = _CERTAINTY[lang][w.certainty]
    return (
        f"{words['wage']}: {number(w.amount, lang)} {per} ({words['year']} {w.year}; {w.source}; "
        f"{certainty}) / {number(w.days_per_month, lang)} {words['days']} / "
        f"{number(w.hours_per_day, lang)} {words['hours']} ({conventions}) = "
        f"{_plain(w.per_hour(), lang)} {words['per_hour']}"
    )


_CERTAINTY: Final = {
    "vi": {
        FigureCertainty.CONFIRMED: "đã đối chiếu nguồn công bố",
        FigureCertainty.UNCERTAIN: "CHƯA CHẮC CHẮN",
        FigureCertainty.EXAMPLE: "ví dụ minh họa, không phải số liệu thật",
    },
    "en": {c: c.label for c in FigureCertainty},
}


def _table(result: PortfolioResult, unit: str, lang: Lang) -> list[str]:
    words = _WORDS[lang]
    unit_words = _UNITS[unit][2][lang]
    headers = [h.format(unit=unit_words) for h in _HEADERS[lang]]
    rows: list[list[str]] = []
    for r in result.results:
        actions = (a.label if lang == "vi" else a.value for a in r.actions)
        rows.append(
            [
                terminal_text(r.code),
                _short(r.name),
                _short(", ".join(actions) or "-", 40),
                number(r.before.per_compliance, lang),
                number(r.after.per_compliance, lang),
                _annual(r.before.annual_total, unit, lang),
                _annual(r.after.annual_total, unit, lang),
                _annual(r.saving, unit, lang),
                percent(r.savings.percent(), lang),
            ]
        )
    rows.append([])
    rows.append(
        [
            words["total"],
            words["procedures"].format(count=len(result.results)),
            "",
            "",
            "",
            _annual(result.before, unit, lang),
            _annual(result.after, unit, lang),
            _annual(result.saving, unit, lang),
            percent(result.savings.percent(), lang),
        ]
    )
    return _render(headers, rows, right={3, 4, 5, 6, 7, 8})


def _saving_line(line: SavingLine, lang: Lang) -> str:
    words = _WORDS[lang]
    if lang == "en":
        return str(line)
    change = line.change
    if change is None:
        what = line.action.label
    else:
        names = {"task": getattr(change, "task", None), "cost": getattr(change, "cost", None)}
        for key in ("task", "cost"):
            named = names[key]
            if named is not None and not isinstance(named, str):
                names[key] = named.name
        what = _CHANGES_VI[change.kind].format(**names)
    verb = words["saves" if line.saving >= 0 else "adds"]
    return (
        f"{line.code} {words['measure']} {line.measure} ({line.action.label}): {what}: {verb} "
        f"{number(abs(line.saving_per_compliance), lang)} {words['per_compliance']}, "
        f"{number(abs(line.saving), lang)} {words['per_year_saving']}"
    )


def _text(result: PortfolioResult, args: argparse.Namespace, lang: Lang) -> str:
    """The review as a table with its totals, the target and (``--explain``) every saving."""
    words = _WORDS[lang]
    out = [f"{words['title']}: {result.name}", _wage_line(result, lang), ""]
    out += _table(result, args.unit, lang)
    out.append("")
    share = result.share_with_plan
    if share is None:
        out.append(words["with_plan_none"])
    else:
        shown = f"{share.numerator}/{share.denominator} ({percent(share.percent(), lang)})"
        out.append(words["with_plan"].format(share=shown))
    if args.target is not None:
        check = result.savings.check_target(args.target)
        key = "target_met" if check.met else "target_not_met"
        out.append(
            words[key].format(
                target=percent(check.target, lang, places=_places(check.target)),
                achieved=percent(check.achieved, lang),
                short=_plain(check.shortfall, lang),
            )
        )
    if args.explain:
        out.append("")
        out += [_saving_line(line, lang) for line in result.lines]
        out.append(
            words["grand_total"].format(
                before=number(result.before, lang),
                after=number(result.after, lang),
                saving=number(result.saving, lang),
                percent=percent(result.savings.percent(), lang),
            )
        )
    # One element per line: names from the data with control characters escaped, so that a
    # new line in a name cannot start a row of its own.
    return "\n".join(terminal_text(line) for line in out)


def _plain(value: Decimal, lang: Lang) -> str:
    """A rounded amount without decimals when it is whole (30.000 đồng, not 30.000,00)."""
    return number(value, lang, 0 if value == value.to_integral_value() else None)


def _places(value: Decimal) -> int:
    """Decimals of a value as given (a target of 20 is written 20 %, not 20,00 %)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


_NAME_WIDTH: Final = 36


def _short(text: str, width: int = _NAME_WIDTH) -> str:
    text = terminal_text(text)  # escaped before it is measured, so that the columns line up
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
