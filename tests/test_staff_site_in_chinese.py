"""Every page of the staff site speaks Chinese: the superuser opens the list, add, change, delete and history page
of every registered model (ours, Django's users and groups, axes' login records), the app indexes, the dashboard
and the import pages, and finds no English word (3 or more Latin letters) in what a person sees or hears: the
text, and the alt, title, placeholder and aria-label of every element. Allowed: names of formats, standards
and keys that staff read as such (PDF, CSV, Excel, SHA-256, Enter …), and data (user names, a file's name).
Nor ASCII colons and brackets in Chinese (the delete pages' "预算明细: 3", the help icons' "(…)")."""

import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from bs4 import BeautifulSoup
from django.contrib import admin
from django.urls import reverse

from budget.models import Budget, ControlFigure, GlossaryEntry, PublishedVersion
from budget.samples.synthetic import publish
from performance import workflow as evaluation_workflow
from performance.models import EvaluationReview
from tests.factories import complete_budget, evaluated

WORD = re.compile(r"[A-Za-z]{3,}")
# ASCII punctuation after or around Chinese: "用户: demo", "预算明细: 3", "(如：次、%、万元)".
ASCII_PUNCTUATION = re.compile(r"[\u4e00-\u9fff]: |\([\u4e00-\u9fff]|[\u4e00-\u9fff。]\)")
ALLOWED = {
    "PDF", "CSV", "XLSX", "Excel", "JSON", "SHA", "UTF", "GBK", "URL", "LDAP",  # formats, standards
    "Enter", "Control", "Command", "Mac",  # keys, as printed on the keyboard
}
# What a person may hear or see of an element besides its text.
ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")


def seen(html):
    """The page's visible text and the attributes read out, without the password field's hash summary (its
    algorithm and the hash's first characters: data)."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]) + soup.select(".field-password"):
        hidden.decompose()
    said = [element[name] for element in soup.find_all(True) for name in ATTRIBUTES if element.get(name)]
    buttons = [element["value"] for element in soup.select("input[type=submit][value], input[type=button][value]")]
    return "\n".join([soup.get_text(" "), *said, *buttons])


@pytest.fixture
def every_kind_of_object(superuser, accountant, department, draft_budget, other_department):
    """One object of each registered model, with data in Chinese (or, for user names, ASCII by nature)."""
    complete_budget(draft_budget)  # a draft: its budget, lines and projects may be deleted
    published = complete_budget(Budget.objects.create(department=other_department, year=2024))
    publish(published)
    evaluated(published.projects.get())  # a project's self-evaluation and its targets'
    evaluation_workflow.submit(published, superuser)  # its review, with a step
    ControlFigure.objects.create(department=department, year=2024, kind="basic", source="general_budget",
                                 amount="1000.00")
    for model in (AccessAttempt, AccessLog, AccessFailureLog):  # the login records axes keeps
        model.objects.create(username=accountant.username, user_agent="", ip_address="127.0.0.1", http_accept="",
                             path_info="", **({"failures_since_start": 1} if model is AccessAttempt else {}))
    return draft_budget


def pages_of(model, model_admin, request):
    """The list, add, change, delete and history pages of a model that the superuser may open."""
    opts = model._meta
    obj = model_admin.get_queryset(request).order_by("pk").first()
    pages = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
    if model_admin.has_add_permission(request):
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    if obj is not None:
        pages += [reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])
                  for view in ("change", "history")]
        deletable = model.objects.filter(pk__in=model_admin.get_queryset(request)).order_by("pk")
        obj = next((each for each in deletable if model_admin.has_delete_permission(request, each)), None)
        if obj is not None:
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk]))
    return pages


def test_every_page_of_the_staff_site_is_in_chinese(admin_session, superuser, every_kind_of_object, rf):
    budget = every_kind_of_object
    request = rf.get("/admin/")
    request.user = superuser
    pages = ["/admin/", "/admin/password_change/", reverse("admin:budget_budget_dashboard"),
             reverse("admin:budget_budget_publish_many"), reverse("admin:budget_budget_start_import"),
             *(reverse(f"admin:budget_budget_{page}", args=[budget.pk]) for page in ("import", "checks", "review")),
             reverse("admin:performance_projectevaluation_projects"),
             reverse("admin:performance_evaluationreview_review", args=[EvaluationReview.objects.get().budget_id])]
    for model, model_admin in admin.site._registry.items():
        pages.append(reverse("admin:app_list", args=[model._meta.app_label]))
        pages += pages_of(model, model_admin, request)
    # Data shown as it is: user names, a PDF's file name and digest, and axes' names of its records ("Access Log
    # for kuaiji-a @ …", its own).
    data = [user.username for user in type(superuser).objects.all()]
    data += [text for version in PublishedVersion.objects.all() for text in (version.pdf.name, version.pdf_sha256)]
    data += [str(record) for model in (AccessAttempt, AccessLog, AccessFailureLog) for record in model.objects.all()]

    english = {}
    for page in dict.fromkeys(pages):
        response = admin_session.get(page, follow=True)  # a new self-evaluation's page without its project: the list
        assert response.status_code == 200, page
        text = seen(response.content.decode())
        for datum in sorted(data, key=len, reverse=True):
            text = text.replace(datum, "")
        words = set(WORD.findall(text)) - ALLOWED
        if words or ASCII_PUNCTUATION.search(text):
            english[page] = sorted(words) + ASCII_PUNCTUATION.findall(text)

    assert english == {}
    assert len(pages) > 60  # every model's pages were seen


def test_the_page_confirming_a_deletion_of_several_objects_lists_them_with_chinese_colons(admin_session):
    entries = list(GlossaryEntry.objects.order_by("position")[:2])

    response = admin_session.post(reverse("admin:budget_glossaryentry_changelist"), {
        "action": "delete_selected", "_selected_action": [entry.pk for entry in entries]})

    text = seen(response.content.decode())
    assert f"名词解释：{entries[0].term}" in text.replace(" ", "") and "名词解释：2" in text
    assert not ASCII_PUNCTUATION.search(text) and GlossaryEntry.objects.count() >= 2
