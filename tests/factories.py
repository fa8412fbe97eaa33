"""Builders of test data: users, budgets, files. The lines and users are built as the demo and the synthetic
budgets build theirs (budget/samples/synthetic.py)."""

import hashlib
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfWriter

from budget import checks, workflow
from budget.exchange import imports, subjects
from budget.models import Budget, EconomicSubject, FunctionSubject, Project
from budget.samples.synthetic import make_line, publish, staff_user
from performance import scoring
from performance.models import IndicatorEvaluation, PerformanceIndicator, ProjectEvaluation

PASSWORD = "x-secret-password"  # every persona's


def persona(username, group, *departments):
    """A staff user in a role group, belonging to the departments."""
    return staff_user(username, PASSWORD, group, *departments)


def complete_budget(budget):
    """Fill a budget so that it passes every check: texts, a basic line, a project with its indicators."""
    budget.duties = "负责测试工作。"
    budget.running_cost_uses = "日常运行支出"
    budget.overall_goal = "完成年度工作任务。"
    budget.save()
    make_line(budget, "2013301", "30101", "100000.00")
    project = Project.objects.create(
        budget=budget, code="P001", name=f"{budget.year}年测试项目", purpose="测试用途", goal="完成测试。", position=1,
        plan_march=25, plan_june=50, plan_october=75, plan_december=100,
    )
    make_line(budget, "2013301", "30227", "50000.00", kind="project", project=project)
    for position, (level1, level2, target) in enumerate([
        ("output", "quantity", {"comparator": "≥", "target_number": 5, "target_unit": "次"}),
        ("output", "cost", {"comparator": "≤", "target_number": 5, "target_unit": "万元"}),
        ("effect", "social", {"target_text": "群众满意"}),
        ("satisfaction", "beneficiary_satisfaction", {"comparator": "≥", "target_number": 90, "target_unit": "%"}),
    ]):
        PerformanceIndicator.objects.create(project=project, level1=level1, level2=level2, name=f"指标{position}",
                                            target_basis="工作计划", position=position, **target)
    return budget


def published_complete(budget):
    """A complete budget (complete_budget) published: its project's year-end self-evaluation may begin."""
    complete_budget(budget)
    publish(budget)
    budget.refresh_from_db()
    return budget


def evaluated(project, executed="45000.00"):
    """The project's self-evaluation as its accountant would enter it: the year's budget its amount, every target
    met at its target value (a qualitative one achieved, scored its full weight), weights by default."""
    evaluation = ProjectEvaluation.objects.create(
        project=project, full_year_budget=sum(line.amount for line in project.lines.all()), executed=executed,
        achieved_goal="完成测试。",
    )
    targets = list(project.indicators.order_by("position", "pk"))
    for target, weight in zip(targets, scoring.default_weights([target.level1 for target in targets]), strict=True):
        entered = ({"actual_number": target.target_number} if target.target_number is not None else
                   {"actual_text": target.target_text, "achievement": scoring.ACHIEVED, "judged_score": weight})
        IndicatorEvaluation.objects.create(indicator=target, weight=weight, **entered)
    return evaluation


def under_review(budget, accountant, explanation):
    """A complete budget (complete_budget) submitted by the accountant, its department's budget of the year before
    published with 8.00万元 of the 10.00 basic and 5.00 project 万元 in 2013301, so that function 类 201 rose by
    87.5% (warning C15, explained by the accountant's explanation)."""
    for model, kind in ((FunctionSubject, "function"), (EconomicSubject, "economic")):
        if not model.objects.filter(year=budget.year - 1).exists():
            subjects.load_starter(model, kind, budget.year - 1)
    earlier = Budget.objects.create(department=budget.department, year=budget.year - 1)
    make_line(earlier, "2013301", "30101", "80000.00")
    publish(earlier)
    complete_budget(budget)
    budget.basic_change_reason, budget.project_change_reason = "人员增加。", "新增测试项目。"
    budget.save()
    [warning] = checks.run(budget)
    checks.explain(budget, warning, explanation, accountant)
    return workflow.submit(budget, accountant)


def correct(budget, reviewer, reason):
    """Publish a correction of a published budget, as a reviewer does: reopen, approve, publish."""
    workflow.reopen(budget, reviewer, reason)
    return publish(Budget.objects.get(pk=budget.pk), reviewer, reason)


def database_state(budget):
    """Everything an import may replace, as plain values, to compare before and after."""
    return (
        list(budget.lines.order_by("pk").values()),
        list(Project.objects.filter(budget=budget).order_by("pk").values()),
        list(PerformanceIndicator.objects.filter(project__budget=budget).order_by("pk").values()),
        list(budget.procurement_items.order_by("pk").values()),
        list(budget.asset_holdings.order_by("pk").values()),
    )


def edited_workbook(content, edit):
    """An .xlsx file after edit(workbook) changed it, opened and saved again (by openpyxl, as by Excel), as bytes."""
    workbook = load_workbook(io.BytesIO(content))
    edit(workbook)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def department_list(tmp_path, *rows, encoding="gbk"):
    """A department list file for `import_departments`, with its header and these CSV rows; its path."""
    path = tmp_path / "departments.csv"
    header = "部门编码,部门名称,上级部门编码,单位性质,单位规格,经费保障形式"
    path.write_bytes("\r\n".join([header, *rows]).encode(encoding))
    return str(path)


LINE_ROW = ["", "2013301", "30201", "基本支出", "一般公共预算拨款", "否", "", "20000.00"]  # a line of the CSV import


def csv_upload(rows, name="lines.csv"):
    """A CSV of budget lines, as an accountant uploads it in the admin (GBK, as Excel saves it)."""
    content = "\r\n".join([",".join(imports.SHEETS[imports.LINES])] + [",".join(row) for row in rows])
    return SimpleUploadedFile(name, content.encode("gbk"), content_type="text/csv")


def fake_pdf(page_html):
    """A one-page PDF standing for the one WeasyPrint would write from the page's HTML (pdf.page): valid
    (pypdf reads it), titled as the page and different for each different page (its subject is the
    HTML's digest), in milliseconds where WeasyPrint takes seconds."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    title = re.search(r"<title>(.*?)</title>", page_html).group(1)
    writer.add_metadata({"/Title": title, "/Subject": hashlib.sha256(page_html.encode()).hexdigest()})
    content = io.BytesIO()
    writer.write(content)
    return content.getvalue()


# ---------------------------------------------------------------------------------------------- final accounts


def final_accounts(department, year=2024, status="draft", **facts):
    """A department's final accounts (部门决算) of the year, in that status."""
    from final_accounts.models import FinalAccounts

    return FinalAccounts.objects.create(department=department, year=year, status=status, **facts)


def filled_final_accounts(accounts):
    """Final accounts with one row of each kind (an actual line, an income line, a carry-over, a 项's 年初预算), as
    their accountant would enter them; the rows named "测试" where a name can be."""
    from decimal import Decimal

    from final_accounts.models import ActualLine, CarryOver, IncomeLine, ItemBudget

    function = FunctionSubject.for_code(accounts.year, "2013301")
    ActualLine.objects.create(final_accounts=accounts, function_subject=function,
                              economic_subject=EconomicSubject.for_code(accounts.year, "30201"), kind="basic",
                              source="general_budget", amount=Decimal("80000.00"))
    IncomeLine.objects.create(final_accounts=accounts, function_subject=function, source="general_budget",
                              amount=Decimal("90000.00"))
    CarryOver.objects.create(final_accounts=accounts, fund="general_budget", moment="end", amount=Decimal("10000.00"))
    ItemBudget.objects.create(final_accounts=accounts, function_subject=function, initial_budget=Decimal("100000.00"),
                              purpose="测试用途：机关运行。", reason="测试原因：节约开支。")
    accounts.duties = "负责测试工作。"
    accounts.budget_difference_reason = "测试原因：节约开支。"
    accounts.save()
    return accounts


def final_accounts_state(accounts):
    """Everything an import may replace, as plain values, to compare before and after."""
    return tuple(list(rows.order_by("pk").values()) for rows in (
        accounts.lines, accounts.income_lines, accounts.carryovers, accounts.item_budgets))
