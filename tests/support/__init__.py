"""What the tests share, in one place: factories for every model (``factories``), users with
a role (``users``), building public content through the actions (``content``), reading and
submitting admin forms as a browser would (``admin``), image files, uploads and stored images
(``images``), claims at each stage of review (``review``), articles through the publishing
panel (``publishing``), and the people and events the profile and event pages' tests build
(``people``, ``events``)."""
