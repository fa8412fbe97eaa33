"""Django's, its admin's and simple-history's stock Chinese messages read with Chinese punctuation, through the
project's catalogs (locale/zh_Hans/LC_MESSAGES): committed compiled, so a fresh machine needs no gettext."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from budget.models import BudgetLine
from budget.samples.synthetic import make_line
from tests.pages import change_url, form_data, logged_in, page_soup

CATALOG = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]  # the server's messages, the admin's JavaScript's
CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
PLACEHOLDER = r"%\(\w+\)[sdr]|%[sd]"


def po_entries(path):
    """msgid (or (msgid, 0) for a plural) → msgstr of a .po file whose strings each fit on one line."""
    entries, entry = {}, {}
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        match = re.fullmatch(r'(msgid|msgid_plural|msgstr|msgstr\[0\]) "(.*)"', line)
        if match:
            entry[match.group(1)] = re.sub(r"\\(.)", lambda escaped: {"n": "\n"}.get(escaped[1], escaped[1]),
                                           match.group(2))
        elif not line.strip() and entry:
            key = (entry["msgid"], 0) if "msgid_plural" in entry else entry["msgid"]
            entries[key] = entry.get("msgstr", entry.get("msgstr[0]"))
            entry = {}
    entries.pop("")  # the header
    return entries


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_committed_compiled_catalog_says_what_its_source_says(domain):
    with open(CATALOG / f"{domain}.mo", "rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog

    assert {key: text for key, text in catalog.items() if key != ""} == po_entries(CATALOG / f"{domain}.po")


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_message_of_the_catalog_puts_ascii_punctuation_beside_chinese(domain):
    for msgid, text in po_entries(CATALOG / f"{domain}.po").items():
        words = re.sub(PLACEHOLDER, "", text)
        assert not re.search(rf"{CJK}\s*[.,:;!?()]|[.,:;!?()]\s*{CJK}|{CJK}[.:]$", words), (msgid, text)


def test_a_rejected_amount_is_explained_with_chinese_punctuation(client, draft_budget, accountant):
    line = make_line(draft_budget, amount="100.00")
    logged_in(client, accountant)
    form = form_data(client.get(change_url(line)).content.decode(), "budgetline_form")

    response = client.post(change_url(line), {**form, "amount": "12.345"})

    errors = [item.get_text(strip=True) for item in page_soup(response).select(".errorlist li")]
    assert "确认小数不超过 2 位。" in errors
    assert BudgetLine.objects.get(pk=line.pk).amount == 100


def test_the_admin_index_hidden_headers_and_form_labels_are_chinese(client, accountant):
    soup = page_soup(logged_in(client, accountant).get("/admin/"))

    headers = {th.get_text(strip=True) for th in soup.select("thead.visually-hidden th")}
    assert headers == {"模型名称", "增加链接", "修改或查看列表链接"}
    client.logout()
    labels = [label.get_text(strip=True) for label in page_soup(client.get("/admin/login/")).select("form label")]
    assert labels == ["用户名：", "密码："]


def test_a_wrong_password_is_refused_in_one_plain_sentence(client, accountant):
    response = client.post("/admin/login/", {"username": accountant.username, "password": "wrong-password"})

    notes = [note.get_text(strip=True) for note in page_soup(response).select(".errornote")]
    assert notes == ["请输入正确的用户名和密码。注意两者都区分大小写。"]
