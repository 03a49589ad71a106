from dataclasses import dataclass

from litestar import Litestar, get


@dataclass
class Todo:
    title: str
    done: bool = False


TODOS = [Todo("write corpus"), Todo("ship it", done=True)]


@get("/")
async def index() -> str:
    return f"litestar todo list with {len(TODOS)} items (allow-listed context)"


@get("/todos")
async def todos() -> list[Todo]:
    return TODOS


app = Litestar(route_handlers=[index, todos])
