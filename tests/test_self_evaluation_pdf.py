"""The self-evaluation as a real PDF (WeasyPrint): a cover, the summary, then each project's 自评表 on a page of its
own with its title, figures and total, as pypdf reads them back."""

import io
import re

import pytest
from pypdf import PdfReader

from performance import report


def squeezed(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.real_pdf
def test_the_demos_self_evaluation_pdf_reads_back(demo_budget):
    reader = PdfReader(io.BytesIO(report.pdf(demo_budget)))
    pages = [squeezed(page.extract_text()) for page in reader.pages]

    assert reader.metadata.title == "中共石家庄市鹿泉区委网络安全和信息化委员会2024年度项目支出绩效自评"
    assert "2024年度项目支出绩效自评" in pages[0]  # the cover
    assert "2024年度6个项目完成绩效自评" in "".join(pages)
    [sheet] = [page for page in pages if "4、2024年网络舆情监测直报项目绩效自评表" in page]
    for text in ("年度资金总额", "25.0025.0023.0010.0092.0%9.20", "提供省直报数量≥8000条7600条12.5011.88",
                 "总分100.0098.58", "自评等级优"):
        assert text in sheet
    assert len(reader.pages) == 1 + 1 + 6  # the cover, the summary, a page per project
