"""``masthead tags merge OLD NEW`` and ``masthead tags suggest [--all | ID/URL...] [--json]``."""

from __future__ import annotations

import json
import re
import sys
from typing import Any
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.core.numbers import parse_number
from masthead.newsroom.models import ArticlePage
from masthead.tagging import actions
from masthead.tagging.models import Tag

MAX_ID = 2**31 - 1  # The largest page id every supported database stores.
SLUG = re.compile(r"[-\w]+")  # What Django's unicode slugs are made of.


class Command(BaseCommand):
    help = "Merge tags, or compute tag suggestions for existing articles."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        merge = commands.add_parser("merge", help="Fold tag OLD into tag NEW (slugs).")
        merge.add_argument("old")
        merge.add_argument("new")
        suggest = commands.add_parser("suggest", help="Compute and print suggestions.")
        suggest.add_argument("articles", nargs="*", help="Article IDs or URLs.")
        suggest.add_argument("--all", action="store_true", help="Every article.")
        suggest.add_argument("--json", action="store_true", help="One JSON object a line.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["command"] == "merge":
            self.merge(options["old"], options["new"])
        else:
            self.suggest(options["articles"], options["all"], options["json"])

    def merge(self, old: str, new: str) -> None:
        """Merge two tags given by slug."""
        source, survivor = tag_by_slug(old), tag_by_slug(new)
        if source is None or survivor is None:
            raise CommandError(f"No tag with slug {old if source is None else new!r}.")
        if source.pk == survivor.pk:
            raise CommandError("A tag cannot be merged into itself.")
        actions.merge_tags(source, survivor)
        self.stdout.write(f"Merged {old} into {new}; /tags/{old}/ now redirects.")

    def suggest(self, refs: list[str], every: bool, as_json: bool) -> None:
        """Compute suggestions for the chosen articles and print them ranked."""
        if not every and not refs:
            raise CommandError("Name articles by ID or URL, or pass --all.")
        articles = list(ArticlePage.objects.order_by("pk")) if every else find_articles(refs)
        for n, article in enumerate(articles, start=1):
            suggestions = actions.compute_suggestions(article)
            if as_json:
                record = {
                    "id": article.pk,
                    "url": article.full_url,
                    "suggestions": [
                        {"name": s.name, "kind": s.kind, "score": round(s.score, 2)}
                        for s in suggestions
                    ],
                }
                self.stdout.write(json.dumps(record))
            else:
                ranked = ", ".join(f"{s.name} ({s.kind}, {s.score:.1f})" for s in suggestions)
                self.stdout.write(f"{article.pk} {article.title}: {ranked or '(none)'}")
            # Progress goes to stderr so that --json output stays parseable.
            sys.stderr.write(f"\r{n}/{len(articles)} articles")
        if articles:
            sys.stderr.write("\n")


def tag_by_slug(slug: str) -> Tag | None:
    """Return the tag with this slug; None for text no slug can be (PostgreSQL
    refuses a NUL byte in a query with an error rather than finding nothing)."""
    if not SLUG.fullmatch(slug):
        return None
    return Tag.objects.filter(slug=slug).first()


def find_articles(refs: list[str]) -> list[ArticlePage]:
    """Return the articles named by ID or URL, refusing unknown ones."""
    found = []
    for ref in refs:
        if ref.isdigit():  # Also "²" and other digits int() refuses: parse_number says no.
            pk = parse_number(ref, MAX_ID)
            if pk is None:
                raise CommandError(
                    f"No article {ref!r}: an ID is a whole number in ASCII digits up to {MAX_ID}."
                )
            article = ArticlePage.objects.filter(pk=pk).first()
        else:
            article = find_by_url(ref)
        if article is None:
            raise CommandError(f"No article {ref!r}.")
        found.append(article)
    return found


def find_by_url(ref: str) -> ArticlePage | None:
    """Return the article whose URL path ends like the URL given, or None."""
    try:
        path = urlsplit(ref).path.strip("/")
    except ValueError:  # urlsplit refuses an unclosed "[" as an IPv6 host.
        return None
    articles = ArticlePage.objects.filter(url_path__endswith=f"/{path}/")
    return articles.first() if path else None
