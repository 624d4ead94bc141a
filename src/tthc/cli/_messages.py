"""The command line's own words, in Vietnamese and English: one language per output.

Every text the ``tthc`` command writes for people (answers, labels, progress lines, error
messages of its own) comes from here, chosen by ``--lang``. Vietnamese is the default: the
command is read by clerks at one-stop desks. Names of official documents, of days off and of
procedures are data and stay as published.

This module imports nothing outside the standard library, so that every command can use it.
"""

from __future__ import annotations

import argparse
from typing import Final, Literal, TypeAlias

__all__ = ["LANGUAGES", "Lang", "OutputThenFail", "UsageError", "say"]

Lang: TypeAlias = Literal["vi", "en"]
"""The languages of the command's output."""

LANGUAGES: Final = ("vi", "en")

# Vietnamese first; each key has both languages (checked by the tests).
_TEXT: Final[dict[str, dict[str, str]]] = {
    "vi": {
        # Readers of the command line.
        "not_a_date": "{text!r} không phải là một ngày có thật",
        "date_expected": "cần một ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd (ví dụ 12/01/2026), nhận được {text!r}",
        "instant_expected": (
            "cần một thời điểm dạng 'dd/mm/yyyy HH:MM' (có thể thêm ':SS') hoặc ISO "
            "('2026-01-12T09:00+07:00'), nhận được {text!r}"
        ),
        "year_expected": "cần một năm, ví dụ 2026, nhận được {text!r}",
        "as_of_too_late": "cần một ngày trước 31/12/9999, nhận được {text!r}",
        "amount_expected": "cần một số viết liền, ví dụ 5280000 hoặc 0.5 (không có dấu phân cách), nhận được {text!r}",
        "role_column_expected": "cần VAI_TRÒ=CỘT, ví dụ status=TrangThaiHoSo, nhận được {text!r}",
        "percent_expected": "cần một tỷ lệ phần trăm từ 0 đến 100, ví dụ 1 hoặc 0.5, nhận được {text!r}",
        # Errors of the commands.
        "argument": "tham số",
        "see_help": "Xem: {prog} --help",
        "duration_expected": (
            "thời hạn {text!r} không đọc được: viết như trên văn bản, ví dụ '5 ngày làm việc', "
            "'30 ngày', '4 giờ làm việc', '3 tháng', '0,5 ngày làm việc' hoặc 'trong ngày'"
        ),
        "office_hours_expected": (
            "giờ làm việc {text!r} không đọc được: viết các buổi cách nhau bởi dấu phẩy, "
            "ví dụ '08:00-12:00,13:00-17:00'"
        ),
        "round_expected": "--round {value}: cần một ước của 60 phút (5, 10, 15, 30…)",
        "half_calendar_day": (
            "thời hạn {text!r} là một phần ngày theo lịch, không tính được thành ngày trọn vẹn; "
            "nếu thời hạn tính theo ngày làm việc, viết '{working}', hoặc ghi theo giờ ('{hours}')"
        ),
        "receipt_needs_time": (
            "ngày tiếp nhận {text!r} chưa có giờ: cách tính theo giờ làm việc cần giờ tiếp nhận "
            "(ví dụ '{text} 09:00'); nếu tính theo Bộ luật Dân sự (không tính ngày tiếp nhận), "
            "thêm --policy civil-code"
        ),
        "receipt_time_needed_for_unit": (
            "ngày tiếp nhận {text!r} chưa có giờ: thời hạn '{duration}' tính theo giờ, "
            "cần giờ tiếp nhận (ví dụ '{text} 09:00')"
        ),
        "no_folder": "thư mục {folder!r} không tồn tại: tạo thư mục trước hoặc chọn thư mục khác",
        "file_problem": "tệp {path!r}: {reason}",
        "too_many_invalid": (
            "{invalid} trên {rows} dòng ({share}) không hợp lệ, vượt ngưỡng {limit} "
            "(--max-invalid): các tỷ lệ trên không đáng tin."
        ),
        "invalid_help": (
            "Thời điểm trong bảng được đọc ở dạng ISO ('2023-01-09T16:30:00+07:00' hoặc không có "
            "múi giờ) hoặc 'dd/mm/yyyy HH:MM[:SS]'. Thời điểm không có múi giờ cần --tz "
            "Asia/Ho_Chi_Minh (giờ Việt Nam) hoặc --tz UTC; một dạng khác đọc được với "
            "--time-format, ví dụ --time-format '%d-%m-%Y %H:%M'; cột mang tên khác đọc được với "
            "--column VAI_TRÒ=CỘT, ví dụ --column received_at=NgayTiepNhan."
        ),
        "appointment": "Ngày hẹn trả kết quả",
        # tthc calendar.
        "working_days_word": "ngày làm việc",
        "between": "{count} ngày làm việc từ {start} đến {end} (không tính ngày đầu, tính ngày cuối)",
        "year_status_official": "chính thức",
        "year_status_provisional": "tạm tính",
        "entries": "{count} mục",
        "day_off": "nghỉ",
        "worked_day": "làm bù",
        "week": "Tuần",
        "weekdays_short": "T2  T3  T4  T5  T6  T7  CN",
        "view_legend": "* ngày nghỉ   + ngày cuối tuần làm bù; nguồn: tthc calendar year",
        "written": "đã ghi",
        "calendar_written": "{days} ngày ({first}-{last}) đã ghi vào {path} ({format})",
        "schema_written": "JSON Schema của định dạng {format} đã ghi vào {path}",
        # tthc report.
        "naive_needs_tz": (
            "cột {column!r} có thời điểm không kèm múi giờ: cho biết đó là giờ nào "
            "bằng --tz Asia/Ho_Chi_Minh (giờ Việt Nam) hoặc --tz UTC"
        ),
        "month_first": (
            "cột {column!r} ghi tháng trước ngày ({value!r}, dòng {rows}): ở Việt Nam ngày được "
            "ghi trước (dd/mm/yyyy) và cột này không được đoán; nếu cột ghi tháng trước, cho "
            "biết bằng --time-format '%m/%d/%Y %H:%M'"
        ),
        "progress_reading": "đọc {path}",
        "progress_done": "xong",
        # tthc sample.
        "sample_written": "Đã ghi dữ liệu mẫu vào {folder}:",
        "sample_next": "Thử:",
        "sample_needs_pandas": (
            "  ({name} chưa được ghi: cần pandas, cài bằng pip install 'tthc[pandas,parquet,charts]')"
        ),
        "file_exists": "{path!r} đã có: chọn thư mục khác hoặc thêm --force để ghi đè",
        "rows_expected": "--rows {value}: cần ít nhất 1 dòng",
    },
    "en": {
        "not_a_date": "{text!r} is not a date",
        "date_expected": "expected a date as dd/mm/yyyy or yyyy-mm-dd (e.g. 12/01/2026), got {text!r}",
        "instant_expected": (
            "expected a time as 'dd/mm/yyyy HH:MM' (':SS' allowed) or ISO "
            "('2026-01-12T09:00+07:00'), got {text!r}"
        ),
        "year_expected": "expected a year such as 2026, got {text!r}",
        "as_of_too_late": "expected a date before 31/12/9999, got {text!r}",
        "amount_expected": "expected a plain number such as 5280000 or 0.5 (no separators), got {text!r}",
        "role_column_expected": "expected ROLE=COLUMN such as status=TrangThaiHoSo, got {text!r}",
        "percent_expected": "expected a percentage from 0 to 100 such as 1 or 0.5, got {text!r}",
        "argument": "argument",
        "see_help": "See: {prog} --help",
        "duration_expected": (
            "cannot read the processing time {text!r}: write it as published, e.g. "
            "'5 ngày làm việc', '30 ngày', '4 giờ làm việc', '3 tháng', '0,5 ngày làm việc' "
            "or 'trong ngày'"
        ),
        "office_hours_expected": (
            "cannot read the office hours {text!r}: give the periods separated by commas, "
            "e.g. '08:00-12:00,13:00-17:00'"
        ),
        "round_expected": "--round {value}: expected a divisor of 60 minutes (5, 10, 15, 30, ...)",
        "half_calendar_day": (
            "the processing time {text!r} is part of a calendar day, which cannot be counted in "
            "whole days; if it counts working days write '{working}', or give hours ('{hours}')"
        ),
        "receipt_needs_time": (
            "the receipt {text!r} has no time: the working-time policy counts from the receipt "
            "time (e.g. '{text} 09:00'); to count under the Civil Code (the receipt day not "
            "counted) add --policy civil-code"
        ),
        "receipt_time_needed_for_unit": (
            "the receipt {text!r} has no time: the processing time '{duration}' counts hours, "
            "so it needs the receipt time (e.g. '{text} 09:00')"
        ),
        "no_folder": "the folder {folder!r} does not exist: create it first or choose another",
        "file_problem": "file {path!r}: {reason}",
        "too_many_invalid": (
            "{invalid} of {rows} rows ({share}) are invalid, more than the limit of {limit} "
            "(--max-invalid): the rates above cannot be relied on."
        ),
        "invalid_help": (
            "Instants in the table are read as ISO ('2023-01-09T16:30:00+07:00' or without an "
            "offset) or 'dd/mm/yyyy HH:MM[:SS]'. Instants without an offset need --tz "
            "Asia/Ho_Chi_Minh (Vietnam time) or --tz UTC; another layout is read with "
            "--time-format, e.g. --time-format '%d-%m-%Y %H:%M'; a column under another name is "
            "read with --column ROLE=COLUMN, e.g. --column received_at=NgayTiepNhan."
        ),
        "appointment": "Appointment date",
        "working_days_word": "working days",
        "between": "{count} working days from {start} to {end} (start day excluded, end day included)",
        "year_status_official": "official",
        "year_status_provisional": "provisional",
        "entries": "{count} entries",
        "day_off": "day off",
        "worked_day": "worked",
        "week": "Week",
        "weekdays_short": "Mo  Tu  We  Th  Fr  Sa  Su",
        "view_legend": "* day off   + weekend day worked; sources: tthc calendar year",
        "written": "written",
        "calendar_written": "{days} days ({first}-{last}) written to {path} ({format})",
        "schema_written": "JSON Schema of the {format} format written to {path}",
        "naive_needs_tz": (
            "the column {column!r} has instants without an offset: say what they "
            "mean with --tz Asia/Ho_Chi_Minh (Vietnam time) or --tz UTC"
        ),
        "month_first": (
            "the column {column!r} writes the month before the day ({value!r}, rows {rows}): "
            "dates in Vietnam are written day first (dd/mm/yyyy) and the column is not "
            "guessed; if it is written month first, say so with --time-format '%m/%d/%Y %H:%M'"
        ),
        "progress_reading": "reading {path}",
        "progress_done": "done",
        "sample_written": "Sample data written to {folder}:",
        "sample_next": "Try:",
        "sample_needs_pandas": (
            "  ({name} not written: it needs pandas, pip install 'tthc[pandas,parquet,charts]')"
        ),
        "file_exists": "{path!r} exists: choose another folder or add --force to overwrite it",
        "rows_expected": "--rows {value}: expected at least 1 row",
    },
}


def say(lang: str, key: str, **values: object) -> str:
    """The text ``key`` in ``lang`` (``"vi"`` or ``"en"``), filled with ``values``."""
    return _TEXT["en" if lang == "en" else "vi"][key].format(**values)


class UsageError(argparse.ArgumentTypeError):
    """Bad input, with a message already in the user's language and terms (exit code 2).

    It is an ``argparse.ArgumentTypeError``, so the argument readers can raise it too; the
    command catches it and prints the message; it never leaves ``tthc.cli.main``.
    """


class OutputThenFail(Exception):  # noqa: N818 - a signal inside the command, not an error type
    """The command has an output to print, and then fails with ``message`` (exit code 2).

    ``tthc report`` raises it when too many rows are invalid: the report and its list of bad
    rows are printed, so that the user sees what went wrong, but a script sees the failure.
    It never leaves ``tthc.cli.main``.
    """

    def __init__(self, data: object, text: str, message: str) -> None:
        super().__init__(message)
        self.data = data
        self.text = text
        self.message = message
