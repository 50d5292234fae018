"""The health check's place in front of Django's host check and HTTPS redirect."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from masthead.core.views import healthz

HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answer ``/healthz`` before any other middleware looks at the request.

    Load balancers and the machine itself probe the server by its address and
    over plain HTTP: behind them, Django's host check would answer 400 and the
    production HTTPS redirect 301, so a healthy site would be taken out of
    service. The answer names nothing but the database's state.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info == HEALTH_PATH:
            return healthz(request)
        return self.get_response(request)
