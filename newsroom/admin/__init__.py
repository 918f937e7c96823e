"""The newsroom's admin: images and sources, report imports, claims and their review, articles,
profile merges.

Split by concept like the models package; importing the modules registers their admins.
"""

from django.contrib import admin

from newsroom.admin import (  # noqa: F401  (registers the admins)
    articles,
    claims,
    imports,
    merges,
    sources,
)

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Editorial desk"
