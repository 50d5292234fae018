"""``masthead related show`` and ``masthead related rebuild``."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import PageViewRestriction

from masthead.related.actions import set_editor_picks
from masthead.related.queries import explained_list
from masthead.related.tests.helpers import build_stories

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("related", *args, stdout=out)
    return out.getvalue()


def test_show_json_prints_each_line_with_its_reasons() -> None:
    """--json prints url, headline, score and the reasons the admin shows."""
    stories = build_stories()
    article = stories["orchard"][1]
    set_editor_picks(article, [stories["ferry"][0]])
    printed = json.loads(run("show", f"http://localhost{article.url}", "--json"))
    assert printed["headline"] == article.title
    lines = printed["related"]
    assert lines[0]["source"] == "editor" and lines[0]["headline"] == stories["ferry"][0].title
    automatic = lines[1]
    assert automatic["source"] == "automatic" and automatic["score"] > 0
    assert automatic["url"].endswith(stories["orchard"][0].url)
    assert {"shared_terms", "shared_tags", "shared_entities"} <= set(automatic["reasons"])
    assert "Quillan Vale" in automatic["reasons"]["shared_entities"]
    assert [line["reasons"] for line in lines] == [e.reasons for e in explained_list(article.pk)]


def test_show_accepts_a_path_and_prints_text() -> None:
    """A bare path works too; without --json the reasons are one line each."""
    stories = build_stories()
    article = stories["observatory"][0]
    printed = run("show", article.url.strip("/"))
    assert article.title in printed
    assert "terms:" in printed and "comet" in printed


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "/",
        "javascript:alert(1)",
        "ftp://localhost/world/x/",
        "http://[::1",
        "/no/such/article/",
        "/world/\x00evil/",
        "/" + "a" * 5000,
        "/<script>alert(1)</script>/",
        "/%FF%FE/",
    ],
)
def test_show_refuses_malformed_or_unknown_urls(url: str) -> None:
    """Malformed, hostile and unknown URLs end in a clear error, never a traceback."""
    build_stories() if url == "/no/such/article/" else None
    with pytest.raises(CommandError):
        run("show", url)


def test_rebuild_draws_progress_and_builds_every_list() -> None:
    """rebuild reports each stage and recomputes every article's list."""
    from masthead.related.models import IndexedArticle, RelatedEntry

    stories = build_stories()
    RelatedEntry.objects.all().delete()
    IndexedArticle.objects.all().delete()
    printed = run("rebuild")
    assert "1/3 counting" in printed and "3/3 ranking" in printed and "100%" in printed
    assert "Rebuilt related lists of 9 articles" in printed
    for pages in stories.values():
        for page in pages:
            assert RelatedEntry.objects.filter(article=page).count() >= 2


def test_rebuild_leaves_restricted_articles_out_of_the_index(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """rebuild indexes no view-restricted article, so none becomes a related headline.

    Before the fix the rebuild indexed and ranked every live article.
    """
    from masthead.related.models import IndexedArticle, RelatedEntry

    stories = build_stories()
    secret = stories["observatory"][1]
    with django_capture_on_commit_callbacks(execute=True):  # The commit empties the lookups.
        PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    run("rebuild")
    assert not IndexedArticle.objects.filter(article_id=secret.pk).exists()
    assert not RelatedEntry.objects.filter(target_id=secret.pk).exists()
    assert RelatedEntry.objects.filter(article=stories["observatory"][0]).exists()


def test_subcommand_is_required() -> None:
    """Running the command without show or rebuild is an error."""
    with pytest.raises(CommandError):
        run()


def test_demo_hook_builds_every_list() -> None:
    """The after_demo_load hook indexes the newsroom and stores every article's list."""
    from wagtail import hooks

    from masthead.related.models import IndexedArticle, RelatedEntry

    stories = build_stories()
    RelatedEntry.objects.all().delete()
    IndexedArticle.objects.all().delete()
    ours = [
        h for h in hooks.get_hooks("after_demo_load") if h.__module__.startswith("masthead.related")
    ]
    assert len(ours) == 1
    ours[0](StringIO())
    for pages in stories.values():
        for page in pages:
            assert RelatedEntry.objects.filter(article=page).count() >= 2


@contextlib.contextmanager
def held_elsewhere(name: str) -> Iterator[None]:
    """Hold a run lock from another thread (as another process would) while the block runs."""
    from masthead.core.run_lock import held

    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        with held(name):
            taken.set()
            done.wait(timeout=60)

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(timeout=10)
    try:
        yield
    finally:
        done.set()
        holder.join(timeout=10)


def test_a_second_rebuild_is_refused_while_one_runs() -> None:
    """A rebuild started while another runs stops at once with a clear error.

    Before, both ran: each emptied the index the other was filling, and one
    failed on the terms the other had written, leaving the index half built.
    """
    from masthead.related.tasks import INDEX_LOCK

    build_stories()
    with held_elsewhere(INDEX_LOCK), pytest.raises(CommandError, match="Another rebuild"):
        run("rebuild")
    assert "Rebuilt related lists" in run("rebuild")  # Once the first has finished.


def test_an_article_update_waits_for_a_running_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    """An article's index update queued during a rebuild runs after it, not inside it.

    Before, an update landing after the rebuild had emptied the index wrote its
    terms there, and the rebuild then failed writing the same terms.
    """
    from masthead.related import actions, tasks

    updated: list[int] = []

    def update(pk: int) -> actions.UpdateResult:
        updated.append(pk)
        return actions.UpdateResult(indexed=True)

    monkeypatch.setattr(actions, "update_article", update)
    worker = threading.Thread(target=tasks.update_related.func, args=(7,))
    with held_elsewhere(tasks.INDEX_LOCK):
        worker.start()
        worker.join(timeout=0.5)
        assert worker.is_alive() and updated == []
    worker.join(timeout=10)
    assert updated == [7]
