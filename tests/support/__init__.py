"""What the tests share, in one place: factories for every model (``factories``), users with
a role (``users``), building public content through the actions (``content``), reading and
submitting admin forms as a browser would (``admin``), image files (``images``), and revisions
saved as a script would (``revisions``)."""
