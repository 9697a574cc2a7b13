"""Type stubs of the extension module `yujuesuan._native` (python/src/lib.rs)."""

from typing import Dict, List, Optional

class ReadError(Exception):
    """A file could not be read."""

    #: The class the command prints: not_pdf, encrypted, corrupt,
    #: no_text_layer, unrecognised_layout, too_large, timeout, internal.
    error_class: str
    #: What went wrong, in words.
    message: str
    #: The file.
    path: str

def read_json(path: str) -> str: ...
def cells_columns(paths: List[str], jobs: Optional[int] = None) -> Dict[str, list]: ...
def extract(
    paths: List[str],
    out: str,
    jobs: Optional[int],
    formats: List[str],
    force: bool,
    timeout_secs: float,
    worker: Optional[List[str]] = None,
) -> str: ...
def serve_worker() -> None: ...
