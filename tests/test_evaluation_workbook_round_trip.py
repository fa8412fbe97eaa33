"""The demo's 绩效自评表, opened and saved again as a spreadsheet program would, imports back unchanged, recorded in
the evaluations' history with who imported it and why."""

import pytest

from performance import evaluation, evaluation_workbook
from performance.models import IndicatorEvaluation, ProjectEvaluation
from tests.evaluation_files import accountant, evaluations, upload
from tests.factories import edited_workbook

pytestmark = pytest.mark.usefixtures("demo_for_the_module")


def resaved(budget):
    return edited_workbook(evaluation_workbook.workbook(budget), lambda workbook: None)


def test_the_demos_evaluation_reads_back_unchanged(demo_budget):
    before = evaluations(demo_budget)
    totals = [each.total for each in evaluation.for_budget(demo_budget)]

    parsed = evaluation_workbook.import_evaluation(demo_budget, upload(resaved(demo_budget)), accountant())

    assert parsed.summary() == "项目自评6个，指标自评40个"
    assert evaluations(demo_budget) == before
    assert [each.total for each in evaluation.for_budget(demo_budget)] == totals


def test_the_import_is_recorded_with_who_and_why(demo_budget):
    kuaiji = accountant()

    evaluation_workbook.import_evaluation(demo_budget, upload(resaved(demo_budget), "2024自评.xlsx"), kuaiji)

    for model in (ProjectEvaluation, IndicatorEvaluation):
        records = model.history.filter(history_change_reason="导入绩效自评表 2024自评.xlsx")
        assert {record.history_user for record in records} == {kuaiji}
        # the evaluations replaced and their replacements, all of them
        assert records.filter(history_type="-").count() == records.filter(history_type="+").count() == (
            6 if model is ProjectEvaluation else 40)
