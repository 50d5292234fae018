"""Admin panels of an article: its ordered editor picks, and its list explained."""

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

from masthead.related.queries import explained_list


class KeepPicksWhenAbsentFormSet(BaseChildFormSet):
    """A child formset that keeps the current picks when a post leaves them out.

    Forms posted by clients that predate this panel (scripts, other apps'
    tests, the API) carry no management data for it; without this the whole
    article form would be invalid, when what the poster means is "unchanged".
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        posted: Any = self.data  # type: ignore[has-type]  # modelcluster is untyped.
        if self.is_bound and self.add_prefix(TOTAL_FORM_COUNT) not in posted:
            data: Any = posted.copy()
            data.update(self.current_children_data())
            self.data = data

    def current_children_data(self) -> dict[str, Any]:
        """Return form data that describes the picks as they stand."""
        children = list(self.get_queryset())
        data: dict[str, Any] = {
            self.add_prefix(TOTAL_FORM_COUNT): str(len(children)),
            self.add_prefix(INITIAL_FORM_COUNT): str(len(children)),
            self.add_prefix(MIN_NUM_FORM_COUNT): "0",
            self.add_prefix(MAX_NUM_FORM_COUNT): "1000",
        }
        for n, child in enumerate(children):
            data[self.add_prefix(f"{n}-id")] = str(child.pk or "")
            data[self.add_prefix(f"{n}-target")] = str(child.target_id)
            data[self.add_prefix(f"{n}-ORDER")] = str(n + 1)
        return data


class RelatedPicksPanel(InlinePanel):
    """The article's ordered editor picks; a post without them leaves them as they are."""

    def get_form_options(self) -> dict[str, Any]:
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = KeepPicksWhenAbsentFormSet
        return options


class RelatedListPanel(Panel):
    """Read-only: the stored list, each automatic pick with its score and reasons."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "related/panels/related_list.html"

        def get_context_data(self, parent_context: Any = None) -> Any:
            context = super().get_context_data(parent_context)
            context["article_id"] = self.instance.pk
            context["entries"] = explained_list(self.instance.pk) if self.instance.pk else []
            return context
