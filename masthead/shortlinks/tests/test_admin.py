"""The admin: links listed with their clicks, a panel with QR code, aliases, links on request."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from masthead.shortlinks.actions import ensure_tag_short_link
from masthead.shortlinks.models import ShortLink, ShortLinkDailyCount
from masthead.tagging.actions import merge_tags, set_article_tags
from masthead.tagging.models import Tag
from masthead.testing.factories import make_article, make_section

pytestmark = pytest.mark.django_db
VIEWS = "wagtailsnippets_shortlinks_shortlink"


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


@pytest.fixture
def tag() -> Tag:
    """Return a tag with an article, so its page exists."""
    tag = Tag.objects.create(name="Quayside Lights", kind="topic")
    article = make_article(title="Lamps return to the quay")
    set_article_tags(article, [tag])
    return tag


def test_tag_page_gets_a_link_on_request(editor_client: Client, tag: Tag) -> None:
    """The tags listing offers "Short link"; a POST creates one link that redirects to the tag."""
    listing = editor_client.get(reverse("wagtailsnippets_tagging_tag:list")).content.decode()
    url = reverse("shortlinks_tag_short_link", args=[tag.pk])
    assert url in listing
    assert "Create short link" in editor_client.get(url).content.decode()
    response = editor_client.post(url)
    link = ShortLink.objects.get(target_tag=tag)
    assert response["Location"] == reverse(f"{VIEWS}:edit", args=[link.pk])
    editor_client.post(url)
    assert ShortLink.objects.filter(target_tag=tag).count() == 1
    redirect = editor_client.get(f"/s/{link.code}")
    assert redirect.status_code == 302
    assert redirect["Location"].endswith(f"/tags/{tag.slug}/")


def test_snippet_add_form_takes_a_tag_and_refuses_both_or_neither(
    editor_client: Client, tag: Tag
) -> None:
    """A new link leads to one page or one tag: both or neither is a form error."""
    section = make_section()
    add = reverse(f"{VIEWS}:add")
    both = editor_client.post(add, {"target": section.pk, "target_tag": tag.pk, "alias": ""})
    assert both.status_code == 200
    neither = editor_client.post(add, {"alias": ""})
    assert neither.status_code == 200
    assert not ShortLink.objects.exists() or not ShortLink.objects.filter(target=section).exists()
    response = editor_client.post(add, {"target_tag": tag.pk, "alias": "quay-lights"})
    assert response.status_code == 302
    assert ShortLink.objects.get(target_tag=tag).alias == "quay-lights"
    assert editor_client.get("/s/quay-lights")["Location"].endswith(f"/tags/{tag.slug}/")


def test_readers_cannot_link_tags(client: Client, django_user_model: Any, tag: Tag) -> None:
    """Only editors who may change tags reach the tag view; others are refused."""
    url = reverse("shortlinks_tag_short_link", args=[tag.pk])
    assert client.post(url).status_code == 302
    reader = django_user_model.objects.create_user("reader", "r@example.invalid", "pw")
    client.force_login(reader)
    assert client.post(url).status_code in (302, 403)
    assert not ShortLink.objects.filter(target_tag=tag).exists()


def test_tag_links_follow_slug_changes_merges_and_deletion(editor_client: Client, tag: Tag) -> None:
    """A renamed tag's link leads to its new slug, a merged tag's to the survivor; else 410."""
    link = ensure_tag_short_link(tag)
    assert editor_client.get(f"/s/{link.code}")["Location"].endswith("/tags/quayside-lights/")
    tag.slug = "quay-lamps"
    tag.save()
    assert editor_client.get(f"/s/{link.code}")["Location"].endswith("/tags/quay-lamps/")
    survivor = Tag.objects.create(name="Harbour lighting", kind="topic")
    merge_tags(tag, survivor)
    assert ShortLink.objects.get(pk=link.pk).target_tag == survivor
    assert editor_client.get(f"/s/{link.code}")["Location"].endswith(f"/tags/{survivor.slug}/")
    survivor.delete()
    assert editor_client.get(f"/s/{link.code}").status_code == 410


def test_deleted_link_stops_redirecting_at_once(
    editor_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """After an editor deletes a link, its code and alias are unknown, not a cached redirect."""
    article = make_article(title="Breakwater survey published")
    link = ShortLink.objects.get(target=article)
    link.alias = "breakwater"
    link.save()
    reader = Client()
    for path in (f"/s/{link.code}", "/s/breakwater"):
        assert reader.get(path).status_code == 302
    assert reader.get("/s/breakwater/share").status_code == 200
    assert link.code in reader.get(article.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse(f"{VIEWS}:delete", args=[link.pk]))
    assert response.status_code == 302
    assert not ShortLink.objects.filter(pk=link.pk).exists()
    for path in (f"/s/{link.code}", "/s/breakwater", "/s/breakwater/share"):
        assert reader.get(path).status_code == 404
    assert link.code not in reader.get(article.url).content.decode()


def test_tag_links_follow_the_tag_permission_policy(
    editor_client: Client, tag: Tag, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tag short-link view asks Wagtail's permission policy of tags, the one path.

    Before the fix it asked the user's model permission directly, so a policy
    refusing changes to tags still let the user link them.
    """
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(Tag)
    monkeypatch.setattr(policy, "user_has_permission", lambda user, action: action != "change")
    url = reverse("shortlinks_tag_short_link", args=[tag.pk])
    assert (
        url not in editor_client.get(reverse("wagtailsnippets_tagging_tag:list")).content.decode()
    )
    response = editor_client.post(url)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not ShortLink.objects.filter(target_tag=tag).exists()


@pytest.fixture
def desk_client(client: Client, django_user_model: Any) -> tuple[Client, Any]:
    """Return a client signed in as a desk editor who may edit one section only.

    The desk's group may add and change short links and edit pages under its
    own section; it has no permission on tags.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    own = make_section(title="Quayside Desk")
    group = Group.objects.create(name="Quayside desk")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="shortlinks",
            codename__in=[
                "add_shortlink",
                "change_shortlink",
                "delete_shortlink",
                "view_shortlink",
            ],
        ),
    )
    GroupPagePermission.objects.create(
        group=group, page=own, permission=Permission.objects.get(codename="change_page")
    )
    user = django_user_model.objects.create_user("desk", "desk@example.invalid", "pw")
    user.groups.add(group)
    client.force_login(user)
    return client, own


def test_add_form_asks_the_same_permissions_as_the_short_link_buttons(
    desk_client: tuple[Client, Any], tag: Tag
) -> None:
    """The add form only links pages the editor may edit, and tags if they may change tags.

    Before the fix the snippet's add form linked any page or tag chosen, although
    the page header's and the tags listing's "Short link" views refused the same
    editor; and the edit form set aliases on links to pages they could not edit.
    """
    client, own = desk_client
    elsewhere = make_section(title="Harbour Desk")
    add = reverse(f"{VIEWS}:add")
    assert client.post(add, {"target": elsewhere.pk, "alias": "harbour-desk"}).status_code == 200
    assert client.post(add, {"target_tag": tag.pk, "alias": ""}).status_code == 200
    assert not ShortLink.objects.filter(target=elsewhere).exists()
    assert not ShortLink.objects.filter(target_tag=tag).exists()
    response = client.post(add, {"target": own.pk, "alias": "quayside-desk"})
    assert response.status_code == 302
    assert ShortLink.objects.get(target=own).alias == "quayside-desk"
    other = ShortLink.objects.create(code="bcdfghj", target=elsewhere)
    edit = reverse(f"{VIEWS}:edit", args=[other.pk])
    assert client.post(edit, {"alias": "harbour-desk"}).status_code == 200
    assert ShortLink.objects.get(pk=other.pk).alias is None


def test_links_to_pages_the_editor_may_not_edit_cannot_be_deleted_by_them(
    desk_client: tuple[Client, Any],
) -> None:
    """Deleting a link, one or in bulk, asks the same permission as creating one.

    Before the fix an editor with the model's delete permission could delete the
    short link of any page, whose printed or shared address then answered 404.
    """
    client, own = desk_client
    elsewhere = make_section(title="Harbour Desk")
    theirs = ShortLink.objects.create(code="bcdfghj", target=elsewhere)
    mine = ShortLink.objects.create(code="kmnpqrs", target=own)
    assert client.post(reverse(f"{VIEWS}:delete", args=[theirs.pk])).status_code == 302
    bulk = reverse("wagtail_bulk_action", args=["shortlinks", "shortlink", "delete"])
    assert client.post(f"{bulk}?id={theirs.pk}&id={mine.pk}").status_code == 302
    assert ShortLink.objects.filter(pk=theirs.pk).exists()
    assert not ShortLink.objects.filter(pk=mine.pk).exists()
