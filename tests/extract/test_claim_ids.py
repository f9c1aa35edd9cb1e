"""Claim ids: the claimant's last name, then the claim's main words without the claimant's
name, the same for `extract` and for a claim added in the explorer."""

from __future__ import annotations

from factcheck import curation
from factcheck.extract import extract_text
from factcheck.extract.build import claim_id_parts

ARTICLE = """Merger talks

NEW YORK (AP) _ "The deal is done," said Anheuser-Busch on Monday.
Anheuser-Busch said profits rose.
"""


def test_a_hyphenated_claimant_is_not_repeated_in_the_id() -> None:
    timeline = extract_text(ARTICLE.encode(), "merger.txt", "sources/merger.txt")
    ids = [claim.id for claim in timeline.claims if claim.claimant == "Anheuser-Busch"]
    assert "anheuser-busch-profits-rose" in ids
    assert all(claim_id.count("anheuser") == 1 for claim_id in ids), ids


def test_the_explorer_makes_the_id_extract_makes() -> None:
    timeline = extract_text(ARTICLE.encode(), "merger.txt", "sources/merger.txt")
    drafted = curation.draft_claim(
        timeline, text="Anheuser-Busch said sales fell.", claimant="Anheuser-Busch"
    )
    assert drafted.id == "anheuser-busch-sales-fell"
    assert claim_id_parts("Alexandria Ocasio-Cortez", "Ocasio-Cortez voted no") == (
        "ocasio-cortez",
        "voted-no",
    )
    assert claim_id_parts("", "Prices rose 8 percent") == ("article", "prices-rose-8-percent")
