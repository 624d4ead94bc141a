"""The words of the reports, in Vietnamese and English (private).

One table per language, key by key: the column headers, captions and sentences of the terminal
table, the charts and the HTML report. The ``"en"`` table is the English translation of the
``"vi"`` one.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from tthc.errors import InvalidValueError

__all__ = ["MISSING_KEY", "labels", "nfc", "problem_text"]

MISSING_KEY: Final = "(none)"
"""The key of rows whose group value is missing (see `tthc.analytics.tables.MISSING_KEY`)."""

# Column and text labels. The "en" table is the English translation of the "vi" one, key by key.
_LABELS: Final[dict[str, dict[str, str]]] = {
    "vi": {
        "language": "vi",
        # the key of rows without a value in a group column: "(none)"
        "missing_key": "(không có)",
        # "Report on the progress of dossier handling"
        "title": "Báo cáo tiến độ giải quyết hồ sơ",
        "agency": "Đơn vị",
        "procedure": "Thủ tục",
        "month": "Tháng",
        # the province and the commune of today (after the 2025 reorganisation)
        "province": "Tỉnh",
        "commune": "Xã",
        "quarter": "Quý",
        "year": "Năm",
        "name": "Tên thủ tục",
        "received": "Tiếp nhận",
        "finished": "Đã giải quyết",
        "early": "Trước hạn",
        "on_time": "Đúng hạn",
        "late": "Quá hạn",
        "within_time": "Trong hạn",
        "overdue": "Đang quá hạn",
        "unclassified": "Không phân loại",
        "invalid": "Không hợp lệ",
        "on_time_rate": "Tỷ lệ 2.1 (%)",
        "finished_on_time_rate": "GQ đúng hạn (%)",
        "online_share": "Trực tuyến (%)",
        "total": "Tổng",
        "source": "Nguồn",
        "as_of": "Tính đến",
        # "end of day"
        "end_of_day": "hết ngày",
        "rows": "Số dòng",
        # the rule of indicator 2.1 and how its rates are shown
        "rule": "Chỉ số 2.1 = (trước hạn + đúng hạn + trong hạn) / tiếp nhận; "
        "N/A khi mẫu số bằng 0; làm tròn 2 chữ số thập phân (nửa lên).",
        "by_month": "Theo tháng",
        "by_agency": "Theo đơn vị",
        "by_procedure": "Theo thủ tục",
        # by the units that exist today
        "by_province": "Theo tỉnh (đơn vị hành chính hiện nay)",
        "by_commune": "Theo xã (đơn vị hành chính hiện nay)",
        "overall": "Toàn bộ",
        "invalid_rows": "Dòng không hợp lệ",
        "no_invalid": "Không có dòng không hợp lệ.",
        "row": "Dòng",
        "problems": "Lỗi",
        "coverage": "Dịch vụ công trực tuyến theo mức độ",
        "procedures": "Thủ tục",
        "full": "Toàn trình",
        "partial": "Một phần",
        "none": "Không có DVCTT",
        "eligible": "Đủ điều kiện toàn trình",
        "full_of_eligible": "Toàn trình / đủ điều kiện",
        "not_full": "Chưa toàn trình",
        "online": "Có DVCTT",
        "chart_month": "Tỷ lệ giải quyết đúng hạn theo tháng",
        "chart_shares": "Hồ sơ đã giải quyết: trước hạn, đúng hạn, quá hạn",
        "percent_finished": "% hồ sơ đã giải quyết",
        "percent": "%",
        "no_data": "Không có dữ liệu",
        # the first n rows
        "first_rows": "{n} dòng đầu tiên:",
        # and n more groups
        "more": "… và {n} nhóm khác",
        "charts": "Biểu đồ",
        # progress lines: reading, classifying, counting, listing, drawing, writing
        "progress_reading": "đọc {path}",
        "progress_classifying": "phân loại {rows} hồ sơ",
        "progress_counting_all": "đếm toàn bộ bảng",
        "progress_counting_by": "đếm theo {key}",
        "progress_invalid": "liệt kê các dòng không hợp lệ",
        "progress_steps": "tính thời gian các bước xử lý",
        "progress_charts": "chuẩn bị biểu đồ",
        "progress_drawing": "vẽ {name}",
        "progress_writing": "ghi {name}",
        "generated": "Tạo bởi tthc",
    },
    "en": {
        "language": "en",
        "missing_key": MISSING_KEY,
        "title": "Dossier timeliness report",
        "agency": "Agency",
        "procedure": "Procedure",
        "month": "Month",
        "province": "Province",
        "commune": "Commune",
        "quarter": "Quarter",
        "year": "Year",
        "name": "Procedure name",
        "received": "Received",
        "finished": "Finished",
        "early": "Early",
        "on_time": "On time",
        "late": "Late",
        "within_time": "Within time",
        "overdue": "Overdue",
        "unclassified": "Unclassified",
        "invalid": "Invalid",
        "on_time_rate": "Rate 2.1 (%)",
        "finished_on_time_rate": "Finished on time (%)",
        "online_share": "Online (%)",
        "total": "Total",
        "source": "Source",
        "as_of": "As of",
        "end_of_day": "end of day",
        "rows": "Rows",
        "rule": "Indicator 2.1 = (early + on time + within time) / received; "
        "N/A when the denominator is 0; 2 decimals, rounded half-up.",
        "by_month": "By month",
        "by_agency": "By agency",
        "by_procedure": "By procedure",
        "by_province": "By province (the units of today)",
        "by_commune": "By commune (the units of today)",
        "overall": "Overall",
        "invalid_rows": "Invalid rows",
        "no_invalid": "No invalid rows.",
        "row": "Row",
        "problems": "Problems",
        "coverage": "Online public services by level",
        "procedures": "Procedures",
        "full": "Full",
        "partial": "Partial",
        "none": "No online service",
        "eligible": "Eligible for full",
        "full_of_eligible": "Full / eligible",
        "not_full": "Not full",
        "online": "Online service",
        "chart_month": "On-time rate by month",
        "chart_shares": "Finished dossiers: early, on time, late",
        "percent_finished": "% of finished dossiers",
        "percent": "%",
        "no_data": "No data",
        "first_rows": "the first {n} rows:",
        "more": "… and {n} more groups",
        "charts": "Charts",
        "progress_reading": "reading {path}",
        "progress_classifying": "classifying {rows} dossiers",
        "progress_counting_all": "counting the whole table",
        "progress_counting_by": "counting by {key}",
        "progress_invalid": "listing the invalid rows",
        "progress_steps": "timing the steps",
        "progress_charts": "preparing the charts",
        "progress_drawing": "drawing {name}",
        "progress_writing": "writing {name}",
        "generated": "Made with tthc",
    },
}


def labels(language: str) -> dict[str, str]:
    """The labels of ``language`` (``"vi"`` or ``"en"``).

    Raises:
        InvalidValueError: Another language.
    """
    if language not in _LABELS:
        raise InvalidValueError("tthc.analytics(language)", language, "'vi' or 'en'")
    return _LABELS[language]


# The problems of a bad row, which tthc.analytics.timeliness words in English after the column's
# name, in Vietnamese: (a pattern of the English ending, its Vietnamese translation). Each pair
# reads as its own English gloss; a group such as (\S+) is a column named in the problem.
_PROBLEMS_VI: Final = (
    (r"not a dossier status code \(1-10\)", "không phải mã trạng thái hồ sơ (1-10)"),
    (r"not an instant", "không đọc được là thời điểm"),
    (r"not a whole number >= 0", "không phải số nguyên >= 0"),
    (
        r"given for status 1 \(submitted, not received\)",
        "có giá trị khi trạng thái là 1 (mới nộp, chưa tiếp nhận)",
    ),
    (
        r"missing for a status that needs a receipt (\([0-9, ]+\))",
        r"để trống dù trạng thái cần thời điểm tiếp nhận \1",
    ),
    (r"missing for a received dossier", "để trống với hồ sơ đã tiếp nhận"),
    (
        r"missing for a status that ends processing (\([0-9, ]+\))",
        r"để trống dù trạng thái đã kết thúc xử lý \1",
    ),
    (r"given for an unfinished status (\([0-9, ]+\))", r"có giá trị khi hồ sơ chưa xong \1"),
    (
        r"missing for status 5 \(waiting for a supplement\)",
        "để trống khi trạng thái là 5 (chờ bổ sung)",
    ),
    (r"before (\S+) for status 5", r"trước \1 khi trạng thái là 5"),
    (r"before (\S+)", r"trước \1"),
    (
        r"missing column, needed for status 5 \(waiting for a supplement\)",
        "thiếu cột, cần cho trạng thái 5 (chờ bổ sung)",
    ),
)


def problem_text(problem: str, language: str) -> str:
    """A bad row's problem (``"finished_at: before received_at"``) in ``language``.

    Examples:
        >>> problem_text("finished_at: before received_at", "vi")
        'finished_at: trước received_at'
        >>> problem_text("status: not a dossier status code (1-10)", "en")
        'status: not a dossier status code (1-10)'
    """
    if language != "vi":
        return problem
    column, sep, ending = problem.partition(": ")
    if not sep:
        return problem
    for english, vietnamese in _PROBLEMS_VI:
        if re.fullmatch(english, ending):
            return f"{column}: {re.sub(english, vietnamese, ending)}"
    return problem


def nfc(value: object) -> str:
    """``str(value)`` in Unicode normal form C (keys and names from data may come decomposed)."""
    return unicodedata.normalize("NFC", str(value))
