"""Short links are made on first publication, stay with their page, and aliases never collide."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from masthead.shortlinks import actions
from masthead.shortlinks.codes import ALPHABET
from masthead.shortlinks.models import ShortLink
from masthead.testing.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def test_publishing_an_article_gives_it_one_short_link() -> None:
    """The first publication creates the code; republishing keeps it."""
    article = make_article()
    link = ShortLink.objects.get(target=article)
    assert len(link.code) == 7 and set(link.code) <= set(ALPHABET)
    article.get_latest_revision_as_object().save_revision().publish()
    assert list(ShortLink.objects.filter(target=article)) == [link]


def test_drafts_get_no_short_link_until_published() -> None:
    """An unpublished draft has no code; publishing gives it one."""
    draft = make_article(publish=False)
    assert not ShortLink.objects.filter(target=draft).exists()
    draft.save_revision().publish()
    assert ShortLink.objects.filter(target=draft).count() == 1


def test_code_is_not_derived_from_the_page_id(monkeypatch: pytest.MonkeyPatch) -> None:
    """The code comes from the secrets module alone: the page's ID plays no part."""
    first = make_article()
    monkeypatch.setattr("masthead.shortlinks.codes.secrets.choice", lambda symbols: "x")
    second = make_article()
    assert ShortLink.objects.get(target=second).code == "xxxxxxx"
    assert ShortLink.objects.get(target=first).code != "xxxxxxx"


def test_code_survives_slug_title_and_section_changes() -> None:
    """Renaming, re-slugging and moving the article keep its code and target."""
    article = make_article()
    code = ShortLink.objects.get(target=article).code
    draft = article.get_latest_revision_as_object()
    draft.title, draft.slug = "A wholly new headline", "wholly-new-slug"
    draft.save_revision().publish()
    article.refresh_from_db()
    article.move(make_section(), pos="last-child")
    link = ShortLink.objects.get(code=code)
    assert link.target_id == article.pk
    assert ShortLink.objects.filter(target=article).count() == 1


def test_ensure_short_link_is_idempotent_for_any_page() -> None:
    """Sections get a link on request, once."""
    section = make_section()
    first = actions.ensure_short_link(section)
    assert actions.ensure_short_link(section) == first


def test_a_batch_gets_one_free_code_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """An importer's batch: one distinct code per page, never one already taken."""
    taken = ShortLink.objects.get(target=make_article())
    actions.set_alias(taken, "pier-vote")
    sections = [make_section(title=f"Quarter {n}") for n in range(3)]
    drawn = iter([taken.code, "pier-vote", "bcdfghk", "bcdfghk", "bcdfghm", "bcdfghn"])
    monkeypatch.setattr(actions, "new_code", lambda: next(drawn))
    links = actions.create_short_links(sections)
    assert sorted(link.code for link in links) == ["bcdfghk", "bcdfghm", "bcdfghn"]
    assert [ShortLink.objects.get(target=s).code for s in sections] == [link.code for link in links]


def test_alias_is_checked_against_codes_and_aliases() -> None:
    """An alias may not repeat another alias, an existing code, or look like a code."""
    link = ShortLink.objects.get(target=make_article())
    other = ShortLink.objects.get(target=make_article())
    actions.set_alias(link, "Harbour-Vote")
    assert ShortLink.objects.get(pk=link.pk).alias == "harbour-vote"
    for bad in ("harbour-vote", other.code, "bcdfghj", "Not a slug!", "-x-"):
        with pytest.raises(ValidationError):
            actions.set_alias(other, bad)


def test_an_alias_claimed_by_two_editors_at_once_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second of two editors claiming one alias gets the usual message, not a 500.

    Both checks pass before either writes; the database's unique index then
    refuses the second. Before the fix that IntegrityError reached the admin
    (and a new link with the alias tried eight codes, then raised RuntimeError).
    """
    first = ShortLink.objects.get(target=make_article())
    second = ShortLink.objects.get(target=make_article())
    actions.set_alias(first, "quay-vote")
    # The other editor's check ran before the first one saved.
    monkeypatch.setattr(actions, "check_alias", lambda alias, exclude_pk=None: None)
    with pytest.raises(ValidationError, match="already a short code or alias"):
        actions.set_alias(second, "quay-vote")
    assert ShortLink.objects.get(pk=second.pk).alias is None and second.alias is None
    with pytest.raises(ValidationError, match="already a short code or alias"):
        actions.create_short_link(make_section(), alias="quay-vote")


def test_new_codes_avoid_existing_aliases(monkeypatch: pytest.MonkeyPatch) -> None:
    """A drawn code equal to an alias (or a code) is drawn again."""
    link = ShortLink.objects.get(target=make_article())
    ShortLink.objects.filter(pk=link.pk).update(alias="bcdfghj")  # As if set by hand.
    draws = iter(["bcdfghj", link.code, "zzzzzzz"])
    monkeypatch.setattr("masthead.shortlinks.actions.new_code", lambda: next(draws))
    assert actions.create_short_link(make_section()).code == "zzzzzzz"


def test_deleting_the_page_keeps_the_code_as_gone() -> None:
    """The link outlives its page so that the code answers 410, not 404."""
    article = make_article()
    link = ShortLink.objects.get(target=article)
    article.delete()
    link.refresh_from_db()
    assert link.target_id is None
