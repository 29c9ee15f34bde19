"""Every operation of the mobile API, fuzzed from its own OpenAPI document: valid and
invalid inputs (schemathesis, fixed seed, bounded examples), as a real panelist.

Checks: no 500, every status listed and every body as documented, invalid input refused,
a missing token is a 401, and valid input accepted where the document can say what valid
is (BUSINESS_RULES lists where it cannot).
"""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.contract.checks import EXTRA

schema = schemathesis.pytest.from_fixture("api_schema")

# Operations whose valid input depends on state no schema can describe: a schema-valid
# request may rightly be refused with a 4xx in words.
BUSINESS_RULES = {
    "POST /api/v1/auth/register": "the invite code must exist and be bound to the email",
    "POST /api/v1/receipts": "the parts must be real images (JPEG, PNG, WebP, HEIC)",
    "POST /api/v1/surveys/{survey_id}/responses": "answers must fit the survey's questions",
    "POST /api/v1/rewards/redemptions": "the method must be one the panel pays out",
}


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_api_keeps_its_contract(case):
    excluded = [positive_data_acceptance] if case.operation.label in BUSINESS_RULES else []
    case.call_and_validate(additional_checks=EXTRA, excluded_checks=excluded)
