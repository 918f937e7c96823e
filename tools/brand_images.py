"""Draw the site's brand images into static/brand/ (run again after changing the design).

    .venv/bin/python tools/brand_images.py ["Site name"]

The mark is a white check in a blue square — "checked" — the same shape as the hand-written
``static/brand/mark.svg`` the header and browsers' tabs use. From it this draws:

- ``logo.png`` (600×60): the mark and the site name, for NewsArticle's ``publisher.logo``
  (Google: a rectangle no wider than 600 px and no taller than 60 px);
- ``favicon.ico`` (16, 32 and 48 px) and ``apple-touch-icon.png`` (180×180);
- ``share.png`` (1200×630): the default ``og:image``/``twitter:image`` and JSON-LD ``image`` of a
  page that has none of its own.

Fonts are found by name (DejaVu, shipped by most Linux distributions; Debian's
``fonts-dejavu-core``). The colours are site.css's ``--link``, ``--ink`` and ``--paper-tint``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "static" / "brand"
BLUE, INK, SOFT, PAPER, TINT = "#0b4f8a", "#1b1b1b", "#4a4a4a", "#ffffff", "#f6f4ef"
SERIF_BOLD, SANS = "DejaVuSerif-Bold.ttf", "DejaVuSans.ttf"
TAGLINE = "Every fact linked to the claim it rests on, every claim to its sources."


def mark(size: int) -> Image.Image:
    """The mark at ``size`` px square, drawn at 4× and scaled down for smooth edges."""
    big = size * 4
    scale = big / 64  # mark.svg's viewBox is 64×64
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=round(12 * scale), fill=BLUE)
    points = [(16 * scale, 34 * scale), (28 * scale, 46 * scale), (48 * scale, 20 * scale)]
    width = round(7 * scale)
    draw.line(points, fill=PAPER, width=width, joint="curve")
    for x, y in (points[0], points[-1]):  # round caps, as stroke-linecap="round"
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=PAPER)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def fitted_font(name: str, text: str, max_width: int, start: int) -> ImageFont.FreeTypeFont:
    size = start
    while size > 8:
        font = ImageFont.truetype(name, size)
        if font.getlength(text) <= max_width:
            return font
        size -= 1
    return ImageFont.truetype(name, size)


def logo(site: str) -> Image.Image:
    image = Image.new("RGB", (600, 60), PAPER)
    image.paste(mark(48), (6, 6), mark(48))
    font = fitted_font(SERIF_BOLD, site, 600 - 72 - 6, 36)
    draw = ImageDraw.Draw(image)
    draw.text((72, 30), site, font=font, fill=INK, anchor="lm")
    return image


def share_image(site: str) -> Image.Image:
    image = Image.new("RGB", (1200, 630), TINT)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1199, 15), fill=BLUE)
    image.paste(mark(200), (100, 215), mark(200))
    title = fitted_font(SERIF_BOLD, site, 1200 - 360 - 80, 96)
    draw.text((360, 300), site, font=title, fill=INK, anchor="ls")
    words, lines, line = TAGLINE.split(), [], ""
    body = ImageFont.truetype(SANS, 34)
    for word in words:
        trial = f"{line} {word}".strip()
        if body.getlength(trial) > 1200 - 360 - 80 and line:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    for index, text in enumerate(lines):
        draw.text((362, 360 + index * 48), text, font=body, fill=SOFT, anchor="ls")
    return image


def main(site: str = "The Newsroom") -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    logo(site).save(OUT / "logo.png", optimize=True)
    share_image(site).save(OUT / "share.png", optimize=True)
    # iOS rounds the corners itself: a full square, the mark's corners filled in.
    touch = Image.new("RGB", (180, 180), BLUE)
    touch.paste(mark(180), (0, 0), mark(180))
    touch.save(OUT / "apple-touch-icon.png", optimize=True)
    mark(48).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main(*sys.argv[1:2])
