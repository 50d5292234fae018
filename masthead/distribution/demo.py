"""Demo data of the distribution app: a publisher logo for structured data."""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Site

from masthead.core.models import SiteIdentity

LOGO_SIZE = (600, 120)


def draw_logo(name: str) -> bytes:
    """Return a plain PNG wordmark of the publication's initials on a navy ground."""
    image = PILImage.new("RGB", LOGO_SIZE, "#14213d")
    draw = ImageDraw.Draw(image)
    initials = "".join(word[0] for word in name.split()[:3]).upper() or "M"
    draw.rectangle((20, 20, 100, 100), outline="#fca311", width=6)
    draw.text((40, 50), initials, fill="#ffffff")
    draw.text((130, 50), name, fill="#ffffff")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def ensure_demo_logo() -> bool:
    """Give the default site's identity a logo when it has none; return whether one was made."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    identity = SiteIdentity.for_site(site)
    if identity.logo_id is not None:
        return False
    logo = get_image_model()(
        title=f"{identity.publication_name} logo",
        file=ImageFile(io.BytesIO(draw_logo(identity.publication_name)), name="publisher-logo.png"),
    )
    logo.save()
    identity.logo = logo
    identity.save(update_fields=["logo"])
    return True
