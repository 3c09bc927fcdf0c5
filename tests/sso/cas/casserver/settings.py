# A CAS 3.0 server for the sign-on tests: django-mama-cas with Django's own user accounts, on a
# throw-away SQLite file (CAS_DB), every service under http://127.0.0.1 allowed, the employee ID
# released as the attribute `employee_id` (casserver.attributes).
import os

SECRET_KEY = 'transferdesk-sso-test-only'
DEBUG = False
ALLOWED_HOSTS = ['127.0.0.1', 'localhost']
INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'mama_cas',
]
MIDDLEWARE = [
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
]
ROOT_URLCONF = 'casserver.urls'
TEMPLATES = [
    {
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'APP_DIRS': True,
        'OPTIONS': {
            'context_processors': [
                'django.template.context_processors.request',
                'django.contrib.auth.context_processors.auth',
                'django.contrib.messages.context_processors.messages',
            ],
        },
    },
]
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': os.environ['CAS_DB']}}
USE_TZ = True
DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'
# Fast hashing: the accounts are the test's.
PASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']
MAMA_CAS_SERVICES = [
    {
        'SERVICE': r'^http://127\.0\.0\.1:\d+/auth/cas/callback$',
        'CALLBACKS': ['casserver.attributes.employee'],
        'LOGOUT_ALLOW': False,
    },
]
