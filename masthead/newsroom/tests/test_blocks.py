"""Body blocks render as readers expect: embeds with captions, and a link when a provider fails."""

from __future__ import annotations

from types import SimpleNamespace
from unittest import mock

import pytest
from django.test import Client
from wagtail.embeds.exceptions import EmbedNotFoundException

from masthead.testing.factories import make_article

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=averly-harbour"


def embed_article():  # type: ignore[no-untyped-def]
    """Return an article whose body holds one embed with a caption."""
    return make_article(
        body=[("embed", {"embed": VIDEO, "caption": "The harbour from the air"})],
    )


def test_embed_renders_provider_html_and_caption(client: Client) -> None:
    """A fetched embed shows the provider's player and the caption."""
    article = embed_article()
    fake = SimpleNamespace(
        html='<iframe src="https://www.youtube-nocookie.com/embed/x" title="Harbour"></iframe>',
        ratio=0.5625,
        type="video",
        is_responsive=True,
    )
    with mock.patch("wagtail.embeds.format.embeds.get_embed", return_value=fake):
        html = client.get(article.url).content.decode()
    figure = html[html.index('class="body-embed"') :]
    assert "youtube-nocookie.com/embed/x" in figure
    assert "<figcaption>The harbour from the air</figcaption>" in figure


def test_unreachable_embed_falls_back_to_a_link(client: Client) -> None:
    """When the provider cannot be reached the reader still gets a working link."""
    article = embed_article()
    with mock.patch("wagtail.embeds.format.embeds.get_embed", side_effect=EmbedNotFoundException):
        response = client.get(article.url)
    assert response.status_code == 200
    assert f'<a href="{VIDEO}" rel="noopener">' in response.content.decode()


def test_quote_text_is_escaped(client: Client) -> None:
    """Quotes are plain text: markup typed into them is shown, never run."""
    article = make_article(
        body=[
            (
                "quote",
                {"text": "<script>alert(1)</script>", "speaker": "<b>Ines</b>", "attribution": ""},
            )
        ]
    )
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Ines&lt;/b&gt;" in html


def test_paragraph_rich_text_is_sanitised(client: Client) -> None:
    """Rich text keeps its formatting but loses scripts and event handlers."""
    article = make_article(
        body=[
            (
                "paragraph",
                '<p><b>Bold</b> <a href="javascript:alert(1)">x</a><script>bad()</script></p>',
            )
        ]
    )
    html = client.get(article.url).content.decode()
    assert "<b>Bold</b>" in html
    assert "<script>bad()</script>" not in html
    assert "javascript:alert" not in html


def test_embed_holds_under_the_content_security_policy(client: Client) -> None:
    """An embedded video has no inline style, and a YouTube player loads from the one
    YouTube host the policy's frame-src allows (youtube-nocookie.com).

    Before, Wagtail's responsive wrapper carried style="padding-bottom: …", which
    the strict policy refuses, and YouTube's own oEmbed player (www.youtube.com)
    was refused as a frame, leaving an empty box.
    """
    article = embed_article()
    fake = SimpleNamespace(
        html=(
            '<iframe width="200" height="113" src="https://www.youtube.com/embed/x?feature=oembed"'
            ' title="Harbour" allowfullscreen></iframe>'
        ),
        ratio=0.5625,
        type="video",
        is_responsive=True,
    )
    with mock.patch("wagtail.embeds.format.embeds.get_embed", return_value=fake):
        response = client.get(article.url)
    html = response.content.decode()
    figure = html[
        html.index('class="body-embed') : html.index("</figure>", html.index("body-embed"))
    ]
    assert "style=" not in figure
    assert 'src="https://www.youtube-nocookie.com/embed/x?feature=oembed"' in figure
    assert "www.youtube.com" not in figure
    assert "body-embed__frame--16x9" in figure
    frame_src = response["Content-Security-Policy"].split("frame-src", 1)[1].split(";")[0]
    assert "https://www.youtube-nocookie.com" in frame_src.split()


def test_embedded_post_keeps_its_text_without_the_providers_script(client: Client) -> None:
    """An embedded post (a rich oEmbed) keeps its quoted text but not the provider's
    script, which the site's policy would refuse with an error in every reader's console.

    Before, the provider's <script src="…"> was written into the page as it came.
    """
    article = make_article(
        body=[("embed", {"embed": "https://social.example/quayside/1", "caption": ""})]
    )
    fake = SimpleNamespace(
        html=(
            '<blockquote class="social-post"><p>Boats back at the quay.</p></blockquote>\n'
            '<script async src="https://platform.social.example/widgets.js" charset="utf-8">'
            "</script>"
        ),
        ratio=None,
        type="rich",
        is_responsive=False,
    )
    with mock.patch("wagtail.embeds.format.embeds.get_embed", return_value=fake):
        html = client.get(article.url).content.decode()
    figure = html[
        html.index('class="body-embed') : html.index("</figure>", html.index("body-embed"))
    ]
    assert "<p>Boats back at the quay.</p></blockquote>" in figure
    assert "<script" not in figure
    assert "platform.social.example" not in figure


def test_player_from_a_host_the_policy_refuses_falls_back_to_a_link(client: Client) -> None:
    """An embed whose player frame comes from a host outside the policy's frame-src is
    shown as a link to its address, as an unreachable embed is.

    Before, the provider's iframe was written into the page: the browser refused
    it, leaving an empty box and a policy error in every reader's console.
    """
    address = "https://audio.example/averly-harbour/tide-report"
    article = make_article(body=[("embed", {"embed": address, "caption": "The tide report"})])
    fake = SimpleNamespace(
        html='<iframe width="100%" height="166" src="https://w.audio.example/player?u=1"></iframe>',
        ratio=None,
        type="rich",
        is_responsive=False,
    )
    with mock.patch("wagtail.embeds.format.embeds.get_embed", return_value=fake):
        response = client.get(article.url)
    html = response.content.decode()
    figure = html[
        html.index('class="body-embed') : html.index("</figure>", html.index("body-embed"))
    ]
    frame_src = response["Content-Security-Policy"].split("frame-src", 1)[1].split(";")[0]
    assert "https://w.audio.example" not in frame_src.split()
    assert "<iframe" not in figure
    assert f'<a href="{address}" rel="noopener">{address}</a>' in figure
    assert "<figcaption>The tide report</figcaption>" in figure


def test_player_from_an_allowed_host_stays_a_player(client: Client) -> None:
    """A Vimeo player, whose host frame-src allows, is embedded as the provider gave it."""
    article = make_article(
        body=[("embed", {"embed": "https://vimeo.com/1", "caption": ""})],
    )
    fake = SimpleNamespace(
        html=(
            '<iframe src="https://player.vimeo.com/video/1?h=a&amp;app_id=2" title="Quay"></iframe>'
        ),
        ratio=0.5625,
        type="video",
        is_responsive=True,
    )
    with mock.patch("wagtail.embeds.format.embeds.get_embed", return_value=fake):
        html = client.get(article.url).content.decode()
    assert '<iframe src="https://player.vimeo.com/video/1?h=a&amp;app_id=2"' in html


def test_provider_html_keeps_only_what_the_policy_allows(client: Client) -> None:
    """A provider's HTML is cut to what the site's policy lets load: the player frame
    from an allowed host and links stay; a foreign image, style attributes, event
    handlers and inline scripts go.

    Before, only <script> elements were taken out: the foreign <img>, the style
    attributes and the frame's onload handler reached the page, and the browser
    refused each with a policy error in every reader's console.
    """
    article = make_article(
        body=[("embed", {"embed": "https://video.example/lantern-walk", "caption": ""})]
    )
    fake = SimpleNamespace(
        html=(
            '<div style="position: relative"><iframe src="https://player.vimeo.com/video/7"'
            ' title="Lantern walk" style="border: 0" onload="track()" allowfullscreen></iframe>'
            '<img src="https://pixel.video.example/seen.gif" width="1" height="1">'
            '<p style="color: grey">By <a href="https://video.example/marren-quay"'
            ' onclick="track()">Marren Quay</a></p>'
            "<script>window.videoExample = 1;</script><style>p { color: red }</style></div>"
        ),
        ratio=0.5625,
        type="video",
        is_responsive=True,
    )
    with mock.patch("wagtail.embeds.format.embeds.get_embed", return_value=fake):
        html = client.get(article.url).content.decode()
    figure = html[
        html.index('class="body-embed') : html.index("</figure>", html.index("body-embed"))
    ]
    assert '<iframe src="https://player.vimeo.com/video/7" title="Lantern walk"' in figure
    assert '<a href="https://video.example/marren-quay" rel="noopener">Marren Quay</a>' in figure
    for refused in ("style=", "onload", "onclick", "<img", "pixel.video.example", "<script"):
        assert refused not in figure
    assert "videoExample" not in figure
    assert "color: red" not in figure


def test_provider_html_with_nothing_the_policy_allows_falls_back_to_a_link(
    client: Client,
) -> None:
    """A photo embed whose picture comes from a foreign host (which img-src refuses) is
    shown as a link to its address, as a refused player is.

    Before, the provider's <img> was written into the page: the browser refused it,
    leaving a broken picture and a policy error in every reader's console.
    """
    address = "https://photos.example/averly-harbour/dawn"
    article = make_article(body=[("embed", {"embed": address, "caption": "Dawn at the quay"})])
    fake = SimpleNamespace(
        html='<img src="https://cdn.photos.example/dawn.jpg" alt="Dawn" style="width: 100%">',
        ratio=None,
        type="photo",
        is_responsive=False,
    )
    with mock.patch("wagtail.embeds.format.embeds.get_embed", return_value=fake):
        html = client.get(article.url).content.decode()
    figure = html[
        html.index('class="body-embed') : html.index("</figure>", html.index("body-embed"))
    ]
    assert "<img" not in figure
    assert f'<a href="{address}" rel="noopener">{address}</a>' in figure
    assert "<figcaption>Dawn at the quay</figcaption>" in figure
