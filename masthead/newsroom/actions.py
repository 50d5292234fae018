"""Writes of the newsroom: creating the site tree, articles and corrections, its roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from masthead.newsroom import roles
from masthead.newsroom.models import (
    ArticleAuthor,
    ArticleCorrection,
    ArticlePage,
    Author,
    HomePage,
    HomePagePick,
    HomePageRail,
    SectionPage,
)

if TYPE_CHECKING:
    from wagtail.images.models import AbstractImage

MAX_FRONT_PAGE_PICKS = 12


def check_aware(moment: dt.datetime | None, name: str) -> None:
    """Refuse a naive datetime: stored times must say which zone they are in."""
    if moment is not None and timezone.is_naive(moment):
        raise ValueError(f"{name} must be timezone-aware, got naive {moment!r}")


@transaction.atomic
def ensure_home_page(title: str = "Home", hostname: str = "localhost", port: int = 80) -> HomePage:
    """Return the site's HomePage, creating it (and pointing the default Site at it) if needed."""
    existing = site_home_page()
    if existing is not None:
        return existing
    root = Page.get_first_root_node()
    assert root is not None, "Wagtail's root page is missing; run migrations first."
    site = Site.objects.filter(is_default_site=True).first()
    # Wagtail's migrations create a bare "Welcome" page with our slug; replace it.
    for placeholder in root.get_children().filter(content_type__model="page", numchild=0):
        if site is not None and site.root_page_id == placeholder.pk:
            site.root_page = root
            site.save()
        placeholder.delete()
    home = HomePage(title=title, slug="home")
    root.add_child(instance=home)
    home.save_revision().publish()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = hostname, port, home, title
    site.save()
    return home


def site_home_page() -> HomePage | None:
    """Return the site's HomePage if there is one: the default Site's root, else the first.

    Another home page (a retired front page kept in the tree) gets no roles,
    no imported sections and no ``--section`` lookups.
    """
    served = HomePage.objects.filter(sites_rooted_here__is_default_site=True).first()
    return served or HomePage.objects.first()


@transaction.atomic
def create_section(home: HomePage, title: str, slug: str, intro: str = "") -> SectionPage:
    """Create and publish a section under the home page (or return the existing one)."""
    existing = SectionPage.objects.child_of(home).filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    section = SectionPage(title=title, slug=slug, intro=intro, show_in_menus=True)
    home.add_child(instance=section)
    section.save_revision().publish()
    return section


@transaction.atomic
def create_article(
    section: SectionPage,
    *,
    title: str,
    standfirst: str,
    body: Sequence[tuple[str, Any]] = (),
    slug: str = "",
    authors: Sequence[Author] = (),
    published_at: dt.datetime | None = None,
    updated_at: dt.datetime | None = None,
    go_live_at: dt.datetime | None = None,
    publish: bool = True,
    **fields: Any,
) -> ArticlePage:
    """Create an article in a section, credit its authors and publish it (or schedule it)."""
    for name, moment in (
        ("published_at", published_at),
        ("updated_at", updated_at),
        ("go_live_at", go_live_at),
    ):
        check_aware(moment, name)
    article = ArticlePage(
        live=False,  # Only publishing (now or at go-live) makes it live.
        title=title,
        standfirst=standfirst,
        body=list(body),
        first_published_at=published_at,
        last_updated_at=updated_at,
        go_live_at=go_live_at,
        **fields,
    )
    if slug:
        article.slug = slug
    article.article_authors = [  # type: ignore[attr-defined]
        ArticleAuthor(author=author, sort_order=order) for order, author in enumerate(authors)
    ]
    section.add_child(instance=article)
    revision = article.save_revision()
    if publish:
        revision.publish()
    article.refresh_from_db()
    return article


@transaction.atomic
def add_correction(
    article: ArticlePage, text: str, corrected_at: dt.datetime | None = None
) -> ArticleCorrection:
    """Append a dated correction to a live article and republish it.

    The correction goes live on the published text. An editor's pending draft
    (or scheduled update) is not published with it: it gets the correction too
    and stays a draft, scheduled for the same time if it was. An article
    readers cannot see (a draft, a withdrawn one) is refused: publishing the
    correction would publish the article with it.
    """
    check_aware(corrected_at, "corrected_at")
    moment = corrected_at or timezone.now()
    fresh = ArticlePage.objects.get(pk=article.pk)
    if not fresh.live:
        raise ValueError(f"Only a live article takes a correction; {fresh.pk} is not live")
    # Publishing restores child objects from the revision, so the correction is
    # added to a revision's copy rather than written to the table alone.
    if not (fresh.live and fresh.has_unpublished_changes and fresh.live_revision):
        with_correction(
            fresh.get_latest_revision_as_object(), text, moment
        ).save_revision().publish()
    else:
        # Publishing unschedules every revision: read the schedule first.
        pending = pending_revisions(fresh)
        with_correction(fresh.live_revision.as_object(), text, moment).save_revision().publish()
        for revision, go_live in pending:  # Oldest first, so the latest stays latest.
            # Loaded now, the draft carries the published correction, with its id
            # (ArticlePage.with_content_json).
            revision.as_object().save_revision(approved_go_live_at=go_live)
    return (
        ArticleCorrection.objects.filter(page_id=article.pk).order_by("-sort_order", "-pk").first()
    )  # type: ignore[return-value]


def pending_revisions(article: ArticlePage) -> list[tuple[Revision, dt.datetime | None]]:
    """Return the article's scheduled revision (with its go-live time) and its latest, oldest first.

    What an action that changes a live article must carry over to the revisions
    still waiting, so that neither the editor's draft nor the schedule loses it.
    """
    scheduled = article.revisions.filter(approved_go_live_at__isnull=False).order_by("-pk")
    pending: list[tuple[Revision, dt.datetime | None]] = [
        (revision, revision.approved_go_live_at) for revision in scheduled[:1]
    ]
    latest = article.latest_revision
    if latest is not None and latest not in [revision for revision, _ in pending]:
        pending.append((latest, None))
    return pending


def with_correction(page: ArticlePage, text: str, corrected_at: dt.datetime) -> ArticlePage:
    """Return the page with a correction appended to its in-memory corrections."""
    corrections = list(page.corrections.all())  # type: ignore[attr-defined]
    correction = ArticleCorrection(
        text=text, corrected_at=corrected_at, sort_order=len(corrections)
    )
    page.corrections = [*corrections, correction]  # type: ignore[attr-defined]
    return page


def align_first_published(article: ArticlePage) -> None:
    """Date a scheduled article by its go-live time, not the scheduler's tick after it."""
    if (
        article.go_live_at is not None
        and article.first_published_at is not None
        and dt.timedelta(0)
        <= article.first_published_at - article.go_live_at
        <= dt.timedelta(minutes=5)
    ):
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=article.go_live_at)


@transaction.atomic
def create_author(
    *, name: str, slug: str = "", role: str = "", bio: str = "", photo: AbstractImage | None = None
) -> Author:
    """Create an author snippet (or return the one that already has the slug)."""
    if slug:
        existing = Author.objects.filter(slug=slug).first()
        if existing is not None:
            return existing
    author = Author(name=name, slug=slug, role=role, bio=bio, photo=photo)
    author.save()
    return author


@transaction.atomic
def arrange_front_page(
    home: HomePage,
    *,
    lead: ArticlePage | None,
    picks: Sequence[ArticlePage] = (),
    rails: Sequence[tuple[SectionPage, int]] = (),
) -> HomePage:
    """Set the front page's lead, ordered picks and section rails (with counts), and publish it."""
    if len(picks) > MAX_FRONT_PAGE_PICKS:
        raise ValueError(f"The front page takes at most {MAX_FRONT_PAGE_PICKS} picks")
    # Publishing restores child objects from the revision, so picks and rails
    # are set on the latest revision's copy, as add_correction does.
    draft = HomePage.objects.get(pk=home.pk).get_latest_revision_as_object()
    draft.lead_article = lead
    draft.picks = [  # type: ignore[attr-defined]
        HomePagePick(article=article, sort_order=order) for order, article in enumerate(picks)
    ]
    draft.rails = [  # type: ignore[attr-defined]
        HomePageRail(section=section, count=count, sort_order=order)
        for order, (section, count) in enumerate(rails)
    ]
    draft.save_revision().publish()
    return HomePage.objects.get(pk=home.pk)


@transaction.atomic
def install_newsroom_roles(home: HomePage) -> list[str]:
    """Create the newsroom's groups and its review workflow where missing; say what was done.

    A group of a role's name that exists is the installation's and stays as it
    is, except Wagtail's unused "Editors" (see ``roles.is_unused_wagtail_editors``).
    The "Editorial review" workflow is made, and assigned to ``home``, only with
    the Editors who approve in it: so once, and never over an installation's own.
    """
    done: list[str] = []
    editors_installed = False
    for role in roles.all_roles():
        group = Group.objects.filter(name=role.name).first()
        if group is None:
            group = Group.objects.create(name=role.name)
            done.append(f"Created the group {role.name!r}.")
        elif role is roles.EDITORS and roles.is_unused_wagtail_editors(group):
            done.append(f"Gave Wagtail's unused group {role.name!r} the newsroom editors' rights.")
        else:
            continue
        grant_role(group, role, home)
        editors_installed = editors_installed or role is roles.EDITORS
    if editors_installed and not Workflow.objects.filter(name=roles.REVIEW_WORKFLOW).exists():
        create_review_workflow(Group.objects.get(name=roles.EDITORS.name), home)
        done.append(f"Created the workflow {roles.REVIEW_WORKFLOW!r} on {home.title!r}.")
    return done


def grant_role(group: Group, role: roles.Role, home: HomePage) -> None:
    """Give ``group`` exactly the rights of ``role``, pages from ``home`` down."""
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in (name.split(".") for name in role.permissions)
    )
    GroupPagePermission.objects.filter(group=group).delete()
    for codename in role.page_permissions:
        GroupPagePermission.objects.create(
            group=group,
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    GroupCollectionPermission.objects.filter(group=group).delete()
    root_collection = Collection.get_first_root_node()
    for codename in role.collection_permissions:
        GroupCollectionPermission.objects.create(
            group=group,
            collection=root_collection,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )


def create_review_workflow(editors: Group, home: HomePage) -> Workflow:
    """Create the one-step review workflow the Editors approve, on ``home`` unless it has one."""
    task = GroupApprovalTask.objects.create(name=roles.REVIEW_TASK)
    task.groups.set([editors])
    workflow = Workflow.objects.create(name=roles.REVIEW_WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # Nearer than Wagtail's "Moderators approval" on the root page, so it wins below home.
    if not WorkflowPage.objects.filter(page=home).exists():
        WorkflowPage.objects.create(workflow=workflow, page=home)
    return workflow
