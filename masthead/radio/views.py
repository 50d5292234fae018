"""Public views: the station status, the pop-out player, and the live HLS files."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotFound, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from masthead.core.page_cache import mark_public
from masthead.radio import conf, hls
from masthead.radio.status import station_status


@require_safe
def status(request: HttpRequest) -> HttpResponse:
    """Return what the player shows, as JSON, the same for every reader."""
    response = JsonResponse(station_status(timezone.now()))
    # Not "public": the page cache would hold it for minutes; browsers and
    # proxies may keep it for the few seconds it stays true.
    response["Cache-Control"] = f"max-age={conf.status_seconds()}"
    return response


@require_safe
def listen(request: HttpRequest) -> HttpResponse:
    """Render the pop-out player: the same player alone in a small window."""
    response = TemplateResponse(request, "radio/listen.html", {})
    response.render()
    mark_public(response)
    return response


@require_safe
def live_file(request: HttpRequest, name: str) -> HttpResponse | FileResponse:
    """Serve a live HLS file (where the WSGI fast path is not installed)."""
    opened = hls.open_file(name)
    if opened is None:
        return HttpResponseNotFound(
            "Not found: this segment has left the live window.\n", content_type="text/plain"
        )
    handle, headers = opened
    response = FileResponse(handle)
    for header, value in headers:
        response[header] = value
    return response
