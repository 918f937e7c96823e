"""Admin forms that answer hostile input with form errors, never a server error.

Django's admin validates a foreign key or many-to-many value (``ModelChoiceField`` turns a
non-numeric or unknown id into "Select a valid choice"), but the autocomplete widgets then
re-render the bound value by querying the related table with it as is
(``AutocompleteMixin.optgroups``): ``"abc"`` raises ``ValueError`` and an id beyond the column's
range an overflow, so the form showing the error answers 500 instead. A many-to-many field
does the same while validating: ``ModelMultipleChoiceField._check_values`` catches a
non-numeric id but passes an out-of-range one to ``pk__in``, which SQLite cannot bind.
``SafeRelationsMixin`` gives every admin and inline widgets that leave such values out before
they query, and many-to-many fields that refuse them as "not a valid value"; the field's own
error is shown. It lives here, in the bottom layer, because the admins of
every app (and their inlines) use it; it imports only Django.

The admin's autocomplete view has a similar gap: a reverse relation as ``field_name``
(``?app_label=profiles&model_name=person&field_name=memberships``) passes its checks and then
fails on ``get_limit_choices_to``. ``autocomplete_view`` refuses anything but a forward
relation with 403, as Django does for every other malformed request.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin import widgets
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Field


def usable_values(values, field: Field) -> list:
    """The ``values`` the model ``field`` could hold: not empty, convertible, in range."""
    usable = []
    for value in values:
        if value in field.empty_values:
            continue
        try:
            python = field.to_python(value)
            field.run_validators(python)  # integer fields: the database column's range
        except (ValidationError, TypeError, ValueError, OverflowError):
            continue
        usable.append(python)
    return usable


class _SafeOptgroupsMixin:
    """Render only the selected values the related field could hold (see module docstring)."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        to_field = remote.model._meta.get_field(self.field.target_field.name)
        return super().optgroups(name, [str(v) for v in usable_values(value, to_field)], attr)


class SafeAutocompleteSelect(_SafeOptgroupsMixin, widgets.AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_SafeOptgroupsMixin, widgets.AutocompleteSelectMultiple):
    pass


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses an id its column cannot hold before querying with it (see module docstring)."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.get_field(key) if key != "pk" else None
        field = field or self.queryset.model._meta.pk
        for pk in value:
            if pk not in self.empty_values and not usable_values([pk], field):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


_SAFE_WIDGETS = {
    widgets.AutocompleteSelect: SafeAutocompleteSelect,
    widgets.AutocompleteSelectMultiple: SafeAutocompleteSelectMultiple,
}


class SafeRelationsMixin:
    """For every ``ModelAdmin`` and inline: relation widgets that survive garbage ids.

    ``HistoryAdmin`` has it, so every versioned admin does; inlines and the other admins
    add it themselves (a test checks every registered admin and inline).
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Swap in the autocomplete widgets and many-to-many fields that handle ids their column
        cannot hold (see module docstring)."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None:
            return None
        # Swapping the class of the built instances keeps everything Django configured on
        # them (queryset, related-object links, attrs); the subclasses add no state.
        if type(formfield) is forms.ModelMultipleChoiceField:
            formfield.__class__ = SafeModelMultipleChoiceField
        widget = getattr(formfield.widget, "widget", formfield.widget)  # inside the wrapper
        safe = _SAFE_WIDGETS.get(type(widget))
        if safe is not None:
            widget.__class__ = safe
        return formfield


class SafeAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete view, refusing (403) a ``field_name`` that is not a forward
    relation: a reverse one has no ``get_limit_choices_to`` and made Django's view answer 500."""

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        if not hasattr(source_field, "get_limit_choices_to"):
            raise PermissionDenied
        return term, model_admin, source_field, to_field_name
