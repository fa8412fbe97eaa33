"""The table builders, fed plain lines: each figure lands in the row and column the rules say."""

from decimal import Decimal

from budget.builders import tables
from budget.builders.money import table_cell
from budget.builders.tables import Classifications, Line

NAMES = Classifications(
    function_names={
        "201": "一般公共服务支出", "20133": "宣传事务", "2013301": "行政运行",
        "208": "社会保障和就业支出", "20805": "行政事业单位养老支出", "2080505": "机关事业单位基本养老保险缴费支出",
    },
    economic_names={"301": "工资福利支出", "30101": "基本工资", "302": "商品和服务支出", "30217": "公务接待费",
                    "30231": "公务用车运行维护费", "310": "资本性支出", "31013": "公务用车购置"},
    personnel_classes=frozenset({"301", "303"}),
)


def line(amount, function_code="2013301", economic_code="30101", kind="basic", source="general_budget", carryover=False):
    return Line(function_code, economic_code, kind, source, carryover, Decimal(amount))


def shown(table):
    return [[cell if isinstance(cell, str) else table_cell(cell) for cell in row] for row in table.printed_rows]


def row_labelled(table, label):
    return next(row for row in shown(table) if label in row)


def test_carried_over_money_is_income_of_last_year_not_of_this_year():
    lines = [line("1000000"), line("200000", carryover=True), line("50000", source="service_revenue")]

    summary = tables.income_expenditure_summary(lines, NAMES)
    income = tables.income_summary(lines, NAMES)

    assert shown(summary)[0][:3] == ["1", "一、一般公共预算拨款收入", "100.00"]
    assert shown(summary)[4][:3] == ["5", "五、单位资金", "5.00"]
    assert row_labelled(summary, "本年收入合计") == ["32", "本年收入合计", "105.00", "本年支出合计", "125.00"]
    assert row_labelled(summary, "上年结转结余") == ["33", "上年结转结余", "20.00", "年终结转结余", ""]
    assert row_labelled(summary, "收入总计") == ["34", "收入总计", "125.00", "支出总计", "125.00"]
    # 合计, 本年收入小计, 财政拨款, 财政专户, 事业收入, 经营, 上级补助, 附属单位上缴, 其他, 上年结转
    assert shown(income)[0][3:] == ["125.00", "105.00", "100.00", "", "5.00", "", "", "", "", "20.00"]


def test_fiscal_summary_lists_carry_over_by_source_and_ignores_unit_funds():
    lines = [line("1000000"), line("300000", carryover=True), line("70000", source="government_fund"),
             line("50000", source="other_revenue")]

    fiscal = tables.fiscal_summary(lines, NAMES)

    assert shown(fiscal)[0][1:] == ["一、一般公共预算拨款", "100.00", "一、一般公共服务支出", "137.00", "130.00", "7.00", ""]
    assert row_labelled(fiscal, "年初财政拨款结转和结余")[2] == "30.00"
    assert shown(fiscal)[33][1:3] == ["一、一般公共预算拨款", "30.00"]
    assert row_labelled(fiscal, "收入总计") == ["37", "收入总计", "137.00", "支出总计", "137.00", "130.00", "7.00", ""]


def test_parents_are_sums_of_children_in_code_order():
    lines = [line("200000", "2080505"), line("100000"), line("50000", kind="project")]

    expenditure = tables.expenditure_summary(lines, NAMES)

    assert [row.code for row in expenditure.rows] == ["", "201", "20133", "2013301", "208", "20805", "2080505"]
    assert shown(expenditure)[0][3:6] == ["35.00", "30.00", "5.00"]
    assert shown(expenditure)[1][3:6] == ["15.00", "10.00", "5.00"]


def test_rows_follow_codes_so_a_renamed_subject_keeps_its_figures():
    renamed = Classifications({**NAMES.function_names, "20133": "宣传事务（新名称）"}, NAMES.economic_names,
                              NAMES.personnel_classes)

    table = tables.general_budget_expenditure([line("100000")], renamed)

    assert shown(table)[2] == ["3", "20133", "宣传事务（新名称）", "10.00", "10.00", ""]


def test_personnel_or_public_expense_follows_the_economic_class_setting():
    lines = [line("100000", economic_code="30101"), line("20000", economic_code="30217")]
    public_301 = Classifications(NAMES.function_names, NAMES.economic_names, frozenset())

    assert shown(tables.general_budget_basic_expenditure(lines, NAMES))[0][3:] == ["12.00", "10.00", "2.00"]
    assert shown(tables.general_budget_basic_expenditure(lines, public_301))[0][3:] == ["12.00", "", "12.00"]


def test_three_public_costs_table_lists_the_four_items_by_fiscal_source():
    lines = [
        line("30000", economic_code="30217"),
        line("200000", economic_code="31013", kind="project", source="government_fund"),
        line("15000", economic_code="30231"),
        line("99000", economic_code="30217", source="service_revenue"),  # not fiscal money: not counted
    ]

    table = tables.three_public_expenditure(lines, NAMES)

    assert shown(table) == [
        ["1", "合计", "24.50", "4.50", "20.00", ""],
        ["2", "因公出国（境）费", "", "", "", ""],
        ["3", "公务用车购置及运维费", "21.50", "1.50", "20.00", ""],
        ["4", "其中：公务用车购置费", "20.00", "", "20.00", ""],
        ["5", "公务用车运维费", "1.50", "1.50", "", ""],
        ["6", "公务接待费", "3.00", "3.00", "", ""],
    ]


def test_tables_without_data_are_empty_with_their_note():
    built = tables.build_all([], NAMES)

    assert [table.number for table in built if table.is_empty] == [2, 3, 5, 6, 7, 8, 9]
    assert built[6].empty_note == "注：无政府性基金预算财政拨款预算，空表列示。"  # the reference's "政府基金": a slip
    assert len(built[0].rows) == 34 and len(built[3].rows) == 37


def test_every_function_class_of_the_starter_list_has_a_fixed_row(db):
    from budget.models import FunctionSubject

    classes = set(FunctionSubject.objects.filter(year=2024, code__regex=r"^\d{3}$").values_list("code", flat=True))
    assert classes <= set(tables.FIXED_CLASS_CODES)
