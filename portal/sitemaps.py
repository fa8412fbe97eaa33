"""sitemap.xml: the home page, each year's overview and every current published budget."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal import queries


class HomeSitemap(Sitemap):
    def items(self):
        return ["index"]

    def location(self, item):
        return reverse(item)


class YearSitemap(Sitemap):
    def items(self):
        return queries.published_years()

    def location(self, year):
        return reverse("year-overview", args=[year])


class BudgetSitemap(Sitemap):
    def items(self):
        return queries.current_versions().order_by("-budget__year", "budget__department__code")

    def location(self, version):
        return reverse("budget-detail", args=[version.budget.year, version.budget.department.code])

    def lastmod(self, version):
        return version.published_at


SITEMAPS = {"home": HomeSitemap, "years": YearSitemap, "budgets": BudgetSitemap}
