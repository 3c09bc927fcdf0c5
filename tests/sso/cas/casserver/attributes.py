# The attributes the test CAS server releases: the employee ID (kept in the Django user's
# last_name field by serve.py) and the e-mail.


def employee(user, service):
    return {'employee_id': user.last_name, 'email': user.email}
