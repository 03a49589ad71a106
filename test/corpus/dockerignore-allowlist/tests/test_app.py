from litestar.testing import TestClient

from app.main import app


def test_index():
    with TestClient(app=app) as client:
        assert "todo list" in client.get("/").text
