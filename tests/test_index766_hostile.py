"""The Decision 766 index file under hostile input (issue 17).

``load_index766`` raised a bare ``TypeError`` when ``groups`` or a group's ``indicators`` was
``null`` (it iterated them without checking they are lists); each is now one problem of a
``LoadError`` that names the path.
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


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.__setitem__("groups", None), "$.groups: expected a list, got None"),
        (
            lambda d: d["groups"][0].__setitem__("indicators", None),
            "$.groups[0].indicators: expected a list, got None",
        ),
        (lambda d: d.__setitem__("groups", {"a": 1}), "$.groups: expected a list, got {'a': 1}"),
    ],
    ids=["groups-null", "indicators-null", "groups-object"],
)
def test_wrong_lists_are_problems(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    """A null or non-list value where a list of groups or indicators belongs is a named problem."""
    path = tmp_path / "index766.json"
    path.write_text(json.dumps(_changed(change)), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_index766(path)
    assert problem in caught.value.problems
