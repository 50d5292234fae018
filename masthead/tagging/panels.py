"""The suggestions panel shown beside an article's tag list in the admin."""

from __future__ import annotations

from typing import Any

from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT,
    TOTAL_FORM_COUNT,
)
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel, Panel

from masthead.tagging.queries import pending_suggestions


class TagSuggestionsPanel(Panel):
    """List the article's pending suggestions with buttons to accept one or all."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "tagging/panels/suggestions.html"

        def get_context_data(self, parent_context: Any = None) -> Any:
            context = super().get_context_data(parent_context)
            context["article_id"] = self.instance.pk
            context["suggestions"] = pending_suggestions(self.instance.pk)
            return context


class KeepWhenAbsentFormSet(BaseChildFormSet):
    """A child formset that keeps the current children when a post leaves it out.

    Forms posted by clients that predate the tag panel (scripts, older tests, the
    API) carry no management data for it; without this the whole article form
    would be invalid, when what the poster means is "tags unchanged".
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        posted: Any = self.data  # type: ignore[has-type]  # modelcluster is untyped.
        if self.is_bound and self.add_prefix(TOTAL_FORM_COUNT) not in posted:
            data: Any = posted.copy()
            data.update(self.current_children_data())
            self.data = data

    def current_children_data(self) -> dict[str, Any]:
        """Return form data that describes the children as they stand."""
        children = list(self.get_queryset())
        data: dict[str, Any] = {
            self.add_prefix(TOTAL_FORM_COUNT): str(len(children)),
            self.add_prefix(INITIAL_FORM_COUNT): str(len(children)),
            self.add_prefix(MIN_NUM_FORM_COUNT): "0",
            self.add_prefix(MAX_NUM_FORM_COUNT): "1000",
        }
        for n, child in enumerate(children):
            data[self.add_prefix(f"{n}-id")] = str(child.pk or "")
            data[self.add_prefix(f"{n}-tag")] = str(child.tag_id)
            data[self.add_prefix(f"{n}-ORDER")] = str(n + 1)
        return data


class TagListPanel(InlinePanel):
    """The article's ordered tags; a post without them leaves them as they are."""

    def get_form_options(self) -> dict[str, Any]:
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = KeepWhenAbsentFormSet
        return options
