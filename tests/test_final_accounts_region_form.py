"""A deployment chooses its region's form once (FINAL_ACCOUNTS_FORM): the same final accounts then print with that
region's table titles, order and empty cells, and a version keeps the form it was published in for its open data."""

import json

from django.test import override_settings

from final_accounts import document, publication, workflow
from final_accounts.models import FinalAccounts


def titles(accounts):
    return [table.title for table in document.build(accounts).tables]


def test_the_deployments_form_names_and_orders_the_tables(demo_final_accounts):
    shanghai = titles(demo_final_accounts)
    with override_settings(FINAL_ACCOUNTS_FORM="hebei"):
        hebei = titles(demo_final_accounts)

    assert shanghai[5] == "一般公共预算财政拨款基本支出决算表" and shanghai[6] == "财政拨款“三公”经费支出决算表"
    assert hebei[5] == "一般公共预算财政拨款基本支出决算明细表" and hebei[-1] == "财政拨款“三公”经费支出决算表"
    assert sorted(hebei) != sorted(shanghai)


def test_a_version_keeps_its_form_for_its_open_data(client, demo_final_accounts, django_user_model):
    reviewer = django_user_model.objects.get(username="shenhe")
    workflow.reopen(demo_final_accounts, reviewer, "按河北表样重新公开")
    FinalAccounts.objects.filter(pk=demo_final_accounts.pk).update(status=FinalAccounts.Status.APPROVED)
    with override_settings(FINAL_ACCOUNTS_FORM="hebei"):
        version = publication.finish(workflow.publish(demo_final_accounts, reviewer, "按河北表样重新公开"))

    assert version.figures["form"] == "hebei"
    first = json.loads(client.get("/final-accounts/2024/310107001/v1/tables/6.json").content)
    second = json.loads(client.get("/final-accounts/2024/310107001/v2/tables/6.json").content)
    assert first["title"] == "一般公共预算财政拨款基本支出决算表"
    assert second["title"] == "一般公共预算财政拨款基本支出决算明细表"
