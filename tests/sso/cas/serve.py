# Starts the test CAS server on 127.0.0.1:PORT (argv[1]) over a fresh SQLite file (argv[2]):
# migrates it, creates the test's people (login, password, employee ID, e-mail) from argv[3]
# (JSON), then serves until killed. Prints "cas ready" once it listens.
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
port, db, people = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
os.environ['CAS_DB'] = db
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'casserver.settings')

import django  # noqa: E402
from django.core.management import call_command  # noqa: E402

django.setup()
call_command('migrate', verbosity=0)
from django.contrib.auth.models import User  # noqa: E402

for login, password, employee_id, email in people:
    User.objects.create_user(login, email=email, password=password, last_name=employee_id)

from django.core.servers.basehttp import WSGIServer, WSGIRequestHandler  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from wsgiref.simple_server import make_server  # noqa: E402


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


server = make_server('127.0.0.1', int(port), get_wsgi_application(), server_class=WSGIServer, handler_class=Quiet)
print('cas ready', flush=True)
server.serve_forever()
