"""POST /api/v1/receipts with garbage: schemathesis's invalid multipart bodies, raw bytes
under a multipart content type, and well-framed parts holding anything. Always a 4xx in
words (or a 202 for a real picture), never a 500; refused uploads store nothing."""
from __future__ import annotations

import io

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from panel.extensions import storage_for
from tests.contract.checks import EXTRA
from tests.contract.conftest import SEED

FUZZ = settings(max_examples=40, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))


def refused(response) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.data[:300])
    assert response.get_json()["message"]


def stored(app) -> list[str]:
    with app.app_context():
        return storage_for().keys()


def test_invalid_multipart_bodies_from_the_document(app, api_schema, panelists):
    operation = api_schema["/api/v1/receipts"]["POST"]
    panelists.headers()
    before = stored(app)

    @seed(SEED)
    @FUZZ
    @given(case=operation.as_strategy(GenerationMode.NEGATIVE, auth_storage=api_schema.auth))
    def check(case):
        response = case.call_and_validate(additional_checks=EXTRA)
        assert 400 <= response.status_code < 500, response.status_code

    check()
    assert stored(app) == before


def test_raw_bytes_as_multipart_are_refused(app, panelists):
    client, headers = app.test_client(), panelists.headers()
    before = stored(app)

    @seed(SEED)
    @FUZZ
    @given(body=st.binary(max_size=2048), boundary=st.text(min_size=0, max_size=80))
    def check(body, boundary):
        content_type = f"multipart/form-data; boundary={boundary}"
        try:
            response = client.post("/api/v1/receipts", data=body, headers=headers,
                                   content_type=content_type)
        except ValueError:  # werkzeug's test client refuses to send this header at all
            return
        refused(response)

    check()
    assert stored(app) == before


def test_well_framed_parts_holding_anything_are_refused(app, panelists):
    client, headers = app.test_client(), panelists.headers()
    before = stored(app)
    part = st.tuples(st.sampled_from(["image", "images", "file", ""]), st.binary(max_size=4096),
                     st.text(max_size=40), st.sampled_from(["image/jpeg", "image/png",
                                                            "application/octet-stream", ""]))

    @seed(SEED)
    @FUZZ
    @given(parts=st.lists(part, max_size=8))
    def check(parts):
        data = {}
        for field, content, filename, media in parts:
            data.setdefault(field, []).append((io.BytesIO(content), filename, media or None))
        response = client.post("/api/v1/receipts", data=data, headers=headers,
                               content_type="multipart/form-data")
        refused(response)

    check()
    assert stored(app) == before
