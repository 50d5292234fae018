"""Highlighting: everything escaped, then the searched words marked."""

from __future__ import annotations

from masthead.search.highlight import excerpt, mark, snippet, word_pattern


def test_marks_whole_words_starting_with_a_term() -> None:
    """A term marks the words it begins, in any case, and not words it sits inside."""
    pattern = word_pattern(["tariff", "port"])
    assert mark("Tariffs hit the port; airport idle", pattern) == (
        "<mark>Tariffs</mark> hit the <mark>port</mark>; airport idle"
    )


def test_text_is_escaped_before_marking() -> None:
    """Markup in an article or a query is shown as text, never run."""
    pattern = word_pattern(["script", "amp"])
    assert mark('<script>alert("x")</script> & amp', pattern) == (
        "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt;"
        " &amp; <mark>amp</mark>"
    )


def test_regex_characters_in_terms_are_literal() -> None:
    """Terms are matched literally."""
    assert mark("a.b and axb", word_pattern(["a.b"])) == "<mark>a.b</mark> and axb"


def test_without_terms_text_is_only_escaped() -> None:
    """No pattern: escaped text, nothing marked."""
    assert mark("<b>bold</b>", None) == "&lt;b&gt;bold&lt;/b&gt;"


def test_excerpt_centres_on_the_first_match() -> None:
    """A long text is cut around its first match, with ellipses where it was cut."""
    words = [f"w{n}" for n in range(100)]
    words[60] = "harbour"
    text = excerpt(" ".join(words), word_pattern(["harbour"]), length=10)
    assert text.startswith("… ") and text.endswith(" …")
    assert "harbour" in text.split()
    assert len(text.split()) == 12


def test_snippet_prefers_the_text_with_a_match() -> None:
    """The standfirst is shown unless only the body holds a searched word."""
    pattern = word_pattern(["quay"])
    assert (
        snippet(["A standfirst.", "The quay reopened."], pattern)
        == "The <mark>quay</mark> reopened."
    )
    assert snippet(["A standfirst.", "Nothing here."], pattern) == "A standfirst."
