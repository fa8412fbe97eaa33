"""The entry workbook's dropdowns (data validation): each closed list validates its column over every row an
import reads, offers exactly the values the import accepts and refuses others; 二级指标 follows 一级指标;
the code columns validate against the year's code sheet. Files are written and read back with openpyxl."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from budget import access
from budget.exchange import entry_workbook, imports
from performance import workbook as indicator_sheet
from tests.factories import complete_budget, database_state, edited_workbook

LAST_ROW = 30_002  # row 2 (the example) to the import's limit of 30,000 data rows, past the header

CLOSED_LISTS = [  # sheet, column, the values offered, the import's dictionary that reads them
    ("预算明细", "支出类型", ["基本支出", "项目支出", "经营支出", "上解上级支出", "对附属单位补助支出"], imports.KINDS),
    ("预算明细", "资金来源", ["一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款", "财政专户管理资金", "事业收入",
                          "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入"], imports.SOURCES),
    ("预算明细", "是否上年结转", ["是", "否"], imports.YES_NO),
    ("项目", "是否专项资金", ["是", "否"], imports.YES_NO),
    ("绩效指标", "一级指标", ["产出指标", "效益指标", "满意度指标"], indicator_sheet.LEVEL1),
    ("绩效指标", "指标值确定依据", ["历史指标", "工作计划", "行业标准", "其他"], indicator_sheet.BASES),
    ("政府采购", "资金来源", ["一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款", "财政专户管理资金", "事业收入",
                          "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入"], imports.SOURCES),
    ("政府采购", "是否上年结转", ["是", "否"], imports.YES_NO),
    ("国有资产", "项目", ["房屋（平方米）", "其中：办公用房（平方米）", "车辆（台、辆）", "单价在20万元以上的设备", "其他固定资产"],
     imports.ASSET_CATEGORIES),
]


def opened(content):
    return load_workbook(io.BytesIO(content))


def column_number(sheet, title):
    return [cell.value for cell in sheet[1]].index(title) + 1


def column_letter(sheet, title):
    return get_column_letter(column_number(sheet, title))


def validations_of(sheet, title):
    """The data validations of cells in the column titled so."""
    return [validation for validation in sheet.data_validations.dataValidation
            if any(cells.min_col <= column_number(sheet, title) <= cells.max_col for cells in validation.sqref.ranges)]


def the_validation(sheet, title):
    found = validations_of(sheet, title)
    assert len(found) == 1, (sheet.title, title, found)
    return found[0]


def listed(workbook, name):
    """The values of the cells a defined name refers to."""
    (sheet_title, reference), = workbook.defined_names[name].destinations
    return [row[0].value for row in workbook[sheet_title][reference.replace("$", "")]]


@pytest.fixture
def blank(db):
    return opened(entry_workbook.workbook(None, 2025))


@pytest.mark.parametrize("sheet_name, column, values, accepted", CLOSED_LISTS,
                         ids=[f"{sheet}-{column}" for sheet, column, _, _ in CLOSED_LISTS])
def test_each_closed_list_is_a_dropdown_of_the_values_the_import_accepts(blank, sheet_name, column, values, accepted):
    sheet = blank[sheet_name]
    validation = the_validation(sheet, column)
    letter = column_letter(sheet, column)

    assert validation.type == "list"
    assert str(validation.sqref) == f"{letter}2:{letter}{LAST_ROW}"
    assert listed(blank, validation.formula1) == values
    assert set(values) <= set(accepted)
    assert validation.showErrorMessage and validation.errorStyle in (None, "stop")  # other values are refused
    assert validation.allow_blank and not validation.showDropDown  # openpyxl's showDropDown=True hides the arrow


def test_the_second_level_list_follows_the_first_level_of_the_row(blank):
    sheet = blank["绩效指标"]
    validation = the_validation(sheet, "二级指标")

    assert str(validation.sqref) == f"C2:C{LAST_ROW}"
    assert column_letter(sheet, "一级指标") == "B"
    assert validation.formula1 == "INDIRECT($B2)"  # the list named after the 一级指标 in the same row
    assert listed(blank, "产出指标") == ["数量指标", "质量指标", "时效指标", "成本指标"]
    assert listed(blank, "效益指标") == ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]
    assert listed(blank, "满意度指标") == ["服务对象满意度指标"]


def test_the_code_columns_validate_against_the_years_code_sheet(blank):
    lines = blank["预算明细"]
    codes = blank["科目编码"]
    function = the_validation(lines, "功能分类科目编码")
    economic = the_validation(lines, "经济分类科目编码")

    assert str(function.sqref) == f"B2:B{LAST_ROW}" and str(economic.sqref) == f"C2:C{LAST_ROW}"
    assert listed(blank, function.formula1) == [row[0] for row in codes.iter_rows(min_row=2, values_only=True) if row[0]]
    assert listed(blank, economic.formula1) == [row[4] for row in codes.iter_rows(min_row=2, values_only=True) if row[4]]
    assert "2013301" in listed(blank, function.formula1) and "30201" in listed(blank, economic.formula1)
    assert lines.column_dimensions["B"].number_format == "@"  # a code typed in stays text, as the list holds it


def test_a_budgets_workbook_offers_its_department_and_units_codes(demo_budget):
    workbook = opened(entry_workbook.workbook(demo_budget))

    for sheet_name in ("预算明细", "政府采购"):
        validation = the_validation(workbook[sheet_name], "单位编码")
        assert str(validation.sqref) == f"A2:A{LAST_ROW}"
        assert listed(workbook, validation.formula1) == ["224", "224001"]


def test_the_blank_template_names_no_unit(blank):
    assert validations_of(blank["预算明细"], "单位编码") == []
    assert "单位编码" not in blank.defined_names


def test_each_dropdown_says_how_to_fill_its_column_in_full(blank):
    for sheet_name in entry_workbook.SHEETS:
        for validation in blank[sheet_name].data_validations.dataValidation:
            (cells,) = validation.sqref.ranges
            title = blank[sheet_name].cell(1, cells.min_col).value

            assert validation.showInputMessage and validation.promptTitle == title
            assert validation.prompt == entry_workbook.help_text(sheet_name, title)  # never cut at Excel's 255
            assert len(validation.prompt) <= 255 and validation.error


def test_the_lists_sheet_is_hidden_and_the_instructions_come_first(blank):
    assert blank["选项"].sheet_state == "hidden"
    assert blank.sheetnames[0] == "说明" and blank.active.title == "说明"


def test_a_wrong_pairing_typed_past_the_dropdown_is_refused_by_the_import(draft_budget):
    complete_budget(draft_budget)
    before = database_state(draft_budget)

    def pair_wrongly(workbook):
        assert workbook["绩效指标"]["B5"].value == "效益指标"
        workbook["绩效指标"]["C5"] = "质量指标"  # an 产出指标's 二级指标, as WPS or a pasted cell lets through

    content = edited_workbook(entry_workbook.workbook(draft_budget), pair_wrongly)
    with pytest.raises(ValidationError) as refused:
        imports.import_budget(draft_budget, "mine.xlsx", content, access.COMMAND_LINE)

    assert refused.value.messages == ["「绩效指标」第5行「二级指标」：质量指标不属于效益指标。"]
    assert database_state(draft_budget) == before
