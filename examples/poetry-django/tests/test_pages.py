def test_index(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"<h1>Blog</h1>" in response.content


def test_health(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"
