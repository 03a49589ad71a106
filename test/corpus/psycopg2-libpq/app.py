import os

import psycopg2
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    libpq = psycopg2.extensions.libpq_version()
    return f"psycopg2 {psycopg2.__version__.split()[0]} built from source, libpq {libpq}\n"


@app.get("/db")
def db():
    dsn = os.environ.get("DATABASE_URL")
    if not dsn:
        return "DATABASE_URL is not set\n", 503
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        cur.execute("select version()")
        return cur.fetchone()[0] + "\n"
