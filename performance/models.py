from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from budget.builders.document_tables import plain_number

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Project(models.Model):
    """A project (项目) of a budget; its amount is the sum of its 项目支出 lines, never typed."""

    budget = models.ForeignKey("budget.Budget", models.CASCADE, related_name="projects", verbose_name="部门预算")
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

    @property
    def spending_plan(self):
        """The cumulative spending plan in % at the end of March, June, October and December."""
        return [self.plan_march, self.plan_june, self.plan_october, self.plan_december]


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

    LEVEL2_UNDER_LEVEL1 = {
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
    target_unit = models.CharField("计量单位", max_length=20, blank=True, help_text="如：次、%、万元")
    target_text = models.CharField("指标值（定性）", max_length=200, blank=True, help_text="定性指标填写此项，不填数值。")
    target_basis = models.CharField("指标值确定依据", max_length=20, choices=Basis.choices)
    position = models.PositiveSmallIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "绩效指标"
        verbose_name_plural = "绩效指标"
        ordering = ["project", "position", "pk"]

    def __str__(self):
        return self.name

    @property
    def target(self):
        """The target as the 绩效目标表 prints it, e.g. "≥90%", "2名" or a qualitative text."""
        if self.target_text:
            return self.target_text
        comparator = "" if self.comparator == self.Comparator.EQUAL else self.comparator
        return f"{comparator}{plain_number(self.target_number)}{self.target_unit}"

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
