"""A public change log: the versions readers saw, each with what changed since the one before.

The caller says which versions readers saw (for an article, ``newsroom.public_versions``) and
which of their fields readers see, and may say how readers see a field's stored value
(``present``: an article's body without references to what is not public); identical
consecutive versions are folded into one entry, and each later entry holds word diffs of the
fields that changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reversion.models import Version

from newsroom.history.compare import FieldChange, stored_fields, word_diff


@dataclass
class LogEntry:
    when: dt.datetime
    first: bool
    changes: list[FieldChange]


def public_log(
    versions: Iterable[Version],
    fields: Sequence[tuple[str, str]],
    present: Callable[[str, str], str] | None = None,
) -> list[LogEntry]:
    """``versions`` (oldest first) as log entries, newest first, identical ones folded.

    ``fields`` are the (name, label) pairs readers see, in the order the log lists changes;
    ``present(name, value)``, if given, turns a stored value into what readers may read.
    """
    entries: list[LogEntry] = []
    previous: dict | None = None
    for version in versions:
        data = stored_fields(version)
        shown = {name: data.get(name) or "" for name, _ in fields}
        if present is not None:
            shown = {name: present(name, value) for name, value in shown.items()}
        if previous is not None and shown == previous:
            continue
        changes = []
        if previous is not None:
            for name, label in fields:
                if shown[name] != previous[name]:
                    changes.append(
                        FieldChange(
                            name,
                            label,
                            previous[name],
                            shown[name],
                            diff=word_diff(previous[name], shown[name]),
                        )
                    )
        entries.append(LogEntry(version.revision.date_created, previous is None, changes))
        previous = shown
    entries.reverse()
    return entries
