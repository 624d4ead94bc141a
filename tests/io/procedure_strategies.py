"""Hypothesis strategies for procedures and their parts (tests of tthc.io)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from strategies import durations
from tthc.procedures import (
    Agency,
    ApplicantType,
    Attachment,
    AuthorityLevel,
    Channel,
    ChannelOption,
    Component,
    Fee,
    FeeKind,
    LegalDocument,
    Procedure,
    ProcedureCase,
    ProcedureScope,
    ProcedureType,
    Result,
    Sector,
    Step,
    Subject,
)
from tthc.procedures.service_levels import OnlineServiceLevel

# Vietnamese letters, ASCII, punctuation that matters to the formats (":", "\n", "."), and any
# other character but surrogates (not encodable in UTF-8).
_VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐ"
)
_CHARS = st.sampled_from(_VIETNAMESE + "AZ09 .,:;-()/\n") | st.characters(
    blacklist_categories=("Cs",)
)

texts = st.text(_CHARS, min_size=1, max_size=24).filter(str.strip)
optional_texts = st.none() | texts
codes = st.from_regex(r"[0-9]\.[0-9]{6}", fullmatch=True)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
amounts = st.builds(
    lambda n, places: Decimal(n).scaleb(-places), st.integers(0, 10**12), st.integers(0, 4)
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**18), 10**18)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children, max_size=3),
    max_leaves=8,
)


def attachments() -> st.SearchStrategy[Attachment]:
    """Published files: a name and maybe a URL."""
    return st.builds(Attachment, name=texts, url=optional_texts)


def fees() -> st.SearchStrategy[Fee]:
    """Fees and charges, with or without kind and amount."""
    return st.builds(
        Fee,
        kind=st.none() | st.sampled_from(FeeKind),
        amount=st.none() | amounts,
        description=optional_texts,
        exemptions=st.lists(texts, max_size=2),
        code=optional_texts,
        attachment=st.none() | attachments(),
    )


def options() -> st.SearchStrategy[ChannelOption]:
    """One channel's processing time (maybe not stated) and fees."""
    return st.builds(
        ChannelOption,
        channel=st.sampled_from(Channel),
        processing_time=st.none() | durations(),
        fees=st.lists(fees(), max_size=2),
        description=optional_texts,
    )


def components() -> st.SearchStrategy[Component]:
    """Dossier components."""
    return st.builds(
        Component,
        name=texts,
        code=optional_texts,
        originals=st.integers(0, 5),
        copies=st.integers(0, 5),
        form=st.none() | attachments(),
        replaceable_by_result_code=optional_texts,
        mandatory=st.booleans(),
    )


def steps() -> st.SearchStrategy[Step]:
    """Steps, stated by channel, internal, or not stated."""
    stated = st.builds(
        Step, description=texts, channels=st.lists(st.sampled_from(Channel), max_size=3)
    )
    internal = st.builds(Step, description=texts, internal=st.just(True))
    return stated | internal


@st.composite
def cases(draw: Any) -> list[ProcedureCase]:
    """One to three cases with distinct names; at most one general case, without own steps."""
    names = draw(st.lists(st.none() | texts, min_size=1, max_size=3, unique=True))
    return [
        ProcedureCase(
            name=name,
            components=draw(st.lists(components(), max_size=2)),
            channels=draw(st.lists(options(), max_size=3)),
            steps=[] if name is None else draw(st.lists(steps(), max_size=2)),
        )
        for name in names
    ]


@st.composite
def procedures(draw: Any) -> Procedure:
    """Valid procedures with every field exercised."""
    valid_from = draw(st.none() | dates)
    valid_to = draw(st.none() | dates)
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        valid_from, valid_to = valid_to, valid_from
    agencies = st.lists(st.builds(Agency, name=texts, code=optional_texts), max_size=2)
    return Procedure(
        code=draw(codes),
        name=draw(texts),
        scope=draw(st.sampled_from(ProcedureScope)),
        procedure_type=draw(st.none() | st.sampled_from(ProcedureType)),
        authority_levels=draw(st.lists(st.sampled_from(AuthorityLevel), unique=True)),
        sectors=draw(st.lists(st.builds(Sector, name=texts, code=optional_texts), max_size=2)),
        implementing_agencies=draw(agencies),
        competent_agencies=draw(agencies),
        delegated_agencies=draw(agencies),
        coordinating_agencies=draw(agencies),
        subjects=draw(
            st.lists(
                st.builds(
                    Subject,
                    name=texts,
                    code=optional_texts,
                    applicant_type=st.none() | st.sampled_from(ApplicantType),
                ),
                max_size=2,
            )
        ),
        steps=draw(st.lists(steps(), max_size=3)),
        requirements=draw(st.lists(texts, max_size=2)),
        cases=draw(cases()),
        results=draw(
            st.lists(
                st.builds(
                    Result, name=texts, code=optional_texts, template=st.none() | attachments()
                ),
                max_size=2,
            )
        ),
        result_channels=draw(st.lists(st.sampled_from(Channel), max_size=3)),
        legal_basis=draw(
            st.lists(
                st.builds(
                    LegalDocument,
                    number=texts,
                    title=optional_texts,
                    issuer=optional_texts,
                    issued_on=st.none() | dates,
                    effective_from=st.none(),
                    effective_to=st.none() | dates,
                    url=optional_texts,
                    article=optional_texts,
                ),
                max_size=2,
            )
        ),
        online_level=draw(st.none() | st.sampled_from(OnlineServiceLevel)),
        eligible_for_full_online=draw(st.booleans()),
        description=draw(optional_texts),
        reception_address=draw(optional_texts),
        subjects_text=draw(optional_texts),
        implementing_agencies_text=draw(optional_texts),
        competent_agencies_text=draw(optional_texts),
        keywords=draw(optional_texts),
        publication_decision=draw(optional_texts),
        publishing_agency_code=draw(optional_texts),
        related_procedures=draw(st.lists(texts, max_size=2)),
        interconnected_procedures=draw(st.lists(texts, max_size=2)),
        valid_from=valid_from,
        valid_to=valid_to,
        extensions=draw(st.dictionaries(texts, json_values, max_size=3)),
    )
