from app import app


def test_index():
    response = app.test_client().get("/")
    assert response.status_code == 200
    assert b"Hello from Flask" in response.data


def test_health():
    assert app.test_client().get("/health").status_code == 200
