"""Admin actions on suggestions: accept one, accept all, reject one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from masthead.newsroom.models import ArticlePage
from masthead.tagging import actions
from masthead.tagging.models import SuggestionStatus, Tag, TagSuggestion
from masthead.tagging.permissions import can_merge_tags
from masthead.tagging.queries import pending_suggestions


def access_article(request: HttpRequest, article_id: int) -> ArticlePage:
    """Return the article if the user may edit it now (not locked against them), else refuse."""
    article = get_object_or_404(ArticlePage, pk=article_id)
    if not article.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    # Wagtail's editor refuses a save under another user's lock (or a workflow's);
    # a suggestion's revision would otherwise slip in under it.
    lock = article.get_lock()
    if lock is not None and lock.for_user(request.user):
        raise PermissionDenied
    return article


def access_suggestion(request: HttpRequest, suggestion_id: int) -> TagSuggestion:
    """Return a pending suggestion on an article the user may edit, else refuse."""
    suggestion = get_object_or_404(TagSuggestion, pk=suggestion_id, status=SuggestionStatus.PENDING)
    access_article(request, suggestion.article_id)
    return suggestion


def back_to_editor(article_id: int) -> HttpResponse:
    """Return to the article's edit page."""
    return redirect("wagtailadmin_pages:edit", article_id)


@require_POST
def accept(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    """Add one suggested tag to the article's tag list."""
    suggestion = access_suggestion(request, suggestion_id)
    actions.accept_suggestions(suggestion.article, [suggestion])
    return back_to_editor(suggestion.article_id)


@require_POST
def accept_all(request: HttpRequest, article_id: int) -> HttpResponse:
    """Add every pending suggested tag to the article's tag list, best first."""
    article = access_article(request, article_id)
    actions.accept_suggestions(article, pending_suggestions(article.pk))
    return back_to_editor(article.pk)


@require_POST
def reject(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    """Dismiss one suggestion for good."""
    suggestion = access_suggestion(request, suggestion_id)
    actions.reject_suggestion(suggestion)
    return back_to_editor(suggestion.article_id)


class MergeForm(forms.Form):
    """Choose the tag that survives a merge."""

    survivor = forms.ModelChoiceField(queryset=Tag.objects.none(), label="Merge into")

    def __init__(self, source: Tag, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        survivor = self.fields["survivor"]
        assert isinstance(survivor, forms.ModelChoiceField)
        survivor.queryset = Tag.objects.exclude(pk=source.pk)


def merge_tag(request: HttpRequest, tag_id: int) -> HttpResponse:
    """Merge a tag into another chosen in a form (articles, aliases and slug move)."""
    if not can_merge_tags(request.user):
        raise PermissionDenied
    source = get_object_or_404(Tag, pk=tag_id)
    form = MergeForm(source, request.POST or None)
    if request.method == "POST" and form.is_valid():
        survivor = form.cleaned_data["survivor"]
        actions.merge_tags(source, survivor)
        messages.success(request, f"“{source.name}” merged into “{survivor.name}”.")
        return redirect("wagtailsnippets_tagging_tag:edit", survivor.pk)
    return TemplateResponse(request, "tagging/admin/merge.html", {"tag": source, "form": form})
