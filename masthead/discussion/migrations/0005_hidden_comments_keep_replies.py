"""Count held and rejected comments with shown replies as placeholders, as deleted ones.

A comment's ``reply_count`` is the number of its direct replies that have a
place in the thread: visible ones, and hidden ones that have such replies
themselves. Until now only deleted comments stood as placeholders; held and
rejected ones took their replies out of the thread while the article's count
still counted them. Recounted from the deepest replies up, one statement a level.
"""

from django.db import migrations
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

VISIBLE = ("published", "approved")


def recount_replies(apps, schema_editor):
    """Set every comment's count of shown replies under the placeholder rule."""
    Comment = apps.get_model("discussion", "Comment")
    depths = sorted(set(Comment.objects.values_list("depth", flat=True).distinct()))
    shown = (
        Comment.objects.filter(parent=OuterRef("pk"))
        .filter(Q(status__in=VISIBLE) | Q(reply_count__gt=0))
        .order_by()
        .values("parent")
        .annotate(n=Count("pk"))
        .values("n")
    )
    count = Coalesce(Subquery(shown, output_field=IntegerField()), Value(0))
    # Replies are one level deeper than their parent: a level is recounted after
    # every level below it has its final counts.
    for depth in reversed(depths):
        Comment.objects.filter(depth=depth).update(reply_count=count)


class Migration(migrations.Migration):

    dependencies = [
        ("discussion", "0004_readerprofile_name_key"),
    ]

    operations = [
        migrations.RunPython(recount_replies, migrations.RunPython.noop),
    ]
