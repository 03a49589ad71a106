from fastapi import FastAPI
from fastapi.responses import HTMLResponse, PlainTextResponse

app = FastAPI(title="fastapi-app")


@app.get("/", response_class=HTMLResponse)
def index() -> str:
    return "<!doctype html><html><body><h1>Hello from FastAPI</h1></body></html>"


@app.get("/health", response_class=PlainTextResponse)
def health() -> str:
    return "ok"
