"""The admin form of audio programmes: uploads are checked before anything is saved."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from wagtail.admin.forms import WagtailAdminModelForm

from masthead.core.models import stored_value
from masthead.radio import conf
from masthead.radio.audio import AudioError, AudioInfo, validate_audio_file


def check_upload(upload: UploadedFile) -> AudioInfo:
    """Return the probe of an uploaded file; raise ValidationError with a clear message."""
    limit = conf.max_upload_bytes()
    if upload.size is None or upload.size > limit:
        raise forms.ValidationError(
            f"This file is too large: programmes may be up to {limit // (1024 * 1024)} MB."
        )
    if upload.size == 0:
        raise forms.ValidationError("This file is empty.")
    temporary = getattr(upload, "temporary_file_path", None)
    try:
        if temporary is not None:
            return validate_audio_file(Path(temporary()))
        suffix = Path(upload.name or "upload").suffix[:10]
        with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
            for chunk in upload.chunks():
                copy.write(chunk)
            copy.flush()
            return validate_audio_file(Path(copy.name))
    except AudioError as error:
        raise forms.ValidationError(str(error)) from error
    finally:
        upload.seek(0)


class AudioProgrammeForm(WagtailAdminModelForm):
    """Checks an uploaded programme is playable audio and records its length."""

    def clean_file(self) -> Any:
        """Refuse uploads that are not audio, are damaged or too large."""
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            info = check_upload(upload)
            self.instance.duration_seconds = info.duration
            self.instance.codec = info.codec
        return upload

    def save(self, commit: bool = True) -> Any:
        """Save the programme; a replaced recording's file is deleted after commit."""
        replaced = stored_value(self.instance, "file") if "file" in self.changed_data else None
        programme = super().save(commit=commit)
        # The old file would stay downloadable at its address, owned by nothing.
        if commit and replaced and replaced != programme.file.name:
            storage = programme.file.storage
            transaction.on_commit(lambda: storage.delete(replaced))
        return programme
