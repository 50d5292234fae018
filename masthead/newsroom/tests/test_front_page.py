"""The front page: editors choose the lead and order; no article appears twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from masthead.newsroom.front_page import build_front_page
from masthead.newsroom.models import (
    MAX_LATEST_COUNT,
    MAX_RAIL_COUNT,
    HomePagePick,
    HomePageRail,
)
from masthead.testing.factories import make_article, make_home, make_section

pytestmark = pytest.mark.django_db


def all_articles(front) -> list[int]:  # type: ignore[no-untyped-def]
    """Return the ids of every article on the front page, in order."""
    ids = [front.lead.pk] if front.lead else []
    ids += [a.pk for a in front.picks]
    for rail in front.rails:
        ids += [a.pk for a in rail.articles]
    ids += [a.pk for a in front.latest]
    return ids


def test_no_article_appears_twice() -> None:
    """An article chosen as lead or pick is not repeated in rails or latest."""
    home = make_home()
    news, sport = make_section(title="News"), make_section(title="Sport")
    now = timezone.now()
    articles = [
        make_article(news if n % 2 else sport, published_at=now - dt.timedelta(hours=n))
        for n in range(10)
    ]
    home.lead_article = articles[3]
    home.save()
    HomePagePick.objects.create(page=home, article=articles[0], sort_order=0)
    HomePagePick.objects.create(page=home, article=articles[3], sort_order=1)  # Also the lead.
    HomePageRail.objects.create(page=home, section=news, count=3, sort_order=0)
    HomePageRail.objects.create(page=home, section=sport, count=3, sort_order=1)
    ids = all_articles(build_front_page(home))
    assert len(ids) == len(set(ids)) == 10
    assert ids[0] == articles[3].pk
    assert ids[1] == articles[0].pk


def test_editors_order_of_picks_and_rails_is_kept() -> None:
    """Picks and rails follow the order editors gave them, not publication order."""
    home = make_home()
    first, second = make_section(title="First rail"), make_section(title="Second rail")
    old = make_article(first, published_at=timezone.now() - dt.timedelta(days=3))
    new = make_article(second, published_at=timezone.now())
    HomePagePick.objects.create(page=home, article=old, sort_order=0)
    HomePagePick.objects.create(page=home, article=new, sort_order=1)
    HomePageRail.objects.create(page=home, section=second, sort_order=0)
    HomePageRail.objects.create(page=home, section=first, sort_order=1)
    make_article(first)
    make_article(second)
    front = build_front_page(home)
    assert [a.pk for a in front.picks] == [old.pk, new.pk]
    assert [rail.section.pk for rail in front.rails] == [second.pk, first.pk]


def test_without_a_chosen_lead_the_newest_article_leads() -> None:
    """An empty lead falls back to the newest live article."""
    home = make_home()
    section = make_section()
    make_article(section, published_at=timezone.now() - dt.timedelta(days=1))
    newest = make_article(section, published_at=timezone.now())
    assert build_front_page(home).lead.pk == newest.pk  # type: ignore[union-attr]


def test_unpublished_lead_is_not_shown(client: Client) -> None:
    """A lead article that was withdrawn disappears from the front."""
    home = make_home()
    article = make_article(title="Withdrawn lead story")
    home.lead_article = article
    home.save()
    article.unpublish()
    assert b"Withdrawn lead story" not in client.get("/").content


def test_empty_front_page_renders(client: Client) -> None:
    """A new site without articles still has a working front page."""
    make_home()
    assert client.get("/").status_code == 200


def test_front_page_list_sizes_have_a_maximum() -> None:
    """The latest list and a rail refuse sizes beyond their maximum; the maximum itself passes.

    Before the fix both took up to 32767, so a typo rendered thousands of teasers.
    """
    home = make_home()
    home.latest_count = MAX_LATEST_COUNT + 1
    with pytest.raises(ValidationError) as refused:
        home.full_clean()
    assert "latest_count" in refused.value.message_dict
    home.latest_count = MAX_LATEST_COUNT
    home.full_clean()
    rail = HomePageRail(page=home, section=make_section(), count=MAX_RAIL_COUNT + 1)
    with pytest.raises(ValidationError) as refused:
        rail.full_clean()
    assert "count" in refused.value.message_dict
    rail.count = MAX_RAIL_COUNT
    rail.full_clean()


def test_front_page_caps_sizes_saved_before_the_maximum(monkeypatch: pytest.MonkeyPatch) -> None:
    """A size stored before the fields had a maximum is still held to it as the page is built.

    Before, only the admin's validation knew the maximum: a front page saved
    with 5,000 went on rendering that many teasers.
    """
    from masthead.newsroom import models

    monkeypatch.setattr(models, "MAX_RAIL_COUNT", 2)
    monkeypatch.setattr(models, "MAX_LATEST_COUNT", 3)
    home = make_home()
    harbour, hills = make_section(title="Harbour"), make_section(title="Hills")
    now = timezone.now()
    for n in range(4):
        make_article(harbour, published_at=now - dt.timedelta(hours=n))
        make_article(hills, published_at=now - dt.timedelta(hours=n, minutes=30))
    HomePageRail.objects.create(page=home, section=harbour, count=4)
    type(home).objects.filter(pk=home.pk).update(latest_count=5000)
    home.refresh_from_db()
    front = build_front_page(home)
    assert [len(rail.articles) for rail in front.rails] == [2]
    assert len(front.latest) == 3
