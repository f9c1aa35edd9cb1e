"""Hypothesis strategies for valid timelines: unicode, quotes, backslashes, CRLF, markup."""

from __future__ import annotations

from hypothesis import strategies as st

from factcheck import model

#: Text with what breaks naive writers: quotes, backslashes, newlines, CRLF, markup, controls.
tricky_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ['a "quoted" word', "back\\slash", "line\nbreak", "crlf\r\nline", "[bold]x[/bold]",
         "[@click=app.quit]q[/]", "\x1b]0;title\x07", "tab\there", "'single'", '"""', "\u202e"]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=200, max_size=600),
)  # fmt: skip
ids = st.from_regex(model.ID_PATTERN, fullmatch=True)
edtf_dates = st.sampled_from(
    ["", "2020-02-04", "2020-01", "2020", "2020-01-27/2020-02-02", "../2020-01-29", "2020-01~",
     "2020-02-04?", "2019/..", "1999-12-31%"]
)  # fmt: skip
iso_days = st.sampled_from(["", "2026-11-26", "2020-02-29"])
urls = st.builds(
    lambda host, path: f"https://{host}.example/{path}",
    st.from_regex(r"[a-z]{1,10}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9_/-]{0,20}", fullmatch=True),
)


@st.composite
def anchors(draw: st.DrawFn) -> model.Anchor:
    exact = draw(tricky_text)
    start = draw(st.integers(0, 10_000))
    return model.Anchor(
        source="article",
        start=start,
        end=start + len(exact),
        exact=exact,
        prefix=draw(tricky_text),
        suffix=draw(tricky_text),
    )


evidence = st.builds(
    model.Evidence,
    url=urls,
    title=tricky_text,
    stance=st.sampled_from(model.STANCES),
    accessed=iso_days,
    note=tricky_text,
)


@st.composite
def timelines(draw: st.DrawFn) -> model.Timeline:
    event_ids = draw(st.lists(ids, unique=True, max_size=6))
    events = [
        model.Event(
            id=event_id,
            title=draw(tricky_text),
            date=draw(edtf_dates),
            date_text=draw(tricky_text),
            summary=draw(tricky_text),
            actors=tuple(draw(st.lists(tricky_text, max_size=3))),
            anchor=draw(st.none() | anchors()),
        )
        for event_id in event_ids
    ]
    claims = []
    for claim_id in draw(st.lists(ids, unique=True, max_size=8)):
        items = draw(st.lists(evidence, max_size=3, unique_by=lambda item: item.url))
        claims.append(
            model.Claim(
                id=claim_id,
                text=draw(tricky_text),
                event=draw(st.sampled_from(["", *event_ids])),
                claimant=draw(tricky_text),
                kind=draw(st.sampled_from(model.KINDS)),
                status=draw(st.sampled_from(model.STATUSES)),
                verdict=draw(tricky_text),
                reviewed_by=draw(tricky_text),
                reviewed_on=draw(iso_days),
                notes=draw(tricky_text),
                anchor=draw(st.none() | anchors()),
                evidence=tuple(items),
            )
        )
    source = model.Source(
        id="article", title=draw(tricky_text), file="sources/a.txt", sha256="0" * 64
    )
    return model.Timeline(
        id=draw(ids),
        title=draw(tricky_text),
        sources=(source,),
        events=tuple(events),
        claims=tuple(claims),
    )
