"""The Decision 766 index file under hostile input (issue 17): known defects, not yet fixed.

``load_index766`` raises a bare ``TypeError`` when ``groups`` or a group's ``indicators`` is
``null`` (it iterates them without checking they are lists). The loader lives in
``tthc/indicators/decision766.py``, which another branch is editing; the fix (check that each
is a JSON array and report ``$.groups: expected a list of groups`` otherwise) is left to land
with it. These tests are strict expected failures: they fail the suite once the loader is fixed,
so that the marks are removed then.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

import pytest

from tthc.errors import LoadError
from tthc.indicators.decision766 import load_index766

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

INDEX = json.loads(resources.files("tthc").joinpath("data/index766.json").read_text("utf-8"))


def _changed(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    document = json.loads(json.dumps(INDEX))
    change(document)
    return document


@pytest.mark.xfail(
    raises=TypeError,
    strict=True,
    reason="decision766.py is edited on another branch; load_index766 iterates null lists",
)
@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.__setitem__("groups", None),
        lambda d: d["groups"][0].__setitem__("indicators", None),
    ],
    ids=["groups-null", "indicators-null"],
)
def test_null_lists_are_problems(
    tmp_path: Path, change: Callable[[dict[str, Any]], object]
) -> None:
    """A null list of groups or indicators is one problem of a LoadError."""
    path = tmp_path / "index766.json"
    path.write_text(json.dumps(_changed(change)), encoding="utf-8")
    with pytest.raises(LoadError):
        load_index766(path)
