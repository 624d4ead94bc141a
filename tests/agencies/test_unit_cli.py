"""The ``tthc unit`` command (``tthc.cli.unit``): units, their dates and their succession.

Expected values are the hand table of test_provinces.py (60-NQ/TW annex and Công văn
915/CTK-CSCL): Bắc Ninh (27) ended on 30/6/2025 and went into the Bắc Ninh of code 24.
"""

from __future__ import annotations

import json

from test_provinces import MAPPING

from tthc.cli._app import main


def run(capsys, *argv):
    """Run the command in English (``--lang en``) unless a test asks for a language."""
    args = list(argv)
    if args[:1] == ["unit"] and "--lang" not in args and "--help" not in args:
        args += ["--lang", "en"]
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


class TestShow:
    """tthc unit show CODE [--on DATE]."""

    def test_in_vietnamese_by_default(self, capsys):
        """Bắc Ninh (27) ended on 30/6/2025; today it is reported under 24 (Vietnamese text)."""
        code, out, _ = run(capsys, "unit", "show", "27", "--on", "01/01/2025", "--lang", "vi")
        assert code == 0
        assert out.splitlines()[0] == "27 Tỉnh Bắc Ninh (cấp tỉnh, đến 30/06/2025)"
        assert out.splitlines()[-1] == "hiện nay: 24 Tỉnh Bắc Ninh"

    def test_every_unit_of_a_code(self, capsys):
        code, out, _ = run(capsys, "unit", "show", "08")
        assert code == 0
        lines = out.splitlines()
        assert lines[0] == "08 Tỉnh Tuyên Quang (province, until 30/06/2025)"
        assert "  succeeded by: 08 Tỉnh Tuyên Quang (202/2025/QH15; confirmed_secondary)" in lines
        assert "08 Tỉnh Tuyên Quang (province, from 01/07/2025)" in lines
        assert "  formed from: 02 Tỉnh Hà Giang, 08 Tỉnh Tuyên Quang" in lines

    def test_on_a_day(self, capsys):
        code, out, _ = run(capsys, "unit", "show", "27", "--on", "30/06/2025")
        assert code == 0
        assert out.splitlines()[-1] == "today: 24 Tỉnh Bắc Ninh"

    def test_outside_its_validity(self, capsys):
        code, out, err = run(capsys, "unit", "show", "27", "--on", "2025-07-01")
        assert (code, out) == (2, "")
        assert "27 did not name a unit on 2025-07-01" in err
        assert "Tỉnh Bắc Ninh from the start of the data to 2025-06-30" in err

    def test_unknown_code(self, capsys):
        code, _, err = run(capsys, "unit", "show", "00")
        assert code == 2
        assert "no administrative unit has the code '00'" in err

    def test_json(self, capsys):
        code, out, _ = run(capsys, "unit", "show", "89", "--on", "30/06/2025", "--json")
        data = json.loads(out)
        assert code == 0
        assert data["today"] == ["91"]
        (unit,) = data["units"]
        assert unit["name"] == "Tỉnh An Giang"
        assert unit["succession"]["act_number"] == "202/2025/QH15"
        assert unit["certainty"] == "confirmed_secondary"

    def test_a_district_with_more_units(self, capsys, tmp_path):
        units = tmp_path / "units.json"
        units.write_text(
            json.dumps(
                {
                    "format": "tthc.units/1",
                    "sources": [{"id": "EX", "title": "EXAMPLE, not real data"}],
                    "units": [
                        {
                            "code": "999",
                            "level": "district",
                            "name": "Huyện EXAMPLE",
                            "valid_until": "2025-06-30",
                            "parent": "02",
                            "sources": ["EX"],
                            "certainty": "uncertain",
                            "succession": {
                                "to": [],
                                "act": "EX",
                                "sources": ["EX"],
                                "certainty": "uncertain",
                            },
                        },
                    ],
                }
            ),
            encoding="utf-8",
        )
        code, out, _ = run(
            capsys, "unit", "show", "999", "--on", "30/06/2025", "--units", str(units)
        )
        assert code == 0
        lines = out.splitlines()
        assert "  in: 02 Tỉnh Hà Giang (province, until 30/06/2025)" in lines
        assert "  ended with no successor (EXAMPLE, not real data; uncertain)" in lines
        assert lines[-1] == "today: no unit at its level (report it under a higher level)"
        code, out, _ = run(
            capsys, "unit", "succession", "--level", "district", "--units", str(units)
        )
        assert code == 0
        assert out.splitlines()[1].split()[:2] == ["999", "Huyện"]
        assert "(no successor)" in out


class TestSuccession:
    """tthc unit succession: 52 provinces ended on 30/6/2025, each with its successor."""

    def test_table(self, capsys):
        code, out, _ = run(capsys, "unit", "succession")
        assert code == 0
        lines = out.splitlines()
        assert lines[0].split() == ["old", "name", "until", "new", "name", "act"]
        assert lines[-1] == "52 province units ended with a recorded succession"
        assert len(lines) == 54

    def test_json_matches_the_hand_table(self, capsys):
        code, out, _ = run(capsys, "unit", "succession", "--json")
        data = json.loads(out)
        assert code == 0
        got = {row["code"]: [s["code"] for s in row["successors"]] for row in data["successions"]}
        expected = {
            old: [new] for old, _o, new, _n, src in MAPPING if src.startswith("60-NQ/TW II")
        }
        assert got == expected
        assert {row["act_number"] for row in data["successions"]} == {"202/2025/QH15"}

    def test_help_has_examples(self, capsys):
        assert main(["unit", "--help"]) == 0
        assert "tthc unit succession" in capsys.readouterr().out
