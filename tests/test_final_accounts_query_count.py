"""A final accounts document is built in a constant number of queries, whatever its number of lines and 项, as a
budget's is; its public page in a few, none once cached."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from final_accounts import document
from final_accounts.samples import synthetic


def queries_to_build(accounts):
    with CaptureQueriesContext(connection) as captured:
        document.body(document.build(accounts))
    return len(captured)


def test_building_the_document_takes_as_many_queries_for_ten_lines_as_for_four_hundred(demo_budget):
    small = synthetic.create_final_accounts("911", lines=10)
    synthetic.add_items(2024, 40)
    large = synthetic.create_final_accounts("912", lines=400)

    assert large.lines.values("function_subject").distinct().count() > 3 * small.lines.count()
    assert queries_to_build(small) == queries_to_build(large) == 13

