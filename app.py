"""WSGI entry (``app``) and Celery worker entry (``celery_app``)."""
from panel import create_app

app = create_app()
celery_app = app.extensions["celery"]
