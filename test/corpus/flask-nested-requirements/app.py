import sys

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return f"nested requirements are fine on Python {sys.version_info.major}.{sys.version_info.minor}\n"


if __name__ == "__main__":
    app.run(debug=True)
