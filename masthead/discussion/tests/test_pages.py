"""The parts on cached pages: discussion shell, header account link, teaser counts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from masthead.discussion.models import ReaderProfile
from masthead.discussion.tests.conftest import client_for, make_reader

pytestmark = pytest.mark.django_db


def test_article_page_has_same_shell_for_everyone(article: Any) -> None:
    """The article page stays cacheable: the discussion part holds no reader state."""
    response = Client().get(article.url)
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    html = response.content.decode()
    assert f'data-discussion="{article.pk}"' in html
    assert "discussion/discussion.js" in html
    assert f'href="/discussion/{article.pk}/"' in html  # The no-JS fallback.
    assert "data-header-account" in html and "Sign in" in html
    assert 'csrfmiddlewaretoken" value=""' in html  # Filled by the script, not the cache.
    assert Client().get(article.url)["X-Masthead-Cache"] == "hit"


def test_without_scripts_the_shell_asks_no_signed_in_reader_to_sign_in(article: Any) -> None:
    """The shared shell hides its sign-in line until the script finds the reader signed
    out; without scripts every reader has "Read and join the discussion", whose page
    shows the form or the sign-in links as fits.

    Before, the line showed in the HTML of the cached page, the same for everyone: a
    signed-in reader without JavaScript was told to sign in under every article.
    """
    reader = make_reader("Wenna Carrow")
    html = client_for(reader).get(article.url).content.decode()
    signin = re.search(r"<p [^>]*data-signin[^>]*>", html)
    assert signin is not None and re.search(r"\shidden[\s>]", signin.group(0))
    fallback = f'<a href="/discussion/{article.pk}/">Read and join the discussion</a>'
    assert fallback in html
    discussion = client_for(reader).get(f"/discussion/{article.pk}/").content.decode()
    assert 'id="comment-form"' in discussion and "create an account" not in discussion
    anonymous = Client().get(f"/discussion/{article.pk}/").content.decode()
    assert "create an account" in anonymous and 'id="comment-form"' not in anonymous


def test_section_lists_carry_count_slots(article: Any) -> None:
    """Teasers carry a count slot filled by one request for the whole list."""
    section = article.get_parent()
    html = Client().get(section.url).content.decode()
    assert f'data-comment-count-for="{article.pk}"' in html
    assert html.count("teaser_counts.js") >= 1


def test_sign_up_verify_and_name(db: None) -> None:
    """Sign-up sends a verification email and keeps the chosen display name."""
    client = Client()
    page = client.get("/accounts/signup/")
    assert page.status_code == 200 and b"Public display name" in page.content
    assert b"site-header" in page.content  # The site's own base template.
    response = client.post(
        "/accounts/signup/",
        {
            "email": "ines@example.org",
            "password1": "a-long-pass-phrase-77",
            "password2": "a-long-pass-phrase-77",
            "display_name": "Ines H",
        },
    )
    assert response.status_code == 302
    assert ReaderProfile.objects.get().display_name == "Ines H"
    assert len(mail.outbox) == 1 and "/accounts/confirm-email/" in mail.outbox[0].body


def test_an_unverified_reader_cannot_sign_in_through_the_admin(article: Any) -> None:
    """The newsroom's sign-in form (Wagtail's) refuses a reader: only people who may
    use the admin sign in there, so a reader's email must be verified to comment.

    Before the fix a reader who had just signed up with someone else's address
    (never confirmed) signed in at /admin/login/ with the username allauth gave
    them and posted comments: the admin form checks only the password.
    """
    from masthead.discussion.moderation.tests.helpers import make_moderator

    signup = {
        "email": "ines@example.org",
        "password1": "a-long-pass-phrase-77",
        "password2": "a-long-pass-phrase-77",
        "display_name": "Ines H",
    }
    assert Client().post("/accounts/signup/", signup).status_code == 302
    username = ReaderProfile.objects.get().user.username
    client = Client()
    response = client.post(
        "/admin/login/", {"username": username, "password": "a-long-pass-phrase-77"}
    )
    assert response.status_code == 200 and b"for the newsroom" in response.content
    assert client.get("/discussion/me.json").json() == {"authenticated": False}
    posted = client.post(
        f"/discussion/{article.pk}/comments/",
        {"text": "Words about the harbour."},
        HTTP_ACCEPT="application/json",
    )
    assert posted.status_code == 403
    moderator = make_moderator()
    moderator.set_password("another-long-pass-phrase-78")
    moderator.save()
    staff = Client()
    response = staff.post(
        "/admin/login/",
        {"username": moderator.username, "password": "another-long-pass-phrase-78"},
    )
    assert response.status_code == 302
    assert staff.get("/discussion/me.json").json()["authenticated"] is True


@pytest.mark.parametrize("mode", ["open", "closed"])
def test_the_discussion_page_asks_to_sign_in_only_where_one_may_comment(
    article: Any, mode: str
) -> None:
    """A signed-out reader is asked to sign in to join an open discussion, not a closed one.

    Before, a closed discussion said it was closed and then asked the reader to
    sign in or create an account "to join the discussion", which they could not.
    """
    from masthead.discussion import actions

    actions.set_article_mode(article, mode=mode)
    page = Client().get(f"/discussion/{article.pk}/").content.decode()
    assert ('class="discussion__signin"' in page) is (mode == "open")
    assert ('class="discussion__closed"' in page) is (mode == "closed")
