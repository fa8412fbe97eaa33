"""What is typed into a budget's grid comes back as text, never as markup: the grid's inputs and pick lists
are written in Python (budget/admin/grid.py), so their escaping is this project's, not a template's."""

from django.test import Client

from tests.pages import change_url, form_data, logged_in, page_soup

SCRIPT = '<script>alert("项目")</script>'
IMAGE = '"><img src=x onerror=alert(1)>'


def post_with_rows(accountant, budget, *rows):
    """Open the budget's page as the accountant, type the rows (prefix, field → value) after the saved ones and
    save: (client, response)."""
    client = logged_in(Client(), accountant)
    form = form_data(client.get(change_url(budget)).content.decode(), "budget_form")
    typed = {prefix: int(form[f"{prefix}-INITIAL_FORMS"]) for prefix, _ in rows}  # the page's blank rows replaced
    for prefix, row in rows:
        form.update({f"{prefix}-{typed[prefix]}-{name}": value for name, value in row.items()})
        typed[prefix] += 1
        form[f"{prefix}-TOTAL_FORMS"] = str(typed[prefix])
    return client, client.post(change_url(budget), form)


def a_line(economic="30227", amount="5000.00", **fields):
    return "lines", {"kind": "basic", "source": "general_budget", "function_subject": "2013302",
                     "economic_subject": economic, "amount": amount, **fields}


def test_a_projects_name_is_shown_as_text_in_the_lines_pick_list(accountant, draft_budget):
    client, saved = post_with_rows(accountant, draft_budget,
                                   ("projects", {"code": "P009", "name": SCRIPT, "position": "1"}),
                                   a_line(kind="project", project="P009"))
    assert saved.status_code == 302

    page = client.get(change_url(draft_budget))

    assert SCRIPT not in page.content.decode()
    pick_list = page_soup(page).find(attrs={"name": "lines-0-project"})
    assert any(SCRIPT in option.get_text() for option in pick_list.find_all("option"))


def test_a_refused_cell_keeps_what_was_typed_as_text(accountant, draft_budget):
    _, response = post_with_rows(accountant, draft_budget, a_line(economic=IMAGE, amount=IMAGE))

    assert response.status_code == 200
    assert "<img src=x" not in response.content.decode()
    for field in ("economic_subject", "amount"):
        assert page_soup(response).find(attrs={"name": f"lines-0-{field}"})["value"] == IMAGE
    assert not draft_budget.lines.exists()
