"""The demo's logins, and which of them the demo's own saves are recorded as."""

from __future__ import annotations

# Logins: for local demo use only. The passwords are public, so the command refuses to run when
# DEBUG is off unless it is forced.

ADMIN_URL = "http://127.0.0.1:8000/admin/"

USERS = [
    {
        "username": "editor",
        "password": "editor-demo-2025",
        "group": "editor",
        "first_name": "Demo",
        "last_name": "Editor",
    },
    {
        "username": "writer",
        "password": "writer-demo-2025",
        "group": "writer",
        "first_name": "Demo",
        "last_name": "Writer",
    },
    {
        "username": "factchecker",
        "password": "checker-demo-2025",
        "group": "fact-checker",
        "first_name": "Demo",
        "last_name": "Fact-checker",
    },
]

# Who the demo's own saves are recorded as, by kind of record.
EDITOR = "editor"
WRITER = "writer"
FACT_CHECKER = "factchecker"
