"""Reading and submitting admin forms the way a browser would, for every app's admin tests."""

from __future__ import annotations

from html.parser import HTMLParser

from django.contrib.messages import get_messages
from django.urls import reverse
from reversion.models import Revision


class _AdminFormParser(HTMLParser):
    """Collects what a browser would submit from the form with id ``form_id``."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data: dict[str, list[str]] = {}
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        if "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
            return
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value") or "on")
                return
            self._add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs)
            self._options = []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value") or "", "selected" in attrs))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            for value in chosen:
                self._add(name, value)
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            # The HTML parser keeps the newline Django writes right after <textarea>.
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self._textarea = None


def admin_form_data(response) -> dict[str, list[str] | str]:
    """The data the admin add/change/revert form in ``response`` would submit, as is."""
    model_name = response.context["opts"].model_name
    parser = _AdminFormParser(f"{model_name}_form")
    parser.feed(response.content.decode())
    return dict(parser.data)


def form_errors(response) -> dict[str, list[str]]:
    """Errors of the admin form and its inlines, keyed by field (``prefix-0-field`` in inlines)."""
    errors = {
        name: list(messages) for name, messages in response.context["adminform"].form.errors.items()
    }
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for index, form in enumerate(formset.forms):
            for name, messages in form.errors.items():
                errors[f"{formset.prefix}-{index}-{name}"] = list(messages)
        if formset.non_form_errors():
            errors[f"{formset.prefix}-__all__"] = list(formset.non_form_errors())
    return errors


def admin_url(obj_or_model, view: str, *args) -> str:
    opts = obj_or_model._meta
    if view == "change" and not args:
        args = (obj_or_model.pk,)
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def message_texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def latest_revision() -> Revision:
    return Revision.objects.order_by("-pk").first()


def save_through_admin(client, obj, **changes):
    """Save ``obj``'s change form as shown, with ``changes``; return the new revision."""
    data = admin_form_data(client.get(admin_url(obj, "change")))
    data["change_reason"] = "Test edit."  # required when the record is public
    data.update(changes)
    response = client.post(admin_url(obj, "change"), data)
    assert response.status_code == 302, form_errors(response)
    return latest_revision()


def revert_through_admin(client, obj, revision):
    """Open ``obj``'s version in ``revision`` from the history page and save it.

    Reverts go through the admin's own revision view, as an editor would use it: GET the
    revision page (reversion reverts inside a rolled-back transaction to render it), then POST
    the form exactly as shown.
    """
    version = revision.version_set.get(
        content_type__model=obj._meta.model_name, object_id=str(obj.pk)
    )
    url = admin_url(obj, "revision", obj.pk, version.pk)
    history = client.get(admin_url(obj, "history", obj.pk))
    assert url in history.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    if "adminform" in response.context:  # reversion's prefilled form (profiles and events)
        data = admin_form_data(response)
        data["change_reason"] = "Test revert."
    else:  # the newsroom's confirmation page, which reverts through the action
        data = {"reason": "Test revert."}
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response) or response.context.get("error")
    return latest_revision()
