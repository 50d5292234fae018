"""The demo hook, `masthead tags suggest` and the importers' entry point."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail import hooks

from masthead.tagging.actions import apply_suggestions
from masthead.tagging.tests.helpers import make_tag, tag_names, tagged_article
from masthead.testing.factories import make_article

pytestmark = pytest.mark.django_db

STANDFIRST = "Councillor Ines Caldor wants the Port Averly pier rebuilt, and Caldor will vote."


def test_demo_hook_tags_untagged_articles_once(client: Client) -> None:
    """After the demo loads, untagged articles get up to six tags and show a tag line."""
    untagged = make_article(title="Caldor wants a new pier", standfirst=STANDFIRST)
    kept = tagged_article(make_tag("Ferries"))
    for hook in hooks.get_hooks("after_demo_load"):
        hook(io.StringIO())
    tags = tag_names(untagged)
    assert tags[0] == "Ines Caldor" and 1 < len(tags) <= 6
    assert tag_names(kept) == ["Ferries"]
    assert 'href="/tags/ines-caldor/"' in client.get(untagged.url).content.decode()
    assert client.get("/tags/ines-caldor/").status_code == 200
    for hook in hooks.get_hooks("after_demo_load"):
        hook(io.StringIO())
    assert tag_names(untagged) == tags


def test_apply_suggestions_tags_and_republishes_an_imported_article() -> None:
    """Importers can tag an article with its top suggestions in one call."""
    article = make_article(title="Caldor wants a new pier", standfirst=STANDFIRST)
    added = apply_suggestions(article, limit=2)
    assert [tag.name for tag in added] == tag_names(article)
    assert len(added) == 2


def test_suggest_command_prints_json_per_article() -> None:
    """`masthead tags suggest --json ID` prints id, url and ranked suggestions."""
    article = make_article(title="Caldor wants a new pier", standfirst=STANDFIRST)
    out = io.StringIO()
    call_command("tags", "suggest", "--json", str(article.pk), stdout=out, stderr=io.StringIO())
    record = json.loads(out.getvalue().splitlines()[0])
    assert record["id"] == article.pk and record["url"].endswith(article.url)
    assert record["suggestions"][0] == {"name": "Ines Caldor", "kind": "person", "score": 7.0}


def test_applying_suggestions_never_publishes_an_editors_draft() -> None:
    """On an article with unpublished changes, tags go into the draft and nothing goes live."""
    article = make_article(title="Caldor wants a new pier", standfirst=STANDFIRST)
    draft = article.get_latest_revision_as_object()
    draft.title = "Unfinished headline"
    draft.save_revision()
    apply_suggestions(article)
    article.refresh_from_db()
    assert article.title == "Caldor wants a new pier"
    assert tag_names(article) == []
    latest = article.get_latest_revision_as_object()
    assert latest.title == "Unfinished headline"
    assert latest.tag_links.all()[0].tag.name == "Ines Caldor"


@pytest.mark.parametrize("ref", ["²", "9" * 30, "2147483648"])
def test_suggest_command_refuses_ids_that_are_not_page_ids(ref: str) -> None:
    """An ID of non-ASCII digits or past the database's range is a clear command error.

    Before the fix "²" raised ValueError from int() and a 30-digit ID OverflowError.
    """
    with pytest.raises(CommandError, match="an ID is a whole number"):
        call_command("tags", "suggest", ref, stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize(
    "ref", ["http://[harbour", "https://[::1/news/pier/", "\x00", "/" * 10_000, "%00/"]
)
def test_suggest_command_refuses_malformed_urls_with_a_clear_error(ref: str) -> None:
    """A URL that cannot be parsed, or names no article, is a CommandError, not a traceback."""
    make_article(title="Caldor wants a new pier", standfirst=STANDFIRST)
    with pytest.raises(CommandError, match="No article"):
        call_command("tags", "suggest", ref, stdout=io.StringIO())


@pytest.mark.parametrize("slug", ["\x00", "x" * 10_000, "<script>", "../ferries"])
def test_merge_command_refuses_hostile_slugs_and_changes_nothing(slug: str) -> None:
    """Merging to or from a slug no tag has is refused and both tags stay as they were."""
    kept = tagged_article(make_tag("Ferries"))
    with pytest.raises(CommandError, match="No tag"):
        call_command("tags", "merge", slug, "ferries", stdout=io.StringIO())
    with pytest.raises(CommandError, match="No tag"):
        call_command("tags", "merge", "ferries", slug, stdout=io.StringIO())
    assert tag_names(kept) == ["Ferries"]
