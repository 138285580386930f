"""Scheduled work: the scheduler that claims runs, the task a worker runs, and the worker loop (issue 15)."""
