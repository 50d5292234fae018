"""Small views of the core app: health check and error pages."""

from __future__ import annotations

import errno
import posixpath

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer 200 when the database is reachable, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# Wagtail's documents folder: documents are served by Wagtail's own view, which
# applies their collection's privacy; the file's address must not bypass it.
DOCUMENTS_FOLDER = "documents"


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Serve an uploaded image or rendition (when no proxy serves MEDIA_ROOT); never a document."""
    # Normalised as static.serve normalises it, so "images/../documents/x" is caught too.
    if posixpath.normpath(path).lstrip("/").split("/", 1)[0] == DOCUMENTS_FOLDER:
        raise Http404("Documents are served at their own addresses.")
    try:
        response = static.serve(request, path, document_root=str(settings.MEDIA_ROOT))
    except OSError as error:
        # pathlib's exists() raises for a path past PATH_MAX instead of saying no.
        if error.errno == errno.ENAMETOOLONG:
            raise Http404("No such file.") from error
        raise
    # Renditions carry a hash of their source in their names; originals rarely change.
    patch_cache_control(response, public=True, max_age=settings.MASTHEAD_MEDIA_MAX_AGE)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """Render the 500 page from a static template: no context, so nothing leaks."""
    return HttpResponse(render_to_string("500.html"), status=500)


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Send browsers that ask for /favicon.ico to the site's icon (a permanent redirect)."""
    from django.templatetags.static import static as static_url

    response = HttpResponsePermanentRedirect(static_url("masthead/favicon.svg"))
    patch_cache_control(response, public=True, max_age=86400)
    return response
