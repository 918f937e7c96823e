"""The one table ``make bench`` prints: every row always there, "—" where a figure was not
measured (no wrk, no nginx, a part skipped) and the reason in its note."""

from __future__ import annotations

# (section, row) in print order. The in-process rows come from ``inprocess.measure``; the
# served rows from the bench command's wrk runs.
IN_PROCESS = [
    "home", "article", "person", "organization", "claim", "event", "source", "search",
    "list: articles", "list: claims", "list: people", "list: organizations", "list: events",
    "feed (RSS)", "sitemap", "API article",
]  # fmt: skip
ADMIN = ["admin: claims", "admin: review queue", "admin: articles"]
SEARCH = ["search, several queries"]
HISTORY = ["history page", "bytes per article revision"]
SERVED = [
    "robots.txt (baseline)", "article, cache off", "article, cached", "person, cached",
    "claim, cached", "event, cached", "home, cached", "article, cached, 32 connections",
    "article through nginx",
]  # fmt: skip
ROWS = [
    ("in-process, test client, page cache off", IN_PROCESS),
    ("admin changelists (demo editor), in-process", ADMIN),
    ("search, in-process", SEARCH),
    ("revision history, in-process", HISTORY),
    ("gunicorn, 2 workers, production settings, wrk", SERVED),
]
COLUMNS = [
    ("queries", "queries", "{:.0f}"),
    ("p50", "p50 ms", "{:.1f}"),
    ("p95", "p95 ms", "{:.1f}"),
    ("p99", "p99 ms", "{:.1f}"),
    ("rps", "req/s", "{:,.0f}"),
    ("ratio", "ratio", "{:.2f}"),
    ("value", "value", "{:,.0f} B"),
]
LABEL_WIDTH = 34


def render(title: str, figures: dict[str, dict]) -> str:
    """The table for one run; ``figures`` maps row names to their measured values."""
    widths = [max(len(head), 9) for _, head, _ in COLUMNS]
    lines = [title, ""]
    header = f"{'':<{LABEL_WIDTH}} " + " ".join(
        f"{head:>{width}}" for (_, head, _), width in zip(COLUMNS, widths, strict=True)
    )
    lines.append(header + "  note")
    for section, rows in ROWS:
        lines.append(f"-- {section}")
        for row in rows:
            figure = figures.get(row, {})
            cells = []
            for (key, _, fmt), width in zip(COLUMNS, widths, strict=True):
                value = figure.get(key)
                cells.append(f"{'—' if value is None else fmt.format(value):>{width}}")
            note = figure.get("note", "" if figure else "not measured")
            lines.append(f"{row:<{LABEL_WIDTH}} {' '.join(cells)}  {note}".rstrip())
    return "\n".join(lines)
