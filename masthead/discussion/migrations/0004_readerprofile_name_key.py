"""Add ReaderProfile.name_key: display names compared regardless of case beyond ASCII."""

import unicodedata

from django.db import migrations, models


def fill_name_keys(apps, schema_editor):
    """Store every profile's key; a later one sharing a key with an earlier one keeps its
    name (readers know each other by it) and gets a key made unique by its id."""
    ReaderProfile = apps.get_model("discussion", "ReaderProfile")
    seen = set()
    for profile in ReaderProfile.objects.order_by("pk").only("pk", "display_name"):
        folded = unicodedata.normalize("NFKC", profile.display_name).casefold()
        key = unicodedata.normalize("NFKC", folded)
        if key in seen:
            key = f"{key}#{profile.pk}"
        seen.add(key)
        ReaderProfile.objects.filter(pk=profile.pk).update(name_key=key)


class Migration(migrations.Migration):

    dependencies = [
        ("discussion", "0003_close_after_days_maximum"),
    ]

    operations = [
        migrations.AddField(
            model_name="readerprofile",
            name="name_key",
            field=models.CharField(editable=False, max_length=160, null=True),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="readerprofile",
            name="name_key",
            field=models.CharField(editable=False, max_length=160, unique=True),
        ),
    ]
