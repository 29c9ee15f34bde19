"""Reading the dashboard's forms with the API's own schemas, so both faces accept and refuse
exactly the same input."""
from __future__ import annotations

import marshmallow as ma
from werkzeug.datastructures import MultiDict

from panel.services.consents import PURPOSES
from panel.services.errors import Invalid


def load(schema: ma.Schema, data: dict) -> dict:
    """``schema.load(data)``, its refusal as the services' ``Invalid`` (a 422 page)."""
    try:
        return schema.load(data)
    except ma.ValidationError as error:
        raise Invalid(_first_message(error.messages), error.messages) from None


def consent_choices(form: MultiDict) -> dict[str, bool]:
    """One choice per purpose: a ticked box is a grant, an unticked one a refusal."""
    return {name: form.get(f"consent-{name}") == "yes" for name in PURPOSES}


def _first_message(messages) -> str:
    while isinstance(messages, dict):
        field, messages = next(iter(messages.items()))
        if isinstance(messages, list):
            return f"{field.replace('_', ' ').capitalize()}: {messages[0]}"
    return str(messages[0] if isinstance(messages, list) else messages)
