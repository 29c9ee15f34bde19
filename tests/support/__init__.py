"""Helpers shared by the test suites (real servers started by fixtures)."""
