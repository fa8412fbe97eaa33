"""The self-evaluation's open data: one row per target (project, 一级/二级/三级指标, 指标值, 实际完成值, 分值, 得分,
met, deviation) as CSV in UTF-8 with a BOM, text that would run as a formula neutralised, and as JSON with figures as
strings; a target not yet evaluated has empty figures."""

import csv
import io
import json

from performance import report
from performance.models import IndicatorEvaluation

HEADER = ["project_code", "project_name", "level1", "level2", "name", "target", "actual", "weight", "score", "met",
          "deviation"]


def no_floats(text):
    raise AssertionError(f"a float in JSON: {text}")


def test_the_csv_reads_back(demo_budget):
    content = report.open_data_csv(demo_budget)

    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    assert len(rows) == 1 + 40  # the demo's six projects have 40 targets
    assert rows[1] == ["13011024P003228100103", "2024年涉军岗位工资", "产出指标", "数量指标", "涉军公益岗人数", "2名",
                       "2名", "10.00", "10.00", "true", ""]
    [missed] = [row for row in rows if row[9] == "false"]
    assert missed[4:9] == ["提供省直报数量", "≥8000条", "7600条", "12.50", "11.88"] and missed[10]


def test_the_json_reads_back_with_figures_as_strings(demo_budget):
    data = json.loads(report.open_data_json(demo_budget), parse_float=no_floats)

    assert (data["department"], data["year"]) == ({"code": "224", "name": "中共石家庄市鹿泉区委网络安全和信息化委员会"}, 2024)
    assert len(data["targets"]) == 40
    assert data["targets"][0] == {
        "project_code": "13011024P003228100103", "project_name": "2024年涉军岗位工资", "level1": "产出指标",
        "level2": "数量指标", "name": "涉军公益岗人数", "target": "2名", "actual": "2名", "weight": "10.00",
        "score": "10.00", "met": True, "deviation": "",
    }


def test_a_target_not_evaluated_has_empty_figures(demo_budget):
    IndicatorEvaluation.objects.filter(indicator__name="提供省直报数量").delete()

    [row] = [row for row in json.loads(report.open_data_json(demo_budget))["targets"] if row["name"] == "提供省直报数量"]
    assert (row["actual"], row["weight"], row["score"], row["met"]) == ("", None, None, None)
    [line] = [line for line in report.open_data_csv(demo_budget).decode("utf-8-sig").splitlines() if "提供省直报数量" in line]
    assert line.endswith(",≥8000条,,,,,")


def test_text_that_a_spreadsheet_would_run_is_neutralised_in_the_csv_only(demo_budget):
    IndicatorEvaluation.objects.filter(indicator__name="提供省直报数量").update(deviation='=HYPERLINK("http://x","y")')

    rows = list(csv.reader(io.StringIO(report.open_data_csv(demo_budget).decode("utf-8-sig"))))
    assert [row[10] for row in rows if row[4] == "提供省直报数量"] == ['\'=HYPERLINK("http://x","y")']
    targets = json.loads(report.open_data_json(demo_budget))["targets"]
    assert [row["deviation"] for row in targets if row["name"] == "提供省直报数量"] == ['=HYPERLINK("http://x","y")']
