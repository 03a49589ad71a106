from html import escape
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse


def _version() -> str:
    version_file = Path(settings.BASE_DIR) / ".version"
    try:
        return version_file.read_text().strip() or "unknown"
    except OSError:
        return "unknown"


def index(request):
    articles = sorted(p.stem for p in Path(settings.ARTICLES_DIR).glob("*.md"))
    items = "".join(f"<li>{escape(a)}</li>" for a in articles)
    html = (
        "<!doctype html><html><head><title>Blog</title></head><body>"
        "<h1>Blog</h1>"
        f"<ul>{items}</ul>"
        f"<p><small>version {escape(_version())}</small></p>"
        "</body></html>"
    )
    return HttpResponse(html)


def health(request):
    return HttpResponse("ok", content_type="text/plain")
