"""The pages that show only profiles' own data.

The person and organization pages show events, claims and articles too, so newsroom composes
and routes them, under this namespace and with the names ``person_detail`` and
``organization_detail`` (``newsroom/public_urls.py``).
"""

from django.urls import path

from profiles import views

app_name = "profiles"
urlpatterns = [
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
]
