from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "<!doctype html><html><body><h1>Hello from Flask</h1></body></html>"


@app.get("/health")
def health():
    return "ok", 200, {"Content-Type": "text/plain"}
