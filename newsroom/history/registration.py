"""What reversion's registration says about a model — the one place that reads its internals.

django-reversion keeps each ``register()`` call's options (``fields``, ``follow``, the object
id field) in a private structure with no public accessor. Everything in this package asks
these functions instead, so a reversion upgrade that changes that structure is mended here.
"""

from __future__ import annotations

from django.db.models import Model
from reversion.revisions import _get_options, get_registered_models, is_registered

__all__ = [
    "followed",
    "get_registered_models",
    "is_registered",
    "object_id",
    "object_id_field",
    "stored_field_names",
]


def followed(model: type[Model]) -> tuple[str, ...]:
    """The relations each version of ``model`` also saves (its registration's ``follow``)."""
    return tuple(_get_options(model).follow)


def stored_field_names(model: type[Model]) -> frozenset[str]:
    """The fields each version of ``model`` stores (its registration's ``fields``)."""
    return frozenset(_get_options(model).fields)


def object_id_field(model: type[Model]) -> str:
    """The field whose value reversion stores as ``Version.object_id``."""
    return _get_options(model).object_id_field


def object_id(obj: Model) -> str:
    """``obj``'s id as reversion stores it in ``Version.object_id``."""
    return str(getattr(obj, object_id_field(type(obj))))
