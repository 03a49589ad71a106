from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

from app.forecast import today

app = FastAPI()


@app.get("/", response_class=PlainTextResponse)
def index() -> str:
    return f"weather service (poetry, non-package): {today()}"
