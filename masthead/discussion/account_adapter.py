"""allauth's adapter for reader accounts: what differs from allauth's defaults."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from masthead.core.client_ip import client_ip


class ReaderAccountAdapter(DefaultAccountAdapter):
    """Reader accounts as allauth runs them, counting addresses as the rest of the site."""

    def get_client_ip(self, request: HttpRequest) -> str:
        """Return the reader's address as the comment limits count it (``core.client_ip``).

        allauth's own reading refuses (403) a request without the proxy's header,
        so a sign-in that reached the server past the proxy could not be made.
        """
        return client_ip(request)
