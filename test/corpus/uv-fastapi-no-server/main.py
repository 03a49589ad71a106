import sys

from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def index() -> dict[str, str]:
    # uv's convention (and its Docker guide's): the project environment is /app/.venv.
    return {"notes": "served by uvicorn that pydock added", "venv": sys.prefix}
