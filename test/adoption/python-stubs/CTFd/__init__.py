# A stand-in for CTFd, whose migrations use only `db` from it, for column types.
