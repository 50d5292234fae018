"""Keep an old public address answering after what it showed moved (Wagtail's redirects)."""

from __future__ import annotations

from django.db import transaction
from wagtail.contrib.redirects.models import Redirect


@transaction.atomic
def move_address(old_path: str, new_path: str) -> None:
    """Answer ``old_path`` with a permanent redirect to ``new_path``, on every site.

    Redirects that led to ``old_path`` now lead straight to ``new_path`` (no
    chains), and one from ``new_path`` goes: the address is in use again. Editors
    see and manage these in Wagtail's Redirects; they answer only where the
    site has nothing at the path (Wagtail's middleware acts on a 404).
    """
    old, new = Redirect.normalise_path(old_path), Redirect.normalise_path(new_path)
    if old == new:
        return
    Redirect.objects.filter(site=None, old_path=new).delete()
    Redirect.objects.filter(redirect_link=old_path).update(redirect_link=new_path)
    Redirect.objects.update_or_create(
        site=None,
        old_path=old,
        defaults={"redirect_link": new_path, "redirect_page": None, "is_permanent": True},
    )
