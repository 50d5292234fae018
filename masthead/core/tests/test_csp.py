"""The prebuilt Content-Security-Policy: the same headers django-csp's own middleware sets."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY, NONCE, SELF
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.test import RequestFactory, override_settings

from masthead.core.csp import CSPMiddleware

REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'none'"], "report-uri": "/csp-reports/"}}


def headers(
    middleware_class: type, path: str, view: Callable[[HttpRequest], HttpResponseBase]
) -> dict:
    middleware = middleware_class(view)
    response = middleware(RequestFactory().get(path))
    return {name: response.get(name) for name in (HEADER, HEADER_REPORT_ONLY)}


def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def with_nonce(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(request.csp_nonce))  # type: ignore[attr-defined]


def updated(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("ok")
    response._csp_update = {"img-src": ["https://images.example.org"]}  # type: ignore[attr-defined]
    return response


def exempt(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("ok")
    response._csp_exempt = True  # type: ignore[attr-defined]
    return response


def sets_no_header(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("ok")
    response[HEADER] = "default-src 'self' https://player.example.org"
    return response


@pytest.mark.parametrize("view", [plain, updated, exempt, sets_no_header])
@pytest.mark.parametrize("path", ["/", "/discussion/1/comments/", "/admin/pages/"])
def test_headers_are_django_csps(view: Callable[[HttpRequest], HttpResponse], path: str) -> None:
    def directives(found: dict) -> dict:  # django-csp orders directives as a set iterates.
        return {name: sorted((value or "").split("; ")) for name, value in found.items()}

    ours = headers(CSPMiddleware, path, view)
    if path.startswith("/admin/"):
        return  # The editors' tools have a policy of their own (below).
    assert directives(ours) == directives(headers(DjangoCSPMiddleware, path, view))
    if view is plain:
        assert "script-src 'self'" in ours[HEADER]


@pytest.mark.parametrize("path", ["/admin/pages/", "/django-admin/login/"])
def test_the_editors_tools_get_the_admin_policy(path: str) -> None:
    """The admin runs inline code, so its policy allows that, and nothing from
    elsewhere: before, the editors' tools had no policy at all."""
    policy = headers(CSPMiddleware, path, plain)[HEADER]
    assert policy is not None
    found = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert found["script-src"] == ["'self'", "'unsafe-inline'"]
    assert found["connect-src"] == ["'self'"] and found["form-action"] == ["'self'"]
    assert found["object-src"] == ["'none'"] and found["frame-ancestors"] == ["'self'"]
    assert "https:" not in found["img-src"]
    assert headers(CSPMiddleware, path, exempt)[HEADER] is None
    assert headers(CSPMiddleware, path, sets_no_header)[HEADER] == (
        "default-src 'self' https://player.example.org"
    )


@override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"script-src": [SELF, NONCE]}})
def test_a_nonce_is_put_in_the_header() -> None:
    response = CSPMiddleware(with_nonce)(RequestFactory().get("/"))
    assert isinstance(response, HttpResponse)
    assert f"script-src 'self' 'nonce-{response.content.decode()}'" in response[HEADER]


def test_changed_settings_change_the_header() -> None:
    before = headers(CSPMiddleware, "/", plain)
    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=REPORT_ONLY):
        during = headers(CSPMiddleware, "/", plain)
        assert during[HEADER_REPORT_ONLY] == "default-src 'none'; report-uri /csp-reports/"
        assert during == headers(DjangoCSPMiddleware, "/", plain)
    assert headers(CSPMiddleware, "/", plain) == before


def test_a_nonce_asked_for_after_the_response_is_an_error() -> None:
    request = RequestFactory().get("/")
    CSPMiddleware(plain)(request)
    with pytest.raises(Exception, match="not available after the CSP header"):
        str(request.csp_nonce)  # type: ignore[attr-defined]


def test_a_preview_keeps_the_site_policy_but_may_be_framed_by_the_editor() -> None:
    """A preview (a site page rendered for the admin) arrives with the site's
    policy: it keeps it, with frame-ancestors 'self' instead of 'none', so the
    editor's preview panel shows it (before, the panel stayed empty)."""
    from masthead.core.csp import site_policy

    site = site_policy(False)[0]

    def preview(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("ok")
        response[HEADER] = site
        return response

    policy = headers(CSPMiddleware, "/admin/pages/5/edit/preview/", preview)[HEADER]
    assert "frame-ancestors 'none'" in site
    expected = site.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
    assert sorted((policy or "").split("; ")) == sorted(expected.split("; "))
