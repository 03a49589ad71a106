from starlette.testclient import TestClient

from starlette_app.main import app


def test_home():
    response = TestClient(app).get("/")
    assert response.status_code == 200
    assert "Starlette" in response.text


def test_health():
    assert TestClient(app).get("/health").json() == {"status": "ok"}
