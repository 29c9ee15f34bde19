"""What operators and their machines reach: ``/healthz`` (the process answers), ``/readyz``
(it can serve: database at the migrations' head, key store, storage, broker), both open and
saying nothing else; and ``/metrics`` for Prometheus, only with ``METRICS_TOKEN`` as a bearer
token or from an address in ``METRICS_ALLOWED_NETWORKS`` (404 when neither is set)."""
from __future__ import annotations

import hmac
import ipaddress

from flask import Blueprint, Response, abort, current_app, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from panel import metrics
from panel.services import readiness
from panel.services.monitoring import StateCollector

blp = Blueprint("probes", __name__)


@blp.after_request
def _not_cached(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@blp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@blp.get("/readyz")
def readyz():
    checks = readiness.checks()
    ready = all(result == "ok" for result in checks.values())
    return jsonify(status="ready" if ready else "not ready", checks=checks), 200 if ready else 503


@blp.get("/metrics")
def metrics_page():
    _allow_scraper()
    if metrics.multiprocess():
        counted = CollectorRegistry()
        MultiProcessCollector(counted)
    else:
        counted = REGISTRY
    state = CollectorRegistry(auto_describe=False)
    state.register(StateCollector())
    return Response(generate_latest(counted) + generate_latest(state),
                    mimetype=CONTENT_TYPE_LATEST)


def _allow_scraper() -> None:
    config = current_app.config
    token, networks = config["METRICS_TOKEN"], _networks(config["METRICS_ALLOWED_NETWORKS"])
    if not token and not networks:
        abort(404)
    sent = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        abort(403)
    if not any(address in network for network in networks):
        abort(403)


def _networks(setting: str) -> list:
    return [ipaddress.ip_network(n.strip(), strict=False)
            for n in (setting or "").split(",") if n.strip()]


def init_app(app) -> None:
    _networks(app.config["METRICS_ALLOWED_NETWORKS"])  # a typo stops the app at start
    app.register_blueprint(blp)
    metrics.init_app(app)
