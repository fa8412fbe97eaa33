"""Filled in this session (issue 22)."""
