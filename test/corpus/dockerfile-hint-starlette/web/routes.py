import os

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def index(request):
    return PlainTextResponse(f"tide tables from the Dockerfile's command on port {os.environ.get('PORT')}\n")


app = Starlette(routes=[Route("/", index)])
