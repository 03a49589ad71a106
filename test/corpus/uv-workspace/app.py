from flask import Flask

from greeting import greet

app = Flask(__name__)


@app.get("/")
def index():
    return greet("workspace") + "\n"
