"""django-csp's middleware, with the site's policy built once instead of for every response.

django-csp builds the Content-Security-Policy header anew for each response
(about 30 µs: the settings' directives copied, merged and joined), though a
response that brings no nonce and no per-view change (``csp_update``,
``csp_replace``, ``csp_exempt``...) always gets the same header. Those
responses get the header built once; any other goes through django-csp's
own path. A change of settings (in tests) builds it again.
"""

from __future__ import annotations

import functools
import http.client
from typing import Any

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

# What a view or decorator sets on a response to change its policy.
PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)
DEBUG_CODES = (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND)


@functools.cache
def site_policy(report_only: bool) -> tuple[str, tuple[str, ...]]:
    """Return the policy from settings and the path prefixes it does not cover."""
    name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
    config: dict[str, Any] = getattr(settings, name, None) or {}
    excluded = tuple(config.get("EXCLUDE_URL_PREFIXES") or ())
    return build_policy(report_only=report_only), excluded


@functools.cache
def preview_policy() -> str:
    """Return the site's policy letting the editors' tools frame the page (a preview)."""
    return build_policy(replace={"frame-ancestors": ["'self'"]})


@functools.cache
def admin_policy() -> str:
    """Return the editors' tools' policy (``ADMIN_CONTENT_SECURITY_POLICY``), or ""."""
    config: dict[str, Any] = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None) or {}
    directives = config.get("DIRECTIVES")
    return build_policy(config=directives) if directives else ""


@receiver(setting_changed)
def forget_site_policy(*, setting: str, **kwargs: Any) -> None:
    """Build the policies again once their settings change."""
    if setting.startswith(("CONTENT_SECURITY_POLICY", "ADMIN_CONTENT_SECURITY_POLICY")):
        site_policy.cache_clear()
        preview_policy.cache_clear()
        admin_policy.cache_clear()


class CSPMiddleware(BaseCSPMiddleware):
    """Set the site's Content-Security-Policy as django-csp does, built once."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        """Set the prebuilt headers, or leave a response with its own policy to django-csp.

        The paths the site's policy leaves out (the editors' tools) get the
        admin policy instead, unless the response sets a policy itself. A
        preview is a site page rendered through the whole middleware for its
        own address, so it comes with the site's policy: it keeps it, but may be
        framed by the editor beside it (the site's pages refuse every frame).
        """
        path = request.path_info
        site, excluded = site_policy(False)
        if path.startswith(excluded):
            if site and response.get(HEADER) == site:
                response[HEADER] = preview_policy()
            elif (
                admin_policy()
                and HEADER not in response
                and not getattr(response, "_csp_exempt", False)
            ):
                response[HEADER] = admin_policy()
            return response
        if (
            getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in PER_RESPONSE)
            or (response.status_code in DEBUG_CODES and settings.DEBUG)
        ):
            return super().process_response(request, response)
        for header, report_only in ((HEADER, False), (HEADER_REPORT_ONLY, True)):
            policy, excluded = site_policy(report_only)
            if policy and header not in response and not path.startswith(excluded):
                response[header] = policy
        # As django-csp does: asking for a nonce after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
