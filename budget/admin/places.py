"""Where each finding of the checks is fixed: the address of the page, and of the field on it where there is one, that
the checks page links its 位置 to (a line's own page, a project's page and its indicator rows, the budget's text
field, its grid or its procurement and asset rows). Findings name their place by table, row and field
(budget/checks.py), the key of their explanations, which this never changes."""

from dataclasses import dataclass

from django.urls import reverse

from budget import checks
from budget.models import Budget, BudgetLine, Project

# A budget's text fields, a project's and a line's by the label a finding names them with.
BUDGET_FIELDS = {str(field.verbose_name): field.name for field in Budget._meta.get_fields() if hasattr(field, "verbose_name")}
PROJECT_FIELDS = {**{checks.field_label(Project, name): name for name in checks.PROJECT_TEXTS},
                  "资金支出计划": "plan_march"}
LINE_FIELDS = {str(field.verbose_name): field.name for field in BudgetLine._meta.get_fields() if hasattr(field, "verbose_name")}
# Findings about totals are fixed in the budget's grid of lines, whose totals stand beside the control figures.
ON_THE_BUDGET_PAGE = {"预算控制数": "lines-group", "收支总表": "lines-group", "支出总表": "lines-group",
                      "政府采购": "procurement_items-group", "国有资产": "asset_holdings-group"}


@dataclass(frozen=True)
class Place:
    """A finding's place: the address to fix it at, and the label of the text field to fill there, if it is one."""

    url: str
    text_field: str = ""


class Places:
    """The places of a budget's findings, its lines and projects read once (on the first finding that needs them)."""

    def __init__(self, budget):
        self.budget = budget
        self.budget_page = reverse("admin:budget_budget_change", args=[budget.pk])
        self._lines = self._projects = None

    def lines(self):
        """The first line of each pair of codes (the row findings name), by "功能/经济"."""
        if self._lines is None:
            self._lines = {}
            for line in self.budget.lines.select_related("function_subject", "economic_subject").order_by("pk"):
                self._lines.setdefault(f"{line.function_subject.code}/{line.economic_subject.code}", line.pk)
        return self._lines

    def projects(self):
        if self._projects is None:
            self._projects = {project.code: project for project in self.budget.projects.prefetch_related("indicators")}
        return self._projects

    def of(self, finding):
        """Where the finding is fixed; the budget's page when no better place is known."""
        table, row, field = finding.table, finding.row, finding.field
        if table == "说明文字" and field in BUDGET_FIELDS:
            return Place(f"{self.budget_page}#id_{BUDGET_FIELDS[field]}", field)
        if table in ON_THE_BUDGET_PAGE:
            return Place(f"{self.budget_page}#{ON_THE_BUDGET_PAGE[table]}")
        if table == "预算明细" and row in self.lines():
            page = reverse("admin:budget_budgetline_change", args=[self.lines()[row]])
            return Place(f"{page}#id_{LINE_FIELDS[field]}" if field in LINE_FIELDS else page)
        code, _, indicator = row.partition("/")
        project = self.projects().get(code)
        if project is None:
            return Place(self.budget_page)
        if table == "项目" and field == "项目金额":  # a project without lines: they are typed in the budget's grid
            return Place(f"{self.budget_page}#lines-group")
        page = reverse("admin:budget_project_change", args=[project.pk])
        if table == "绩效指标":
            names = [each.name for each in project.indicators.all()]  # the rows' order on the project's page
            return Place(f"{page}#indicators-{names.index(indicator)}" if indicator in names else f"{page}#indicators-group")
        return Place(f"{page}#id_{PROJECT_FIELDS[field]}" if field in PROJECT_FIELDS else page)
