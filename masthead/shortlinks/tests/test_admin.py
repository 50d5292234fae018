"""The admin: links listed with their clicks, a panel with QR code, aliases, links on request."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from masthead.shortlinks.models import ShortLink, ShortLinkDailyCount
from masthead.testing.factories import make_article, make_section

pytestmark = pytest.mark.django_db
VIEWS = "wagtailsnippets_shortlinks_shortlink"


@pytest.fixture
def editor_client(client: Client, django_user_model: Any) -> Client:
    """Return a client signed in as a superuser."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.invalid", "pw")
    client.force_login(user)
    return client


def test_listing_shows_links_with_their_clicks(editor_client: Client) -> None:
    """Each link appears with its page and its click totals."""
    link = ShortLink.objects.get(target=make_article(title="Harbour vote delayed"))
    ShortLinkDailyCount.objects.create(
        link=link, date=timezone.localdate(), human_clicks=41, bot_clicks=7
    )
    html = editor_client.get(reverse(f"{VIEWS}:list")).content.decode()
    assert link.code in html and "Harbour vote delayed" in html
    assert "41" in html and "7" in html


def test_edit_view_shows_short_url_qr_and_daily_clicks(editor_client: Client) -> None:
    """The link's panel shows its URL, an inline QR code and the day's counts."""
    link = ShortLink.objects.get(target=make_article())
    ShortLinkDailyCount.objects.create(
        link=link, date=timezone.localdate(), human_clicks=12, bot_clicks=3
    )
    html = editor_client.get(reverse(f"{VIEWS}:edit", args=[link.pk])).content.decode()
    assert f"/s/{link.code}" in html
    assert "<svg" in html
    assert "12 by people, 3 by bots" in html


def test_editor_adds_an_alias_and_collisions_are_refused(editor_client: Client) -> None:
    """A free alias is saved lowercase; one equal to a code is refused with a message."""
    link = ShortLink.objects.get(target=make_article())
    other = ShortLink.objects.get(target=make_article())
    url = reverse(f"{VIEWS}:edit", args=[link.pk])
    response = editor_client.post(url, {"alias": "Harbour-Vote"})
    assert response.status_code == 302
    assert ShortLink.objects.get(pk=link.pk).alias == "harbour-vote"
    assert editor_client.get("/s/harbour-vote").status_code == 302
    response = editor_client.post(reverse(f"{VIEWS}:edit", args=[other.pk]), {"alias": link.code})
    assert response.status_code == 200
    assert ShortLink.objects.get(pk=other.pk).alias is None


def test_section_gets_a_link_on_request(editor_client: Client) -> None:
    """The page header's "Short link" offers creation, and a POST creates one link."""
    section = make_section()
    edit_page = editor_client.get(reverse("wagtailadmin_pages:edit", args=[section.pk]))
    url = reverse("shortlinks_page_short_link", args=[section.pk])
    assert url in edit_page.content.decode()
    assert "Create short link" in editor_client.get(url).content.decode()
    assert not ShortLink.objects.filter(target=section).exists()
    response = editor_client.post(url)
    link = ShortLink.objects.get(target=section)
    assert response["Location"] == reverse(f"{VIEWS}:edit", args=[link.pk])
    editor_client.post(url)
    assert ShortLink.objects.filter(target=section).count() == 1


def test_snippet_add_form_creates_a_link_for_any_page(editor_client: Client) -> None:
    """Choosing a page in the add form draws a code for it."""
    section = make_section()
    response = editor_client.post(reverse(f"{VIEWS}:add"), {"target": section.pk, "alias": ""})
    assert response.status_code == 302
    assert len(ShortLink.objects.get(target=section).code) == 7


def test_readers_cannot_create_links(client: Client) -> None:
    """The admin view needs a signed-in editor."""
    section = make_section()
    response = client.post(reverse("shortlinks_page_short_link", args=[section.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not ShortLink.objects.filter(target=section).exists()
