import bottle
from jinja2 import Environment

app = bottle.Bottle()
page = Environment(autoescape=True).from_string(
    "<!doctype html><html><body><h1>Hello from {{ framework }}, installed by {{ manager }}</h1></body></html>"
)


@app.get("/")
def index():
    return page.render(framework="Bottle", manager="Pipenv")


@app.get("/health")
def health():
    bottle.response.content_type = "text/plain"
    return "ok"
