"""Newsroom roles in the admin: reporters submit, editors approve and schedule, moderators moderate.

Before, the project had no roles of its own: only what Wagtail's initial data
left (an "Editors" group that could not publish, a "Moderators" group that
could, and a "Moderators approval" workflow on the root page), undocumented.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from masthead.newsroom.actions import install_newsroom_roles
from masthead.newsroom.models import ArticlePage, SectionPage
from masthead.newsroom.tests.test_admin import article_form, scheduled_time
from masthead.testing.clock import clock_at
from masthead.testing.factories import make_article, make_home, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def section() -> SectionPage:
    """Return a live section of a newsroom whose roles and workflow are installed."""
    install_newsroom_roles(make_home())
    return make_section(title="Harbour", slug="harbour")


def member_of(role: str) -> Client:
    """Return a client signed in as a new member of the named group."""
    username = role.lower().replace(" ", "-")
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


def draft_by_reporter(section: SectionPage, reporter: Client, **extra: Any) -> ArticlePage:
    """Have a reporter create an article in the section, asking to publish it."""
    response = reporter.post(
        f"/admin/pages/add/newsroom/articlepage/{section.pk}/",
        article_form("Harbour toll rises", **{"action-publish": "1", **extra}),
    )
    assert response.status_code == 302, response.content[:2000]
    return ArticlePage.objects.get(slug="harbour-toll-rises")


def test_a_reporter_drafts_and_submits_but_cannot_publish(section: SectionPage) -> None:
    """A reporter's article stays a draft whatever they press, until submitted for review."""
    reporter = member_of("Reporters")
    article = draft_by_reporter(section, reporter)
    assert not article.live and article.first_published_at is None
    edit_url = f"/admin/pages/{article.pk}/edit/"
    reporter.post(edit_url, article_form("Harbour toll rises", **{"action-publish": "1"}))
    article.refresh_from_db()
    assert not article.live
    assert Client().get(f"{section.url}harbour-toll-rises/").status_code == 404
    response = reporter.post(edit_url, article_form("Harbour toll rises", **{"action-submit": "1"}))
    assert response.status_code == 302
    state = article.current_workflow_state
    assert state is not None and state.workflow.name == "Editorial review"
    assert state.current_task_state.task.name == "Editors' approval"
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_an_editor_approves_and_the_article_goes_live(
    section: SectionPage, django_capture_on_commit_callbacks: Any
) -> None:
    """Approval publishes the submitted article and purges the cached front page."""
    reporter = member_of("Reporters")
    article = draft_by_reporter(section, reporter, **{"action-submit": "1"})
    task_state = article.current_workflow_state.current_task_state  # type: ignore[union-attr]
    approve_url = f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/"
    assert reporter.post(approve_url, {"comment": ""}).status_code in (302, 403)
    assert not ArticlePage.objects.get(pk=article.pk).live
    reader = Client()
    assert b"Harbour toll rises" not in reader.get("/").content
    with django_capture_on_commit_callbacks(execute=True):
        response = member_of("Editors").post(approve_url, {"comment": "Good to go."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.current_workflow_state is None
    assert b"Harbour toll rises" in reader.get("/").content


def test_an_editor_schedules_and_the_scheduler_publishes(section: SectionPage) -> None:
    """An editor's go-live time holds the article back until publish_scheduled runs after it."""
    go_live = scheduled_time()
    response = member_of("Editors").post(
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
    with clock_at(go_live + dt.timedelta(seconds=0.2)):
        call_command("publish_scheduled", verbosity=0)
    article.refresh_from_db()
    assert article.live


def test_an_editor_publishes_and_unpublishes_directly(section: SectionPage) -> None:
    """Editors hold the publish permission: no review needed for their own changes."""
    editor = member_of("Editors")
    article = make_article(section, title="Pier reopens")
    response = editor.post(
        f"/admin/pages/{article.pk}/edit/",
        article_form("Pier reopens at dawn", slug=article.slug, **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.title == "Pier reopens at dawn"
    assert editor.post(f"/admin/pages/{article.pk}/unpublish/").status_code == 302
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_a_comment_moderator_works_the_queues_but_cannot_edit_pages(
    section: SectionPage,
) -> None:
    """Comment moderators open every queue; the page editor refuses them."""
    moderator = member_of("Comment moderators")
    for url in ("/admin/moderation/queue/pending/", "/admin/moderation/dashboard/"):
        assert moderator.get(url).status_code == 200, url
    article = make_article(section, title="Pier reopens")
    assert moderator.get(f"/admin/pages/{article.pk}/edit/").status_code in (302, 403)
    moderator.post(
        f"/admin/pages/{article.pk}/edit/",
        article_form("Changed by a moderator", slug=article.slug, **{"action-publish": "1"}),
    )
    article.refresh_from_db()
    assert article.title == "Pier reopens"


def test_a_reporter_cannot_open_the_moderation_queues(section: SectionPage) -> None:
    """Writing articles gives no say over readers' comments."""
    reporter = member_of("Reporters")
    assert reporter.get("/admin/").status_code == 200
    response = reporter.get("/admin/moderation/queue/pending/")
    assert response.status_code in (302, 403)


def test_the_scheduler_publishes_without_review(section: SectionPage) -> None:
    """The review workflow is for people in the admin: a go-live time still publishes."""
    go_live = scheduled_time()
    held = make_article(section, title="Embargoed pier survey", go_live_at=go_live)
    assert not held.live
    with clock_at(go_live + dt.timedelta(seconds=0.2)):
        call_command("scheduler", once=True)
    held.refresh_from_db()
    assert held.live and held.current_workflow_state is None


def test_setup_grants_the_roles_on_the_home_page_the_site_serves() -> None:
    """With two home pages, the roles and the review workflow hang on the default Site's one.

    Before the fix ``ensure_home_page`` returned the first home page in the
    tree, so setup gave reporters and editors rights on a home page no site
    served, and none on the one readers see.
    """
    from wagtail.models import GroupPagePermission, Page, Site, WorkflowPage

    from masthead.newsroom.actions import ensure_home_page
    from masthead.newsroom.models import HomePage

    retired = make_home()
    served = HomePage(title="Quillmere Courier", slug="courier")
    Page.get_first_root_node().add_child(instance=served)
    Site.objects.filter(is_default_site=True).update(root_page=served)
    home = ensure_home_page()
    install_newsroom_roles(home)
    assert home.pk == served.pk != retired.pk
    granted = GroupPagePermission.objects.filter(group__name="Reporters")
    assert set(granted.values_list("page_id", flat=True)) == {served.pk}
    assert WorkflowPage.objects.get(workflow__name="Editorial review").page_id == served.pk


def test_a_reporter_may_draft_the_front_page_but_only_an_editor_puts_it_live(
    section: SectionPage,
) -> None:
    """Reporters' page rights include the home page itself: they draft it, editors publish it.

    A decision rather than a fix: rights granted on the home page cover it as
    well as the pages below it, and a reporter's change to the front page
    goes through the same Editorial review as an article.
    """
    from wagtail.models import Workflow

    reporter = get_user_model().objects.create_user("front-desk", "front@example.invalid", "pw")
    reporter.groups.add(Group.objects.get(name="Reporters"))
    home = section.get_parent().specific
    permissions = home.permissions_for_user(reporter)
    assert permissions.can_edit() and not permissions.can_publish()
    assert not permissions.can_unpublish() and not permissions.can_delete()
    assert home.get_workflow() == Workflow.objects.get(name="Editorial review")
