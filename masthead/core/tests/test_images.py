"""Image uploads in the admin: a damaged picture is refused with a message, not a 500."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def photo() -> bytes:
    """Return a JPEG of noise, the size of a small press photo."""
    buffer = io.BytesIO()
    PILImage.effect_noise((800, 600), 60).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 3],  # An upload cut off part way.
        lambda data: data[:600] + b"\x00" * 5000,  # A header, then nothing readable.
    ],
    ids=["truncated", "garbled"],
)
@pytest.mark.parametrize("view", ["wagtailimages:add", "wagtailimages:add_multiple"])
def test_damaged_photo_is_refused_with_a_message(
    editor_client: Client, damage: Any, view: str
) -> None:
    """A JPEG whose header reads but whose picture does not is refused as not an image.

    Before, Pillow's OSError from decoding it escaped Wagtail's checks and the
    editor got a server error.
    """
    upload = SimpleUploadedFile("harbour.jpg", damage(photo()), content_type="image/jpeg")
    data: dict[str, Any] = {"title": "Harbour at dusk", "file": upload}
    if view == "wagtailimages:add_multiple":
        data = {"files[]": upload}
    response = editor_client.post(reverse(view), data)
    assert response.status_code in (200, 400)
    assert "corrupted image" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_sound_photo_is_still_accepted(editor_client: Client) -> None:
    """An undamaged JPEG uploads as before."""
    upload = SimpleUploadedFile("harbour.jpg", photo(), content_type="image/jpeg")
    editor_client.post(reverse("wagtailimages:add"), {"title": "Harbour", "file": upload})
    assert get_image_model().objects.get().width == 800
