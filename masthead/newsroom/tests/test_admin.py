"""Editing in the Wagtail admin: editorial updates and go-live times."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from masthead.newsroom.actions import add_correction, create_section
from masthead.newsroom.models import ArticlePage, HomePage, SectionPage
from masthead.testing.clock import clock_at
from masthead.testing.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def article_form(title: str, **extra: Any) -> dict[str, Any]:
    """Return the admin form data of a simple article."""
    data = {
        "title": title,
        "slug": extra.pop("slug", "harbour-toll-rises"),
        "standfirst": "Boats will pay more from spring.",
        "body": streamfield([("paragraph", rich_text("<p>The toll rises by a tenth.</p>"))]),
        "article_authors": inline_formset([]),
        "corrections": inline_formset([]),
        "lead_image_caption": "",
        "lead_image_credit": "",
    }
    data.update(extra)
    return nested_form_data(data)


def test_editor_marks_an_editorial_update(editor_client: Client) -> None:
    """Ticking "editorial update" sets the updated time; a plain save does not."""
    article = make_article(title="Harbour toll rises")
    url = f"/admin/pages/{article.pk}/edit/"
    response = editor_client.post(
        url, article_form("Harbour toll rises", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.last_updated_at is None
    before = timezone.now()
    response = editor_client.post(
        url,
        article_form("Harbour toll rises sharply", mark_as_update="on", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.last_updated_at is not None and article.last_updated_at >= before
    assert "dateline__updated" in Client().get(article.url).content.decode()


def scheduled_time() -> dt.datetime:
    """Return a go-live time an hour ahead, in whole seconds as the admin form takes it.

    Before, tests scheduled two seconds ahead and slept: on a loaded machine the
    admin request took longer than that, the page went live at once, and the
    test failed. Now they move the clock on (``clock_at``) instead.
    """
    return (timezone.now() + dt.timedelta(hours=1)).replace(microsecond=0)


def test_go_live_set_in_admin_publishes_on_time(editor_client: Client) -> None:
    """A go-live time chosen in the admin publishes the article when the scheduler runs."""
    section = make_section()
    go_live = scheduled_time()
    response = editor_client.post(
        f"/admin/pages/add/newsroom/articlepage/{section.pk}/",
        article_form(
            "Embargoed harbour report",
            slug="embargoed-harbour-report",
            go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M:%S"),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302, response.content[:2000]
    article = ArticlePage.objects.get(slug="embargoed-harbour-report")
    assert not article.live
    call_command("scheduler", once=True)
    assert not ArticlePage.objects.get(pk=article.pk).live
    with clock_at(go_live + dt.timedelta(seconds=0.2)):
        call_command("scheduler", once=True)
        article.refresh_from_db()
        assert article.live
        assert Client().get(article.url).status_code == 200
    assert article.first_published_at is not None
    assert abs((article.first_published_at - article.go_live_at).total_seconds()) < 1  # type: ignore[operator]


def test_admin_pages_are_not_publicly_cached(editor_client: Client) -> None:
    """The admin never sends a public Cache-Control."""
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


def test_a_scheduled_update_is_dated_by_its_go_live_time(editor_client: Client) -> None:
    """An editorial update scheduled for later shows the time it went live as its update time.

    Before the fix it showed the time the editor scheduled it: readers, feeds and
    sitemaps were told of an update hours before anyone could read it, and a
    crawler that had fetched the article since saw no change to fetch again.
    """
    article = make_article(title="Harbour toll rises")
    go_live = scheduled_time()
    response = editor_client.post(
        f"/admin/pages/{article.pk}/edit/",
        article_form(
            "Harbour toll rises sharply",
            mark_as_update="on",
            go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M:%S"),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Harbour toll rises" and article.last_updated_at is None
    with clock_at(go_live + dt.timedelta(seconds=0.2)):
        call_command("scheduler", once=True)
    article.refresh_from_db()
    assert article.title == "Harbour toll rises sharply"
    assert article.go_live_at is not None
    assert article.last_updated_at == article.go_live_at


def test_an_update_marked_for_later_and_published_now_is_dated_now(editor_client: Client) -> None:
    """An update marked with a later go-live time, then published at once, is dated then."""
    article = make_article(title="Harbour toll rises")
    url = f"/admin/pages/{article.pk}/edit/"
    later = timezone.localtime(timezone.now() + dt.timedelta(days=1))
    editor_client.post(
        url,
        article_form(
            "Harbour toll rises sharply",
            mark_as_update="on",
            go_live_at=later.strftime("%Y-%m-%d %H:%M:%S"),
        ),
    )
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert draft.last_updated_at is not None  # The editor's form shows it in Settings.
    shown = timezone.localtime(draft.last_updated_at).strftime("%Y-%m-%d %H:%M:%S")
    before = timezone.now()
    response = editor_client.post(
        url,
        article_form(
            "Harbour toll rises sharply", last_updated_at=shown, **{"action-publish": "1"}
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.title == "Harbour toll rises sharply"
    assert article.last_updated_at is not None
    assert before <= article.last_updated_at <= timezone.now()


def test_a_copied_article_starts_without_the_originals_corrections(editor_client: Client) -> None:
    """Copying an article (to start a follow-up) leaves its corrections on the original.

    Before the fix Wagtail copied the corrections with the article: the new story
    went out marked "This article has been corrected", with notes about a text
    it never printed.
    """
    original = make_article(title="Stellbrook lock to close for repairs", slug="lock-closes")
    add_correction(original, "The lock closes on Monday, not Sunday.")
    response = editor_client.post(
        f"/admin/pages/{original.pk}/copy/",
        {
            "new_title": "Stellbrook lock reopens",
            "new_slug": "lock-reopens",
            "new_parent_page": original.get_parent().pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    copy = ArticlePage.objects.get(slug="lock-reopens")
    assert copy.live
    assert not copy.corrections.exists()  # type: ignore[attr-defined]
    assert "has been corrected" not in Client().get(copy.url).content.decode()
    assert original.corrections.count() == 1  # type: ignore[attr-defined]
    assert "has been corrected" in Client().get(original.url).content.decode()


@pytest.mark.parametrize("slug", ["tags", "authors", "search"])
def test_a_section_slug_another_address_answers_is_refused(
    editor_client: Client, slug: str
) -> None:
    """A section may not take a slug whose address (or its articles') another view answers.

    Before the fix a section slugged "search" was never shown (the search page
    answered /search/), and every article of one slugged "tags" or "authors" was
    a 404 (the tag or author view answered /tags/<slug>/).
    """
    home = make_section().get_parent()
    response = editor_client.post(
        f"/admin/pages/add/newsroom/sectionpage/{home.pk}/",
        nested_form_data({"title": "Listings", "slug": slug, "intro": "", "action-publish": "1"}),
    )
    assert response.status_code == 200
    assert "another part of the site" in response.content.decode()
    assert not SectionPage.objects.filter(slug=slug).exists()
    response = editor_client.post(
        f"/admin/pages/add/newsroom/sectionpage/{home.pk}/",
        nested_form_data({"title": "Listings", "slug": "listings", "action-publish": "1"}),
    )
    assert response.status_code == 302
    assert SectionPage.objects.filter(slug="listings", live=True).exists()


def test_a_copy_may_not_take_a_slug_another_address_answers(editor_client: Client) -> None:
    """Copying a section under a slug whose address another view answers is refused.

    Before the fix the copy form took any free slug, so a copy of a section
    slugged "search" was created and never shown (the search page answered it).
    """
    section = make_section(title="Harbour")
    home = section.get_parent()
    data = {"new_title": "Listings", "new_slug": "search", "new_parent_page": str(home.pk)}
    response = editor_client.post(f"/admin/pages/{section.pk}/copy/", data)
    assert response.status_code == 200
    assert "another part of the site" in response.content.decode()
    assert not SectionPage.objects.filter(slug="search").exists()
    data["new_slug"] = "listings"
    response = editor_client.post(f"/admin/pages/{section.pk}/copy/", data)
    assert response.status_code == 302
    assert SectionPage.objects.filter(slug="listings").exists()


def _section_off_the_site(slug: str) -> tuple[SectionPage, Page]:
    """Return a section with this slug under a home no site serves, and the site's home."""
    site_home = make_section().get_parent()
    spare_home = HomePage(title="Spare Gazette", slug="spare-gazette")
    Page.get_first_root_node().add_child(instance=spare_home)
    return create_section(spare_home, title="Search", slug=slug), site_home


def test_a_move_may_not_take_an_address_another_view_answers(editor_client: Client) -> None:
    """Moving a page where its address would be another view's is refused with a message.

    Before the fix a section slugged "search" (made where no site served it)
    moved under the site's home page and was never shown.
    """
    section, site_home = _section_off_the_site("search")
    response = editor_client.post(
        f"/admin/pages/{section.pk}/move/{site_home.pk}/confirm/", follow=True
    )
    assert "another part of the site" in response.content.decode()
    section.refresh_from_db()
    assert section.get_parent().pk != site_home.pk


def test_a_bulk_move_may_not_take_an_address_another_view_answers(editor_client: Client) -> None:
    """The bulk move refuses the same moves as the single one, with the same message.

    Before the fix the bulk move did not ask, and the section moved under the
    site's home page was never shown.
    """
    section, site_home = _section_off_the_site("search")
    url = f"/admin/bulk/wagtailcore/page/move/?id={section.pk}"
    response = editor_client.post(url, {"chooser": str(site_home.pk)})
    section.refresh_from_db()
    assert section.get_parent().pk != site_home.pk
    assert response.status_code == 302 and response["Location"] == url
    assert "another part of the site" in editor_client.get(url).content.decode()


def test_deleting_a_published_correction_in_the_form_keeps_it(editor_client: Client) -> None:
    """An editor who deletes a published correction in the edit form and publishes keeps it.

    Before the fix the correction was deleted from the public article: a
    newsroom's published corrections are a permanent record.
    """
    article = make_article(title="Tide gauge moved to the pier", slug="tide-gauge")
    correction = add_correction(article, "The gauge is on the east pier, not the west.")
    deleted = inline_formset(
        [
            {
                "id": correction.pk,
                "corrected_at": correction.corrected_at.strftime("%Y-%m-%d %H:%M"),
                "text": correction.text,
                "DELETE": "1",
            }
        ],
        initial=1,
    )
    response = editor_client.post(
        f"/admin/pages/{article.pk}/edit/",
        article_form(
            "Tide gauge moved to the pier",
            slug="tide-gauge",
            corrections=deleted,
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302, response.content[:2000]
    live = ArticlePage.objects.get(pk=article.pk)
    assert [c.text for c in live.corrections.all()] == [correction.text]  # type: ignore[attr-defined]
    assert correction.text in Client().get(live.url).content.decode()
