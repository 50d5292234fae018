"""The admin form of a short link: creation and alias changes go through actions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from masthead.shortlinks import actions
from masthead.shortlinks.models import ShortLink
from masthead.shortlinks.permissions import can_link_page, can_link_tags


class ShortLinkForm(WagtailAdminModelForm):
    """Choose the page or tag (new links only) and an optional readable alias."""

    instance: ShortLink

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("target", "target_tag"):
            if name in self.fields:
                self.fields[name].required = False
                # A code belongs to its page for good; make a new link for another page.
                self.fields[name].disabled = bool(self.instance.pk)

    def clean(self) -> dict[str, Any]:
        """Require exactly one destination on a new link, one the editor may link."""
        cleaned = super().clean() or {}
        if self.instance.pk:
            page, tag = self.instance.target, self.instance.target_tag
        else:
            page, tag = cleaned.get("target"), cleaned.get("target_tag")
            if bool(page) == bool(tag):
                raise ValidationError("Choose a page or a tag for the short link (one of them).")
        # The same rule as the page header's and the tags listing's buttons.
        if page is not None and not can_link_page(self.for_user, page):
            raise ValidationError("You may not edit this page, so you may not link it.")
        if tag is not None and not can_link_tags(self.for_user):
            raise ValidationError("You may not edit tags, so you may not link a tag's page.")
        return cleaned

    def clean_alias(self) -> str | None:
        """Return the alias in canonical form, checked against every code and alias."""
        alias = (self.cleaned_data.get("alias") or "").strip().lower() or None
        if alias:
            try:
                actions.check_alias(alias, exclude_pk=self.instance.pk)
            except ValidationError as error:
                raise ValidationError(error.message_dict["alias"]) from error
        return alias

    def _post_clean(self) -> None:
        # The model's own checks repeat ours and would demand a code not drawn yet.
        pass

    def save(self, commit: bool = True) -> ShortLink:
        """Create the link with a fresh code, or change its alias."""
        alias = self.cleaned_data.get("alias")
        if self.instance.pk:
            self.instance = actions.set_alias(self.instance, alias)
        else:
            self.instance = actions.create_short_link(
                self.cleaned_data.get("target"),
                alias=alias,
                tag=self.cleaned_data.get("target_tag"),
            )
        return self.instance
