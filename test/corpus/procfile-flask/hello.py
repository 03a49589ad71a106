import os

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return f"hello from the Procfile's web process, pid {os.getpid()}\n"
