"""People, organizations and the positions people hold (a Popolo-style model)."""

from __future__ import annotations

import datetime as dt

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, Prefetch, Q
from django.urls import reverse

from profiles.partial_dates import (
    DATE_ONLY_PRECISIONS,
    DatePrecision,
    format_partial_date,
    format_partial_range,
    period_bounds,
    truncate_date,
)

PRECISION_VALUES = [value for value, _ in DATE_ONLY_PRECISIONS]
WIKIDATA_ID = RegexValidator(r"^Q[1-9][0-9]*$", "A Wikidata ID looks like Q1059458.")


class NameOrder(models.TextChoices):
    FAMILY_FIRST = "family_first", "Family name first (Cai Qi)"
    GIVEN_FIRST = "given_first", "Given name first (Narendra Modi)"


class PersonQuerySet(models.QuerySet):
    def published(self) -> PersonQuerySet:
        """People whose profile readers may see."""
        return self.filter(is_published=True)

    def for_listing(self) -> PersonQuerySet:
        """Portrait and current positions (``current_positions``) for person cards."""
        return self.select_related("portrait").prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().in_published_organizations(),
                to_attr="current_positions",
            )
        )

    def for_public_detail(self, as_of: dt.date | None = None) -> PersonQuerySet:
        """The profile's own page: portrait and positions (``current_positions``,
        ``earlier_positions``), only in organizations readers may see. Events, claims and
        articles are for those apps to add.

        With ``as_of``, "current" positions are those held on that day and "earlier" ones
        those ended by then; later positions are left out.
        """
        return self.select_related("portrait").prefetch_related(
            Prefetch(
                "memberships",
                queryset=(
                    Membership.objects.held_on(as_of) if as_of else Membership.objects.current()
                ).in_published_organizations(),
                to_attr="current_positions",
            ),
            Prefetch(
                "memberships",
                queryset=(
                    Membership.objects.ended_before(as_of)
                    if as_of
                    else Membership.objects.filter(end_date__isnull=False)
                )
                .in_published_organizations()
                .order_by("-end_date", "-start_date"),
                to_attr="earlier_positions",
            ),
        )


@reversion.register(follow=("memberships",))
class Person(models.Model):
    full_name = models.CharField(
        "full name", max_length=200, help_text="As readers know it, e.g. “Cai Qi”."
    )
    given_name = models.CharField("given name", max_length=100, blank=True)
    family_name = models.CharField(
        "family name",
        max_length=100,
        blank=True,
        help_text="The short form in running text: “Cai” for Cai Qi, “Modi” for Narendra Modi.",
    )
    name_order = models.CharField(
        "name order", max_length=20, choices=NameOrder, default=NameOrder.GIVEN_FIRST
    )
    native_name = models.CharField(
        "native-script name", max_length=200, blank=True, help_text="e.g. 蔡奇"
    )
    aliases = models.TextField(
        blank=True, help_text="Other names and spellings, one per line. Used by search."
    )
    slug = models.SlugField(max_length=200, unique=True)
    birth_date = models.DateField("birth date", null=True, blank=True)
    birth_date_precision = models.CharField(
        "birth date precision",
        max_length=10,
        choices=DATE_ONLY_PRECISIONS,
        default=DatePrecision.DAY,
    )
    birthplace = models.CharField(max_length=200, blank=True)
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One line that says who this is, for lists and search.",
    )
    biography = models.TextField(blank=True, help_text="Markdown.")
    wikidata_id = models.CharField(
        "Wikidata ID",
        max_length=20,
        blank=True,
        validators=[WIKIDATA_ID],
        help_text="e.g. Q1059458",
    )
    is_published = models.BooleanField(
        "published", default=False, help_text="Only published profiles are visible to readers."
    )
    # Set by newsroom's merge action, never by a form: the duplicate row stays (hidden) so its
    # slug keeps answering with a redirect and the merge can be undone.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_duplicates",
        help_text="The profile this duplicate was merged into; its address redirects there.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "full_name"]
        verbose_name = "person"
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["family_name", "full_name"], name="person_name_idx"),
            models.Index(fields=["is_published", "slug"], name="person_published_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(name_order__in=NameOrder.values), name="person_name_order_valid"
            ),
            models.CheckConstraint(
                condition=Q(birth_date_precision__in=PRECISION_VALUES),
                name="person_birth_precision_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("profiles:person_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.birth_date and self.birth_date_precision:
            self.birth_date = truncate_date(self.birth_date, self.birth_date_precision)

    @property
    def short_name(self) -> str:
        """The name used on second reference: always the family name when it is known."""
        return self.family_name or self.full_name

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    @property
    def birth_date_display(self) -> str:
        return format_partial_date(self.birth_date, self.birth_date_precision)


class OrganizationKind(models.TextChoices):
    PARTY = "party", "Political party"
    PARTY_BODY = "party_body", "Party body"
    GOVERNMENT = "government", "Government"
    MINISTRY = "ministry", "Ministry or department"
    LEGISLATURE = "legislature", "Legislature"
    MULTILATERAL = "multilateral", "Multilateral body"
    MEDIA = "media", "Media outlet"
    COMMITTEE = "committee", "Committee"
    OTHER = "other", "Other"


class OrganizationQuerySet(models.QuerySet):
    def published(self) -> OrganizationQuerySet:
        """Organizations whose page readers may see."""
        return self.filter(is_published=True)

    def with_member_counts(self) -> OrganizationQuerySet:
        """Annotate ``member_count``: current positions held by published people."""
        return self.annotate(
            member_count=Count(
                "memberships",
                filter=Q(
                    memberships__end_date__isnull=True, memberships__person__is_published=True
                ),
            )
        )

    def with_public_parent(self) -> OrganizationQuerySet:
        """The parent body, left as None when readers may not see it."""
        return self.prefetch_related(Prefetch("parent", queryset=Organization.objects.published()))

    def for_public_detail(self) -> OrganizationQuerySet:
        """The organization's own page: members by rank, former members, sub-bodies, each only
        as far as readers may see them."""
        members = Membership.objects.of_published_people()
        return self.with_public_parent().prefetch_related(
            Prefetch(
                "memberships",
                queryset=members.current().order_by(
                    F("rank").asc(nulls_last=True), "person__family_name", "person__full_name"
                ),
                to_attr="current_members",
            ),
            Prefetch(
                "memberships",
                queryset=members.filter(end_date__isnull=False).order_by("-end_date", "rank"),
                to_attr="former_members",
            ),
            Prefetch(
                "children",
                queryset=Organization.objects.published().order_by("name"),
                to_attr="public_children",
            ),
        )


@reversion.register(follow=("memberships",))
class Organization(models.Model):
    name = models.CharField(max_length=250)
    acronym = models.CharField(max_length=30, blank=True, help_text="e.g. CCP, MEA, SCO")
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganizationKind, default=OrganizationKind.OTHER)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The body this one belongs to, e.g. Central Committee for the General Office.",
    )
    country = models.CharField(
        max_length=100, blank=True, help_text="Leave empty for multilateral bodies."
    )
    seats = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="How many members the body has, when it has a fixed size (7 for the Politburo "
        "Standing Committee). Used to show rank as “5th of 7”.",
    )
    summary = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    website = models.URLField(blank=True)
    wikidata_id = models.CharField(
        "Wikidata ID", max_length=20, blank=True, validators=[WIKIDATA_ID]
    )
    is_published = models.BooleanField("published", default=False)
    # As on Person: set only by the merge action.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_duplicates",
        help_text="The organization this duplicate was merged into; its address redirects there.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "organization"
        indexes = [
            models.Index(fields=["name"], name="organization_name_idx"),
            models.Index(fields=["is_published", "slug"], name="organization_published_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganizationKind.values), name="organization_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="organization_not_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(seats__isnull=True) | Q(seats__gte=1),
                name="organization_seats_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("profiles:organization_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": "An organization cannot be its own parent."})

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


class MembershipQuerySet(models.QuerySet):
    def in_published_organizations(self) -> MembershipQuerySet:
        """Positions in organizations readers may see, with the organization: a published
        profile never names an unpublished body, not even as plain text."""
        return self.filter(organization__is_published=True).select_related("organization")

    def of_published_people(self) -> MembershipQuerySet:
        """Positions held by people readers may see, with the person and organization (an
        organization's members)."""
        return self.filter(person__is_published=True).select_related("person", "organization")

    def current(self) -> MembershipQuerySet:
        """Positions with no end date: held now, as far as we know."""
        return self.filter(end_date__isnull=True)

    def held_on(self, day: dt.date) -> MembershipQuerySet:
        """Positions held on ``day``, reading imprecise dates generously: a post that ended
        "in 2010" counts as held on any day of 2010.

        Each row carries ``doubt_on_day``: "start" when ``day`` falls inside the imprecision of
        its start (a post begun "in Oct 2022" may not yet have been held on 15 Oct 2022), "end"
        when inside that of its end, else "" (``Membership.uncertainty``)."""
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=day),
            Q(end_date__isnull=True)
            | Q(end_precision=DatePrecision.YEAR, end_date__gte=day.replace(month=1, day=1))
            | Q(end_precision=DatePrecision.MONTH, end_date__gte=day.replace(day=1))
            | Q(end_precision=DatePrecision.DAY, end_date__gte=day),
        ).annotate(
            doubt_on_day=models.Case(
                models.When(_within_imprecision("start", day), then=models.Value("start")),
                models.When(_within_imprecision("end", day), then=models.Value("end")),
                default=models.Value(""),
                output_field=models.CharField(),
            )
        )

    def ended_before(self, day: dt.date) -> MembershipQuerySet:
        """Positions that had ended by ``day`` (the complement of ``held_on`` among past ones)."""
        return (
            self.filter(start_date__lte=day)
            .exclude(pk__in=self.held_on(day).values("pk"))
            .filter(end_date__isnull=False)
        )


def _within_imprecision(bound: str, day: dt.date) -> Q:
    """``day`` lies in the period of a year- or month-precision ``start``/``end`` date (stored
    as the period's first day), so whether the position was held that day is unknown."""
    year, month = (
        Q(
            **{
                f"{bound}_precision": precision,
                f"{bound}_date__range": period_bounds(day, precision),
            }
        )
        for precision in (DatePrecision.YEAR, DatePrecision.MONTH)
    )
    return year | month


@reversion.register()
class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        max_length=150, help_text="e.g. Member, Director, Party Secretary, Acting Mayor"
    )
    rank = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Protocol order within the body, 1 = first. Cai Qi is 5th on the Politburo "
        "Standing Committee.",
    )
    start_date = models.DateField("start date", null=True, blank=True)
    start_precision = models.CharField(
        "start precision", max_length=10, choices=DATE_ONLY_PRECISIONS, default=DatePrecision.DAY
    )
    end_date = models.DateField(
        "end date", null=True, blank=True, help_text="Leave empty while the position is held."
    )
    end_precision = models.CharField(
        "end precision", max_length=10, choices=DATE_ONLY_PRECISIONS, default=DatePrecision.DAY
    )
    note = models.TextField(
        blank=True,
        help_text="Anything readers should know, e.g. when sources give different dates.",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "rank"]
        verbose_name = "membership"
        verbose_name_plural = "memberships (positions held)"
        indexes = [
            models.Index(fields=["person", "-start_date"], name="membership_person_idx"),
            models.Index(fields=["organization", "rank"], name="membership_org_rank_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1),
                name="membership_rank_positive",
                violation_error_message="Rank starts at 1 (first in protocol order).",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
                violation_error_message="A position cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(start_precision__in=PRECISION_VALUES)
                & Q(end_precision__in=PRECISION_VALUES),
                name="membership_precision_valid",
            ),
            models.UniqueConstraint(
                fields=["person", "organization", "role"],
                condition=Q(end_date__isnull=True),
                name="membership_unique_active",
                violation_error_message="This person already holds this role in this "
                "organization; end the current membership first.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.role}, {self.organization.short_name}"

    def clean(self) -> None:
        errors = {}
        if self.rank is not None and self.rank < 1:
            errors["rank"] = "Rank starts at 1 (first in protocol order)."
        if self.start_date and self.start_precision in PRECISION_VALUES:
            self.start_date = truncate_date(self.start_date, self.start_precision)
        if self.end_date and self.end_precision in PRECISION_VALUES:
            self.end_date = truncate_date(self.end_date, self.end_precision)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "A position cannot end before it starts."
        if errors:
            raise ValidationError(errors)

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    @property
    def uncertainty(self) -> str:
        """On an ``as_of`` day inside the imprecision of its start or end (``doubt_on_day``
        from ``MembershipQuerySet.held_on``), why the position may not have been held then."""
        doubt = getattr(self, "doubt_on_day", "")
        if doubt == "start":
            known = self.get_start_precision_display().lower()
            return f"may not yet have held it — the record gives only the {known} it began"
        if doubt == "end":
            known = self.get_end_precision_display().lower()
            return f"may no longer have held it — the record gives only the {known} it ended"
        return ""

    @property
    def period_display(self) -> str:
        return format_partial_range(
            self.start_date, self.start_precision, self.end_date, self.end_precision
        )

    @property
    def rank_display(self) -> str:
        """ "5th of 7" when the body has a fixed size, else "5th". Select the organization."""
        if self.rank is None:
            return ""
        seats = self.organization.seats
        return f"{ordinal(self.rank)} of {seats}" if seats else ordinal(self.rank)


def ordinal(number: int) -> str:
    """1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd"."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def merged_survivor(model: type[Person] | type[Organization], slug: str):
    """The published record that the merged-away record with ``slug`` now lives on as (after
    any later merges), or None: where the old address redirects."""
    row = model._base_manager.filter(slug=slug, merged_into__isnull=False).first()
    seen = set()
    while row is not None and row.merged_into_id and row.pk not in seen:
        seen.add(row.pk)
        row = model._base_manager.filter(pk=row.merged_into_id).first()
    return row if row is not None and row.is_published and not row.merged_into_id else None
