"""Fuzz target: ``load_procedures``, the library's JSON format (issue 17).

Rule under test: any input gives procedures or one ``LoadError`` listing problems with their
paths; what loads can be pickled, written back and read again to the same records.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

from fuzzing import fuzz, json_documents, json_values, mutations, outcome
from hypothesis import given

from tthc.errors import LoadError
from tthc.io import dump_procedures, load_procedures

EXAMPLE = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "procedures_example.json").read_text("utf-8")
)


def _check(source: Any) -> None:
    result = outcome(lambda: load_procedures(source))
    if isinstance(result, BaseException):
        assert isinstance(result, LoadError), result
        assert result.problems
        return
    assert pickle.loads(pickle.dumps(result)) == result  # noqa: S301 - our own bytes
    assert load_procedures(dump_procedures(result)) == result


class TestFuzz:
    """Any input: procedures or a LoadError."""

    @fuzz()
    @given(mutations(EXAMPLE))
    def test_changed_records(self, records: Any) -> None:
        """The example file's records, changed in a few places, as parsed records."""
        _check(records if isinstance(records, list) else [records])

    @fuzz()
    @given(json_documents(mutations(EXAMPLE)))
    def test_changed_text(self, text: str) -> None:
        """The same as JSON text, sometimes cut short."""
        _check(text if text.lstrip().startswith("[") else "[" + text)

    @fuzz(scale=1)
    @given(json_values())
    def test_any_json(self, value: Any) -> None:
        """Any JSON value as the records."""
        _check([value])
