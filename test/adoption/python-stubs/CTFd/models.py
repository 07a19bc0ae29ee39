# CTFd's migrations use `db` (Flask-SQLAlchemy) from CTFd.models only for
# column types in sa.table(...) definitions; SQLAlchemy's own names are the same.
import sqlalchemy as db  # noqa: F401
