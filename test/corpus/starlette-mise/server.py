import sys

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def homepage(request):
    v = sys.version_info
    return PlainTextResponse(f"starlette homepage on Python {v.major}.{v.minor}\n")


async def ping(request):
    return PlainTextResponse("pong\n")


app = Starlette(routes=[Route("/", homepage), Route("/ping", ping)])
