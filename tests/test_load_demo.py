"""`load_demo` loads the reference budget, taken through the workflow and published, with a demo login per role;
running it twice changes nothing."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from budget import document
from budget.models import Budget, BudgetLine, ProcurementItem, Project
from budget.samples import demo
from departments.models import Department
from final_accounts.models import ActualLine, FinalAccounts
from performance.models import PerformanceIndicator


def counts():
    return [model.objects.count() for model in (Department, Budget, BudgetLine, Project, PerformanceIndicator, ProcurementItem,
                                                FinalAccounts, ActualLine)]


def test_load_demo_loads_the_published_reference_budget(db, capsys):
    call_command("load_demo")

    budget = Budget.objects.get(department__code="224", year=2024)
    assert budget.status == Budget.Status.PUBLISHED
    assert budget.published_at is not None
    assert budget.projects.count() == 6
    assert PerformanceIndicator.objects.filter(project__budget=budget).count() == 40
    assert sum(line.amount for line in budget.lines.all()) == 4230580
    output = capsys.readouterr().out
    assert "/budgets/2024/224/" in output and "/final-accounts/2024/310107001/" in output
    published = FinalAccounts.objects.filter(year=2024, status=FinalAccounts.Status.PUBLISHED)
    assert sorted(published.values_list("department__code", flat=True)) == ["224", "310107001"]  # the reference, the sample


def test_the_demo_budget_went_through_the_workflow_as_its_people_would(client, db):
    with override_settings(DEBUG=True):  # as make demo runs it: the README's password
        call_command("load_demo")
    budget = Budget.objects.get(department__code="224", year=2024)

    steps = [(change.from_status, change.to_status, change.user.username)
             for change in budget.status_changes.select_related("user").order_by("at", "pk")]
    assert steps == [("draft", "submitted", "kuaiji"), ("submitted", "approved", "shenhe"),
                     ("approved", "publishing", "shenhe"), ("publishing", "published", "shenhe")]
    client.login(username="shenhe", password=demo.DEMO_PASSWORD)
    dashboard = client.get("/admin/budget/budget/dashboard/", {"year": 2024}).content.decode()
    assert "错误0 · 警告0" in dashboard and "未运行" not in dashboard  # the checks ran at submission


def test_running_load_demo_twice_changes_nothing(db, capsys):
    call_command("load_demo")
    before = counts()
    lines_before = list(BudgetLine.objects.order_by("pk").values())

    call_command("load_demo")

    assert counts() == before
    assert list(BudgetLine.objects.order_by("pk").values()) == lines_before
    assert "未作任何更改" in capsys.readouterr().out


def test_the_demo_login_reaches_the_admin(client, db):
    with override_settings(DEBUG=True):
        call_command("load_demo")

    assert client.login(username=demo.DEMO_USERNAME, password=demo.DEMO_PASSWORD)
    response = client.get("/admin/budget/budget/")
    assert response.status_code == 200
    assert "中共石家庄市鹿泉区委网络安全和信息化委员会" in response.content.decode()


def test_project_amounts_are_derived_from_lines(demo_budget):
    sheets = {sheet.project.name: sheet for sheet in document.build(demo_budget).project_sheets}
    sheet = sheets["2024年涉军岗位工资"]
    assert (sheet.amount, sheet.fiscal, sheet.other) == (Decimal("114300.00"), Decimal("114300.00"), Decimal("0.00"))


def test_demo_logins_have_their_roles(client, demo_budget):
    assert client.login(username="kuaiji", password=demo.DEMO_PASSWORD)
    assert "中共石家庄市鹿泉区委网络安全和信息化委员会" in client.get("/admin/budget/budget/").content.decode()

    assert client.login(username="kuaiji2", password=demo.DEMO_PASSWORD)
    assert "中共石家庄市鹿泉区委网络安全和信息化委员会" not in client.get("/admin/budget/budget/").content.decode()

    assert client.login(username="shenhe", password=demo.DEMO_PASSWORD)
    assert client.get("/admin/budget/budget/dashboard/").status_code == 200
    assert "审核工作台" in client.get("/admin/").content.decode()


def test_with_debug_off_no_demo_login_has_the_published_password(client, db, capsys):
    with override_settings(DEBUG=False):
        call_command("load_demo")

    users = get_user_model().objects.filter(username__in=demo.DEMO_USERS)
    assert users.count() == len(demo.DEMO_USERS)
    assert not any(user.check_password(demo.DEMO_PASSWORD) for user in users)
    out = capsys.readouterr().out
    printed = out.split(f"{demo.DEMO_USERNAME}：")[1].split("密码 ")[1].split("）")[0]
    assert client.login(username=demo.DEMO_USERNAME, password=printed)  # printed once, and it works

    call_command("load_demo")
    assert "账号已存在，密码未改动" in capsys.readouterr().out
