"""Every public endpoint against malformed, hostile and oversized input, and its permissions.

Reader endpoints check sign-in through ``views.signed_in``; admin endpoints check
the moderation permission through ``admin_views.access_moderator`` and again in
each action (``actions.check_can_moderate``). These tests walk every URL with
each kind of unwanted visitor and each kind of bad input, and check that nothing
changed and nothing crashed (a 500 fails the test client loudly).
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.test import Client

from masthead.discussion import actions as discussion_actions
from masthead.discussion.models import Comment
from masthead.discussion.moderation import actions
from masthead.discussion.moderation.models import (
    Appeal,
    AppealStatus,
    ArticleModeration,
    Disagreement,
    ModerationEvent,
    Report,
    Sanction,
)
from masthead.discussion.moderation.reader_state import author_view, can_appeal, reason_for
from masthead.discussion.moderation.tests.helpers import make_moderator, make_reader, post
from masthead.testing.factories import make_article

pytestmark = pytest.mark.django_db
JSON: dict[str, Any] = {"HTTP_ACCEPT": "application/json"}
HUGE_ID = "9" * 30  # beyond any database integer
HOSTILE_TEXT = "\x00<script>alert(1)</script>\u202e\u200b" + "é" * 60_000


def signed_in(user: object, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)  # type: ignore[arg-type]
    return client


def make_editor() -> Any:
    """A staff user who may use the admin but not moderate."""
    editor = make_reader(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return editor


@pytest.fixture
def scene() -> dict[str, Any]:
    """A held comment, a rejected one under appeal, a sanction and a recent bulk batch."""
    article = make_article()
    author, first = make_reader(), make_moderator()
    held = post(article, author, "Mail the harbour master at master@example.org today.")
    rejected = post(article, author, "A remark a moderator will reject.")
    actions.moderate_comment(rejected, "rejected", moderator=first, rule="attacks")
    appeal = actions.appeal_rejection(
        Comment.objects.get(pk=rejected.pk), appellant=author, reason="It was fair."
    )
    sanction = actions.sanction_reader(
        author, "warn", moderator=first, rule="attacks", reason="Mind the tone."
    )
    spare = post(article, author, "Another remark, this one with a link https://example.org/x")
    batch = actions.bulk_moderate([spare.pk], "rejected", moderator=first, rule="spam")
    return {
        "article": article,
        "author": author,
        "held": held,
        "rejected": rejected,
        "appeal": appeal,
        "sanction": sanction,
        "batch": batch,
        "spare": spare,
    }


def admin_requests(scene: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Return (method, URL, data) of every admin endpoint, with data that would act."""
    held, appeal = scene["held"], scene["appeal"]
    return [
        ("get", "/admin/moderation/", {}),
        ("get", "/admin/moderation/queue/pending/", {}),
        ("get", "/admin/moderation/queue/recent/", {}),
        ("get", "/admin/moderation/dashboard/", {}),
        ("get", f"/admin/moderation/readers/{scene['author'].pk}/", {}),
        ("post", f"/admin/moderation/comments/{held.pk}/decide/", {"decision": "approve"}),
        ("post", "/admin/moderation/bulk/", {"comment": [str(held.pk)], "decision": "approve"}),
        ("post", f"/admin/moderation/undo/{scene['batch']}/", {}),
        ("post", f"/admin/moderation/appeals/{appeal.pk}/decide/", {"outcome": "overturn"}),
        (
            "post",
            f"/admin/moderation/readers/{scene['author'].pk}/",
            {"kind": "ban", "rule": "attacks", "reason": "Gone."},
        ),
        ("post", f"/admin/moderation/sanctions/{scene['sanction'].pk}/revoke/", {}),
    ]


def snapshot() -> tuple[Any, ...]:
    """Return what any moderation write would change."""
    return (
        sorted(Comment.objects.values_list("pk", "status")),
        ModerationEvent.objects.count(),
        sorted(Sanction.objects.values_list("pk", "revoked_at")),
        sorted(Appeal.objects.values_list("pk", "status")),
    )


@pytest.mark.parametrize("who", ["anonymous", "reader", "editor"])
def test_every_admin_endpoint_refuses_non_moderators(scene: dict[str, Any], who: str) -> None:
    """Anonymous visitors, readers and editors without the permission change nothing."""
    client = Client()
    if who == "reader":
        client.force_login(make_reader())
    elif who == "editor":
        client.force_login(make_editor())
    before = snapshot()
    for method, url, data in admin_requests(scene):
        for headers in ({}, JSON):
            response = getattr(client, method)(url, data, **headers)
            assert response.status_code in (302, 403), (who, url, response.status_code)
            if response.status_code == 302:  # to the sign-in page or the admin's home
                assert response["Location"].startswith("/admin/"), (who, url)
    assert snapshot() == before


def test_admin_endpoints_refuse_wrong_methods(scene: dict[str, Any]) -> None:
    """Writes are POST only; the queues and the dashboard are GET only."""
    client = signed_in(make_moderator())
    for method, url, _ in admin_requests(scene):
        if "/readers/" in url:
            assert client.put(url).status_code == 405
            assert client.delete(url).status_code == 405
        elif method == "post":
            assert client.get(url).status_code == 405
        else:
            assert client.post(url).status_code == 405


def test_admin_decisions_survive_hostile_and_oversized_input(scene: dict[str, Any]) -> None:
    """Huge ids, junk rules and notes full of control characters: clear errors or clean data."""
    client = signed_in(make_moderator())
    held = scene["held"]
    url = f"/admin/moderation/comments/{held.pk}/decide/"
    for rule in ("x" * 100_000, "attacks\x00", "<b>", "../../etc"):
        response = client.post(url, {"decision": "reject", "rule": rule}, **JSON)
        assert response.status_code == 400 and response.json()["code"] == "rule"
    for decision in ("", "APPROVE", "delete", "published", "x" * 10_000):
        response = client.post(url, {"decision": decision}, **JSON)
        assert response.status_code == 400
    assert Comment.objects.get(pk=held.pk).status == "held"
    response = client.post(url, {"decision": "approve", "note": HOSTILE_TEXT}, **JSON)
    assert response.status_code == 200
    note = Comment.objects.get(pk=held.pk).status_note
    assert len(note) == 2000 and "\x00" not in note and note.startswith("<script>")
    assert client.post(f"/admin/moderation/comments/{HUGE_ID}/decide/").status_code == 404
    assert client.post("/admin/moderation/comments/-1/decide/").status_code == 404
    html = client.get("/admin/moderation/queue/recent/").content.decode()
    assert "<script>alert(1)</script>" not in html  # escaped, never markup


def test_bulk_undo_and_appeals_survive_hostile_input(scene: dict[str, Any]) -> None:
    """Thousands of ids, unknown batches and junk outcomes are refused or cut down."""
    client = signed_in(make_moderator())
    url = f"/admin/moderation/appeals/{scene['appeal'].pk}/decide/"
    for outcome in ("", "OVERTURN", "approve", "x" * 10_000):
        assert client.post(url, {"outcome": outcome}, **JSON).status_code == 400
    assert client.post(f"/admin/moderation/appeals/{HUGE_ID}/decide/").status_code == 404
    response = client.post(url, {"outcome": "uphold", "note": HOSTILE_TEXT}, **JSON)
    assert response.status_code == 200
    appeal = Appeal.objects.get(pk=scene["appeal"].pk)
    assert appeal.status == AppealStatus.UPHELD and "\x00" not in appeal.decision_note
    assert len(appeal.decision_note) == 2000
    # Django itself refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS; below that, the
    # view keeps the first 200 well-formed ids.
    ids = [str(n) for n in range(1, 1_500)] + [HUGE_ID, "1e3", "", "\x00", "-5"]
    response = client.post("/admin/moderation/bulk/", {"comment": ids, "decision": "hold"}, **JSON)
    assert response.status_code == 200 and response.json()["count"] <= 200
    response = client.post(f"/admin/moderation/undo/{uuid.uuid4()}/", **JSON)
    assert response.status_code == 400 and response.json()["code"] == "undo"
    assert client.post("/admin/moderation/undo/not-a-uuid/").status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "suspend", "rule": "attacks", "reason": "Insults", "days": "-1"},
        {"kind": "suspend", "rule": "attacks", "reason": "Insults", "days": "1e3"},
        {"kind": "suspend", "rule": "attacks", "reason": "Insults", "days": "9" * 40},
        {"kind": "suspend", "rule": "attacks", "reason": "Insults", "days": "0"},
        {"kind": "suspend", "rule": "attacks", "reason": "Insults", "days": "4000"},
        {"kind": "suspend", "rule": "attacks", "reason": "Insults"},
        {"kind": "exile", "rule": "attacks", "reason": "Insults"},
        {"kind": "ban", "rule": "nonsense", "reason": "Insults"},
        {"kind": "ban", "rule": "attacks", "reason": "\x00\x01  \t"},
        {},
    ],
)
def test_sanction_form_refuses_bad_input(scene: dict[str, Any], data: dict[str, str]) -> None:
    """Bad days, kinds, rules and empty reasons record nothing and say why."""
    client = signed_in(make_moderator())
    count = Sanction.objects.count()
    url = f"/admin/moderation/readers/{scene['author'].pk}/"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200 and Sanction.objects.count() == count
    assert client.post(f"/admin/moderation/readers/{HUGE_ID}/", data).status_code == 404


def test_sanction_reason_is_stored_clean_and_shown_escaped(scene: dict[str, Any]) -> None:
    """A reason with control characters and markup is stored without them, shown as text."""
    moderator = make_moderator()
    url = f"/admin/moderation/readers/{scene['author'].pk}/"
    data = {"kind": "premoderate", "rule": "attacks", "reason": HOSTILE_TEXT}
    signed_in(moderator).post(url, data)
    reason = Sanction.objects.get(kind="premoderate").reason
    assert "\x00" not in reason and len(reason) == 2000
    html = signed_in(scene["author"]).get("/moderation/me/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html


def test_queue_pages_survive_junk_page_numbers(scene: dict[str, Any]) -> None:
    """Page numbers that are not numbers, or far too big, show a page, never an error."""
    client = signed_in(make_moderator())
    for page in ("abc", "-1", HUGE_ID, "1%00"):
        assert client.get(f"/admin/moderation/queue/pending/?page={page}").status_code == 200
        assert client.get(f"/admin/moderation/queue/recent/?page={page}").status_code == 200


def test_reader_endpoints_refuse_hostile_ids_and_methods(scene: dict[str, Any]) -> None:
    """Ids beyond any integer are 404; wrong methods 405; anonymous readers sign in first."""
    client = signed_in(make_reader())
    for what in ("report", "disagree", "appeal"):
        url = f"/moderation/comments/{HUGE_ID}/{what}/"
        assert client.post(url, {"rule": "spam", "reason": "x"}, **JSON).status_code == 404
    assert client.post("/moderation/me/").status_code == 405
    assert client.post("/moderation/me.json").status_code == 405
    assert client.post("/moderation/rules.json").status_code == 405
    assert Client().get("/moderation/me/").status_code == 302
    anonymous = Client().get("/moderation/me.json", **JSON)
    assert anonymous.status_code == 403 and anonymous.json()["code"] == "auth"
    held = scene["held"]
    url = f"/moderation/comments/{held.pk}/disagree/"
    assert Client().post(url, **JSON).status_code == 403
    assert client.post(url, **JSON).status_code == 404  # held: not visible to others
    assert not Disagreement.objects.exists() and not Report.objects.exists()


def test_reader_free_text_is_stored_clean(scene: dict[str, Any]) -> None:
    """Report notes and appeal reasons lose control characters and are cut to their limits."""
    visible = post(scene["article"], make_reader(), "A remark worth a report, perhaps.")
    response = signed_in(make_reader()).post(
        f"/moderation/comments/{visible.pk}/report/",
        {"rule": "spam", "note": HOSTILE_TEXT},
        **JSON,
    )
    assert response.status_code == 200
    note = Report.objects.get(comment=visible).note
    assert "\x00" not in note and len(note) <= 500
    author, moderator = scene["author"], make_moderator()
    other = post(scene["article"], author, "A second remark a moderator will reject.")
    actions.moderate_comment(other, "rejected", moderator=moderator, rule="off-topic")
    url = f"/moderation/comments/{other.pk}/appeal/"
    client = signed_in(author)
    assert client.post(url, {"reason": "\x00\x00 \t\n"}, **JSON).json()["code"] == "reason"
    response = client.post(url, {"reason": "\x00It was about the harbour.\x1b"}, **JSON)
    assert response.json() == {"appealed": True}
    assert Appeal.objects.get(comment=other).reason == "It was about the harbour."


def test_disagreeing_with_ones_own_comment_is_refused(scene: dict[str, Any]) -> None:
    """The author cannot disagree with themselves; others can, once."""
    author = make_reader()
    visible = post(scene["article"], author, "My own published remark.")
    url = f"/moderation/comments/{visible.pk}/disagree/"
    response = signed_in(author).post(url, **JSON)
    assert response.status_code == 400 and response.json()["code"] == "own"
    other = signed_in(make_reader())
    assert other.post(url, **JSON).json()["new"] is True
    assert other.post(url, **JSON).json() == {"disagreed": True, "new": False, "count": 1}


def test_rules_json_lists_the_rules_for_the_report_menu(client: Client) -> None:
    """Public and cacheable: each rule's code, number and title, and the standards link."""
    response = client.get("/moderation/rules.json")
    data = response.json()
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    # The page cache keeps it five minutes too, not its ten-minute default.
    from masthead.core.page_cache import shared_lifetime

    assert shared_lifetime(response) == 300
    assert data["rules"][2] == {
        "code": "threats",
        "number": 3,
        "title": "No threats or incitement to violence",
    }
    assert len(data["rules"]) == 10 and data["standards_url"] == ""  # no page yet


def test_author_view_explains_each_kind_of_decision() -> None:
    """Screening holds, pre-moderation, a moderator's rejection, an appeal and an edit."""
    article, author, moderator = make_article(), make_reader(), make_moderator()
    held = post(article, author, "Ring the contractor on 07700 900 222 and complain.")
    state = author_view(held)
    assert (state["status"], state["rule"], state["can_appeal"]) == ("held", "privacy", False)
    assert state["rule_title"] == "7. Respect privacy; be who you are"
    assert "phone number" in state["reason"] and state["appeal_url"] == ""

    rejected = post(article, author, "A remark that a moderator will take down.")
    actions.moderate_comment(rejected, "rejected", moderator=moderator, rule="attacks",
                             note="Aimed at a person.")  # fmt: skip
    rejected = Comment.objects.get(pk=rejected.pk)
    state = author_view(rejected)
    assert state["reason"] == "Aimed at a person."
    assert state["rule_title"] == "1. No personal attacks"
    assert can_appeal(rejected)
    assert state["appeal_url"] == f"/moderation/comments/{rejected.pk}/appeal/"
    actions.appeal_rejection(rejected, appellant=author, reason="It was about the plan.")
    rejected = Comment.objects.get(pk=rejected.pk)
    state = author_view(rejected)
    assert not state["can_appeal"] and state["appeal_status"] == "Awaiting a second moderator"

    calm = post(article, author, "The tide tables in the article look right to me.")
    result = discussion_actions.edit_comment(
        calm, actor=author, text="Write to me at someone@example.org about the tides."
    )
    assert result.comment is not None and result.comment.status == "held"
    assert "email address" in reason_for(result.comment)
    assert author_view(result.comment)["rule"] == "privacy"

    ArticleModeration.objects.create(article=article)
    premoderated = post(article, make_reader(), "A calm remark on a pre-moderated article.")
    state = author_view(premoderated)
    assert state["rule"] == "" and state["reason"].startswith("Comments on this article")

    rendered = Template(
        "{% load moderation_tags %}{% moderation_state c as s %}{{ s.rule_title }}|{{ s.reason }}"
    ).render(Context({"c": held}))
    assert rendered.startswith("7. Respect privacy; be who you are|")


def test_a_suspensions_end_is_written_in_the_sites_zone_and_style() -> None:
    """The reader is told when they may post again as the site writes times, in
    its display zone, on the refusal and on their standing page.

    Before the fix the refusal gave the UTC time with strftime, and the
    standing page the raw ISO string.
    """
    import datetime as dt

    from wagtail.models import Site

    from masthead.core.models import SiteIdentity
    from masthead.discussion.moderation.models import Sanction
    from masthead.discussion.moderation.screening import standing

    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.display_timezone = "America/New_York"
    identity.save()
    reader, moderator = make_reader(), make_moderator()
    sanction = actions.sanction_reader(
        reader, "suspend", moderator=moderator, rule="attacks", reason="Insults", days=3
    )
    Sanction.objects.filter(pk=sanction.pk).update(
        ends_at=dt.datetime(2099, 1, 15, 3, 30, tzinfo=dt.UTC)
    )
    written = "22:30 EST 14 January 2099"
    assert f"may not post until {written}: Insults" in standing(reader.pk).reason
    client = Client()
    client.force_login(reader)
    page = client.get("/moderation/me/").content.decode()
    assert f"(until {written})" in page and "2099-01-15T03:30" not in page
    data = client.get("/moderation/me.json").json()
    assert data["sanctions"][0]["ends_at"] == "2099-01-15T03:30:00+00:00"


@pytest.mark.parametrize("target", ["//[harbour", "http://[::1/admin/"])
def test_a_malformed_next_address_falls_back_to_the_queue(
    scene: dict[str, Any], target: str
) -> None:
    """A ``next`` no URL parser accepts is ignored: the decision is made, then the queue."""
    client = signed_in(make_moderator())
    held = scene["held"]
    response = client.post(
        f"/admin/moderation/comments/{held.pk}/decide/", {"decision": "approve", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/moderation/queue/pending/"
    assert Comment.objects.get(pk=held.pk).status == "approved"
