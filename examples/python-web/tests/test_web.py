from app import __version__
from app.web import MAX_BODY_BYTES


def test_healthz(client):
    res = client.get("/healthz")
    assert res.status == 200
    assert res.headers["content-type"].startswith("application/json")
    assert res.json() == {"status": "ok", "version": __version__}


def test_healthz_head_has_no_body(client):
    res = client.request("HEAD", "/healthz")
    assert res.status == 200
    assert res.body == b""


def test_flags_start_empty(client):
    res = client.get("/api/flags")
    assert res.status == 200
    assert res.json() == {"flags": []}


def test_put_creates_then_updates_a_flag(client):
    created = client.put_json("/api/flags/dark-mode", {"enabled": True, "description": " UI theme "})
    assert created.status == 201
    flag = created.json()
    assert flag["name"] == "dark-mode"
    assert flag["enabled"] is True
    assert flag["description"] == "UI theme"
    assert flag["updated_at"].endswith("+00:00")

    updated = client.put_json("/api/flags/dark-mode", {"enabled": False})
    assert updated.status == 200
    assert updated.json()["enabled"] is False

    assert client.get("/api/flags/dark-mode").json()["enabled"] is False


def test_list_is_sorted_by_name(client):
    for name in ("zeta", "alpha", "mid.flag"):
        assert client.put_json(f"/api/flags/{name}", {"enabled": True}).status == 201
    names = [flag["name"] for flag in client.get("/api/flags").json()["flags"]]
    assert names == ["alpha", "mid.flag", "zeta"]


def test_delete(client):
    client.put_json("/api/flags/beta", {"enabled": True})
    res = client.request("DELETE", "/api/flags/beta")
    assert res.status == 204
    assert res.body == b""
    assert client.get("/api/flags/beta").status == 404
    assert client.request("DELETE", "/api/flags/beta").status == 404


def test_validation_lists_every_problem(client):
    res = client.put_json("/api/flags/beta", {"enabled": "yes", "description": 7, "owner": "me"})
    assert res.status == 400
    error = res.json()["error"]
    assert error["code"] == "validation_failed"
    assert sorted(d["field"] for d in error["details"]) == ["description", "enabled", "owner"]


def test_body_must_be_an_object(client):
    res = client.put_json("/api/flags/beta", [True])
    assert res.status == 400
    assert res.json()["error"]["details"] == [{"field": "(body)", "message": "must be a JSON object"}]


def test_description_length_is_limited(client):
    res = client.put_json("/api/flags/beta", {"enabled": True, "description": "x" * 201})
    assert res.status == 400
    assert res.json()["error"]["details"][0]["field"] == "description"


def test_invalid_json(client):
    res = client.request("PUT", "/api/flags/beta", b'{"enabled": tru', "application/json")
    assert res.status == 400
    assert res.json()["error"]["code"] == "invalid_json"


def test_wrong_content_type(client):
    res = client.request("PUT", "/api/flags/beta", b'{"enabled": true}', "text/plain")
    assert res.status == 415


def test_oversized_body(client):
    res = client.request("PUT", "/api/flags/beta", b" " * (MAX_BODY_BYTES + 1), "application/json")
    assert res.status == 413
    assert res.json()["error"]["code"] == "payload_too_large"


def test_invalid_flag_name(client):
    for name in ("Upper", "1st", "a" * 65, "sp%20ace"):
        res = client.get(f"/api/flags/{name}")
        assert res.status == 400, name
        assert res.json()["error"]["code"] == "invalid_name"


def test_unknown_route_and_method(client):
    assert client.get("/nope").status == 404
    res = client.request("POST", "/api/flags")
    assert res.status == 405
    assert res.headers["allow"] == "GET"
    assert client.request("PATCH", "/api/flags/beta").headers["allow"] == "GET, PUT, DELETE"
