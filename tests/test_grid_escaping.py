"""What is typed into a budget's grid comes back as text, never as markup: the grid's inputs and pick lists
are written in Python (budget/admin/grid.py), so their escaping is this project's, not a template's."""

from tests.pages import change_url, opened, page_soup, with_rows

SCRIPT = '<script>alert("项目")</script>'
IMAGE = '"><img src=x onerror=alert(1)>'


def a_line(economic="30227", amount="5000.00", **fields):
    return {"function_subject": "2013302", "economic_subject": economic, "amount": amount, **fields}


def test_a_projects_name_is_shown_as_text_in_the_lines_pick_list(accountant, draft_budget):
    client, form = opened(accountant, draft_budget)
    form = with_rows(form, {"code": "P009", "name": SCRIPT, "position": "1"}, prefix="projects")
    form = with_rows(form, a_line(kind="project", project="P009"))
    assert client.post(change_url(draft_budget), form).status_code == 302

    page = client.get(change_url(draft_budget))

    assert SCRIPT not in page.content.decode()
    pick_list = page_soup(page).find(attrs={"name": "lines-0-project"})
    assert any(SCRIPT in option.get_text() for option in pick_list.find_all("option"))


def test_a_refused_cell_keeps_what_was_typed_as_text(accountant, draft_budget):
    client, form = opened(accountant, draft_budget)

    response = client.post(change_url(draft_budget), with_rows(form, a_line(economic=IMAGE, amount=IMAGE)))

    assert response.status_code == 200
    assert "<img src=x" not in response.content.decode()
    for field in ("economic_subject", "amount"):
        assert page_soup(response).find(attrs={"name": f"lines-0-{field}"})["value"] == IMAGE
    assert not draft_budget.lines.exists()
