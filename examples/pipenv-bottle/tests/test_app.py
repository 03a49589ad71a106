from webtest import TestApp

from app import app


def test_index():
    response = TestApp(app).get("/")
    assert response.status_int == 200
    assert "Hello from Bottle" in response.text


def test_health():
    assert TestApp(app).get("/health").text == "ok"
