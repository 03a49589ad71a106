from flask import Blueprint, current_app

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    return f"Flask app {current_app.config['GREETING']}\n"


@bp.get("/healthz")
def healthz():
    return {"status": "ok"}
