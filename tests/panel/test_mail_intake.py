"""Receipts forwarded by e-mail: real SMTP conversations (smtplib) with the running aiosmtpd
server on loopback, on SQLite and PostgreSQL; then the real pipeline (process_waiting)."""
from __future__ import annotations

import logging
import smtplib
import socket

import pytest

from panel import mail_intake
from tests.panel.test_canary import database_dump, marker, stored_objects, text_in_images
from tests.support import mails, pdfs
from tests.support.apps import database_url, empty_tables, make_app, process_waiting
from tests.support.factories import BOUGHT, BOUGHT_PRINTED, bearer, register

DOMAIN = "receipts.test"
MAX_BYTES = 300_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=["sqlite", "postgres"])
def intake_app(request, tmp_path):
    app = make_app(tmp_path, database_url(request.param, request, tmp_path),
                   MAIL_INTAKE_DOMAIN=DOMAIN, MAIL_INTAKE_MAX_BYTES=MAX_BYTES)
    yield app
    empty_tables(app)


@pytest.fixture
def smtp_port(intake_app):
    server = mail_intake.controller(intake_app, host="127.0.0.1", port=free_port())
    server.start()
    yield server.port
    server.stop()


def forwarding_address(client, tokens) -> str:
    answer = client.get("/api/v1/me/forwarding-address", headers=bearer(tokens))
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["address"]


def send(port: int, sender: str, recipient: str, raw: bytes) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        assert smtp.sendmail(sender, [recipient], raw) == {}


def receipts_of(client, tokens) -> list[dict]:
    return client.get("/api/v1/receipts", headers=bearer(tokens)).get_json()


def test_a_forwarded_html_receipt_is_accepted_and_read(intake_app, smtp_port):
    client = intake_app.test_client()
    tokens = register(intake_app, client, "panelist@example.org")
    address = forwarding_address(client, tokens)
    assert address.endswith(f"@{DOMAIN}") and address == forwarding_address(client, tokens)
    raw = mails.gmail_forward(BOUGHT_PRINTED, ("Pat Doe", "panelist@example.org"), address)
    send(smtp_port, "panelist@example.org", address, raw)
    [queued] = receipts_of(client, tokens)
    assert queued["source"] == "email" and queued["status"] == "queued"
    process_waiting(intake_app)
    receipt = client.get(f"/api/v1/receipts/{queued['id']}", headers=bearer(tokens)).get_json()
    assert receipt["status"] == "accepted", receipt["status_reason"]
    assert receipt["merchant"] == {"name": mails.SHOP}
    assert receipt["purchase_date"] == BOUGHT.isoformat() and receipt["total"] == "6.40"
    assert [item["amount"] for item in receipt["items"]] == ["3.90", "2.50"]


def test_unknown_and_retired_addresses_are_refused(intake_app, smtp_port):
    client = intake_app.test_client()
    tokens = register(intake_app, client)
    old = forwarding_address(client, tokens)
    renewed = client.post("/api/v1/me/forwarding-address/renew", headers=bearer(tokens))
    assert renewed.status_code == 200
    new = renewed.get_json()["address"]
    assert new != old and forwarding_address(client, tokens) == new
    raw = mails.outlook_forward(BOUGHT_PRINTED, ("Pat Doe", "pat@example.org"), old)
    for recipient in (old, f"r-{'a' * 16}@{DOMAIN}", new.replace(DOMAIN, "elsewhere.test")):
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            send(smtp_port, "pat@example.org", recipient, raw)
        assert refused.value.recipients[recipient][0] == 550
    assert receipts_of(client, tokens) == []
    send(smtp_port, "pat@example.org", new, raw)
    assert [r["source"] for r in receipts_of(client, tokens)] == ["email"]


def test_a_mail_over_the_size_limit_is_refused(intake_app, smtp_port):
    client = intake_app.test_client()
    tokens = register(intake_app, client)
    address = forwarding_address(client, tokens)
    padding = pdfs.receipt_pdf([("x" * 60, "")] * 6) + b"%" + b"0" * MAX_BYTES
    raw = mails.with_attachment(("Pat Doe", "pat@example.org"), address, padding,
                                "application/pdf", "invoice.pdf")
    with pytest.raises((smtplib.SMTPSenderRefused, smtplib.SMTPDataError)) as refused:
        send(smtp_port, "pat@example.org", address, raw)
    assert refused.value.smtp_code == 552
    # a server told no SIZE in advance still refuses the data itself
    with smtplib.SMTP("127.0.0.1", smtp_port, timeout=30) as smtp:
        smtp.ehlo()
        assert smtp.mail("pat@example.org")[0] == 250  # no SIZE= parameter
        assert smtp.rcpt(address)[0] == 250
        assert smtp.data(raw)[0] == 552
    assert receipts_of(client, tokens) == []


def test_a_pdf_attachment_becomes_the_receipt(intake_app, smtp_port):
    client = intake_app.test_client()
    tokens = register(intake_app, client)
    address = forwarding_address(client, tokens)
    lines = [("EDEKA MARKT", ""), ("Hauptstr. 5, 10115 Berlin", ""), (BOUGHT_PRINTED, ""),
             ("Milch 1L", "1,19"), ("Brot", "2,49"), ("SUMME EUR", "3,68")]
    raw = mails.with_attachment(("Pat Doe", "pat@example.org"), address,
                                pdfs.receipt_pdf(lines), "application/pdf", "receipt.pdf")
    send(smtp_port, "pat@example.org", address, raw)
    send(smtp_port, "pat@example.org", address, raw)  # a retry of the same mail: the same
    process_waiting(intake_app)
    [receipt] = receipts_of(client, tokens)
    assert (receipt["source"], receipt["status"], receipt["total"]) == ("email", "accepted", "3.68")


def test_only_the_own_address_when_so_configured(intake_app, smtp_port):
    client = intake_app.test_client()
    tokens = register(intake_app, client, "own@example.org")
    address = forwarding_address(client, tokens)
    intake_app.config["MAIL_INTAKE_OWN_ADDRESS_ONLY"] = True
    stranger = mails.outlook_forward(BOUGHT_PRINTED, ("Sam Roe", "sam@example.org"), address)
    with pytest.raises(smtplib.SMTPDataError) as refused:
        send(smtp_port, "sam@example.org", address, stranger)
    assert refused.value.smtp_code == 550
    own = mails.outlook_forward(BOUGHT_PRINTED, ("Own Person", "Own@Example.org"), address)
    send(smtp_port, "own@example.org", address, own)
    assert len(receipts_of(client, tokens)) == 1


def test_the_forwarding_block_never_reaches_the_stored_receipt(intake_app, smtp_port, caplog):
    """Canary: the panelist's and another recipient's names and addresses, in the mail's
    headers, its forwarding block and a greeting in the receipt, are found nowhere after
    processing: not in the database, the stored files (bytes, and OCR of the images), the
    logs or the API's answers. What was kept of the receipt is found, so the scans see."""
    caplog.set_level(logging.DEBUG)
    client = intake_app.test_client()
    tokens = register(intake_app, client)
    address = forwarding_address(client, tokens)
    first, last, other = marker(), marker(), marker()
    panelist = (f"{first.capitalize()} {last.capitalize()}", f"{first.lower()}@example.net")
    cc = (f"{other.capitalize()} Roe", f"{other.lower()}@example.com")
    markers = [first, last, other, first.lower(), last.lower(), other.lower(),
               first.capitalize(), last.capitalize(), other.capitalize()]
    send(smtp_port, panelist[1], address,
         mails.gmail_forward(BOUGHT_PRINTED, panelist, address, cc))
    send(smtp_port, panelist[1], address, mails.outlook_forward(
        (BOUGHT.replace(day=1) if BOUGHT.day > 1 else BOUGHT).strftime("%d.%m.%Y"),
        panelist, address))
    process_waiting(intake_app)
    kept = receipts_of(client, tokens)
    assert len(kept) == 2 and all(r["status"] in ("accepted", "rejected") for r in kept)
    answers = "".join(client.get(f"/api/v1/receipts/{r['id']}", headers=bearer(tokens))
                      .get_data(as_text=True) for r in kept)
    dump, blobs = database_dump(intake_app), stored_objects(intake_app)
    seen = text_in_images(blobs)
    everything = [dump, *blobs, seen, caplog.text, answers]
    assert b"Cappuccino" in dump and "Cappuccino" in seen and "Cappuccino" in answers
    assert all(f"queued as receipt {r['id']}" in caplog.text for r in kept)  # logs are seen
    found = [m for m in markers for place in everything
             if (m.encode() if isinstance(place, bytes) else m) in place]
    assert found == []


def test_the_commands(intake_app, smtp_port, tmp_path):
    client = intake_app.test_client()
    tokens = register(intake_app, client)
    address = forwarding_address(client, tokens)
    runner = intake_app.test_cli_runner()
    sent = runner.invoke(args=["mail-intake", "send-test", "--to", address,
                               "--port", str(smtp_port)])
    assert sent.exit_code == 0, sent.output
    refused = runner.invoke(args=["mail-intake", "send-test", "--to", f"r-{'b' * 16}@{DOMAIN}",
                                  "--port", str(smtp_port)])
    assert refused.exit_code == 1 and "550" in refused.output
    process_waiting(intake_app)
    [receipt] = receipts_of(client, tokens)
    assert (receipt["source"], receipt["status"], receipt["total"]) == ("email", "accepted",
                                                                        "6.40")
    off = make_app(tmp_path / "off", f"sqlite:///{tmp_path / 'off.sqlite3'}")
    result = off.test_cli_runner().invoke(args=["mail-intake", "run"])
    assert result.exit_code == 1 and "MAIL_INTAKE_DOMAIN" in result.output
