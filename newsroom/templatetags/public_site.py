"""Template helpers for the public site. None of them query the database."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# The same escapes as django.utils.html.json_script: nothing in the data can close the script.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def site_name() -> str:
    return settings.NEWSROOM_SITE_NAME


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, path: str) -> str:
    """``path`` as a full URL on this host (for canonical links, OpenGraph and JSON-LD)."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


@register.simple_tag(takes_context=True)
def canonical_url(context: template.Context) -> str:
    """This page's address without tracking or filter parameters; page 2+ keeps its number."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url


@register.filter
def jsonld(data: dict[str, Any] | None) -> SafeString:
    """A ``<script type="application/ld+json">`` element holding ``data``."""
    if not data:
        return mark_safe("")
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def collection_jsonld(context: template.Context, name: str, items) -> SafeString:
    """A list page's CollectionPage (``profiles.structured_data``) for the rows shown."""
    from profiles.structured_data import collection_page

    request = context.get("request")
    if request is None:
        return mark_safe("")
    return jsonld(collection_page(request, name, items))


@register.filter
def markdown(text: str) -> SafeString:
    """Render a biography or description (Markdown, references shown as plain text)."""
    from newsroom.markdown import render_markdown

    return render_markdown(text).html


@register.inclusion_tag("partials/picture.html")
def picture(
    image, sizes: str = "100vw", lazy: bool = True, css_class: str = "", alt: str | None = None
) -> dict[str, Any]:
    """A ``<picture>`` for ``image``: WebP and JPEG ``srcset`` from its renditions.

    Uses only renditions that were prefetched (``prefetch_related("…renditions")``), so it
    never queries; without them it falls back to the stored original (already stripped of
    EXIF). Width and height are the image's own, so the browser reserves the space.
    """
    cache = getattr(image, "_prefetched_objects_cache", {})
    renditions = sorted(cache.get("renditions", ()), key=lambda rendition: rendition.width)
    webp = [r for r in renditions if r.format == "webp"]
    jpeg = [r for r in renditions if r.format == "jpeg"]
    fallback = next((r for r in jpeg if r.width >= 1024), jpeg[-1] if jpeg else None)
    return {
        "image": image,
        "alt": image.alt_text if alt is None else alt,
        "webp_srcset": ", ".join(f"{r.file.url} {r.width}w" for r in webp),
        "jpeg_srcset": ", ".join(f"{r.file.url} {r.width}w" for r in jpeg),
        "src": fallback.file.url if fallback else image.file.url,
        "sizes": sizes,
        "lazy": lazy,
        "css_class": css_class,
    }
