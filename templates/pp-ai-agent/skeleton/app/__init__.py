"""${{ values.agent_name }}: an AI agent of the WAOOAW marketplace."""
