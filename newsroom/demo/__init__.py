"""The demo newsroom: its content, as plain data by concept, and the loader that makes it rows.

It holds what the two seed reports tell (DESIGN.md, FACTS.md): Narendra Modi's meeting with
Cai Qi in Tianjin on 31 August 2025, the banquet that gave way to it, who Cai Qi is, and where
the reports differ. Everything is written in our own words. Officials are quoted only in short,
attributed excerpts, and news reports only in the sentences a citation quotes.

- ``users``, ``organizations``, ``people``, ``events`` (with places), ``sources``, ``claims``,
  ``articles`` (with sections, tags and bylines): the content.
- ``timeline``: when each step of the demo's history happened (August–September 2025).
- ``clock``: dates what the load writes with those moments.
- ``loader``: ``load_demo()``, which ``manage.py load_demo`` calls.

The archived texts live in ``sources``, not in files read at run time, so the demo loads from a
clean checkout. Each one says plainly what it is: the passages our citations quote are kept
word for word, and text in square brackets is our summary of the rest, never the source's
wording.

Slugs are the natural keys the loader looks rows up by; sources are looked up by title.
Dates with a precision are stored as the first day of the period (profiles.partial_dates).
"""

from newsroom.demo.loader import DemoError, Summary, load_demo

__all__ = ["DemoError", "Summary", "load_demo"]
