"""The admin's *Recent changes* page: every revision across the site, newest first.

Paged by revision id (``?before=``/``?after=``) rather than by page number, so it never counts
the whole table and stays fast on hundreds of thousands of revisions; filterable by user,
record type and date. Each row links to the record and to the compare with its previous
version (``newsroom.history.admin``). A deletion has a revision of its own (``profiles.models
.Deletion``): its row names who deleted what, and links to the recover page for those who may
recover it.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst
from reversion.models import Revision, Version

from newsroom.history.admin import HistoryAdmin, user_label
from newsroom.history.models import Deletion
from newsroom.history.registration import followed, get_registered_models

UNKNOWN_DELETER = "unknown user (shell or system)"


class RecentChangesFilter(forms.Form):
    user = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False)
    model = forms.ModelChoiceField(
        queryset=ContentType.objects.none(), required=False, label="Record type"
    )
    since = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="Until", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model().objects.filter(is_staff=True).order_by("username")
        )
        self.fields["model"].queryset = ContentType.objects.filter(
            pk__in=[
                ct.pk
                for ct in ContentType.objects.get_for_models(*get_registered_models()).values()
            ]
        ).order_by("app_label", "model")
        self.fields["model"].label_from_instance = lambda ct: capfirst(
            ct.model_class()._meta.verbose_name if ct.model_class() else ct.model
        )


RECENT_CHANGES_PER_PAGE = 50


def _start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def recent_revisions(
    *, user=None, content_type=None, since=None, until=None, before=None, after=None, limit=50
) -> tuple[list[Revision], bool]:
    """A page of revisions newest first, filtered, paged by id; and whether more lie beyond.

    Paging by revision id (``before``: older than; ``after``: newer than) never counts the
    table: the primary key index serves the order, the date and user indexes the filters.
    """
    revisions = Revision.objects.select_related("user", "deletion__recovered_by")
    if user is not None:
        revisions = revisions.filter(user=user)
    if since is not None:
        revisions = revisions.filter(date_created__gte=_start_of_day(since))
    if until is not None:
        revisions = revisions.filter(date_created__lt=_start_of_day(until + dt.timedelta(days=1)))
    if content_type is not None:
        revisions = revisions.filter(
            Exists(Version.objects.filter(revision=OuterRef("pk"), content_type=content_type))
            | Exists(Deletion.objects.filter(revision=OuterRef("pk"), content_type=content_type))
        )
    if after is not None:
        rows = list(revisions.filter(pk__gt=after).order_by("pk")[: limit + 1])
        more = len(rows) > limit
        return list(reversed(rows[:limit])), more
    if before is not None:
        revisions = revisions.filter(pk__lt=before)
    rows = list(revisions.order_by("-pk")[: limit + 1])
    return rows[:limit], len(rows) > limit


def _admin_link(site, content_type: ContentType, object_id: str, view: str) -> str:
    model = content_type.model_class()
    if model is None or model not in site._registry:
        return ""
    opts = model._meta
    try:
        return reverse(
            f"{site.name}:{opts.app_label}_{opts.model_name}_{view}", args=(quote(object_id),)
        )
    except NoReverseMatch:
        return ""


def _deletion_object(site, request: HttpRequest, deletion: Deletion) -> dict:
    """How a deletion's row names the record, and the recover link if the user may recover it."""
    content_type = ContentType.objects.get_for_id(deletion.content_type_id)
    model = content_type.model_class()
    model_admin = site._registry.get(model) if model is not None else None
    recover_url = ""
    if (
        not deletion.is_recovered
        and deletion.version_id is not None
        and model_admin is not None
        # Reversion's recover view asks for both.
        and model_admin.has_add_permission(request)
        and model_admin.has_change_permission(request)
    ):
        opts = model._meta
        try:
            recover_url = reverse(
                f"{site.name}:{opts.app_label}_{opts.model_name}_recover",
                args=(deletion.version_id,),
            )
        except NoReverseMatch:  # not a VersionAdmin
            recover_url = ""
    recovered = deletion.is_recovered
    return {
        "repr": deletion.object_repr,
        "kind": capfirst(model._meta.verbose_name) if model else content_type.model,
        "url": _admin_link(site, content_type, deletion.object_id, "change") if recovered else "",
        "compare_url": "",
        "deletion": deletion,
        "recover_url": recover_url,
        "recovered_by": user_label(deletion.recovered_by) if recovered else "",
    }


def recent_changes_view(request: HttpRequest, site: admin.AdminSite | None = None) -> HttpResponse:
    """Every revision across the site, newest first: who, when, what, and the comment.

    Three queries whatever the table's size: the page of revisions with their authors and
    deletions, their versions (without the stored data), and the filter form's choices.
    """
    site = site or admin.site
    form = RecentChangesFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    before, after = _int_or_none(request.GET.get("before")), _int_or_none(request.GET.get("after"))
    revisions, more = recent_revisions(
        user=filters.get("user"),
        content_type=filters.get("model"),
        since=filters.get("since"),
        until=filters.get("until"),
        before=before,
        after=after,
        limit=RECENT_CHANGES_PER_PAGE,
    )
    versions_by_revision: dict[int, list[Version]] = {}
    for version in (
        Version.objects.filter(revision__in=[r.pk for r in revisions])
        .only("pk", "revision_id", "content_type_id", "object_id", "object_repr")
        .order_by("pk")
    ):
        versions_by_revision.setdefault(version.revision_id, []).append(version)
    rows = []
    for revision in revisions:
        deletion = getattr(revision, "deletion", None)
        if deletion is not None:
            rows.append(
                {
                    "revision": revision,
                    "user": user_label(revision.user) if revision.user else UNKNOWN_DELETER,
                    "objects": [_deletion_object(site, request, deletion)],
                    "related_rows": 0,
                }
            )
            continue
        versions = versions_by_revision.get(revision.pk, [])
        types = {
            v.content_type_id: ContentType.objects.get_for_id(v.content_type_id) for v in versions
        }
        present = {ct.model_class() for ct in types.values()}
        followers = {
            model._meta.get_field(name).related_model
            for model in present
            if model is not None
            for name in followed(model)
        }
        main = [v for v in versions if types[v.content_type_id].model_class() not in followers]
        objects = []
        for version in main or versions:
            content_type = types[version.content_type_id]
            compare_url = _admin_link(site, content_type, version.object_id, "history_compare")
            model = content_type.model_class()
            objects.append(
                {
                    "repr": version.object_repr,
                    "kind": capfirst(model._meta.verbose_name) if model else content_type.model,
                    "url": _admin_link(site, content_type, version.object_id, "change"),
                    "compare_url": f"{compare_url}?new={version.pk}" if compare_url else "",
                }
            )
        rows.append(
            {
                "revision": revision,
                "user": user_label(revision.user) if revision.user else "—",
                "objects": objects,
                "related_rows": len(versions) - len(main) if main else 0,
            }
        )
    base_query = {k: v for k, v in request.GET.items() if k not in ("before", "after") and v}
    newest_first_page = before is None and after is None
    older_url = newer_url = ""
    if revisions and (more if after is None else True):
        older_url = "?" + urlencode({**base_query, "before": revisions[-1].pk})
    if revisions and not newest_first_page and (after is None or more):
        newer_url = "?" + urlencode({**base_query, "after": revisions[0].pk})
    context = {
        **site.each_context(request),
        "media": forms.Media(css=HistoryAdmin.Media.css),
        "title": "Recent changes",
        "subtitle": None,
        "form": form,
        "rows": rows,
        "older_url": older_url,
        "newer_url": newer_url,
        "newest_url": "?" + urlencode(base_query) if not newest_first_page else "",
    }
    request.current_app = site.name
    return TemplateResponse(request, "admin/history/recent_changes.html", context)


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
