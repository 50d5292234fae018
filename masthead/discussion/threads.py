"""Reads of a discussion: pages of threads, sorted, with their replies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Case, F, Q, QuerySet, Value, When

from masthead.discussion import conf
from masthead.discussion.models import (
    VISIBLE_STATUSES,
    Comment,
    CommentQuerySet,
    CommentStatus,
)

SORTS: dict[str, tuple[str, ...]] = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "reactions": ("-shown_reactions", "-created_at", "-id"),
    "replies": ("-reply_count", "-created_at", "-id"),
}
SORT_LABELS = {
    "newest": "Newest",
    "oldest": "Oldest",
    "reactions": "Most recommended",
    "replies": "Most replies",
}
PICKS_ORDER = ("-picked_at", "-id")
TABS = ("all", "picks")
DEFAULT_SORT = "newest"
MAX_PAGE = 10_000


@dataclass
class Node:
    """A comment placed in its thread, with the replies shown under it."""

    comment: Comment
    depth: int
    replying_to: str = ""  # Whom a reply past the maximum depth answers ("@name").
    children: list[Node] = field(default_factory=list)


@dataclass
class ThreadPage:
    """One page of a discussion: its threads and how to reach the next page."""

    nodes: list[Node]
    sort: str
    tab: str
    number: int
    has_next: bool
    total_threads: int
    last_id: int | None = None  # The last thread shown, where "Show more" continues.


def display_name(comment: Comment) -> str:
    """Return the name shown for a comment's author."""
    if comment.author is None:
        return "deleted account"
    profile = getattr(comment.author, "reader_profile", None)
    return profile.display_name if profile is not None else "reader"


def with_authors(queryset: QuerySet[Comment]) -> QuerySet[Comment]:
    """Return the queryset loading each author and their profile in the same query."""
    return queryset.select_related(
        "author", "author__reader_profile", "parent__author", "parent__author__reader_profile"
    )


def with_shown_reactions(queryset: CommentQuerySet) -> CommentQuerySet:
    """Return the queryset with ``shown_reactions``: the recommendations readers see.

    A placeholder (deleted, held, rejected) shows none: sorted by its stored
    count it headed "Most recommended" with nothing to show for it. The count
    stays stored, for the comment's return if a moderator approves it again.
    """
    return queryset.annotate(
        shown_reactions=Case(
            When(status__in=VISIBLE_STATUSES, then=F("reaction_count")), default=Value(0)
        )
    )


def parse_sort(value: str | None) -> str:
    """Return a known sort name, or the default."""
    return value if value in SORTS else DEFAULT_SORT


def parse_page(value: str | None) -> int:
    """Return a page number between 1 and MAX_PAGE (1 for anything else)."""
    try:
        number = int(value or "1")
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def load_page(
    article_id: int, *, sort: str, tab: str, number: int, after: int | None = None
) -> ThreadPage:
    """Return one page of top-level threads (or editors' picks) with their replies.

    ``after`` is the last thread the reader was shown: the page is the threads
    following it in the order, so one deleted or hidden meanwhile leaves no gap
    (page numbers alone shifted every later thread back by one).
    """
    base = with_shown_reactions(Comment.objects.for_article(article_id))
    order = PICKS_ORDER if tab == "picks" else SORTS[sort]
    if tab == "picks":
        tops = base.visible().filter(is_editors_pick=True).order_by(*order)
    else:
        tops = base.in_thread().filter(parent__isnull=True).order_by(*order)
    beyond = _beyond(base, order, after) if after is not None else None
    if beyond is not None:
        roots = list(with_authors(tops.filter(beyond))[: conf.page_size() + 1])
        has_next, roots = len(roots) > conf.page_size(), roots[: conf.page_size()]
        total = tops.count()
    else:
        paginator = Paginator(with_authors(tops), conf.page_size(), allow_empty_first_page=True)
        try:
            page = paginator.page(number)
        except EmptyPage:
            return ThreadPage([], sort, tab, number, False, paginator.count)
        roots, has_next, total = list(page.object_list), page.has_next(), paginator.count
    if tab == "picks":
        nodes = [Node(c, 0, replying_to=_parent_name(c)) for c in roots]
    else:
        nodes = _build_trees(roots)
    last_id = roots[-1].pk if roots else None
    return ThreadPage(nodes, sort, tab, number, has_next, total, last_id)


def _beyond(base: QuerySet[Comment], order: tuple[str, ...], after: int) -> Q | None:
    """Return the condition of threads after one in the order, or None if it is not one.

    Its values are read as they are now (a thread whose count changed since
    moves, as the sort says it should).
    """
    fields = [name.lstrip("-") for name in order]
    anchor: dict[str, Any] | None = (
        base.filter(pk=after, parent__isnull=True).values(*fields).first()
    )
    if anchor is None or any(anchor[name] is None for name in fields):
        return None  # Not a thread of this article, or no longer a pick: go by number.
    condition: Q | None = None
    for name in reversed(order):
        field = name.lstrip("-")
        strictly = Q(**{f"{field}__{'lt' if name.startswith('-') else 'gt'}": anchor[field]})
        condition = (
            strictly if condition is None else strictly | (Q(**{field: anchor[field]}) & condition)
        )
    return condition


def _parent_name(comment: Comment) -> str:
    return "" if comment.parent is None else reply_target(comment.parent)


def reply_target(parent: Comment) -> str:
    """Return whom a reply answers, as "in reply to ..." ends: "@name" while the
    parent is shown; a deleted or hidden parent's author is not named."""
    if parent.is_visible:
        return f"@{display_name(parent)}"
    return "a deleted comment" if parent.status == CommentStatus.DELETED else "a removed comment"


def placeholder(comment: Comment) -> str:
    """Return what stands in a thread for a hidden comment that has replies."""
    return "Comment deleted" if comment.status == CommentStatus.DELETED else "Comment removed"


def _build_trees(roots: list[Comment]) -> list[Node]:
    """Attach every reply of the given threads, oldest first, capped in depth.

    Replies deeper than the maximum depth join their parent's list at that
    depth and say whom they answer ("in reply to @name").
    """
    if not roots:
        return []
    replies = with_authors(
        Comment.objects.filter(root_id__in=[r.pk for r in roots]).in_thread()
    ).order_by("created_at", "id")
    nodes: dict[int, Node] = {r.pk: Node(r, 0) for r in roots}
    holders: dict[int, Node] = {}
    max_depth = conf.max_depth()
    for reply in replies:
        parent = nodes.get(reply.parent_id or 0)
        if parent is None:  # Its parent is not in the thread (a count out of step):
            continue  # a hidden comment's replies show only under its placeholder.
        if parent.depth < max_depth:
            node, holder = Node(reply, parent.depth + 1), parent
        else:
            holder = holders[parent.comment.pk]
            node = Node(reply, max_depth, replying_to=reply_target(parent.comment))
        holder.children.append(node)
        nodes[reply.pk] = node
        holders[reply.pk] = holder
    return [nodes[r.pk] for r in roots]
