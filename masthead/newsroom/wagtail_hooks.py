"""Admin: refuse a move, single or bulk, that hides a page behind another view."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.models import Page

from masthead.newsroom.models import page_move_shadowed_address, shadowed_address_message


@hooks.register("before_move_page")
def refuse_a_shadowed_move(
    request: HttpRequest, page: Page, destination: Page
) -> HttpResponse | None:
    """Send the editor back to choose another parent if the move would hide the page."""
    address = page_move_shadowed_address(page, destination)
    if address is None:
        return None
    messages.error(request, shadowed_address_message(address))
    response: Any = redirect("wagtailadmin_pages:move", page.id)
    return response


@hooks.register("before_bulk_action")
def refuse_a_shadowed_bulk_move(
    request: HttpRequest, action_type: str, objects: list[Page], action: Any
) -> HttpResponse | None:
    """Send the editor back to the bulk move if it would hide any of the pages."""
    if not isinstance(action, MoveBulkAction):
        return None
    destination = action.cleaned_form.cleaned_data["chooser"]
    for page in objects:
        address = page_move_shadowed_address(page, destination)
        if address is not None:
            messages.error(request, shadowed_address_message(address))
            response: Any = redirect(request.get_full_path())
            return response
    return None
