"""The article editor: ordered editor picks, and the list explained."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from masthead.newsroom.models import ArticlePage
from masthead.related.actions import set_editor_picks
from masthead.related.models import RelatedPick
from masthead.related.tests.helpers import build_stories

pytestmark = pytest.mark.django_db


def article_form(article: ArticlePage, **extra: Any) -> dict[str, Any]:
    """Return the admin form data of an article."""
    data: dict[str, Any] = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": streamfield([("paragraph", rich_text("<p>Quillan Vale cider orchard.</p>"))]),
        "article_authors": inline_formset([]),
        "corrections": inline_formset([]),
        "lead_image_caption": "",
        "lead_image_credit": "",
    }
    data.update(extra)
    return nested_form_data(data)


def test_editor_shows_picks_and_explains_automatic_ones(editor_client: Client) -> None:
    """The editor has the ordered picks inline and the stored list with its reasons."""
    stories = build_stories()
    article = stories["orchard"][0]
    html = editor_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Editor&#x27;s picks, in order" in html or "Editor's picks, in order" in html
    assert 'id="id_related_picks-TOTAL_FORMS"' in html
    assert "Related headlines as readers see them" in html
    assert stories["orchard"][1].title in html
    assert "Shared terms:" in html and "cider" in html
    assert "Shared names:" in html and "Quillan Vale" in html


def test_editor_orders_picks(editor_client: Client) -> None:
    """Picks posted from the editor are published in the order given."""
    stories = build_stories()
    article, first, second = stories["orchard"][0], stories["ferry"][0], stories["ferry"][1]
    form = article_form(
        article,
        related_picks=inline_formset([{"target": second.pk}, {"target": first.pk}]),
        **{"action-publish": "1"},
    )
    response = editor_client.post(f"/admin/pages/{article.pk}/edit/", form)
    assert response.status_code == 302
    picks = RelatedPick.objects.filter(page=article).order_by("sort_order")
    assert [pick.target_id for pick in picks] == [second.pk, first.pk]


def test_a_post_without_the_panel_keeps_the_picks(editor_client: Client) -> None:
    """Clients that predate the picks panel leave the picks as they are."""
    stories = build_stories()
    article, pick = stories["orchard"][0], stories["ferry"][0]
    set_editor_picks(article, [pick])
    form = article_form(article, **{"action-publish": "1"})
    response = editor_client.post(f"/admin/pages/{article.pk}/edit/", form)
    assert response.status_code == 302
    assert list(RelatedPick.objects.filter(page=article).values_list("target_id", flat=True)) == [
        pick.pk
    ]
