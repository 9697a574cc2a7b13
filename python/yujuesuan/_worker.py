"""A worker process of `yujuesuan.extract`: reads file requests on stdin
and answers on stdout, as the command's hidden `worker` subcommand does."""

from ._native import serve_worker

if __name__ == "__main__":
    serve_worker()
