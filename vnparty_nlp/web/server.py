"""``vnparty serve``: run the web application with uvicorn, bound to 127.0.0.1 unless told otherwise."""
from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path
from typing import Any

from vnparty_nlp.archive import DEFAULT_DB
from vnparty_nlp.archive.engine import is_url, location_arg, safe_location

log = logging.getLogger("vnparty.web")

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def serve(archive: str | Path = DEFAULT_DB, host: str = "127.0.0.1", port: int = 8000, *, workers: int = 1,
          log_level: str = "warning") -> None:
    """Serve the archive read-only until interrupted (needs ``pip install vnparty_nlp[serve]``).

    ``workers`` > 1: that many server processes (each with its own connections), for more than one core.
    """
    import uvicorn

    from vnparty_nlp.web.app import ARCHIVE_ENV, create_app

    app = create_app(archive)  # opens the archive now: a missing file fails before the port is bound
    _hint_accelerator(app.state.pool.get(), archive)
    if host not in LOCAL_HOSTS:
        log.warning("serving on %s: anyone who can reach this address can read the archive", host)
    log.warning("serving %s at http://%s:%d/ (read-only; Ctrl-C stops)", safe_location(archive),
                f"[{host}]" if ":" in host else host, port)
    if workers > 1:  # uvicorn imports the app in each worker: it finds the archive in the environment
        os.environ[ARCHIVE_ENV] = str(archive) if is_url(str(archive)) else str(Path(archive).resolve())
        uvicorn.run("vnparty_nlp.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                    log_level=log_level, server_header=False, access_log=False)
        return
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, access_log=False)


#: archives from this size on search noticeably faster with the tantivy index (see README: Performance)
ACCELERATE_FROM = 20_000


def _hint_accelerator(archive: Any, location: str | Path) -> None:
    """Say so when a large file archive would serve faster with its tantivy index rebuilt."""
    if archive.can_accelerate and len(archive) >= ACCELERATE_FROM and archive.accelerator() is None:
        log.warning("%s has no current tantivy index: searches and facets use FTS5, slower at %d articles "
                    "(build it with: vnparty index --accelerator --db %s)", safe_location(location), len(archive),
                    safe_location(location))


def _cmd_serve(args: argparse.Namespace) -> int:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        log.error("vnparty serve needs the web extras: pip install 'vnparty_nlp[serve]'")
        return 2
    try:
        serve(args.archive, args.host, args.port, workers=args.workers)
    except (FileNotFoundError, RuntimeError, ConnectionError) as err:
        log.error("%s (build one with vnparty index or vnparty run)", err)
        return 2
    return 0


def add_serve_command(subparsers: Any) -> None:
    """Register ``serve`` on ``parser.add_subparsers()``."""
    p = subparsers.add_parser("serve", help="browse and search the archive in a web browser (read-only)")
    p.add_argument("archive", nargs="?", type=location_arg, default=Path(DEFAULT_DB),
                   help=f"archive: a SQLite file or a postgresql:// URL (default: {DEFAULT_DB})")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    p.set_defaults(func=_cmd_serve)
