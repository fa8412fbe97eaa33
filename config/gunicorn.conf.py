"""gunicorn's configuration (docs/deployment.md): gunicorn -c config/gunicorn.conf.py config.wsgi

Every value can be changed through the environment:
GUNICORN_BIND     where to listen, default 127.0.0.1:8000 (nginx in front; never the open internet)
GUNICORN_WORKERS  worker processes, default 2 × cores + 1, at most 8
GUNICORN_TIMEOUT  seconds a request may take before its worker is restarted, default 60
"""

import multiprocessing
import os


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Synchronous workers: each answers one request at a time. Pages are CPU-bound Python (and a first PDF
# render takes seconds), so more workers than 2 × cores + 1 only add memory; the cap keeps a big machine
# from starting dozens of them, each with its own database connection.
workers = env_int("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8))

# The slowest requests are the admin's: publishing renders the PDF (seconds for a large budget), as do
# previews and imports. 60 s covers them and still frees a stuck worker.
timeout = env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
# (No keepalive: synchronous workers close the connection after each response, and nginx opens one
# per request anyway.)
# Workers are not recycled after a number of requests (GUNICORN_MAX_REQUESTS=N turns it on): a new
# worker costs about half a second of CPU (loading Django), and on publication day a limit of 1,000
# recycled each worker every second; in the load test that halved throughput and multiplied p95 by 25
# (docs/performance.md). No memory growth has been seen; if it is, set a limit of 100,000 or more.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10

# Access log to stdout ("-"), errors to stderr: systemd's journal keeps both. The access log gives
# the client's address as nginx forwards it, and the request's duration in microseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-real-ip}i)s %(h)s "%(r)s" %(s)s %(B)s "%(f)s" "%(a)s" %(D)sus'

# No control socket for gunicornc: systemd starts, reloads and stops gunicorn, and under the unit's
# read-only file system the socket could not be created (an error at every start).
control_socket_disable = True

# X-Forwarded-Proto is believed only from nginx on this machine (gunicorn's default, stated here).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
