"""Every operation of the mobile API, fuzzed from its own OpenAPI document: valid and
invalid inputs (schemathesis, fixed seed, bounded examples), as a real panelist.

Checks: no 500, every status listed and every body and header as documented, invalid input
refused, a missing or wrong token refused with 401, and valid input accepted where the
document can say what valid is (BUSINESS_RULES lists where it cannot). Random ids find
nothing, so every operation under an id is also called with the panelist's real ones.
"""
from __future__ import annotations

from itertools import product

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.contract.checks import EXTRA
from tests.contract.conftest import for_recipients
from tests.support.factories import PASSWORD

schema = schemathesis.pytest.from_fixture("api_schema")
# Tokens are fetched (and a panelist registered, with its random ids) while cases are made.
pytestmark = pytest.mark.filterwarnings("ignore:Do not use the `random` module")

# Operations whose valid input depends on state no schema can describe: a schema-valid
# request may rightly be refused with a 4xx in words.
BUSINESS_RULES = {
    "POST /api/v1/auth/register": "the invite code must exist and be bound to the email",
    "POST /api/v1/auth/password-reset/confirm": "the code must be one mailed, unused and "
                                                "unexpired",
    "POST /api/v1/receipts": "the parts must be real images (JPEG, PNG, WebP, HEIC)",
    "POST /api/v1/surveys/{survey_id}/responses": "answers must fit the survey's questions",
    "POST /api/v1/rewards/redemptions": "the amount must be within the balance, the method "
                                        "one the panel pays out",
    "POST /api/v1/payouts/webhook": "the body must be signed by the payout provider",
    "POST /api/v1/rewards/payouts/{payout_id}/code": "the password must be the panelist's",
}


@schema.parametrize()
@settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_api_keeps_its_contract(case, panelists, recipient_world):
    excluded = [positive_data_acceptance] if case.operation.label in BUSINESS_RULES else []
    with_token = not case.operation.schema.is_security_param_negated(case)
    if with_token:  # the token given when the case was made; an earlier case may have ended it
        assert "Authorization" in (case.headers or {}), "the case was made without a token"
        case.headers["Authorization"] = (recipient_world if for_recipients(case.operation)
                                         else panelists).headers()["Authorization"]
    response = case.call_and_validate(additional_checks=EXTRA, excluded_checks=excluded)
    if with_token and case.operation.definition.raw.get("security"):
        assert response.status_code != 401, "a live token was refused"


METHOD_ORDER = ["GET", "PUT", "POST", "DELETE"]  # read first, delete last


def test_operations_on_real_resources_keep_their_contract(api_schema, panelists, survey_id,
                                                         recipient_world):
    headers = panelists.headers()
    real = {"receipt_id": panelists.receipt_ids, "survey_id": [survey_id],
            "purpose": ["surveys", "research_partners"], "code": [recipient_world.code],
            "release_id": [recipient_world.release_id], "payout_id": panelists.payout_ids}
    bodies = {"PUT /api/v1/me/consents/{purpose}": {"granted": True},
              "PUT /api/v1/me/recipients/{code}/consent": {"granted": True},
              "POST /api/v1/rewards/payouts/{payout_id}/code": {"password": PASSWORD},
              "POST /api/v1/surveys/{survey_id}/responses": {"answers": [
                  {"question_id": question["id"], "value": value} for question, value in
                  zip(_questions(api_schema, headers), ["tea", 3])]}}
    under_ids = [result.ok() for result in api_schema.get_all_operations()
                 if "{" in result.ok().path]
    assert len(under_ids) >= 6
    statuses = {}
    for operation in sorted(under_ids, key=lambda op: METHOD_ORDER.index(op.method.upper())):
        names = [parameter.name for parameter in operation.path_parameters]
        assert set(names) <= set(real), f"{operation.label}: give its ids a real value here"
        for values in product(*(real[name] for name in names)):
            given = recipient_world.headers() if for_recipients(operation) else headers
            case = operation.Case(path_parameters=dict(zip(names, values)), headers=given,
                                  body=bodies.get(operation.label, schemathesis.core.NOT_SET))
            response = case.call_and_validate(additional_checks=EXTRA)
            statuses.setdefault(operation.label, []).append(response.status_code)
    assert all(any(200 <= s < 300 for s in found) for found in statuses.values()), statuses
    for operation in under_ids:  # API.md: after DELETE, every path under the receipt is 404
        if [parameter.name for parameter in operation.path_parameters] == ["receipt_id"]:
            for receipt_id in real["receipt_id"]:
                case = operation.Case(path_parameters={"receipt_id": receipt_id},
                                      headers=headers)
                gone = case.call_and_validate(additional_checks=EXTRA)
                assert gone.status_code == 404, (operation.label, receipt_id)


def _questions(api_schema, headers) -> list[dict]:
    operation = api_schema["/api/v1/surveys"]["GET"]
    listed = operation.Case(headers=headers).call_and_validate(additional_checks=EXTRA)
    return listed.json()[0]["questions"]
