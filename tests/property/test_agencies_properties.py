"""Properties of the unit registry and its roll-ups, on generated reorganisations.

Each example is a made-up reorganisation like the 2025 one (the codes are generated, not real):
old provinces consolidated into new ones (each new province takes one member's code, or stays
unchanged), old districts and communes ending on 30/6/2025, new communes from 1/7/2025 (reusing
old codes sometimes), each old commune passing whole into one new commune or split between two.
The generator keeps the ground truth (which new province each old one went to), which is the
naive oracle the roll-ups are checked against.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.agencies import (
    AdministrativeUnit,
    Succession,
    UnitLevel,
    UnitRegistry,
    roll_up_column,
)
from tthc.calendar import Certainty
from tthc.errors import LoadError, UnitValidityError

END = dt.date(2025, 6, 30)
START = dt.date(2025, 7, 1)
U = Certainty.UNCERTAIN


def _unit(code, level, *, frm=None, until=None, to=(), parent=None):
    succession = None
    if until is not None:
        succession = Succession(successors=to, act="EXAMPLE", sources=("EX",), certainty=U)
    return AdministrativeUnit(
        code=code,
        level=level,
        name=f"EXAMPLE {level.value} {code}",
        valid_from=frm,
        valid_until=until,
        parent=parent,
        sources=("EX",),
        certainty=U,
        succession=succession,
    )


@st.composite
def reorganisations(draw):
    """Units of a generated reorganisation, and the truth: old province -> new province.

    The structure comes from a random generator seeded by hypothesis (so a failure replays):
    a few hundred separate draws per example would make the test slow.
    """
    n_old = draw(st.integers(1, 6))
    rnd = random.Random(draw(st.integers(0, 2**32)))  # noqa: S311 - test data, not secrets
    old_codes = [str(c) for c in rnd.sample(range(10, 100), n_old)]
    groups: dict[int, list[str]] = {}
    for code in old_codes:
        groups.setdefault(rnd.randrange(n_old), []).append(code)
    units: list[AdministrativeUnit] = []
    truth: dict[str, str] = {}
    new_provinces: list[str] = []
    for members in groups.values():
        seat = rnd.choice(members)
        unchanged = len(members) == 1 and rnd.random() < 0.5
        for code in members:
            truth[code] = seat
            if unchanged:
                units.append(_unit(code, UnitLevel.PROVINCE))
            else:
                units.append(_unit(code, UnitLevel.PROVINCE, until=END, to=(seat,)))
        if not unchanged:
            units.append(_unit(seat, UnitLevel.PROVINCE, frm=START))
        new_provinces.append(seat)
    district_codes = iter(str(c) for c in rnd.sample(range(100, 1000), 2 * n_old))
    commune_pool = iter(f"{c:05d}" for c in rnd.sample(range(1, 100000), 60))
    new_communes = {
        p: [next(commune_pool) for _ in range(rnd.randint(1, 3))] for p in new_provinces
    }
    old_communes: list[tuple[str, str, str]] = []  # (code, district, old province)
    districts: list[tuple[str, str]] = []
    for code in old_codes:
        for _ in range(rnd.randint(1, 2)):
            district = next(district_codes)
            districts.append((district, code))
            units.append(_unit(district, UnitLevel.DISTRICT, until=END, parent=code))
            old_communes.extend(
                (next(commune_pool), district, code) for _ in range(rnd.randint(1, 3))
            )
    # A new commune may take the code of an old commune of its province (as in 2025).
    reused: set[str] = set()
    for province, communes in new_communes.items():
        members = [c for c, _d, p in old_communes if truth[p] == province]
        for i in range(len(communes)):
            candidates = [c for c in members if c not in reused]
            if candidates and rnd.random() < 0.5:
                communes[i] = rnd.choice(candidates)
                reused.add(communes[i])
        units.extend(_unit(c, UnitLevel.COMMUNE, frm=START, parent=province) for c in communes)
    for commune, district, province in old_communes:
        targets = new_communes[truth[province]]
        to = tuple(rnd.sample(targets, min(len(targets), rnd.randint(1, 2))))
        units.append(_unit(commune, UnitLevel.COMMUNE, until=END, to=to, parent=district))
    return units, truth, old_communes, districts, new_communes


def _day(rnd, bounds):
    return dt.date.fromordinal(rnd.randint(*bounds))


@st.composite
def cases(draw):
    units, truth, old_communes, districts, new_communes = draw(reorganisations())
    registry = UnitRegistry(units)
    rnd = random.Random(draw(st.integers(0, 2**32)))  # noqa: S311 - test data, not secrets
    before = (dt.date(2024, 1, 1).toordinal(), END.toordinal())
    after = (START.toordinal(), dt.date(2026, 12, 31).toordinal())
    new_commune_province = {c: p for p, cs in new_communes.items() for c in cs}
    records = []  # (code, day, expected province of today, level of the code)
    for _ in range(draw(st.integers(1, 30))):
        kind = rnd.choice(
            ["old commune", "district", "old province", "new commune", "new province"]
        )
        if kind == "old commune":
            code, _d, province = rnd.choice(old_communes)
            records.append((code, _day(rnd, before), truth[province], UnitLevel.COMMUNE))
        elif kind == "district":
            code, province = rnd.choice(districts)
            records.append((code, _day(rnd, before), truth[province], UnitLevel.DISTRICT))
        elif kind == "old province":
            code = rnd.choice(sorted(truth))
            records.append((code, _day(rnd, before), truth[code], UnitLevel.PROVINCE))
        elif kind == "new commune":
            code = rnd.choice(sorted(new_commune_province))
            records.append((code, _day(rnd, after), new_commune_province[code], UnitLevel.COMMUNE))
        else:
            code = rnd.choice(sorted(set(truth.values())))
            records.append((code, _day(rnd, after), code, UnitLevel.PROVINCE))
    return registry, records, new_commune_province


def first_successor(unit, successors):
    del unit
    return successors[0].code


@given(cases())
def test_province_roll_up_matches_the_oracle(case):
    registry, records, _ = case
    for code, day, expected, _level in records:
        assert registry.roll_up(code, day, level="province") == expected


@given(cases())
def test_roll_up_totals_are_equal_at_every_level(case):
    registry, records, new_commune_province = case
    communes = [(c, d) for c, d, _e, level in records if level is UnitLevel.COMMUNE]
    by_commune = Counter(
        registry.roll_up(c, d, level="commune", apportion=first_successor) for c, d in communes
    )
    by_province = Counter(registry.roll_up(c, d, level="province") for c, d in communes)
    # The commune table summed up to provinces is the province table; nothing is lost.
    summed = Counter()
    for commune, count in by_commune.items():
        summed[new_commune_province[commune]] += count
    assert summed == by_province
    assert sum(by_commune.values()) == sum(by_province.values()) == len(communes)
    everything = Counter(registry.roll_up(c, d, level="province") for c, d, _e, _l in records)
    assert sum(everything.values()) == len(records)


@given(cases())
def test_the_column_roll_up_equals_the_scalar_one(case):
    registry, records, _ = case
    codes = [c for c, _d, _e, _l in records]
    days = [d for _c, d, _e, _l in records]
    column = roll_up_column(codes, days, registry=registry, level="province")
    assert column.tolist() == [
        registry.roll_up(c, d, level="province") for c, d in zip(codes, days, strict=True)
    ]


def _has_cycle(registry):
    """Naive depth-first search over (code, valid_from) nodes of the succession graph."""
    graph = {}
    for unit in registry:
        graph[(unit.code, unit.valid_from)] = [
            (s.code, s.valid_from) for s in registry.successors(unit)
        ]
    state = {}

    def visit(node):
        state[node] = "open"
        for nxt in graph.get(node, []):
            if state.get(nxt) == "open" or (nxt not in state and visit(nxt)):
                return True
        state[node] = "done"
        return False

    return any(node not in state and visit(node) for node in graph)


@given(reorganisations(), st.data())
def test_succession_is_acyclic(reorganisation, data):
    units = list(reorganisation[0])
    # Add back-links at random: a unit of 1/7/2025 "succeeded" by an old code, ending later.
    if data.draw(st.booleans()):
        new_units = [u for u in units if u.valid_from == START]
        old_units = [u for u in units if u.valid_until == END and u.level is UnitLevel.PROVINCE]
        if new_units and old_units:
            target = data.draw(st.sampled_from(new_units))
            back = data.draw(st.sampled_from(old_units))
            units.remove(target)
            units.append(
                _unit(
                    target.code,
                    target.level,
                    frm=START,
                    until=dt.date(2025, 12, 31),
                    to=(back.code,),
                    parent=target.parent,
                )
            )
    try:
        registry = UnitRegistry(units)
    except LoadError as exc:
        problems = exc.problems
    else:
        assert not _has_cycle(registry)
        return
    assert any("has no unit starting on" in p for p in problems)


@given(cases(), st.data())
def test_out_of_validity_errors_name_the_unit_and_its_dates(case, data):
    registry, _records, _ = case
    ended = [
        u for u in registry if u.valid_until is not None and registry.versions(u.code)[-1] is u
    ]
    started = [
        u for u in registry if u.valid_from is not None and registry.versions(u.code)[0] is u
    ]
    choices = [
        (u, data.draw(st.dates(u.valid_until + dt.timedelta(days=1), dt.date(2030, 1, 1))))
        for u in ended[:1]
    ]
    choices += [
        (u, data.draw(st.dates(dt.date(2000, 1, 1), u.valid_from - dt.timedelta(days=1))))
        for u in started[:1]
    ]
    for unit, day in choices:
        with pytest.raises(UnitValidityError) as info:
            registry.unit(unit.code, day)
        message = str(info.value)
        assert info.value.code == unit.code
        assert info.value.day == day
        assert day.isoformat() in message
        assert unit.name in message
        for version in registry.versions(unit.code):
            for bound in (version.valid_from, version.valid_until):
                if bound is not None:
                    assert re.search(bound.isoformat(), message)
