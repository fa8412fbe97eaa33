"""The reference final accounts reach the public through the workbook as an accountant would bring them: its
决算填报模板 filled, imported into an empty draft with `import_final_accounts`, taken through the workflow and
published; the published version prints the reference's nine tables cell for cell (as corrected: SLIPS) and its
explanation as built from the same rows."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

from final_accounts import document, exchange, publication, workflow
from final_accounts.samples import demo as final_accounts_demo
from tests import reference_final_accounts as reference


def test_the_reference_imported_through_its_workbook_publishes_its_tables_cell_for_cell(demo_budget, tmp_path):
    accounts = final_accounts_demo.load_draft()
    built_before = document.body(document.build(accounts))
    workbook = tmp_path / "决算填报模板.xlsx"
    workbook.write_bytes(exchange.workbook(accounts))
    for rows in (accounts.lines, accounts.income_lines, accounts.carryovers, accounts.item_budgets):
        rows.all().delete()

    call_command("import_final_accounts", accounts.department.code, str(accounts.year), str(workbook))
    users = get_user_model().objects
    workflow.submit(accounts, users.get(username=final_accounts_demo.ACCOUNTANT))
    workflow.approve(accounts, users.get(username="shenhe"))
    version = publication.finish(workflow.publish(accounts, users.get(username="shenhe")))

    by_key = {table.key: table.number for table in document.build(accounts).tables}
    for key, expected in reference.EXPECTED.items():
        assert version.tables[str(by_key[key])] == expected, key
    assert version.html == built_before  # the explanation too: the same rows, the same document
