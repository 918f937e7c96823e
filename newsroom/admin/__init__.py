"""The newsroom's admin: images and sources, report imports, claims and their review, articles.

Split by concept like the models package; importing the modules registers their admins.
"""

from django.contrib import admin

from newsroom.admin import articles, claims, imports, sources  # noqa: F401  (registers the admins)

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Editorial desk"
