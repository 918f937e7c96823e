"""The demo's logins, and which of them the demo's own saves are recorded as."""

from __future__ import annotations

# Logins: for local demo use only, each with a person's name, which the admin shows ("Welcome,
# Ines Albrecht", assignees, history). The passwords are public, so the command refuses to run
# when DEBUG is off unless it is forced.

ADMIN_URL = "http://127.0.0.1:8000/admin/"

USERS = [
    {
        "username": "editor",
        "password": "editor-demo-2025",
        "group": "editor",
        "first_name": "Ines",
        "last_name": "Albrecht",
    },
    {
        "username": "writer",
        "password": "writer-demo-2025",
        "group": "writer",
        "first_name": "Tom",
        "last_name": "Okafor",
    },
    {
        "username": "factchecker",
        "password": "checker-demo-2025",
        "group": "fact-checker",
        "first_name": "Priya",
        "last_name": "Raman",
    },
]

# Who the demo's own saves are recorded as, by kind of record.
EDITOR = "editor"
WRITER = "writer"
FACT_CHECKER = "factchecker"
