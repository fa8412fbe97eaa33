"""A department's final accounts for one year (部门决算): actual lines, income, carry-overs, and the few facts the
tables cannot supply (docs/final-accounts.md). Every table and figure derives from these, as the budget's do."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from budget import access
from budget.models import (
    AMOUNT,
    POSITIVE,
    Budget,
    EconomicSubject,
    ExpenditureKind,
    FrozenDocument,
    FunctionSubject,
    FundingSource,
    PublicVersionManager,
    PublishedVersionQuerySet,
    ReviewedDocument,
    WorkflowStep,
)
from budget.models import PublishedVersion as BudgetVersion
from departments.models import Department
from final_accounts.builders import facts


def _optional_amount(label, **kwargs):
    return models.DecimalField(label, **AMOUNT, null=True, blank=True, **kwargs)


def _count(label, **kwargs):
    return models.PositiveIntegerField(label, default=0, **kwargs)


class FinalAccountsQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Budget.Status.PUBLISHED)

    def for_user(self, user):
        """Final accounts this user may see in the admin: all for the bureau, their departments' for an accountant."""
        return access.visible_final_accounts(user, self)

    def editable_by(self, user):
        """Final accounts whose data this user may change now (drafts and returned ones of their departments)."""
        return access.editable_final_accounts(user, self)


class FinalAccounts(ReviewedDocument):
    """A department's final accounts for one year (部门决算)."""

    Status = Budget.Status
    EDITABLE_STATUSES = Budget.EDITABLE_STATUSES

    department = models.ForeignKey(Department, models.PROTECT, related_name="final_accounts", verbose_name="部门")
    year = models.PositiveSmallIntegerField("决算年度")
    status = models.CharField("状态", max_length=20, choices=Budget.Status.choices, default=Budget.Status.DRAFT)
    published_at = models.DateTimeField("首次公开时间", null=True, blank=True)

    duties = models.TextField("主要职能", blank=True, help_text="每段一行。")
    # 使用非财政拨款结余 and 结余分配 are flows of the year the lines do not hold.
    non_fiscal_balance_used = models.DecimalField(
        "使用非财政拨款结余（含专用结余）（元）", **AMOUNT, default=0, blank=True
    )
    balance_distribution = models.DecimalField("结余分配（元）", **AMOUNT, default=0, blank=True)

    # Reasons the explanation prints beside computed figures.
    total_change_reason = models.TextField("收入支出总计增减变化的主要原因", blank=True)
    fiscal_change_reason = models.TextField("财政拨款收入支出总计增减变化的主要原因", blank=True)
    general_budget_change_reason = models.TextField("一般公共预算财政拨款支出增减变化的主要原因", blank=True)
    budget_difference_reason = models.TextField(
        "一般公共预算财政拨款支出决算数与年初预算数差异的主要原因", blank=True
    )
    three_public_difference_reason = models.TextField("“三公”经费决算数与预算数差异的主要原因", blank=True)
    running_cost_change_reason = models.TextField("机关运行经费增减变化的主要原因", blank=True)

    # The "三公" budget: entered only where the year's budget was not published on the platform.
    overseas_travel_budget = _optional_amount("因公出国（境）费预算数（元）")
    vehicle_purchase_budget = _optional_amount("公务用车购置费预算数（元）")
    vehicle_upkeep_budget = _optional_amount("公务用车运行维护费预算数（元）")
    reception_budget = _optional_amount("公务接待费预算数（元）")
    overseas_groups = _count("因公出国（境）团组数")
    overseas_people = _count("因公出国（境）人次")
    vehicles_purchased = _count("购置公务用车（辆）")
    vehicles_held = _count("公务用车保有量（辆）")
    reception_batches = _count("国内公务接待批次")
    reception_people = _count("国内公务接待人次")

    # Last year's figures: entered only where last year's final accounts were not published on the platform.
    # Empty means unknown, which the explanation says, never treated as zero.
    prior_total = _optional_amount("上年收入支出总计（元）")
    prior_fiscal_total = _optional_amount("上年财政拨款收入支出总计（元）")
    prior_general_budget_expenditure = _optional_amount("上年一般公共预算财政拨款支出（元）")
    prior_running_cost = _optional_amount("上年机关运行经费（元）")
    prior_three_public = _optional_amount("上年“三公”经费财政拨款支出决算（元）")

    # 政府采购 (by contract), in 元
    procurement_goods = models.DecimalField("货物采购金额（元）", **AMOUNT, default=0, blank=True)
    procurement_works = models.DecimalField("工程采购金额（元）", **AMOUNT, default=0, blank=True)
    procurement_services = models.DecimalField("服务采购金额（元）", **AMOUNT, default=0, blank=True)
    sme_reserved = models.DecimalField("面向中小企业预留项目预算金额（元）", **AMOUNT, default=0, blank=True)
    small_micro_reserved = models.DecimalField("面向小微企业预留项目预算金额（元）", **AMOUNT, default=0, blank=True)
    sme_awarded_reserved = models.DecimalField(
        "预留项目中由中小企业中标或成交的采购金额（元）", **AMOUNT, default=0, blank=True
    )
    small_micro_awarded_reserved = models.DecimalField(
        "小微企业预留项目中由小微企业中标或成交的采购金额（元）", **AMOUNT, default=0, blank=True
    )
    sme_awarded_other = models.DecimalField(
        "其他项目中由中小企业中标或成交的采购金额（元）", **AMOUNT, default=0, blank=True
    )

    # 国有资产占有使用情况: vehicles by kind, and equipment of 100万元 or more each, at 31 December.
    vehicles_ministerial = _count("部级领导干部用车（辆）")
    vehicles_principal = _count("主要领导干部用车（辆）")
    vehicles_confidential = _count("机要通信用车（辆）")
    vehicles_emergency = _count("应急保障用车（辆）")
    vehicles_enforcement = _count("执法执勤用车（辆）")
    vehicles_special = _count("特种专业技术用车（辆）")
    vehicles_retired_cadres = _count("离退休干部用车（辆）")
    vehicles_other = _count("其他用车（辆）")
    equipment_over_million = _count("单价100万元（含）以上设备（不含车辆）（台/套）")

    # 预算绩效管理情况: entered where the year's self-evaluation was not made on the platform.
    performance_management = models.TextField(
        "预算绩效管理工作开展情况", blank=True, help_text="如：本部门制定了……，建立了……。"
    )
    targets_projects = _count("编报绩效目标的项目个数")
    targets_amount = models.DecimalField("编报绩效目标的项目预算金额（元）", **AMOUNT, default=0, blank=True)
    tracked_projects = _count("绩效跟踪评价的项目个数")
    tracked_amount = models.DecimalField("绩效跟踪评价的项目预算金额（元）", **AMOUNT, default=0, blank=True)
    evaluated_projects = _count("绩效自评的项目个数")
    evaluated_amount = models.DecimalField("绩效自评的项目预算金额（元）", **AMOUNT, default=0, blank=True)
    average_score = models.DecimalField("绩效自评平均得分", max_digits=5, decimal_places=2, null=True, blank=True)
    grade_excellent = _count("绩效评级为“优”的项目个数")
    grade_good = _count("绩效评级为“良”的项目个数")
    grade_pass = _count("绩效评级为“合格”的项目个数")
    grade_fail = _count("绩效评级为“不合格”的项目个数")
    problems_found = _count("绩效自评发现问题个数")
    problems_fixed = _count("已完成整改的问题个数")
    problems_fixing = _count("正在整改的问题个数")

    revision = models.PositiveIntegerField("修订号", default=0, editable=False)

    objects = FinalAccountsQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["revision"])

    class Meta:
        verbose_name = "部门决算"
        verbose_name_plural = "部门决算"
        ordering = ["-year", "department__code"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year"], name="one_final_accounts_per_department_year")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("final-accounts-detail", args=[self.year, self.department.code])

    @property
    def title(self):
        """The document's title, e.g. "上海市普陀区财政局2024年度部门决算"."""
        return f"{self.department.name}{self.year}年度部门决算"

    @property
    def pdf_filename(self):
        return f"{self.title}.pdf"

    def is_editable_by(self, user):
        """True when this user may change the final accounts' data now."""
        return access.may_edit_final_accounts(user, self)

    def budget_of_year(self):
        """The department's budget for the same year when it is published on the platform, else None."""
        return Budget.objects.filter(
            department_id=self.department_id, year=self.year, status=Budget.Status.PUBLISHED
        ).first()

    def published_initial_budgets(self):
        """年初预算 of 一般公共预算财政拨款 by 功能分类 项 code, in 元, from the year's budget published on the
        platform (its 一般公共预算拨款 lines, carry-overs included, as its table 5 shows them); None when the year's
        budget is not published here, and they are entered instead."""
        budget = self.budget_of_year()
        if budget is None:
            return None
        totals = (budget.lines.filter(source=FundingSource.GENERAL_BUDGET).values("function_subject__code")
                  .annotate(total=models.Sum("amount")).order_by("function_subject__code"))
        return {row["function_subject__code"]: row["total"] for row in totals}

    def prior_year_published(self):
        """True when the department's final accounts of the year before are published on the platform (their
        figures give the year-on-year comparison; nothing of last year is entered then)."""
        return FinalAccounts.objects.published().filter(department_id=self.department_id, year=self.year - 1).exists()

    def entered_three_public_budget(self):
        """The "三公" budget as entered (None where not entered), by item."""
        return {
            facts.OVERSEAS_TRAVEL: self.overseas_travel_budget,
            facts.VEHICLE_PURCHASE: self.vehicle_purchase_budget,
            facts.VEHICLE_UPKEEP: self.vehicle_upkeep_budget,
            facts.RECEPTION: self.reception_budget,
        }

    def line_facts(self):
        """The actual lines as the builders' plain values (one query)."""
        return tuple(
            facts.ActualLine(*values)
            for values in self.lines.values_list(
                "function_subject__code", "economic_subject__code", "kind", "source", "amount"
            )
        )

    def income_facts(self):
        """The income lines as plain values (one query)."""
        return tuple(
            facts.IncomeLine(*values)
            for values in self.income_lines.values_list("function_subject__code", "source", "amount")
        )

    def carryover_facts(self):
        """The carry-overs as plain values (one query)."""
        return tuple(
            facts.CarryOver(fund, moment, amount, code or "")
            for fund, moment, amount, code in self.carryovers.values_list(
                "fund", "moment", "amount", "function_subject__code"
            )
        )


class _OfFinalAccounts(models.Model):
    """A row that belongs to one department's final accounts, in one of its units."""

    final_accounts = models.ForeignKey(FinalAccounts, models.CASCADE, related_name="+", verbose_name="部门决算")
    unit = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="单位",
        help_text="留空表示部门本身。",
    )

    class Meta:
        abstract = True

    def clean(self):
        """The unit is the department or one of its units; the 功能分类 is a 项 (7 digits)."""
        errors = {}
        accounts = getattr(self, "final_accounts", None)
        if (self.unit_id and accounts and self.unit is not None
                and accounts.department_id not in (self.unit.pk, self.unit.parent_id)):
            errors["unit"] = "所选单位不是本部门或其所属单位。"
        subject = getattr(self, "function_subject", None)
        if subject is not None and len(subject.code) != 7:
            errors["function_subject"] = f"功能分类科目须填到项（7位），“{subject.code}”不是项。"
        if errors:
            raise ValidationError(errors)


class ActualLine(_OfFinalAccounts):
    """One line of actual expenditure (决算明细): the single fact the expenditure tables derive from."""

    final_accounts = models.ForeignKey(FinalAccounts, models.CASCADE, related_name="lines", verbose_name="部门决算")
    function_subject = models.ForeignKey(
        FunctionSubject, models.PROTECT, related_name="+", verbose_name="功能分类科目"
    )
    economic_subject = models.ForeignKey(
        EconomicSubject, models.PROTECT, related_name="+", verbose_name="经济分类科目"
    )
    kind = models.CharField("支出类型", max_length=20, choices=ExpenditureKind.choices)
    source = models.CharField("资金来源", max_length=30, choices=FundingSource.choices)
    amount = models.DecimalField("金额（元）", **AMOUNT, validators=[POSITIVE])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "决算支出明细"
        verbose_name_plural = "决算支出明细"
        ordering = ["function_subject__code", "economic_subject__code", "pk"]

    def __str__(self):
        return f"{self.function_subject.code} / {self.economic_subject.code}：{self.amount}元"

    def clean(self):
        """As any row, and the 经济分类 is a 款 (5 digits)."""
        errors: dict[str, str | list[str]] = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        subject = getattr(self, "economic_subject", None)
        if subject is not None and len(subject.code) != 5:
            errors["economic_subject"] = f"经济分类科目须填到款（5位），“{subject.code}”不是款。"
        if errors:
            raise ValidationError(errors)


class IncomeLine(_OfFinalAccounts):
    """Income of the year (本年收入) by 功能分类 项 and source."""

    final_accounts = models.ForeignKey(
        FinalAccounts, models.CASCADE, related_name="income_lines", verbose_name="部门决算"
    )
    function_subject = models.ForeignKey(
        FunctionSubject, models.PROTECT, related_name="+", verbose_name="功能分类科目"
    )
    source = models.CharField("收入来源", max_length=30, choices=FundingSource.choices)
    amount = models.DecimalField("金额（元）", **AMOUNT, validators=[POSITIVE])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "决算收入明细"
        verbose_name_plural = "决算收入明细"
        ordering = ["function_subject__code", "source", "pk"]

    def __str__(self):
        return f"{self.function_subject.code} {self.get_source_display()}：{self.amount}元"


class CarryOver(_OfFinalAccounts):
    """结转和结余 of one fund at the start or the end of the year; by 功能分类 项 for the fund tables."""

    class Fund(models.TextChoices):
        GENERAL_BUDGET = facts.GENERAL_BUDGET, "一般公共预算财政拨款"
        GOVERNMENT_FUND = facts.GOVERNMENT_FUND, "政府性基金预算财政拨款"
        STATE_CAPITAL = facts.STATE_CAPITAL, "国有资本经营预算财政拨款"
        NON_FISCAL = facts.NON_FISCAL, "非财政拨款"

    class Moment(models.TextChoices):
        START = facts.START, "年初结转和结余"
        END = facts.END, "年末结转和结余"

    final_accounts = models.ForeignKey(
        FinalAccounts, models.CASCADE, related_name="carryovers", verbose_name="部门决算"
    )
    fund = models.CharField("资金性质", max_length=20, choices=Fund.choices)
    moment = models.CharField("时点", max_length=10, choices=Moment.choices)
    function_subject = models.ForeignKey(
        FunctionSubject, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="功能分类科目",
        help_text="政府性基金、国有资本经营的结转须填到项；其他可不填。",
    )
    amount = models.DecimalField("金额（元）", **AMOUNT, validators=[POSITIVE])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "结转和结余"
        verbose_name_plural = "结转和结余"
        ordering = ["moment", "fund", "function_subject__code", "pk"]

    def __str__(self):
        return f"{self.get_moment_display()} {self.get_fund_display()}：{self.amount}元"

    def clean(self):
        """As any row, and a fund whose table goes by 项 (政府性基金, 国有资本经营) names its 项."""
        errors: dict[str, str | list[str]] = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        if self.fund in FUNDS_BY_ITEM and getattr(self, "function_subject", None) is None:
            errors["function_subject"] = "政府性基金、国有资本经营预算财政拨款的结转和结余须填到项（7位编码）。"
        if errors:
            raise ValidationError(errors)


# The funds whose tables (8 and 9) list their carry-overs by 功能分类 项
FUNDS_BY_ITEM = {CarryOver.Fund.GOVERNMENT_FUND, CarryOver.Fund.STATE_CAPITAL}


class ItemBudget(models.Model):
    """A 功能分类 项 of 一般公共预算财政拨款 expenditure: its 年初预算 (entered only where the year's budget is not
    published on the platform), what it was used for and why its actual differs."""

    final_accounts = models.ForeignKey(
        FinalAccounts, models.CASCADE, related_name="item_budgets", verbose_name="部门决算"
    )
    function_subject = models.ForeignKey(
        FunctionSubject, models.PROTECT, related_name="+", verbose_name="功能分类科目（项）"
    )
    initial_budget = _optional_amount(
        "年初预算数（元）", help_text="本年度部门预算已在本平台公开时不填，取自公开的预算。"
    )
    purpose = models.TextField("主要用于", blank=True, help_text="如：局本部人员经费及公用经费等的基本支出。")
    reason = models.TextField("决算数与预算数差异的主要原因", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目年初预算与说明"
        verbose_name_plural = "项目年初预算与说明"
        ordering = ["function_subject__code"]
        constraints = [
            models.UniqueConstraint(fields=["final_accounts", "function_subject"], name="one_item_budget_per_subject")
        ]

    def __str__(self):
        return f"{self.function_subject.code} {self.function_subject.name}"



class StatusChange(WorkflowStep):
    """One step of the final accounts' review: who moved them from which status to which, when and why."""

    final_accounts = models.ForeignKey(
        FinalAccounts, models.CASCADE, related_name="status_changes", verbose_name="部门决算"
    )

    class Meta:
        verbose_name = "决算审核流程记录"
        verbose_name_plural = "决算审核流程记录"
        ordering = ["final_accounts", "-at", "-pk"]


def version_pdf_path(version, filename):
    accounts = version.final_accounts
    return f"published/final-accounts/{accounts.year}/{accounts.department.code}/v{version.number}-{filename}"


class PublishedVersion(FrozenDocument):
    """A published, frozen version of a final accounts document; a correction is a new version with a reason.

    Publication freezes it (RENDERING); it becomes public (PUBLIC) once a worker has stored its PDF, as a budget's.
    """

    State = BudgetVersion.State

    final_accounts = models.ForeignKey(
        FinalAccounts, models.PROTECT, related_name="versions", verbose_name="部门决算"
    )
    number = models.PositiveSmallIntegerField("版本")
    state = models.CharField("状态", max_length=20, choices=BudgetVersion.State.choices, default=State.RENDERING)
    render_attempts = models.PositiveSmallIntegerField("PDF生成次数", default=0)
    render_error = models.TextField("PDF生成失败原因", blank=True)
    published_at = models.DateTimeField("公开时间", default=timezone.now, help_text="生成PDF前为提交公开的时间。")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="公开人"
    )
    reason = models.TextField("更正原因", blank=True)
    # As printed in the document: a department renamed later keeps its old name on what it published.
    department_name = models.CharField("公开时的部门名称", max_length=200)
    html = models.TextField("文档HTML")
    tables = models.JSONField("九张表（显示值）")
    figures = models.JSONField("主要数字（元）", help_text="收支总计等，供列表、下年比较和预算执行使用。")
    is_current = models.BooleanField("现行版本", default=False)
    pdf = models.FileField("PDF", upload_to=version_pdf_path, blank=True)
    pdf_sha256 = models.CharField("PDF的SHA-256", max_length=64, blank=True)

    objects = PublicVersionManager()
    all_states = PublishedVersionQuerySet.as_manager()  # for the publication pipeline only

    class Meta:
        verbose_name = "已公开的决算版本"
        verbose_name_plural = "已公开的决算版本"
        ordering = ["final_accounts", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["final_accounts", "number"], name="unique_final_accounts_version")
        ]

    def __str__(self):
        return f"{self.final_accounts}（第{self.number}版）"

    @property
    def title(self):
        """The published document's title, with the department's name at publication."""
        return f"{self.department_name}{self.final_accounts.year}年度部门决算"
