#!/usr/bin/env bash
# manage.py on a production server (docs/deployment.md), with the settings the service runs with:
#
#   sudo -u budget /srv/budget/app/scripts/manage.sh COMMAND [ARGS…]
#
# Loads /etc/budget/budget.env (BUDGET_ENV names another file) and runs the project's virtualenv.
set -euo pipefail
cd "$(dirname "$0")/.."
set -a
# shellcheck source=/dev/null
. "${BUDGET_ENV:-/etc/budget/budget.env}"
set +a
exec .venv/bin/python manage.py "$@"
