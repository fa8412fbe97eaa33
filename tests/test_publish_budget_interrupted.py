"""`manage.py publish_budget` stops on SIGTERM once the PDF it is rendering is stored, and leaves the batch's other
PDFs queued for a worker (it used to run the queue's worker in process, whose own handler took SIGTERM for the end of
one batch: the command carried on, and only SIGKILL stopped it)."""

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from budget.models import Budget, PublishedVersion
from budget.samples.synthetic import create_budget

ROOT = Path(__file__).resolve().parent.parent
BUDGETS = 4
TIMEOUT = 300  # seconds: a busy CI machine renders a PDF in several


def database_url():
    """This test's database, for another process."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    return (f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or 'localhost'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}")


# The command renders real PDFs (the tests' stand-in renderer is this process's only), so that SIGTERM arrives in the
# middle of one. Not marked real_pdf: that group's worker would run the tests after this one on the tables it flushes.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sigterm_stops_publish_budget_after_the_pdf_under_way(tmp_path):
    for n in range(BUDGETS):
        create_budget(f"70{n}", lines=20, projects=2, indicators=4)
    Budget.objects.update(status=Budget.Status.APPROVED)
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "test-only-not-secret", "DEBUG": "1",
        "DATABASE_URL": database_url(), "MEDIA_ROOT": str(tmp_path), "PYTHONUNBUFFERED": "1",
    }
    command = subprocess.Popen(
        [sys.executable, "manage.py", "publish_budget", "--year", "2024", "--all-approved"], cwd=ROOT,
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    hang = threading.Timer(TIMEOUT, command.kill)  # a hang fails the test instead of stalling the suite
    hang.start()
    try:
        # Rendering starts once the command reports the batch's progress for the first time.
        first_line = command.stdout.readline()
        assert first_line.startswith(f"进度：0/{BUDGETS}"), first_line + command.stderr.read()
        command.send_signal(signal.SIGTERM)
        stdout, stderr = command.communicate()
    finally:
        hang.cancel()
        command.kill()  # if it is still running (a failed assertion)
        command.wait()

    assert command.returncode == 1, (command.returncode, stdout, stderr)
    versions = list(PublishedVersion.all_states.order_by("pk"))
    public = [version for version in versions if version.state == PublishedVersion.State.PUBLIC]
    waiting = [version for version in versions if version.state == PublishedVersion.State.RENDERING]
    assert len(versions) == BUDGETS and len(public) + len(waiting) == BUDGETS
    assert len(public) <= 1, stdout  # the PDF under way when the signal came, if any; none started after it
    assert f"收到终止信号，已停止：{len(waiting)}个预算的PDF仍在队列中" in stderr
    assert all(version.pdf for version in public) and not any(version.pdf for version in waiting)
    assert sorted(Path(tmp_path).rglob("*.pdf")) == sorted(Path(tmp_path) / version.pdf.name for version in public)
    # Each waiting PDF keeps its task in the queue, for the next worker; no task is left half done.
    assert DBTaskResult.objects.filter(status="READY").count() == len(waiting)
    assert not DBTaskResult.objects.filter(status__in=["RUNNING", "FAILED"]).exists()
