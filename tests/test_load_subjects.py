"""`manage.py load_subjects`: loading a year's classification list from a CSV or XLSX file."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from budget.models import BudgetLine, EconomicSubject, FunctionSubject
from budget.samples.synthetic import make_line

HEADER = ("code", "name", "level", "parent_code")
NEW_YEAR = 2099  # later than any year the starter-list migration loads (it loads up to next year)

# A small valid function list: 类 → 款 → 项.
FUNCTION_ROWS = [
    ("201", "一般公共服务支出", "1", ""),
    ("20133", "宣传事务", "2", "201"),
    ("2013301", "行政运行", "3", "20133"),
]


def write_list(tmp_path, rows, name="subjects.csv", header=HEADER, encoding="utf-8"):
    """Write the rows under the header as CSV (in the encoding) or, for a .xlsx name, as Excel would."""
    path = tmp_path / name
    if path.suffix == ".xlsx":
        workbook = Workbook()
        for row in (header, *rows):  # numbers typed into Excel are stored as numbers, blanks as nothing
            workbook.active.append([int(cell) if cell.isdigit() else (cell or None) for cell in row])
        workbook.save(path)
    else:
        path.write_bytes("\r\n".join(",".join(row) for row in (header, *rows)).encode(encoding))
    return path


def load_subjects(kind, year, path):
    """Run the command as documented: kind, --year, file; its output."""
    out = StringIO()
    call_command("load_subjects", kind, "--year", str(year), str(path), stdout=out)
    return out.getvalue()


def assert_linked_list(year):
    item = FunctionSubject.objects.get(year=year, code="2013301")
    assert item.name == "行政运行"
    assert item.parent.code == "20133" and item.parent.year == year
    assert item.parent.parent.code == "201" and item.parent.parent.parent is None


def test_documented_argument_order_kind_year_file_loads_the_file(db, tmp_path):
    """`load_subjects function --year 2099 FILE`, as the brief and `--help` usage put it."""
    path = write_list(tmp_path, FUNCTION_ROWS)

    call_command("load_subjects", "function", "--year", str(NEW_YEAR), str(path), stdout=StringIO())

    assert FunctionSubject.objects.filter(year=NEW_YEAR).count() == 3


def test_fresh_database_has_the_starter_lists_for_2024(db):
    assert FunctionSubject.objects.get(year=2024, code="2013301").name == "行政运行"
    assert FunctionSubject.objects.get(year=2024, code="2013301").parent.code == "20133"
    assert EconomicSubject.objects.get(year=2024, code="301").cost_category == "personnel"
    assert EconomicSubject.objects.get(year=2024, code="302").cost_category == "public_expense"
    assert EconomicSubject.objects.get(year=2024, code="301").get_cost_category_display() == "人员经费"
    assert EconomicSubject.objects.get(year=2024, code="302").get_cost_category_display() == "公用经费"


def test_csv_for_a_new_year_adds_the_codes_with_parents_linked(db, tmp_path):
    load_subjects("function", NEW_YEAR, write_list(tmp_path, FUNCTION_ROWS))

    assert FunctionSubject.objects.filter(year=NEW_YEAR).count() == 3
    assert_linked_list(NEW_YEAR)


def test_xlsx_with_number_cells_loads_like_csv(db, tmp_path):
    load_subjects("function", NEW_YEAR, write_list(tmp_path, FUNCTION_ROWS, name="subjects.xlsx"))

    assert FunctionSubject.objects.filter(year=NEW_YEAR).count() == 3
    assert_linked_list(NEW_YEAR)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_in_gbk_or_utf8_with_bom_loads(db, tmp_path, encoding):
    load_subjects("function", NEW_YEAR, write_list(tmp_path, FUNCTION_ROWS, encoding=encoding))

    assert_linked_list(NEW_YEAR)


def test_economic_classes_of_a_new_year_get_their_cost_category(db, tmp_path):
    rows = [("301", "工资福利支出", "1", ""), ("30101", "基本工资", "2", "301"), ("302", "商品和服务支出", "1", "")]
    load_subjects("economic", NEW_YEAR, write_list(tmp_path, rows))

    assert EconomicSubject.objects.get(year=NEW_YEAR, code="301").cost_category == "personnel"
    assert EconomicSubject.objects.get(year=NEW_YEAR, code="302").cost_category == "public_expense"
    assert EconomicSubject.objects.get(year=NEW_YEAR, code="30101").parent.code == "301"


def test_reload_renames_in_place_adds_new_codes_and_deletes_nothing(draft_budget, tmp_path):
    line = make_line(draft_budget, function_code="2013301")
    subject = line.function_subject
    count_before = FunctionSubject.objects.filter(year=2024).count()
    rows = [
        ("201", "一般公共服务支出", "1", ""),
        ("20133", "宣传事务", "2", "201"),
        ("2013301", "行政运行（宣传）", "3", "20133"),  # renamed
        ("2013388", "新设宣传项目", "3", "20133"),  # added
    ]

    output = load_subjects("function", 2024, write_list(tmp_path, rows))

    renamed = FunctionSubject.objects.get(year=2024, code="2013301")
    assert renamed.pk == subject.pk and renamed.name == "行政运行（宣传）"
    assert BudgetLine.objects.get(pk=line.pk).function_subject_id == subject.pk
    assert FunctionSubject.objects.get(year=2024, code="2013388").parent.code == "20133"
    assert FunctionSubject.objects.filter(year=2024).count() == count_before + 1  # nothing deleted
    assert FunctionSubject.objects.filter(year=2024, code="2010101").exists()  # a code not in the file
    assert "新增1个" in output and "更名1个" in output


def test_output_reports_added_and_renamed_counts(db, tmp_path):
    output = load_subjects("function", NEW_YEAR, write_list(tmp_path, FUNCTION_ROWS))
    assert f"{NEW_YEAR}年功能分类科目：新增3个，更名0个。" in output

    output = load_subjects("function", NEW_YEAR, write_list(tmp_path, FUNCTION_ROWS))
    assert "新增0个，更名0个" in output


GOOD_ROWS = FUNCTION_ROWS[:2]  # valid rows before the bad one, which must not be written either

BAD_ROWS = {
    "wrong-length code": ([("201331", "行政运行", "3", "20133")], "第4行：科目编码“201331”应为3/5/7位数字"),
    "duplicate code": ([("20133", "宣传事务", "2", "201")], "第4行：科目编码20133重复"),
    "parent that exists nowhere": (
        [("2019901", "其他支出", "3", "20199")],
        "第4行：科目2019901的上级科目20199不在文件中，也不在该年度的科目表中",
    ),
    "level disagreeing with the code": ([("2013301", "行政运行", "2", "20133")], "第4行：科目2013301的级次应为3"),
    "name too long": ([("2013301", "长" * 101, "3", "20133")], "第4行：科目2013301的名称超过100个字"),
}


@pytest.mark.parametrize("bad_rows, message", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_bad_row_changes_nothing_and_the_error_names_the_row(db, tmp_path, bad_rows, message):
    path = write_list(tmp_path, GOOD_ROWS + bad_rows)

    with pytest.raises(CommandError) as error:
        load_subjects("function", NEW_YEAR, path)

    assert "科目表未载入，数据库未作任何更改" in str(error.value)
    assert message in str(error.value)
    assert FunctionSubject.objects.filter(year=NEW_YEAR).count() == 0


def test_a_bad_row_leaves_an_existing_year_unchanged(db, tmp_path):
    count_before = FunctionSubject.objects.filter(year=2024).count()
    rows = [("2013301", "改名", "3", "20133"), ("2013388", "新设项目", "3", "20133"), ("20133", "宣传事务", "3", "201")]

    with pytest.raises(CommandError, match="第4行"):
        load_subjects("function", 2024, write_list(tmp_path, rows))

    assert FunctionSubject.objects.filter(year=2024).count() == count_before
    assert FunctionSubject.objects.get(year=2024, code="2013301").name == "行政运行"


def test_a_missing_column_changes_nothing(db, tmp_path):
    path = write_list(tmp_path, [row[:3] for row in FUNCTION_ROWS], header=HEADER[:3])

    with pytest.raises(CommandError, match="缺少列：parent_code"):
        load_subjects("function", NEW_YEAR, path)

    assert FunctionSubject.objects.filter(year=NEW_YEAR).count() == 0


def test_an_unsupported_extension_changes_nothing(db, tmp_path):
    path = write_list(tmp_path, FUNCTION_ROWS, name="subjects.txt")

    with pytest.raises(CommandError, match="不支持的文件类型“.txt”"):
        load_subjects("function", NEW_YEAR, path)

    assert FunctionSubject.objects.filter(year=NEW_YEAR).count() == 0


def test_a_missing_file_changes_nothing(db, tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        load_subjects("function", NEW_YEAR, tmp_path / "missing.csv")

    assert FunctionSubject.objects.filter(year=NEW_YEAR).count() == 0


@pytest.mark.parametrize("name", ["subjects.csv", "subjects.xlsx"])
def test_blank_rows_are_skipped_and_errors_name_the_row_in_the_file(db, tmp_path, name):
    blank = ("", "", "", "")
    path = write_list(tmp_path, [*FUNCTION_ROWS[:2], blank, ("2013399", "其他", "3", "20199")], name=name)

    with pytest.raises(CommandError, match="第5行：科目2013399的上级编码应为“20133”"):
        load_subjects("function", NEW_YEAR, path)

    path = write_list(tmp_path, [*FUNCTION_ROWS, blank], name=name)
    assert "新增3个" in load_subjects("function", NEW_YEAR, path)
