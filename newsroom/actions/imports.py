"""Importing a report: a source with its archived text, and its quotations as candidate claims.

``read_upload``, ``read_text`` and ``fetch_url`` turn what the editor gave — a file's bytes,
pasted text, an address — into a ``Report`` (its text, headline and date), or refuse it with
``ImportRefused`` saying why: nothing, not text, too large, not decodable, not reachable.
``import_report`` then makes, in one edit and one revision, the ``Source`` (the model's own
``clean`` computes the hash and capture time), a ``SourceImport`` and, for every quotation
``newsroom.quotations`` finds, a draft quote ``Claim`` with its speaker when the report names a
known person or organization, the known people and organizations its paragraph mentions as
subjects, and a citation of the exact words with a paragraph locator — saved like any other
citation, so ``newsroom.receivers`` verifies it against the text. Text already archived as a
source is refused (``DuplicateImport``): the same hash creates nothing new. Nothing is submitted,
published or rated here.

An editor then decides each candidate: ``accept_candidate`` (as found, or edited),
``merge_candidates`` (the second's citations and subjects join the first's claim, the second
claim goes) and ``discard_candidate`` (its draft claim is deleted, recoverably, through the
deletion log). Editors and writers may import and decide; fact-checkers only see.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import htmldate
import reversion
import trafilatura
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from newsroom.actions.context import editing
from newsroom.exceptions import DuplicateImport, ImportRefused
from newsroom.history.deletions import deleting_as
from newsroom.models import (
    CandidateStatus,
    Citation,
    Claim,
    ClaimKind,
    ClaimStatus,
    ImportCandidate,
    Source,
    SourceImport,
    SourceKind,
    Stance,
)
from newsroom.quotations import NameIndex, Quotation, find_quotations, paragraphs
from profiles.models import Organization, Person

IMPORT = "newsroom.add_sourceimport"
DECIDE = "newsroom.change_importcandidate"

# File signatures of what editors upload by mistake: a PDF, an office file, an image.
_BINARY_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf")
_HTML_START_RE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# "date 2025-08-31 " at the start of a saved page: the capture's date line, not its headline.
_DATE_PREFIX_RE = re.compile(r"^\s*(?:date:?\s*)?\d{4}-\d{2}-\d{2}\s+", re.I)
HEADLINE_MAX = 200


def max_bytes() -> int:
    return settings.NEWSROOM_IMPORT_MAX_BYTES


def _size_label(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def too_large(size: int) -> ImportRefused:
    return ImportRefused(
        f"The report is {_size_label(size)}; the most that can be imported is "
        f"{_size_label(max_bytes())}."
    )


# ---------------------------------------------------------------------------------------------
# Reading what the editor gave


@dataclass
class Report:
    """A report's main text (paragraphs separated by blank lines), and what it says of itself."""

    text: str
    headline: str = ""
    published_on: dt.date | None = None
    origin: str = ""
    url: str = ""


def read_upload(
    data: bytes, *, name: str = "", content_type: str = "", charset: str = ""
) -> Report:
    """The report in ``data`` (a file's or a response's bytes): HTML reduced to its main text,
    anything else read as plain text. Raises ``ImportRefused`` for nothing, a binary file, more
    than ``NEWSROOM_IMPORT_MAX_BYTES`` or bytes that do not decode."""
    if len(data) > max_bytes():
        raise too_large(len(data))
    if not data.strip():
        raise ImportRefused("The report is empty: there is no text to import.")
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise ImportRefused(
            "This is a binary file (a PDF, an image or an office document?), not text: import a "
            ".txt or .html file, or paste the report's text."
        )
    is_html = (
        Path(name).suffix.lower() in (".html", ".htm")
        or "html" in content_type.lower()
        or bool(_HTML_START_RE.match(data[:2048]))
    )
    if not charset and is_html and (m := _META_CHARSET_RE.search(data[:4096])):
        charset = m.group(1).decode("ascii", "replace")
    charset = charset or "utf-8"
    try:
        text = data.decode("utf-8-sig" if charset.lower() in ("utf-8", "utf8") else charset)
    except (UnicodeDecodeError, LookupError):
        raise ImportRefused(
            f"The report cannot be read as {charset} text: save it as UTF-8 and try again."
        ) from None
    if _control_characters(text):
        raise ImportRefused("This file holds control characters, not text: is it a binary file?")
    report = _read_html(text) if is_html else read_text(text)
    report.origin = name
    return report


def _control_characters(text: str) -> bool:
    sample = text[:8192]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return bad > max(2, len(sample) // 100)


def read_text(text: str) -> Report:
    """Plain text (pasted or from a .txt file): its first line is the headline when it reads like
    one (short, not a sentence), and an ISO date near the top is its date."""
    if len(text.encode("utf-8")) > max_bytes():
        raise too_large(len(text.encode("utf-8")))
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise ImportRefused("The report is empty: there is no text to import.")
    first_line = text.strip().split("\n", 1)[0].strip()
    headline = ""
    if len(first_line) <= HEADLINE_MAX and not first_line.endswith((".", ":", ";", ",")):
        headline = first_line
    return Report(
        text=text.strip() + "\n",
        headline=headline,
        published_on=_date_near_top(text),
        origin="pasted text",
    )


def _date_near_top(text: str) -> dt.date | None:
    m = _ISO_DATE_RE.search(text[:300])
    if not m:
        return None
    try:
        return dt.date(*(int(part) for part in m.groups()))
    except ValueError:
        return None


def _read_html(html: str) -> Report:
    """The page's main text by trafilatura (paragraphs kept, scripts, menus and footers gone),
    its headline from its metadata and its date by htmldate (the original publication date,
    from the page's markup only: no guessing from dates the text mentions)."""
    extracted = trafilatura.extract(
        html, output_format="txt", include_comments=False, include_tables=True
    )
    lines = [line.strip() for line in (extracted or "").split("\n") if line.strip()]
    if not lines:
        raise ImportRefused("No text was found in this page: it may be empty or all scripts.")
    metadata = trafilatura.extract_metadata(html)
    found = htmldate.find_date(html, extensive_search=False, original_date=True)
    return Report(
        text="\n\n".join(lines) + "\n",
        headline=(metadata.title if metadata and metadata.title else "")[:HEADLINE_MAX],
        published_on=dt.date.fromisoformat(found) if found else None,
    )


# -- fetching


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Every redirect's target passes the same checks as the address the editor gave."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def check_url(url: str) -> None:
    """Refuse anything but http(s) to a public address (unless
    ``NEWSROOM_IMPORT_ALLOW_PRIVATE_URLS``): the server fetches it, so an editor must not be
    able to make it read a file, the machine itself or the internal network.

    The host is resolved here and again when connecting; a name that changes its answer in
    between (DNS rebinding) is a gap this check does not close.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ImportRefused("Only http:// and https:// addresses can be imported.")
    if not parts.hostname:
        raise ImportRefused("That address has no host name.")
    if settings.NEWSROOM_IMPORT_ALLOW_PRIVATE_URLS:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, port)}
    except (OSError, ValueError, UnicodeError):
        raise ImportRefused(f"The host {parts.hostname} could not be found.") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            raise ImportRefused(
                f"{parts.hostname} is a private or local address; only public sites can be "
                "imported."
            )


def fetch_url(url: str) -> Report:
    """Fetch ``url`` with the timeout and size cap of the settings and read it as a report."""
    check_url(url)
    opener = urllib.request.build_opener(_CheckedRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": "Newsroom report importer"})
    limit = max_bytes()
    try:
        with opener.open(request, timeout=settings.NEWSROOM_IMPORT_FETCH_TIMEOUT) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise too_large(int(declared))
            data = response.read(limit + 1)
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset() or ""
    except urllib.error.HTTPError as error:
        raise ImportRefused(f"The site answered {error.code} {error.reason} for {url}.") from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise ImportRefused(f"{url} could not be fetched: {reason}.") from None
    if len(data) > limit:
        raise ImportRefused(
            f"The page is over {_size_label(limit)}, the most that can be imported."
        )
    report = read_upload(data, name="", content_type=content_type, charset=charset)
    report.origin = url
    report.url = url
    return report


# ---------------------------------------------------------------------------------------------
# Known names


@dataclass
class KnownNames:
    """Every name, short name and alias of the known people and organizations."""

    names: dict[str, tuple[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = NameIndex(self.names)

    @classmethod
    def load(cls) -> KnownNames:
        """Full names, family names and aliases of people; names and acronyms of organizations.
        A short name two people share names neither."""
        names: dict[str, tuple[str, int]] = {}
        short: dict[str, set[int]] = {}
        for person in Person.objects.only("pk", "full_name", "family_name", "aliases"):
            for name in (person.full_name, *person.alias_list):
                names[name.strip()] = ("person", person.pk)
            if person.family_name and person.family_name != person.full_name:
                short.setdefault(person.family_name.strip(), set()).add(person.pk)
        for name, pks in short.items():
            if len(pks) == 1 and name not in names:
                names[name] = ("person", next(iter(pks)))
        for org in Organization.objects.only("pk", "name", "acronym"):
            names.setdefault(org.name.strip(), ("organization", org.pk))
            if org.acronym:
                names.setdefault(org.acronym.strip(), ("organization", org.pk))
        return cls({name: key for name, key in names.items() if name})

    def in_text(self, text: str) -> list[tuple[str, int]]:
        """The people and organizations ``text`` names, in order of first mention."""
        seen: dict[tuple[str, int], None] = {}
        for hit in self.index.find(text):
            seen[hit.key] = None
        return list(seen)

    def speaker(self, phrase: str) -> tuple[str, int] | None:
        """The known person or organization an attribution's phrase names (the longest name in
        it: "Foreign Secretary Vikram Misri" is Vikram Misri)."""
        hits = self.index.find(phrase)
        if not hits:
            return None
        return max(hits, key=lambda hit: len(hit.name)).key


# ---------------------------------------------------------------------------------------------
# The import


@dataclass
class ImportResult:
    source_import: SourceImport
    candidates: list[ImportCandidate]

    @property
    def source(self) -> Source:
        return self.source_import.source


def _unique_slug(text: str, taken: set[str]) -> str:
    base = slugify(" ".join(text.split()[:10]))[:80].strip("-") or "quote"
    slug, n = base, 2
    while slug in taken or Claim.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def import_report(
    *,
    report: Report,
    actor: AbstractBaseUser | None,
    publisher: Organization | None = None,
    url: str = "",
    published_on: dt.date | None = None,
    kind: str = SourceKind.NEWS_REPORT,
    title: str = "",
) -> ImportResult:
    """Make the source, the import and one draft quote claim per quotation, in one transaction
    and one revision. ``url``, ``published_on`` and ``title`` override what the report says.

    Raises ``DuplicateImport`` when a source already archives this text, ``ImportRefused`` when
    ``actor`` may not import; nothing is created then.
    """
    if actor is not None and not actor.has_perm(IMPORT):
        raise ImportRefused("Only editors and writers can import reports.")
    source = Source(
        title=(title or report.headline or _fallback_title(report.text))[:300],
        publisher=publisher,
        kind=kind,
        url=url or report.url,
        published_on=published_on or report.published_on,
        archived_text=report.text,
    )
    try:
        source.full_clean(exclude=[f.name for f in source._meta.fields if not f.editable])
    except ValidationError as error:
        raise ImportRefused(" ".join(error.messages)) from None
    existing = Source.objects.filter(archived_sha256=source.archived_sha256).first()
    if existing is not None:
        raise DuplicateImport(
            f"This text is already archived as source #{existing.pk}, “{existing}” (same "
            "SHA-256): nothing was imported.",
            source=existing,
        )
    names = KnownNames.load()
    spans = paragraphs(report.text)
    with (
        editing(actor=actor),
        reversion.create_revision(),
        transaction.atomic(),
    ):
        if actor is not None:
            reversion.set_user(actor)
        reversion.set_comment(f"Imported from {report.origin or 'a report'}.")
        source.save()
        source_import = SourceImport.objects.create(
            source=source, origin=(report.origin or "")[:500], created_by=actor
        )
        taken: set[str] = set()
        candidates = [
            _candidate(source_import, quotation, position, names, spans, taken)
            for position, quotation in enumerate(find_quotations(report.text), start=1)
        ]
        reversion.add_to_revision(source)
        reversion.add_to_revision(source_import)
        for candidate in candidates:
            reversion.add_to_revision(candidate.claim)
    return ImportResult(source_import, candidates)


def _fallback_title(text: str) -> str:
    first = _DATE_PREFIX_RE.sub("", text.strip().split("\n", 1)[0])
    words = first.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def _candidate(
    source_import: SourceImport,
    quotation: Quotation,
    position: int,
    names: KnownNames,
    spans: list[tuple[int, int]],
    taken: set[str],
) -> ImportCandidate:
    source = source_import.source
    speaker = names.speaker(quotation.speaker) if quotation.speaker else None
    first, last = spans[quotation.paragraph - 1]
    mentioned = [key for key in names.in_text(source.archived_text[first:last]) if key != speaker]
    claim = Claim(
        slug=_unique_slug(quotation.statement, taken),
        statement=quotation.statement,
        kind=ClaimKind.QUOTE,
        claimant_person_id=speaker[1] if speaker and speaker[0] == "person" else None,
        claimant_organization_id=speaker[1] if speaker and speaker[0] == "organization" else None,
    )
    claim.save()
    claim.about_people.set([pk for kind, pk in mentioned if kind == "person"])
    claim.about_organizations.set([pk for kind, pk in mentioned if kind == "organization"])
    Citation.objects.create(
        claim=claim,
        source=source,
        excerpt=quotation.text.strip(),
        locator=f"para {quotation.paragraph}",
        stance=Stance.SUPPORTS,
    )
    return ImportCandidate.objects.create(
        source_import=source_import,
        claim=claim,
        position=position,
        quotation=quotation.text,
        speaker=quotation.speaker[:200],
        paragraph=quotation.paragraph,
    )


# ---------------------------------------------------------------------------------------------
# Deciding candidates


def _check_decision(candidate: ImportCandidate, actor: AbstractBaseUser) -> ImportCandidate:
    """Lock the candidate and its claim; refuse unless ``actor`` may decide and it is pending."""
    if not actor.has_perm(DECIDE):
        raise ImportRefused("Only editors and writers can decide an import's candidates.")
    # Two locks, not one joined query: PostgreSQL locks no row on the nullable side of an
    # outer join, and the candidate's claim is nullable.
    locked = ImportCandidate.objects.select_for_update().get(pk=candidate.pk)
    locked.claim = Claim.objects.select_for_update().filter(pk=locked.claim_id).first()
    if locked.status != CandidateStatus.PENDING:
        raise ImportRefused(f"{locked} was already {locked.get_status_display().lower()}.")
    if locked.claim is None or locked.claim.status != ClaimStatus.DRAFT:
        raise ImportRefused(f"The claim of {locked} is no longer a draft; edit it on its own page.")
    return locked


def _decided(candidate: ImportCandidate, status: str, actor: AbstractBaseUser, **fields) -> None:
    candidate.status = status
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.save()


def accept_candidate(
    *,
    candidate: ImportCandidate,
    actor: AbstractBaseUser,
    statement: str | None = None,
    claimant_person: Person | None = None,
    claimant_organization: Organization | None = None,
    set_claimant: bool = False,
) -> ImportCandidate:
    """Keep the candidate's draft claim, as found or with its statement and claimant edited
    (``set_claimant`` replaces the claimant, with None for none). It stays a draft: submitting
    it for review is the workflow's next move, not the import's."""
    with editing(actor=actor), reversion.create_revision():
        reversion.set_user(actor)
        locked = _check_decision(candidate, actor)
        claim = locked.claim
        edited = False
        if statement is not None and statement.strip() and statement.strip() != claim.statement:
            claim.statement = statement.strip()
            edited = True
        if set_claimant:
            claim.claimant_person = claimant_person
            claim.claimant_organization = claimant_organization
            edited = True
        if edited:
            claim.full_clean(exclude=[f.name for f in claim._meta.fields if not f.editable])
            claim.save()
        _decided(locked, CandidateStatus.ACCEPTED, actor)
        reversion.set_comment(f"Accepted candidate {locked}{' (edited)' if edited else ''}.")
        reversion.add_to_revision(claim)
        reversion.add_to_revision(locked)
    return locked


def merge_candidates(
    *, candidate: ImportCandidate, into: ImportCandidate, actor: AbstractBaseUser
) -> ImportCandidate:
    """Fold ``candidate`` into ``into`` (both pending, of one import): its citations and
    subjects join ``into``'s claim, which keeps its statement and gains a claimant only if it
    had none; ``candidate``'s draft claim is deleted. Returns ``into``."""
    if candidate.pk == into.pk:
        raise ImportRefused("Choose two different candidates to merge.")
    with editing(actor=actor), reversion.create_revision(), deleting_as(actor):
        reversion.set_user(actor)
        # Locked in id order, so two editors merging the same pair cannot deadlock.
        first, second = sorted([candidate, into], key=lambda c: c.pk)
        locked = {c.pk: _check_decision(c, actor) for c in (first, second)}
        gone, kept = locked[candidate.pk], locked[into.pk]
        if gone.source_import_id != kept.source_import_id:
            raise ImportRefused("Only candidates of the same import can be merged.")
        target, old = kept.claim, gone.claim
        for citation in old.citations.all():
            duplicate = target.citations.filter(
                source_id=citation.source_id, excerpt=citation.excerpt
            ).exists()
            if not duplicate:
                Citation.objects.create(
                    claim=target,
                    source_id=citation.source_id,
                    excerpt=citation.excerpt,
                    locator=citation.locator,
                    stance=citation.stance,
                    role=citation.role,
                )
        target.about_people.add(*old.about_people.all())
        target.about_organizations.add(*old.about_organizations.all())
        if not (target.claimant_person_id or target.claimant_organization_id):
            target.claimant_person_id = old.claimant_person_id
            target.claimant_organization_id = old.claimant_organization_id
            target.save()
        # A claim is not its own subject.
        if target.claimant_person_id:
            target.about_people.remove(target.claimant_person_id)
        if target.claimant_organization_id:
            target.about_organizations.remove(target.claimant_organization_id)
        old.delete()
        _decided(gone, CandidateStatus.MERGED, actor, claim=None, merged_into=kept)
        reversion.set_comment(f"Merged candidate {gone} into {kept}.")
        reversion.add_to_revision(target)
        reversion.add_to_revision(gone)
    kept.refresh_from_db()
    return kept


def discard_candidate(*, candidate: ImportCandidate, actor: AbstractBaseUser) -> ImportCandidate:
    """Drop the candidate: its draft claim is deleted (logged, so it can be recovered with its
    link back to the candidate), the candidate kept as discarded."""
    with editing(actor=actor), reversion.create_revision(), deleting_as(actor):
        reversion.set_user(actor)
        locked = _check_decision(candidate, actor)
        locked.claim.delete()
        _decided(locked, CandidateStatus.DISCARDED, actor, claim=None)
        reversion.set_comment(f"Discarded candidate {locked}.")
        reversion.add_to_revision(locked)
    return locked


def pending_candidates(source_import: SourceImport):
    """The import's candidates still waiting for a decision."""
    return source_import.candidates.filter(status=CandidateStatus.PENDING)
