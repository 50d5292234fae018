"""Reading readers' queries: words, phrases and exclusions; all other syntax is inert."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from modelsearch.query import And, Not, Phrase, PlainText

from masthead.search.query import parse_query


def test_words_are_required_and_lowercased() -> None:
    """Every word becomes a required term, in lower case."""
    query = parse_query("Harbour  WALL")
    assert query.required == (("harbour",), ("wall",))
    assert query.excluded == ()
    assert query.to_fts5() == '"harbour" AND "wall"'


def test_quoted_phrase_and_exclusions() -> None:
    """A quoted phrase stays together; -word, -"phrase" and NOT word exclude."""
    query = parse_query('"sea wall" harbour -storm -"spring tide" NOT ferry')
    assert query.required == (("sea", "wall"), ("harbour",))
    assert query.excluded == (("storm",), ("spring", "tide"), ("ferry",))
    assert query.to_fts5() == '("sea wall" AND "harbour") NOT ("storm" OR "spring tide" OR "ferry")'


def test_operators_and_punctuation_are_ignored() -> None:
    """Upper-case AND/OR/NEAR, +, *, column filters and brackets are not syntax."""
    query = parse_query("harbour AND wall OR +storm* NEAR(title:quay) ^2 {body}")
    assert query.required == (
        ("harbour",),
        ("wall",),
        ("storm",),
        ("title", "quay"),
        ("2",),
        ("body",),
    )


def test_lower_case_operator_words_are_ordinary_words() -> None:
    """Readers who type "and" or "not" in lower case mean the words."""
    assert parse_query("war and peace").required == (("war",), ("and",), ("peace",))


def test_upper_case_not_is_always_an_operator() -> None:
    """NOT excludes what follows it, brackets or not, and is ignored with nothing after it.

    Before, a NOT not followed by a space and a word was searched as the word
    "not": "harbour NOT" found only articles containing "not" (on SQLite;
    PostgreSQL drops it as a stop word), and "NOT(storm)" required "not storm".
    """
    for text in ("harbour NOT", "harbour NOT .", "harbour AND NOT", 'harbour NOT"'):
        query = parse_query(text)
        assert (query.required, query.excluded) == ((("harbour",),), ()), text
    for text in ("harbour NOT(storm)", "harbour NOT (storm)", "harbour NOT -storm"):
        query = parse_query(text)
        assert (query.required, query.excluded) == ((("harbour",),), (("storm",),)), text
    assert parse_query("AND OR NOT").is_empty


def test_unbalanced_quote_is_ignored() -> None:
    """A quote without its partner leaves plain words."""
    assert parse_query('"sea wall').required == (("sea",), ("wall",))


def test_hyphenated_word_is_a_phrase() -> None:
    """U-turn is searched as the phrase "u turn", as the index's tokeniser splits it."""
    assert parse_query("U-turn").required == (("u", "turn"),)


def test_control_characters_and_nul_are_dropped() -> None:
    """NUL and other control characters separate words and never reach a query."""
    query = parse_query("sea\x00wall\x07")
    assert query.required == (("sea",), ("wall",))
    assert "\x00" not in query.text


def test_long_query_is_cut() -> None:
    """A 10 kB query is cut to its first characters and terms."""
    query = parse_query("harbour " * 1300)
    assert len(query.text) <= 200
    assert query.required == (("harbour",),)
    many = parse_query(" ".join(f"word{n}" for n in range(100)))
    assert len(many.required) == 12


def test_only_exclusions_or_punctuation_is_empty() -> None:
    """With nothing to look for, the query is empty."""
    assert parse_query("-storm").is_empty
    assert parse_query("*** -- \"\" ''").is_empty
    assert parse_query("").is_empty


def test_wagtail_query_objects() -> None:
    """The same terms become Wagtail's PlainText, Phrase and Not."""
    built = parse_query('harbour "sea wall" -storm').to_search_query()
    assert isinstance(built, And)
    first, second, third = built.subqueries
    assert isinstance(first, PlainText) and first.query_string == "harbour"
    assert isinstance(second, Phrase) and second.query_string == "sea wall"
    assert isinstance(third, Not) and isinstance(third.subquery, PlainText)


def test_words_for_highlighting_are_longest_first() -> None:
    """Highlighting tries longer words first so that one word never splits another."""
    assert parse_query('sea "seawall harbour" sea').words() == ["harbour", "seawall", "sea"]


@pytest.fixture(scope="module")
def fts5() -> sqlite3.Connection:
    """Return an in-memory FTS5 table shaped like Wagtail's."""
    database = sqlite3.connect(":memory:")
    database.execute("CREATE VIRTUAL TABLE entries USING fts5(autocomplete, body, title)")
    database.execute(
        "INSERT INTO entries VALUES ('', 'the sea wall was finished', 'Harbour reopens')"
    )
    return database


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_a_valid_fts5_query(fts5: sqlite3.Connection, text: str) -> None:
    """Whatever a reader types, SQLite's FTS5 parser accepts the query built from it."""
    query = parse_query(text)
    if query.is_empty:
        return
    fts5.execute(
        "SELECT rowid FROM entries WHERE entries MATCH ?",
        ["{title body} : (" + query.to_fts5() + ")"],
    ).fetchall()


@pytest.mark.parametrize(
    "text",
    [
        'NEAR("sea" "wall", 2)',
        "sea* OR wall^",
        "title:harbour",
        "'); DROP TABLE wagtailcore_page; --",
        '" OR 1=1 --',
        'sea\\" wall',
        "(((((",
        "AND OR NOT",
        "%s %% %(name)s",
    ],
)
def test_hostile_queries_are_valid_fts5(fts5: sqlite3.Connection, text: str) -> None:
    """Engine syntax and SQL fragments become plain words FTS5 accepts."""
    query = parse_query(text)
    if not query.is_empty:
        fts5.execute(
            "SELECT rowid FROM entries WHERE entries MATCH ?",
            ["{title body} : (" + query.to_fts5() + ")"],
        ).fetchall()


def test_terms_keep_how_they_were_written() -> None:
    """Each term remembers the reader's spelling, without quotes or minus signs."""
    query = parse_query('"County Shield semi-final" -e-mail harbour')
    assert query.required == (("county", "shield", "semi", "final"), ("harbour",))
    assert query.as_written(query.required[0]) == "County Shield semi-final"
    assert query.as_written(query.excluded[0]) == "e-mail"
    assert query.as_written(("not", "a", "term")) == "not a term"
