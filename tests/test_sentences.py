"""The explanation's sentences read as written by a careful person (docs/tables.md, The explanation's sentences):
one mark per join, matched brackets, no doubled lead, every change with its reason, empty sections said so."""

from decimal import Decimal

from budget import document
from budget.builders import narrative
from budget.samples.synthetic import make_line
from tests.pages import page_soup


def statements(budget, **texts):
    for name, value in texts.items():
        setattr(budget, name, value)
    budget.save()
    return document.build(budget).statements


def with_prior_year(budget, **figures):
    for name, value in figures.items():
        setattr(budget, f"prior_year_{name}", Decimal(value))
    budget.save()
    return budget


def test_punctuated_replaces_the_texts_own_closing_mark_instead_of_adding_a_second():
    assert narrative.punctuated("日常运行支出。") == "日常运行支出。"
    assert narrative.punctuated("日常运行支出；") == "日常运行支出。"
    assert narrative.punctuated("日常运行支出， ") == "日常运行支出。"
    assert narrative.punctuated("日常运行支出") == "日常运行支出。"


def test_running_cost_uses_ending_in_a_full_stop_give_one_full_stop(draft_budget):
    make_line(draft_budget, economic_code="30201", amount="10000.00")

    sentence = statements(draft_budget, running_cost_uses="日常运行支出。")["running_cost"]

    assert sentence == "2024年，我部门机关运行经费共计安排1.00万元，主要用于日常运行支出。"


def test_change_reasons_ending_in_a_full_stop_give_one_full_stop(draft_budget):
    make_line(draft_budget, amount="30000.00")
    with_prior_year(draft_budget, total="20000.00", basic="20000.00", project="0.00")

    sentence = statements(draft_budget, basic_change_reason="人员略有增加。")["change"]

    assert "。。" not in sentence
    assert sentence == (
        "2024年预算收支安排3.00万元，较2023年预算增加1.00万元，其中：基本支出增加1.00万元，主要为人员略有增加。"
        "项目支出无增减变化。"
    )


def test_three_public_reason_ending_in_a_full_stop_gives_one_full_stop(draft_budget):
    make_line(draft_budget, economic_code="30217", amount="10000.00")
    with_prior_year(draft_budget, three_public="20000.00")

    sentence = statements(draft_budget, three_public_change_reason="压减公务接待。")["three_public"]

    assert sentence.endswith("与2023年相比减少1.00万元，增减变化的主要原因是压减公务接待。")
    assert "。。" not in sentence


def test_brackets_are_full_width_on_both_sides_also_in_the_accountants_text(draft_budget):
    make_line(draft_budget, economic_code="30231", amount="10000.00")
    with_prior_year(draft_budget, three_public="0.00")

    sentence = statements(draft_budget, three_public_change_reason="新增公务用车运维（年检)")["three_public"]

    assert "（其中：公务用车购置费为0.00万元，公务用车运维费1.00万元）；" in sentence
    assert sentence.endswith("新增公务用车运维（年检）。")
    assert ")" not in sentence


def test_a_reason_that_opens_with_zhuyao_gets_no_second_lead(draft_budget):
    make_line(draft_budget, amount="30000.00")
    with_prior_year(draft_budget, total="20000.00", basic="20000.00")

    sentence = statements(draft_budget, basic_change_reason="主要是2024年有入职人员")["change"]

    assert sentence.endswith("基本支出增加1.00万元，主要是2024年有入职人员。")
    assert "主要为主要" not in sentence


def test_uses_that_open_with_zhuyao_get_no_second_lead(draft_budget):
    make_line(draft_budget, economic_code="30201", amount="10000.00")

    sentence = statements(draft_budget, running_cost_uses="主要用于日常运行支出")["running_cost"]

    assert sentence.endswith("共计安排1.00万元，主要用于日常运行支出。")


def test_an_unchanged_total_says_there_is_no_change(draft_budget):
    make_line(draft_budget, amount="20000.00")
    with_prior_year(draft_budget, total="20000.00", basic="20000.00")

    sentence = statements(draft_budget)["change"]

    assert sentence == "2024年预算收支安排2.00万元，与2023年预算相比无增减变化，其中：基本支出无增减变化。"


def test_unchanged_three_public_without_a_reason_says_so_in_the_references_words(draft_budget):
    make_line(draft_budget, economic_code="30217", amount="10000.00")
    with_prior_year(draft_budget, three_public="10000.00")

    sentence = statements(draft_budget)["three_public"]

    assert sentence.endswith("公务接待费1.00万元。“三公”经费与2023年持平，无增减变化。")


def test_a_three_public_decrease_without_a_reason_says_plainly_that_none_was_given(draft_budget):
    make_line(draft_budget, economic_code="30217", amount="10000.00")
    with_prior_year(draft_budget, three_public="25000.00")

    sentence = statements(draft_budget)["three_public"]

    assert sentence.endswith("公务接待费1.00万元。与2023年相比减少1.50万元，本部门未说明增减变化原因。")


def test_an_empty_special_fund_section_says_the_department_has_none(client, demo_budget):
    page = page_soup(client.get("/budgets/2024/224/"))

    assert page.select_one("#section-6 p").get_text(strip=True) == "本部门无部门主管专项资金。"


def test_the_years_chart_has_no_share_column_where_shares_mean_nothing(client, demo_budget):
    page = page_soup(client.get("/budgets/2024/224/"))

    def headers(chart_id):
        return [th.get_text(strip=True) for th in page.select(f"#{chart_id} .chart-data thead th")]

    assert headers("chart-years") == ["项目", "金额（万元）"]
    assert headers("chart-function") == ["项目", "金额（万元）", "占比"]
    assert all(len(row.select("td")) == 1 for row in page.select("#chart-years .chart-data tbody tr"))
