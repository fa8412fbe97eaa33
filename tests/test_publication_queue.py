"""Publication renders its PDFs on the task queue, as production runs it (the database queue and its worker):
the reviewer's request returns at once, a version is public only once its PDF is stored, a failed render is
retried and reported, and many budgets are published with one action."""

import signal
from datetime import timedelta
from unittest.mock import patch

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from budget import caching, pdf, publication
from budget.models import Budget, PublishedVersion
from budget.samples.synthetic import create_budget
from budget.samples.synthetic import publish as synthetic_publish
from tests.factories import fake_pdf
from tests.pages import logged_in

DASHBOARD = "/admin/budget/budget/dashboard/?year=2024"
BULK = "/admin/budget/budget/publish/"


@pytest.fixture(autouse=True)
def database_queue(settings, monkeypatch):
    """The real database queue: a task waits for a worker (the other tests' queue runs it at once). The
    worker runs in the test's transaction, so it must not close the connection as a long-lived worker does."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker():
    """What `manage.py db_worker` does, until nothing due is left."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def make_retries_due():
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))


def approved(code):
    budget = create_budget(code, lines=6, projects=1, indicators=3)
    Budget.objects.filter(pk=budget.pk).update(status=Budget.Status.APPROVED)
    budget.refresh_from_db()
    return budget


def public_page(client, budget):
    return client.get(f"/budgets/{budget.year}/{budget.department.code}/")


@pytest.fixture
def reviewer_session(client, reviewer):
    return logged_in(client, reviewer)


def test_publication_returns_before_the_pdf_is_rendered_and_is_public_only_once_it_is(reviewer_session, client):
    budget = approved("601")
    with patch.object(pdf, "write", side_effect=fake_pdf) as render:
        response = reviewer_session.post(reverse("admin:budget_budget_action", args=[budget.pk, "publish"]))
        assert render.call_count == 0  # no request renders a PDF

        assert response.status_code == 302
        budget.refresh_from_db()
        assert budget.status == Budget.Status.PUBLISHING
        assert not PublishedVersion.objects.exists()
        assert public_page(client, budget).status_code == 404
        assert "公开中" in reviewer_session.get(DASHBOARD).content.decode()

        run_worker()

        assert render.call_count == 1
    version = PublishedVersion.objects.get(budget=budget)
    assert Budget.objects.get(pk=budget.pk).status == Budget.Status.PUBLISHED
    assert version.is_current and version.pdf_problem() == ""
    assert default_storage.open(version.pdf.name).read() == fake_pdf(pdf.page(version.title, version.department_name,
                                                                              2024, version.html))
    assert public_page(client, budget).status_code == 200


def test_a_failed_render_is_retried_then_reported_and_leaves_nothing_public(reviewer_session, client):
    budget = approved("602")
    url = reverse("admin:budget_budget_action", args=[budget.pk, "publish"])
    with patch.object(pdf, "write", side_effect=OSError("No space left on device")):
        reviewer_session.post(url)
        run_worker()
        version = PublishedVersion.all_states.get(budget=budget)
        assert (version.state, version.render_attempts) == (PublishedVersion.State.RENDERING, 1)
        assert "生成PDF中（上次失败：OSError: No space left on device，将自动重试）" in (
            reviewer_session.get(DASHBOARD).content.decode())
        run_worker()  # the retry is not due yet
        assert PublishedVersion.all_states.get(budget=budget).render_attempts == 1
        for _ in range(publication.MAX_ATTEMPTS - 1):
            make_retries_due()
            run_worker()

    version = PublishedVersion.all_states.get(budget=budget)
    assert (version.state, version.render_attempts) == (PublishedVersion.State.FAILED, publication.MAX_ATTEMPTS)
    dashboard = reviewer_session.get(DASHBOARD).content.decode()
    assert "PDF生成失败：OSError: No space left on device" in dashboard
    assert "待生成PDF" not in dashboard
    assert public_page(client, budget).status_code == 404
    assert not DBTaskResult.objects.filter(status="READY").exists()

    with patch.object(pdf, "write", side_effect=fake_pdf):  # the disk was cleaned; the reviewer retries
        reviewer_session.post(reverse("admin:budget_budget_action", args=[budget.pk, "retry"]))
        run_worker()

    assert PublishedVersion.objects.get(budget=budget).render_error == ""
    assert public_page(client, budget).status_code == 200


def test_a_budget_whose_pdf_failed_can_be_returned_to_its_department(reviewer_session, client):
    budget = approved("603")
    with patch.object(pdf, "write", side_effect=RuntimeError("排版失败")):
        reviewer_session.post(reverse("admin:budget_budget_action", args=[budget.pk, "publish"]))
        for _ in range(publication.MAX_ATTEMPTS):
            make_retries_due()
            run_worker()

    reviewer_session.post(reverse("admin:budget_budget_action", args=[budget.pk, "return"]), {"text": "请核对后重报"})

    assert Budget.objects.get(pk=budget.pk).status == Budget.Status.RETURNED
    assert not PublishedVersion.all_states.filter(budget=budget).exists()
    assert public_page(client, budget).status_code == 404


def test_a_reviewer_publishes_a_years_approved_budgets_with_one_action_and_watches_them_become_public(
        reviewer_session, client):
    budgets = [approved(code) for code in ("611", "612", "613")]
    draft = create_budget("614", lines=3, projects=0)

    page = reviewer_session.get(BULK, {"year": 2024}).content.decode()
    assert "公开所选预算" in page and "测试部门614" not in page
    with patch.object(caching, "published_changed") as caches_dropped:
        response = reviewer_session.post(BULK, {"budget": [b.pk for b in budgets] + [draft.pk]})
        assert response.url == DASHBOARD
        dashboard = reviewer_session.get(DASHBOARD).content.decode()
        assert "待生成PDF：3个" in dashboard
        assert dashboard.count("生成PDF中") == 4  # three rows, and the batch's column header

        run_worker()

        assert caches_dropped.call_count == 1  # once for the batch, not once per budget
    assert all(public_page(client, budget).status_code == 200 for budget in budgets)
    assert Budget.objects.get(pk=draft.pk).status == Budget.Status.DRAFT
    assert "没有待生成的PDF" in reviewer_session.get(DASHBOARD).content.decode()
    listing = client.get("/").content.decode()
    assert all(budget.department.name in listing for budget in budgets)


def publish_and_wait(session, budget, minutes):
    """Publish the budget, its PDF then waiting for `minutes` as if no worker had taken it."""
    session.post(reverse("admin:budget_budget_action", args=[budget.pk, "publish"]))
    PublishedVersion.all_states.filter(budget=budget).update(published_at=timezone.now() - timedelta(minutes=minutes))


def test_the_dashboard_says_when_no_worker_renders_the_waiting_pdfs(reviewer_session):
    publish_and_wait(reviewer_session, approved("661"), minutes=15)

    page = reviewer_session.get(DASHBOARD).content.decode()
    assert "没有任务进程在生成PDF：从未见到任务进程运行" in page and "python manage.py db_worker" in page

    with patch.object(pdf, "write", side_effect=fake_pdf):
        run_worker()  # a worker starts: the waiting PDF is rendered
    publish_and_wait(reviewer_session, approved("662"), minutes=1)
    assert "没有任务进程" not in reviewer_session.get(DASHBOARD).content.decode()  # just queued, a worker was seen

    publish_and_wait(reviewer_session, approved("663"), minutes=15)
    assert "没有任务进程" not in reviewer_session.get(DASHBOARD).content.decode()  # a worker was seen less than WORKER_GRACE ago

    DBTaskResult.objects.update(started_at=timezone.now() - timedelta(minutes=20))  # ... and is gone
    page = reviewer_session.get(DASHBOARD).content.decode()
    assert "没有任务进程在生成PDF：最近一次见到任务进程是" in page


def test_the_budget_list_offers_publication_of_the_selected_budgets_to_the_bureau(reviewer_session):
    budgets = [approved("621"), approved("622")]

    page = reviewer_session.post("/admin/budget/budget/", {
        "action": "publish_selected", "_selected_action": [b.pk for b in budgets],
    }).content.decode()

    assert "测试部门621" in page and "测试部门622" in page and "公开所选预算" in page


def test_only_the_bureau_publishes_in_bulk_or_retries(client, accountant, other_accountant, department):
    budget = approved("631")
    for user in (accountant, other_accountant):
        session = logged_in(client, user)
        assert session.get(BULK, {"year": 2024}).status_code == 403
        assert session.post(BULK, {"budget": [budget.pk]}).status_code == 403
        session.post(reverse("admin:budget_budget_action", args=[budget.pk, "retry"]))
        actions = session.get("/admin/budget/budget/").context["action_form"].fields["action"].choices
        assert "publish_selected" not in dict(actions)
        client.logout()
    assert client.post(BULK, {"budget": [budget.pk]}).status_code == 302  # to the login page
    assert Budget.objects.get(pk=budget.pk).status == Budget.Status.APPROVED
    assert not PublishedVersion.all_states.exists()


def test_publish_budget_returns_once_the_years_approved_budgets_are_public(db, capsys):
    budgets = [approved("641"), approved("642")]

    call_command("publish_budget", "--year", "2024", "--all-approved")

    out = capsys.readouterr().out
    assert "进度：2/2" in out and out.count("已公开：") == 2
    assert PublishedVersion.objects.filter(budget__in=budgets).count() == 2


def test_publish_budget_can_leave_the_rendering_to_the_workers(db, capsys):
    budget = approved("651")

    call_command("publish_budget", "651", "2024", "--no-wait")

    assert "已提交公开：1个预算" in capsys.readouterr().out
    assert Budget.objects.get(pk=budget.pk).status == Budget.Status.PUBLISHING
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    with pytest.raises(CommandError, match="没有已审核通过"):
        call_command("publish_budget", "--year", "2024", "--all-approved")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_during_a_render_stops_publish_budget_once_that_pdf_is_stored(db, capsys, stop):
    budgets = [approved("661"), approved("662"), approved("663")]

    def render_then_signalled(page_html):
        signal.raise_signal(stop)  # as `kill` or Ctrl-C would, in the middle of the render
        return fake_pdf(page_html)

    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    with patch.object(pdf, "write", side_effect=render_then_signalled) as render:
        with pytest.raises(CommandError, match="收到终止信号，已停止：2个预算的PDF仍在队列中"):
            call_command("publish_budget", "--year", "2024", "--all-approved")

    assert render.call_count == 1  # the render under way was finished, and no other one started
    assert capsys.readouterr().out.count("已公开：") == 1
    states = sorted(PublishedVersion.all_states.filter(budget__in=budgets).values_list("state", flat=True))
    assert states == [PublishedVersion.State.PUBLIC] + [PublishedVersion.State.RENDERING] * 2
    assert DBTaskResult.objects.filter(status="READY").count() == 2  # still queued, for a worker
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before


def test_a_signal_during_the_last_render_still_stops_the_caller(db):
    budget = approved("671")

    with patch.object(pdf, "write", side_effect=lambda page_html: signal.raise_signal(signal.SIGTERM) or b"%PDF"):
        with pytest.raises(publication.Interrupted):
            synthetic_publish(budget)  # the load test's data script, publishing one budget after another

    assert PublishedVersion.objects.get(budget=budget).state == PublishedVersion.State.PUBLIC


def test_a_pdf_preview_is_rendered_by_a_worker_while_the_page_waits(client, accountant, other_accountant, draft_budget):
    url = reverse("admin:budget_budget_preview_pdf", args=[draft_budget.pk])
    session = logged_in(client, accountant)

    first, again = session.get(url), session.get(url)

    assert "正在后台生成PDF预览" in first.content.decode() and "正在后台生成PDF预览" in again.content.decode()
    assert DBTaskResult.objects.count() == 1  # a reload waits for the same render
    run_worker()
    response = session.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.logout()
    assert logged_in(client, other_accountant).get(url).status_code == 404
