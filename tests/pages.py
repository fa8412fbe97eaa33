"""Helpers that read the site's pages as a test does: forms as a browser would post them, tables as text,
admin URLs, a logged-in client."""

from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

# The demo's public downloads, each with an ETag and a stable body.
DEMO_DOWNLOADS = [
    "/budgets/2024/224/pdf/",
    "/budgets/2024/224/v1/pdf/",
    "/budgets/2024/224/tables.xlsx",
    "/budgets/2024/224/tables/2.csv",
    "/budgets/2024/224/tables/2.json",
    "/budgets/2024/224/budget.json",
    "/budgets/2024/224/lines.csv",
    "/budgets/2024/224/datapackage.json",
    "/budgets/2024/open-data.zip",
]


def logged_in(client, user):
    client.force_login(user)
    return client


LINE_EXPORT_FIELDS = ["department", "year", "unit", "function_code", "economic_code", "kind", "source", "carryover",
                      "project", "amount"]


def export_lines(client, file_format="0"):
    """The 预算明细 list's export (django-import-export), every column, as CSV ("0") or XLSX ("1")."""
    data = {"format": file_format, "resource": "0", **{f"budgetlineresource_{name}": "on" for name in LINE_EXPORT_FIELDS}}
    response = client.post(reverse("admin:budget_budgetline_export"), data)
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def opened(user, obj, form_id="budget_form"):
    """A new browser session of the user with the object's change page open: (client, the form as it would be
    posted)."""
    client = logged_in(Client(), user)
    return client, form_data(client.get(change_url(obj)).content.decode(), form_id)


def with_rows(form, *rows, prefix="lines"):
    """The budget page's form with these rows typed into a grid after its saved ones (a row: field → value)."""
    first = int(form[f"{prefix}-INITIAL_FORMS"])
    typed = {**form, f"{prefix}-TOTAL_FORMS": str(first + len(rows))}
    for index, row in enumerate(rows, start=first):
        defaults = {"kind": "basic", "source": "general_budget"} if prefix == "lines" else {}
        typed.update({f"{prefix}-{index}-{name}": value for name, value in {**defaults, **row}.items()})
    return typed


def import_url(budget):
    return reverse("admin:budget_budget_import", args=[budget.pk])


SUBMIT_TYPES = {"submit", "button", "image", "reset", "file"}


def form_data(html, form_id):
    """What a browser would post for the form: each named input, select and textarea with its rendered value."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    assert form is not None, f"no <form id={form_id!r}> on the page"
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "input":
            kind = (field.get("type") or "text").lower()
            if kind in SUBMIT_TYPES:
                continue
            if kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    data[name] = field.get("value", "on")
                continue
            data[name] = field.get("value", "")
        elif field.name == "textarea":
            # Browsers drop the newline that Django puts right after <textarea>.
            data[name] = field.text.removeprefix("\r\n").removeprefix("\n")
        else:
            options = field.find_all("option")
            selected = [option for option in options if option.has_attr("selected")]
            if field.has_attr("multiple"):
                data[name] = [option.get("value", option.text) for option in selected]
            else:
                chosen = selected[-1] if selected else (options[0] if options else None)
                if chosen is not None:
                    data[name] = chosen.get("value", chosen.text)
    return data


def html_tables(html):
    """Each budget table on a page, by number: its title, meta lines, every row's cell texts, its 空表 note and
    whether it notes a rounding difference (尾差)."""
    soup = BeautifulSoup(html, "html.parser")
    tables = {}
    for section in soup.select("section.budget-table"):
        number = int(section["id"].removeprefix("table-"))
        note = section.select_one("p.note:not(.tail-note)")
        tables[number] = {
            "title": section.h2.get_text(strip=True),
            "meta": [span.get_text(strip=True) for span in section.select("p.table-meta span")],
            "rows": [[cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])] for tr in section.select("tr")],
            "note": note.get_text(strip=True) if note else "",
            "tail_note": bool(section.select_one("p.tail-note")),
        }
    return tables


def page_soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def table_grid(table):
    """A table's body rows as text, with each row- or column-spanning cell repeated in every place it covers."""
    grid, pending = [], {}  # pending: column -> (text, rows still to cover)
    for tr in table.select("tbody tr"):
        row, cells, column = [], iter(tr.find_all(["td", "th"])), 0
        while True:
            if column in pending:
                text, left = pending.pop(column)
                if left > 1:
                    pending[column] = (text, left - 1)
                row.append(text)
                column += 1
                continue
            cell = next(cells, None)
            if cell is None:
                break
            text = cell.get_text(strip=True)
            for _ in range(int(cell.get("colspan", 1))):
                if int(cell.get("rowspan", 1)) > 1:
                    pending[column] = (text, int(cell["rowspan"]) - 1)
                row.append(text)
                column += 1
        grid.append(row)
    return grid
