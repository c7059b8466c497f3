"""Self-graded exercises."""
