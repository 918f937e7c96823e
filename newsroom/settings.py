"""Settings for Newsroom. Every difference between environments is an environment variable.

Locally `make run` and `make test` set DJANGO_DEBUG=1 and need nothing else: SQLite, a fake
development key, the console e-mail backend. In production set at least DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS and DATABASE_URL; see README.md and .env.example.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 for local development (make run does)."
        )
    SECRET_KEY = "django-insecure-local-development-only-never-use-in-production"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
# "ninja" for its templates and static files: the API docs page (/api/docs/) loads Swagger UI
# from our own static files, not a CDN, so it works offline and under the CSP.
THIRD_PARTY_APPS = ["reversion", "django_tasks", "django_tasks_db", "ninja"]
# newsroom.history is the bottom layer: generic revision history every other app builds on.
LOCAL_APPS = ["newsroom.history", "profiles", "events", "newsroom"]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refuses an oversized request before its body is read (newsroom/limits.py).
    "newsroom.limits.RequestSizeLimitMiddleware",
    # Serves collected static files with far-future caching, so app servers need no proxy rule.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy (CONTENT_SECURITY_POLICY below), outside the rest so that error
    # responses from later middleware carry it too.
    "csp.middleware.CSPMiddleware",
    # Permissions-Policy (PERMISSIONS_POLICY below), likewise.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Database unreachable: the 503 page instead of a 500 and a traceback (newsroom/outage.py).
    # Its process_exception catches the session and the user too, as both load lazily in the
    # view; handler500 (newsroom/urls.py) catches what a middleware raises outside the view.
    "newsroom.outage.DatabaseOutageMiddleware",
    # Anonymous public responses from the cache (newsroom/pagecache.py): before the session,
    # CSRF and auth middleware, so a hit runs no query.
    "newsroom.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Connections. PostgreSQL: psycopg's pool (Django 5.1+), on in production, so a request borrows
# an open connection instead of opening one (NEWSROOM_DB_POOL=0 turns it off). Closing a
# connection returns it to the pool, so CONN_MAX_AGE must be 0 (Django refuses both). A sync
# gunicorn worker uses one connection at a time: the maximum matters for threaded ones. While the
# server is down a request waits NEWSROOM_DB_POOL_TIMEOUT seconds for a connection before the
# 503 page (newsroom/outage.py), so it stays short; the pool's own warnings (one per failed
# reconnection) are left out of the log (LOGGING), as newsroom/outage.py logs the outage.
# SQLite: a connection per thread kept open, checked before reuse.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    if env.bool("NEWSROOM_DB_POOL", default=not DEBUG):
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("NEWSROOM_DB_POOL_MIN", default=1),
            "max_size": env.int("NEWSROOM_DB_POOL_MAX", default=4),
            "timeout": env.float("NEWSROOM_DB_POOL_TIMEOUT", default=2.0),
            # After an outage the pool retries with a doubling delay for up to this long
            # (psycopg's default, five minutes, let the delay reach 8-16 s: pages stayed 503
            # for 11 s after the server was back); giving up sooner means the next request
            # starts a fresh attempt, which connects at once.
            "reconnect_timeout": 2.0,
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int(
        "NEWSROOM_DB_CONN_MAX_AGE", default=0 if DEBUG else 600
    )
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis in production (CACHE_URL=redis://host:6379/1, Django's own RedisCache); local memory
# otherwise, which needs nothing running.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# -- The anonymous page cache (newsroom/pagecache.py): whole public responses in the cache
# above, invalidated exactly on every write. On by default where every process shares the
# cache (CACHE_URL) and locally (one process); off for production on local memory, where one
# worker could not tell the others a page had changed. NEWSROOM_PAGE_CACHE=0 turns it off.
NEWSROOM_PAGE_CACHE = env.bool(
    "NEWSROOM_PAGE_CACHE",
    default=DEBUG
    or CACHES["default"]["BACKEND"] != "django.core.cache.backends.locmem.LocMemCache",
)
# No entry lives longer than this, whatever it read (seconds).
NEWSROOM_PAGE_CACHE_TTL = env.int("NEWSROOM_PAGE_CACHE_TTL", default=600)
# What a CDN or proxy may keep: it cannot be told when a page changes, so briefly (seconds).
NEWSROOM_PAGE_CACHE_S_MAXAGE = env.int("NEWSROOM_PAGE_CACHE_S_MAXAGE", default=10)
NEWSROOM_PAGE_CACHE_STALE_WHILE_REVALIDATE = env.int(
    "NEWSROOM_PAGE_CACHE_STALE_WHILE_REVALIDATE", default=30
)
NEWSROOM_PAGE_CACHE_PREFIX = env.str("NEWSROOM_PAGE_CACHE_PREFIX", default="pagecache")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The newsroom's own time zone: editors enter and readers see times in it; storage is UTC.
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed file names in production; plain files while developing and testing.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Locally (and in tests) WhiteNoise reads files as they change instead of from STATIC_ROOT.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="newsroom@localhost")

NEWSROOM_SITE_NAME = env.str("NEWSROOM_SITE_NAME", default="The Newsroom")

# Behind a TLS-terminating proxy in production; locally these stay off so http://127.0.0.1 works.
# -- Request sizes: a declared body over this is refused (413) before it is read; form fields
# stay within Django's own caps. Set the proxy's limit (nginx client_max_body_size) to match.
NEWSROOM_MAX_REQUEST_BYTES = env.int("NEWSROOM_MAX_REQUEST_BYTES", default=25 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, stated: 2.5 MB of form fields
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2_000  # a claim with many citation rows stays well under
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads go to a temporary file, not memory
# Images (newsroom/imaging.py), checked from the header before anything is decoded: the file,
# one frame's pixels (a 40 MP photo passes), and an animation's frames × width × height, the
# work re-encoding it costs (about 0.04 s per megapixel: 100 MP is 4 s, the 200-frame
# 2000×2000 GIF bomb's 800 MP would be 32 s).
NEWSROOM_MAX_IMAGE_BYTES = env.int("NEWSROOM_MAX_IMAGE_BYTES", default=20 * 1024 * 1024)
NEWSROOM_MAX_IMAGE_PIXELS = env.int("NEWSROOM_MAX_IMAGE_PIXELS", default=40_000_000)
NEWSROOM_MAX_ANIMATION_PIXELS = env.int("NEWSROOM_MAX_ANIMATION_PIXELS", default=100_000_000)
# Imported reports (newsroom/actions/imports.py, manage.py import_source and the admin's "Import
# a report"): the largest file, pasted text or fetched page, and how long a fetch may take. A URL
# whose host is a private, loopback or link-local address is refused, so the server cannot be
# made to read the internal network for whoever imports; tests turn that off for a local server.
NEWSROOM_IMPORT_MAX_BYTES = env.int("NEWSROOM_IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
NEWSROOM_IMPORT_FETCH_TIMEOUT = env.float("NEWSROOM_IMPORT_FETCH_TIMEOUT", default=10.0)
NEWSROOM_IMPORT_ALLOW_PRIVATE_URLS = env.bool("NEWSROOM_IMPORT_ALLOW_PRIVATE_URLS", default=False)
# Uploads are served by the app itself (newsroom/media.py) unless this is off: turn it off when
# the proxy serves MEDIA_ROOT (deploy/nginx.conf) or media lives in object storage.
NEWSROOM_SERVE_MEDIA = env.bool("NEWSROOM_SERVE_MEDIA", default=True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=not DEBUG)
# https://docs.djangoproject.com/en/5.2/ref/middleware/#http-strict-transport-security
# HSTS itself is on in production. includeSubDomains and preload reach beyond this site (every
# subdomain; browsers' built-in lists, slow to leave), so each is an explicit opt-in.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# check --deploy warns while either is off; off is this project's deliberate default, so those
# two warnings are silenced (only while the setting is off), and every other check still counts.
SILENCED_SYSTEM_CHECKS = [
    check
    for check, opted_in in (
        ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
        ("security.W021", SECURE_HSTS_PRELOAD),
    )
    if not opted_in
]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# -- Content-Security-Policy (django-csp) and Permissions-Policy (django-permissions-policy) --
# One strict policy for the public site and the admin alike: scripts, styles, fonts and
# requests only from this site, no inline script or style (templates carry none:
# tests/test_static.py), no plugins, no framing, forms post only here. JSON-LD blocks are data,
# not script, so script-src does not apply to them. Django's admin needs nothing more (its
# scripts are files and its settings travel in data- attributes); tests/browser/test_csp.py
# loads the public pages and the admin screens and sees no violation. A site that must allow
# more (an analytics host, a CDN) lists it in DJANGO_CSP_EXTRA_SOURCES, which is added to
# default-src, script-src, style-src, img-src and connect-src; DJANGO_CSP_REPORT_URI
# (optional) is where browsers send their violation reports.
CSP_EXTRA_SOURCES = env.list("DJANGO_CSP_EXTRA_SOURCES", default=[])
CSP_REPORT_URI = env.str("DJANGO_CSP_REPORT_URI", default="")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'", *CSP_EXTRA_SOURCES],
        "script-src": ["'self'", *CSP_EXTRA_SOURCES],
        "style-src": ["'self'", *CSP_EXTRA_SOURCES],
        "img-src": ["'self'", "data:", *CSP_EXTRA_SOURCES],
        "connect-src": ["'self'", *CSP_EXTRA_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        **({"report-uri": [CSP_REPORT_URI]} if CSP_REPORT_URI else {}),
    },
}
# Browser features the site never uses, refused for it and anything it might embed. The
# library rejects a misspelt feature name at startup, where a hand-written header would not.
PERMISSIONS_POLICY = {
    feature: []
    for feature in env.list(
        "DJANGO_PERMISSIONS_POLICY_DENY",
        default=[
            "accelerometer",
            "browsing-topics",
            "camera",
            "geolocation",
            "gyroscope",
            "interest-cohort",
            "magnetometer",
            "microphone",
            "payment",
            "usb",
        ],
    )
}

# -- Outages and backups --
# While the database is unreachable every page answers 503 (templates/503.html) with this
# Retry-After, and each process logs one line per interval rather than one per request.
NEWSROOM_OUTAGE_RETRY_AFTER = env.int("NEWSROOM_OUTAGE_RETRY_AFTER", default=30)
NEWSROOM_OUTAGE_LOG_INTERVAL = env.int("NEWSROOM_OUTAGE_LOG_INTERVAL", default=60)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis that is down is a cache that misses, not a 500 (newsroom/cache.py); and one that
    # does not answer costs at most these timeouts per call rather than hanging the request.
    CACHES["default"]["BACKEND"] = "newsroom.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {})
    CACHES["default"]["OPTIONS"].setdefault(
        "socket_connect_timeout", env.float("NEWSROOM_CACHE_CONNECT_TIMEOUT", default=0.5)
    )
    CACHES["default"]["OPTIONS"].setdefault(
        "socket_timeout", env.float("NEWSROOM_CACHE_TIMEOUT", default=1.0)
    )
# `manage.py backup` (make backup) writes its archives here unless given --output.
NEWSROOM_BACKUP_DIR = env.path("NEWSROOM_BACKUP_DIR", default=BASE_DIR / "backups")

# -- Logins: throttling (django-axes) and two-factor sign-in (django-otp TOTP) --
# A username + address pair is locked after AXES_FAILURE_LIMIT failed sign-ins for
# AXES_COOLOFF_MINUTES, counted from the failure that locked it (tries while locked do not
# extend it). The answer is a 429 with Retry-After and the admin's own page
# (newsroom/logins/lockout.py). Unlock early: `manage.py axes_reset_username <name>`, or delete
# the attempt in the admin (Axes > Access attempts; editors may). Staff who confirm an
# authenticator app (TOTP) are asked for its code at every admin sign-in; the others are
# reminded on every admin page (newsroom/logins/site.py). The default admin site is
# NewsroomAdminSite, through NewsroomAdminConfig in place of django.contrib.admin.
# The three apps go before ours, so their permissions exist when migrate resets the roles.
INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig" if app == "django.contrib.admin" else app
    for app in INSTALLED_APPS
]
INSTALLED_APPS[INSTALLED_APPS.index(LOCAL_APPS[0]) : 0] = [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]
# OTPMiddleware right after AuthenticationMiddleware (it wraps request.user); axes' last, so it
# sees the flag its backend sets on a locked-out request and answers with the lockout page.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
# Axes' backend only refuses locked-out pairs; it must come first. Every caller of
# authenticate() must pass the request (the admin's login does; tests use force_login, or
# client.login(request=HttpRequest(), ...)).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=15)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "newsroom.logins.lockout.lockout_response"
# The client address is REMOTE_ADDR, which a client cannot forge. Behind a proxy, set
# AXES_IPWARE_PROXY_COUNT to the number of proxies and AXES_IPWARE_META_PRECEDENCE_ORDER to
# the header they set (e.g. HTTP_X_FORWARDED_FOR), or every client shares the proxy's address.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=None)
AXES_IPWARE_META_PRECEDENCE_ORDER = env.list(
    "AXES_IPWARE_META_PRECEDENCE_ORDER", default=["REMOTE_ADDR"]
)
# The issuer authenticator apps show beside the account name.
OTP_TOTP_ISSUER = NEWSROOM_SITE_NAME

# -- Tasks (django-tasks, the backport of Django 6's tasks, with django-tasks-db's backend) --
# Renditions and notification e-mails run in `manage.py db_worker` (started by `make serve` and
# `make run`; a process of its own in production), not in the editor's request: see
# newsroom/tasks.py. The queue is a table in the site's own database, so a task enqueued in a
# request's transaction commits or rolls back with it. NEWSROOM_TASKS_BACKEND=
# django_tasks.backends.immediate.ImmediateBackend runs them in the request instead (the tests
# do); finished results older than a week are pruned by `manage.py prune_db_task_results`.
TASKS = {
    "default": {
        "BACKEND": env.str("NEWSROOM_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # A warning per failed reconnection while the database is down: the outage is already
    # logged once a minute (newsroom/outage.py).
    "loggers": {"psycopg.pool": {"level": "ERROR"}},
}
