from django.contrib.sitemaps.views import sitemap
from django.urls import path

from newsroom import changelog, feeds, views
from newsroom.sitemaps import SITEMAPS

app_name = "newsroom"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArticleListView.as_view(), name="article_list"),
    path(
        "articles/<int:year>/<int:month>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article_detail",
    ),
    path(
        "articles/<int:year>/<int:month>/<slug:slug>/changes/",
        changelog.ArticleChangesView.as_view(),
        name="article_changes",
    ),
    path("claims/", views.ClaimListView.as_view(), name="claim_list"),
    path("claims/<slug:slug>/", views.ClaimDetailView.as_view(), name="claim_detail"),
    path("sources/<int:pk>/", views.SourceDetailView.as_view(), name="source_detail"),
    path("sections/<slug:slug>/", views.SectionDetailView.as_view(), name="section_detail"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author_detail"),
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="rss_feed"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="atom_feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
