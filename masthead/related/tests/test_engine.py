"""The engine through its actions: lists of story threads, updates, bad input."""

from __future__ import annotations

import pytest

from masthead.related.actions import recompute_list, update_article
from masthead.related.models import IndexedArticle, Posting, RelatedEntry, Term
from masthead.related.tests.helpers import build_stories, related_ids, story_article
from masthead.testing.factories import make_section

pytestmark = pytest.mark.django_db


def test_articles_list_their_own_story_first() -> None:
    """Each article's automatic picks are the other articles of its story thread."""
    stories = build_stories(make_section())
    for pages in stories.values():
        for page in pages:
            others = {other.pk for other in pages if other.pk != page.pk}
            assert set(related_ids(page)[:2]) == others


def test_automatic_picks_carry_reasons() -> None:
    """Automatic lines store a score and the shared terms and names that earned it."""
    stories = build_stories(make_section())
    first = stories["orchard"][0]
    entry = RelatedEntry.objects.filter(article=first).order_by("position").first()
    assert entry is not None and not entry.is_pick and entry.score > 0
    assert "cider" in entry.reasons["shared_terms"]
    assert "Quillan Vale" in entry.reasons["shared_entities"]


def test_update_replaces_postings_and_frequencies() -> None:
    """Reindexing an article replaces its postings; removing it lowers the frequencies."""
    section = make_section()
    first = story_article("Skelmere ferry sails", "Ilse Vantrow sails.", "The ferry sails.")
    update_article(first.pk)
    postings = Posting.objects.filter(article_id=first.pk).count()
    update_article(first.pk)
    assert Posting.objects.filter(article_id=first.pk).count() == postings
    ferry = Term.objects.get(key="w:ferry")
    assert ferry.document_frequency == 1
    second = story_article("Ferry news", "It is.", "Ferry.", section=section)
    update_article(second.pk)
    ferry.refresh_from_db()
    assert ferry.document_frequency == 2
    second.unpublish()
    update_article(second.pk)
    ferry.refresh_from_db()
    assert ferry.document_frequency == 1
    assert not IndexedArticle.objects.filter(pk=second.pk).exists()


def test_article_without_text_or_tags_gets_an_empty_list() -> None:
    """An article of stop words only is indexed with no terms and lists nothing."""
    build_stories(make_section())
    empty = story_article("The And Of", "It is.", "")
    result = update_article(empty.pk)
    assert result.indexed
    assert related_ids(empty) == []
    assert IndexedArticle.objects.get(pk=empty.pk).vector == []


def test_identical_text_and_headlines_are_listed_once_at_most() -> None:
    """Copies of an article and near-identical headlines never fill a list twice."""
    section = make_section()
    stories = build_stories(section)
    original = stories["ferry"][0]
    text = "The Brannock ferry timetable loses its evening crossings at Skelmere terminal."
    copies = [
        story_article("Brannock ferry crossings cut for winter", "Ferry news.", text, 2),
        story_article("Brannock ferry crossings cut for the winter!", "Ferry news.", text, 3),
        story_article("Skelmere copy", "Ferry news.", text, 4),
        story_article("Skelmere copy again", "Ferry news.", text, 5),
    ]
    for copy in copies:
        update_article(copy.pk)
    listed = related_ids(original)
    assert original.pk not in listed
    assert not {copies[0].pk, copies[1].pk} <= set(listed)  # Near-identical headlines.
    # The last two are one text under two headlines: copies, not related articles.
    assert copies[3].pk not in related_ids(copies[2])
    assert copies[2].pk not in related_ids(copies[3])


def test_embargoed_and_expired_articles_are_never_shown() -> None:
    """Unpublished (scheduled) articles are not indexed; expired ones are not rendered."""
    import datetime as dt

    from django.utils import timezone

    from masthead.related.queries import visible_entries

    stories = build_stories(make_section())
    first, second = stories["observatory"][:2]
    future = timezone.now() + dt.timedelta(days=1)
    embargoed = story_article(
        "Tessary observatory telescope comet embargo",
        "Nell Carrow comet.",
        "Tessary observatory telescope comet Nell Carrow.",
        go_live_at=future,
        publish=False,
    )
    assert not update_article(embargoed.pk).indexed
    assert embargoed.pk not in related_ids(first)
    type(second).objects.filter(pk=second.pk).update(
        expire_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert second.pk in related_ids(first)
    assert second.pk not in [entry.target_id for entry in visible_entries(first.pk)]
    # Its update (the scheduler unpublishes it, or anything else) takes it out everywhere.
    assert not update_article(second.pk).indexed
    assert second.pk not in related_ids(first)
    assert not IndexedArticle.objects.filter(pk=second.pk).exists()


def test_shared_tags_relate_articles_and_are_named_in_the_reasons() -> None:
    """Articles with no words in common but a shared tag are related, and the tag is named."""
    from masthead.tagging.actions import find_or_create_tag, set_article_tags
    from masthead.tagging.models import TagKind

    barrier = find_or_create_tag("Lowmarsh tidal barrier", TagKind.TOPIC)
    first = story_article("Engineers close floodgates", "Water rose overnight.", "", 3)
    second = story_article("Budget vote delayed", "Councillors argued until late.", "", 2)
    third = story_article("Choir tours abroad", "Singers packed their robes.", "", 1)
    set_article_tags(first, [barrier])
    set_article_tags(second, [barrier])
    for page in (first, second, third):
        update_article(page.pk)
    assert related_ids(first) == [second.pk]
    assert related_ids(third) == []
    entry = RelatedEntry.objects.get(article=second)
    assert entry.target_id == first.pk
    assert entry.reasons["shared_tags"] == ["Lowmarsh tidal barrier"]
    assert entry.reasons["shared_terms"] == [] and entry.reasons["tags"] == 1.0


def test_rebuild_gives_the_lists_of_incremental_updates() -> None:
    """A full rebuild and one update per article produce the same lists and scores."""
    from django.db import connection

    from masthead.related.rebuild import WINDOW_INDEX, rebuild

    stories = build_stories(make_section())
    pages = [page for pages in stories.values() for page in pages]
    # Indexing changes frequencies, so bring every list to the final statistics first.
    for page in pages:
        update_article(page.pk)
    for page in pages:
        recompute_list(page.pk)
    before = {page.pk: related_ids(page) for page in pages}
    summary = rebuild()
    assert summary.articles == len(pages) and summary.lists == len(pages)
    for page in pages:
        recompute_list(page.pk)
    again = {page.pk: related_ids(page) for page in pages}
    rebuild()
    assert {page.pk: related_ids(page) for page in pages} == again
    # The (term, time) index dropped for the bulk load is back.
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Posting._meta.db_table)
    assert constraints[WINDOW_INDEX]["columns"] == ["term_id", "published_at"]
    assert all(set(before[pk][:2]) == set(again[pk][:2]) for pk in before)


def test_rebuild_with_no_article_to_index_empties_every_list() -> None:
    """A rebuild when no article is live and public leaves no index and no list.

    Before, it emptied the index, then failed building the postings' term ranges
    from no postings (a ValueError), so every stored list stayed, naming
    articles readers can no longer see.
    """
    from masthead.newsroom.models import ArticlePage
    from masthead.related.rebuild import rebuild

    build_stories()
    assert RelatedEntry.objects.exists()
    ArticlePage.objects.update(live=False)  # As if every article had been withdrawn.
    summary = rebuild()
    assert summary.articles == 0 and summary.lists == 0
    assert not RelatedEntry.objects.exists() and not IndexedArticle.objects.exists()
