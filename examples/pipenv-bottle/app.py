import bottle

app = bottle.Bottle()


@app.get("/")
def index():
    return "<!doctype html><html><body><h1>Hello from Bottle, installed by Pipenv</h1></body></html>"


@app.get("/health")
def health():
    bottle.response.content_type = "text/plain"
    return "ok"
