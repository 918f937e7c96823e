from django.urls import path

from profiles import views

app_name = "profiles"
urlpatterns = [
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path(
        "organizations/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
]
