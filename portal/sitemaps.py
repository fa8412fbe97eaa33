"""sitemap.xml: the home page, each year's overview, every current published budget and final accounts, and the
pages of their departments."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal import queries

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from budget.models import PublishedVersion
    from final_accounts.models import PublishedVersion as FinalAccountsVersion


class HomeSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["index"]

    def location(self, item: str) -> str:
        return reverse(item)


class YearSitemap(Sitemap):
    def items(self) -> list[int]:
        return queries.published_years()

    def location(self, year: int) -> str:
        return reverse("year-overview", args=[year])


class BudgetSitemap(Sitemap):
    def items(self) -> QuerySet[PublishedVersion]:
        return queries.current_versions().order_by("-budget__year", "budget__department__code")

    def location(self, version: PublishedVersion) -> str:
        return reverse("budget-detail", args=[version.budget.year, version.budget.department.code])

    def lastmod(self, version: PublishedVersion) -> datetime:
        return version.published_at


class FinalAccountsSitemap(Sitemap):
    def items(self) -> QuerySet[FinalAccountsVersion]:
        return queries.current_final_accounts()

    def location(self, version: FinalAccountsVersion) -> str:
        accounts = version.final_accounts
        return reverse("final-accounts-detail", args=[accounts.year, accounts.department.code])

    def lastmod(self, version: FinalAccountsVersion) -> datetime:
        return version.published_at


class DepartmentSitemap(Sitemap):
    def items(self) -> list[str]:
        """The code of every department with a published budget or final accounts."""
        budgets = queries.current_versions().values_list("budget__department__code", flat=True)
        accounts = queries.current_final_accounts().values_list("final_accounts__department__code", flat=True)
        return sorted({*budgets, *accounts})

    def location(self, code: str) -> str:
        return reverse("department", args=[code])


SITEMAPS = {"home": HomeSitemap, "years": YearSitemap, "budgets": BudgetSitemap, "final-accounts": FinalAccountsSitemap,
            "departments": DepartmentSitemap}
