"""A project's own page in the staff site: its 绩效目标 and indicators (绩效指标), with its other details; the
budget's page (budget/admin/budgets.py) lists the projects and links each here. The project is the budget's
(budget.models.Project), so its page keeps the budget's address (admin:budget_project_change).

Its year-end self-evaluation (绩效自评) has pages of its own: one per project, with a row per target, and the year's
list of projects to evaluate (ProjectEvaluationAdmin)."""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.checks import InlineModelAdminChecks
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Max, Sum, When
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from budget import access, checks
from budget import pdf as budget_pdf
from budget.admin.base import (
    ENTRY_STYLE,
    PROJECT_SCRIPT,
    BudgetPartInline,
    BudgetScopedAdmin,
    LabelledRows,
    LabelledRowsInline,
    RevisionCheckedForm,
    ScopedHistoryAdmin,
    SpendingPlanForm,
)
from budget.admin.budgets import StatusChangeInline
from budget.admin.workflow import requested_year
from budget.builders.money import grouped_yuan, table_cell
from budget.downloads import CSV, JSON, XLSX, download, pdf_unavailable
from budget.models import Budget, Project
from performance import evaluation_workbook, report, scoring, workflow
from performance.evaluation import for_budget
from performance.models import (
    EvaluationReview,
    EvaluationStatusChange,
    IndicatorEvaluation,
    PerformanceIndicator,
    ProjectEvaluation,
)

LEVEL1_OF = {level2: level1 for level1, level2s in PerformanceIndicator.LEVEL2_UNDER_LEVEL1.items() for level2 in level2s}
# The rows C06 and C07 (performance/checks.py) require of every project: a 成本指标, which is also its 产出指标, a
# 效益指标 (its 二级指标 left to choose: the rules accept any) and a 满意度指标, whose only 二级指标 is preset.
REQUIRED_ROWS = [
    {"level1": PerformanceIndicator.Level1.OUTPUT, "level2": PerformanceIndicator.Level2.COST},
    {"level1": PerformanceIndicator.Level1.EFFECT},
    {"level1": PerformanceIndicator.Level1.SATISFACTION, "level2": PerformanceIndicator.Level2.BENEFICIARY_SATISFACTION},
]
INDICATOR_RULES = ("C06", "C07")


def has_indicators(project):
    return project is not None and project.pk is not None and project.indicators.exists()


class ProjectForm(SpendingPlanForm, RevisionCheckedForm):
    pass


class Level2Select(forms.Select):
    """The 二级指标 options, each marked with its 一级指标 (the script offers only those of the row's 一级指标)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in LEVEL1_OF:
            option["attrs"]["data-level1"] = str(LEVEL1_OF[value])
        return option


class PerformanceIndicatorInline(BudgetPartInline):
    model = PerformanceIndicator
    fields = ["position", "level1", "level2", "name", "description", "comparator", "target_number", "target_unit",
              "target_text", "target_basis"]

    class Media:
        js = [PROJECT_SCRIPT]

    def budget_of(self, project):
        return project.budget

    def get_extra(self, request, obj=None, **kwargs):
        """A project without indicators gets the rows the checks require, pre-set (get_formset_kwargs)."""
        return 1 if has_indicators(obj) else len(REQUIRED_ROWS)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "level2":
            kwargs["widget"] = Level2Select
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(Project)
class ProjectAdmin(BudgetScopedAdmin):
    form = ProjectForm
    list_display = ["code", "name", "budget", "amount", "is_special_fund"]
    list_filter = ["budget__year", "is_special_fund"]
    search_fields = ["code", "name", "budget__department__name"]
    autocomplete_fields = ["budget"]
    list_select_related = ["budget__department"]
    inlines = [PerformanceIndicatorInline]

    class Media:
        css = {"all": [ENTRY_STYLE]}
    fieldsets = [
        (None, {"fields": ["budget", "position", "code", "name", "is_special_fund"]}),
        ("预算规模及资金用途", {"fields": ["purpose"]}),
        ("资金支出计划（累计%）", {"fields": [("plan_march", "plan_june", "plan_october", "plan_december")]}),
        ("绩效目标", {"fields": ["goal"]}),
        ("支出说明中的列举", {"fields": ["short_name", "summary_position"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """In the 项目 picker of a line's own page (an autocomplete), only the projects of the budget chosen above
        it, whose id static/entry/line.js sends: never those of the user's other budgets, another department's
        among them; none before a budget is chosen."""
        projects, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if (request.GET.get("model_name"), request.GET.get("field_name")) == ("budgetline", "project"):
            chosen = request.GET.get("budget", "")
            budget = Budget.objects.editable_by(request.user).filter(pk=chosen).first() if chosen.isdigit() else None
            projects = access.project_choices(request.user, budget, projects) if budget else projects.none()
        return projects, may_have_duplicates

    def get_queryset(self, request):
        # An aggregate drops the model's default ordering: kept explicitly, for stable pages of the autocomplete.
        ordering = Project._meta.ordering or ()  # the model's (typed as maybe none)
        return super().get_queryset(request).annotate(line_total=Sum("lines__amount")).order_by(*ordering)

    @admin.display(description="预算数（万元）", ordering="line_total")
    def amount(self, project):
        return table_cell(project.line_total)

    def back_to_budget(self, project):
        """After 保存, back to the budget the project belongs to, where it was opened from."""
        return HttpResponseRedirect(reverse("admin:budget_budget_change", args=[project.budget_id]) + "#projects-group")

    def response_post_save_add(self, request, obj):
        return self.back_to_budget(obj)

    def response_post_save_change(self, request, obj):
        return self.back_to_budget(obj)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """The indicator rows of a project without indicators start at what the checks require (REQUIRED_ROWS);
        left as they are, they save nothing."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, PerformanceIndicatorInline) and not has_indicators(obj):
            kwargs["initial"] = REQUIRED_ROWS
        return kwargs

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["self_evaluation"] = obj and self_evaluation_link(request.user, obj)
        context["indicator_rules"] = [rule for rule in checks.RULES if rule.id in INDICATOR_RULES]
        return super().render_change_form(request, context, add, change, form_url, obj)


def self_evaluation_link(user, project):
    """(address, label) of the project's self-evaluation for its page: the evaluation once begun (whoever sees the
    project reads it), else its add page for whoever may evaluate it now; None otherwise."""
    evaluation = ProjectEvaluation.objects.filter(project=project).first()
    if evaluation is not None:
        return reverse("admin:performance_projectevaluation_change", args=[evaluation.pk]), "绩效自评"
    if access.may_evaluate(user, project.budget):
        return f"{reverse('admin:performance_projectevaluation_add')}?project={project.pk}", "填写绩效自评"
    return None


# ------------------------------------------------------------------------------------------------ self-evaluation

QUALITATIVE_INPUTS = ["actual_text", "achievement", "judged_score"]
EVALUATION_SCRIPT = "entry/evaluation.js"  # the scores, total and grade as the figures are typed


class TargetForm(forms.ModelForm):
    """A target's evaluation, the target beside it read-only. The target is one of the project's (a hidden field
    checked against them), fixed once saved; only the inputs its kind takes are open: a number for a quantitative
    target; a text, 完成程度 and 评定得分 for a qualitative one."""

    indicator = forms.ModelChoiceField(PerformanceIndicator.objects.none(), widget=forms.HiddenInput)

    class Meta:
        model = IndicatorEvaluation
        fields = ["indicator", "weight", "actual_number", "actual_text", "achievement", "judged_score", "deviation"]

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        indicator = self.fields["indicator"]
        assert isinstance(indicator, forms.ModelChoiceField)  # declared above (a form's `fields` are typed as any field)
        indicator.queryset = targets
        if self.instance.pk:
            indicator.disabled = True
        else:  # the row's target, for its read-only cells and its open inputs (the queryset is read already)
            chosen = str(self["indicator"].value())
            for target in targets:
                if str(target.pk) == chosen:
                    self.instance.indicator = target
        if self.instance.indicator_id is not None:
            closed = QUALITATIVE_INPUTS if self.instance.is_quantitative else ["actual_number"]
            for name in closed:
                self.fields[name].disabled = True


def table_order(prefix=""):
    """The targets in the 绩效目标表's order, as the database sorts them: 一级指标 in the standard order (产出, 效益,
    满意度), then as entered."""
    levels = PerformanceIndicator.Level1.values
    level1 = Case(*(When(**{f"{prefix}level1": level}, then=index) for index, level in enumerate(levels)))
    return [level1, f"{prefix}position", f"{prefix}pk"]


class TargetFormSet(LabelledRows, forms.BaseModelFormSet):
    """A row for each of the project's targets and no other, in the order of its 绩效目标表: their evaluations, then
    each target not yet evaluated with its default 分值 (scoring.default_weights).

    A target's evaluation belongs to the target (IndicatorEvaluation.indicator), not to the project's evaluation:
    Django's inline formset, which needs a key to the page's object, does not fit, so this one goes through the
    project."""

    fk = None  # the admin's templates hide the key to the page's object: there is none

    def __init__(self, data=None, files=None, instance=None, save_as_new=False, prefix=None, queryset=None, **kwargs):
        self.instance = instance
        project = instance.project if instance.project_id else None
        indicators = PerformanceIndicator.objects.order_by(*table_order())
        self.targets = access.target_choices(project, indicators) if project else indicators.none()
        targets = list(self.targets)
        weights = dict(zip(targets, scoring.default_weights([target.level1 for target in targets]), strict=True))
        queryset = queryset.filter(indicator__in=targets).select_related("indicator")
        queryset = queryset.order_by(*table_order("indicator__"))
        evaluated = {row.indicator_id for row in queryset}
        kwargs["initial"] = [{"indicator": target.pk, "weight": weights[target]}
                             for target in targets if target.pk not in evaluated]
        # Every row validated (none skipped as left empty), none added.
        self.min_num = self.max_num = len(targets)
        super().__init__(data, files, prefix=prefix, queryset=queryset, **kwargs)

    @classmethod
    def get_default_prefix(cls):
        return "targets"

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "targets": self.targets}

    def clean(self):
        super().clean()
        if any("indicator" in form.errors for form in self.forms):  # its field is hidden: said above the rows
            raise ValidationError("所选绩效指标不属于本项目，或已有自评。")


class TargetsChecks(InlineModelAdminChecks):
    def _check_relation(self, obj, parent_model):
        return []  # no key to the page's object by design (TargetFormSet)


def evaluable(request, evaluation):
    """Whether this user may enter or change the evaluation now (access.may_evaluate); on a new one's page, the
    add view has asked already for the project it names."""
    return evaluation is None or access.may_evaluate(request.user, evaluation.project.budget)


TARGET_COLUMNS = ("indicator", "target_level1", "target_level2", "target_name", "target", "weight", "actual_number",
                  "actual_text", "achievement", "judged_score", "computed_score", "deviation", "history_link")


class TargetEvaluationInline(LabelledRowsInline):
    model = IndicatorEvaluation
    form = TargetForm
    # A model formset, not an inline one: there is no key to the page's object (TargetFormSet), and get_formset makes
    # it with modelformset_factory. Django's checks take any model formset (admin.E206); the stubs, an inline one only.
    formset = TargetFormSet  # type: ignore[assignment]
    checks_class = TargetsChecks
    fields = TARGET_COLUMNS
    readonly_fields = ["target_level1", "target_level2", "target_name", "target", "computed_score", "history_link"]
    can_delete = False
    verbose_name_plural = "绩效指标完成情况"

    def get_formset(self, request, obj=None, **kwargs):
        """The rows of the project's targets (TargetFormSet), with the admin's widgets."""
        readonly = self.get_readonly_fields(request, obj)
        return forms.modelformset_factory(
            self.model, form=self.form, formset=self.formset, extra=0, can_delete=False, validate_max=True,
            fields=[name for name in TARGET_COLUMNS if name not in readonly],
            # As the admin's own forms are made (ModelAdmin.get_form): a field it gives none of is left out, which
            # the stubs' callback, returning a field, does not allow.
            formfield_callback=partial(self.formfield_for_dbfield, request=request),  # type: ignore[arg-type]
        )

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and evaluable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and evaluable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return access.may_delete_evaluation(request.user)

    @admin.display(description="一级指标")
    def target_level1(self, row):
        return row.indicator.get_level1_display()

    @admin.display(description="二级指标")
    def target_level2(self, row):
        return row.indicator.get_level2_display()

    @admin.display(description="三级指标")
    def target_name(self, row):
        return row.indicator.name

    @admin.display(description="指标值")
    def target(self, row):
        """The target as printed, with what the script scores it by (an empty number: qualitative)."""
        target = row.indicator
        number = "" if target.target_number is None else target.target_number
        return format_html('<span data-comparator="{}" data-target="{}">{}</span>', target.comparator, number,
                           target.target)

    @admin.display(description="得分")
    def computed_score(self, row):
        return row.score

    @admin.display(description="历史")
    def history_link(self, row):
        if row.pk is None:
            return ""
        return format_html('<a href="{}">历史</a>', reverse("admin:performance_indicatorevaluation_history",
                                                            args=[row.pk]))


class ProjectEvaluationForm(forms.ModelForm):
    """A project's evaluation: its project is the one the page was opened for (a hidden field, among those the user
    may evaluate now), fixed once saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("project")  # none on a read-only page
        if field is None:
            return
        assert isinstance(field, forms.ModelChoiceField) and field.queryset is not None  # the project's key, its choices
        if self.instance.pk:
            field.disabled = True
        elif self.instance.project_id is None:  # its figures and its targets' rows are shown before it is saved
            chosen = str(self["project"].value())
            project = field.queryset.filter(pk=chosen).first() if chosen.isdigit() else None
            if project is not None:
                self.instance.project = project


def reported_budget(request, budget_id):
    """The published budget if this user may see it (the bureau: any; an accountant: their departments'), else 404."""
    visible = access.visible_budgets(request.user, Budget.objects.select_related("department", "evaluation_review"))
    budget = visible.filter(pk=budget_id, status=Budget.Status.PUBLISHED).first()
    if budget is None:
        raise Http404
    return budget


def review_state(request, budget):
    """What the pages of a budget's self-evaluation show of it: its projects, whether this user may change them, the
    review's status, its steps (newest first) and the transitions open to this user now."""
    review = getattr(budget, "evaluation_review", None)  # a missing one-to-one raises an AttributeError
    return {
        "budget": budget, "projects": for_budget(budget), "editable": access.may_evaluate(request.user, budget),
        "status": EvaluationReview.Status(access.evaluation_status(budget)).label,
        "steps": list(review.steps.select_related("user")) if review else [],
        "actions": workflow.available_actions(budget, request.user),
    }


@admin.register(ProjectEvaluation)
class ProjectEvaluationAdmin(ScopedHistoryAdmin):
    """A project's self-evaluation (项目支出绩效自评表), entered by its department's accountant once its budget is
    published (access.may_evaluate); opened from the project's page or the year's list of projects to evaluate."""

    form = ProjectEvaluationForm
    inlines = [TargetEvaluationInline]
    list_display = ["project_code", "project_name", "budget", "full_year_budget", "executed", "execution_rate",
                    "report_link"]
    list_select_related = ["project__budget__department"]
    list_filter = ["project__budget__year"]
    search_fields = ["project__code", "project__name", "project__budget__department__name"]
    computed_fields = ["project_code", "project_name", "initial_budget", "planned_goal", "execution_rate",
                       "execution_score", "total", "grade", "problems"]
    fieldsets = [
        (None, {"fields": ["project", "project_code", "project_name"]}),
        ("预算执行情况", {"fields": ["initial_budget", "full_year_budget", "executed", "execution_rate",
                                     "execution_score"]}),
        ("年度总体目标", {"fields": ["planned_goal", "achieved_goal"]}),
        ("自评结果", {"fields": ["total", "grade", "problems"]}),  # after the targets (change_form.html)
    ]

    class Media:
        css = {"all": [ENTRY_STYLE]}
        js = [EVALUATION_SCRIPT]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(project__budget__in=Budget.objects.for_user(request.user))

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.computed_fields]

    def get_fieldsets(self, request, obj=None):
        """Read-only, the project is left out (its code and name are shown); a history record's page leaves out the
        result too, which is the evaluation's as it stands now."""
        (name, options), *rest = super().get_fieldsets(request, obj)
        history = getattr(request, "showing_history_record", False)
        if history or (obj is not None and not self.has_change_permission(request, obj)):
            options = {**options, "fields": [field for field in options["fields"] if field != "project"]}
        return [(name, options), *(rest[:-1] if history else rest)]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "project":
            projects = Project.objects.filter(budget__in=access.evaluable_budgets(request.user, Budget.objects.all()))
            refused = {"invalid_choice": "此项目现在不能自评：部门会计在项目所属预算公开后填写。"}
            return forms.ModelChoiceField(projects, label=db_field.verbose_name, widget=forms.HiddenInput,
                                          error_messages=refused)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and evaluable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return access.may_delete_evaluation(request.user)

    def add_view(self, request, form_url="", extra_context=None):
        """The evaluation of the project named by ?project=: its page once begun; refused, with the reason, while
        the project's budget is not published."""
        chosen = request.GET.get("project", "")
        if not chosen:
            return HttpResponseRedirect(reverse("admin:performance_projectevaluation_projects"))
        project = Project.objects.filter(budget__in=Budget.objects.for_user(request.user),
                                         pk=chosen).select_related("budget").first() if chosen.isdigit() else None
        if project is None:
            raise Http404
        evaluation = ProjectEvaluation.objects.filter(project=project).first()
        if evaluation is not None:
            return HttpResponseRedirect(reverse("admin:performance_projectevaluation_change", args=[evaluation.pk]))
        if not access.may_evaluate(request.user, project.budget):
            if project.budget.status == Budget.Status.PUBLISHED:
                raise PermissionDenied
            messages.error(request, f"{project.budget}现为“{project.budget.get_status_display()}”，公开后才能填写绩效自评。")
            return HttpResponseRedirect(reverse("admin:budget_project_change", args=[project.pk]))
        return super().add_view(request, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # No 保存并增加另一个: the next evaluation is begun from its own project.
        return super().changeform_view(request, object_id, form_url,
                                       {**(extra_context or {}), "show_save_and_add_another": False})

    def back_to_projects(self, evaluation):
        """After 保存, back to the year's list of projects to evaluate, where the next one is."""
        url = reverse("admin:performance_projectevaluation_projects")
        return HttpResponseRedirect(f"{url}?year={evaluation.project.budget.year}")

    def response_post_save_add(self, request, obj):
        return self.back_to_projects(obj)

    def response_post_save_change(self, request, obj):
        return self.back_to_projects(obj)

    def get_urls(self):
        view = self.admin_site.admin_view
        name = "performance_projectevaluation_"
        return [
            path("projects/", view(self.projects_view), name=f"{name}projects"),
            path("budget/<int:budget_id>/", view(self.report_view), name=f"{name}report"),
            path("budget/<int:budget_id>/pdf/", view(self.report_pdf_view), name=f"{name}report_pdf"),
            path("budget/<int:budget_id>/targets.csv", view(self.report_csv_view), name=f"{name}report_csv"),
            path("budget/<int:budget_id>/targets.json", view(self.report_json_view), name=f"{name}report_json"),
            path("budget/<int:budget_id>/workbook/", view(self.workbook_view), name=f"{name}workbook"),
            path("budget/<int:budget_id>/import/", view(self.import_view), name=f"{name}import"),
            *super().get_urls(),
        ]

    def file_name(self, budget, what):
        return f"{budget.department.name}{budget.year}年度{what}"

    def report_view(self, request, budget_id):
        """The budget's self-evaluation as it will be published: summary, chart, each project's 自评表."""
        return HttpResponse(report.html(reported_budget(request, budget_id)))

    def report_pdf_view(self, request, budget_id):
        budget = reported_budget(request, budget_id)
        try:
            content = report.pdf(budget)
        except budget_pdf.MissingFontError as error:
            return pdf_unavailable(error)
        return download(content, self.file_name(budget, "项目支出绩效自评.pdf"), "application/pdf")

    def report_csv_view(self, request, budget_id):
        budget = reported_budget(request, budget_id)
        return download(report.open_data_csv(budget), self.file_name(budget, "绩效自评指标.csv"), CSV)

    def report_json_view(self, request, budget_id):
        budget = reported_budget(request, budget_id)
        return download(report.open_data_json(budget), self.file_name(budget, "绩效自评指标.json"), JSON)

    def workbook_view(self, request, budget_id):
        """The 绩效自评表 workbook, filled with what is entered so far."""
        budget = reported_budget(request, budget_id)
        return download(evaluation_workbook.workbook(budget), self.file_name(budget, "绩效自评表.xlsx"), XLSX)

    def import_view(self, request, budget_id):
        """Import the 绩效自评表: every problem of the file listed, nothing saved unless all is right."""
        budget = reported_budget(request, budget_id)
        if not access.may_evaluate(request.user, budget):
            raise PermissionDenied
        errors = []
        if request.method == "POST":
            upload = request.FILES.get("file")
            try:
                if upload is None:
                    raise ValidationError("请选择要导入的绩效自评表文件。")
                parsed = evaluation_workbook.import_evaluation(budget, upload, request.user)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, f"已导入绩效自评表：{parsed.summary()}。")
                return HttpResponseRedirect(f"{reverse('admin:performance_projectevaluation_projects')}?year={budget.year}")
        return TemplateResponse(request, "admin/performance/projectevaluation/import.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "budget": budget, "errors": errors,
            "title": f"导入绩效自评表：{budget}",
        })

    def projects_view(self, request):
        """The projects of a year this user evaluates, each with its evaluation's score or a link to begin it, and
        each budget's review with 提交审核: the budgets of their departments once published, open for entry or under
        review (access.evaluation_budgets)."""
        budgets = access.evaluation_budgets(request.user, Budget.objects.select_related("department",
                                                                                         "evaluation_review"))
        years = list(budgets.values_list("year", flat=True).distinct().order_by("-year"))
        year = requested_year(request.GET.get("year"), years[0] if years else timezone.localdate().year)
        sections = [review_state(request, budget) for budget in budgets.filter(year=year)]
        return TemplateResponse(request, "admin/performance/projectevaluation/projects.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": f"{year}年项目绩效自评",
            "year": year, "years": years, "sections": sections,
        })

    # What the page reads or computes. A saved evaluation's result is performance/evaluation.py's, read once a page;
    # a new one has none until saved (the script shows it as the figures are typed).

    def assembled(self, evaluation):
        if "_assembled" not in evaluation.__dict__:
            project = evaluation.project
            evaluation._assembled = next(
                each for each in for_budget(project.budget) if each.project.pk == project.pk)
        return evaluation._assembled

    def result(self, evaluation):
        return self.assembled(evaluation) if evaluation.pk else None

    @admin.display(description="项目编码", ordering="project__code")
    def project_code(self, evaluation):
        return evaluation.project.code

    @admin.display(description="项目名称", ordering="project__name")
    def project_name(self, evaluation):
        url = reverse("admin:budget_project_change", args=[evaluation.project_id])
        return format_html('<a href="{}">{}</a>', url, evaluation.project.name)

    @admin.display(description="部门预算", ordering="project__budget")
    def budget(self, evaluation):
        return evaluation.project.budget

    @admin.display(description="自评报告")
    def report_link(self, evaluation):
        """The budget's whole self-evaluation, where the bureau reads it."""
        url = reverse("admin:performance_projectevaluation_report", args=[evaluation.project.budget_id])
        return format_html('<a href="{}">自评报告</a>', url)

    @admin.display(description="年初预算数（元）")
    def initial_budget(self, evaluation):
        return grouped_yuan(self.assembled(evaluation).initial_budget)

    @admin.display(description="年度总体目标（计划）")
    def planned_goal(self, evaluation):
        return evaluation.project.goal

    @admin.display(description="执行率")
    def execution_rate(self, evaluation):
        rate = evaluation.execution_rate
        return "—" if rate is None else f"{rate:.2%}"

    @admin.display(description="预算执行率得分（满分10分）")
    def execution_score(self, evaluation):
        return evaluation.execution_score

    @admin.display(description="总分")
    def total(self, evaluation):
        result = self.result(evaluation)
        return result.total if result else None

    @admin.display(description="评价等级")
    def grade(self, evaluation):
        result = self.result(evaluation)
        return result.grade if result else None

    @admin.display(description="待完善")
    def problems(self, evaluation):
        result = self.result(evaluation)
        if result is None:
            return "保存后检查"
        return format_html_join("", "<p>{}</p>", ((problem,) for problem in result.problems())) or "无"


@admin.register(IndicatorEvaluation)
class IndicatorEvaluationAdmin(ScopedHistoryAdmin):
    """A target's evaluation, read on its own page and in its history; entered on its project's evaluation page."""

    list_display = ["indicator", "weight", "actual_number", "actual_text", "achievement", "judged_score"]
    list_select_related = ["indicator"]

    def get_queryset(self, request):
        own = Budget.objects.for_user(request.user)
        return super().get_queryset(request).filter(indicator__project__budget__in=own)

    def get_model_perms(self, request):
        return {}  # not listed on its own: its project's evaluation lists it

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # entered on its project's evaluation page

    def has_delete_permission(self, request, obj=None):
        return access.may_delete_evaluation(request.user)


# ------------------------------------------------------------------------------------------------ the bureau's review


class EvaluationStepInline(StatusChangeInline):
    """The review's steps, as the budget's page lists its own: read by whoever sees the review."""

    model = EvaluationStatusChange


class ReviewStatusFilter(admin.SimpleListFilter):
    """The review's status: 已提交 (waiting for the bureau) until another, or 全部, is chosen."""

    title = "状态"
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [(self.ALL, "全部"), *EvaluationReview.Status.choices]

    def value(self):
        return super().value() or EvaluationReview.Status.SUBMITTED

    def queryset(self, request, queryset):
        return queryset if self.value() == self.ALL else queryset.filter(status=self.value())

    def choices(self, changelist):
        # Without the stock "全部" that clears the parameter: no parameter means 已提交 here.
        for value, label in self.lookup_choices:
            yield {"selected": self.value() == value, "display": label,
                   "query_string": changelist.get_query_string({self.parameter_name: value})}


REVIEW_DECISIONS = {"return": (workflow.return_for_changes, "退回"), "approve": (workflow.approve, "审核通过")}


@admin.register(EvaluationReview)
class EvaluationReviewAdmin(ScopedHistoryAdmin):
    """The bureau's review of a budget's self-evaluation: the year's list of those submitted, a review page per budget
    (退回, 审核通过), and the accountant's 提交审核 from their list of projects to evaluate. The status changes only
    through performance/workflow.py; the pages read-only otherwise."""

    list_display = ["budget", "year", "status", "last_step_at"]
    list_filter = ["budget__year", ReviewStatusFilter]
    list_select_related = ["budget__department"]
    search_fields = ["budget__department__code", "budget__department__name"]
    fields = ["budget", "status", "report_link"]
    inlines = [EvaluationStepInline]

    def get_queryset(self, request):
        reviews = super().get_queryset(request).filter(budget__in=Budget.objects.for_user(request.user))
        return reviews.annotate(last_step_at=Max("steps__at"))

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "report_link"]  # history record pages' too

    def get_list_display(self, request):
        return [*self.list_display, "review_link"] if access.may_review(request.user) else self.list_display

    def has_add_permission(self, request):
        return False  # begun by its first submission

    def has_change_permission(self, request, obj=None):
        return False  # its status changes through the workflow's services only

    def has_delete_permission(self, request, obj=None):
        return access.may_delete_evaluation(request.user)

    def get_urls(self):
        view = self.admin_site.admin_view
        name = "performance_evaluationreview_"
        return [
            path("budget/<int:budget_id>/", view(self.review_view), name=f"{name}review"),
            path("budget/<int:budget_id>/submit/", view(self.submit_view), name=f"{name}submit"),
            *super().get_urls(),
        ]

    def submit_view(self, request, budget_id):
        """The accountant's 提交审核, posted from the list of projects to evaluate, where it returns with its message
        (the problems that refused it listed there)."""
        budget = reported_budget(request, budget_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            workflow.submit(budget, request.user)
        except workflow.WorkflowError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"已提交审核：{budget}的绩效自评。")
        return HttpResponseRedirect(f"{reverse('admin:performance_projectevaluation_projects')}?year={budget.year}")

    def review_view(self, request, budget_id):
        """For the bureau, a budget's self-evaluation to decide on: its status, its projects' scores beside the whole
        report, the decision (退回 with a comment, 审核通过) and the review's steps. A refused decision keeps the
        reviewer here with the reason and what they typed."""
        budget = reported_budget(request, budget_id)
        if not access.may_review(request.user):
            raise PermissionDenied
        comment, error = request.POST.get("comment", ""), ""
        if request.method == "POST":
            service, label = REVIEW_DECISIONS.get(request.POST.get("action"), (None, ""))
            if service is None:
                raise Http404
            try:
                service(budget, request.user, comment)
            except workflow.WorkflowError as refusal:
                error = str(refusal)
            else:
                messages.success(request, f"已{label}：{budget}的绩效自评。")
                return HttpResponseRedirect(request.path)
        state = review_state(request, budget)
        return TemplateResponse(request, "admin/performance/evaluationreview/review.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": f"绩效自评审核：{budget}",
            **state, "comment": comment, "error": error,
            "decisions": [(name, label) for name, (_, label) in REVIEW_DECISIONS.items() if name in state["actions"]],
        })

    @admin.display(description="年度", ordering="budget__year")
    def year(self, review):
        return review.budget.year

    @admin.display(description="最近操作时间", ordering="last_step_at")
    def last_step_at(self, review):
        return review.last_step_at

    @admin.display(description="审核")
    def review_link(self, review):
        return format_html('<a href="{}">审核</a>', reverse("admin:performance_evaluationreview_review",
                                                          args=[review.budget_id]))

    @admin.display(description="自评报告")
    def report_link(self, review):
        url = reverse("admin:performance_projectevaluation_report", args=[review.budget_id])
        return format_html('<a href="{}">自评报告</a>', url)
