"""Tests of tthc.io: the converter's hooks, load_procedures / dump_procedures, safety, fuzzing."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import cattrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from procedure_strategies import json_values, procedures

from tthc.deadlines import VN_TZ
from tthc.durations import Duration
from tthc.errors import DurationParseError, InvalidValueError, LoadError
from tthc.io import (
    DEFAULT_MAX_BYTES,
    configure_converter,
    dump_procedures,
    load_procedures,
    make_converter,
)
from tthc.procedures import (
    AuthorityLevel,
    Channel,
    ChannelOption,
    Fee,
    FeeKind,
    Procedure,
    ProcedureCase,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXAMPLE = FIXTURES / "procedures_example.json"

C = make_converter()


def minimal(**kw: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"code": "0.000001", "name": "Thủ tục (ví dụ)", "cases": [{}]}
    record.update(kw)
    return record


def problems(source: Any, **kw: Any) -> list[str]:
    with pytest.raises(LoadError) as info:
        load_procedures(source, **kw)
    return info.value.problems


class TestHooks:
    """configure_converter: JSON types only, exact decimals, ISO dates, aware instants, Duration text."""

    @pytest.mark.parametrize(
        ("value", "target"),
        [(5, str), ("5", int), (True, int), (1, bool), ("true", bool), (None, str), (1.5, int)],
        ids=[
            "int-for-str",
            "str-for-int",
            "bool-for-int",
            "int-for-bool",
            "str-for-bool",
            "null-for-str",
            "float-for-int",
        ],
    )
    def test_primitives_are_not_coerced(self, value, target):
        """cattrs' default coercion (int("5"), str(5), bool("false")) is replaced by a type check."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(value))):
            C.structure(value, target)

    def test_global_converter_is_untouched(self):
        """Configuring converters never changes cattrs.global_converter."""
        make_converter()
        assert cattrs.structure("5", int) == 5

    def test_decimal_round_trip(self):
        """Decimals are written as fixed-point strings and read back exactly."""
        assert C.unstructure(Decimal("8E+3")) == "8000"
        assert C.unstructure(Decimal("0.50")) == "0.50"
        assert C.structure("1250000.5", Decimal) == Decimal("1250000.5")
        assert C.structure(8000, Decimal) == Decimal(8000)

    @pytest.mark.parametrize("bad", [0.1, "1e3", "8.000,5", " 8", "NaN", "", True])
    def test_decimal_refused(self, bad):
        """Floats, exponents, grouping, blanks and NaN are refused for an exact amount."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))):
            C.structure(bad, Decimal)

    def test_dates(self):
        """Dates are ISO 8601 YYYY-MM-DD both ways."""
        assert C.structure("2026-01-05", dt.date) == dt.date(2026, 1, 5)
        assert C.unstructure(dt.date(2026, 1, 5)) == "2026-01-05"

    @pytest.mark.parametrize(
        "bad",
        ["20260105", "2026-1-5", "2026-13-01", "05/01/2026", 20260105],
        ids=["compact", "unpadded", "month-13", "day-first", "number"],
    )
    def test_dates_refused(self, bad):
        """Other date spellings and impossible dates are refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))):
            C.structure(bad, dt.date)

    def test_instants_are_aware_and_in_vietnam_time(self):
        """Instants need an offset; they are read and written in Vietnam time (+07:00)."""
        instant = C.structure("2026-01-05T01:00:00Z", dt.datetime)
        assert instant == dt.datetime(2026, 1, 5, 8, 0, tzinfo=VN_TZ)
        assert instant.utcoffset() == dt.timedelta(hours=7)
        assert C.unstructure(instant) == "2026-01-05T08:00:00+07:00"

    @pytest.mark.parametrize("bad", ["2026-01-05T08:00:00", "2026-01-05", 1767571200])
    def test_naive_instants_refused(self, bad):
        """An instant without an offset is refused rather than guessed."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))):
            C.structure(bad, dt.datetime)

    def test_duration_as_text(self):
        """A Duration is its canonical text, read back with Duration.parse."""
        d = Duration.same_day(cutoff=dt.time(15))
        assert C.structure(C.unstructure(d), Duration) == d
        assert C.structure("Không quá 05 ngày làm việc", Duration) == Duration.working_days(5)

    def test_duration_errors_keep_their_message(self):
        """A text that is not a processing time raises DurationParseError quoting it."""
        with pytest.raises(DurationParseError, match=re.escape(repr("sớm"))):
            C.structure("sớm", Duration)
        with pytest.raises(InvalidValueError, match=re.escape(repr(5))):
            C.structure(5, Duration)

    @pytest.mark.parametrize(
        ("value", "target", "expected"),
        [
            (2, Channel, Channel.ONLINE),
            ("province", AuthorityLevel, AuthorityLevel.PROVINCE),
            ("charge", FeeKind, FeeKind.CHARGE),
        ],
    )
    def test_enums_by_code(self, value, target, expected):
        """National codes are JSON integers; other enums are their English values."""
        assert C.structure(value, target) is expected
        assert C.unstructure(expected) == value

    @pytest.mark.parametrize(
        ("value", "target"),
        [
            ("2", Channel),
            (True, Channel),
            (2.0, Channel),
            (4, Channel),
            ("PROVINCE", AuthorityLevel),
        ],
        ids=["text-code", "bool-code", "float-code", "unknown-code", "member-name"],
    )
    def test_enums_refused(self, value, target):
        """A code of the wrong JSON type, an unknown code or a member name is refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(value))):
            C.structure(value, target)

    def test_a_text_is_not_a_list(self):
        """A text where a list is expected is refused, not split into characters."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("abc"))):
            C.structure("abc", tuple[str, ...])

    def test_configure_converter_on_a_plain_converter(self):
        """configure_converter works on any cattrs.Converter."""
        c = cattrs.Converter()
        configure_converter(c)
        option = ChannelOption(channel=Channel.POSTAL, processing_time=Duration.calendar_days(30))
        assert c.structure(c.unstructure(option), ChannelOption) == option


class TestLoad:
    """load_procedures: a path, JSON text or records in; every problem reported with its path."""

    def test_example_file_round_trips_exactly(self):
        """The example file loads and dumps back to the same text, byte for byte."""
        text = EXAMPLE.read_text(encoding="utf-8")
        loaded = load_procedures(EXAMPLE)
        assert [p.code for p in loaded] == ["1.001193", "0.000001", "0.000002", "0.000003"]
        assert dump_procedures(loaded) + "\n" == text

    def test_sources(self):
        """A path (str or Path), str or bytes JSON text, and an iterable of dicts all load."""
        text = EXAMPLE.read_text(encoding="utf-8")
        expected = load_procedures(EXAMPLE)
        assert load_procedures(str(EXAMPLE)) == expected
        assert load_procedures(text) == expected
        assert load_procedures(text.encode()) == expected
        assert load_procedures(iter(json.loads(text))) == expected
        assert load_procedures("  \n []") == []

    def test_byte_order_mark_is_accepted(self, tmp_path):
        """A file that starts with a UTF-8 byte order mark loads."""
        path = tmp_path / "bom.json"
        path.write_bytes(b"\xef\xbb\xbf" + json.dumps([minimal()]).encode())
        assert [p.code for p in load_procedures(path)] == ["0.000001"]

    def test_unknown_keys_are_refused(self):
        """A key that is not a field is refused at its record's path."""
        bad = minimal(cases=[{"name": "A", "colour": "red"}])
        assert problems([bad]) == [
            "$[0].cases[0]: unknown keys 'colour' (not fields of ProcedureCase)"
        ]

    def test_missing_key(self):
        """A required key missing is reported at its path."""
        record = minimal()
        del record["name"]
        assert problems([record]) == ["$[0].name: required key missing"]

    def test_all_problems_at_once(self):
        """Every problem of every record is reported in one LoadError, in document order."""
        records = [
            minimal(),
            minimal(code="1.1193", name=" "),
            minimal(),
            minimal(
                cases=[
                    {
                        "channels": [
                            {"channel": 1, "processing_time": "5 ngày làm việc"},
                            {"channel": "2", "processing_time": "5 ngay lam"},
                        ]
                    },
                    {"name": "B", "components": [{"name": "Đơn", "copies": -1}]},
                ],
                authority_levels=["district", "district"],
                extra=1,
            ),
            minimal(
                cases=[
                    {
                        "channels": [
                            {"channel": 2, "processing_time": "3 ngày", "fees": [{"amount": 5.5}]}
                        ]
                    }
                ]
            ),
        ]
        assert problems(records) == [
            "$[1].code: Procedure.code: expected a procedure code like '1.001193' (one digit, a dot, six digits), got '1.1193'",
            "$[1].name: Procedure.name: expected a non-blank text, got ' '",
            "$[3].authority_levels: Procedure.authority_levels: expected each authority level once, got (<AuthorityLevel.DISTRICT: 'district'>, <AuthorityLevel.DISTRICT: 'district'>)",
            "$[3].cases[0].channels[1].channel: expected one of 1 (IN_PERSON), 2 (ONLINE), 3 (POSTAL) (Channel), got '2'",
            "$[3].cases[0].channels[1].processing_time: Duration.parse(text): expected a processing time such as '5 ngày làm việc', '30 ngày', '04 giờ làm việc', '03 tháng' or 'trong ngày', got '5 ngay lam'",
            "$[3].cases[1].components[0].copies: Component.copies: expected a whole number >= 0, got -1",
            "$[3]: unknown keys 'extra' (not fields of Procedure)",
            '$[4].cases[0].channels[0].fees[0].amount: expected an exact decimal number written as a JSON string, such as "8000" or "0.5" (a JSON float is inexact), got 5.5',
        ]

    def test_cross_field_problem_at_the_later_field(self):
        """A rule across two fields is reported at the field checked last."""
        record = minimal(valid_from="2025-01-02", valid_to="2025-01-01")
        assert problems([record]) == [
            "$[0].valid_to: Procedure.valid_to: expected a date on or after valid_from (2025-01-02), got datetime.date(2025, 1, 1)"
        ]

    def test_not_an_array(self):
        """The document must be a JSON array of procedures."""
        assert problems('{"code": "1.001193"}') == [
            "$: expected a list (JSON array), got {'code': '1.001193'}"
        ]

    def test_not_an_object(self):
        """Each procedure must be a JSON object."""
        assert problems("[[1, 2]]") == [
            "$[0]: expected an object (JSON object) for Procedure, got [1, 2]"
        ]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("[1,", "$: not valid JSON: Expecting value (line 1, column 4)"),
            ("[NaN]", "$: not valid JSON: NaN is not a JSON number"),
            ("[Infinity]", "$: not valid JSON: Infinity is not a JSON number"),
            ("[" * 100_000 + "]" * 100_000, "$: not readable JSON: nested too deeply"),
        ],
        ids=["truncated", "nan", "infinity", "deep"],
    )
    def test_not_json(self, text, expected):
        """Text that is not JSON (RFC 8259) is one problem naming where it breaks."""
        assert problems(text) == [expected]

    def test_integer_with_too_many_digits(self):
        """A JSON integer beyond Python's digit limit is a LoadError, not a ValueError."""
        [line] = problems("[" + "9" * 5000 + "]")
        assert line.startswith("$: not valid JSON: Exceeds the limit")

    def test_not_utf8(self, tmp_path):
        """A file that is not UTF-8 is refused."""
        path = tmp_path / "latin1.json"
        path.write_bytes('["Thủ tục"]'.encode("utf-16"))
        [line] = problems(path)
        assert line.startswith("$: not UTF-8 text")

    def test_missing_file(self, tmp_path):
        """A file that cannot be read is a LoadError naming the file."""
        path = tmp_path / "absent.json"
        with pytest.raises(LoadError) as info:
            load_procedures(path)
        assert info.value.source == str(path)
        assert info.value.problems == ["$: cannot read the file: No such file or directory"]

    def test_path_with_nul(self):
        """A path with a NUL character is a LoadError, not a ValueError."""
        [line] = problems("bad\x00path.json")
        assert line.startswith("$: cannot read the file")

    @pytest.mark.parametrize("bad", [42, {"code": "1.001193"}, None])
    def test_bad_source_type(self, bad):
        """A source that is neither a path, JSON text nor an iterable of records is refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            load_procedures(bad)
        assert info.value.field == "source"

    @pytest.mark.parametrize("bad", [-1, 1.5, None, True])
    def test_bad_max_bytes(self, bad):
        """max_bytes must be a whole number of bytes."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            load_procedures("[]", max_bytes=bad)
        assert info.value.field == "max_bytes"

    def test_load_error_pickles(self):
        """A LoadError survives pickling with its source and problems."""
        with pytest.raises(LoadError) as info:
            load_procedures("[1,")
        again = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own bytes
        assert (again.source, again.problems) == (info.value.source, info.value.problems)

    def test_nothing_is_executed(self):
        """Keys that other serialisers treat as code are plain unknown keys; text stays text."""
        payload = [minimal(**{"py/object": "os.system", "__class__": "x"})]
        assert problems(payload) == [
            "$[0]: unknown keys '__class__', 'py/object' (not fields of Procedure)"
        ]
        [p] = load_procedures([minimal(extensions={"!!python/object": "os.system"})])
        assert p.extensions == {"!!python/object": "os.system"}


class TestSizeLimit:
    """Files over max_bytes (100 MB by default) are refused before they are read."""

    def test_default_limit_is_100_mb(self):
        """The default limit is 100 MB."""
        assert DEFAULT_MAX_BYTES == 100_000_000

    def test_large_sparse_file_is_refused_before_reading(self, tmp_path):
        """A 100 MB + 1 byte file is refused from its size alone (a sparse file: cheap)."""
        path = tmp_path / "big.json"
        with path.open("wb") as fh:
            fh.truncate(DEFAULT_MAX_BYTES + 1)
        with pytest.raises(LoadError) as info:
            load_procedures(path)
        assert info.value.problems == [
            (
                "$: the input has 100,000,001 bytes or more, over the limit of 100,000,000 "
                "(max_bytes); split it, or pass a larger max_bytes if you trust its source"
            )
        ]

    def test_configurable_limit(self, tmp_path):
        """A smaller limit refuses a small file; a file at the limit loads."""
        path = tmp_path / "p.json"
        text = json.dumps([minimal()])
        path.write_text(text, encoding="utf-8")
        size = len(text.encode())
        assert len(load_procedures(path, max_bytes=size)) == 1
        [line] = problems(path, max_bytes=size - 1)
        assert line.startswith(f"$: the input has {size:,} bytes or more")

    def test_text_limit(self):
        """JSON text longer than the limit is refused too."""
        [line] = problems("[]   ", max_bytes=4)
        assert line.startswith("$: the input has 5 characters or more")

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
    def test_endless_special_file_is_cut_at_the_limit(self):
        """A file that reports no size (a device) is read only up to the limit."""
        [line] = problems("/dev/zero", max_bytes=1000)
        assert line.startswith("$: the input has 1,001 bytes or more")


class TestDump:
    """dump_procedures: the library's JSON, defaults left out, Vietnamese unescaped, atomic files."""

    def test_defaults_are_left_out(self):
        """A minimal procedure dumps as its code, name and cases only."""
        p = Procedure(code="0.000001", name="Thủ tục (ví dụ)", cases=[ProcedureCase()])
        assert json.loads(dump_procedures([p])) == [minimal()]

    def test_vietnamese_is_not_escaped(self):
        """Text is written as UTF-8, not as \\u escapes."""
        p = Procedure(code="0.000001", name="Đăng ký", cases=[ProcedureCase()])
        assert "Đăng ký" in dump_procedures([p], indent=None)

    def test_fee_amount_is_a_string(self):
        """Amounts are exact decimal strings in the file."""
        fee = Fee(kind=FeeKind.CHARGE, amount=Decimal("8000.50"))
        option = ChannelOption(channel=Channel.ONLINE, processing_time=None, fees=[fee])
        p = Procedure(code="0.000001", name="x", cases=[ProcedureCase(channels=[option])])
        data = json.loads(dump_procedures([p]))
        assert data[0]["cases"][0]["channels"][0]["fees"][0] == {
            "kind": "charge",
            "amount": "8000.50",
        }

    def test_writes_a_file_atomically(self, tmp_path):
        """With a path, the text is written with a final newline and no temporary file is left."""
        path = tmp_path / "out.json"
        path.write_text("old", encoding="utf-8")
        path.chmod(0o640)
        procedures_ = load_procedures(EXAMPLE)
        text = dump_procedures(procedures_, path)
        assert path.read_text(encoding="utf-8") == text + "\n"
        assert [child.name for child in tmp_path.iterdir()] == ["out.json"]
        assert path.stat().st_mode & 0o777 == 0o640
        assert load_procedures(path) == procedures_

    def test_refuses_other_objects(self):
        """Only Procedure records are dumped."""
        p = Procedure(code="0.000001", name="x", cases=[ProcedureCase()])
        with pytest.raises(InvalidValueError, match=re.escape(repr("x"))) as info:
            dump_procedures([p, "x"])  # type: ignore[list-item]
        assert info.value.field == "dump_procedures(procedures)[1]"


class TestRoundTripProperties:
    """structure(unstructure(x)) == x for generated procedures, and through JSON text."""

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(procedures())
    def test_structure_unstructure(self, procedure):
        """The converter gives back an equal procedure."""
        assert C.structure(C.unstructure(procedure), Procedure) == procedure

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(procedures(), max_size=3))
    def test_dump_load(self, procedures_):
        """load_procedures(dump_procedures(x)) == x, and the text is stable."""
        text = dump_procedures(procedures_)
        again = load_procedures(text)
        assert again == procedures_
        assert dump_procedures(again) == text


class TestFuzz:
    """Malformed input raises LoadError and nothing else."""

    @staticmethod
    def only_load_error(source: Any) -> None:
        try:
            result = load_procedures(source)
        except LoadError:
            return
        assert all(isinstance(p, Procedure) for p in result)

    @given(st.text())
    def test_text_after_a_bracket(self, text):
        """Any text that starts like a JSON array is loaded or refused with LoadError."""
        self.only_load_error("[" + text)

    @given(st.binary())
    def test_bytes_after_a_bracket(self, data):
        """Any bytes that start like a JSON array are loaded or refused with LoadError."""
        self.only_load_error(b"[" + data)

    @given(st.lists(json_values, max_size=3))
    def test_json_of_any_shape(self, values):
        """Any JSON document is loaded or refused with LoadError."""
        self.only_load_error(json.dumps(values))

    @given(st.data())
    def test_mutated_example(self, data):
        """The example file with a slice cut or replaced is loaded or refused with LoadError."""
        text = EXAMPLE.read_text(encoding="utf-8")
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        insert = data.draw(st.text(max_size=5))
        self.only_load_error(text[:start] + insert + text[end:])

    @given(
        st.lists(
            st.dictionaries(st.sampled_from(["code", "name", "cases", "steps", "x"]), json_values),
            max_size=3,
        )
    )
    def test_records_with_known_keys_and_any_values(self, records):
        """Records with real keys and arbitrary values are loaded or refused with LoadError."""
        self.only_load_error(records)
