from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

# A department's code is part of its public URLs (/budgets/<year>/<code>/) and file names: "a/b" broke every
# page listing it, so only ASCII letters and digits (docs/data-formats.md).
CODE_PATTERN = r"\A[A-Za-z0-9]{1,20}\Z"
CODE_RULE = "部门编码只能由英文字母和数字组成，最多20位。"
validate_code = RegexValidator(CODE_PATTERN, CODE_RULE)


class Department(models.Model):
    """A budget department (部门) or, when it has a parent, one of its units (所属单位)."""

    class Nature(models.TextChoices):
        ADMINISTRATIVE = "行政", "行政"
        CIVIL_SERVICE_INSTITUTION = "参公事业", "参公事业"
        PUBLIC_INSTITUTION = "事业", "事业"
        ENTERPRISE = "企业", "企业"
        OTHER = "其他", "其他"

    class FundingForm(models.TextChoices):
        APPROPRIATION = "财政拨款", "财政拨款"
        SUBSIDY = "财政补助", "财政补助"
        SELF_FINANCED = "自收自支", "自收自支"
        OTHER = "其他", "其他"

    code = models.CharField("部门编码", max_length=20, unique=True, validators=[validate_code],
                            help_text="英文字母和数字，最多20位，如 224。")
    name = models.CharField("名称", max_length=200)
    short_name = models.CharField("简称", max_length=50, blank=True,
                                  help_text="常用简称，如“鹿泉区委网信委”；公众可按简称搜索（公开时写入检索文字）。")
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="units", verbose_name="上级部门"
    )
    nature = models.CharField("单位性质", max_length=20, choices=Nature.choices, blank=True)
    rank = models.CharField("单位规格", max_length=50, blank=True, help_text="如：正科级、副处级")
    funding_form = models.CharField("经费保障形式", max_length=20, choices=FundingForm.choices, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="departments", verbose_name="所属用户"
    )
    history = HistoricalRecords(m2m_fields=[members])  # who may see the department's budgets, and since when

    class Meta:
        verbose_name = "部门/单位"
        verbose_name_plural = "部门/单位"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_unit(self):
        """True for a 所属单位, false for a top-level department."""
        return self.parent_id is not None
