"""The read API (Wagtail API v2) and ninjs, with hostile input."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from masthead.distribution.ninjs import iso
from masthead.distribution.tests.helpers import correct, full_article
from masthead.newsroom.models import ArticleCorrection, ArticlePage
from masthead.testing.factories import make_article, make_image, make_section

pytestmark = pytest.mark.django_db


def get_json(client: Client, url: str, status: int = 200) -> Any:
    """Return the JSON of a response with the expected status."""
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    return response.json()


def test_articles_endpoint_lists_articles_with_their_facts(client: Client) -> None:
    """Listing carries headline, standfirst, dates, section and authors by default."""
    article = full_article()
    data = get_json(client, "/api/v2/articles/")
    assert data["meta"]["total_count"] == 1
    [item] = data["items"]
    assert item["id"] == article.pk
    assert item["headline"] == "Averly council delays the pier vote"
    assert item["standfirst"] == article.standfirst
    assert item["section"] == {
        "title": "Harbour",
        "slug": "harbour",
        "html_url": "http://localhost/harbour/",
    }
    assert [a["name"] for a in item["authors"]] == ["Mira Lund", "Oskar Penn"]
    assert item["authors"][0]["html_url"] == "http://localhost/authors/mira-lund/"
    assert item["meta"]["detail_url"] == f"http://localhost/api/v2/articles/{article.pk}/"


def test_article_detail_has_body_tags_corrections_and_ninjs(client: Client) -> None:
    """The detail view adds body, tags, corrections, the lead image and the ninjs address."""
    article = full_article()
    correct(article, "The vote is on Wednesday.")
    item = get_json(client, f"/api/v2/articles/{article.pk}/")
    assert [tag["name"] for tag in item["tags"]] == ["Averly council", "Piers"]
    assert item["tags"][0]["kind"] == "organisation"
    assert [c["text"] for c in item["corrections"]] == ["The vote is on Wednesday."]
    assert item["updated_at"] > item["published_at"]
    assert [block["type"] for block in item["body"]] == ["paragraph", "quote", "image"]
    assert item["lead_image_rendition"]["width"] == 1200
    assert item["ninjs_url"] == f"http://localhost/api/ninjs/{article.pk}/"
    pages = get_json(client, f"/api/v2/pages/{article.pk}/")
    assert pages["headline"] == item["headline"]


def test_pages_endpoint_filters_articles_by_type_and_fields(client: Client) -> None:
    """Wagtail's pages endpoint knows the article fields when asked for articles."""
    full_article()
    data = get_json(client, "/api/v2/pages/?type=newsroom.ArticlePage&fields=headline,tags")
    assert data["items"][0]["headline"] == "Averly council delays the pier vote"
    assert [t["slug"] for t in data["items"][0]["tags"]] == ["averly-council", "piers"]


def test_sections_tags_authors_and_images_endpoints(client: Client) -> None:
    """Each endpoint lists its objects with addresses of their pages and feeds."""
    full_article()
    sections = get_json(client, "/api/v2/sections/")["items"]
    assert [s["title"] for s in sections] == ["Harbour"]
    tags = get_json(client, "/api/v2/tags/?fields=html_url,feeds")["items"]
    assert [t["name"] for t in tags] == ["Averly council", "Piers"]
    assert tags[1]["html_url"] == "http://localhost/tags/piers/"
    assert tags[1]["feeds"]["rss"] == "http://localhost/feeds/tags/piers/rss/"
    authors = get_json(client, "/api/v2/authors/?fields=role,html_url")["items"]
    assert authors[0]["name"] == "Mira Lund" and authors[0]["role"] == "Harbour correspondent"
    author = get_json(client, f"/api/v2/authors/{authors[0]['id']}/")
    assert author["feeds"]["atom"] == "http://localhost/feeds/authors/mira-lund/atom/"
    assert get_json(client, "/api/v2/images/")["meta"]["total_count"] >= 2


def test_tags_and_authors_can_be_searched_by_name(client: Client) -> None:
    """?search= on the tags and authors endpoints finds them by the words of their names."""
    full_article()
    tags = get_json(client, "/api/v2/tags/?search=council")["items"]
    assert [tag["name"] for tag in tags] == ["Averly council"]
    authors = get_json(client, "/api/v2/authors/?search=%22Penn")["items"]
    assert [author["name"] for author in authors] == ["Oskar Penn"]
    assert get_json(client, "/api/v2/tags/?search=council%20piers")["items"] == []


def test_drafts_are_not_in_the_api(client: Client) -> None:
    """Unpublished articles are neither listed nor served."""
    draft = make_article(publish=False)
    assert get_json(client, "/api/v2/articles/")["meta"]["total_count"] == 0
    get_json(client, f"/api/v2/articles/{draft.pk}/", 404)
    assert client.get(f"/api/ninjs/{draft.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v2/articles/?limit=100000", 400),
        ("/api/v2/articles/?limit=-1", 400),
        ("/api/v2/articles/?offset=99999999999999999999999999", 400),
        ("/api/v2/articles/?offset=abc", 400),
        ("/api/v2/articles/?fields=nonexistent", 400),
        ("/api/v2/articles/?unknown=1", 400),
        ("/api/v2/articles/?order=nonexistent", 400),
        ("/api/v2/articles/?type=nothing.Nothing", 400),
        ("/api/v2/articles/?child_of=99999999999999999999999", 400),
        ("/api/v2/articles/?child_of=abc", 400),
        ("/api/v2/articles/?id=99999999999999999999999", 200),
        ("/api/v2/tags/?id=abc", 400),
        ("/api/v2/articles/99999999999999999999999/", 404),
        ("/api/v2/articles/abc/", 404),
        ("/api/v2/articles/find/?id=abc", 404),
        ("/api/v2/articles/find/?id=99999999999999999999999", 404),
        ("/api/v2/authors/99999999999999999999/", 404),
        ("/api/v2/tags/0/", 404),
        ("/api/v2/pages/?search=%22unbalanced%20%27%20AND%20(", 200),
        ("/api/v2/articles/?search=NEAR(a%20b)%20OR%20*%20%22", 200),
        ("/api/v2/articles/?search=%27%3B%20DROP%20TABLE%20x%3B--", 200),
        ("/api/v2/articles/?search=" + "x" * 10_000, 200),
        ("/api/v2/articles/?search=%22%27", 200),
        ("/api/ninjs/99999999999999999999999/", 404),
        ("/api/ninjs/abc/", 404),
        ("/api/ninjs/" + "9" * 5000 + "/", 404),
        ("/api/v2/articles/" + "9" * 5000 + "/", 404),
        ("/api/v2/articles/?offset=" + "9" * 5000, 400),
        ("/api/v2/articles/?limit=" + "9" * 5000, 400),
        ("/api/v2/articles/?offset=%C2%B2", 400),
        ("/api/v2/articles/find/?id=%C2%B2", 404),
        ("/api/v2/articles/?limit=abc", 400),
        ("/api/v2/articles/?offset=-1", 400),
        ("/api/v2/articles/?offset=1000001", 400),
        ("/api/v2/articles/?offset=1000000", 200),
        ("/api/v2/articles/?fields=(", 400),
        ("/api/v2/articles/?fields=tags(name)", 400),
        ("/api/v2/articles/?fields=" + "x," * 5000, 400),
        ("/api/v2/articles/?order=-", 400),
        ("/api/v2/articles/?order=random&offset=1", 400),
        ("/api/v2/articles/?order=" + "a" * 10_000, 400),
        ("/api/v2/articles/?search=pier&order=title", 200),
        ("/api/v2/articles/?search=pier&search_operator=xor", 400),
        ("/api/v2/articles/?descendant_of=abc", 400),
        ("/api/v2/articles/?descendant_of=99999999999999999999", 400),
        ("/api/v2/articles/?child_of=-1", 400),
        ("/api/v2/articles/?type=wagtailcore.Page", 400),
        ("/api/v2/articles/?type=newsroom.SectionPage", 400),
        ("/api/v2/articles/?type=newsroom.ArticlePage,newsroom.SectionPage", 400),
        ("/api/v2/articles/?type=newsroom.ArticlePage", 200),
        ("/api/v2/sections/?type=newsroom.ArticlePage", 400),
        ("/api/v2/pages/?type=newsroom.SectionPage", 200),
        ("/api/v2/articles/?has_children=maybe", 400),
        ("/api/v2/articles/?locale=zz", 404),
        ("/api/v2/articles/?translation_of=abc", 400),
        ("/api/v2/articles/?id=-1", 200),
        ("/api/v2/articles/?id=1,2", 400),
        ("/api/v2/articles/?slug=%00", 400),
        ("/api/v2/articles/?title=%27%20OR%201%3D1--", 200),
        ("/api/v2/pages/find/?html_path=%00", 400),
        ("/api/v2/pages/find/?html_path=/../../etc/passwd", 404),
        ("/api/v2/pages/find/?html_path=" + "a/" * 5000, 404),
        ("/api/v2/pages/?search=%00", 400),
        ("/api/v2/images/?search=%22unbalanced%20%27%20AND%20(", 200),
        ("/api/v2/images/?search=NEAR(a%20b)", 200),
        ("/api/v2/images/?limit=21", 400),
        ("/api/v2/images/99999999999999999999/", 404),
        ("/api/v2/tags/?name=%00", 400),
        ("/api/v2/tags/?kind=%27%3B--", 200),
        ("/api/v2/tags/?search=%22unbalanced%20(%20OR", 200),
        ("/api/v2/authors/?search=" + "x" * 10_000, 200),
        ("/api/v2/authors/?order=-name", 200),
        ("/api/v2/authors/?order=bio(", 400),
        ("/api/v2/authors/?offset=" + "9" * 30, 400),
        ("/api/v2/sections/abc/", 404),
        ("/api/v2/nothing/", 404),
    ],
)
def test_hostile_api_input_is_a_4xx(client: Client, url: str, status: int) -> None:
    """Malformed ids, huge limits and offsets, unknown fields: 4xx, never 500."""
    make_article()
    assert client.get(url).status_code == status, url


@pytest.mark.parametrize("endpoint", ["articles", "pages", "images"])
def test_deeply_nested_fields_are_a_400(client: Client, endpoint: str) -> None:
    """A ``fields`` value nested a thousand brackets deep answers 400 with a message.

    Before the fix Wagtail's recursive parser raised RecursionError, a 500.
    """
    make_article()
    deep = "lead_image(" * 1000 + ")" * 1000
    response = client.get(f"/api/v2/{endpoint}/?fields={deep}")
    assert response.status_code == 400
    assert "fields" in response.json()["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/articles/?first_published_at=notadate",
        "/api/v2/pages/?first_published_at=2026-13-45",
        "/api/v2/sections/?first_published_at=yesterday",
    ],
)
def test_malformed_date_filter_is_a_400(client: Client, url: str) -> None:
    """A date filter that is not a date answers 400 with a message.

    Before the fix the model field's ValidationError escaped as a 500.
    """
    full_article()
    response = client.get(url)
    assert response.status_code == 400, url
    assert response.json() == {"message": "malformed query"}


def test_ninjs_of_an_article(client: Client) -> None:
    """/api/ninjs/<id>/ serves the article as ninjs, public, dated by its latest correction."""
    article = full_article()
    correct(article)
    corrected_at = ArticleCorrection.objects.get(page_id=article.pk).corrected_at
    response = client.get(f"/api/ninjs/{article.pk}/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    item = response.json()
    assert item["uri"] == f"http://localhost{article.url}"
    assert item["type"] == "text"
    assert item["headlines"][0]["value"] == "Averly council delays the pier vote"
    assert item["versionCreated"] == iso(corrected_at)
    assert item["firstCreated"] == iso(article.first_published_at)


def test_api_search_finds_articles_by_their_words(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """?search= finds an indexed article; punctuation around the words does not matter."""
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(title="Lighthouse keepers strike", standfirst="The lamps stay dark.")
    for query in ("lighthouse", '"lighthouse" AND (keepers'):
        items = get_json(client, f"/api/v2/articles/?search={query}")["items"]
        assert [item["id"] for item in items] == [article.pk], query


@pytest.mark.parametrize(
    "url",
    ["/feeds/rss/", "/sitemap.xml", "/sitemaps/news.xml", "/robots.txt", "/api/v2/articles/"],
)
def test_writes_are_refused_on_every_endpoint(client: Client, url: str) -> None:
    """These addresses only read: POST, PUT and DELETE are 405, HEAD is answered."""
    make_article()
    assert client.head(url).status_code == 200
    for method in (client.post, client.put, client.delete):
        assert method(url).status_code == 405, (method, url)


def test_only_canonical_addresses_are_shared_by_caches(client: Client) -> None:
    """Publishing purges the canonical addresses only, so other query strings are not shared.

    A shared copy of ``/sitemap.xml?x=1`` or ``/api/ninjs/5/?v=2`` would
    outlive the next publish; they are answered, but privately.
    """
    article = make_article()
    ninjs = f"/api/ninjs/{article.pk}/"
    for url in ("/sitemap.xml", ninjs, "/feeds/rss/", "/sitemaps/articles.xml"):
        assert "public" in client.get(url)["Cache-Control"], url
    for url in (
        "/sitemap.xml?x=1",
        f"{ninjs}?v=2",
        "/feeds/rss/?full=1&x=1",
        "/sitemaps/articles.xml?p=1",
        "/sitemaps/articles.xml?p=01",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "public" not in response.get("Cache-Control", ""), url


def test_ninjs_at_an_id_written_with_leading_zeros_is_not_shared(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """``/api/ninjs/007/`` answers, privately: publishing purges ``/api/ninjs/7/`` only.

    Before the fix the zero-padded address was shared too, so the page cache
    kept serving a withdrawn article's whole text there after the purge.
    """
    from masthead.newsroom.models import ArticlePage

    article = make_article(title="Quarry blast rattles Osterby")
    padded = f"/api/ninjs/00{article.pk}/"
    response = client.get(padded)
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=article.pk).unpublish()
    assert client.get(padded).status_code == 404


def test_images_endpoint_lists_only_images_readers_can_see(client: Client) -> None:
    """Images of drafts, of restricted sections and unused uploads stay out until shown."""
    from wagtail.models import PageViewRestriction

    from masthead.testing.factories import make_author, make_image, make_section

    live = full_article()  # lead image and a body image
    embargoed_photo = make_image(title="Minister leaves office")
    draft = make_article(title="Embargoed until noon", lead_image=embargoed_photo, publish=False)
    members = make_section("Members", slug="members")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    hidden = make_article(members, lead_image=make_image(title="Members only"))
    unused = make_image(title="Not used yet")
    portrait = make_image(title="Portrait")
    make_author("Lena Odd", slug="lena-odd", photo=portrait)

    def listed() -> set[str]:
        data = get_json(client, "/api/v2/images/?limit=20")
        return {item["title"] for item in data["items"]}

    assert listed() == {"Pier at dusk", "North quay", "Portrait"}
    for image in (embargoed_photo, hidden.lead_image, unused):
        get_json(client, f"/api/v2/images/{image.pk}/", status=404)
    assert get_json(client, f"/api/v2/images/{portrait.pk}/")["title"] == "Portrait"
    assert live.lead_image is not None
    draft.save_revision().publish()
    assert "Minister leaves office" in listed()


def test_ninjs_version_is_the_published_one_while_a_draft_waits(client: Client) -> None:
    """An editor's unpublished draft does not change the public ninjs ``version``.

    Before, the version was the latest revision's id: saving a draft gave the
    published text a new version, telling wire clients of a change (and anyone
    of the pending draft) that no reader could see.
    """
    article = make_article(title="Averly ferry fares frozen")
    draft = article.get_latest_revision_as_object()
    draft.title = "Averly ferry fares to double"
    draft.save_revision()
    article.refresh_from_db()
    assert article.latest_revision_id != article.live_revision_id
    item = get_json(client, f"/api/ninjs/{article.pk}/")
    assert item["headlines"][0]["value"] == "Averly ferry fares frozen"
    assert item["version"] == str(article.live_revision_id)


def test_ninjs_body_links_are_absolute_addresses(client: Client) -> None:
    """A link to another article in a ninjs body points at the site, as its ``uri`` does.

    Before the fix Wagtail's page links came out as ``/harbour/…`` paths, which
    mean nothing to the system that receives the item.
    """
    pier = make_article(make_section("Harbour", slug="harbour"), title="Pier vote delayed")
    fares = make_article(
        pier.get_parent(),
        title="Ferry fares rise",
        body=[("paragraph", f'<p>See <a linktype="page" id="{pier.pk}">the pier</a>.</p>')],
    )
    body = client.get(f"/api/ninjs/{fares.pk}/").json()["bodies"][0]["value"]
    assert f'<a href="{pier.full_url}"' in body


def test_restricted_articles_stay_out_of_the_api_for_every_client(
    client: Client, django_user_model: Any
) -> None:
    """Pages behind a login, group or password restriction are absent for everyone.

    Before, Wagtail's own reading served them to whoever passed the restriction:
    a signed-in reader (any discussion account), a group member, or a session
    that had typed the password listed and read them through the API, which
    answers as the public read that feeds and sitemaps share.
    """
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from masthead.testing.factories import make_section

    public = make_article(title="Harbour wall repaired")
    hidden = []
    for kind in (
        PageViewRestriction.LOGIN,
        PageViewRestriction.GROUPS,
        PageViewRestriction.PASSWORD,
    ):
        section = make_section(f"Members {kind}", slug=f"members-{kind}")
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=kind, password="tern"
        )
        hidden.append((section, make_article(section, title=f"For {kind} only"), restriction))
    group = Group.objects.create(name="Subscribers")
    hidden[1][2].groups.add(group)
    reader = django_user_model.objects.create_user("reader", "reader@example.invalid", "pw")
    reader.groups.add(group)
    client.force_login(reader)
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [hidden[2][2].pk]
    session.save()
    listed = get_json(client, "/api/v2/articles/")
    assert [item["id"] for item in listed["items"]] == [public.pk]
    pages = get_json(client, "/api/v2/pages/?limit=20")
    assert {item["id"] for item in pages["items"]}.isdisjoint(
        {page.pk for section, article, _ in hidden for page in (section, article)}
    )
    for section, article, _ in hidden:
        get_json(client, f"/api/v2/articles/{article.pk}/", 404)
        get_json(client, f"/api/v2/pages/{section.pk}/", 404)
        get_json(client, f"/api/v2/articles/?child_of={section.pk}", 400)


def add_valley_site() -> ArticlePage:
    """Add a second Site, valley.test, with a section and an article; return the article."""
    from wagtail.models import Page, Site

    from masthead.newsroom.actions import create_section
    from masthead.newsroom.models import HomePage

    home = HomePage(title="Valley Courier", slug="valley")
    Page.get_first_root_node().add_child(instance=home)  # type: ignore[union-attr]
    home.save_revision().publish()
    Site.objects.create(hostname="valley.test", port=80, root_page=home)
    section = create_section(home, title="Valley news", slug="valley-news")
    return make_article(section, title="Valley mill reopens")


def test_the_site_parameter_cannot_reach_another_sites_pages(client: Client) -> None:
    """``?site=`` naming another Site answers 400; each host serves its own pages.

    Before, Wagtail's ``site`` parameter let a client of one host list and read
    every other Site's pages, a staff site reachable only inside the office too.
    """
    ours = make_article(title="Harbour wall repaired")
    valley = add_valley_site()
    for url in (
        "/api/v2/articles/?site=valley.test",
        "/api/v2/pages/?site=valley.test",
        f"/api/v2/pages/{valley.pk}/?site=valley.test",
        f"/api/v2/articles/?site=valley.test&child_of={valley.get_parent().pk}",
    ):
        assert "message" in get_json(client, url, 400), url
    mine = get_json(client, "/api/v2/articles/?site=localhost")["items"]
    assert [item["id"] for item in mine] == [ours.pk]
    theirs = client.get("/api/v2/articles/", HTTP_HOST="valley.test").json()["items"]
    assert [item["id"] for item in theirs] == [valley.pk]


def test_tags_endpoint_lists_only_the_tags_of_this_sites_articles(client: Client) -> None:
    """A tag only another Site's articles carry is neither listed nor served on this host.

    Before, the endpoint listed every tag a public article carried on any Site,
    with a tag page and feeds on this host that list nothing.
    """
    from masthead.tagging.actions import set_article_tags
    from masthead.tagging.tests.helpers import make_tag, tagged_article

    shared, ours_only, theirs_only = make_tag("Rivers"), make_tag("Piers"), make_tag("Mills")
    tagged_article(shared, ours_only, title="Harbour wall repaired")
    valley = add_valley_site()
    set_article_tags(valley, [shared, theirs_only], publish=True)
    listed = get_json(client, "/api/v2/tags/")["items"]
    assert [tag["name"] for tag in listed] == ["Piers", "Rivers"]
    get_json(client, f"/api/v2/tags/{theirs_only.pk}/", 404)
    theirs = client.get("/api/v2/tags/", HTTP_HOST="valley.test").json()["items"]
    assert [tag["name"] for tag in theirs] == ["Mills", "Rivers"]


def test_images_endpoint_leaves_out_images_only_another_site_shows(client: Client) -> None:
    """An image used only by another Site's article is neither listed nor served here.

    Before, the endpoint listed every image a public page used on any Site, so
    one host's API gave out the titles and files of another Site's pictures.
    """
    from masthead.testing.factories import make_image

    ours = make_article(title="Harbour wall repaired", lead_image=make_image(title="Harbour wall"))
    valley = add_valley_site()
    mill = make_image(title="Valley mill wheel")
    draft = valley.get_latest_revision_as_object()
    draft.lead_image = mill
    draft.save_revision().publish()
    listed = get_json(client, "/api/v2/images/")["items"]
    assert [image["title"] for image in listed] == ["Harbour wall"]
    get_json(client, f"/api/v2/images/{mill.pk}/", 404)
    theirs = client.get("/api/v2/images/", HTTP_HOST="valley.test").json()["items"]
    assert [image["title"] for image in theirs] == ["Valley mill wheel"]
    assert ours.lead_image is not None


def test_an_alias_does_not_name_its_restricted_original(client: Client) -> None:
    """An alias in a public section shows no ``alias_of`` when its original is hidden.

    Before, the alias's detail named its original in ``meta.alias_of``: id,
    title and address of a page behind a view restriction, as ``parent`` never
    does (Wagtail checks that one against the pages the API may show).
    """
    from wagtail.models import PageViewRestriction

    members = make_section("Members", slug="members")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    original = make_article(members, title="Harbour board minutes")
    alias = original.create_alias(parent=make_section("Harbour", slug="harbour"))
    assert alias.live
    shown = get_json(client, f"/api/v2/articles/{alias.pk}/")
    assert shown["meta"]["alias_of"] is None
    public = make_article(title="Harbour wall repaired")
    echo = public.create_alias(parent=make_section("World", slug="world"))
    assert get_json(client, f"/api/v2/pages/{echo.pk}/")["meta"]["alias_of"]["id"] == public.pk


@pytest.mark.django_db
def test_api_answers_are_not_kept_by_shared_caches(client: Client) -> None:
    """Every API answer, list or detail, good or refused, tells caches not to keep it.

    No purge names an API address, so a copy a CDN kept under its own default
    lifetime outlived a withdrawn article. Before the fix the answers carried no
    Cache-Control at all.
    """
    article = make_article(title="Harbour lights return to Lowmere quay")
    for url in (
        "/api/v2/articles/",
        f"/api/v2/articles/{article.pk}/",
        "/api/v2/pages/?type=newsroom.ArticlePage",
        "/api/v2/sections/",
        "/api/v2/authors/",
        "/api/v2/tags/",
        "/api/v2/images/",
        "/api/v2/articles/?limit=-1",
        "/api/v2/articles/999999/",
    ):
        response = client.get(url)
        cache_control = response.get("Cache-Control", "")
        assert "no-cache" in cache_control, (url, cache_control)
        assert "public" not in cache_control, (url, cache_control)


def test_lead_image_rendition_full_url_is_on_the_requests_site(client: Client) -> None:
    """``lead_image_rendition.full_url`` is written on the request's Site root, like every address.

    Before, Wagtail wrote it on ``WAGTAILADMIN_BASE_URL`` (the admin's host), so
    a second Site's API, and even the only Site's when the admin has its own
    host, pointed readers' images at another host than JSON-LD and feeds do.
    """
    full_article()
    valley = add_valley_site()
    valley.lead_image = make_image(title="Mill race")
    valley.save_revision().publish()
    ours = get_json(client, "/api/v2/articles/?fields=lead_image_rendition")["items"]
    theirs = client.get(
        f"/api/v2/articles/{valley.pk}/?fields=lead_image_rendition", HTTP_HOST="valley.test"
    ).json()
    for item, root in ((ours[0], "http://localhost"), (theirs, "http://valley.test")):
        rendition = item["lead_image_rendition"]
        assert rendition["full_url"] == root + rendition["url"]


def test_images_tags_filter_refuses_more_tags_than_a_query_needs(client: Client) -> None:
    """``?tags=`` naming more than ten tags is 400; up to ten still filter the images.

    Before, Wagtail joined the tag table once per tag: 70 tags passed SQLite's
    limit of 64 tables in a join (a 500), and each one more made PostgreSQL plan
    a larger join, for any anonymous client.
    """
    article = full_article()
    assert article.lead_image is not None
    article.lead_image.tags.add("pier", "dusk")
    pier = get_json(client, "/api/v2/images/?tags=pier,dusk")["items"]
    assert [image["title"] for image in pier] == ["Pier at dusk"]
    ten = ",".join(["pier", "dusk", *(f"t{n}" for n in range(8))])
    assert get_json(client, f"/api/v2/images/?tags={ten}")["items"] == []
    many = ",".join(f"t{n}" for n in range(70))
    assert get_json(client, f"/api/v2/images/?tags={many}", 400) == {
        "message": "tags cannot name more than 10 tags"
    }
