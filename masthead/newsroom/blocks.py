"""StreamField blocks of an article body."""

from __future__ import annotations

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    """A quotation attributed to a named speaker."""

    text = blocks.TextBlock(help_text="The words quoted, without quotation marks.")
    speaker = blocks.CharBlock(max_length=200, help_text="Who said it, e.g. Ines Caldor.")
    attribution = blocks.CharBlock(
        max_length=200,
        required=False,
        help_text='How they said it, e.g. "recalled" or "wrote on Twitter".',
    )

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its caption and credit."""

    image = ImageChooserBlock()
    caption = blocks.CharBlock(max_length=400, required=False)
    credit = blocks.CharBlock(max_length=200, required=False, help_text="Photographer or agency.")

    class Meta:
        icon = "image"
        template = "newsroom/blocks/image.html"


class CaptionedEmbedBlock(blocks.StructBlock):
    """An embedded post, video or map from an oEmbed provider."""

    embed = EmbedBlock(help_text="The address of the post or video.")
    caption = blocks.CharBlock(max_length=400, required=False)

    class Meta:
        icon = "media"
        template = "newsroom/blocks/embed.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an article."""

    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="newsroom/blocks/paragraph.html"
    )
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = CaptionedEmbedBlock()
