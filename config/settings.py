"""Settings, read from the environment (docs/deployment.md lists every variable).

DATABASE_URL  database, default: SQLite file db.sqlite3 in the project folder
SECRET_KEY    required unless DEBUG is on
DEBUG         "1"/"true" turns on debug mode (never in production)
ALLOWED_HOSTS comma-separated host names
REDIS_URL     shared cache for several app processes, default: local memory of each process
AWS_STORAGE_BUCKET_NAME  keep stored files (published PDFs, uploads) in an S3-compatible bucket

With DEBUG off the site is HTTPS-only (secure cookies, HSTS, redirect to https); with DEBUG on (make demo)
it is plain http on 127.0.0.1.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def meta_name(header):
    """request.META's key for an HTTP header name: X-Forwarded-Proto → HTTP_X_FORWARDED_PROTO."""
    return "HTTP_" + header.strip().upper().replace("-", "_")


DEBUG = env_flag("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "config.apps.AdminConfig",  # Django's admin, its site config/admin_site.py
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tables2",
    "import_export",
    "simple_history",
    "django_tasks",
    "config.apps.TasksConfig",  # django-tasks-db, the task queue's database backend, in Chinese
    "departments",
    "budget",
    "performance",
    "final_accounts",
    "portal",
    "config.apps.AxesConfig",  # django-axes, login throttling for the admin (see AXES_* below), in Chinese
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight after the security headers, before sessions and the rest are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires: turns a lockout into its page
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,  # a kept connection that PostgreSQL dropped (restart, failover) is reopened
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A write transaction takes SQLite's write lock when it begins and waits up to 20 s for it: two app
    # processes writing at once then take turns, where a read upgraded to a write would fail at once with
    # "database is locked". Options given in DATABASE_URL (?timeout=…) win.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20,
                                       **DATABASES["default"].get("OPTIONS", {})}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes checks first whether the person is locked out, then ModelBackend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "zh-hans"
# The whole site speaks Chinese, whatever the browser asks for (so no LocaleMiddleware, and no
# "Vary: Accept-Language" to split shared caches).
LANGUAGES = [("zh-hans", "简体中文")]
# Our catalog first: Django's and its apps' stock Chinese with Chinese punctuation (locale/zh_Hans/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")  # collectstatic writes here
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")  # stored files, unless in a bucket
MEDIA_URL = "media/"

# Stored files (the frozen PDFs of published versions, uploads waiting for confirmation) go through
# Django's storage API: the local MEDIA_ROOT by default, an S3-compatible bucket when one is named, so
# that several app servers share them. The app reads them itself (PDF downloads are views), so the
# bucket stays private. Static files: WhiteNoise serves them, hashed and compressed by collectstatic in
# production; under DEBUG (make demo) runserver serves them from static/ with no collectstatic.
# Any: a backend's OPTIONS are its own (S3's below).
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,  # MinIO, OSS, COS … ; None: AWS
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", ""),  # a folder in the bucket, e.g. "budget/"
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,  # "path" for most MinIO
            # AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are read from the environment by django-storages.
            "default_acl": None,  # the bucket's own policy: private
            "file_overwrite": False,  # a published PDF is frozen: never replace a stored file
        },
    }

# The task queue (Django's task framework, the django-tasks backport until Django 6): publication's PDFs
# are rendered by workers (`manage.py db_worker`), any number on any number of machines. The queue lives in
# the database, so a publication and its task are committed together (docs/deployment.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The region's form of the final accounts' tables (部门决算: titles, order, blank or 0.00), chosen once per deployment:
# a file of final_accounts/forms/ (docs/final-accounts.md).
FINAL_ACCOUNTS_FORM = os.environ.get("FINAL_ACCOUNTS_FORM", "shanghai")

# One cache shared by every app and worker process (the public pages' cache and its invalidation on
# publication, which a worker does, must be seen by all): Redis when given, else files on this machine.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR") or BASE_DIR / "var" / "cache",
    },
    # This process's copies of cached public pages, trusted only while the shared cache's publication
    # generation is theirs (budget/caching.py); at most 300 entries (Django's default), some 30 MB.
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "public-pages"},
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "budget"),
    }
    # Staff sessions read from Redis, kept in the database too (so a Redis restart logs nobody out).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A budget's page posts all its lines at once, 11 fields each: Django's default of 1,000 fields refused the save
# of any budget over about 90 lines (400 Bad Request). Room for 2,000 lines with their projects and purchases.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 30_000

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"


# --- Security. With DEBUG off every request is expected over HTTPS; each setting can be changed through
# the environment (docs/deployment.md). With DEBUG on (make demo) none applies: plain http on 127.0.0.1.
HTTPS_ONLY = not DEBUG
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", HTTPS_ONLY)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe the app server over plain http
# Behind nginx, which speaks TLS and forwards plain http, the app learns the scheme from a header that
# nginx sets (and overwrites): SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto. Never set it without such a proxy.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (meta_name(os.environ["SECURE_PROXY_SSL_HEADER"]), "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS_ONLY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading binds the whole domain to HTTPS in every browser, for months, and is hard to undo: the
# operator chooses it (SECURE_HSTS_PRELOAD=1). Left off, check --deploy's reminder of it is silenced.
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # links to other sites do not learn which page they came from
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")  # e.g. https://budget.example.gov.cn

SESSION_COOKIE_SECURE = env_flag("SESSION_COOKIE_SECURE", HTTPS_ONLY)
CSRF_COOKIE_SECURE = env_flag("CSRF_COOKIE_SECURE", HTTPS_ONLY)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script reads it: the public site has none, the admin's forms carry the token
# Only staff sign in (the admin): a session ends when the browser closes, and at the latest after 8 hours.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content-Security-Policy (config/security.py): scripts and styles only from this site, nothing inline.
# The admin gets inline styles too: django-simple-history's history page uses a style attribute.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
CONTENT_SECURITY_POLICY_ADMIN = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

# Login throttling (django-axes): 5 failed logins for one user name from one address lock that pair out
# for AXES_COOLOFF_MINUTES. The pair, not the address alone: the staff of a bureau often share one
# address, and one person's typos must not lock out their colleagues. Failures are kept in the database,
# so every app process sees them.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_COOLOFF_MESSAGE = "登录失败次数过多，账号已暂时锁定，请稍后再试。"
AXES_PERMALOCK_MESSAGE = "登录失败次数过多，账号已锁定，请联系系统管理员解锁。"
# The client's address: REMOTE_ADDR, or behind a proxy the header that the proxy sets (and overwrites)
# to it, e.g. CLIENT_IP_HEADER=X-Real-IP; otherwise every visitor would seem to come from the proxy.
CLIENT_IP_META = meta_name(os.environ["CLIENT_IP_HEADER"]) if os.environ.get("CLIENT_IP_HEADER") else "REMOTE_ADDR"
AXES_CLIENT_IP_CALLABLE = "config.security.client_ip"

# Production: warnings and errors (with a 500's traceback) go to stderr, which gunicorn and systemd's
# journal keep. Under DEBUG Django's own console logging already shows them.
if not DEBUG:
    LOGGING = {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"stderr": {"class": "logging.StreamHandler"}},
        "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    }
