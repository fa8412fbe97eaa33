import hashlib
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from budget import access
from budget.builders import codes, tables
from budget.builders.money import ZERO
from departments.models import Department

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

    from final_accounts.models import PublishedVersion as FinalAccountsVersion


class AmountDigits(TypedDict):
    max_digits: int
    decimal_places: int


AMOUNT: AmountDigits = {"max_digits": 15, "decimal_places": 2}  # typed, so that a checker sees what **AMOUNT passes
POSITIVE = MinValueValidator(Decimal("0.01"), message="金额必须大于零。")


class ExpenditureKind(models.TextChoices):
    BASIC = tables.BASIC, "基本支出"
    PROJECT = tables.PROJECT, "项目支出"
    OPERATING = tables.OPERATING, "经营支出"
    REMITTANCE = tables.REMITTANCE, "上解上级支出"
    AFFILIATE_SUBSIDY = tables.AFFILIATE_SUBSIDY, "对附属单位补助支出"


class FundingSource(models.TextChoices):
    GENERAL_BUDGET = tables.GENERAL_BUDGET, "一般公共预算拨款"
    GOVERNMENT_FUND = tables.GOVERNMENT_FUND, "政府性基金预算拨款"
    STATE_CAPITAL = tables.STATE_CAPITAL, "国有资本经营预算拨款"
    SPECIAL_ACCOUNT = tables.SPECIAL_ACCOUNT, "财政专户管理资金"
    SERVICE_REVENUE = tables.SERVICE_REVENUE, "事业收入"
    BUSINESS_REVENUE = tables.BUSINESS_REVENUE, "事业单位经营收入"
    SUPERIOR_GRANT = tables.SUPERIOR_GRANT, "上级补助收入"
    AFFILIATE_REMITTANCE = tables.AFFILIATE_REMITTANCE, "附属单位上缴收入"
    OTHER_REVENUE = tables.OTHER_REVENUE, "其他收入"


class Subject(models.Model):
    """A code of an official classification list (科目), valid for one year."""

    year = models.PositiveSmallIntegerField("年度")
    code = models.CharField("科目编码", max_length=codes.ITEM_LENGTH)
    name = models.CharField("科目名称", max_length=100)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级科目"
    )
    parent_id: int | None  # the plugin gives an abstract model's foreign keys no `_id` of their own

    class Meta:
        abstract = True
        ordering = ["-year", "code"]

    def __str__(self):
        return f"{self.code} {self.name}（{self.year}）"

    @classmethod
    def for_code(cls, year, code):
        """The subject of that code in the year's list, or a ValidationError saying it is not there."""
        try:
            # The default manager: an abstract model has no `objects` of its own to a checker.
            return cls._default_manager.get(year=year, code=code)
        except cls.DoesNotExist:
            raise cls.not_found(year, code) from None

    @classmethod
    def not_found(cls, year, code):
        return ValidationError(f"{year}年的{cls._meta.verbose_name}中没有编码为“{code}”的科目。", code="unknown_code")

    @classmethod
    def of_year(cls, year):
        """The year's whole list by code, each subject with its parents loaded (for `path`), in one query."""
        subjects = {subject.pk: subject for subject in cls._default_manager.filter(year=year)}
        for subject in subjects.values():
            if subject.parent_id in subjects:
                subject.parent = subjects[subject.parent_id]
        return {subject.code: subject for subject in subjects.values()}

    @property
    def path(self):
        """The names from the 类 down to this subject, e.g. "一般公共服务支出 › 政府办公厅（室）及相关机构事务 › 行政运行":
        what tells apart the many 项 named 行政运行. Load the parents with the subject (of_year, select_related)."""
        names = []
        subject: Subject | None = self
        while subject is not None:
            names.append(subject.name)
            subject = subject.parent
        return " › ".join(reversed(names))

    @property
    def level(self):
        """1 for 类 (3 digits), 2 for 款 (5 digits), 3 for 项 (7 digits)."""
        return {3: 1, 5: 2, 7: 3}[len(self.code)]


class FunctionSubject(Subject):
    """支出功能分类科目: 类 (3 digits), 款 (5) and 项 (7)."""

    leaf_length = codes.ITEM_LENGTH  # a line's function subject is a 项

    class Meta(Subject.Meta):
        verbose_name = "功能分类科目"
        verbose_name_plural = "功能分类科目"
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="unique_function_subject")]


class EconomicSubject(Subject):
    """部门预算支出经济分类科目: 类 (3 digits) and 款 (5)."""

    leaf_length = codes.SECTION_LENGTH  # a line's economic subject is a 款

    class CostCategory(models.TextChoices):
        PERSONNEL = tables.PERSONNEL, "人员经费"
        PUBLIC_EXPENSE = tables.PUBLIC_EXPENSE, "公用经费"

    cost_category = models.CharField(
        "人员经费/公用经费",
        max_length=20,
        choices=CostCategory.choices,
        blank=True,
        help_text="只在类级科目上填写；款级科目随其所属的类。",
    )

    class Meta(Subject.Meta):
        verbose_name = "经济分类科目"
        verbose_name_plural = "经济分类科目"
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="unique_economic_subject")]


def classifications_for_year(year):
    """The year's subject names and 人员经费 classes, as the table builders take them (two queries)."""
    economic = list(EconomicSubject.objects.filter(year=year).values_list("code", "name", "cost_category"))
    return tables.Classifications(
        function_names=dict(FunctionSubject.objects.filter(year=year).values_list("code", "name")),
        economic_names={code: name for code, name, _ in economic},
        personnel_classes=frozenset(
            code for code, _, category in economic if category == EconomicSubject.CostCategory.PERSONNEL
        ),
    )


class BudgetQuerySet(models.QuerySet):
    def for_user(self, user):
        """Budgets this user may see in the admin: all for the bureau, their own departments' for an accountant."""
        return access.visible_budgets(user, self)

    def editable_by(self, user):
        """Budgets whose data this user may change now (drafts and returned budgets of their departments)."""
        return access.editable_budgets(user, self)


class ReviewedDocument(models.Model):
    """What a document under review does alike, a budget or final accounts (final_accounts.models): only edited while
    a draft or returned, its changes counted in `revision`, its moves logged in `status_changes`, its public
    versions in `versions`. No fields: the models and their migrations stay their own."""

    # What each document declares for itself, named so that the methods below (and the services taking either
    # document) are checked against it: Budget's and FinalAccounts' fields, their status lists, their logs.
    EDITABLE_STATUSES: ClassVar[tuple[str, ...]]
    department: Department
    year: int
    status: str
    status_changes: "models.Manager[WorkflowStep]"
    versions: "models.Manager[PublishedVersion] | models.Manager[FinalAccountsVersion]"
    # simple_history's: who made the change and why, read when the change is saved.
    _history_user: "AbstractBaseUser | None"
    _change_reason: str

    class Meta:
        abstract = True

    @property
    def is_open_for_editing(self):
        """Data may change only while a draft or returned for changes."""
        return self.status in self.EDITABLE_STATUSES

    def record_change(self):
        """Count a change of the data or status, so that forms opened before it are refused."""
        type(self)._default_manager.filter(pk=self.pk).update(revision=models.F("revision") + 1)

    def move(self, to_status, user, comment="", **step):
        """Move to a status of the workflow, logging who (None for a script) and why (step: the kind's own fields
        of the logged step)."""
        self.status_changes.create(from_status=self.status, to_status=to_status, user=user, comment=comment, **step)
        self.status = to_status
        self._history_user = user  # the history names the actor, also where no request does (a worker, a script)
        self.save(update_fields=["status"])
        self.record_change()

    def current_version(self):
        """The latest public version, or None."""
        return self.versions.order_by("-number").first()


class Budget(ReviewedDocument):
    """A department's budget for one year (部门预算): the line items and everything the document says."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        RETURNED = "returned", "已退回"
        APPROVED = "approved", "已审核"
        PUBLISHING = "publishing", "公开中"  # frozen; public once its PDF is rendered (budget/publication.py)
        PUBLISHED = "published", "已公开"

    department = models.ForeignKey(Department, models.PROTECT, related_name="budgets", verbose_name="部门")
    year = models.PositiveSmallIntegerField("预算年度")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("首次公开时间", null=True, blank=True)

    # Prior-year totals, for when the system holds no budget of the prior year. Empty means unknown,
    # which the document must say, never treat as zero.
    prior_year_total = models.DecimalField("上年预算收支总额（元）", **AMOUNT, null=True, blank=True)
    prior_year_basic = models.DecimalField("上年基本支出（元）", **AMOUNT, null=True, blank=True)
    prior_year_project = models.DecimalField("上年项目支出（元）", **AMOUNT, null=True, blank=True)
    prior_year_three_public = models.DecimalField("上年“三公”经费（元）", **AMOUNT, null=True, blank=True)

    duties = models.TextField("部门职责", blank=True, help_text="每段一行。")
    basic_change_reason = models.TextField("基本支出增减原因", blank=True)
    project_change_reason = models.TextField("项目支出增减原因", blank=True)
    running_cost_uses = models.TextField(
        "机关运行经费主要用途", blank=True, help_text="如：日常维修、办公用房水电费、办公用房取暖费等日常运行支出。"
    )
    three_public_change_reason = models.TextField("“三公”经费增减变化原因", blank=True)
    overall_goal = models.TextField("总体绩效目标", blank=True)
    item_goals = models.TextField("分项绩效目标", blank=True, help_text="每段一行。")
    safeguards = models.TextField("工作保障措施", blank=True, help_text="每段一行。")
    assets_as_of = models.DateField(
        "固定资产统计截止日期", null=True, blank=True, help_text="不填则为上年12月31日。"
    )
    other_notes = models.TextField("其他说明", blank=True)

    # Counts the changes of the budget's data and status: a form carries the revision it was opened at, and
    # is refused if the budget has changed since (no edit silently overwrites another).
    revision = models.PositiveIntegerField("修订号", default=0, editable=False)

    objects = BudgetQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["revision"])

    class Meta:
        verbose_name = "部门预算"
        verbose_name_plural = "部门预算"
        ordering = ["-year", "department__code"]
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="one_budget_per_department_year")]
        permissions = [("review_budget", "审核部门预算（退回、审核通过）"), ("publish_budget", "公开部门预算")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("budget-detail", args=[self.year, self.department.code])

    @property
    def title(self):
        """The document's title, e.g. "…委员会2024年部门预算"."""
        return f"{self.department.name}{self.year}年部门预算"

    @property
    def pdf_filename(self):
        return f"{self.title}.pdf"

    @property
    def assets_counted_on(self):
        """The day the fixed-asset holdings are counted: as entered, else 31 December of the year before."""
        return self.assets_as_of or date(self.year - 1, 12, 31)

    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    def is_editable_by(self, user):
        """True when this user may change the budget's data now."""
        return access.may_edit_budget(user, self)

    def move(self, to_status, user, comment="", snapshot=None, **step):
        """Move to a status of the workflow, logging who (None for a script), why and what was frozen."""
        super().move(to_status, user, comment, snapshot=snapshot, **step)

    def pending_version(self):
        """The version frozen by a publication and waiting for its PDF (公开中), or None."""
        return PublishedVersion.all_states.filter(budget=self).exclude(state=PublishedVersion.State.PUBLIC).first()

    def line_facts(self):
        """All lines as the plain values the table builders take (one query)."""
        return [
            tables.Line(function, economic, kind, source, is_carryover, amount, project or "")
            for function, economic, kind, source, is_carryover, amount, project in self.lines.values_list(
                "function_subject__code", "economic_subject__code", "kind", "source", "is_carryover", "amount",
                "project__code",
            )
        ]

    def build_tables(self):
        """The nine standard tables of this budget (three queries, whatever the number of lines)."""
        return tables.build_all(self.line_facts(), classifications_for_year(self.year))


PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Project(models.Model):
    """A project (项目) of a budget; its amount is the sum of its 项目支出 lines, never typed."""

    budget = models.ForeignKey(Budget, models.CASCADE, related_name="projects", verbose_name="部门预算")
    code = models.CharField("项目编码", max_length=40)
    name = models.CharField("项目名称", max_length=200)
    purpose = models.TextField("资金用途", blank=True)
    goal = models.TextField("绩效目标", blank=True)
    is_special_fund = models.BooleanField("部门主管专项资金", default=False)
    plan_march = models.PositiveSmallIntegerField("资金支出计划：3月底（%）", validators=PERCENT, null=True, blank=True)
    plan_june = models.PositiveSmallIntegerField("资金支出计划：6月底（%）", validators=PERCENT, null=True, blank=True)
    plan_october = models.PositiveSmallIntegerField("资金支出计划：10月底（%）", validators=PERCENT, null=True, blank=True)
    plan_december = models.PositiveSmallIntegerField("资金支出计划：12月底（%）", validators=PERCENT, null=True, blank=True)
    short_name = models.CharField(
        "简称", max_length=100, blank=True, help_text="在支出说明中列举项目时使用；不填则用项目名称。"
    )
    position = models.PositiveSmallIntegerField("排序", default=0, help_text="在“部门项目预算安排情况及绩效目标”中的顺序。")
    summary_position = models.PositiveSmallIntegerField("支出说明中的排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目"
        verbose_name_plural = "项目"
        ordering = ["budget", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["budget", "code"], name="unique_project_code_per_budget")]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def summary_name(self):
        """The name the 支出说明 lists the project by."""
        return self.short_name or self.name

    PLAN_MONTHS = {"plan_march": "3月底", "plan_june": "6月底", "plan_october": "10月底", "plan_december": "12月底"}

    @property
    def spending_plan(self):
        """The cumulative spending plan in % at the end of March, June, October and December."""
        return [self.plan_march, self.plan_june, self.plan_october, self.plan_december]

    def spending_plan_drops(self):
        """{field: message} for each period planned below an earlier one: the plan is cumulative, it only rises.
        Periods left empty are skipped (a draft's plan may be incomplete)."""
        drops, before = {}, None
        for field, month in self.PLAN_MONTHS.items():
            percent = getattr(self, field)
            if percent is None:
                continue
            if before is not None and percent < before[1]:
                drops[field] = f"资金支出计划是累计数，{month}（{percent}%）不应低于{before[0]}（{before[1]}%）。"
            else:
                before = (month, percent)
        return drops


class BudgetLine(models.Model):
    """One line item (预算明细): the single fact from which every table and figure is derived."""

    # Fields that point at other rows: checked by BudgetLine.clean, left out of clean_fields where the rows may be
    # unsaved (an import) or already loaded (the checks).
    RELATIONS = ["budget", "unit", "function_subject", "economic_subject", "project"]

    budget = models.ForeignKey(Budget, models.CASCADE, related_name="lines", verbose_name="部门预算")
    unit = models.ForeignKey(
        Department,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="单位",
        help_text="留空表示部门本身。",
    )
    function_subject = models.ForeignKey(
        FunctionSubject, models.PROTECT, related_name="lines", verbose_name="功能分类科目"
    )
    economic_subject = models.ForeignKey(
        EconomicSubject, models.PROTECT, related_name="lines", verbose_name="经济分类科目"
    )
    kind = models.CharField("支出类型", max_length=20, choices=ExpenditureKind.choices)
    source = models.CharField("资金来源", max_length=30, choices=FundingSource.choices)
    is_carryover = models.BooleanField("上年结转", default=False)
    project = models.ForeignKey(
        "Project",
        models.RESTRICT,  # a project with lines cannot be deleted, unless its whole budget is
        null=True,
        blank=True,
        related_name="lines",
        verbose_name="项目",
        help_text="项目支出必填，其他支出类型不填。",
    )
    amount = models.DecimalField("金额（元）", **AMOUNT, validators=[POSITIVE])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "预算明细"
        verbose_name_plural = "预算明细"
        ordering = ["function_subject__code", "economic_subject__code", "pk"]

    def __str__(self):
        return f"{self.function_subject.code} / {self.economic_subject.code}：{self.amount}元"

    def clean(self):
        """Codes valid and at leaf level in the budget's year; project iff 项目支出, of the same budget."""
        errors = {}
        budget = getattr(self, "budget", None)  # may be unsaved: lines entered with a new budget
        if self.function_subject_id:
            errors.update(_subject_errors("function_subject", self.function_subject, budget, "功能分类", 7, "项"))
        if self.economic_subject_id:
            errors.update(_subject_errors("economic_subject", self.economic_subject, budget, "经济分类", 5, "款"))
        project = getattr(self, "project", None)  # may be unsaved: projects imported with their lines
        if self.kind == ExpenditureKind.PROJECT and project is None:
            errors["project"] = "项目支出必须选择所属项目。"
        elif self.kind and self.kind != ExpenditureKind.PROJECT and project is not None:
            errors["project"] = "只有项目支出才能选择项目；请清空项目或把支出类型改为项目支出。"
        elif project is not None and budget and project.budget_id != budget.pk:
            errors["project"] = "所选项目不属于本部门预算。"  # not its name: it may be another department's
        if self.unit_id and _unit_error(self.unit, budget):
            errors["unit"] = _unit_error(self.unit, budget)
        if errors:
            raise ValidationError(errors)


def _unit_error(unit, budget):
    """The Chinese error for a unit that is neither the budget's department nor one of its units ("" if it is)."""
    if budget is None or budget.department_id in (unit.pk, unit.parent_id):
        return ""
    return f"所选单位不是{budget.department.name}或其所属单位。"


def _subject_errors(field, subject, budget, list_name, digits, level_name):
    """The Chinese error for a subject of the wrong year or level, keyed by field."""
    if budget and subject.year != budget.year:
        return {field: f"{list_name}科目{subject.code}是{subject.year}年的科目，本预算是{budget.year}年度，请选择{budget.year}年的科目。"}
    if len(subject.code) != digits:
        return {field: f"{list_name}科目须填到{level_name}级（{digits}位编码），{subject.code}{subject.name}不是{level_name}级科目。"}
    return {}


class GlossaryEntry(models.Model):
    """One of the site-wide 名词解释 printed at the end of every budget document."""

    position = models.PositiveSmallIntegerField("序号")
    term = models.CharField("名词", max_length=100)
    definition = models.TextField("解释")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "名词解释"
        verbose_name_plural = "名词解释"
        ordering = ["position"]

    def __str__(self):
        return self.term


class ProcurementItem(models.Model):
    """A 政府采购 item of the budget's procurement table."""

    budget = models.ForeignKey(Budget, models.CASCADE, related_name="procurement_items", verbose_name="部门预算")
    unit = models.ForeignKey(Department, models.PROTECT, related_name="+", verbose_name="采购单位")
    project = models.ForeignKey(
        "Project", models.RESTRICT, null=True, blank=True, related_name="procurement_items",
        verbose_name="政府采购项目来源",
    )
    item_name = models.CharField("采购物品名称", max_length=200)
    catalog_code = models.CharField("政府采购目录序号", max_length=20)
    measure_unit = models.CharField("计量单位", max_length=20)
    quantity = models.DecimalField("数量", max_digits=12, decimal_places=2, validators=[POSITIVE])
    unit_price = models.DecimalField("单价（元）", **AMOUNT, validators=[POSITIVE])
    source = models.CharField("资金来源", max_length=30, choices=FundingSource.choices)
    is_carryover = models.BooleanField("上年结转结余", default=False)
    amount = models.DecimalField("政府采购金额（元）", **AMOUNT, validators=[POSITIVE])
    sme_reserved = models.DecimalField(
        "预留中小微企业份额（元）", **AMOUNT, default=ZERO, validators=[MinValueValidator(0)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "政府采购预算"
        verbose_name_plural = "政府采购预算"
        ordering = ["unit__code", "pk"]

    def __str__(self):
        return self.item_name

    def clean(self):
        """The project must be one of this budget's, the unit its department or one of its units; the SME share
        cannot exceed the amount."""
        errors = {}
        if (self.project_id and self.budget_id and self.project is not None
                and self.project.budget_id != self.budget_id):
            errors["project"] = "所选项目不属于本部门预算。"
        if self.unit_id and _unit_error(self.unit, getattr(self, "budget", None)):
            errors["unit"] = _unit_error(self.unit, self.budget)
        if self.amount is not None and self.sme_reserved is not None and self.sme_reserved > self.amount:
            errors["sme_reserved"] = "预留中小微企业份额不能大于政府采购金额。"
        if errors:
            raise ValidationError(errors)


class AssetHolding(models.Model):
    """One row of 部门固定资产占用情况表, at the end of the prior year."""

    class Category(models.TextChoices):
        BUILDINGS = "buildings", "房屋（平方米）"
        OFFICE_SPACE = "office_space", "其中：办公用房（平方米）"
        VEHICLES = "vehicles", "车辆（台、辆）"
        LARGE_EQUIPMENT = "large_equipment", "单价在20万元以上的设备"
        OTHER = "other", "其他固定资产"

    budget = models.ForeignKey(Budget, models.CASCADE, related_name="asset_holdings", verbose_name="部门预算")
    category = models.CharField("项目", max_length=20, choices=Category.choices)
    quantity = models.DecimalField("数量", max_digits=12, decimal_places=2, null=True, blank=True)
    value = models.DecimalField("价值（元）", **AMOUNT, validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "固定资产占用"
        verbose_name_plural = "固定资产占用"
        constraints = [models.UniqueConstraint(fields=["budget", "category"], name="one_asset_row_per_category")]

    def __str__(self):
        return self.get_category_display()


class WorkflowStep(models.Model):
    """One step of a review: who moved something from which status to which, when and why (a budget's, below; its
    self-evaluation's, performance.models.EvaluationStatusChange)."""

    from_status = models.CharField("原状态", max_length=20, choices=Budget.Status.choices)
    to_status = models.CharField("新状态", max_length=20, choices=Budget.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="操作人"
    )
    at = models.DateTimeField("时间", default=timezone.now)
    comment = models.TextField("意见/说明", blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class StatusChange(WorkflowStep):
    """One step of the review workflow: who moved the budget from which status to which, when and why."""

    budget = models.ForeignKey(Budget, models.CASCADE, related_name="status_changes", verbose_name="部门预算")
    snapshot = models.JSONField("提交时的数据", null=True, blank=True, help_text="提交时保存，用于比较修改。")

    class Meta:
        verbose_name = "审核流程记录"
        verbose_name_plural = "审核流程记录"
        ordering = ["budget", "-at", "-pk"]


def version_pdf_path(version, filename):
    return f"published/{version.budget.year}/{version.budget.department.code}/v{version.number}-{filename}"


class PublicationBatch(models.Model):
    """Budgets published with one action (one, or a whole year's approved ones): their progress is followed
    together, and the public listings are rebuilt once when the last of them is done."""

    requested_at = models.DateTimeField("提交时间", default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="提交人"
    )

    class Meta:
        verbose_name = "公开批次"
        verbose_name_plural = "公开批次"
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"公开批次{self.pk}"

    def is_finished(self):
        """True when none of its versions is still waiting for its PDF (each is public, or failed for good)."""
        return not PublishedVersion.all_states.filter(batch=self, state=PublishedVersion.State.RENDERING).exists()


class PublishedVersionQuerySet(models.QuerySet):
    def current(self):
        """The version the public sees of each document (earlier ones are corrected)."""
        return self.filter(is_current=True)


# Named at the module's level: django-stubs' plugin reads a manager class made by `from_queryset` only there.
_PublishedVersionManager = models.Manager.from_queryset(PublishedVersionQuerySet)


class PublicVersionManager(_PublishedVersionManager):
    """Public versions only: a version waiting for its PDF is not published yet, and no query through the
    default manager (nor `budget.versions`) can show it. A budget's versions' and a final accounts' (their State is
    the budget's)."""

    def get_queryset(self):
        return super().get_queryset().filter(state=PublishedVersion.State.PUBLIC)


class FrozenDocument(models.Model):
    """What a published version of either document (a budget's, a final accounts') does with what it froze; the
    concrete models declare the fields (their labels and defaults differ)."""

    number: int
    department_name: str
    pdf: FieldFile
    pdf_sha256: str

    class Meta:
        abstract = True

    @property
    def title(self) -> str:
        raise NotImplementedError

    @property
    def is_correction(self):
        return self.number > 1

    @property
    def pdf_filename(self):
        return f"{self.title}.pdf"

    def pdf_problem(self):
        """What is wrong with the stored PDF ("" when it is there and unchanged since publication)."""
        try:
            with self.pdf.open("rb") as stored:
                digest = hashlib.file_digest(stored, "sha256").hexdigest()
        except FileNotFoundError:
            return "文件缺失"
        return "" if digest == self.pdf_sha256 else "内容与公开时不同（SHA-256不符）"


class PublishedVersion(FrozenDocument):
    """A published, frozen version of a budget document; a correction is a new version with a reason.

    Publication freezes it (state RENDERING); it becomes public (PUBLIC) once a worker has stored its PDF.
    """

    class State(models.TextChoices):
        RENDERING = "rendering", "生成PDF中"
        FAILED = "failed", "PDF生成失败"
        PUBLIC = "public", "已公开"

    budget = models.ForeignKey(Budget, models.PROTECT, related_name="versions", verbose_name="部门预算")
    number = models.PositiveSmallIntegerField("版本")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.PUBLIC)
    batch = models.ForeignKey(
        PublicationBatch, models.SET_NULL, null=True, blank=True, related_name="versions", verbose_name="公开批次"
    )
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
    figures = models.JSONField("主要数字（元）", help_text="收支总额等，供列表和比较使用。")
    tables = models.JSONField("九张表（显示值）")
    data = models.JSONField(
        "开放数据", null=True, blank=True, help_text="公开时冻结的说明文字、项目和预算明细；此前公开的版本没有。"
    )
    pdf = models.FileField("PDF", upload_to=version_pdf_path, blank=True)
    pdf_sha256 = models.CharField("PDF的SHA-256", max_length=64, blank=True)
    # Copies of frozen figures as columns, so that listings can sort, sum and search in the database.
    is_current = models.BooleanField("现行版本", default=True)
    expenditure_total = models.DecimalField("收支总额（元）", **AMOUNT, default=ZERO)
    basic_total = models.DecimalField("基本支出（元）", **AMOUNT, default=ZERO)
    project_total = models.DecimalField("项目支出（元）", **AMOUNT, default=ZERO)
    three_public_total = models.DecimalField("“三公”经费（元）", **AMOUNT, default=ZERO)
    search_text = models.TextField("检索文字", blank=True, help_text="部门编码、名称和项目名称。")

    objects = PublicVersionManager()
    all_states = PublishedVersionQuerySet.as_manager()  # for the publication pipeline only

    class Meta:
        verbose_name = "已公开版本"
        verbose_name_plural = "已公开版本"
        ordering = ["budget", "-number"]
        constraints = [models.UniqueConstraint(fields=["budget", "number"], name="unique_version_number")]

    def __str__(self):
        return f"{self.budget}（第{self.number}版）"

    @property
    def title(self):
        """The published document's title, with the department's name at publication."""
        return f"{self.department_name}{self.budget.year}年部门预算"


class CheckRun(models.Model):
    """The result of running the checks (审核规则) on a budget, kept for the bureau's dashboard."""

    budget = models.ForeignKey(Budget, models.CASCADE, related_name="check_runs", verbose_name="部门预算")
    at = models.DateTimeField("时间", default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="运行人"
    )
    errors = models.PositiveIntegerField("错误数")
    warnings = models.PositiveIntegerField("警告数")
    findings = models.JSONField("审核结果")

    class Meta:
        verbose_name = "审核结果"
        verbose_name_plural = "审核结果"
        ordering = ["budget", "-at", "-pk"]

    def __str__(self):
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M:%S}：错误{self.errors}项，警告{self.warnings}项"


class WarningExplanation(models.Model):
    """The accountant's written explanation of a warning, required before submission.

    It explains the warning as it read when written (warning_message): once the warning's figures change,
    the explanation is stale (过期) and no longer counts (budget/checks.py).
    """

    budget = models.ForeignKey(Budget, models.CASCADE, related_name="warning_explanations", verbose_name="部门预算")
    rule = models.CharField("规则编号", max_length=20)
    target = models.CharField("位置", max_length=200, blank=True)
    text = models.TextField("说明")
    warning_message = models.TextField("所说明的警告内容", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="填写人"
    )
    at = models.DateTimeField("时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "警告说明"
        verbose_name_plural = "警告说明"
        constraints = [models.UniqueConstraint(fields=["budget", "rule", "target"], name="one_explanation_per_warning")]

    def __str__(self):
        return f"{self.rule} {self.target}"


class ControlFigure(models.Model):
    """The bureau's 预算控制数: a department's ceiling for a year, by expenditure kind and funding source."""

    department = models.ForeignKey(Department, models.PROTECT, related_name="control_figures", verbose_name="部门")
    year = models.PositiveSmallIntegerField("预算年度")
    kind = models.CharField("支出类型", max_length=20, choices=ExpenditureKind.choices)
    source = models.CharField("资金来源", max_length=30, choices=FundingSource.choices)
    amount = models.DecimalField("控制数（元）", **AMOUNT, validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "预算控制数"
        verbose_name_plural = "预算控制数"
        ordering = ["-year", "department__code", "kind", "source"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "kind", "source"], name="one_control_figure")
        ]

    def __str__(self):
        return f"{self.department.name}{self.year}年{self.get_kind_display()}·{self.get_source_display()}"
