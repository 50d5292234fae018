"""Writes of the short links app: create links, set aliases, forget stale redirects."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from masthead.shortlinks.codes import ALPHABET, CODE_LENGTH, new_code
from masthead.shortlinks.models import ShortLink, validate_alias_format
from masthead.shortlinks.resolution import forget_links
from masthead.tagging.models import Tag

CODE_ATTEMPTS = 10


def check_alias(alias: str, exclude_pk: int | None = None) -> None:
    """Raise ValidationError if an alias is malformed or taken by a code or another alias."""
    validate_alias_format(alias)
    if len(alias) == CODE_LENGTH and set(alias) <= set(ALPHABET):
        # It could be drawn as a code later; keep the two namespaces apart.
        raise ValidationError({"alias": "This alias looks like a short code; add a hyphen."})
    taken = ShortLink.objects.filter(Q(code=alias) | Q(alias=alias))
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise alias_taken(alias)


def alias_taken(alias: str) -> ValidationError:
    """Return the error of an alias another link has (found by the check or by the
    database's unique index, when two editors claim it at the same moment)."""
    return ValidationError({"alias": f"“{alias}” is already a short code or alias."})


def is_code_free(code: str) -> bool:
    """Return whether no link uses this string as its code or alias."""
    return not ShortLink.objects.filter(Q(code=code) | Q(alias=code)).exists()


def create_short_link(
    page: Page | None = None, alias: str | None = None, *, tag: Tag | None = None
) -> ShortLink:
    """Create a new short link to a page (or to a tag's page) with a fresh random code."""
    if (page is None) == (tag is None):
        raise ValueError("a short link leads to exactly one page or tag")
    if alias:
        check_alias(alias)
    for _ in range(CODE_ATTEMPTS):
        code = new_code()
        if not is_code_free(code):
            continue
        try:
            with transaction.atomic():
                link = ShortLink.objects.create(
                    code=code, target=page, target_tag=tag, alias=alias or None
                )
        except IntegrityError as error:
            if alias and not is_code_free(alias):  # Claimed since the check above.
                raise alias_taken(alias) from error
            continue  # Another process drew the same code just now.
        forget_links([link])
        transaction.on_commit(lambda created=link: forget_links([created]))  # type: ignore[misc]
        return link
    raise RuntimeError("no free short code after several attempts")


def create_short_links(pages: Sequence[Page]) -> list[ShortLink]:
    """Give each of these pages, which have none yet, a short link (an importer's batch).

    ``ensure_short_link`` draws a code and checks it is free one page at a time;
    here the codes of a batch are drawn together, checked in one query and
    inserted in one statement. Cached resolutions of the codes and the pages are
    dropped now and after the commit, as ``create_short_link`` does.
    """
    codes: list[str] = []
    while len(codes) < len(pages):
        drawn = {new_code() for _ in range(len(pages) - len(codes))} - set(codes)
        taken = ShortLink.objects.filter(Q(code__in=drawn) | Q(alias__in=drawn))
        codes += sorted(
            drawn
            - set(taken.values_list("code", flat=True))
            - set(taken.exclude(alias=None).values_list("alias", flat=True))
        )
    links = ShortLink.objects.bulk_create(
        ShortLink(code=code, target=page) for code, page in zip(codes, pages, strict=False)
    )
    forget_links(links)
    transaction.on_commit(lambda: forget_links(links))
    return links


def ensure_short_link(page: Page) -> ShortLink:
    """Return the page's short link, creating it the first time (idempotent)."""
    with transaction.atomic():
        existing = ShortLink.objects.filter(target=page).order_by("created_at", "pk").first()
        if existing is not None:
            return existing
        return create_short_link(page)


def ensure_tag_short_link(tag: Tag) -> ShortLink:
    """Return the short link of a tag's page, creating it the first time (idempotent)."""
    with transaction.atomic():
        existing = ShortLink.objects.filter(target_tag=tag).order_by("created_at", "pk").first()
        if existing is not None:
            return existing
        return create_short_link(tag=tag)


def move_tag_links(source: Tag, survivor: Tag) -> None:
    """Point the links of a tag being merged away at the tag that absorbs it."""
    links = list(ShortLink.objects.filter(target_tag=source))
    ShortLink.objects.filter(target_tag=source).update(target_tag=survivor)
    forget_links(links)
    transaction.on_commit(lambda: forget_links(links))


def forget_tag_links(tag: Tag) -> None:
    """Drop cached redirects of links to a tag whose page moved (a new slug) or went."""
    links = list(ShortLink.objects.filter(target_tag=tag).only("code", "alias", "target_tag_id"))
    forget_links(links)
    transaction.on_commit(lambda: forget_links(links))
    purge_share_pages(links)


def set_alias(link: ShortLink, alias: str | None) -> ShortLink:
    """Give a link a readable alias (or remove it), checking collisions both ways."""
    alias = (alias or "").strip().lower() or None
    if alias:
        check_alias(alias, exclude_pk=link.pk)
    with transaction.atomic():
        old = ShortLink(
            code=link.code, alias=link.alias, target_id=link.target_id,
            target_tag_id=link.target_tag_id,
        )  # fmt: skip
        link.alias = alias
        try:
            with transaction.atomic():
                link.save(update_fields=["alias"])
        except IntegrityError as error:  # Claimed since the check above.
            link.alias = old.alias
            raise alias_taken(alias or "") from error
        transaction.on_commit(lambda: forget_links([old, link]))
        # The old alias's share page would otherwise keep answering from the cache.
        purge_share_pages([old])
    forget_links([old, link])
    return link


def forget_page_links(page: Page, include_descendants: bool = False) -> None:
    """Drop cached redirects of links to a page (and to the pages below it, if asked)."""
    links_to = ShortLink.objects.only("code", "alias", "target_id")
    if include_descendants:
        links = list(links_to.filter(target__path__startswith=page.path))
    else:
        links = list(links_to.filter(target_id=page.pk))
    forget_links(links)
    # A reader may have cached the old state between our delete and the commit.
    transaction.on_commit(lambda: forget_links(links))
    purge_share_pages(links)


def forget_deleted_link(link: ShortLink) -> None:
    """Drop a deleted link's cached redirects, its share pages and its page's cached copy.

    Its code stays cached on the page it led to (the "Get short URL" part) until
    that page is purged too.
    """
    forget_links([link])
    transaction.on_commit(lambda: forget_links([link]))
    purge_share_pages([link])
    if link.target_id is not None:
        batch = PurgeBatch()
        batch.add_pages(Page.objects.filter(pk=link.target_id))
        transaction.on_commit(batch.purge)


def purge_share_pages(links: Sequence[ShortLink]) -> None:
    """Drop the links' share pages from the page cache once the change is committed.

    The share page shows the target's title and URL and is cached for every
    reader: without this it kept showing a withdrawn or renamed article.
    """
    paths = [reverse("shortlinks:share", args=[link.code]) for link in links]
    paths += [reverse("shortlinks:share", args=[link.alias]) for link in links if link.alias]
    if not paths:
        return
    # Through Wagtail's frontend cache, so a CDN configured beside ours is purged too.
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site is not None else ""
    batch = PurgeBatch()
    batch.add_urls([f"{root}{path}" for path in paths])
    transaction.on_commit(batch.purge)
