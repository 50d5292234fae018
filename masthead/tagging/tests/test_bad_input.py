"""Bad input to the suggestion engine: few or no suggestions, never a crash or a hung worker."""

from __future__ import annotations

from typing import Any

import pytest

from masthead.tagging import extraction
from masthead.tagging.extraction import MAX_CHARS, ArticleText, Candidate, plain_text, suggest


def names(candidates: list[Candidate]) -> list[str]:
    """Return the candidates' names in rank order."""
    return [candidate.name for candidate in candidates]


class SpyPipeline:
    """The real pipeline, recording every text it is given."""

    def __init__(self) -> None:
        self.nlp = extraction.load_pipeline()
        self.texts: list[str] = []

    def pipe(self, texts: Any) -> Any:
        """Record the texts and hand them to spaCy."""
        recorded = list(texts)
        self.texts.extend(recorded)
        return self.nlp.pipe(recorded)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> SpyPipeline:
    """Replace the loaded pipeline with one that records what spaCy reads."""
    pipeline = SpyPipeline()
    monkeypatch.setattr(extraction, "load_pipeline", lambda: pipeline)
    return pipeline


def test_empty_article_gives_no_suggestions() -> None:
    """An empty article, or one with only a headline, never crashes."""
    assert suggest(ArticleText("", "", "")) == []
    found = suggest(
        ArticleText("Councillor Ines Caldor backs harbour funding for Port Averly", "", "")
    )
    assert {"Ines Caldor", "Port Averly"} <= set(names(found))


def test_whitespace_and_punctuation_only_give_no_suggestions() -> None:
    """Blank, punctuation and entity-only text is no tag."""
    assert suggest(ArticleText("  \n\t ", "!!! ??? ... ---", "<p> ,,, ;;; </p>\n\n &nbsp; …")) == []
    assert suggest(ArticleText("&amp;&lt;&gt;", "\u200b\u00a0", "- - - * * *")) == []


def test_html_is_stripped_before_suggesting() -> None:
    """Tags, scripts, styles and comments never reach the suggestions; their text does."""
    article = ArticleText(
        "<h1>Ferry <em>cancelled</em></h1>",
        "<p class='lead'>Councillor <strong>Ines Caldor</strong> objected.</p>",
        "<p>Caldor said the <a href='/x'>Marrow Bay Ferry Company</a> had failed.</p>"
        "<script>var p = '<p>Evil Corp</p>';</script><style>p { color: red }</style>"
        "<!-- Hidden Person --><p>Caldor said Port Averly deserved better.</p>",
    )
    found = names(suggest(article))
    assert found[:3] == ["Ines Caldor", "Marrow Bay Ferry Company", "Port Averly"]
    joined = " | ".join(found)
    for markup in ("<", ">", "Evil Corp", "Hidden Person", "color", "href", "strong"):
        assert markup not in joined


def test_paragraph_tags_separate_sentences() -> None:
    """ "</p><p>" becomes a paragraph break, so two paragraphs are not glued together."""
    assert plain_text("<p>It failed.</p><p>Caldor said</p>") == "It failed.\n\n\n\nCaldor said"
    assert plain_text("<p>Caldor<br>Port Averly</p>") == "Caldor\n\nPort Averly"


def test_broken_markup_does_not_crash() -> None:
    """Unclosed tags and a script that never ends are cut, not fatal."""
    assert suggest(ArticleText("Ferry <b", "<p", '<p>Ines Caldor said <div class="x')) is not None
    assert plain_text("Port Averly<script>alert('Evil Corp')") == "Port Averly"


def test_huge_article_is_capped_before_spacy(spy: SpyPipeline) -> None:
    """A 100,000-word paste is cut to MAX_CHARS per part, and its start is still tagged."""
    body = "<p>The ferry left Port Averly for Kessock Island, said Ines Caldor. </p>" * 8_400
    assert len(body.replace("<p>", " ").split()) > 100_000
    found = names(suggest(ArticleText("Ferries", "", body)))
    assert {"Port Averly", "Ines Caldor"} <= set(found)
    assert spy.texts and all(len(text) <= MAX_CHARS for text in spy.texts)


@pytest.mark.parametrize(
    "body",
    [
        "<" * 200_000,  # Django's strip_tags and spaCy's tokenizer are quadratic on this.
        "!?" * 100_000,
        "a" * 1_000_000,
        "<b>" * 200_000,
        "<script>" * 50_000,
    ],
    ids=["angle-brackets", "punctuation", "one-long-word", "many-tags", "unclosed-scripts"],
)
def test_pathological_text_finishes(spy: SpyPipeline, body: str) -> None:
    """Runs of markup or punctuation reach spaCy capped and without endless words."""
    assert suggest(ArticleText("Ferries", "", body)) == []
    assert all(len(text) <= MAX_CHARS for text in spy.texts)
    assert all(len(word) < 100 for text in spy.texts for word in text.split())


@pytest.mark.parametrize(
    ("headline", "standfirst", "body"),
    [
        (
            "La mairie ferme la bibliothèque",
            "Les habitants protestent.",
            "<p>Le maire a annoncé mardi que la bibliothèque fermera en avril.</p>",
        ),
        (
            "Порт закрыт из-за шторма",
            "Паромы не ходят.",
            "<p>Мэр города сказал, что порт откроется в понедельник.</p>",
        ),
        ("港口因风暴关闭", "渡轮停航。", "<p>市长说港口将在星期一重新开放。渔民们很不满。</p>"),
        (
            "Der Hafen bleibt geschlossen",
            "Die Fähre fährt heute nicht.",
            "<p>Der Bürgermeister sagte, dass die Stadt den Hafen am Montag öffnen werde.</p>",
        ),
    ],
    ids=["french", "russian", "chinese", "german"],
)
def test_non_english_text_gives_few_suggestions(headline: str, standfirst: str, body: str) -> None:
    """Text the English pipeline cannot read gives a handful of suggestions at most."""
    assert len(suggest(ArticleText(headline, standfirst, body))) <= 4
