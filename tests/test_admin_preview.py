"""Staff preview a budget's document and PDF in any status; the public and anonymous users cannot."""

import pytest

from budget.models import Budget
from tests.pages import page_soup


@pytest.fixture
def draft(demo_budget):
    Budget.objects.filter(pk=demo_budget.pk).update(status=Budget.Status.DRAFT)
    return demo_budget


@pytest.mark.parametrize("suffix", ["preview/", "preview/pdf/"])
def test_anonymous_users_are_sent_to_the_login(client, draft, suffix):
    response = client.get(f"/admin/budget/budget/{draft.pk}/{suffix}")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_draft_is_previewed_as_its_document(admin_session, draft):
    response = admin_session.get(f"/admin/budget/budget/{draft.pk}/preview/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "当前状态：草稿" in html
    assert "2024年预算收入423.06万元" in page_soup(response).get_text()


def test_a_draft_pdf_preview_is_rendered_for_staff(admin_session, draft):
    response = admin_session.get(f"/admin/budget/budget/{draft.pk}/preview/pdf/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_change_page_links_to_the_previews(admin_session, draft):
    html = admin_session.get(f"/admin/budget/budget/{draft.pk}/change/").content.decode()
    assert f"/admin/budget/budget/{draft.pk}/preview/" in html
    assert f"/admin/budget/budget/{draft.pk}/preview/pdf/" in html


def test_an_unknown_budget_preview_is_404(admin_session, db):
    assert admin_session.get("/admin/budget/budget/999999/preview/").status_code == 404


def test_staff_without_permission_on_budgets_cannot_preview(client, draft, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="x-secret-password", is_staff=True)
    client.force_login(clerk)

    assert client.get(f"/admin/budget/budget/{draft.pk}/preview/").status_code == 404
    assert client.get(f"/admin/budget/budget/{draft.pk}/preview/pdf/").status_code == 404
