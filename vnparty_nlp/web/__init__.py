"""``vnparty serve``: the archive as a small read-only web application (Starlette + Jinja2).

    from vnparty_nlp.web import create_app
    app = create_app("vnparty-archive.sqlite")     # an ASGI app: uvicorn, or Starlette's TestClient

Pages work without JavaScript: search with facets and exports, an article with its facts highlighted,
a cited document with its citations over time and by province; ``/api/...`` mirrors the Python API.
Layering: reads the archive through :class:`vnparty_nlp.archive.Archive` only; nothing imports it.
"""
from vnparty_nlp.web.app import create_app
from vnparty_nlp.web.params import LIMITS, RequestError, SearchParams

__all__ = ["create_app", "SearchParams", "RequestError", "LIMITS"]
