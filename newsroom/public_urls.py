from django.urls import path

from newsroom import views

app_name = "newsroom"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "articles/<int:year>/<int:month>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article_detail",
    ),
    path("claims/<slug:slug>/", views.ClaimDetailView.as_view(), name="claim_detail"),
    path("sources/<int:pk>/", views.SourceDetailView.as_view(), name="source_detail"),
    path("sections/<slug:slug>/", views.SectionDetailView.as_view(), name="section_detail"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author_detail"),
]
