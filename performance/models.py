"""Performance targets (绩效目标): the indicators (绩效指标) set for each project of a budget. The projects
themselves are the budget's (budget.models.Project: lines and procurement refer to them); this app refers to
them, never the other way (docs/architecture.md)."""

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from budget.models import AMOUNT, Budget, Project, WorkflowStep
from performance import scoring

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


class PerformanceIndicator(models.Model):
    """One row of a project's 绩效目标表: 一级/二级/三级指标 with its target (指标值)."""

    class Level1(models.TextChoices):
        OUTPUT = "output", "产出指标"
        EFFECT = "effect", "效益指标"
        SATISFACTION = "satisfaction", "满意度指标"

    class Level2(models.TextChoices):
        QUANTITY = "quantity", "数量指标"
        QUALITY = "quality", "质量指标"
        TIMELINESS = "timeliness", "时效指标"
        COST = "cost", "成本指标"
        ECONOMIC = "economic", "经济效益指标"
        SOCIAL = "social", "社会效益指标"
        ECOLOGICAL = "ecological", "生态效益指标"
        SUSTAINABILITY = "sustainability", "可持续影响指标"
        BENEFICIARY_SATISFACTION = "beneficiary_satisfaction", "服务对象满意度指标"

    class Comparator(models.TextChoices):
        AT_LEAST = "≥", "≥"
        AT_MOST = "≤", "≤"
        EQUAL = "=", "="
        ABOVE = ">", ">"
        BELOW = "<", "<"

    class Basis(models.TextChoices):
        HISTORY = "历史指标", "历史指标"
        WORK_PLAN = "工作计划", "工作计划"
        INDUSTRY_STANDARD = "行业标准", "行业标准"
        OTHER = "其他", "其他"

    # By value: what a field holds is a str, not the member.
    LEVEL2_UNDER_LEVEL1: ClassVar[dict[str, set[str]]] = {
        Level1.OUTPUT: {Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, Level2.COST},
        Level1.EFFECT: {Level2.ECONOMIC, Level2.SOCIAL, Level2.ECOLOGICAL, Level2.SUSTAINABILITY},
        Level1.SATISFACTION: {Level2.BENEFICIARY_SATISFACTION},
    }

    project = models.ForeignKey(Project, models.CASCADE, related_name="indicators", verbose_name="项目")
    level1 = models.CharField("一级指标", max_length=20, choices=Level1.choices)
    level2 = models.CharField("二级指标", max_length=30, choices=Level2.choices)
    name = models.CharField("三级指标", max_length=200)
    description = models.CharField("绩效指标描述", max_length=300, blank=True)
    comparator = models.CharField("比较符", max_length=1, choices=Comparator.choices, blank=True)
    target_number = models.DecimalField("指标值（数值）", max_digits=14, decimal_places=2, null=True, blank=True)
    # The decimals the number was entered with (0–2): the column keeps two, the sheet prints ≤71万元 as entered, not
    # ≤71.00万元, and ≤8.50万元 as 8.50, not 8.5.
    target_places = models.PositiveSmallIntegerField("指标值小数位数", default=0, editable=False)
    target_unit = models.CharField("计量单位", max_length=20, blank=True, help_text="如：次、%、万元")
    target_text = models.CharField("指标值（定性）", max_length=200, blank=True, help_text="定性指标填写此项，不填数值。")
    target_basis = models.CharField("指标值确定依据", max_length=20, choices=Basis.choices)
    position = models.PositiveSmallIntegerField("排序", default=0)
    # Both tables keep the names they had in the budget app: migration performance 0001 moved the model, not its rows.
    history = HistoricalRecords(table_name="budget_historicalperformanceindicator")

    class Meta:
        db_table = "budget_performanceindicator"
        verbose_name = "绩效指标"
        verbose_name_plural = "绩效指标"
        ordering = ["project", "position", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.target_number is not None:
            self.target_number = Decimal(str(self.target_number))
            exponent = self.target_number.as_tuple().exponent
            # An int for a finite number, all the field takes (a letter marks NaN or an infinity).
            assert isinstance(exponent, int)
            self.target_places = min(max(0, -exponent), 2)
        super().save(*args, **kwargs)

    @property
    def target(self):
        """The target as the 绩效目标表 prints it, e.g. "≥90%", "2名" or a qualitative text."""
        if self.target_text:
            return self.target_text
        comparator = "" if self.comparator == self.Comparator.EQUAL else self.comparator
        return f"{comparator}{self.target_number:f}{self.target_unit}"

    @classmethod
    def from_db(cls, db, field_names, values):
        """An indicator as stored, its number back at the decimals it was entered with."""
        indicator = super().from_db(db, field_names, values)
        loaded = indicator.__dict__
        number = loaded.get("target_number")  # from what was loaded: a deferred field would be fetched
        if number is not None and "target_places" in loaded:
            indicator.target_number = number.quantize(Decimal(1).scaleb(-indicator.target_places))
        return indicator

    def clean(self):
        """The 二级指标 belongs to its 一级指标; a target is either a number or a text, not both."""
        errors = {}
        allowed = self.LEVEL2_UNDER_LEVEL1.get(self.level1, set())
        if self.level1 and self.level2 and self.level2 not in allowed:
            errors["level2"] = f"{self.get_level2_display()}不属于{self.get_level1_display()}。"
        if self.target_text and self.target_number is not None:
            errors["target_text"] = "指标值请只填数值或定性描述中的一项。"
        elif not self.target_text and self.target_number is None:
            errors["target_number"] = "请填写指标值：数值（可加比较符和单位）或定性描述。"
        if errors:
            raise ValidationError(errors)


class ProjectEvaluation(models.Model):
    """A project's year-end self-evaluation (项目支出绩效自评表): what was spent against the year's budget and what
    the year achieved. 年初预算数 is the project's amount in its budget and its planned goal the project's 绩效目标:
    both read, never typed (performance/scoring.py scores it)."""

    project = models.OneToOneField(Project, models.CASCADE, related_name="evaluation", verbose_name="项目")
    full_year_budget = models.DecimalField(
        "全年预算数（元）", **AMOUNT, validators=[MinValueValidator(0)], help_text="年初预算加年中调整后的全年预算。"
    )
    executed = models.DecimalField("全年执行数（元）", **AMOUNT, validators=[MinValueValidator(0)])
    achieved_goal = models.TextField("年度总体目标实际完成情况", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目绩效自评"
        verbose_name_plural = "项目绩效自评"

    def __str__(self):
        return f"{self.project.name}绩效自评"

    @property
    def figures_entered(self):
        """Both figures are there (a page being filled in may lack one, or hold one that is not a number)."""
        return self.executed is not None and self.full_year_budget is not None

    @property
    def execution_rate(self):
        """执行率 as a fraction (1 = 100 %), or None without a full-year budget."""
        return scoring.execution_rate(self.executed, self.full_year_budget) if self.figures_entered else None

    @property
    def execution_score(self):
        """预算执行率's points (10 at most); None until both figures are entered."""
        return scoring.execution_score(self.executed, self.full_year_budget) if self.figures_entered else None


class IndicatorEvaluation(models.Model):
    """What one of a project's targets reached at year end (实际完成值), its weight (分值) and score (得分)."""

    class Achievement(models.TextChoices):
        ACHIEVED = scoring.ACHIEVED, "达成"
        PARTLY = scoring.PARTLY, "部分达成"
        NOT_ACHIEVED = scoring.NOT_ACHIEVED, "未达成"

    indicator = models.OneToOneField(
        PerformanceIndicator, models.CASCADE, related_name="evaluation", verbose_name="绩效指标"
    )
    weight = models.DecimalField("分值", max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    actual_number = models.DecimalField(
        "实际完成值（数值）", max_digits=14, decimal_places=2, null=True, blank=True, help_text="定量指标填写，单位同指标值。"
    )
    actual_text = models.CharField("实际完成值（定性）", max_length=200, blank=True, help_text="定性指标填写。")
    achievement = models.CharField(
        "完成程度", max_length=20, choices=Achievement.choices, blank=True,
        help_text="定性指标：达成得分值的80%–100%，部分达成60%–80%，未达成0–60%。",
    )
    judged_score = models.DecimalField(
        "评定得分", max_digits=5, decimal_places=2, null=True, blank=True, help_text="定性指标由评价人在完成程度的区间内评定。"
    )
    deviation = models.TextField("偏差原因分析及改进措施", blank=True, help_text="未完成指标值的，必须填写。")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "绩效指标自评"
        verbose_name_plural = "绩效指标自评"

    def __str__(self):
        return f"{self.indicator.name}自评"

    @property
    def is_quantitative(self):
        """A target given as a number (≥90%), scored by the rules; else qualitative, scored by the evaluator."""
        return self.indicator.target_number is not None

    @property
    def score(self):
        """得分: computed for a quantitative target, as judged for a qualitative one; None until it can be."""
        target = self.indicator
        if target.target_number is None:  # qualitative (is_quantitative, with the number narrowed for the call)
            return self.judged_score
        if self.actual_number is None:
            return None
        return scoring.quantitative_score(self.weight, target.comparator, target.target_number, self.actual_number)

    @property
    def is_met(self):
        """True when the target was met (a qualitative one: achieved); None until evaluated."""
        target = self.indicator
        if target.target_number is not None:  # quantitative (is_quantitative, with the number narrowed for the call)
            return None if self.actual_number is None else scoring.is_met(
                target.comparator, target.target_number, self.actual_number
            )
        return None if not self.achievement else self.achievement == self.Achievement.ACHIEVED

    def clean(self):
        """A quantitative target takes a number and no judged score; a qualitative one an achievement and a score
        within its band."""
        if self.indicator_id is None:
            return  # nothing to judge by: the form says the target is missing or not one of the project's
        errors = {}
        if self.is_quantitative:
            if self.actual_number is None:
                errors["actual_number"] = "定量指标请填写实际完成值（数值）。"
            if self.achievement or self.judged_score is not None:
                errors["judged_score"] = "定量指标的得分按规则计算，不填写完成程度和评定得分。"
        else:
            if not self.achievement:
                errors["achievement"] = "定性指标请选择完成程度。"
            elif self.judged_score is not None and self.weight is not None:
                low, high = scoring.band(self.weight, self.achievement)
                if not low <= self.judged_score <= high:
                    errors["judged_score"] = (
                        f"{self.get_achievement_display()}的得分应在{low}至{high}分之间（分值{self.weight}的"
                        f"{scoring.BANDS[self.achievement][0]:.0%}–{scoring.BANDS[self.achievement][1]:.0%}）。"
                    )
            if self.judged_score is None and "achievement" not in errors:
                errors["judged_score"] = "定性指标请在完成程度的区间内评定得分。"
        if errors:
            raise ValidationError(errors)


class EvaluationReview(models.Model):
    """The bureau's review of a budget's self-evaluation, as of the budget itself: 草稿 → 已提交 → 已退回 or 已审核
    (performance/workflow.py). Created on first need; submitted or approved, the evaluation is frozen
    (access.may_evaluate). Its own model, not a status of the budget: budget/models.py knows nothing of
    performance (docs/architecture.md)."""

    class Status(models.TextChoices):
        # The budget's values and labels: access.py tells an open evaluation by Budget.EDITABLE_STATUSES.
        DRAFT = Budget.Status.DRAFT.value, Budget.Status.DRAFT.label
        SUBMITTED = Budget.Status.SUBMITTED.value, Budget.Status.SUBMITTED.label
        RETURNED = Budget.Status.RETURNED.value, Budget.Status.RETURNED.label
        APPROVED = Budget.Status.APPROVED.value, Budget.Status.APPROVED.label

    budget = models.OneToOneField(Budget, models.CASCADE, related_name="evaluation_review", verbose_name="部门预算")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    history = HistoricalRecords()
    _history_user: "AbstractBaseUser | None"  # simple_history's: who made the change, read when it is saved

    class Meta:
        verbose_name = "绩效自评审核"
        verbose_name_plural = "绩效自评审核"
        ordering = ["-budget__year", "budget__department__code"]

    def __str__(self):
        return f"{self.budget.department.name}{self.budget.year}年度绩效自评"


class EvaluationStatusChange(WorkflowStep):
    """One step of a self-evaluation's review: who moved it from which status to which, when and why. Not the
    budget's StatusChange, whose every row the budget's pages read as the budget's own steps (its log, the
    submissions compared, the dashboard's dates and publication deadline)."""

    review = models.ForeignKey(EvaluationReview, models.CASCADE, related_name="steps", verbose_name="绩效自评审核")

    class Meta:
        verbose_name = "绩效自评审核记录"
        verbose_name_plural = "绩效自评审核记录"
        ordering = ["review", "-at", "-pk"]
