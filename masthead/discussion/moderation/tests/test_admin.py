"""The moderation admin: queues in context, keyboard-ready decisions, bulk undo, readers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from masthead.discussion.models import Comment
from masthead.discussion.moderation import actions
from masthead.discussion.moderation.models import Sanction
from masthead.discussion.moderation.tests.helpers import make_moderator, make_reader, post
from masthead.testing.factories import make_article

pytestmark = pytest.mark.django_db
JSON: dict[str, Any] = {"HTTP_ACCEPT": "application/json"}


def admin_client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_queues_need_the_moderation_permission() -> None:
    """Editors without the permission are refused; moderators see every queue."""
    editor = make_reader(is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert admin_client(editor).get("/admin/moderation/queue/pending/").status_code in (302, 403)
    client = admin_client(make_moderator())
    for name in ("pending", "reported", "appeals", "rejected", "recent"):
        assert client.get(f"/admin/moderation/queue/{name}/").status_code == 200
    assert client.get("/admin/moderation/queue/nope/").status_code == 404
    assert client.get("/admin/moderation/dashboard/").status_code == 200


def test_pending_queue_shows_context_reasons_and_history(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Each row shows parent, article, matched words, scores and the author's history."""
    article = make_article(title="Harbour dredging to start in May")
    parent = post(article, make_reader(), "The dredging will harm the seals.")
    reader = make_reader()
    for n in range(5):
        post(article, reader, f"Call me on 07700 900 31{n} for a lift {n}", parent=parent)
    client = admin_client(make_moderator())
    with django_assert_max_num_queries(30):
        html = client.get("/admin/moderation/queue/pending/").content.decode()
    assert html.count('data-row data-comment="') == 5
    assert "Harbour dredging to start in May" in html
    assert "In reply to: The dredging will harm the seals." in html
    assert "personal_information hold" in html and "7. Respect privacy" in html
    assert "0 approved, 0 rejected, trust 0" in html
    assert "moderation/queue.js" in html


def test_decide_by_json_and_form_and_bad_input() -> None:
    """Decisions post as JSON (keyboard) or as forms; bad input is a clear 400."""
    moderator = make_moderator()
    comment = post(make_article(), make_reader(), "mail me: a@example.org")
    client = admin_client(moderator)
    url = f"/admin/moderation/comments/{comment.pk}/decide/"
    assert client.post(url, {"decision": "explode"}, **JSON).status_code == 400
    assert client.post(url, {"decision": "reject"}, **JSON).json()["code"] == "rule"
    response = client.post(url, {"decision": "reject", "rule": "privacy"}, **JSON)
    assert response.json() == {"id": comment.pk, "status": "rejected"}
    response = client.post(url, {"decision": "approve", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == (
        "/admin/moderation/queue/pending/"
    )
    assert Comment.objects.get(pk=comment.pk).status == "approved"
    assert client.get(url).status_code == 405
    assert client.post("/admin/moderation/comments/99999/decide/").status_code == 404


def test_bulk_reject_then_undo_from_the_queue() -> None:
    """Bulk actions take selected ids (junk ignored) and one click undoes them."""
    article, reader = make_article(), make_reader()
    ids = [post(article, reader, f"See https://example.org/{n} please").pk for n in range(3)]
    client = admin_client(make_moderator())
    response = client.post(
        "/admin/moderation/bulk/",
        {"comment": [*map(str, ids), "junk", "-1"], "decision": "reject", "rule": "spam"},
        **JSON,
    )
    batch = response.json()["batch"]
    assert response.json()["count"] == 3
    assert set(Comment.objects.values_list("status", flat=True)) == {"rejected"}
    assert client.post(f"/admin/moderation/undo/{batch}/", **JSON).json() == {"undone": 3}
    assert set(Comment.objects.values_list("status", flat=True)) == {"held"}
    assert client.post("/admin/moderation/bulk/", {"decision": "reject"}, **JSON).status_code == 400


def test_moderator_sanctions_a_reader_from_their_page() -> None:
    """The reader page records a sanction with rule and reason, and can end it."""
    reader = make_reader()
    post(make_article(), reader, "A remark.")
    client = admin_client(make_moderator())
    url = f"/admin/moderation/readers/{reader.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"kind": "suspend", "rule": "attacks", "reason": "x", "days": "abc"})
    assert not Sanction.objects.exists()
    client.post(url, {"kind": "suspend", "rule": "attacks", "reason": "Insults", "days": "3"})
    sanction = Sanction.objects.get()
    assert (sanction.kind, sanction.rule) == ("suspend", "attacks")
    client.post(f"/admin/moderation/sanctions/{sanction.pk}/revoke/")
    assert Sanction.objects.in_force().count() == 0


def test_appeals_queue_decided_by_a_second_moderator() -> None:
    """The first moderator is refused; a second one overturns from the Appeals queue."""
    author, first, second = make_reader(), make_moderator(), make_moderator()
    comment = post(make_article(), author, "A remark.")
    actions.moderate_comment(comment, "rejected", moderator=first, rule="attacks")
    appeal = actions.appeal_rejection(
        Comment.objects.get(pk=comment.pk), appellant=author, reason="Fair comment."
    )
    assert (
        "Fair comment."
        in admin_client(second).get("/admin/moderation/queue/appeals/").content.decode()
    )
    url = f"/admin/moderation/appeals/{appeal.pk}/decide/"
    refused = admin_client(first).post(url, {"outcome": "overturn"}, **JSON)
    assert refused.status_code == 400
    assert admin_client(second).post(url, {"outcome": "overturn"}, **JSON).status_code == 200
    assert Comment.objects.get(pk=comment.pk).status == "approved"


def test_word_lists_are_edited_in_the_admin() -> None:
    """The word list snippet lists the shipped entries."""
    client = admin_client(make_moderator(is_superuser=True))
    html = client.get("/admin/snippets/moderation/wordlistentry/?q=idiot").content.decode()
    assert "idiot" in html


def test_word_list_entries_are_validated() -> None:
    """The admin refuses a term with no letters and a rule the standards lack."""
    client = admin_client(make_moderator(is_superuser=True))
    url = "/admin/snippets/moderation/wordlistentry/add/"
    data = {"term": "!!! 123", "kind": "banned", "whole_word": "on", "rule": "", "note": ""}
    assert "at least one letter" in client.post(url, data).content.decode()
    data.update(term="  harbour   gremlins ", rule="nonsense")
    assert "community standards" in client.post(url, data).content.decode()
    data["rule"] = "attacks"
    assert client.post(url, data).status_code == 302
    from masthead.discussion.moderation.models import WordListEntry

    assert WordListEntry.objects.filter(term="harbour gremlins", rule="attacks").exists()


def test_dashboard_renders_counts_and_median() -> None:
    """With decisions in the log, the dashboard shows per-day rows, totals and the median."""
    moderator = make_moderator()
    comment = post(make_article(), make_reader(), "See https://example.org/a for the data")
    actions.moderate_comment(comment, "rejected", moderator=moderator, rule="spam")
    html = admin_client(moderator).get("/admin/moderation/dashboard/").content.decode()
    assert '<th scope="row">rejected</th>' in html and '<th scope="row">spam</th>' in html
    assert f'<th scope="row">{moderator.username}</th>' in html
    assert "<td><strong>1</strong></td>" in html and "minutes</strong> (1 comments)" in html


def test_superscript_digits_in_ids_and_days_are_refused_not_errors() -> None:
    """ "²" passes str.isdigit() but is no number: bulk ignores it, a sanction asks again.

    Before the fix int("²") raised ValueError and both forms answered 500.
    """
    reader = make_reader()
    client = Client(raise_request_exception=False)
    client.force_login(make_moderator())
    bulk = client.post("/admin/moderation/bulk/", {"comment": ["²"], "decision": "approve"})
    days = client.post(
        f"/admin/moderation/readers/{reader.pk}/",
        {"kind": "suspend", "rule": "attacks", "reason": "Insults.", "days": "²"},
    )
    assert (bulk.status_code, days.status_code) == (302, 302)
    assert not Sanction.objects.filter(reader=reader).exists()


def test_dashboard_times_the_first_approval_or_rejection_not_a_hold() -> None:
    """A moderator's hold is not a decision: the median waits for the approval after it."""
    import datetime as dt

    from django.utils import timezone

    from masthead.discussion.moderation import queues
    from masthead.discussion.moderation.models import ModerationEvent

    moderator = make_moderator()
    comment = post(make_article(), make_reader(), "The ferry to Dunmore Quay runs late again.")
    actions.moderate_comment(comment, "held", moderator=moderator)
    comment.refresh_from_db()
    actions.moderate_comment(comment, "approved", moderator=moderator)
    posted = timezone.now() - dt.timedelta(hours=2)
    Comment.objects.filter(pk=comment.pk).update(created_at=posted)
    held, approved = ModerationEvent.objects.filter(actor=moderator).order_by("pk")
    ModerationEvent.objects.filter(pk=held.pk).update(created_at=posted + dt.timedelta(minutes=10))
    ModerationEvent.objects.filter(pk=approved.pk).update(
        created_at=posted + dt.timedelta(minutes=60)
    )
    figures = queues.dashboard()
    assert (figures.median_minutes, figures.decisions_timed) == (60.0, 1)


def test_word_lists_and_premoderated_articles_follow_the_moderation_permission() -> None:
    """The menu's snippets open for every moderator and for no one else (the one check)."""
    from django.contrib.auth.models import Permission

    lists = "/admin/snippets/moderation/wordlistentry/"
    articles = "/admin/snippets/moderation/articlemoderation/"
    moderator = admin_client(make_moderator())
    assert moderator.get(lists).status_code == 200
    assert moderator.get(articles).status_code == 200
    data = {"term": "harbour gremlins", "kind": "suspect", "whole_word": "on", "rule": "attacks"}
    assert moderator.post(f"{lists}add/", {**data, "note": ""}).status_code == 302
    editor = make_reader(is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_wordlistentry"),
        Permission.objects.get(codename="delete_wordlistentry"),
    )
    assert admin_client(editor).get(lists).status_code in (302, 403)


def test_a_full_queue_page_costs_the_same_queries_as_a_short_one() -> None:
    """Twenty-five held comments by twenty-five readers cost what five by one reader cost.

    Before the fix each row read its author's display name with a query of its own.
    """
    from masthead.testing.http import count_queries

    article = make_article(title="Ferry timetable changes for winter")
    client = admin_client(make_moderator())
    for n in range(5):
        post(article, make_reader(), f"Ring 07700 900 41{n} about the ferry {n}")
    few = count_queries(client, "/admin/moderation/queue/pending/")
    for n in range(20):
        post(article, make_reader(), f"Ring 07700 900 52{n:02} about the ferry {n}")
    assert count_queries(client, "/admin/moderation/queue/pending/") == few


def test_dashboard_median_covers_only_the_days_it_shows() -> None:
    """A decision on the day before the first one shown counts in no row and in no median.

    Before the fix the window was the last 168 hours, which reaches into an
    eighth calendar day: its decisions entered the median and the count beside
    it, though no row showed them.
    """
    import datetime as dt

    from django.utils import timezone

    from masthead.discussion.moderation import queues
    from masthead.discussion.moderation.models import ModerationEvent

    moderator = make_moderator()
    comment = post(make_article(), make_reader(), "The lighthouse keeper retires in June.")
    actions.moderate_comment(comment, "rejected", moderator=moderator, rule="off-topic")
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=7), dt.time(23)))
    Comment.objects.filter(pk=comment.pk).update(created_at=start)
    ModerationEvent.objects.filter(comment=comment).update(
        created_at=start + dt.timedelta(minutes=30)
    )
    figures = queues.dashboard()
    assert figures.days[0] == today - dt.timedelta(days=6)
    assert (figures.median_minutes, figures.decisions_timed) == (None, 0)
    assert not figures.by_decision


def test_dashboard_leaves_out_readers_deleting_their_own_comments() -> None:
    """A reader deleting their comment is no decision and the reader no moderator.

    Before the fix the deletion was counted as a "deleted" decision and the
    reader listed among the moderators, beside the system and the staff.
    """
    from masthead.discussion import actions as discussion_actions
    from masthead.discussion.moderation import queues

    reader = make_reader()
    comment = post(make_article(), reader, "The harbour wall needs repair before winter.")
    discussion_actions.delete_own_comment(comment, actor=reader)
    figures = queues.dashboard()
    assert reader.username not in figures.by_moderator
    assert "deleted" not in figures.by_decision
    assert sum(figures.by_moderator["system"].values()) == 1


def test_ending_a_sanction_records_who_ended_it() -> None:
    """The reader's page says which moderator ended a sanction, and when.

    Before the fix only the time was kept: a lifted ban named no one, though
    the audit names the moderator of every other decision.
    """
    moderator, other, reader = make_moderator(), make_moderator(), make_reader()
    sanction = actions.sanction_reader(
        reader, "ban", moderator=moderator, rule="threats", reason="Threats at the quay."
    )
    client = admin_client(other)
    response = client.post(f"/admin/moderation/sanctions/{sanction.pk}/revoke/")
    assert response.status_code == 302
    sanction.refresh_from_db()
    assert sanction.revoked_at is not None and sanction.revoked_by == other
    html = client.get(f"/admin/moderation/readers/{reader.pk}/").content.decode()
    assert f"ended by {other.username}" in html
