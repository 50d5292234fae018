"""Admin: refuse moving a section or article where another view answers its address."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages
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
