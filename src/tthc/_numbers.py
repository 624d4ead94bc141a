"""Numbers written the way the reader's language writes them (``19.906``, ``98,71 %`` in Vietnamese).

In English they read ``19,906`` and ``98.71 %``.

The locale rules (separators, grouping, the space before ``%``) come from the Unicode CLDR data
through Babel, which keeps them; we do not write them by hand. Babel is loaded with this module,
which only the text of reports (``tthc.analytics``) and the commands that print counts, money or
rates import (``tthc cost``, ``tthc report``, ``tthc calendar export``): ``import tthc`` and
``tthc deadline`` do not load it. It sits beside the other shared helpers and imports no room.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

__all__ = ["number", "percent"]

# The CLDR locales of the two languages of the command's output.
_LOCALES = {"vi": "vi_VN", "en": "en_US"}


def number(value: int | Decimal, lang: str, places: int | None = None) -> str:
    """A count or an amount with the language's separators; ``places`` fixed decimals if given.

    Examples:
        >>> number(19906, "vi"), number(19906, "en")
        ('19.906', '19,906')
        >>> number(Decimal("2306.5"), "vi", places=2), number(Decimal("0.125"), "vi", places=2)
        ('2.306,50', '0,13')
        >>> number(Decimal("1234.5"), "vi")
        '1.234,5'
    """
    if places is None:
        # As many decimals as the value has (an amount of đồng is written in full).
        exponent = Decimal(value).as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    else:
        # Rounded half-up here, as the library rounds; Babel only writes the digits.
        value = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(value, format=pattern, locale=_LOCALES["en" if lang == "en" else "vi"])


def percent(value: Decimal | None, lang: str, places: int = 2) -> str:
    """A percentage already in percent (``98.71``), with its sign: ``98,71 %``; N/A for ``None``.

    Examples:
        >>> percent(Decimal("98.71"), "vi"), percent(Decimal("98.71"), "en"), percent(None, "vi")
        ('98,71 %', '98.71 %', 'N/A')
    """
    if value is None:
        return "N/A"
    return f"{number(value, lang, places)} %"
