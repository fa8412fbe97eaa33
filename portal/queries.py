"""What the public site lists, searches and compares: always current published versions, never live data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Coalesce, Concat, StrIndex, Substr
from django.db.models.lookups import GreaterThan

from budget.builders import diff
from budget.builders.frozen_tables import thaw
from budget.builders.money import ZERO, percent, to_wan
from budget.builders.tables import SPECS
from budget.models import FunctionSubject, PublishedVersion
from final_accounts.models import PublishedVersion as FinalAccountsVersion

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from budget.document import OpenProject  # the shape of the projects a version froze, not a dependency


def published_years() -> list[int]:
    """Years with at least one published budget, newest first."""
    return sorted(set(PublishedVersion.objects.current().values_list("budget__year", flat=True)), reverse=True)


HEAVY_FIELDS = ("html", "tables", "data", "figures")  # frozen documents: large, and listings need none of them


def current_versions(year: int | None = None, keep: Sequence[str] = ()) -> QuerySet[PublishedVersion]:
    """Current versions with their department, optionally of one year, without the heavy frozen fields
    except those named in keep."""
    versions = PublishedVersion.objects.current().select_related("budget__department__parent")
    versions = versions.defer(*(field for field in HEAVY_FIELDS if field not in keep))
    return versions.filter(budget__year=year) if year else versions


def current_final_accounts(department_id: int | None = None) -> QuerySet[FinalAccountsVersion]:
    """The current published version of every final accounts (of one department), newest year first."""
    versions = FinalAccountsVersion.objects.current().select_related("final_accounts__department")
    if department_id is not None:
        versions = versions.filter(final_accounts__department_id=department_id)
    return versions.order_by("-final_accounts__year", "final_accounts__department__code")


def with_prior_total(versions: QuerySet[PublishedVersion]) -> QuerySet[PublishedVersion]:
    """Annotate each version with last year's published total of its department and the change."""
    prior = PublishedVersion.objects.current().filter(
        budget__department=OuterRef("budget__department"), budget__year=OuterRef("budget__year") - 1
    )
    return versions.annotate(
        prior_total=Subquery(prior.values("expenditure_total")[:1]),
        change=ExpressionWrapper(F("expenditure_total") - F("prior_total"), output_field=DecimalField()),
    )


@dataclass
class Group:
    """A department and the published budgets under it (its own and its units')."""

    name: str
    code: str
    versions: list[PublishedVersion]


def grouped(versions: Iterable[PublishedVersion]) -> list[Group]:
    """Versions grouped under their parent department (a top-level department is its own group); a group is
    named as its department's own version published it, or by the department's name now if it has none."""
    groups: dict[str, Group] = {}  # by the head department's code
    for version in versions:
        department = version.budget.department
        head = department.parent or department
        group = groups.setdefault(head.code, Group(head.name, head.code, []))
        group.versions.append(version)
        if department == head:
            group.name = version.department_name
    return [groups[code] for code in sorted(groups)]


MAX_WORDS = 8  # more words than anyone types; each is one more LIKE in the query


def words_of(query: str) -> list[str]:
    """The query's words (split at ASCII and full-width spaces), at most MAX_WORDS, each once."""
    return list(dict.fromkeys(query.split()))[:MAX_WORDS]


def _containing_all(field: str, words: Iterable[str]) -> Q:
    """A condition: the field contains every word (case-insensitive for Latin letters)."""
    return Q(*[(f"{field}__icontains", word) for word in words])  # a Q's conditions are joined by AND


def _a_whole_line(query: str) -> Q:
    """A condition: one line of the frozen search text (the code, a name, the short name, a project) is the query."""
    return (Q(search_text__iexact=query) | Q(search_text__istartswith=query + "\n")
            | Q(search_text__icontains="\n" + query + "\n") | Q(search_text__iendswith="\n" + query))


def _department_lines() -> Case:
    """The lines of the frozen search text that name the department itself as published (code, name, short name,
    units, parent): those before the first frozen project's name (workflow.search_text puts the projects last;
    a version frozen without open data has none to go by, and all its lines count)."""
    text: TextField[str, str] = TextField()
    first_project = Coalesce(KeyTextTransform("name", KeyTransform(0, KeyTransform("projects", "data"))), Value(""),
                             output_field=text)
    end = StrIndex(Concat(F("search_text"), Value("\n"), output_field=text),
                   Concat(Value("\n"), first_project, Value("\n"), output_field=text))
    return Case(When(GreaterThan(end, 0), then=Substr("search_text", 1, end - 1)), default=F("search_text"),
                output_field=text)


def search(query: str) -> list[tuple[PublishedVersion, list[str]]]:
    """Current versions whose frozen search text (workflow.search_text: department code, name and short name,
    units' names, project names) contains every word of the query, with their projects that do, at most 100.

    Ranked by what the version froze, never by the department as it is now: first a version where the whole
    query is its department's code, name, short name, a unit's or a project's name; then one whose department's
    own lines (code, name, short name, units, parent) contain every word; then the rest (matched by its
    projects). Newest year first within a rank, then by code. One query, in the database.
    """
    words = words_of(query)
    if not words:
        return []
    rank = Case(
        When(_a_whole_line(query), then=Value(0)),
        When(_containing_all("department_lines", words), then=Value(1)),
        default=Value(2),
    )
    versions = current_versions().filter(_containing_all("search_text", words))
    versions = versions.alias(department_lines=_department_lines())
    # Only the frozen projects, not the whole open data with every line item.
    versions = versions.annotate(rank=rank, projects=KeyTransform("projects", "data"))
    versions = versions.order_by("rank", "-budget__year", "budget__department__code")
    return [(version, matching_projects(version.projects or [], words)) for version in versions[:100]]


def search_final_accounts(query: str) -> list[FinalAccountsVersion]:
    """Current final accounts whose department, as published, is named by every word of the query, or whose code
    is the query; newest year first, at most 100."""
    words = words_of(query)
    if not words:
        return []
    found = current_final_accounts().filter(
        _containing_all("department_name", words) | Q(final_accounts__department__code__iexact=query)
    )
    return list(found[:100])


def matching_projects(projects: Iterable[OpenProject], words: Iterable[str]) -> list[str]:
    """The names of the frozen projects that contain every word."""
    lowered = [word.lower() for word in words]
    return [project["name"] for project in projects if all(word in project["name"].lower() for word in lowered)]


def year_total(year: int) -> Decimal:
    """Total expenditure of the year's published budgets, in 元."""
    return current_versions(year).aggregate(total=Sum("expenditure_total"))["total"] or ZERO


def function_classes(year: int) -> list[tuple[str, Decimal]]:
    """(code name, 元) of the year's published expenditure by function 类, summed over every budget."""
    sums: defaultdict[str, Decimal] = defaultdict(lambda: ZERO)
    for classes in current_versions(year).values_list("figures__function_classes", flat=True):
        for code, amount in (classes or {}).items():
            sums[code] += Decimal(amount)
    names = dict(FunctionSubject.objects.filter(year=year, code__in=sums).values_list("code", "name"))
    return [(f"{code} {names.get(code, '')}".strip(), sums[code]) for code in sorted(sums)]


@dataclass(frozen=True)
class Compared:
    """One row of a comparison, in 万元; None where the row does not exist in that year."""

    label: str
    before: Decimal | None
    after: Decimal | None

    @property
    def change(self) -> Decimal:
        return (self.after or ZERO) - (self.before or ZERO)

    @property
    def percent(self) -> str:
        return percent(self.change, self.before)


TOTALS = [("支出总额", "expenditure_total"), ("基本支出", "basic_total"), ("项目支出", "project_total"),
          ("“三公”经费", "three_public_total")]


def compare_totals(before: PublishedVersion, after: PublishedVersion) -> list[Compared]:
    """The main figures of two versions, in 万元 like the tables' rows."""
    return [Compared(label, to_wan(getattr(before, field)), to_wan(getattr(after, field))) for label, field in TOTALS]


def _figure(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def _comparable_rows(number: int, frozen: list[list[str]]) -> dict[str, tuple[str, Decimal | None]]:
    """{key: (label, 合计 figure)} of a frozen table; the two halves of tables 1 and 4 count as rows of their own."""
    found: dict[str, tuple[str, Decimal | None]] = {}
    for row in thaw(number, frozen):
        if row.income is None:
            found[diff.row_key(row)] = (diff.row_label(row), _figure(row.figures[0]))
            continue
        if row.income.label:
            found[f"收入|{row.income.label}"] = (row.income.label, _figure(row.income.amount))
        if row.label:
            found[f"支出|{row.label}"] = (row.label, _figure(row.figures[0]))
    return found


def compare_tables(before: PublishedVersion, after: PublishedVersion) -> list[tuple[str, list[Compared]]]:
    """[(title, [Compared])] for the nine tables, rows matched by subject code, also those of one year only."""
    compared: list[tuple[str, list[Compared]]] = []
    for number, spec in SPECS.items():
        old = _comparable_rows(number, before.tables.get(str(number), []))
        new = _comparable_rows(number, after.tables.get(str(number), []))
        keys = list(new) + [key for key in old if key not in new]
        rows = [
            Compared((new.get(key) or old[key])[0], old.get(key, (None, None))[1], new.get(key, (None, None))[1])
            for key in keys
        ]
        compared.append((spec.title, [row for row in rows if row.before is not None or row.after is not None]))
    return compared
