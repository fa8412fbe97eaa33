"""The budget lines as a compact grid on the budget's page (static/entry/grid.js makes it keyboard-friendly).

A line's codes are typed, not picked from a list of thousands: the form looks them up in the budget's year.
A line names its project by code, also a project added in the same save (projects are saved before lines).
The code search (static/entry/codes.js) offers only the leaf codes of the budget's year, each with its
类 › 款 › 项 path; a line's own page types and searches its codes the same way (TypedCodesForm).
"""

from functools import cached_property, lru_cache

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import widgets
from django.forms.models import BaseInlineFormSet
from django.forms.utils import flatatt
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils.html import format_html, format_html_join

from budget.admin.base import BudgetPagesAdmin
from budget.admin.workflow import requested_year
from budget.models import BudgetLine, ControlFigure, EconomicSubject, ExpenditureKind, FunctionSubject, FundingSource

SUBJECT_LISTS = {"function": FunctionSubject, "economic": EconomicSubject}
SUGGESTIONS = 20  # codes offered at once; typing more narrows them


def search_codes(subjects, query, limit=SUGGESTIONS):
    """The leaf subjects (of a list as Subject.of_year gives it) that match every word of the query, by code
    (from its start), name or path; sorted by code, at most `limit`, and whether there were more."""
    words = query.split()
    found = [
        subject for code, subject in sorted(subjects.items())
        if len(code) == subject.leaf_length and all(code.startswith(word) or word in subject.path for word in words)
    ]
    return found[:limit], len(found) > limit


class GridInput(widgets.Input):
    """An input of a grid cell, written out here with the HTML of Django's templates: those render two templates
    for each input, and a budget's grid has several inputs in each of hundreds of rows. Before the input's class in
    its bases (GridTextInput, GridCheckbox)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], name, value, flatatt(widget["attrs"]))


class GridTextInput(GridInput, forms.TextInput):
    pass


class GridCheckbox(GridInput, forms.CheckboxInput):
    pass


class CodeInput(GridInput, forms.TextInput):
    """A code typed in a cell, with the subject's name under it and its path as a tooltip (once known)."""

    def __init__(self, subject_list):
        super().__init__(attrs={
            "class": "grid-code", "data-list": subject_list, "autocomplete": "off", "spellcheck": "false",
            "role": "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
        })
        self.subject = None  # set by the form once the code is known

    def render(self, name, value, attrs=None, renderer=None):
        subject = self.subject
        return format_html('{}<span class="grid-name"{}>{}</span>', super().render(name, value, attrs, renderer),
                           format_html(' title="{}"', subject.path) if subject else "", subject.name if subject else "")


@lru_cache(maxsize=128)
def rendered_options(choices, selected):
    """The <option>s of a flat list of choices with the selected values marked, as Django's templates write them."""
    options = forms.Select(choices=choices).optgroups("", selected)
    return format_html_join("", '<option value="{}"{}>{}</option>',
                            ((option["value"], flatatt(option["attrs"]), option["label"])
                             for _group, group_options, _index in options for option in group_options))


class GridSelect(forms.Select):
    """A select in a grid cell, its options rendered once for all the rows that offer them with the same choice:
    Django renders each option of each row from a template, and a budget's 200 lines, each with a kind, a source,
    a unit and one of 40 projects to choose, took seconds a page."""

    def render(self, name, value, attrs=None, renderer=None):
        options = rendered_options(tuple(self.choices), tuple(self.format_value(value)))
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), options)


class SubjectCodeField(forms.CharField):
    """A 功能分类 or 经济分类 code; the form resolves it in the budget's year (LineGridForm.subject)."""

    def __init__(self, subject_list, label):
        super().__init__(label=label, max_length=20, widget=CodeInput(subject_list))


class YearCodes:
    """The budget's year's lists by code, read once per page and only when needed: a new budget's year is known
    only once its own form has been cleaned, after the grid's forms were made."""

    def __init__(self, budget):
        self.budget = budget
        self.lists = {}

    def subject(self, model, code):
        year = self.budget.year
        if not year:
            raise ValidationError("请先填写预算年度。")
        if model not in self.lists:
            self.lists[model] = model.of_year(year)
        try:
            return self.lists[model][code]
        except KeyError:
            raise model.not_found(year, code) from None


class RowsOnPage:
    """The project rows of one budget page (its ProjectRows), for the lines and purchases typed beside them to name a
    project added in the same save: one per request (rows_on_page), handed to the page's formsets as they are made."""

    projects = None


def rows_on_page(request):
    return request.__dict__.setdefault("budget_rows_on_page", RowsOnPage())


class ProjectRows(BaseInlineFormSet):
    """The budget page's project rows, which make themselves known to the lines and purchases on the same page."""

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        if page is not None:
            page.projects = self


class NamesProjects(BaseInlineFormSet):
    """A formset of the budget page whose rows name a project by code (ProjectCodes): the projects of the same
    page's rows, read once they are all made (the projects' rows come first, inlines keep their order)."""

    def __init__(self, *args, page=None, **kwargs):
        self.page = page
        super().__init__(*args, **kwargs)

    @cached_property
    def project_codes(self):
        return ProjectCodes(self.instance, self.page.projects if self.page else None)


class ProjectCodes:
    """The projects a line or a purchase may name, by code: the budget's projects as the same page's project rows
    have them, rows added in this save included, rows being deleted left out."""

    def __init__(self, budget, projects_formset):
        self.budget = budget
        self.formset = projects_formset

    @cached_property
    def by_code(self):
        if self.formset is None:  # a read-only page: the grid shows the saved projects
            return {project.code: project for project in self.budget.projects.all()} if self.budget.pk else {}
        deleted = set(self.formset.deleted_forms) if self.formset.is_bound else set()
        projects = {}
        for form in self.formset.forms:
            project = form.instance
            new_and_blank = project.pk is None and not form.has_changed()
            if project.code and form not in deleted and not new_and_blank:
                projects[project.code] = project
        return projects

    def choices(self):
        # The name first: the codes of a department's projects often share their first dozen characters.
        return [("", "—"), *((code, f"{project.name}（{code}）") for code, project in self.by_code.items())]

    def project(self, code):
        try:
            return self.by_code[code]
        except KeyError:
            raise ValidationError(f"项目编码“{code}”不是本预算的项目，请先在“项目”中添加。") from None


SUBJECT_FIELDS = {"function_subject": FunctionSubject, "economic_subject": EconomicSubject}


class TypedCodesForm(forms.ModelForm):
    """A line's form whose 功能分类 and 经济分类 are typed codes, looked up in the year of the line's budget
    (`year_codes`, a YearCodes): the grid's rows and a line's own page."""

    function_subject = SubjectCodeField("function", "功能分类科目")
    economic_subject = SubjectCodeField("economic", "经济分类科目")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        line = self.instance
        if line.pk:
            self.initial.update({field: getattr(line, field).code for field in SUBJECT_FIELDS})
            if not self.is_bound:
                for field in SUBJECT_FIELDS:
                    self.fields[field].widget.subject = getattr(line, field)

    def year_codes(self):
        raise NotImplementedError

    def subject(self, field):
        subject = self.year_codes().subject(SUBJECT_FIELDS[field], self.cleaned_data[field])
        self.fields[field].widget.subject = subject
        return subject

    def clean_function_subject(self):
        return self.subject("function_subject")

    def clean_economic_subject(self):
        return self.subject("economic_subject")


class LineGridForm(TypedCodesForm):
    """One row of the grid. Kind and source start at the most common values (基本支出, 一般公共预算拨款): a row
    left at them and otherwise empty is no line."""

    project = forms.CharField(label="项目", required=False, widget=GridSelect)

    class Meta:
        model = BudgetLine
        fields = ["function_subject", "economic_subject", "unit", "kind", "source", "is_carryover", "project", "amount"]
        # Text, not a number box: ↑ ↓ move between rows instead of changing the amount.
        widgets = {"amount": GridTextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                   "is_carryover": GridCheckbox, "unit": GridSelect, "kind": GridSelect, "source": GridSelect}

    def __init__(self, *args, codes, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes, self.projects = codes, projects
        self.fields["kind"].initial = ExpenditureKind.BASIC
        self.fields["source"].initial = FundingSource.GENERAL_BUDGET
        self.fields["project"].widget.choices = projects.choices()
        if self.instance.pk:
            self.initial["project"] = self.instance.project.code if self.instance.project_id else ""

    def year_codes(self):
        return self.codes

    def add_error(self, field, error):
        """A cell the form has refused is not refused again by the model's checks of what it then lacks (an
        unknown project code is not also "项目支出必须选择所属项目")."""
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            error = ValidationError({name: errors for name, errors in error.error_dict.items() if name not in self.errors})
            if not error.error_dict:
                return
        super().add_error(field, error)

    def clean_project(self):
        code = self.cleaned_data["project"]
        return self.projects.project(code) if code else None


class LineGridFormSet(NamesProjects, BaseInlineFormSet):
    @cached_property
    def codes(self):
        return YearCodes(self.instance)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "codes": self.codes, "projects": self.project_codes}


class PurchaseForm(forms.ModelForm):
    """A purchase (政府采购) on the budget's page: its project chosen by code among the page's project rows, a project
    typed there before its first save included (static/entry/grid.js keeps the choices in step with the rows)."""

    project = forms.CharField(label="项目", required=False, widget=forms.Select)

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = projects
        self.fields["project"].widget.choices = projects.choices()
        if self.instance.pk:
            self.initial["project"] = self.instance.project.code if self.instance.project_id else ""

    def clean_project(self):
        code = self.cleaned_data["project"]
        return self.projects.project(code) if code else None


class PurchaseFormSet(NamesProjects, BaseInlineFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "projects": self.project_codes}


def control_figures(budget):
    """The bureau's control figures for the budget's department and year, as the grid's totals show them."""
    if budget is None or budget.pk is None:
        return []
    figures = ControlFigure.objects.filter(department=budget.department_id, year=budget.year)
    return [{"kind": figure.kind, "source": figure.source, "amount": str(figure.amount),
             "label": f"{figure.get_kind_display()}·{figure.get_source_display()}"} for figure in figures]


class GridViewsMixin(BudgetPagesAdmin):
    """Adds the grid to BudgetAdmin: its code search, its totals' control figures, its projects."""

    def grid_urls(self):
        view = self.admin_site.admin_view
        return [
            path("codes/", view(self.codes_view), name="budget_budget_new_codes"),
            path("<path:object_id>/codes/", view(self.codes_view), name="budget_budget_codes"),
        ]

    def codes_view(self, request, object_id=None):
        """?list=function|economic&q=…: the leaf codes of the budget's year (on the page of a budget not yet
        saved, of ?year=) matching q; only for whoever may change the budget (or add one)."""
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            year = requested_year(request.GET.get("year"), None)
        else:
            budget = self.get_object(request, object_id)
            if budget is None or not self.has_change_permission(request, budget):
                raise Http404
            year = budget.year
        model = SUBJECT_LISTS.get(request.GET.get("list"))
        if model is None or year is None:
            raise Http404
        found, more = search_codes(model.of_year(year), request.GET.get("q", ""))
        return JsonResponse({
            "results": [{"code": subject.code, "name": subject.name, "path": subject.path} for subject in found],
            "more": more,
        })

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The budget's page, with the control figures its totals are shown beside."""
        budget = self.get_object(request, object_id) if object_id else None
        extra = {"control_figures": control_figures(budget)}
        return super().changeform_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """The project rows, lines and purchases of one page share its RowsOnPage: a line or a purchase may name a
        project typed in the rows above it."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if issubclass(inline.formset, (ProjectRows, NamesProjects)):
            kwargs["page"] = rows_on_page(request)
        return kwargs
