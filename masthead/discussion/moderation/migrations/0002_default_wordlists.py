"""Load the default word lists once; moderators edit them in the admin afterwards."""

from django.db import migrations


def load_default_wordlists(apps, schema_editor):
    from masthead.discussion.moderation.wordlists import default_terms

    WordListEntry = apps.get_model("moderation", "WordListEntry")
    existing = set(WordListEntry.objects.values_list("term", "kind"))
    WordListEntry.objects.bulk_create(
        WordListEntry(term=t.term, kind=t.kind, whole_word=t.whole_word, rule=t.rule)
        for t in default_terms()
        if (t.term, t.kind) not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]

    operations = [migrations.RunPython(load_default_wordlists, migrations.RunPython.noop)]
