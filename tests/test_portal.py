"""The public portal: search, the year overview, the summary and charts, year comparison and the sitemap."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from budget.builders.money import table_cell
from budget.models import Budget, Project
from budget.samples.synthetic import make_line, publish
from departments.models import Department
from tests.factories import complete_budget
from tests.pages import page_soup


@pytest.fixture
def second_department(db):
    parent = Department.objects.create(code="400", name="鹿泉区教育局")
    return Department.objects.create(code="400001", name="鹿泉区第一中学", parent=parent)


@pytest.fixture
def published_second(second_department):
    budget = complete_budget(Budget.objects.create(department=second_department, year=2024))
    Project.objects.filter(budget=budget).update(name="2024年校舍维修工程")
    return publish(budget)


def texts(html, selector):
    return [element.get_text(" ", strip=True) for element in BeautifulSoup(html, "html.parser").select(selector)]


def test_search_finds_a_department_by_part_of_its_name_or_code(client, demo_budget):
    for query in ("网络安全", "信息化委员会", "224"):
        html = client.get("/", {"q": query}).content.decode()
        assert "/budgets/2024/224/" in html, query


def result_links(client, query):
    """The budget addresses a search lists, in its order."""
    html = client.get("/", {"q": query}).content.decode()
    return [link["href"] for link in BeautifulSoup(html, "html.parser").select(".results li > a")]


@pytest.fixture
def published_first_by_code(db):
    """A department whose code sorts before the demo's, with a project that mentions 网信."""
    budget = complete_budget(Budget.objects.create(department=Department.objects.create(code="100", name="鹿泉区示范局"),
                                                   year=2024))
    Project.objects.filter(budget=budget).update(name="网信协作与网络安全宣传项目")
    return publish(budget)


def test_search_finds_a_department_by_its_short_name_the_home_pages_own_example(client, demo_budget):
    html = client.get("/").content.decode()
    assert "例如：网信" in html

    for query in ("网信", "鹿泉区委网信委", "区委网信", "网信委"):
        assert result_links(client, query) == ["/budgets/2024/224/"], query


def test_the_short_name_is_frozen_into_the_search_text_at_publication(client, demo_budget):
    assert "鹿泉区委网信委" in demo_budget.current_version().search_text.splitlines()
    Department.objects.filter(code="224").update(short_name="改后的简称")

    assert result_links(client, "网信") == ["/budgets/2024/224/"]
    assert result_links(client, "改后的简称") == []


def test_the_admin_shows_and_edits_the_short_name(admin_session, demo_budget):
    department = Department.objects.get(code="224")
    html = admin_session.get(f"/admin/departments/department/{department.pk}/change/").content.decode()
    assert 'name="short_name"' in html and 'value="鹿泉区委网信委"' in html
    assert "鹿泉区委网信委" in admin_session.get("/admin/departments/department/", {"q": "网信委"}).content.decode()


def test_search_finds_a_department_by_any_fragment_of_its_name(client, demo_budget):
    for query in ("中共石家庄", "鹿泉区委网络", "安全和信息化", "委员会办公室本级", "员会"):
        assert result_links(client, query) == ["/budgets/2024/224/"], query


def test_search_with_several_words_finds_only_budgets_containing_every_word(client, demo_budget, published_second):
    assert result_links(client, "网络 安全") == ["/budgets/2024/224/"]
    assert result_links(client, "网络\u3000安全  信息化") == ["/budgets/2024/224/"]  # full-width and double spaces
    assert result_links(client, "鹿泉区 校舍") == ["/budgets/2024/400001/"]
    assert result_links(client, "网络 校舍") == []  # each word is in one budget, none has both
    html = client.get("/", {"q": "舆情 直报"}).content.decode()
    assert "2024年网络舆情监测直报项目" in html and "没有找到" not in html


def test_search_ranks_exact_names_then_department_names_then_projects_newest_year_first(
        client, two_years, published_first_by_code, published_second):
    # The demo by its short name (2024 before 2023), then 100 by a project, though 100 sorts first by code.
    assert result_links(client, "网信") == ["/budgets/2024/224/", "/budgets/2023/224/", "/budgets/2024/100/"]
    # 网络安全 is in the demo's name and in 100's project.
    assert result_links(client, "网络安全")[-1] == "/budgets/2024/100/"
    # A whole name or code first, then the names that contain it.
    assert result_links(client, "网信协作与网络安全宣传项目") == ["/budgets/2024/100/"]
    assert result_links(client, "鹿泉区第一中学")[0] == "/budgets/2024/400001/"
    assert result_links(client, "100") == ["/budgets/2024/100/"]
    assert result_links(client, "224") == ["/budgets/2024/224/", "/budgets/2023/224/"]


def test_search_is_one_database_query_whatever_it_finds(demo_budget, published_first_by_code, django_assert_num_queries):
    from portal import queries

    for query in ("网信", "网络 安全 信息化 委员会", "没有的词"):
        with django_assert_num_queries(1):
            found = queries.search(query)
            [version.budget.department.code for version, projects in found]


def test_search_shows_the_projects_containing_every_word(client, published_first_by_code):
    html = client.get("/", {"q": "网络 宣传"}).content.decode()
    assert "项目：网信协作与网络安全宣传项目" in html


def test_search_finds_a_budget_by_a_project_name_and_shows_the_project(client, demo_budget):
    html = client.get("/", {"q": "舆情监测"}).content.decode()

    assert "/budgets/2024/224/" in html
    assert "2024年网络舆情监测直报项目" in html


def test_search_never_finds_an_unpublished_budget_or_draft_project(client, draft_budget, reopened_demo):
    complete_budget(draft_budget)
    Project.objects.create(budget=reopened_demo, code="NEW", name="尚未公开的新项目")

    assert "鹿泉区测试局" not in client.get("/", {"q": "测试局"}).content.decode()
    assert "/budgets/2024/224/" not in client.get("/", {"q": "尚未公开"}).content.decode()
    assert "没有找到" in client.get("/", {"q": "测试项目"}).content.decode()


def test_home_groups_units_under_their_department_with_count_and_total(client, demo_budget, published_second):
    html = client.get("/").content.decode()

    assert texts(html, ".group h3") == ["中共石家庄市鹿泉区委网络安全和信息化委员会", "鹿泉区教育局"]
    assert "共 2 个部门，支出合计 438.06 万元" in html


def test_year_overview_totals_equal_the_sum_of_the_published_tables(client, demo_budget, published_second):
    html = client.get("/budgets/2024/").content.decode()

    table_totals = [Decimal(version.tables["1"][-1][4]) for version in (demo_budget.current_version(), published_second)]
    assert f"支出合计 {sum(table_totals):.2f} 万元" in html
    assert texts(html, "table.listing tbody tr td:nth-of-type(3)") == ["423.06", "15.00"]
    assert "无上年数据" in html


def test_year_overview_sorts_by_a_column(client, demo_budget, published_second):
    html = client.get("/budgets/2024/", {"sort": "expenditure_total"}).content.decode()

    assert texts(html, "table.listing tbody tr td:nth-of-type(3)") == ["15.00", "423.06"]


def test_year_overview_of_a_year_without_publications_is_404(client, demo_budget, draft_budget):
    make_line(draft_budget)
    assert client.get("/budgets/2025/").status_code == 404


def test_year_chart_sums_function_classes_of_all_published_budgets(client, demo_budget, published_second):
    html = client.get("/budgets/2024/").content.decode()

    assert ["201 一般公共服务支出 367.71 83.9%"] == [t for t in texts(html, ".chart-data tbody tr") if t.startswith("201")]


def test_chart_figures_equal_table_figures(client, demo_budget):
    soup = page_soup(client.get("/budgets/2024/224/"))
    function_rows = {row[1]: row for row in demo_budget.current_version().tables["3"]}

    chart_rows = [tr.get_text("|", strip=True).split("|") for tr in soup.select("#chart-function .chart-data tbody tr")]
    assert chart_rows == [[f"{code} {function_rows[code][2]}", function_rows[code][3], share]
                          for code, share in (("201", "83.4%"), ("208", "8.4%"), ("210", "3.5%"), ("221", "4.7%"))]
    svg_values = [text.get_text() for text in soup.select("#chart-function svg text")][1::2]
    assert svg_values == ["352.71万元", "35.33万元", "14.94万元", "20.07万元"]
    key_figures = texts(str(soup), ".key-figure")
    assert key_figures[0].startswith("支出总额 423.06 万元 比上年增加37.50万元")


@pytest.mark.real_pdf
def test_summary_and_charts_are_in_the_published_pdf_too(demo_pdf_page_texts):
    text = "".join(demo_pdf_page_texts[:4]).replace(" ", "")
    assert "概览" in text and "支出按功能分类（类）" in text and "352.71万元" in text


def test_compare_matches_rows_by_code_including_codes_of_one_year_only(client, two_years):
    html = client.get("/budgets/224/compare/", {"from": 2023, "to": 2024}).content.decode()
    rows = {row.split(" ")[0] + " " + row.split(" ")[1]: row for row in texts(html, "table.compare tbody tr")}

    assert rows["2013301 行政运行"] == "2013301 行政运行 150.00 201.28 51.28 34.2%"
    assert rows["2080505 机关事业单位基本养老保险缴费支出"].endswith("20.00 20.66 0.66 3.3%")
    assert rows["2010301 行政运行"] == "2010301 行政运行 5.00 — -5.00 -100.0%"
    assert rows["2013704 信息安全事务"] == "2013704 信息安全事务 — 140.00 140.00 —"
    assert "支出总额 175.00 423.06 248.06 141.7%" in texts(html, "table.compare tbody tr")


def test_compare_of_a_year_that_is_not_published_says_so(client, demo_budget):
    response = client.get("/budgets/224/compare/", {"from": 2023, "to": 2024})
    assert response.status_code == 404 and "所选年度没有已公开的预算" in response.content.decode()


def test_department_page_links_other_years_and_the_comparison(client, two_years):
    html = client.get("/budgets/2024/224/").content.decode()
    assert "/budgets/2023/224/" in html and "/budgets/224/compare/?to=2024" in html


def test_sitemap_lists_published_budgets_only(client, demo_budget, draft_budget):
    make_line(draft_budget)
    xml = client.get("/sitemap.xml").content.decode()

    assert "/budgets/2024/224/" in xml and "/budgets/2024/" in xml
    assert "/budgets/2024/301/" not in xml


def test_money_in_the_listing_is_shown_in_wan(client, demo_budget):
    assert table_cell(demo_budget.current_version().expenditure_total) == "423.06"


def test_search_ranks_by_the_names_a_version_published_not_by_a_department_renamed_since(
        demo_budget, published_first_by_code):
    from portal import queries

    def found(query):
        return [version.budget.department.code for version, projects in queries.search(query)]

    # 100 is found by its project (网信协作…) and ranks after the demo, found by its short name (鹿泉区委网信委).
    assert found("网信") == ["224", "100"]

    Department.objects.filter(code="100").update(short_name="示范网信", name="鹿泉区网信示范局")
    Department.objects.filter(code="224").update(short_name="", name="鹿泉区另一个局")

    # What was published is unchanged, so is the ranking: by names the public documents carry.
    assert found("网信") == ["224", "100"]
    assert found("示范网信") == []
