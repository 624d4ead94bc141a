"""The Decision 766/QĐ-TTg service-quality index (*Bộ chỉ số phục vụ người dân, doanh nghiệp*).

Decision 766/QĐ-TTg (23/06/2022) scores how well a ministry or a province serves citizens and
businesses in administrative procedures, in real time, on 100 points: five groups (transparency
18, timeliness 20, online services 22, digitisation 22, satisfaction 18), each made of
indicators that are mostly rates. An indicator with a threshold earns its maximum at or above
the threshold, and ``rate × maximum / threshold`` below it; one without a threshold earns
``rate × maximum``.

The index is shipped as versioned data with a source and a certainty label for every fact.
**Version 1** (``data/index766.json``, the default) is Decision 766 as published in 2022.
**Version 2** (``data/index766_v2.json``, ``index766("2")``) is the index as the national public
service portal scores it in 2026: six groups (transparency 18, progress 20, online service 12,
digitisation 22, satisfaction 18, online payment 10), province and commune scope, and the
portal's observed handling of zero denominators; every figure of it is confirmed_secondary (a
third party's copy of the portal's scoring sheet and formulas fitted to its answers).

In version 1,  The groups and their maxima are confirmed; titles, formulas and thresholds
are confirmed by a secondary source; **every per-indicator maximum is uncertain** (one news
summary and one provincial implementation, no official table), so scores computed with them are
estimates, never official figures. Indicators whose maximum is not known are listed but not
scored.

The names live in private modules (the model in ``_model``, the scores in ``_scores``, the
index and its scoring in ``_index``, the loader in ``_loading``); import them from here.

    >>> [(g.id, g.max_points) for g in index766("2").groups]
    [('1', 18), ('2', 20), ('3', 12), ('4', 22), ('5', 18), ('6', 10)]

Examples:
    >>> from tthc.indicators.rates import Rate, _round_ratio
    >>> from tthc.indicators.decision766 import index766
    >>> idx = index766()
    >>> [(g.id, g.max_points) for g in idx.groups]
    [('1', 18), ('2', 20), ('3', 22), ('4', 22), ('5', 18)]
    >>> idx.indicator("3.1").points(Rate(60, 100))  # 60 % < 80 %: 60 × 2 / 80
    Decimal('1.50')
    >>> idx.indicator("3.1").max_points_certainty
    <Certainty.UNCERTAIN: 'uncertain'>

References:
    Decision 766/QĐ-TTg of 23/06/2022 (research notes ``vn_legal.md`` §6): groups and maxima
    CONFIRMED (sonoivu.namdinh.gov.vn, baocaotaichinh.vn, vietjack.me, thuviennhadat.vn);
    indicators, formulas and thresholds CONFIRMED (secondary) (the technical document "Mô tả
    công thức tính chỉ số 766"); per-indicator points UNCERTAIN. Version 2: the portal's scoring
    sheet "Công thức 766" (sheet METRICS) as published in the public repository
    ``ChippedTopaz/qd766`` with formulas fitted to the portal's answers of 26/9/2026
    (research notes ``law2026.md`` §C), CONFIRMED (secondary).
"""

from __future__ import annotations

from tthc.indicators.decision766._index import Index766
from tthc.indicators.decision766._loading import index766, load_index766
from tthc.indicators.decision766._model import (
    FORMAT as FORMAT,
)
from tthc.indicators.decision766._model import (
    FORMATS as FORMATS,
)
from tthc.indicators.decision766._model import (
    PLACES as PLACES,
)
from tthc.indicators.decision766._model import (
    SCOPES as SCOPES,
)
from tthc.indicators.decision766._model import (
    Indicator,
    IndicatorGroup,
    IndicatorKind,
    NotApplicablePolicy,
)
from tthc.indicators.decision766._scores import GroupScore, IndicatorScore, Score, ScoreStatus

__all__ = [
    "GroupScore",
    "Index766",
    "Indicator",
    "IndicatorGroup",
    "IndicatorKind",
    "IndicatorScore",
    "NotApplicablePolicy",
    "Score",
    "ScoreStatus",
    "index766",
    "load_index766",
]
