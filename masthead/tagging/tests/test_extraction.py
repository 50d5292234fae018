"""Entity and key-phrase extraction, on invented articles about invented people."""

from __future__ import annotations

from masthead.tagging.extraction import ArticleText, Candidate, suggest

# Invented people and places only: no real person is quoted here.
CALDOR = ArticleText(
    headline="Councillor Ines Caldor backs harbour funding for Port Averly",
    standfirst="The Russian senator Tomas Vellik criticised the plan on 3 July.",
    body=(
        "<p>Councillor Ines Caldor said the harbour funding would rise by 40 per cent. "
        "Caldor said the Averly Harbour Trust had agreed to 5 million pounds.</p>"
        "<p>Vellik said the harbour funding was a mistake. Listen Live. Get short URL. "
        "Discussion. Community standards.</p>"
        "<p>The vote is on Tuesday at 10:00, Caldor said.</p>"
    ),
)


def names(candidates: list[Candidate]) -> list[str]:
    """Return the candidates' names in rank order."""
    return [candidate.name for candidate in candidates]


def by_name(candidates: list[Candidate]) -> dict[str, Candidate]:
    """Return candidates by name."""
    return {candidate.name: candidate for candidate in candidates}


def test_surname_resolves_to_the_full_name_used_in_the_article() -> None:
    """ "Caldor" alone counts towards "Ines Caldor"; titles are stripped; she ranks first."""
    found = suggest(CALDOR)
    assert names(found)[0] == "Ines Caldor"
    assert by_name(found)["Ines Caldor"].kind == "person"
    assert "Caldor" not in names(found) and "Vellik" not in names(found)
    assert by_name(found)["Tomas Vellik"].kind == "person"


def test_demonym_before_a_noun_means_the_country() -> None:
    """ "Russian senator" is about Russia; the bare adjective is no tag."""
    found = by_name(suggest(CALDOR))
    assert found["Russia"].kind == "place"
    assert "Russian" not in found


def test_dates_numbers_money_and_page_chrome_are_dropped() -> None:
    """No dates, times, numbers, amounts or site furniture among the suggestions."""
    found = " | ".join(names(suggest(CALDOR)))
    for dropped in ("July", "Tuesday", "10:00", "40", "million", "Listen Live", "Discussion"):
        assert dropped not in found
    assert "Community standards" not in found and "Get short URL" not in found


def test_key_phrases_become_topics() -> None:
    """A repeated key phrase is suggested as a topic."""
    assert by_name(suggest(CALDOR))["harbour funding"].kind == "topic"


def test_headline_outranks_a_body_only_mention() -> None:
    """A name in the headline beats one mentioned twice in the body alone."""
    article = ArticleText(
        headline="Marrow Bay Ferry Company cuts winter crossings",
        standfirst="Islanders will wait longer.",
        body="<p>Odile Farrant of Kessock Island Council objected. "
        "Farrant said Kessock Island Council would appeal.</p>",
    )
    ranked = names(suggest(article))
    assert ranked.index("Marrow Bay Ferry Company") < ranked.index("Kessock Island Council")


def test_bad_input_gives_few_or_no_suggestions() -> None:
    """Empty, markup-only, foreign and huge texts never crash (test_bad_input checks the cap)."""
    assert suggest(ArticleText("", "", "")) == []
    assert suggest(ArticleText("<script>alert(1)</script>", "<p></p>", "&amp;&lt;")) == []
    assert len(suggest(ArticleText("Der Hafen", "Die Fähre fährt.", "Es regnet."))) <= 3
    huge = ArticleText("Ferries", "", "<p>The ferry left Port Averly. </p>" * 20_000)
    assert "Port Averly" in names(suggest(huge))
