import psycopg2
from flask import Flask

app = Flask(__name__)


def libpq_version() -> str:
    # e.g. 150014 -> "15.14" (major * 10000 + minor for libpq >= 10)
    v = psycopg2.__libpq_version__
    return f"{v // 10000}.{v % 10000}"


@app.get("/")
def index():
    return (
        "<!doctype html><html><body><h1>psycopg2 built from source</h1>"
        f"<p>psycopg2 {psycopg2.__version__}, linked against libpq {libpq_version()}</p>"
        "</body></html>"
    )


@app.get("/health")
def health():
    return "ok", 200, {"Content-Type": "text/plain"}
