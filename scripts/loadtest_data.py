"""The load test's data (run by scripts/loadtest.sh, with its environment): migrate, collectstatic, the
demo, and 1,000 synthetic departments with a published budget for each of 2024–2026; then a copy of the
demo's department page as a static file, the same size as the page, to compare the two."""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPARTMENTS = int(os.environ.get("LOADTEST_DEPARTMENTS", "1000"))
YEARS = (2024, 2025, 2026)
PAGE = "/budgets/2024/224/"
STATIC_COPY = "loadtest/department-page.html"  # under STATIC_ROOT, served by WhiteNoise at /static/…


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from budget.samples import demo, synthetic
    from budget.models import Budget

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    demo.load()  # the real demo, its PDF rendered for real
    print(f"demo loaded; {DEPARTMENTS} departments × {len(YEARS)} years to publish", flush=True)

    def publish(code, year):
        return synthetic.publish(synthetic.create_budget(code, year=year, lines=30, projects=3, indicators=5))

    # LOAD-TEST SHORTCUT: publishing renders the PDF (1–2 s each; 3,000 would take over an hour). The
    # first synthetic budget's PDF is rendered for real, and every other synthetic budget is published
    # with those same bytes. Only this script does this: the app always renders each budget's own PDF.
    first = publish("50000", YEARS[0])
    started = time.monotonic()
    with synthetic.reusing_pdf(first.pdf.read()):
        for n in range(DEPARTMENTS):
            for year in YEARS:
                if (n, year) != (0, YEARS[0]):
                    publish(f"{50000 + n}", year)
            if (n + 1) % 100 == 0:
                print(f"  {n + 1} departments published ({time.monotonic() - started:.0f} s)", flush=True)

    # The static file to compare with: the department page's own HTML, byte for byte.
    response = Client().get(PAGE, secure=True, headers={"host": settings.ALLOWED_HOSTS[0]})
    assert response.status_code == 200, response.status_code
    copy = Path(settings.STATIC_ROOT) / STATIC_COPY
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(response.content)
    print(f"published: {Budget.objects.filter(status=Budget.Status.PUBLISHED).count()} budgets; "
          f"{PAGE} is {len(response.content)} bytes, copied to /static/{STATIC_COPY}", flush=True)


if __name__ == "__main__":
    main()
