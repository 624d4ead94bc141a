"""Old module paths of the flat layout (0.1) that forward to their new rooms with a warning."""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["forward"]


def forward(old: str, new: str) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Warn that module ``old`` moved to ``new``, and forward its attributes there (PEP 562).

    Args:
        old: The old module's ``__name__`` (``"tthc.frames"``).
        new: The module that holds its names now (``"tthc.analytics.frames"``).

    Returns:
        The pair ``(__getattr__, __dir__)`` for the old module.
    """
    # stacklevel=3 points past importlib's frames at the user's import line in most cases.
    warnings.warn(
        f"{old} is deprecated and will be removed; import from {new} instead",
        DeprecationWarning,
        stacklevel=3,
    )
    target = importlib.import_module(new)

    def __getattr__(name: str) -> Any:  # noqa: N807 - PEP 562 hook
        return getattr(target, name)

    def __dir__() -> list[str]:  # noqa: N807 - PEP 562 hook
        return dir(target)

    return __getattr__, __dir__
