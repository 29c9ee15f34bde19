"""The invitation, waitlist and staff tool at /admin (web and command line)."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the admin tool's blueprint, commands and settings."""
