"""The ten standard 名词解释, where there are none yet; the bureau edits them in the admin afterwards."""

from django.db import migrations

STANDARD_GLOSSARY = [
    ("财政拨款收入", "指本级财政当年拨付的资金，包括一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款。"),
    ("财政专户管理资金收入", "缴入财政专户、实行专项管理的教育收费收入。"),
    ("单位资金收入", "指除财政拨款收入和财政专户管理资金以外的收入，包括事业收入（不含教育收费）、上级补助收入、附属单位上缴收入、事业单位经营收入及其他收入，其中，其他收入主要包括债务收入、投资收益等。"),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动所取得的收入。"),
    ("事业单位经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("上年结转", "指以前年度安排、结转到本年仍按原规定用途继续使用的资金。"),
    ("部门预算支出", "包括人员类项目支出、运转类项目支出和特定目标类项目支出。其中：人员类项目支出和运转类项目中的公用经费项目支出对应部门预算中的基本支出；运转类项目中的其他运转类项目支出和特定目标类项目支出对应部门预算中的项目支出，以及经营支出和往来支出。"),
    ("事业单位经营支出", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。"),
    ("“三公”经费", "纳入财政预算管理的“三公”经费，是指预算部门（单位）用财政拨款安排的因公出国（境）费、公务用车购置及运维费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出；公务用车购置及运维费反映单位公务用车购置支出（含车辆购置税、牌照费）及按规定保留的公务用车燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。"),
    ("机关运行经费", "是指各部门（单位）的公用经费，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。"),
]


def add_standard_glossary(apps, schema_editor):
    GlossaryEntry = apps.get_model("budget", "GlossaryEntry")
    if not GlossaryEntry.objects.exists():
        GlossaryEntry.objects.bulk_create(
            GlossaryEntry(position=position, term=term, definition=definition)
            for position, (term, definition) in enumerate(STANDARD_GLOSSARY, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("budget", "0002_starter_subjects")]

    operations = [migrations.RunPython(add_standard_glossary, migrations.RunPython.noop)]
