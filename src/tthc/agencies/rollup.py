"""How a table's unit or agency column is reported under the units of today (*quy đổi*).

A [`RollUp`][tthc.agencies.RollUp] bundles what a report needs to group records by the province
or commune of today: the units, the column that names each record's unit (or agency, with a
directory), and what to do with splits and errors. Reports take one and group by ``"province"``
or ``"commune"``; it is a plain value, so it can be shipped to Dask workers (with a mapping, not
a lambda, as the apportioning rule).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from tthc.agencies.hierarchy import AgencyDirectory
from tthc.agencies.levels import UnitLevel
from tthc.agencies.units import Apportion, UnitRegistry
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LEVEL_KEYS", "RollUp"]

LEVEL_KEYS: Final = {"province": UnitLevel.PROVINCE, "commune": UnitLevel.COMMUNE}
"""The group keys a report computes with a [`RollUp`][tthc.agencies.RollUp], and their levels."""


def _instance_of(kind: type) -> Any:
    def check(instance: object, attribute: Any, value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidValueError.for_attribute(instance, attribute, value, f"a {kind.__name__}")

    return check


def _optional_date(instance: object, attribute: Any, value: object) -> None:
    if value is not None and type(value) is not dt.date:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a datetime.date or None"
        )


def _column(instance: object, attribute: Any, value: object) -> None:
    if type(value) is not str or not value.strip():
        raise InvalidValueError.for_attribute(instance, attribute, value, "a column name")


def _errors(instance: object, attribute: Any, value: object) -> None:
    if value not in ("raise", "missing"):
        raise InvalidValueError.for_attribute(instance, attribute, value, "'raise' or 'missing'")


@attrs.frozen(kw_only=True)
class RollUp:
    """How to report records under the units of today (*đơn vị hành chính hiện nay*).

    Attributes:
        registry: The units (for instance
            [`province_registry`][tthc.agencies.province_registry]`()`, extended with communes).
        column: The table's column with each record's unit code, or its agency code when
            ``directory`` is given.
        directory: The agencies, when ``column`` holds agency codes.
        as_of: Follow successions up to this day (default: the end of the data).
        apportion: The rule for splits (a mapping, to stay picklable for Dask).
        errors: ``"raise"``, or ``"missing"`` to group the records that cannot be rolled up
            under the missing key.

    Examples:
        >>> import datetime as dt
        >>> from tthc.agencies import RollUp, province_registry
        >>> spec = RollUp(registry=province_registry(), column="province")
        >>> spec.codes(["02", "89"], [dt.date(2025, 6, 30)] * 2, "province").tolist()
        ['08', '91']
    """

    registry: UnitRegistry = attrs.field(validator=_instance_of(UnitRegistry))
    column: str = attrs.field(default="unit", validator=_column)
    directory: AgencyDirectory | None = attrs.field(default=None)
    as_of: dt.date | None = attrs.field(default=None, validator=_optional_date)
    apportion: Apportion | None = attrs.field(default=None)
    errors: Literal["raise", "missing"] = attrs.field(default="raise", validator=_errors)

    @directory.validator
    def _check_directory(self, attribute: Any, value: object) -> None:
        if value is not None and not isinstance(value, AgencyDirectory):
            raise InvalidValueError.for_attribute(
                self, attribute, value, "an AgencyDirectory or None"
            )

    def codes(self, codes: Any, dates: Any, level: UnitLevel | str) -> pd.Series:
        """Roll a column of codes up to ``level`` (needs pandas).

        Args:
            codes: The unit (or agency) codes.
            dates: The records' days (dates, or instants read in Vietnam time).
            level: ``"province"`` or ``"commune"`` (or a [`UnitLevel`][tthc.agencies.UnitLevel]).

        Returns:
            The codes of today, aligned with ``codes``.

        Raises:
            MissingExtraError: pandas is not installed.
            UnitError: A record cannot be rolled up and ``errors`` is ``"raise"``.
        """
        from tthc.agencies import _frames  # noqa: PLC0415 - pandas, loaded only when used

        if self.directory is not None:
            return _frames.roll_up_agency_column(
                codes,
                dates,
                directory=self.directory,
                registry=self.registry,
                level=level,
                as_of=self.as_of,
                apportion=self.apportion,
                errors=self.errors,
            )
        return _frames.roll_up_column(
            codes,
            dates,
            registry=self.registry,
            level=level,
            as_of=self.as_of,
            apportion=self.apportion,
            errors=self.errors,
        )
