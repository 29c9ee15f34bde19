"""Forwarded receipt mails as common mail clients write them, built for tests."""
from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid

SHOP = "Coffee House Berlin"
SHOP_ADDRESS = "receipts@coffeehouse.example"


def receipt_rows(bought: str) -> list[tuple[str, str]]:
    return [(SHOP, ""), ("Friedrichstr. 12, 10117 Berlin", ""), (f"Date: {bought}", ""),
            ("Cappuccino", "3,90 EUR"), ("Croissant", "2,50 EUR"), ("Total", "6,40 EUR"),
            ("Paid by card", "")]


def html_receipt(bought: str, greeting: str = "") -> str:
    rows = "".join(f"<tr><td>{left}</td><td align='right'>{right}</td></tr>"
                   for left, right in receipt_rows(bought)[3:])
    return (f"<html><body><h2>{SHOP}</h2><p>{greeting}</p>"
            f"<p>Friedrichstr. 12, 10117 Berlin</p><p>Date: {bought}</p>"
            f"<table>{rows}</table><p>Paid by card</p>"
            "<p><a href='https://coffeehouse.example/app'>Get our app</a></p></body></html>")


def text_receipt(bought: str, greeting: str = "") -> str:
    lines = [greeting] if greeting else []
    lines += [f"{left:<30}{right:>12}" if right else left for left, right in receipt_rows(bought)]
    return "\n".join(lines)


def gmail_forward(bought: str, panelist: tuple[str, str], to: str,
                  other: tuple[str, str] | None = None) -> bytes:
    """Gmail's forward of an HTML receipt: a note, the forwarding line, the header block."""
    name, address = panelist
    cc = f"<br>Cc: {other[0]} &lt;{other[1]}&gt;" if other else ""
    block = (f"<div>Here is my coffee receipt.<br>-- <br>{name}</div>"
             "<div>---------- Forwarded message ---------<br>"
             f"From: <b>{SHOP}</b> &lt;{SHOP_ADDRESS}&gt;<br>"
             f"Date: Mon, 1 Dec 2026 at 09:12<br>Subject: Your receipt<br>"
             f"To: {name} &lt;{address}&gt;{cc}<br></div><br>")
    message = EmailMessage()
    message["From"] = f"{name} <{address}>"
    message["To"] = to
    message["Subject"] = "Fwd: Your receipt"
    message.set_content("(HTML only)")
    message.add_alternative(block + html_receipt(bought, f"Hello {name.split()[0]},"),
                            subtype="html")
    return message.as_bytes(policy=SMTP)


def outlook_forward(bought: str, panelist: tuple[str, str], to: str) -> bytes:
    """Outlook's plain-text forward: the header block with no forwarding line above it."""
    name, address = panelist
    body = (f"FYI\n\n{name}\n\n"
            f"From: {SHOP} <{SHOP_ADDRESS}>\nSent: Monday, December 1, 2026 9:12 AM\n"
            f"To: {name} <{address}>\nSubject: Your receipt\n\n"
            + text_receipt(bought, f"Dear {name},"))
    message = EmailMessage()
    message["From"] = f"{name} <{address}>"
    message["To"] = to
    message["Subject"] = "FW: Your receipt"
    message.set_content(body)
    return message.as_bytes(policy=SMTP)


def with_attachment(panelist: tuple[str, str], to: str, data: bytes, kind: str,
                    filename: str) -> bytes:
    name, address = panelist
    message = EmailMessage()
    message["From"] = f"{name} <{address}>"
    message["To"] = to
    message["Subject"] = "Fwd: your invoice"
    message["Message-ID"] = make_msgid(domain="example.org")
    message.set_content(f"Invoice attached.\n\n{name}")
    maintype, subtype = kind.split("/")
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes(policy=SMTP)
