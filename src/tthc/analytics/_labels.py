"""The words of the reports, in Vietnamese and English (private).

One table per language, key by key: the column headers, captions and sentences of the terminal
table, the charts and the HTML report. The ``"en"`` table is the English translation of the
``"vi"`` one.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from tthc.errors import InvalidValueError

__all__ = ["MISSING_KEY", "labels", "nfc"]

MISSING_KEY: Final = "(none)"
"""The key of rows whose group value is missing (see `tthc.analytics.tables.MISSING_KEY`)."""

# Column and text labels. The "en" table is the English translation of the "vi" one, key by key.
_LABELS: Final[dict[str, dict[str, str]]] = {
    "vi": {
        # "Report on the progress of dossier handling"
        "title": "Báo cáo tiến độ giải quyết hồ sơ",
        "agency": "Đơn vị",
        "procedure": "Thủ tục",
        "month": "Tháng",
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
        "more": "… và {n:,} nhóm khác",
        "charts": "Biểu đồ",
        "generated": "Tạo bởi tthc",
    },
    "en": {
        "title": "Dossier timeliness report",
        "agency": "Agency",
        "procedure": "Procedure",
        "month": "Month",
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
        "more": "… and {n:,} more groups",
        "charts": "Charts",
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


def nfc(value: object) -> str:
    """``str(value)`` in Unicode normal form C (keys and names from data may come decomposed)."""
    return unicodedata.normalize("NFC", str(value))
