"""Who may see and change final accounts (部门决算) in the admin (docs/security.md), with personas: accountant A of the
department, accountant B of another department, a reviewer of the bureau, the anonymous public; and the rules'
functions in budget/access.py by status."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget import access
from budget.models import Budget
from budget.samples.synthetic import make_line, publish
from final_accounts.models import FinalAccounts
from tests.factories import filled_final_accounts, final_accounts, final_accounts_state
from tests.pages import change_url, form_data, logged_in

NAME = "鹿泉区测试局"  # department A's name, which nothing shown to B may contain
ROW_TEXT = "测试用途"  # a 年初预算 row's text


@pytest.fixture
def accounts_a(department):
    return filled_final_accounts(final_accounts(department))


def history_record_url(accounts):
    return reverse("admin:final_accounts_finalaccounts_simple_history", args=[accounts.pk, accounts.history.earliest().pk])


def admin_urls(accounts):
    """Every admin URL that shows or changes something of the final accounts."""
    return [
        change_url(accounts),
        reverse("admin:final_accounts_finalaccounts_history", args=[accounts.pk]),
        history_record_url(accounts),
        reverse("admin:final_accounts_finalaccounts_delete", args=[accounts.pk]),
        reverse("admin:final_accounts_finalaccounts_template", args=[accounts.pk]),
        reverse("admin:final_accounts_finalaccounts_import", args=[accounts.pk]),
    ]


def set_status(accounts, status):
    FinalAccounts.objects.filter(pk=accounts.pk).update(status=status)
    accounts.refresh_from_db()


def shows(response, text):
    return text in response.content.decode("utf-8", "replace")


# ---------------------------------------------------------------------------------------------- accountant B


def test_accountant_b_reaches_no_admin_page_of_as_final_accounts(client, accounts_a, other_accountant):
    logged_in(client, other_accountant)
    for url in admin_urls(accounts_a):
        for response in (client.get(url, follow=True), client.post(url, {"duties": "B改的", "post": "yes"}, follow=True)):
            # refused, or (Django's way for an object it does not find) sent to the site's index
            assert response.status_code in (403, 404) or response.redirect_chain == [("/admin/", 302)], url
            assert not shows(response, NAME), url
    accounts_a.refresh_from_db()
    assert accounts_a.duties == "负责测试工作。" and FinalAccounts.objects.filter(pk=accounts_a.pk).exists()


def test_accountant_b_finds_nothing_of_as_final_accounts_in_the_list_or_its_search(client, accounts_a, other_accountant):
    logged_in(client, other_accountant)
    for query in ({}, {"q": "测试"}, {"q": accounts_a.department.code}):
        response = client.get(reverse("admin:final_accounts_finalaccounts_changelist"), query)
        assert response.status_code == 200  # the list itself, not a refusal that would show nothing anyway
        assert not shows(response, NAME), query


def test_accountant_a_finds_own_final_accounts_in_the_same_list_and_search(client, accounts_a, accountant):
    logged_in(client, accountant)
    response = client.get(reverse("admin:final_accounts_finalaccounts_changelist"), {"q": "测试"})
    assert shows(response, NAME)


def test_the_admins_autocomplete_offers_accountant_b_nothing_of_as(client, accounts_a, other_accountant):
    """The fields of final accounts that name a department: the autocomplete answers from the departments B may see
    (the budget's rule), never A's."""
    logged_in(client, other_accountant)
    for model_name, field in (("finalaccounts", "department"), ("actualline", "unit"), ("carryover", "unit")):
        response = client.get("/admin/autocomplete/", {"app_label": "final_accounts", "model_name": model_name,
                                                       "field_name": field, "term": ""})
        if response.status_code == 200:
            texts = " ".join(result["text"] for result in response.json()["results"])  # parsed: the JSON escapes Chinese
            assert NAME not in texts and accounts_a.department.code not in texts, (model_name, field)
        else:
            assert response.status_code in (403, 404)


def test_accountant_b_cannot_start_final_accounts_for_as_department(client, department, other_accountant):
    logged_in(client, other_accountant)
    response = client.get(reverse("admin:final_accounts_finalaccounts_add"))
    assert response.status_code == 200
    assert not shows(response, NAME)  # not among the departments offered
    form = {**form_data(response.content.decode(), "finalaccounts_form"), "department": str(department.pk), "year": "2024"}
    response = client.post(reverse("admin:final_accounts_finalaccounts_add"), form)
    assert not FinalAccounts.objects.exists()
    assert shows(response, 'id="id_department_error"')


# ---------------------------------------------------------------------------------------------- accountant A


def test_accountant_a_enters_facts_and_rows_typed_as_codes_of_the_year(client, accounts_a, accountant):
    logged_in(client, accountant)
    response = client.get(change_url(accounts_a))
    form = form_data(response.content.decode(), "finalaccounts_form")
    html = response.content.decode()
    assert '<datalist id="fa-function-codes">' in html and '<option value="2013301">' in html
    assert '<option value="201">' not in html  # a 类 is no row's code
    first = int(form["lines-INITIAL_FORMS"])
    form.update({"duties": "负责财政工作。", "lines-TOTAL_FORMS": str(first + 1),
                 f"lines-{first}-function_subject": "2013302", f"lines-{first}-economic_subject": "30101",
                 f"lines-{first}-kind": "basic", f"lines-{first}-source": "general_budget",
                 f"lines-{first}-amount": "1234.56"})
    response = client.post(change_url(accounts_a), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    accounts_a.refresh_from_db()
    assert accounts_a.duties == "负责财政工作。" and accounts_a.revision == 1
    assert sorted(line.amount for line in accounts_a.lines.all()) == [Decimal("1234.56"), Decimal("80000.00")]


@pytest.mark.parametrize(("code", "message"), [
    ("2010698", "功能分类科目2010698在2024年度不存在。"),
    ("20133", "功能分类科目20133不是项，须填到项（7位编码）。"),
])
def test_a_row_whose_code_is_not_a_leaf_of_the_year_is_refused(client, accounts_a, accountant, code, message):
    logged_in(client, accountant)
    form = form_data(client.get(change_url(accounts_a)).content.decode(), "finalaccounts_form")
    form["lines-0-function_subject"] = code
    before = final_accounts_state(accounts_a)
    response = client.post(change_url(accounts_a), form)
    assert response.status_code == 200 and shows(response, message)
    assert final_accounts_state(accounts_a) == before


def test_a_row_offers_only_the_department_and_its_units(client, accounts_a, accountant, other_department):
    from departments.models import Department

    unit = Department.objects.create(code="301001", name="鹿泉区测试局所属中心", parent=accounts_a.department)
    logged_in(client, accountant)
    html = client.get(change_url(accounts_a)).content.decode()
    assert unit.name in html and "（本部门）" in html
    assert other_department.name not in html
    form = form_data(html, "finalaccounts_form")
    form["lines-0-unit"] = str(other_department.pk)
    response = client.post(change_url(accounts_a), form)
    assert response.status_code == 200 and not accounts_a.lines.filter(unit=other_department).exists()


def test_a_save_over_a_change_made_since_is_refused(client, accounts_a, accountant):
    logged_in(client, accountant)
    form = form_data(client.get(change_url(accounts_a)).content.decode(), "finalaccounts_form")
    accounts_a.record_change()  # another tab, or an import
    response = client.post(change_url(accounts_a), {**form, "duties": "覆盖"})
    assert shows(response, "此决算已被他人修改，请刷新后再改。")
    accounts_a.refresh_from_db()
    assert accounts_a.duties == "负责测试工作。"


@pytest.mark.parametrize("status", ["submitted", "approved", "published"])
def test_once_submitted_accountant_a_only_reads(client, accounts_a, accountant, status):
    set_status(accounts_a, status)
    logged_in(client, accountant)
    response = client.get(change_url(accounts_a))
    assert response.status_code == 200 and shows(response, ROW_TEXT)
    assert 'name="duties"' not in response.content.decode() and 'name="lines-0-amount"' not in response.content.decode()
    before = final_accounts_state(accounts_a)
    assert client.post(change_url(accounts_a), {"duties": "提交后改的"}).status_code == 403
    for name in ("import", "delete"):
        url = reverse(f"admin:final_accounts_finalaccounts_{name}", args=[accounts_a.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403, name
    accounts_a.refresh_from_db()
    assert accounts_a.duties == "负责测试工作。" and final_accounts_state(accounts_a) == before


def test_returned_final_accounts_are_editable_again_but_not_deleted(client, accounts_a, accountant):
    set_status(accounts_a, "returned")
    assert access.may_edit_final_accounts(accountant, accounts_a)
    assert not access.may_delete_final_accounts(accountant, accounts_a)
    logged_in(client, accountant)
    assert 'name="duties"' in client.get(change_url(accounts_a)).content.decode()


def test_accountant_a_deletes_a_draft(client, accounts_a, accountant):
    logged_in(client, accountant)
    response = client.post(reverse("admin:final_accounts_finalaccounts_delete", args=[accounts_a.pk]), {"post": "yes"})
    assert response.status_code == 302 and not FinalAccounts.objects.exists()


def test_accountant_a_starts_final_accounts_for_own_department_only(client, department, accountant, other_department):
    logged_in(client, accountant)
    html = client.get(reverse("admin:final_accounts_finalaccounts_add")).content.decode()
    assert NAME in html and other_department.name not in html
    form = {**form_data(html, "finalaccounts_form"), "department": str(department.pk), "year": "2024"}
    response = client.post(reverse("admin:final_accounts_finalaccounts_add"), form)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert FinalAccounts.objects.get().department == department


def test_the_three_public_budget_is_not_entered_where_the_years_budget_is_published(client, accounts_a, accountant):
    logged_in(client, accountant)
    assert 'name="reception_budget"' in client.get(change_url(accounts_a)).content.decode()
    assert 'name="item_budgets-0-initial_budget"' in client.get(change_url(accounts_a)).content.decode()
    budget = Budget.objects.create(department=accounts_a.department, year=2024)
    make_line(budget, "2013301", "30201", "100.00")
    publish(budget)
    html = client.get(change_url(accounts_a)).content.decode()
    assert 'name="reception_budget"' not in html and 'name="item_budgets-0-initial_budget"' not in html
    assert "年初预算数（元，取自公开的预算）" in html and "100.00" in html  # the published figure, shown


def test_history_pages_are_accountant_as_and_read_only(client, accounts_a, accountant):
    logged_in(client, accountant)
    assert client.get(reverse("admin:final_accounts_finalaccounts_history", args=[accounts_a.pk])).status_code == 200
    assert client.get(history_record_url(accounts_a)).status_code == 200
    response = client.post(history_record_url(accounts_a), {"duties": "通过历史记录修改"})
    assert response.status_code == 403
    accounts_a.refresh_from_db()
    assert accounts_a.duties == "负责测试工作。"


def test_the_history_page_speaks_chinese(client, accounts_a, accountant):
    accounts_a.status = "submitted"
    accounts_a.save()  # a history record whose status changed
    logged_in(client, accountant)
    html = client.get(reverse("admin:final_accounts_finalaccounts_history", args=[accounts_a.pk])).content.decode()
    assert "草稿&nbsp;&rarr;&nbsp;已提交" in html


def test_malformed_ids_are_404s(client, accounts_a, accountant):
    logged_in(client, accountant)
    for url in ("/admin/final_accounts/finalaccounts/abc/history/", "/admin/final_accounts/finalaccounts/abc/import/",
                "/admin/final_accounts/finalaccounts/99999999999999999999/entry-template/",
                f"/admin/final_accounts/finalaccounts/{accounts_a.pk}/history/abc/"):
        assert client.get(url).status_code == 404, url


# ---------------------------------------------------------------------------------------------- reviewer, public


def test_the_reviewer_sees_every_final_accounts_and_changes_none(client, accounts_a, reviewer):
    logged_in(client, reviewer)
    assert shows(client.get(reverse("admin:final_accounts_finalaccounts_changelist")), NAME)
    response = client.get(change_url(accounts_a))
    assert response.status_code == 200 and shows(response, ROW_TEXT) and 'name="duties"' not in response.content.decode()
    assert client.get(reverse("admin:final_accounts_finalaccounts_history", args=[accounts_a.pk])).status_code == 200
    assert client.get(reverse("admin:final_accounts_finalaccounts_template", args=[accounts_a.pk])).status_code == 200
    before = final_accounts_state(accounts_a)
    assert client.post(change_url(accounts_a), {"duties": "审核改的"}).status_code == 403
    for name in ("import", "delete"):
        url = reverse(f"admin:final_accounts_finalaccounts_{name}", args=[accounts_a.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403, name
    assert client.get(reverse("admin:final_accounts_finalaccounts_add")).status_code == 403  # the bureau starts none
    assert final_accounts_state(accounts_a) == before and FinalAccounts.objects.filter(pk=accounts_a.pk).exists()


def test_the_anonymous_public_is_sent_to_the_login_page(client, accounts_a):
    for url in [*admin_urls(accounts_a), reverse("admin:final_accounts_finalaccounts_changelist"),
                reverse("admin:final_accounts_finalaccounts_blank_template")]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


# ---------------------------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(("status", "editable"), [("draft", True), ("submitted", False), ("returned", True),
                                                   ("approved", False), ("publishing", False), ("published", False)])
def test_may_edit_by_status_and_person(accounts_a, accountant, other_accountant, reviewer, superuser, status, editable):
    set_status(accounts_a, status)
    assert access.may_edit_final_accounts(accountant, accounts_a) is editable
    assert access.may_edit_final_accounts(superuser, accounts_a) is editable
    assert access.may_edit_final_accounts(access.COMMAND_LINE, accounts_a) is editable
    assert not access.may_edit_final_accounts(other_accountant, accounts_a)
    assert not access.may_edit_final_accounts(reviewer, accounts_a)
    assert access.may_delete_final_accounts(accountant, accounts_a) is (status == "draft")
    assert set(FinalAccounts.objects.editable_by(accountant)) == ({accounts_a} if editable else set())


def test_who_sees_and_starts_which_final_accounts(accounts_a, accountant, other_accountant, reviewer, other_department):
    other = final_accounts(other_department)
    assert set(FinalAccounts.objects.for_user(accountant)) == {accounts_a}
    assert set(FinalAccounts.objects.for_user(other_accountant)) == {other}
    assert set(FinalAccounts.objects.for_user(reviewer)) == {accounts_a, other}
    assert access.may_start_final_accounts(accountant, accounts_a.department)
    assert not access.may_start_final_accounts(other_accountant, accounts_a.department)
    assert not access.may_start_final_accounts(reviewer, accounts_a.department)
    assert access.may_start_final_accounts(access.COMMAND_LINE, accounts_a.department)
