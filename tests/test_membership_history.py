"""Who belongs to a department decides who sees and enters its budgets (docs/security.md): the department's
history records each change of its users, with who made it, and its history page shows them by name."""

import pytest
from django.urls import reverse

from budget import access
from tests.factories import persona
from tests.pages import change_url, form_data, logged_in

pytestmark = pytest.mark.django_db


def test_a_user_given_a_department_is_in_its_history_with_who_gave_it(client, department, accountant,
                                                                      other_accountant):
    administrator = persona("guanli", access.ADMINISTRATOR)
    logged_in(client, administrator)
    form = form_data(client.get(change_url(department)).content.decode(), "department_form")

    client.post(change_url(department), {**form, "members": [accountant.pk, other_accountant.pk]})

    record = department.history.latest()
    assert record.history_user == administrator
    assert {link.user for link in record.members.all()} == {accountant, other_accountant}
    page = client.get(reverse("admin:departments_department_history", args=[department.pk])).content.decode()
    assert "所属用户" in page and f"{accountant.username}、{other_accountant.username}" in page


def test_another_departments_accountant_sees_no_history_of_the_departments_users(client, department, accountant,
                                                                                 other_accountant):
    logged_in(client, other_accountant)

    response = client.get(reverse("admin:departments_department_history", args=[department.pk]))

    assert response.status_code == 404, response.status_code
    assert accountant.username not in response.content.decode()
