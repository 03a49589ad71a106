from fastapi import FastAPI
from fastapi.responses import HTMLResponse, PlainTextResponse

app = FastAPI()


@app.get("/", response_class=HTMLResponse)
def index() -> str:
    return "<!doctype html><html><body><h1>Zero config</h1></body></html>"


@app.get("/health", response_class=PlainTextResponse)
def health() -> str:
    return "ok"
