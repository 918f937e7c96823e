"""The article page's publishing panel: workflow buttons, scheduling, drafts, share links.

``ArticlePublishingMixin`` gives ``ArticleAdmin`` the panel and the small admin views behind
its buttons, in the same shape as ``ClaimReviewMixin`` (``admin.review``): ``get_urls`` adds
the views, ``render_change_form`` the panel (``publishing_context``), and each view calls one
``newsroom.actions`` function and turns a ``WorkflowError`` into an error message. Which moves
the panel offers is ``actions.articles.available_moves``: the workflow decides who may do what.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format

from newsroom import actions
from newsroom.actions.articles import ArticleMove
from newsroom.exceptions import WorkflowError
from newsroom.models import LIVE_STATUSES, Article, ArticleStatus, ShareLink

SHARE_LINK_LIFETIMES = [
    ("3600", "1 hour"),
    ("86400", "1 day"),
    ("259200", "3 days"),
    ("604800", "7 days"),
    ("2592000", "30 days"),
]

BUTTON_LABELS = {
    "submit": "Submit for review",
    "withdraw": "Send back to draft",
    "approve": "Approve",
    "return_to_draft": "Send back to draft",
    "schedule": "Schedule",
    "unschedule": "Unschedule",
    "publish": "Publish now",
    "unpublish": "Unpublish",
}


def move_label(move: ArticleMove, from_status: str) -> str:
    """What the button that makes ``move`` from ``from_status`` says."""
    if move.name == "publish" and from_status == ArticleStatus.UNPUBLISHED:
        return "Republish"
    return BUTTON_LABELS[move.name]


def newsroom_time(value: dt.datetime | None) -> str:
    """``value`` in the newsroom's time zone, saying which one."""
    if value is None:
        return ""
    local = timezone.localtime(value, timezone.get_default_timezone())
    return f"{date_format(local, 'j F Y, H:i')} ({settings.TIME_ZONE})"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class ArticleMoveForm(forms.Form):
    """One press of a workflow button, with what that move may need."""

    to_status = forms.ChoiceField(choices=ArticleStatus.choices)
    note = forms.CharField(
        required=False,
        max_length=1000,
        label="Note",
        help_text="Optional; kept with the publishing event (e.g. why it was sent back).",
    )
    publish_at = forms.DateTimeField(required=False, widget=LocalDateTimeInput)
    override_reason = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        label="Override reason",
        help_text="Why this may go out although the claims above have no verdict. Recorded.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        zone = settings.TIME_ZONE
        self.fields["publish_at"].label = f"Publication time ({zone})"
        self.fields["publish_at"].help_text = f"In the newsroom's time zone, {zone}; stored in UTC."

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("to_status") == ArticleStatus.SCHEDULED and not data.get("publish_at"):
            self.add_error("publish_at", "Choose when the article should go live.")
        return data


class ChangesForm(forms.Form):
    """Publish or discard an article's unpublished changes."""

    decision = forms.ChoiceField(choices=[("publish", "Publish changes"), ("discard", "Discard")])
    note = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        label="What changed",
        help_text="Kept with the publishing event; required for a substantive update.",
    )
    substantive_update = forms.BooleanField(
        required=False,
        label="This is a substantive update",
        help_text="Readers see “Updated” with this time. Leave unticked for a copy edit.",
    )
    override_reason = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        label="Override reason",
        help_text="Why the changes may go out although the claims above have no verdict.",
    )


class ShareLinkForm(forms.Form):
    lifetime = forms.TypedChoiceField(
        choices=SHARE_LINK_LIFETIMES,
        coerce=lambda seconds: dt.timedelta(seconds=int(seconds)),
        initial="259200",
        label="Valid for",
    )
    note = forms.CharField(
        required=False, max_length=200, label="For", help_text="Who it is for, e.g. “legal”."
    )


def share_link_url(request: HttpRequest, link: ShareLink) -> str:
    return request.build_absolute_uri(
        reverse("newsroom:share_preview", kwargs={"token": actions.share_link_token(link)})
    )


def share_link_state(link: ShareLink, now: dt.datetime) -> str:
    if link.revoked_at is not None:
        return "revoked"
    return "active" if link.expires_at > now else "expired"


def _form_errors(request: HttpRequest, form: forms.Form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


class ArticlePublishingMixin:
    """For ``ArticleAdmin``: the publishing panel on the change page and the views behind it."""

    def get_urls(self):
        """The panel's buttons: workflow moves, draft changes, share links and their
        revocation, ahead of the admin's catch-all object URL."""
        app, model = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/move/", wrap(self.move_view), name=f"{app}_{model}_move"),
            path(
                "<path:object_id>/changes/",
                wrap(self.changes_view),
                name=f"{app}_{model}_changes",
            ),
            path("<path:object_id>/share/", wrap(self.share_view), name=f"{app}_{model}_share"),
            path(
                "<path:object_id>/share/<int:link_id>/revoke/",
                wrap(self.revoke_share_view),
                name=f"{app}_{model}_revoke_share",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """Add the publishing panel: the moves this user may make, the draft, share links.

        The panel describes the row readers are served, read afresh: ``obj`` is what the form
        edits (a draft's copy, or changed by a submission with errors).
        """
        if obj is not None and not add:
            article = Article.objects.filter(pk=obj.pk).first()
            if article is not None:
                context["publishing"] = self.publishing_context(request, article)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def publishing_context(self, request: HttpRequest, article: Article) -> dict[str, Any]:
        """What the publishing panel on the article's change page shows to this user.

        ``article`` is the row readers are served (never a draft copy): the moves act on it, and
        "publish changes" on its draft.
        """
        user = request.user
        draft = None
        if article.draft_version_id:
            version = article.draft_version
            _, draft_unrated = actions.publication_blockers(body=actions.draft_of(article).body)
            draft = {
                "version": version,
                "saved": newsroom_time(version.revision.date_created),
                "by": version.revision.user,
                "compare_url": reverse("admin:newsroom_article_history_compare", args=[article.pk])
                + f"?new={version.pk}",
                "changes_url": reverse("admin:newsroom_article_changes", args=[article.pk]),
                "can_publish": user.has_perm("newsroom.publish_article"),
                "unrated_claims": draft_unrated,
                "can_override": user.has_perm("newsroom.override_publish_gate"),
                "form": ChangesForm(),
            }
        moves = actions.articles.available_moves(article, user)
        unrated = actions.unrated_claims(article) if any(move.goes_live for move in moves) else []
        now = timezone.now()
        links = [
            {
                "link": link,
                "url": share_link_url(request, link),
                "state": share_link_state(link, now),
                "expires": newsroom_time(link.expires_at),
                "created": newsroom_time(link.created_at),
            }
            for link in article.share_links.select_related("created_by")
        ]
        app, model = article._meta.app_label, article._meta.model_name
        default_time = timezone.localtime(
            article.published_at
            if article.published_at and article.published_at > now
            else now + dt.timedelta(hours=1),
            timezone.get_default_timezone(),
        ).replace(second=0, microsecond=0)
        return {
            "status_label": article.get_status_display(),
            "status": article.status,
            "is_live": article.is_live,
            "published_at": newsroom_time(article.published_at),
            "time_zone": settings.TIME_ZONE,
            "moves": [
                {
                    "status": move.target,
                    "label": move_label(move, article.status),
                    "backwards": move.backwards,
                    "form": ArticleMoveForm(
                        initial={"to_status": move.target, "publish_at": default_time},
                        auto_id=f"id_move_{move.target}_%s",
                    ),
                }
                for move in moves
            ],
            "unrated_claims": [
                {
                    "claim": claim,
                    "admin_url": reverse("admin:newsroom_claim_change", args=[claim.pk]),
                }
                for claim in unrated
            ],
            "can_override": user.has_perm("newsroom.override_publish_gate"),
            "move_url": reverse(f"admin:{app}_{model}_move", args=[article.pk]),
            "share_url": reverse(f"admin:{app}_{model}_share", args=[article.pk]),
            "share_form": ShareLinkForm(),
            "share_links": links,
            "draft": draft,
            "can_share": user.has_perm("newsroom.change_article"),
            "public_url": article.get_absolute_url() if article.is_live else "",
        }

    def move_view(self, request: HttpRequest, object_id: str) -> HttpResponseRedirect:
        """Make one workflow move from the article's page (POST only)."""
        if request.method != "POST":
            raise PermissionDenied
        article = self._article_or_404(request, object_id)
        # The time is typed in the newsroom's zone, whatever zone the request runs in.
        with timezone.override(timezone.get_default_timezone()):
            form = ArticleMoveForm(request.POST)
            valid = form.is_valid()
        if not valid:
            _form_errors(request, form)
            return self._back(article)
        to_status = form.cleaned_data["to_status"]
        publish_at = None
        if to_status == ArticleStatus.SCHEDULED:
            publish_at = form.cleaned_data["publish_at"]
        elif to_status == ArticleStatus.PUBLISHED and article.is_live:
            # Scheduled and already due: readers have seen it since its time, so keep that time.
            publish_at = article.published_at
        override = form.cleaned_data["override_reason"] if to_status in LIVE_STATUSES else ""
        from_status = article.status
        try:
            article = actions.transition_article(
                article=article,
                to_status=to_status,
                actor=request.user,
                note=form.cleaned_data["note"],
                publish_at=publish_at,
                override_reason=override,
            )
        except WorkflowError as error:
            messages.error(request, str(error))
            return self._back(article)
        move = actions.article_move(from_status, to_status)
        done = f"{move_label(move, from_status)}: “{article}” is now "
        done += article.get_status_display().lower()
        if to_status == ArticleStatus.SCHEDULED:
            done += f"; readers see it from {newsroom_time(article.published_at)}"
        elif to_status == ArticleStatus.PUBLISHED:
            done += f" at {article.get_absolute_url()}"
        messages.success(request, done + ".")
        return self._back(article)

    def changes_view(self, request: HttpRequest, object_id: str) -> HttpResponseRedirect:
        """Publish or discard the article's draft (POST only)."""
        if request.method != "POST":
            raise PermissionDenied
        article = self._article_or_404(request, object_id)
        form = ChangesForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
            return self._back(article)
        data = form.cleaned_data
        try:
            if data["decision"] == "discard":
                actions.discard_changes(article=article, actor=request.user, note=data["note"])
                done = f"The unpublished changes to “{article}” were discarded."
            else:
                article = actions.publish_changes(
                    article=article,
                    actor=request.user,
                    note=data["note"],
                    override_reason=data["override_reason"],
                    substantive_update=data["substantive_update"],
                )
                done = (
                    f"Readers now see the changes to “{article}”."
                    if article.is_live
                    else f"The changes to “{article}” are approved."
                )
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
        return self._back(article)

    def share_view(self, request: HttpRequest, object_id: str) -> HttpResponseRedirect:
        """Create a preview link pinned to the article's current revision (POST only)."""
        if request.method != "POST":
            raise PermissionDenied
        article = self._article_or_404(request, object_id)
        form = ShareLinkForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
            return self._back(article)
        try:
            link = actions.create_share_link(
                article=article,
                actor=request.user,
                lifetime=form.cleaned_data["lifetime"],
                note=form.cleaned_data["note"],
            )
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Preview link made, valid until {newsroom_time(link.expires_at)}: "
                f"{share_link_url(request, link)} — it shows the article as last saved.",
            )
        return self._back(article)

    def revoke_share_view(
        self, request: HttpRequest, object_id: str, link_id: int
    ) -> HttpResponseRedirect:
        """Stop a preview link from working (POST only)."""
        if request.method != "POST":
            raise PermissionDenied
        article = self._article_or_404(request, object_id)
        link = get_object_or_404(ShareLink, pk=link_id, article=article)
        try:
            actions.revoke_share_link(link=link, actor=request.user)
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The preview link was revoked; it no longer opens.")
        return self._back(article)

    def _article_or_404(self, request: HttpRequest, object_id: str) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def _back(self, article: Article) -> HttpResponseRedirect:
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[article.pk])
            + "#publishing"
        )


class ArticleAdminForm(forms.ModelForm):
    """The article form. On an approved, scheduled or live article it edits the draft: the
    admin shows the draft's content and relations, and saving keeps them as a draft."""

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007  (the admin passes the fieldsets' fields)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, ids in getattr(self.instance, "draft_m2m", {}).items():
            if name in self.fields and not self.is_bound:
                self.initial[name] = ids
