"""Performance targets (绩效目标): the indicators (绩效指标) set for each project of a budget. The projects
themselves are the budget's (budget.models.Project: lines and procurement refer to them); this app refers to
them, never the other way (docs/architecture.md)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from budget.models import Project


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
        if loaded.get("target_number") is not None and "target_places" in loaded:
            indicator.target_number = indicator.target_number.quantize(Decimal(1).scaleb(-indicator.target_places))
        return indicator

    def save(self, *args, **kwargs):
        if self.target_number is not None:
            self.target_number = Decimal(str(self.target_number))
            self.target_places = min(max(0, -self.target_number.as_tuple().exponent), 2)
        super().save(*args, **kwargs)

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
