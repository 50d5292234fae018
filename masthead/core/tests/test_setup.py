"""`masthead setup` creates the development admin once, and only where allowed."""

from __future__ import annotations

import contextlib
import os
import subprocess
import uuid
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run_setup() -> str:
    """Run `masthead setup --no-demo` and return what it printed."""
    out = StringIO()
    call_command("setup", no_demo=True, stdout=out)
    return out.getvalue()


def test_dev_admin_is_created_once_with_a_generated_password(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The first run creates `admin` and writes its password; later runs keep it."""
    settings.DATA_DIR = tmp_path
    settings.MASTHEAD_CREATE_DEV_SUPERUSER = True
    output = run_setup()
    password_file = tmp_path / "dev-admin-password.txt"
    password = password_file.read_text().strip()
    assert len(password) >= 12
    assert oct(password_file.stat().st_mode)[-3:] == "600"
    assert "/admin/" in output and "admin" in output
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    run_setup()
    assert password_file.read_text().strip() == password
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_no_admin_outside_development(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Test and production settings never create an account."""
    settings.DATA_DIR = tmp_path
    settings.MASTHEAD_CREATE_DEV_SUPERUSER = False
    run_setup()
    assert not get_user_model().objects.exists()
    assert not (tmp_path / "dev-admin-password.txt").exists()


def test_dev_setup_points_the_site_at_the_served_address(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """In development the default Site takes the host and port `make run` serves on."""
    from wagtail.models import Site

    settings.DATA_DIR = tmp_path
    settings.MASTHEAD_CREATE_DEV_SUPERUSER = False
    settings.MASTHEAD_ALIGN_SITE_WITH_BASE_URL = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    run_setup()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)


def test_align_default_site_refuses_a_url_without_host() -> None:
    """A malformed base URL is a clear error, not a half-saved site."""
    from masthead.core.actions import align_default_site

    with pytest.raises(ValueError, match="no host"):
        align_default_site("not a url")


def test_align_default_site_leaves_a_site_already_at_the_address() -> None:
    """When another Site already answers at the base URL, the default Site stays as it is.

    Before, moving the default Site onto that hostname and port broke Wagtail's
    unique (hostname, port) constraint: `masthead setup` ended in an
    IntegrityError on every run, after its migrations.
    """
    from wagtail.models import Site

    from masthead.core.actions import align_default_site

    default = Site.objects.get(is_default_site=True)
    before = (default.hostname, default.port)
    other = Site.objects.create(
        hostname="news.example.org", port=443, root_page=default.root_page, site_name="Wrenmouth"
    )
    assert align_default_site("https://news.example.org") == other
    default.refresh_from_db()
    assert (default.hostname, default.port) == before


def test_setup_without_demo_gives_the_site_a_home_page(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`masthead setup --no-demo` leaves the default Site showing a Masthead home page.

    Before, a production install (docs/deploy.md) kept Wagtail's "Welcome to
    your new Wagtail site!" page as the site's root, and no way to add sections.
    """
    from wagtail.models import Page, Site

    from masthead.newsroom.models import HomePage

    settings.DATA_DIR = tmp_path
    settings.MASTHEAD_CREATE_DEV_SUPERUSER = False
    run_setup()
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    run_setup()
    assert HomePage.objects.count() == 1


def test_production_setup_points_the_site_at_masthead_base_url(tmp_path: Path) -> None:
    """With MASTHEAD_BASE_URL set, production settings let `setup` align the default Site.

    Before, only development settings did: a production install followed to the
    letter wrote `http://localhost/` into its feeds, sitemaps and robots.txt.
    """
    from masthead.core.tests.test_settings import run_masthead

    show = "from django.conf import settings; print(settings.MASTHEAD_ALIGN_SITE_WITH_BASE_URL)"
    secrets = {"SECRET_KEY": "y" * 20 + "a-long-random-production-secret-value-654321"}
    with_url = run_masthead(
        ["shell", "--verbosity", "0", "-c", show],
        tmp_path,
        ALLOWED_HOSTS="news.example.org",
        MASTHEAD_BASE_URL="https://news.example.org",
        **secrets,
    )
    assert with_url.stdout.strip().splitlines()[-1] == "True", with_url.stderr
    without_url = run_masthead(
        ["shell", "--verbosity", "0", "-c", show],
        tmp_path,
        ALLOWED_HOSTS="news.example.org",
        MASTHEAD_BASE_URL="",
        **secrets,
    )
    assert without_url.stdout.strip().splitlines()[-1] == "False", without_url.stderr


def test_two_setups_at_once_both_succeed(tmp_path: Path) -> None:
    """Several machines of a deployment may run `masthead setup` at the same moment.

    Before, both migrated the new database at once: one failed on a table the
    other had just created. Now they take turns (a PostgreSQL advisory lock, or
    a lock file beside an SQLite database).
    """
    from masthead.core.tests.test_cli import CLI, environment

    with fresh_database() as database_url:
        env = environment(tmp_path / "var")
        if database_url:
            env["DATABASE_URL"] = database_url
        runs = [
            subprocess.Popen(
                [*CLI, "setup", "--no-demo"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(2)
        ]
        outcomes = [(run.wait(timeout=300), run.stderr.read().decode()) for run in runs]  # type: ignore[union-attr]
        for run in runs:
            run.stdout.close()  # type: ignore[union-attr]
            run.stderr.close()  # type: ignore[union-attr]
        assert [code for code, _ in outcomes] == [0, 0], outcomes
        count = subprocess.run(
            [*CLI, "shell", "-c", "from wagtail.models import Site; print(Site.objects.count())"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert count.stdout.strip().splitlines()[-1] == "1"


@contextlib.contextmanager
def fresh_database() -> Iterator[str]:
    """Yield the URL of a new, empty PostgreSQL database when the suite runs on one, else ''.

    On SQLite each data directory has its own database already.
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        yield ""
        return
    import psycopg

    name = f"masthead_setup_{uuid.uuid4().hex[:12]}"
    base, _, _ = url.rpartition("/")
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def roles_and_workflows() -> list[tuple[Any, ...]]:
    """Return every group's permissions and every workflow with where it applies."""
    from django.contrib.auth.models import Group
    from wagtail.models import (
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
    )

    rows: list[tuple[Any, ...]] = []
    for group in Group.objects.order_by("name"):
        model = sorted(group.permissions.values_list("codename", flat=True))
        pages = sorted(
            GroupPagePermission.objects.filter(group=group).values_list(
                "page__title", "permission__codename"
            )
        )
        collections = sorted(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "collection__name", "permission__codename"
            )
        )
        rows.append(("group", group.name, model, pages, collections))
    for workflow in Workflow.objects.order_by("name"):
        tasks = [
            (
                task.name,
                sorted(
                    GroupApprovalTask.objects.get(pk=task.pk).groups.values_list("name", flat=True)
                ),
            )
            for task in workflow.tasks.order_by("workflow_tasks__sort_order")
        ]
        pages = sorted(
            WorkflowPage.objects.filter(workflow=workflow).values_list("page__title", flat=True)
        )
        rows.append(("workflow", workflow.name, workflow.active, tasks, pages))
    return rows


def test_setup_installs_the_newsroom_roles_once(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A fresh setup holds Reporters, Editors, Comment moderators and the review workflow.

    Before, the database held only what Wagtail's initial data leaves: "Editors"
    (edit, no publish) and "Moderators" (publish) on the root page, and a
    "Moderators approval" workflow there. A second run changes nothing.
    """
    from wagtail.models import Page

    from masthead.newsroom.models import HomePage

    settings.DATA_DIR = tmp_path
    settings.MASTHEAD_CREATE_DEV_SUPERUSER = False
    run_setup()
    home = HomePage.objects.get().title
    root = Page.get_first_root_node().title  # type: ignore[union-attr]
    first = roles_and_workflows()
    groups = {row[1]: row[2:] for row in first if row[0] == "group"}
    assert groups["Reporters"] == (
        ["access_admin"],
        [(home, "add_page"), (home, "change_page")],
        [("Root", "add_image"), ("Root", "choose_image")],
    )
    model, pages, collections = groups["Editors"]
    assert model == ["access_admin", "add_author", "change_author", "delete_author", "view_author"]
    assert pages == sorted(
        (home, name)
        for name in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
    )
    assert ("Root", "change_image") in collections and ("Root", "add_image") in collections
    assert groups["Comment moderators"] == (["access_admin", "moderate_comments"], [], [])
    # Wagtail's page-publishing group stays, for installations that use it.
    assert (root, "publish_page") in groups["Moderators"][1]
    workflows = {row[1]: row[2:] for row in first if row[0] == "workflow"}
    assert workflows["Editorial review"] == (True, [("Editors' approval", ["Editors"])], [home])
    assert workflows["Moderators approval"][2] == [root]
    run_setup()
    assert roles_and_workflows() == first


def test_setup_leaves_roles_an_installation_changed(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Changed groups, a removed workflow and Wagtail's "Editors" in use are left as they are."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Workflow

    settings.DATA_DIR = tmp_path
    settings.MASTHEAD_CREATE_DEV_SUPERUSER = False
    editors = Group.objects.get(name="Editors")  # Wagtail's: edit, no publish.
    get_user_model().objects.create_user("subeditor").groups.add(editors)
    reporters = Group.objects.create(name="Reporters")
    reporters.permissions.add(Permission.objects.get(codename="add_image"))
    before = roles_and_workflows()
    run_setup()
    after = {row[1]: row for row in roles_and_workflows()}
    # Wagtail's Editors has a member: making it publish would promote them.
    for row in before:
        if row[1] in ("Editors", "Reporters"):
            assert after[row[1]] == row
    assert "Comment moderators" in after
    # Without the newsroom's Editors, no workflow would have anyone to approve.
    assert not Workflow.objects.filter(name="Editorial review").exists()
