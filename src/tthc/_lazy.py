"""Lazy attributes for a package's ``__init__`` (PEP 562), so that importing it stays cheap.

A package lists which public name lives in which module; the module is imported the first time one
of its names is read. `dir()` and ``from package import *`` see every name, and a ``TYPE_CHECKING``
block in the package lets type checkers and IDEs see them too.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["attach"]


def attach(
    package: str, names: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Make ``__getattr__`` and ``__dir__`` that import each name's module on first use.

    Args:
        package: The package's ``__name__``.
        names: Public name -> the module that defines it (absolute, ``"tthc.deadlines"``).
        namespace: The package's ``globals()``; a loaded name is stored there, so the next read is
            a plain attribute read.

    Returns:
        The pair ``(__getattr__, __dir__)`` to assign in the package.
    """

    def __getattr__(name: str) -> Any:  # noqa: N807 - PEP 562 hook
        module = names.get(name)
        if module is None:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg, name=name, obj=package)
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:  # noqa: N807 - PEP 562 hook
        return sorted(set(namespace) | set(names))

    return __getattr__, __dir__
