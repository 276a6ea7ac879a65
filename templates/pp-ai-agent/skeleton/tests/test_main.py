from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def test_health_is_up():
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "up", "agent_id": "${{ values.agent_id }}"}


def test_agent_describes_itself():
    body = client.get("/agent").json()
    assert body["name"] == "${{ values.agent_name }}"
    assert body["industry"] == "${{ values.industry }}"
    assert body["specialty"] == "${{ values.specialty }}"
    assert body["rate_limits"]["api_calls_per_minute"] == ${{ values.readiness.rate_limits.api_calls_per_minute }}


def test_agent_reports_the_knowledge_version_it_runs(monkeypatch):
    monkeypatch.delenv("PP_KNOWLEDGE_VERSION", raising=False)
    assert client.get("/agent").json()["knowledge_version"] is None
    # set by the Platform Portal's retuning rollout on the new instances
    monkeypatch.setenv("PP_KNOWLEDGE_VERSION", "healthcare-v7")
    assert client.get("/agent").json()["knowledge_version"] == "healthcare-v7"


def test_a_task_gets_a_result():
    response = client.post("/tasks", json={"goal": "hello"})
    assert response.status_code == 200
    assert isinstance(response.json(), dict)
