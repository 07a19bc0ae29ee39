"""Alembic's side of bench/autogenerate.mjs, run as a whole process so that
Python's start-up and imports count as node's do on athanor's side.

    python3 bench/alembic-compare.py reflect URL [SAVE] [--default-stack]
    python3 bench/alembic-compare.py compare URL TARGET [--default-stack]

reflect: MetaData.reflect() of the whole database (the nearest Alembic has to
`athanor pull`); with SAVE, the reflected MetaData is also pickled there.

compare: alembic.autogenerate.compare_metadata() between the database and the
MetaData pickled in TARGET (what `alembic check` and autogenerate run in CI).
The target is the database's own reflection, so the diff is the empty one
athanor's clean `check` finds; it is unpickled rather than reflected again so
that this process does no more work than importing a models module would.
Alembic's default options: types and server defaults are not compared.

SQLAlchemy reflects a table's foreign keys by reflecting the tables they
refer to, recursively, and so does pickle: on the bench's 500-deep chain of
foreign keys both exceed Python's default recursion limit (RecursionError).
So the work runs in a thread with a large stack and a raised limit, as an
env.py would have to; --default-stack keeps Python's defaults, to show that.

Prints one JSON line: tables, diffs (their number and the first three) and
warnings (SQLAlchemy's, e.g. on unknown types). Any exception exits non-zero
with its message on stderr.
"""

import json
import pickle
import sys
import threading
import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, create_engine


def run(mode, url, path=None):
    engine = create_engine(url)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with engine.connect() as conn:
            if mode == "reflect":
                metadata = MetaData()
                metadata.reflect(bind=conn)
                diffs = []
                if path is not None:
                    with open(path, "wb") as out:
                        pickle.dump(metadata, out, protocol=pickle.HIGHEST_PROTOCOL)
            elif mode == "compare":
                with open(path, "rb") as source:
                    metadata = pickle.load(source)
                diffs = compare_metadata(MigrationContext.configure(conn), metadata)
            else:
                raise ValueError(f"unknown mode {mode!r}: reflect or compare")
    engine.dispose()
    messages = sorted({str(w.message) for w in caught})
    report = {"tables": len(metadata.tables), "diffs": len(diffs), "first_diffs": [repr(d) for d in diffs[:3]], "warnings": messages[:5]}
    print(json.dumps(report))


def main(argv):
    args = [a for a in argv if a != "--default-stack"]
    if "--default-stack" in argv:
        run(*args)
        return
    sys.setrecursionlimit(200_000)
    threading.stack_size(1 << 29)
    failure = []

    def work():
        try:
            run(*args)
        except BaseException as error:
            failure.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


if __name__ == "__main__":
    main(sys.argv[1:])
