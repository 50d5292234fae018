"""Small factories for tests: ``make_article(**overrides)`` and friends."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from typing import Any

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

from masthead.newsroom import actions
from masthead.newsroom.models import ArticlePage, Author, HomePage, SectionPage

_counter = itertools.count(1)


def make_home() -> HomePage:
    """Return the site's home page, creating it if needed."""
    return actions.ensure_home_page(title="Test Gazette")


def make_other_site(hostname: str, title: str, section: str) -> SectionPage:
    """Create a second Site at ``hostname`` (its own live home page); return a section of it."""
    from wagtail.models import Page, Site

    home = HomePage(title=title, slug=hostname.split(".")[0])
    Page.get_first_root_node().add_child(instance=home)  # type: ignore[union-attr]
    home.save_revision().publish()
    Site.objects.create(hostname=hostname, port=80, root_page=home)
    return actions.create_section(home, title=section, slug=next_slug(section))


def next_slug(title: str) -> str:
    """Return a slug for a title, unique within the test run."""
    return f"{title.lower().replace(' ', '-')}-{next(_counter)}"


def make_section(title: str = "", **overrides: Any) -> SectionPage:
    """Create a live section under the home page."""
    n = next(_counter)
    title = title or f"Section {n}"
    slug = overrides.pop("slug", f"section-{n}")
    return actions.create_section(make_home(), title=title, slug=slug, **overrides)


def make_author(name: str = "", **overrides: Any) -> Author:
    """Create an author."""
    n = next(_counter)
    author = Author(
        name=name or f"Author {n}", slug=overrides.pop("slug", f"author-{n}"), **overrides
    )
    author.save()
    return author


def make_image(title: str = "", width: int = 320, height: int = 180, colour: str = "teal") -> Any:
    """Create a small Wagtail image drawn with Pillow."""
    n = next(_counter)
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    image = get_image_model()(
        title=title or f"Image {n}",
        description=f"A plain {colour} test image",
        file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"test-{n}.png"),
    )
    image.save()
    return image


def make_article(section: SectionPage | None = None, **overrides: Any) -> ArticlePage:
    """Create and publish an article; any create_article argument can be overridden."""
    n = next(_counter)
    fields: dict[str, Any] = {
        "title": f"Ferry timetable changes for the winter, part {n}",
        "standfirst": "The island service will run fewer crossings from December.",
        "body": [("paragraph", "<p>The ferry company said the change would save fuel.</p>")],
        "published_at": timezone.now() - dt.timedelta(hours=n),
    }
    fields.update(overrides)
    return actions.create_article(section or make_section(), **fields)
