"""The logic of ${{ values.agent_name }}: what it does with a task.

The deterministic default of the pp-ai-agent template: it answers each task with a structured
result naming the agent. When the Platform Portal's LLM step is enabled, this file is replaced by
a `handle` written for the agent's industry and specialty.
"""

AGENT_ID = "${{ values.agent_id }}"
INDUSTRY = "${{ values.industry }}"
SPECIALTY = "${{ values.specialty }}"


def handle(task: dict) -> dict:
    """Handles one task and returns its result."""
    return {
        "agent_id": AGENT_ID,
        "industry": INDUSTRY,
        "specialty": SPECIALTY,
        "status": "received",
        "task": task,
    }
