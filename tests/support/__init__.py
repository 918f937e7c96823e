"""What the tests share, in one place:

- ``factories`` — one factory per model, in dependency order;
- ``users`` — staff users with a role;
- ``content`` — public content built through the actions (claims, articles, publishing);
- ``review`` — claims at each stage of review;
- ``publishing`` — articles moved through the publishing panel;
- ``people``, ``events`` — the people and events the profile and event pages' tests build;
- ``revisions`` — revisions saved as a script would;
- ``admin`` — reading and submitting admin forms as a browser would;
- ``images`` — image files, uploads and stored images.
"""
