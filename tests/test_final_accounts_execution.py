"""预算执行: the year's budget set against the final accounts per 功能分类 类 and 项, with the execution rate."""

from decimal import Decimal

from django.urls import reverse

from final_accounts.builders.execution import rows


def test_rows_set_each_class_and_item_against_its_budget_with_the_rate():
    actual = {"2013301": Decimal("100"), "2080505": Decimal("50")}
    budgets = {"2013301": Decimal("200"), "2101101": Decimal("30")}
    names = {"201": "一般公共服务支出", "2013301": "行政运行", "208": "社会保障和就业支出", "2080505": "养老",
             "210": "卫生健康支出", "2101101": "行政单位医疗"}

    built = rows(actual, budgets, names)

    assert [(row.code, row.budget, row.actual, row.rate) for row in built] == [
        ("", Decimal("230"), Decimal("150"), Decimal("65.22")),
        ("201", Decimal("200"), Decimal("100"), Decimal("50.00")),
        ("2013301", Decimal("200"), Decimal("100"), Decimal("50.00")),
        ("208", Decimal("0"), Decimal("50"), None),  # spent without a budget: no rate to state
        ("2080505", Decimal("0"), Decimal("50"), None),
        ("210", Decimal("30"), Decimal("0"), Decimal("0.00")),
        ("2101101", Decimal("30"), Decimal("0"), Decimal("0.00")),
    ]


def test_the_execution_page_shows_budget_actual_and_rate_with_a_chart(client, demo_final_accounts):
    page = client.get(reverse("final-accounts-execution", args=[2024, "224"]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "年初预算" in text and "支出决算" in text and "执行率" in text
    assert "92.00%" in text  # 2013704, spent at 92 % in the sample
    assert "<svg" in text and "取自本平台公开的" in text


def test_the_execution_page_is_served_from_the_cache_until_the_next_publication(
    client, demo_final_accounts, django_assert_num_queries
):
    url = reverse("final-accounts-execution", args=[2024, "224"])
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.content == first.content and again["ETag"] == first["ETag"]
