"""The public site's addresses: newsroom's own (namespace ``newsroom``), and the person,
organization and event pages, which newsroom composes (``profiles_urls``, ``events_urls``)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, register_converter

from events import urls as event_urls
from newsroom import api, changelog, converters, feeds
from newsroom.sitemaps import SITEMAPS
from newsroom.views import articles, claims, events, profiles, site
from profiles import urls as profile_urls

# The person, organization and event pages show claims and articles, so they are newsroom's
# views (extending those apps' detail views) and newsroom routes them; the addresses, the
# namespaces and the names (``profiles:person_detail``, ``events:event_detail``…) stay the
# apps' own, beside the lists the apps route themselves. Included by ``newsroom.urls``.
profiles_urls = (
    [
        *profile_urls.urlpatterns,
        path("people/<slug:slug>/", profiles.PersonPageView.as_view(), name="person_detail"),
        path(
            "organizations/<slug:slug>/",
            profiles.OrganizationPageView.as_view(),
            name="organization_detail",
        ),
    ],
    profile_urls.app_name,
)
events_urls = (
    [
        *event_urls.urlpatterns,
        path("events/<slug:slug>/", events.EventPageView.as_view(), name="event_detail"),
    ],
    event_urls.app_name,
)

register_converter(converters.YearConverter, "year")
register_converter(converters.MonthConverter, "month")

app_name = "newsroom"
urlpatterns = [
    path("", site.HomeView.as_view(), name="home"),
    path("articles/", articles.ArticleListView.as_view(), name="article_list"),
    path(
        "articles/<year:year>/<month:month>/<slug:slug>/",
        articles.ArticleDetailView.as_view(),
        name="article_detail",
    ),
    path(
        "articles/<year:year>/<month:month>/<slug:slug>/changes/",
        changelog.ArticleChangesView.as_view(),
        name="article_changes",
    ),
    path("claims/", claims.ClaimListView.as_view(), name="claim_list"),
    path("claims/<slug:slug>/", claims.ClaimDetailView.as_view(), name="claim_detail"),
    path("sources/<int:pk>/", claims.SourceDetailView.as_view(), name="source_detail"),
    path("sections/<slug:slug>/", articles.SectionDetailView.as_view(), name="section_detail"),
    path("tags/<slug:slug>/", articles.TagDetailView.as_view(), name="tag_detail"),
    path("authors/<slug:slug>/", articles.AuthorDetailView.as_view(), name="author_detail"),
    path("preview/<str:token>/", articles.share_preview, name="share_preview"),
    path("corrections/", articles.CorrectionListView.as_view(), name="correction_list"),
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="rss_feed"),
    path("feeds/corrections/", feeds.CorrectionsFeed(), name="corrections_feed"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="atom_feed"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "newsroom:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("news-sitemap.xml", site.news_sitemap, name="news_sitemap"),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path("search/", site.SearchView.as_view(), name="search"),
    path("methodology/", site.MethodologyView.as_view(), name="methodology"),
    path("about/", site.AboutView.as_view(), name="about"),
    # The JSON API (newsroom/api/): its names are in this namespace, so it is cached as a page.
    path("api/", include(api.urlpatterns)),
]
