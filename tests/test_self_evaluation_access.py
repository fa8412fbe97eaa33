"""Who may see and enter a project's self-evaluation (docs/security.md): the department's accountant enters it once
the budget is published; the bureau's reviewer reads it and changes nothing; another department's accountant reaches
none of its pages, whatever the URL; the anonymous are sent to log in. Before publication there is nothing to
evaluate, and the page says so."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse

from budget import workflow
from budget.models import Budget, Project
from performance.models import IndicatorEvaluation, ProjectEvaluation
from tests.factories import complete_budget, evaluated, published_complete
from tests.pages import change_url, form_data, logged_in

FORM = "projectevaluation_form"


@pytest.fixture
def project(draft_budget):
    return published_complete(draft_budget).projects.get()


@pytest.fixture
def evaluation(project):
    evaluation = evaluated(project)
    evaluation.achieved_goal = "已完成。"
    evaluation.save()  # a second record, for the history pages
    return evaluation


def add_url(project):
    return f"{reverse('admin:performance_projectevaluation_add')}?project={project.pk}"


def urls(evaluation):
    """Every URL of the new pages that shows something of the evaluation or its project."""
    target = IndicatorEvaluation.objects.filter(indicator__project=evaluation.project).first()
    return [
        add_url(evaluation.project),
        change_url(evaluation),
        reverse("admin:performance_projectevaluation_history", args=[evaluation.pk]),
        reverse("admin:performance_projectevaluation_simple_history",
                args=[evaluation.pk, evaluation.history.earliest().history_id]),
        reverse("admin:performance_projectevaluation_delete", args=[evaluation.pk]),
        change_url(target),
        reverse("admin:performance_indicatorevaluation_history", args=[target.pk]),
        reverse("admin:performance_indicatorevaluation_simple_history",
                args=[target.pk, target.history.earliest().history_id]),
        *report_urls(evaluation.project.budget),
    ]


def report_urls(budget):
    """The budget's self-evaluation as a page, PDF and open data, and its workbook out and in."""
    return [reverse(f"admin:performance_projectevaluation_{name}", args=[budget.pk])
            for name in ("report", "report_pdf", "report_csv", "report_json", "workbook", "import")]


def state():
    return (list(ProjectEvaluation.objects.values().order_by("pk")),
            list(IndicatorEvaluation.objects.values().order_by("pk")))


def test_another_departments_accountant_reaches_none_of_its_pages(client, evaluation, accountant, other_accountant):
    form = form_data(logged_in(client, accountant).get(change_url(evaluation)).content.decode(), FORM)
    before = state()
    logged_in(client, other_accountant)

    for url in urls(evaluation):
        posted = {**form, "executed": "1.00", "post": "yes"}
        for response in (client.get(url, follow=True), client.post(url, posted, follow=True)):
            assert response.status_code in (403, 404) or response.redirect_chain, url
            html = response.content.decode()
            assert "鹿泉区测试局" not in html and "测试项目" not in html and "指标0" not in html, url
    for name in ("changelist", "projects"):
        html = client.get(reverse(f"admin:performance_projectevaluation_{name}")).content.decode()
        assert "测试项目" not in html, name
    assert state() == before


def test_another_departments_accountant_cannot_post_its_project_into_their_own_evaluation(
        client, project, other_accountant, other_department):
    own = published_complete(Budget.objects.create(department=other_department, year=2024)).projects.get()
    logged_in(client, other_accountant)
    form = form_data(client.get(add_url(own)).content.decode(), FORM)

    client.post(add_url(own), {**form, "project": project.pk, "full_year_budget": "1", "executed": "1"})

    assert not ProjectEvaluation.objects.filter(project=project).exists()


def test_the_reviewer_reads_the_evaluation_and_changes_nothing(client, evaluation, accountant, reviewer):
    form = form_data(logged_in(client, accountant).get(change_url(evaluation)).content.decode(), FORM)
    before = state()
    logged_in(client, reviewer)

    page = client.get(change_url(evaluation))

    assert page.status_code == 200
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    assert soup.select_one(".field-total .readonly").get_text() == "99.00"  # 执行率 90 %, every target met
    assert not soup.select('input[name="executed"], input[name$="-weight"]')
    assert client.post(change_url(evaluation), {**form, "executed": "1.00"}).status_code == 403
    assert client.get(add_url(evaluation.project)).status_code == 302  # to the evaluation, begun already
    assert client.get(reverse("admin:performance_projectevaluation_history", args=[evaluation.pk])).status_code == 200
    assert "2024年测试项目" in client.get(reverse("admin:performance_projectevaluation_changelist")).content.decode()
    assert state() == before


def test_the_reviewer_cannot_begin_an_evaluation(client, project, reviewer):
    logged_in(client, reviewer)

    assert client.get(add_url(project)).status_code == 403
    assert client.post(add_url(project), {"project": project.pk, "full_year_budget": "1", "executed": "1"}
                       ).status_code == 403
    assert not ProjectEvaluation.objects.exists()


def test_the_anonymous_are_sent_to_log_in(client, evaluation):
    for url in [*urls(evaluation), reverse("admin:performance_projectevaluation_projects")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url


def test_the_accountant_lists_the_years_projects_to_evaluate(client, project, accountant):
    logged_in(client, accountant)

    page = BeautifulSoup(client.get(reverse("admin:performance_projectevaluation_projects")).content.decode(),
                         "html.parser")

    assert page.find("h2", string=str(project.budget))
    assert page.find("a", string="填写自评")["href"] == add_url(project)


def test_a_budget_not_yet_published_has_nothing_to_evaluate(client, draft_budget, accountant):
    project = complete_budget(draft_budget).projects.get()
    logged_in(client, accountant)

    response = client.get(add_url(project))

    assert response.status_code == 302 and response["Location"] == change_url(project)
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "鹿泉区测试局2024年部门预算现为“草稿”，公开后才能填写绩效自评。"]
    assert client.post(add_url(project), {"project": project.pk, "full_year_budget": "1", "executed": "1"}
                       ).status_code == 302
    assert not ProjectEvaluation.objects.exists()
    assert BeautifulSoup(client.get(change_url(project)).content.decode(), "html.parser").find(
        id="self-evaluation-link") is None
    html = client.get(reverse("admin:performance_projectevaluation_projects")).content.decode()
    assert "没有可自评的项目" in html


def test_a_budget_reopened_for_a_correction_leaves_its_evaluation_read_only(client, evaluation, accountant, reviewer):
    workflow.reopen(evaluation.project.budget, reviewer, "更正科目")
    form_page = logged_in(client, accountant).get(change_url(evaluation))
    before = state()

    assert form_page.status_code == 200 and 'name="executed"' not in form_page.content.decode()
    assert client.post(change_url(evaluation), {"executed": "1.00"}).status_code == 403
    assert state() == before


def test_history_pages_of_the_evaluations_show_their_records_and_revert_nothing(client, evaluation, accountant):
    target = IndicatorEvaluation.objects.filter(indicator__project=evaluation.project).first()
    logged_in(client, accountant)
    before = state()

    for obj in (evaluation, target):
        opts = obj._meta
        listing = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]))
        record_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history",
                             args=[obj.pk, obj.history.earliest().history_id])
        record = client.get(record_url)
        assert listing.status_code == 200 and record.status_code == 200, opts.model_name
        assert "<select" not in record.content.decode() and 'name="_save"' not in record.content.decode()
        assert client.post(record_url, {"executed": "1.00", "weight": "1"}).status_code == 403
    assert "已完成。" in client.get(reverse("admin:performance_projectevaluation_history",
                                          args=[evaluation.pk])).content.decode()
    assert state() == before


def test_the_evaluation_is_never_deleted_from_the_staff_site(client, evaluation, accountant, superuser):
    for user in (accountant, superuser):
        logged_in(client, user)
        client.post(reverse("admin:performance_projectevaluation_delete", args=[evaluation.pk]), {"post": "yes"})
    assert ProjectEvaluation.objects.filter(pk=evaluation.pk).exists()
    assert Project.objects.filter(pk=evaluation.project_id).exists()
