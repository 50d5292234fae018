"""Reader endpoints (report, disagree, appeal, standing) and the standards page and link."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client
from pytest_django import Settings
from wagtail import hooks

from masthead.discussion.moderation import actions
from masthead.discussion.moderation.models import Appeal, Disagreement, Report
from masthead.discussion.moderation.tests.helpers import make_moderator, make_reader, post
from masthead.testing.factories import make_article

pytestmark = pytest.mark.django_db
JSON: dict[str, Any] = {"HTTP_ACCEPT": "application/json"}


def signed_in(user: object, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_report_form_lists_the_rules_and_records_a_report() -> None:
    """A reader picks a rule on the form page; the report is stored, privately answered."""
    comment = post(make_article(), make_reader(), "A remark.")
    client = signed_in(make_reader())
    url = f"/moderation/comments/{comment.pk}/report/"
    page = client.get(url)
    assert page.status_code == 200 and "private" in page["Cache-Control"]
    assert "No threats or incitement to violence" in page.content.decode()
    response = client.post(url, {"rule": "threats", "note": "menacing"})
    assert response.status_code == 200 and "Report sent" in response.content.decode()
    assert Report.objects.get(comment=comment).rule == "threats"


@pytest.mark.parametrize(
    "data",
    [{}, {"rule": ""}, {"rule": "x" * 5000}, {"rule": "attacks\x00"}, {"rule": ["a", "b"]}],
)
def test_hostile_report_input_is_a_clear_400(data: dict[str, object]) -> None:
    """Missing, oversized or odd rules get a 400 with a message, never a 500."""
    comment = post(make_article(), make_reader(), "A remark.")
    response = signed_in(make_reader()).post(
        f"/moderation/comments/{comment.pk}/report/", data, **JSON
    )
    assert response.status_code == 400 and response.json()["code"] == "rule"


def test_reader_endpoints_need_sign_in_csrf_and_existing_comments() -> None:
    """Anonymous readers are refused, CSRF is enforced, hidden comments are 404."""
    author = make_reader()
    comment = post(make_article(), author, "A remark.")
    url = f"/moderation/comments/{comment.pk}/report/"
    assert Client().post(url, {"rule": "spam"}, **JSON).status_code == 403
    assert Client().get(url).status_code == 302
    assert signed_in(make_reader(), csrf=True).post(url, {"rule": "spam"}).status_code == 403
    assert signed_in(make_reader()).get("/moderation/comments/999999/report/").status_code == 404
    held = post(make_article(), author, "Mail me at someone@example.org")
    assert signed_in(make_reader()).get(f"/moderation/comments/{held.pk}/report/").status_code == (
        404
    )
    assert signed_in(make_reader()).get("/moderation/comments/1/disagree/").status_code == 405


def test_reports_are_rate_limited(settings: Settings) -> None:
    """A flood of reports gets 429 and a friendly message."""
    settings.MODERATION_RATELIMIT_ENABLED = True
    settings.MODERATION_REPORT_RATE = "2/m"
    article = make_article()
    comments = [post(article, make_reader(), f"Remark {n} on the quay.") for n in range(3)]
    client = signed_in(make_reader())
    codes = [
        client.post(f"/moderation/comments/{c.pk}/report/", {"rule": "spam"}, **JSON).status_code
        for c in comments
    ]
    assert codes == [200, 200, 429]


def test_disagree_is_separate_from_reporting() -> None:
    """ "I disagree" is its own endpoint and never a report."""
    comment = post(make_article(), make_reader(), "A contested remark.")
    response = signed_in(make_reader()).post(f"/moderation/comments/{comment.pk}/disagree/", **JSON)
    assert response.json() == {"disagreed": True, "new": True, "count": 1}
    assert Disagreement.objects.count() == 1 and not Report.objects.exists()


def test_author_sees_reason_and_rule_and_appeals_once() -> None:
    """The author's standing page shows held and rejected comments with rule and reason."""
    author, moderator = make_reader(), make_moderator()
    article = make_article()
    held = post(article, author, "Call me on 07700 900 318 to help.")
    rejected = post(article, author, "A remark a moderator will reject.")
    actions.moderate_comment(rejected, "rejected", moderator=moderator, rule="off-topic",
                             note="Not about the article.")  # fmt: skip
    client = signed_in(author)
    data = client.get("/moderation/me.json").json()
    states = {c["id"]: c for c in data["comments"]}
    assert states[held.pk]["rule_title"] == "7. Respect privacy; be who you are"
    assert "phone number" in states[held.pk]["reason"]
    assert states[rejected.pk]["reason"] == "Not about the article."
    assert states[rejected.pk]["can_appeal"] and not states[held.pk]["can_appeal"]
    page = client.get("/moderation/me/")
    assert "private" in page["Cache-Control"] and "held for review" in page.content.decode()
    url = f"/moderation/comments/{rejected.pk}/appeal/"
    assert signed_in(make_reader()).get(url).status_code == 404  # others never see it
    assert client.post(url, {"reason": ""}, **JSON).status_code == 400
    assert client.post(url, {"reason": "y" * 5000}, **JSON).status_code == 400
    assert client.post(url, {"reason": "It was on topic."}, **JSON).json() == {"appealed": True}
    assert client.post(url, {"reason": "Again."}, **JSON).status_code == 400
    assert Appeal.objects.get().reason == "It was on topic."


def test_reader_sees_their_sanction_and_why() -> None:
    """A sanctioned reader sees the sanction, its rule and its reason."""
    reader, moderator = make_reader(), make_moderator()
    actions.sanction_reader(reader, "suspend", moderator=moderator, rule="attacks",
                            reason="Three insults this week.", days=3)  # fmt: skip
    data = signed_in(reader).get("/moderation/me.json").json()
    assert not data["may_post"] and "Three insults" in data["reason"]
    assert data["sanctions"][0]["rule_title"] == "1. No personal attacks"


def test_standards_page_and_link_on_articles(client: Client) -> None:
    """The demo hook publishes the standards; every article links them."""
    article = make_article()
    assert "Community standards" not in client.get(article.url).content.decode()
    for hook in hooks.get_hooks("after_demo_load"):
        if hook.__module__.startswith("masthead.discussion.moderation"):
            hook(io.StringIO())
    from masthead.core.page_cache import purge_everything

    purge_everything()  # the article page was cached without the link
    html = client.get(article.url).content.decode()
    assert 'href="/community-standards/"' in html
    page = client.get("/community-standards/")
    text = page.content.decode()
    assert page.status_code == 200 and text.count('class="standards-rule"') == 10
    assert "Harmful misinformation" in text or "harmful misinformation" in text


def test_comments_of_withdrawn_or_restricted_articles_cannot_be_reported() -> None:
    """The report form does not show, and disagreeing does not reach, a comment whose
    article is withdrawn or behind a view restriction the reader has not passed."""
    from wagtail.models import PageViewRestriction

    withdrawn_article = make_article()
    withdrawn = post(withdrawn_article, make_reader(), "The old pier is closing for good.")
    withdrawn_article.unpublish()
    restricted_article = make_article()
    restricted = post(restricted_article, make_reader(), "Members hear the pier news first.")
    PageViewRestriction.objects.create(
        page=restricted_article, restriction_type=PageViewRestriction.PASSWORD, password="gull"
    )
    client = signed_in(make_reader())
    for comment in (withdrawn, restricted):
        page = client.get(f"/moderation/comments/{comment.pk}/report/")
        assert page.status_code == 404 and b"pier" not in page.content
        assert client.post(f"/moderation/comments/{comment.pk}/disagree/").status_code == 404
    assert not Disagreement.objects.exists()


@pytest.mark.parametrize("what", ["report", "disagree"])
def test_reports_and_disagreements_are_limited_per_address(settings: Settings, what: str) -> None:
    """Reports and "I disagree" from many accounts on one address stop at the
    address's limit (their per-account rate, scaled as posting's per-address one is).

    Before the fix they were limited per account only, so fresh accounts on one
    address could send them without end.
    """
    settings.MODERATION_RATELIMIT_ENABLED = True
    settings.MODERATION_REPORT_RATE = "2/m"
    settings.MODERATION_DISAGREE_RATE = "2/m"
    settings.DISCUSSION_RATE_PER_ACCOUNT = "2/m"
    settings.DISCUSSION_RATE_PER_IP = "3/m"  # An address stands for one and a half posters.
    caches["default"].clear()
    article = make_article()
    comment = post(article, make_reader(), "The lighthouse keeper retired in spring.")
    codes = [
        signed_in(make_reader())
        .post(f"/moderation/comments/{comment.pk}/{what}/", {"rule": "spam"}, **JSON)
        .status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
