"""The public portal in a real browser (Chromium, Playwright): a citizen's walk from the home page to the
PDF, and a phone-sized screen on which the page itself never scrolls sideways."""

import base64

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_citizen_finds_a_budget_reads_a_table_and_downloads_the_pdf(new_page, demo_budget):
    page = new_page()
    page.goto("/")
    page.get_by_label("搜索部门名称、编码或项目名称").fill("舆情")
    page.get_by_role("button", name="搜索").click()

    page.get_by_role("link", name="中共石家庄市鹿泉区委网络安全和信息化委员会2024年部门预算").click()
    expect(page).to_have_url("/budgets/2024/224/")
    page.get_by_role("navigation", name="目录").get_by_role("link", name="部门预算支出总表").click()
    expenditure = page.locator("#table-3 table")
    expect(expenditure).to_contain_text("信息安全事务")
    expect(expenditure.locator("tbody tr").first).to_contain_text("423.06")

    with page.expect_download() as download:
        page.get_by_role("link", name="下载PDF").click()
    assert download.value.suggested_filename == "中共石家庄市鹿泉区委网络安全和信息化委员会2024年部门预算.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


@pytest.mark.parametrize("path", ["/", "/budgets/2024/", "/budgets/2024/224/", "/budgets/224/compare/?from=2024&to=2024"])
def test_on_a_phone_the_page_does_not_scroll_sideways(new_page, demo_budget, path):
    page = new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(path)

    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 375, f"{path} is {page_width}px wide"
    if path == "/budgets/2024/224/":
        # Wide tables scroll inside their own box instead.
        box = page.locator("#table-2 .table-scroll")
        assert box.evaluate("element => element.scrollWidth > element.clientWidth")


NARROW_CELLS = """() => [...document.querySelectorAll("main table td, main table th")].flatMap(cell => {
    const text = cell.innerText.trim();
    const em = parseFloat(getComputedStyle(cell).fontSize);
    const width = cell.getBoundingClientRect().width;
    return [...text].length >= 6 && width < 2.5 * em ? [`${text} (${Math.round(width)}px)`] : [];
})"""


@pytest.mark.parametrize("path", ["/budgets/2024/", "/budgets/2024/224/"])
def test_on_a_phone_no_table_cell_is_squeezed_to_a_character_a_line(new_page, demo_budget, path):
    """At 375 px a cell with a text of 6 characters or more is at least 2.5 em wide (two characters and
    padding at the least, not one character per line): tables keep their columns' widths and scroll inside
    their own box, the first column staying in view."""
    page = new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(path)

    assert page.evaluate(NARROW_CELLS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    first = page.locator("main .table-scroll table tbody tr td:first-child, main .table-scroll table tbody tr th:first-child").first
    assert first.evaluate("cell => getComputedStyle(cell).position") == "sticky"


# A table scrolled to its far right: for its header and each of its first rows, the cell that stays in view
# (position: sticky), its text, whether it stays at the box's left edge once scrolled past it, whether a cell
# of the table meets it on its right, and the strips of its left and right padding, where nothing of the cells
# scrolling under it may show through.
STICKY_CELLS = """section => {
    const box = section.querySelector(".table-scroll");
    box.scrollIntoView();
    const sticky = row => [...row.children].filter(cell => getComputedStyle(cell).position === "sticky");
    const rows = [...section.querySelectorAll("thead tr:not(.column-numbers), tbody tr")]
        .filter(row => sticky(row).length === 1).slice(0, 5);
    const left = box.getBoundingClientRect().left;
    const natural = rows.map(row => sticky(row)[0].getBoundingClientRect().left - left);
    box.scrollLeft = box.scrollWidth;
    return rows.map((row, index) => {
        const cell = sticky(row)[0];
        const edge = cell.getBoundingClientRect();
        const beside = document.elementFromPoint(edge.right + 0.5, (edge.top + edge.bottom) / 2).closest("td, th");
        return {
            text: cell.innerText.trim(),
            staysInView: Math.abs(edge.left - left - Math.max(0, natural[index] - box.scrollLeft)) < 1,
            meetsTheNextCell: beside !== null && beside !== cell && beside.closest("section") === section
                && beside.getBoundingClientRect().left <= edge.right + 0.5,
            // The left strip only where the cell stuck at the box's edge (where it was, the cell before it borders it).
            padding: [edge.left, edge.right - 7].filter(x => x !== edge.left || edge.left - left < 1)
                .map(x => ({x, y: edge.top + 2, width: 4, height: edge.height - 4})),
        };
    });
}"""

# The number of distinct colours of each of a list of PNG images, counted by a blank page's canvas.
COLOURS = """pngs => Promise.all(pngs.map(async png => {
    const image = new Image();
    image.src = "data:image/png;base64," + png;
    await image.decode();
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [image.width, image.height];
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const colours = new Set();
    for (let i = 0; i < pixels.length; i += 4) {
        colours.add(pixels.slice(i, i + 3).join());
    }
    return colours.size;
}))"""

ROW_NAMES = {  # the header of the column that stays in view, then the names of the demo's first rows
    "table-1": ["项 目", "一、一般公共预算拨款收入", "二、政府性基金预算拨款收入"],
    "table-3": ["科目名称", "合计", "一般公共服务支出", "宣传事务"],
    "table-6": ["科目名称", "合计", "工资福利支出", "基本工资"],
    "table-9": ["项 目"],
}


def test_on_a_phone_each_table_keeps_the_column_that_names_its_rows_in_view_with_no_gap(new_page, demo_budget):
    # A phone's screen draws 3 pixels a CSS pixel: a strip of 2 CSS pixels is what one sees there.
    page, blank = new_page(viewport={"width": 375, "height": 740}, device_scale_factor=3), new_page()
    page.goto("/budgets/2024/224/")

    for number in range(1, 10):
        table = f"table-{number}"
        cells = page.locator(f"#{table}").evaluate(STICKY_CELLS)

        assert cells and cells[0]["text"].replace(" ", "") in ("科目名称", "项目"), (table, cells)
        assert all(cell["staysInView"] and cell["meetsTheNextCell"] for cell in cells), (table, cells)
        strips = [(cell["text"], base64.b64encode(page.screenshot(clip=strip)).decode())
                  for cell in cells for strip in cell["padding"]]
        colours_seen = blank.evaluate(COLOURS, [image for _text, image in strips])
        for (text, _image), colours in zip(strips, colours_seen, strict=True):
            assert colours == 1, f"{table}: something shows through {text}"
        names = ROW_NAMES.get(table, [])
        assert [cell["text"] for cell in cells][:len(names)] == names, table
