"""The receipt panel service: application factory."""
from __future__ import annotations

import base64
import os
import sys

from flask import Flask

from panel import config as panel_config
from panel.db import db
from panel.extensions import migrate
from panel.keystore import KeyStore
from panel.request_files import request_class
from panel.storage import create_storage
from panel.vault import Vault


def create_app(overrides: dict | None = None) -> Flask:
    overrides = overrides or {}
    instance_path = overrides.get("INSTANCE_PATH") or os.environ.get("INSTANCE_PATH")
    app = Flask(__name__, instance_path=os.path.abspath(
        instance_path or os.path.join(os.getcwd(), "instance")))
    app.config.update(panel_config.from_environment(app.instance_path))
    app.config.update(overrides)
    panel_config.finish(app.config, app.instance_path)
    app.request_class = request_class(app.config["UPLOAD_MAX_IMAGE_BYTES"])
    os.makedirs(app.instance_path, exist_ok=True)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract: processes, not threads

    from panel import admin, api, cli, dashboard, i18n, logs, models, probes, ratelimit, web  # noqa: F401
    from panel.services import changes  # noqa: F401  (the change feed's flush listener)
    from panel.services.uploads import configure_pillow
    from panel.tasks.celery import celery_init_app

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "..",
                                                     "migrations"))
    configure_pillow(app.config["UPLOAD_MAX_PIXELS"])
    app.extensions["panel.storage"] = create_storage(app.config)
    app.extensions["panel.vault"] = Vault(base64.b64decode(app.config["MASTER_KEY"]))
    app.extensions["panel.keys"] = KeyStore(app.config["KEYS_DATABASE_URL"])
    logs.configure(app)
    probes.init_app(app)
    web.init_app(app)
    i18n.init_app(app)
    ratelimit.init_app(app)
    api.init_app(app)
    dashboard.init_app(app)
    admin.init_app(app)
    cli.init_app(app)
    celery_init_app(app)
    import panel.tasks.jobs  # noqa: F401  (registers the Celery tasks)
    if _embedded_worker_wanted(app):
        from panel.tasks.embedded import EmbeddedWorker
        worker = EmbeddedWorker(app)
        app.extensions["panel.worker"] = worker
        worker.start()
    return app


def _embedded_worker_wanted(app: Flask) -> bool:
    """On when asked; in "auto" mode, when no broker is set and the app is serving requests
    (not running an operator command such as ``db upgrade``)."""
    mode = str(app.config["EMBEDDED_WORKER"]).lower()
    if mode in ("1", "true", "on", "yes"):
        return True
    if mode != "auto" or app.config["CELERY_BROKER_URL"]:
        return False
    running_command = os.environ.get("FLASK_RUN_FROM_CLI") == "true"
    return not running_command or "run" in sys.argv[1:]
