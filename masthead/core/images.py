"""The admin's image upload form: a damaged picture is refused like any other bad file."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, refusing a file Pillow cannot decode instead of failing."""

    def to_python(self, data: Any) -> Any:
        """Return the checked upload; raise ValidationError for a damaged image."""
        try:
            return super().to_python(data)
        except OSError as error:
            # Wagtail measures an upload by decoding it with Pillow, after its own
            # checks: a JPEG cut off part way has a sound header and then raises
            # OSError, which Wagtail lets escape as a server error.
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) with the checked file field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        file_field = self.fields.get("file")
        # Wagtail builds the field itself (its formfield callback wins over a
        # form's declarations), so it is made a checked one in place, keeping
        # the limits, label and widget Wagtail gave it.
        if type(file_field) is WagtailImageField:
            file_field.__class__ = CheckedImageField
