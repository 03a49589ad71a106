"""Like FastHTML: on import the app makes a session key file in the working directory."""
import os
import secrets
from pathlib import Path

from flask import Flask

KEY_FILE = Path(".sesskey")


def load_or_create_key() -> str:
    if not KEY_FILE.exists():
        KEY_FILE.write_text(secrets.token_hex(16))
    return KEY_FILE.read_text().strip()


app = Flask(__name__)
app.secret_key = load_or_create_key()

VISITS = Path("data.txt")


@app.get("/")
def index():
    count = int(VISITS.read_text()) + 1 if VISITS.exists() else 1
    VISITS.write_text(str(count))
    return f"session key file ready ({len(app.secret_key)} chars); visit {count}\n"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 8000)))
