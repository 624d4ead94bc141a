"""Simplification measures (*phương án đơn giản hóa*): what a plan proposes and its changes.

An [`Action`][tthc.simplification.Action] is what the plan proposes in law (abolish, reduce
dossier components, lower a fee, reuse digitised data, decentralise, …); a
[`Measure`][tthc.simplification.Measure] pairs it with its effect on the cost model: changes
such as [`RemoveTask`][tthc.simplification.RemoveTask] or
[`ChangeCost`][tthc.simplification.ChangeCost], applied in order.

References:
    Provincial decisions approving simplification plans (Bắc Kạn 886/QĐ-UBND 2018, Hà Nội
    603/QĐ-UBND 2018, Thanh Hóa 4364/QĐ-UBND 2024): research notes ``vn_legal.md`` §5.3, §8.1.
"""

from __future__ import annotations

import enum
import typing
from typing import TYPE_CHECKING, Final

import attrs

from tthc import _validators as _v
from tthc.errors import InvalidValueError
from tthc.simplification._checks import optional_nfc, optional_text, to_tuple, tuple_of
from tthc.simplification.changes import (
    Abolish,
    Change,
    ChangeCost,
    ChangeProcessingTime,
    RemoveTask,
)
from tthc.simplification.cost import CostModel

if TYPE_CHECKING:
    from decimal import Decimal

    from tthc.durations import Duration

__all__ = ["Action", "Measure"]


class Action(enum.Enum):
    """A simplification measure as plans name it (*phương án đơn giản hóa*).

    The action says what the plan proposes in law; its effect on compliance cost is given by
    the [`Measure`][tthc.simplification.Measure]'s changes (which tasks and fees go or shrink).

    Examples:
        >>> Action.REDUCE_COMPONENTS.label
        'Giảm thành phần hồ sơ'
        >>> Action("reuse_data")
        <Action.REUSE_DATA: 'reuse_data'>

    References:
        Provincial decisions approving simplification plans (Bắc Kạn 886/QĐ-UBND 2018, Hà Nội
        603/QĐ-UBND 2018, Thanh Hóa 4364/QĐ-UBND 2024) list, per procedure, the change proposed
        and the cost before, after and saved (research notes ``vn_legal.md`` §5.3, §8.1).
    """

    #: Abolish the procedure (*bãi bỏ*).
    ABOLISH = "abolish"
    #: Amend or supplement it (*sửa đổi, bổ sung*).
    AMEND = "amend"
    #: Replace it with another (*thay thế*).
    REPLACE = "replace"
    #: Merge it with another (*hợp nhất*).
    MERGE = "merge"
    #: Fewer dossier components (*giảm thành phần hồ sơ*).
    REDUCE_COMPONENTS = "reduce_components"
    #: A shorter time limit (*rút ngắn thời hạn giải quyết*).
    SHORTEN_TIME = "shorten_time"
    #: A lower fee or charge (*giảm phí, lệ phí*).
    REDUCE_FEE = "reduce_fee"
    #: Reuse of digitised data instead of papers (*tái sử dụng dữ liệu đã số hóa*).
    REUSE_DATA = "reuse_data"
    #: Decentralise to a level closer to the applicant (*phân cấp*).
    DECENTRALISE = "decentralise"
    #: Offer the procedure online (*cung cấp dịch vụ công trực tuyến*).
    ONLINE_SERVICE = "online_service"
    #: Any other measure (*khác*).
    OTHER = "other"

    @property
    def label(self) -> str:
        """The Vietnamese name, as plans print it."""
        return _ACTION_LABELS[self]


_ACTION_LABELS: Final = {
    # "abolish"
    Action.ABOLISH: "Bãi bỏ",
    # "amend, supplement"
    Action.AMEND: "Sửa đổi, bổ sung",
    # "replace"
    Action.REPLACE: "Thay thế",
    # "merge"
    Action.MERGE: "Hợp nhất",
    # "fewer dossier components"
    Action.REDUCE_COMPONENTS: "Giảm thành phần hồ sơ",
    # "shorter time limit"
    Action.SHORTEN_TIME: "Rút ngắn thời hạn giải quyết",
    # "lower fees and charges"
    Action.REDUCE_FEE: "Giảm phí, lệ phí",
    # "reuse of digitised data"
    Action.REUSE_DATA: "Tái sử dụng dữ liệu đã số hóa",
    # "decentralise"
    Action.DECENTRALISE: "Phân cấp",
    # "online public service"
    Action.ONLINE_SERVICE: "Cung cấp dịch vụ công trực tuyến",
    # "other"
    Action.OTHER: "Khác",
}


@attrs.frozen(kw_only=True)
class Measure:
    """One measure of a simplification plan (*phương án đơn giản hóa*) and its changes.

    The ``action`` is what the plan calls it in law; the ``changes`` are its effect on the cost
    model, applied in order. A measure without changes (an amendment with no cost effect) saves
    nothing and is still listed.

    Attributes:
        action: The kind of measure.
        changes: What it does to the cost model, in order.
        description: The proposal as the plan words it.
        legal_basis: The provision to amend, abolish or replace, as the plan cites it.

    Raises:
        InvalidValueError: A field of the wrong type.

    Examples:
        >>> Measure.abolish().changes
        (Abolish(),)
        >>> Measure.lower_fee("Lệ phí", 0).changes
        (ChangeCost(cost='Lệ phí', amount=Decimal('0')),)
    """

    action: Action = attrs.field(validator=_v.member_of(Action))
    changes: tuple[Change, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=tuple_of(
            typing.get_args(Change), "changes (RemoveTask, ChangeTask, AddTask, …)"
        ),
    )
    description: str | None = attrs.field(
        default=None, converter=optional_nfc, validator=optional_text
    )
    legal_basis: str | None = attrs.field(
        default=None, converter=optional_nfc, validator=optional_text
    )

    @classmethod
    def abolish(cls, description: str | None = None) -> Measure:
        """Abolish the procedure (*bãi bỏ*): every task and prescribed cost goes."""
        return cls(action=Action.ABOLISH, changes=(Abolish(),), description=description)

    @classmethod
    def remove_tasks(cls, action: Action, *tasks: str, description: str | None = None) -> Measure:
        """A measure of ``action`` that removes the named tasks."""
        return cls(
            action=action, changes=tuple(RemoveTask(t) for t in tasks), description=description
        )

    @classmethod
    def drop_components(
        cls,
        model: CostModel,
        *components: str,
        action: Action = Action.REDUCE_COMPONENTS,
        description: str | None = None,
    ) -> Measure:
        """Drop dossier components: remove every task of ``model`` that prepares one of them.

        Use ``action=Action.REUSE_DATA`` when the agency takes the data from a database
        instead of the paper.

        Raises:
            InvalidValueError: A component has no task in ``model``.
        """
        if not isinstance(model, CostModel):
            raise InvalidValueError("Measure.drop_components(model)", model, "a CostModel")
        changes: list[Change] = []
        for component in components:
            tasks = model.tasks_of_component(component)
            if not tasks:
                known = sorted({t.component for t in model.tasks if t.component is not None})
                raise InvalidValueError(
                    "Measure.drop_components(components)",
                    component,
                    f"a dossier component some task of procedure {model.code} prepares "
                    f"({', '.join(map(repr, known)) or 'no task names one'})",
                )
            changes += [RemoveTask(t.name) for t in tasks]
        return cls(action=action, changes=tuple(changes), description=description)

    @classmethod
    def lower_fee(
        cls, cost: str, amount: Decimal | int, description: str | None = None
    ) -> Measure:
        """Lower a fee or charge to ``amount`` (*giảm phí, lệ phí*)."""
        return cls(
            action=Action.REDUCE_FEE,
            changes=(ChangeCost(cost=cost, amount=amount),),
            description=description,
        )

    @classmethod
    def shorten_time(cls, processing_time: Duration, description: str | None = None) -> Measure:
        """Shorten the time limit (*rút ngắn thời hạn giải quyết*); saves nothing by itself."""
        return cls(
            action=Action.SHORTEN_TIME,
            changes=(ChangeProcessingTime(processing_time),),
            description=description,
        )
