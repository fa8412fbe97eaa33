"""What the commands of both document kinds share (import_budget and import_final_accounts, publish_budget and
publish_final_accounts): who acts, which department's document, the file imported. Django runs no module whose name
starts with "_" as a command."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from budget import access
from budget.exchange import spreadsheet
from budget.models import Budget
from departments.models import Department


def actor(username):
    """The user a command acts as (--user), or the command line itself when none is named."""
    if not username:
        return access.COMMAND_LINE
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"没有用户“{username}”。")
    return user


def department(code):
    department = Department.objects.filter(code=code).first()
    if department is None:
        raise CommandError(f"没有编码为“{code}”的部门或单位，请先导入部门（manage.py import_departments）。")
    return department


def import_file(stdout, document, file, run):
    """Import the file into the document (saved, or a draft the import starts) with run(document, name, content,
    actor), all or nothing; print what was imported."""
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"找不到文件：{path}")
    is_new = document.pk is None
    try:
        spreadsheet.check_size(path.stat().st_size)  # before reading the file into memory
        parsed = run(document, path.name, path.read_bytes(), access.COMMAND_LINE)
    except ValidationError as error:
        raise CommandError("未导入，数据库未作任何更改：\n" + "\n".join(error.messages)) from error
    started = "建立草稿并" if is_new else ""
    stdout.write(f"已{started}导入{document}：{parsed.summary()}。")


def to_publish(documents, department_code, document_year, year, all_approved, noun):
    """The documents a publication command is for: --year's approved ones, or one department's of a year; noun: what
    they are called (预算, 决算). Both kinds share the budget's statuses."""
    if all_approved:
        if not year or department_code:
            raise CommandError("--all-approved 须与 --year 年度一起使用，不指定部门。")
        found = list(documents.filter(year=year, status=Budget.Status.APPROVED).order_by("department__code"))
        if not found:
            raise CommandError(f"{year}年没有已审核通过、待公开的{noun}。")
        return found
    if not (department_code and document_year):
        raise CommandError("请指定部门编码和年度，或用 --year 年度 --all-approved。")
    found = documents.filter(department__code=department_code, year=document_year).first()
    if found is None:
        raise CommandError(f"没有部门{department_code}的{document_year}年{noun}。")
    return [found]
