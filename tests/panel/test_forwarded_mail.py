"""Taking a forwarded mail apart (panel.forwarded_mail): the receipt kept, the forwarding
block and the people the mail went between left out, as mail clients write them."""
from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

from panel.forwarded_mail import read_mail
from tests.support import mails

PANELIST = ("Quentin Zebulon", "quentin.zebulon@example.net")
TO = "r-aaaaaaaaaaaaaaaa@receipts.test"


def plain(body: str, sender=PANELIST) -> bytes:
    message = EmailMessage()
    message["From"] = f"{sender[0]} <{sender[1]}>"
    message["To"] = TO
    message["Subject"] = "Fwd: receipt"
    message.set_content(body)
    return message.as_bytes(policy=SMTP)


def assert_clean(text: str) -> None:
    assert "Cappuccino" in text and "6,40 EUR" in text and mails.SHOP in text
    for word in ("Quentin", "Zebulon", "quentin", "example.net", "Subject", "Sent:"):
        assert word not in text, word


def test_gmail_html_forward():
    found = read_mail(mails.gmail_forward("01.12.2026", PANELIST, TO,
                                          ("Xavier Other", "xo@example.com")))
    assert found.sender == PANELIST[1] and found.pdf is None and not found.images
    assert_clean(found.text)
    assert "Xavier" not in found.text and "xo@" not in found.text
    assert "Here is my coffee receipt" not in found.text  # the panelist's own note


def test_outlook_block_without_a_forwarding_line():
    assert_clean(read_mail(mails.outlook_forward("01.12.2026", PANELIST, TO)).text)


def test_apple_mail_and_german_clients():
    receipt = mails.text_receipt("01.12.2026")
    apple = ("Sent from my phone\n\nBegin forwarded message:\n\n"
             f"From: {mails.SHOP} <{mails.SHOP_ADDRESS}>\nSubject: Your receipt\n"
             "Date: 1 December 2026 at 09:12:00 CET\n"
             f"To: {PANELIST[0]} <{PANELIST[1]}>\n\n{receipt}")
    german = ("-----Ursprüngliche Nachricht-----\n"
              f"Von: {mails.SHOP} <{mails.SHOP_ADDRESS}>\nGesendet: Montag, 1. Dezember 2026\n"
              f"An: {PANELIST[0]} <{PANELIST[1]}>\nCc: Yvonne Beispiel <yb@example.de>\n"
              f"Betreff: Ihr Beleg\n\nHallo Quentin,\n{receipt}")
    for body in (apple, german):
        text = read_mail(plain(body)).text
        assert_clean(text)
        assert "Yvonne" not in text and "Beispiel" not in text and "yb@" not in text


def test_quoted_forward_and_attachments():
    quoted = "\n".join("> " + line for line in (
        "---------- Forwarded message ---------", f"From: {mails.SHOP_ADDRESS}",
        f"To: {PANELIST[1]}", "", *mails.text_receipt("01.12.2026").splitlines()))
    assert_clean(read_mail(plain(quoted)).text)
    attached = read_mail(mails.with_attachment(PANELIST, TO, b"%PDF-1.4 ...",
                                               "application/pdf", "invoice.pdf"))
    assert attached.pdf == b"%PDF-1.4 ..."
    photo = read_mail(mails.with_attachment(PANELIST, TO, b"\xff\xd8\xff...", "image/jpeg",
                                            "receipt.jpg"))
    assert photo.images == [b"\xff\xd8\xff..."] and photo.pdf is None


def test_a_logo_in_an_html_receipt_is_no_page():
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = PANELIST[1], TO, "Fwd: receipt"
    message.set_content("see HTML")
    message.add_alternative(mails.html_receipt("01.12.2026") + '<img src="cid:logo">',
                            subtype="html")
    message.get_payload()[1].add_related(b"\x89PNG\r\n\x1a\n...", maintype="image",
                                         subtype="png", cid="<logo>", filename="logo.png")
    found = read_mail(message.as_bytes(policy=SMTP))
    assert found.images == [] and "Cappuccino" in found.text


def test_a_receipt_mailed_straight_keeps_its_date_line():
    found = read_mail(plain("Date: 01.12.2026\n" + mails.text_receipt("01.12.2026")))
    assert found.text.startswith("Date: 01.12.2026") and "Cappuccino" in found.text
