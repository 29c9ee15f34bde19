"""A forwarded receipt mail taken apart: the receipt it carries, never who sent it to whom.

What a mail gives, in this order: its first PDF attachment; else its image attachments (the
pages of a photographed receipt); else its body as text (an HTML body converted by
inscriptis, which keeps a table's rows on lines). From the body everything up to the
forwarding line is dropped (the panelist's own note and signature), then the forwarded
header block (From, Sent, To, Cc, Subject, in the mail clients' usual languages); then every
name and address of the people the mail went between (the outer mail's senders and
recipients, the forwarded block's recipients) is taken out wherever it still appears. The
forwarded block's sender, the shop, stays out with the block, but its words are left alone
elsewhere: they are often the shop's name on the receipt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.utils import getaddresses, parseaddr

# People: the outer mail's headers naming them, and the forwarded block's recipient fields.
PEOPLE_HEADERS = ("from", "to", "cc", "bcc", "reply-to", "sender", "delivered-to",
                  "return-path", "x-original-to", "resent-from", "resent-to")
RECIPIENT_FIELDS = {"to", "cc", "bcc", "an", "kopie", "à", "a", "cci", "aan", "cc/bcc",
                    "reply-to", "antwort an"}
SENDER_FIELDS = {"from", "von", "de", "van"}
HEADER_FIELDS = RECIPIENT_FIELDS | SENDER_FIELDS | {
    "sent", "date", "subject", "gesendet", "datum", "betreff", "envoyé", "objet", "verzonden",
    "onderwerp", "envoyé le"}
FORWARD_LINE = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|original message|weitergeleitete nachricht|"
    r"ursprüngliche nachricht|message transféré|message d'origine|doorgestuurd bericht|"
    r"oorspronkelijk bericht)\s*-{2,}|begin forwarded message:|anfang der weitergeleiteten "
    r"nachricht:)\s*$", re.IGNORECASE)
HEADER_LINE = re.compile(r"^\s*[>*]*\s*([A-Za-zÀ-ÿ /]{1,14}?)\s*:\s*(.*)$")
QUOTE = re.compile(r"^\s*(?:>\s?)+")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MIN_NAME_PART = 2


@dataclass
class ForwardedReceipt:
    pdf: bytes | None = None
    images: list[bytes] = field(default_factory=list)
    text: str = ""
    sender: str | None = None  # the outer mail's From address, for the own-address check


def read_mail(raw: bytes) -> ForwardedReceipt:
    message = message_from_bytes(raw, policy=policy.default)
    people = _people(message)
    found = ForwardedReceipt(sender=parseaddr(str(message.get("from", "")))[1] or None)
    body = None
    for part, related in _parts(message, people):
        kind, data = part.get_content_type(), _payload(part)
        if data is None:
            continue
        if kind == "application/pdf" or data.startswith(b"%PDF-"):
            found.pdf = found.pdf or data
        elif kind.startswith("image/") and not related and _attached_photo(part):
            found.images.append(data)
        elif kind in ("text/html", "text/plain") and part.get_content_disposition() != (
                "attachment") and (body is None or (kind == "text/html" and body[0] != kind)):
            body = (kind, _text(part))
    if body is not None:
        text = body[1] if body[0] == "text/plain" else _html_text(body[1])
        found.text = without_people(forwarded_part(text, people), people)
    return found


def _parts(message, people: set[str], related: bool = False):
    """Leaf parts and whether they are an HTML body's resources (inside multipart/related:
    logos, tracking pixels), walking into attached messages (a mail forwarded as an
    attachment), whose own headers name people too."""
    if message.get_content_type() == "message/rfc822":
        for inner in message.iter_parts():
            people |= _people(inner)
            yield from _parts(inner, people, related)
    elif message.is_multipart():
        inside = related or message.get_content_type() == "multipart/related"
        for part in message.iter_parts():
            yield from _parts(part, people, inside)
    else:
        yield message, related


def _attached_photo(part) -> bool:
    """An attached image, or one inline with a file name (as a phone's mail app sends a
    photo); an HTML mail's own images are left out before (multipart/related)."""
    disposition = part.get_content_disposition()
    return disposition == "attachment" or (disposition == "inline" and bool(part.get_filename()))


def _payload(part) -> bytes | None:
    try:
        return part.get_payload(decode=True)
    except Exception:  # noqa: BLE001  (a damaged part is no page)
        return None


def _text(part) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError, ValueError):
        data = part.get_payload(decode=True) or b""
        return data.decode("utf-8", "replace")


def _html_text(html: str) -> str:
    from inscriptis import get_text
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.model.config import ParserConfig
    return get_text(html, ParserConfig(css=CSS_PROFILES["strict"], display_links=False,
                                       display_images=False))


def _people(message) -> set[str]:
    values = [str(value) for name in PEOPLE_HEADERS for value in message.get_all(name, [])]
    return _names_and_addresses(values)


def _names_and_addresses(values: list[str]) -> set[str]:
    people = set()
    for name, address in getaddresses(values):
        name = name.strip(" \"'")
        if address and "@" in address:
            people.add(address)
            people.add(address.split("@")[0])
        if name and "@" not in name:
            people.add(name)
            people.update(part for part in re.split(r"[\s,.]+", name)
                          if len(part) >= MIN_NAME_PART)
    people.update(ADDRESS.findall(" ".join(values)))
    return {person for person in people if person.strip()}


def forwarded_part(text: str, people: set[str]) -> str:
    """The forwarded mail's own body: what follows the forwarding line and its header block
    (the whole text when neither is found). The block's recipients join ``people``."""
    lines = [QUOTE.sub("", line) for line in text.splitlines()]
    start = next((n + 1 for n, line in enumerate(lines) if FORWARD_LINE.match(line)), None)
    if start is None:  # Outlook: the block alone, "From:" first
        start = next((n for n, line in enumerate(lines)
                      if _field(line) in SENDER_FIELDS and _header_block_at(lines, n)), None)
    if start is None:
        return text
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = start
    while end < len(lines):
        line, name = lines[end], _field(lines[end])
        if name in HEADER_FIELDS:
            if name in RECIPIENT_FIELDS:
                people |= _names_and_addresses([HEADER_LINE.match(line).group(2)])
        elif not (line[:1].isspace() and line.strip() and end > start):  # not folded either
            break
        elif _field(lines[end - 1]) in RECIPIENT_FIELDS:  # a recipient list folded on
            people |= _names_and_addresses([line])
        end += 1
    return "\n".join(lines[end:]).strip("\n")


def _header_block_at(lines: list[str], start: int) -> bool:
    names = {_field(line) for line in lines[start:start + 6]}
    return len(names & HEADER_FIELDS) >= 3


def _field(line: str) -> str | None:
    match = HEADER_LINE.match(line)
    return match.group(1).strip().lower() if match else None


def without_people(text: str, people: set[str]) -> str:
    """Every name and address of ``people`` taken out, longest first, ignoring case."""
    for person in sorted(people, key=len, reverse=True):
        text = re.sub(rf"(?<![\w@.]){re.escape(person)}(?![\w@])", "", text,
                      flags=re.IGNORECASE)
    return re.sub(r"<\s*>|\(\s*\)", "", text)
