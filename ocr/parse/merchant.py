"""The merchant: a known brand named on the receipt, else the first name-like header line."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import NamedTuple

from ocr.parse import vocabulary
from ocr.parse.amounts import LINE_END_RE as PRICE_AT_END
from ocr.parse.brands import (
    BUSINESS_WORDS,
    KNOWN_BRANDS,
    alias_brand,
    near_brand,
    near_brand_word,
    trades_in,
)
from ocr.parse.locale import CANADIAN_PROVINCES, US_STATES

# Words that make "Netto", "Real" etc. mean something else on a receipt line.
NOT_A_BRAND_LINE = re.compile(
    r"mwst|brutto|steuer|ust|betrag|summe|\d\s?%|\d[.,]\s?\d\d\b", re.IGNORECASE)

HEADER_LINES = 12  # the shop's name stands within the first lines above the items
LOGO_LINES = 8  # lines of logo artwork read as letters may come before the header
NOT_A_NAME = re.compile(
    rf"\d{{4,}}|www\.|@|\.com\b|\s\d{{1,4}}\s?[a-z]?$|{vocabulary.HEADER_DETAIL.pattern}|"
    r"^\W*(eur|euro|usd|gbp|chf)\W*$|\d\D*\d|"  # names hold one digit at most
    r"[a-z\d]_[a-z\d]",  # and no underscore: "invoice_number_1" is a machine's word
    re.IGNORECASE)
# Lines that label a person or a document, not the shop: "Server: Maria", "Cashier Tan
# Woon Yann", "Table 12", "Tax Invoice", "Retail Invoice", "Welcome", "Thank you"; and
# "Welcome to X", which may name the shop (ocr.parse.vocabulary).
ROLE_OR_TITLE, DOCUMENT_TITLE = vocabulary.ROLE_OR_TITLE, vocabulary.DOCUMENT_TITLE
WELCOME_TO = vocabulary.WELCOME_TO
# A company's legal form, in many countries: the surest sign a line is the shop's name.
LEGAL_FORM = re.compile(
    r"(?:&\s?sons?|\b(?:gmbh|ag|kg|ohg|e\.\s?k|ug|ltd|limited|llc|l\.l\.c|inc|corp|co\.|"
    r"company|plc|llp|pty|pte|sdn|sdn\.?\s?b[hn]d|bhd|berhad|s\.?a\.?r\.?l|sarl|sas|s\.a|s\.l|"
    r"s\.r\.l|srl|"
    r"s\.p\.a|spa|b\.v|bv|n\.v|a/s|oy|sp\.\s?z\s?o\.?o|k\.k|enterprises?|trading|"
    r"pvt|private\s+limited|and\s+sons|s/b|pt\.?|cv|sb(?=\W*$)))(?![a-z])", re.IGNORECASE)
# A line that is only a legal form ("SDN BHD", "Pvt Ltd") finishes the name above it.
LEGAL_ONLY = re.compile(r"(?:\W*(?:" + LEGAL_FORM.pattern + r")\W*)+", re.IGNORECASE)
# A line of the shop's address: a street (ocr.parse.vocabulary), a block or unit number, a
# postcode with its town, a phone number.
ADDRESS = re.compile(
    vocabulary.STREET.pattern + r"|#\d+-\d+|[a-z]\W+\d{4,6}\W*$|^\W*\d{4,6}\s+[a-z]|"
    r"^\D*\d{4,5}\s+[A-ZÄÖÜ][a-zäöüß]{2,}|,\s?[A-Z]{2}\.?\s?\d{5}|"
    r"\(\d{3}\)\s?\d{3}-\d{4}|^\W*[2-9]\d{2}[.-]\d{3}[.-]\d{4}\W*$|\btel\b|phone|\+\d{2}|"
    # a phone number: labelled ("T: 0815586450", "Ph 9415 1122"), or alone on its line
    # with its trunk prefix ("019-6000350", "04-4340700")
    r"\b(?:t|ph|tlf|telp|fon)\b\.?\s?:?\s?[+(]?\d|"
    r"^\W*\(?0\d{1,4}\)?[-\s/.]?\d{3,4}[-\s.]?\d{3,5}\W*$|"
    r"^\W*(?:no|n[°º])\.?\s?\d", re.IGNORECASE)  # a house number opening it: "NO. 9-G"
def street_line(text: str) -> bool:
    """A street with its number, or a line opening with the street's kind (``place du
    Marché``, ``Via Roma``); a name may hold such a word (``Main Street Deli``)."""
    street = vocabulary.STREET.search(text)
    return bool(street) and (bool(re.search(r"\d", text)) or not text[:street.start()].strip(
        " -*|"))


# Words of a sentence, not of a name: slogans ("It pays to Discover wherever you go",
# "Thank you for your visit", "We love food").
SLOGAN = re.compile(r"\b(?:you|your|we|our|us|it|is|are|was|will|can|every|always|never|served|"
                    r"wir|ihr|sie|nous|vous)\b", re.IGNORECASE)
# Staff named anywhere on a line ("Your server was Carlos", "Served by Liam").
PERSON_ON_DUTY = re.compile(r"\b(?:server|cashier|waiter|waitress|served by|kassierer\w*|"
                            r"bediener\w*|caissi[eè]r\w*|cajer[oa])\b", re.IGNORECASE)
# A town and state or province with no street ("FAIR OAKS,CA", "Kapolei, HI", "CANOGA
# PARK CA 91303", the ZIP code misread or cut, or glued on: "ALEXANDRIA,VA22314").
TOWN_AND_STATE = re.compile(r"[A-Za-z][,.]\s?[A-Z]{2}(?:\s|$|\d{5})|[A-Za-z]\s"
                            rf"(?:{'|'.join(US_STATES + CANADIAN_PROVINCES)})\s+\d{{3,5}}")
# A British or Canadian postcode ending a line ("London SW1A 1AA", "Ottawa ON K1A 0B1"),
# with a digit read as a similar letter ("SwlA lAA"): then only split in two as postcodes
# are printed, so that a word is none ("BOOKS" is no "B0 0KS").
DIGIT = "[0-9lIO|]"
POSTCODE_SHAPE = re.compile(rf"\b[A-Z][A-Za-z]?{DIGIT}[A-Za-z0-9]?\s?{DIGIT}[A-Z]{{2}}\W*$|"
                            rf"\b[A-Z]{DIGIT}[A-Z]\s?{DIGIT}[A-Z]{DIGIT}\W*$")


def postcode(text: str) -> bool:
    found = POSTCODE_SHAPE.search(text)
    return bool(found) and bool(re.search(r"\d|\s\S", found.group().rstrip()))


# The sender's line of a letter or invoice, above the recipient's address: the name, then
# the address after a dash or dot ("QualityHosting AG - Uferweg 40-42 - D-63571 Gelnhausen").
SENDER_LINE = re.compile(r"^\W*(?P<name>[^\d\s][^\d|·•]*?)\s[-–|·•]\s(?P<rest>.*\d.*)$")
# A company's registration number after its name or on the line under it ("AEON CO. (M) BHD
# (126926-H)", "(CO. REG :860671-D)", "MOONLIGHT CAKE HOUSE SDN BHD 862725-U"), in brackets
# or as a number with its check letter.
REGISTRATION = re.compile(r"\s*\((?=[^()]*\d{3})[^()]*\)?\W*$|\s+\d{4,}-?[A-Z]\W*$|"
                          r"\s+\(?\d{4,}-[A-Z]\)?\s.*$")  # "273500-U (KJ1)": a branch after it
# A name that goes on to the next line: it ends on "&" or "and", or opens a bracket it does
# not close ("AIK HUAT HARDWARE", "ENTERPRISE (SETIA", "ALAM) SDN BHD"); and the line that
# goes on with it, opening with "&" or "and" ("THE COFFEE BEAN", "& TEA LEAF").
CONTINUED = re.compile(r"(?:&|\band)\s*$|\([^)]*$", re.IGNORECASE)
CONTINUING = re.compile(r"^\W*(?:&|and\b)", re.IGNORECASE)
# A line that finishes the name above it: a legal form opening it, or after one word
# ("ELECTRONICS" / "LIMITED", "LIAN CHI PU TIAN VEGETARIAN" / "RESTAURANT SDN BHD").
NAME_FINISHED_BELOW = re.compile(
    rf"^\W*(?:[^\W\d]+\s+|\([^\W\d]+\)\s*)?(?:{LEGAL_FORM.pattern})",  # "(Thailand) Co., Ltd."
    re.IGNORECASE)
# The line above a company's former name ("FORMERLY KNOWN AS").
FORMER_NAME = re.compile(r"\b(?:formerly|previously|ehemals|vormals|anciennement)\b",
                         re.IGNORECASE)
# A restaurant's table, party or covers with its number.
TABLE_LINE = re.compile(r"\b(?:table|tbl|party|guests?|covers|tisch|mesa)\W*\d", re.IGNORECASE)
# A store's number after its name ("CHURCH'S CHICKEN #4717", "CARL'S JR 1100375").
STORE_NUMBER = re.compile(r"\s*(?:#|\bno\.?|\bnr\.?|\bstore)\s*\d+\W*$|\s+\(?\d{3,}\W*$", re.I)
ADDRESS_LINES = 3  # an address within this many lines under the name
SURE_WORD_CONFIDENCE = 0.85
MIN_WORD_CONFIDENCE = 0.5  # header words read with less are logo artwork, not letters
MIN_MEAN_WORD_LENGTH = 3.0  # "Bip Aa en": fragments of a logo
LEGAL, LETTERHEAD, GUESS = 0.85, 0.7, 0.5  # confidences of a name found by these


def find_merchant(lines: list[str], confidences: list[list[float]] | None = None,
                  heights: list[int] | None = None, country: str | None = None,
                  letter: bool = False) -> tuple[str | None, float]:
    """Display name and confidence: 0.9 for a known brand, 0.85 for a name with its legal
    form, 0.7 for a header name read cleanly over its address or followed by a business
    word, 0.5 for another header guess. ``confidences``: per line, per word; ``heights``:
    per line, in pixels (a shop's name is often printed larger); ``country``: where the
    receipt reads as from (chains are matched one letter off only in their markets);
    ``letter``: a typed document (an e-invoice's text), whose first lines may be its
    addressee's: the company its legal mentions name issued it (``legal_issuer``)."""
    brand = find_brand(lines, country)
    if brand:
        return brand, 0.9
    issuer = legal_issuer(lines) if letter else None
    if issuer:
        return issuer, LEGAL
    sites = web_names(lines)
    candidates = header_names(lines, confidences, heights, sites)
    if not candidates:  # a name in artwork only: the name its web address spells, else the
        # kind of shop, if printed, for a person to complete
        kind = kind_of_business(lines[:LOGO_LINES + HEADER_LINES])
        name = site_name(sites[0]) if sites else kind
        return (name, GUESS) if name else (None, 0.0)
    best = max(candidates, key=lambda c: (c.score, -c.line))
    name = best.name
    following = lines[best.line + 1] if best.line + 1 < len(lines) else ""
    # a word of the line read too badly to keep ("Pasaraya Sri [Murni]"), or a line worded
    # as a sentence (a slogan over the address: "Ihr Markt um die Ecke"): for a person to
    # check, unless the receipt's web address spells the name
    doubtful = best.partial or worded_as_sentence(name)
    ceiling = GUESS if doubtful and not best.online else LEGAL
    if BUSINESS_WORDS.fullmatch(following.strip(" *-|")) and not BUSINESS_WORDS.search(name):
        return f"{name} {display_name(following)}", min(LETTERHEAD, ceiling)
    confidence = min(ceiling, LEGAL if LEGAL_FORM.search(name) or best.online else LETTERHEAD if (
        BUSINESS_WORDS.search(name) or best.letterhead) else GUESS)
    if BUSINESS_WORDS.search(name):
        return name, confidence
    kind = kind_of_business(lines[:LOGO_LINES + HEADER_LINES])
    return (f"{name} {kind}", confidence) if kind else (name, confidence)


# Where a line of legal mentions is cut into its parts: "Free SAS au capital de ... - RCS
# Paris - Siège social: ...", "Regd. office: WS Retail Services Private Limited, ...".
MENTION_PARTS = re.compile(r"\s[-–−|·•]\s|[,;:]")


def legal_issuer(lines: list[str]) -> str | None:
    """The company a document's legal mentions name (capital, register, registered office,
    VAT number: what invoices must state of their supplier): a name ending in its legal
    form on such a line ("Free SAS au capital de ..."), else the name line right above it
    ("NETPRESSE" over "Siège social : ..."). The first such line from the top."""
    for index, text in enumerate(lines):
        if not vocabulary.LEGAL_MENTION.search(text):
            continue
        for part in MENTION_PARTS.split(text):
            form = LEGAL_FORM.search(part)
            name = part[:form.end()].strip() if form else ""
            if form and form.start() and not vocabulary.LEGAL_MENTION.search(name) \
                    and not not_a_name(name) and letter_share(name) >= 0.7:
                return display_name(name)
        above = lines[index - 1].strip() if index else ""
        if above and name_alone(above):
            return display_name(above)
    return None


def name_alone(text: str) -> bool:
    """A line that can only be a name: a few words, mostly letters, no label (``Vorstand:
    ...``), role, sentence, address or legal mention."""
    return ":" not in text and len(text.split()) <= 5 and letter_share(text) >= 0.7 \
        and not (vocabulary.LEGAL_MENTION.search(text) or not_a_name(text)
                 or address_line(text) or ROLE_OR_TITLE.match(text)
                 or worded_as_sentence(text))


class NameCandidate(NamedTuple):
    """A header line that may be the shop's name, and what speaks for it."""

    score: float
    line: int
    name: str  # as displayed
    letterhead: bool  # read cleanly over the shop's address
    online: bool  # the receipt's web or mail address spells it
    partial: bool = False  # a word of the line read too badly to keep: the name may lack it


def header_names(lines: list[str], confidences: list[list[float]] | None,
                 heights: list[int] | None, sites: list[str]) -> list[NameCandidate]:
    """Each header line that may be the shop's name, scored on its legal form, size, place
    above the address, nearness to the top and the receipt's web names (``sites``); lines of
    addresses, phones, dates, people and document titles are none."""
    header = lines[:HEADER_LINES]
    first_item = next((i for i, text in enumerate(header)
                       if PRICE_AT_END.search(text) or vocabulary.table_heading(text)), None)
    header = header[:first_item]
    first_address = next((i for i, text in enumerate(header) if address_line(text)), None)
    typical = sorted(heights[:len(lines)])[len(lines) // 2] if heights else 0
    found, continuing = [], addressee(header)
    for index, printed in enumerate(header):
        if index in continuing:
            continue  # the end of the name above, or the customer's address
        text = confident = confident_words(printed, confidences[index] if confidences else None)
        whole = lines[index]
        sender = SENDER_LINE.match(text)
        if sender and address_line(sender["rest"]):  # a letter's sender line: its name
            text = whole = sender["name"]
        text = STORE_NUMBER.sub("", REGISTRATION.sub("", text))
        welcome = WELCOME_TO.match(text)
        if welcome:
            text = welcome["name"]
        elif ROLE_OR_TITLE.match(text) or DOCUMENT_TITLE.match(text) or ":" in text \
                or vocabulary.PAYMENT_OR_TITLE_ONLY.match(text) \
                or BUSINESS_WORDS.fullmatch(text.strip(" *-|=_.:")):
            continue  # a kind of shop alone is added to the name above it
        if LEGAL_ONLY.fullmatch(text.strip()):
            continue
        text, taken = with_continuation(text, printed, header[index + 1:index + 3])
        continuing.update(range(index + 1, index + 1 + taken))
        name = display_name(text)
        if not name or not_a_name(text) or street_line(whole) or WEB_LINE.search(whole) \
                or TOWN_AND_STATE.search(text) or TOWN_AND_STATE.search(whole) \
                or postcode(whole) \
                or PERSON_ON_DUTY.search(text) \
                or letter_share(name) < 0.7 or (mean_word_length(name) < MIN_MEAN_WORD_LENGTH
                                                and not LEGAL_FORM.search(name)):
            continue
        score = -0.3 if welcome else 0.0  # "Welcome to X" greets ("... The Family") as
        # often as it names the shop: a plain name near it is likelier
        if any(name.lower() in other.lower() and name.lower() != other.lower()
               and not WEB_LINE.search(other) for other in header[index + 1:index + 3]):
            score -= 1.0  # a logo's part, printed in full below ("PASTA" over "Bella Pasta")
        score += 2.5 if LEGAL_FORM.search(name) else 0.0
        score += 0.7 if BUSINESS_WORDS.search(name) else 0.0
        letterhead = clear_letterhead(lines, index + taken, confidences)
        online = named_online(name, sites)
        score += 1.0 if letterhead else 0.0
        score -= 2.0 if index and FORMER_NAME.search(lines[index - 1]) else 0.0
        score -= 1.5 if worded_as_sentence(name) else 0.0
        if first_address is not None and index > first_address:
            score -= 1.5  # below the address: a person's name, a slogan, the till
        if heights and typical:
            score += min(1.5, max(0.0, heights[index] / typical - 1.0) * 1.5)
        score += 2.0 if online else 0.0
        score -= 0.15 * index
        found.append(NameCandidate(score, index, name, letterhead, online,
                                   lost_word(printed, confident)))
    return found


def addressee(header: list[str]) -> set[int]:
    """The lines of the customer's address under an invoice's label for it (``Bill To:``,
    ``Factuuradres``): the lines after the label down to the first address line (four at
    most) and the address lines right after it. The customer's name is never the shop's
    (nor kept as such)."""
    lines = set()
    for index, text in enumerate(header):
        if not vocabulary.ADDRESS_LABEL.match(text):
            continue
        below = index + 1
        while below < min(index + 5, len(header)):  # down to the first address line
            lines.add(below)
            below += 1
            if address_line(header[below - 1]):
                break
        while below < len(header) and address_line(header[below]):  # and the rest of it
            lines.add(below)
            below += 1
    return lines


def with_continuation(text: str, printed: str, below: list[str]) -> tuple[str, int]:
    """The name (``text``, its line as ``printed``) with the lines it goes on to
    (``CONTINUED``, ``NAME_FINISHED_BELOW``), their registration numbers left out (``HOME
    MASTER HARDWARE &`` / ``ELECTRICAL``), and how many lines it took. A line with a number
    or a colon goes on with no name; a line ends on "&" only as printed, not where a word
    after it was read too badly to keep."""
    taken, last = 0, printed
    for following in below:
        following = REGISTRATION.sub("", following).strip()
        finished = LEGAL_FORM.search(text)  # a name with its legal form is whole
        if not following or re.search(r"[\d:]", following) or not (
                CONTINUED.search(last) or CONTINUING.match(following)
                or NAME_FINISHED_BELOW.match(following) and not finished):
            break
        text, taken, last = f"{text} {following}", taken + 1, following
    return text, taken


# A web or mail address on the receipt (``www.laureltavern.com``, ``info@zoca.com``, read
# with spaces around its dots: ``www .nancysrestaurant .net``).
# ... or printed bare, with a common ending ("pizzahutfeedback.com.ph", "rewe.de")
WEB_NAME = re.compile(r"(?:www\s?\.\s?|@|https?://)([a-z0-9-]{4,})\s?\.|"
                      r"(?<![\w@.])([a-z0-9-]{4,})\.(?:com|net|org|co|de|fr|it|es|nl|uk|ie|"
                      r"at|ch|be|au|my|sg|id|ph|in)\b", re.IGNORECASE)
WEB_LINE = re.compile(r"\bwww\b|https?:|\.\s?(?:com|net|org)\b", re.IGNORECASE)
GENERIC_WEB_NAMES = {"gmail", "yahoo", "hotmail", "outlook", "facebook", "instagram",
                     "twitter", "yelp", "google", "tripadvisor"}


def web_names(lines: list[str]) -> list[str]:
    """The letters of the receipt's own web and mail addresses' names (mail and social
    network hosts left out)."""
    sites = [re.sub(r"[^a-z]", "", "".join(found).lower())
             for text in lines for found in WEB_NAME.findall(text)]
    return [site for site in sites if site not in GENERIC_WEB_NAMES]


def site_name(site: str) -> str:
    """A display name from a web name's letters, a kind of shop set apart
    (``nancysrestaurant`` -> ``Nancys Restaurant``)."""
    kind = BUSINESS_WORDS.search(site)
    words = [site[:kind.start()], kind.group(), site[kind.end():]] if kind else [site]
    return " ".join(word.capitalize() for word in words if word)


def named_online(name: str, sites: list[str]) -> bool:
    """Whether one of the receipt's web names (``web_names``) spells the name (all its
    letters in the address, or the address in the name): a name the shop goes by."""
    letters = re.sub(r"[^a-z]", "", name.lower())
    return len(letters) >= 4 and any(
        letters in site or (len(site) >= 5 and site in letters) for site in sites)


def clear_letterhead(lines: list[str], index: int,
                     confidences: list[list[float]] | None) -> bool:
    """A name read cleanly (every word of it sure; stars and other marks around it do not
    count) with the shop's address right under it: the layout of a printed letterhead, not
    logo artwork that happened to read as letters."""
    words = lines[index].split()
    sure_of = [c for word, c in zip(words, confidences[index] if confidences else [])
               if sum(ch.isalpha() for ch in word) >= 2]
    sure = bool(sure_of) and len(words) == len(confidences[index]) \
        and min(sure_of) >= SURE_WORD_CONFIDENCE
    below = lines[index + 1:index + 1 + ADDRESS_LINES]
    return sure and (any(address_line(text) for text in below)
                     or bool(below) and registration_line(below[0]))


def registration_line(text: str) -> bool:
    """A line holding only a company's registration number ("(65351-M)", "822737-X")."""
    return bool(text.strip()) and not REGISTRATION.sub("", f" {text}").strip()


def not_a_name(text: str) -> bool:
    """``NOT_A_NAME``, but a company's name with its legal form may hold a number
    ("99 SPEED MART S/B", "7-Eleven Malaysia Sdn Bhd"), if not a long one."""
    return bool(NOT_A_NAME.search(text)) and not (
        LEGAL_FORM.search(text) and not re.search(r"\d{4,}|www\.|@|\.com\b", text))


def address_line(text: str) -> bool:
    """A line of the shop's address; not a restaurant's table line ("0480 TABLE 101 #Party
    3", its number read as a postcode) nor a line naming staff."""
    if TABLE_LINE.search(text) or PERSON_ON_DUTY.search(text):
        return False
    return bool(ADDRESS.search(text) or postcode(text))


def kind_of_business(lines: list[str]) -> str | None:
    """A line that only names a kind of shop (``| Tankstelle``), as a display word."""
    for text in lines:
        if BUSINESS_WORDS.fullmatch(text.strip(" *-|=_.:")):
            return display_name(text)
    return None


def find_brand(lines: list[str], country: str | None = None) -> str | None:
    """The brand named most often: exactly, one letter off on a header line, or by one of
    its slogans or company names (``ocr.parse.brands.BRAND_ALIASES``)."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for index, text in enumerate(lines):
        if NOT_A_BRAND_LINE.search(text):
            continue
        collapsed = collapse_letter_spacing(text)
        found = [name for slug, name in KNOWN_BRANDS.items()
                 if named(slug, collapsed) and trades_in(name, country)]
        collapsed = collapsed.lower()
        if not found and index < HEADER_LINES:
            found = [name for name in [near_brand(collapsed, country)] if name]
        if not found and index < LOGO_LINES + HEADER_LINES:
            found = [name for name in [near_brand_word(collapsed, country)] if name]
        if not found:
            found = [name for name in [alias_brand(collapsed, country)] if name]
        for name in found:
            counts[name] += 1
            first_seen.setdefault(name, index)
    if not counts:
        return None
    return max(counts, key=lambda name: (counts[name], -first_seen[name]))


def named(slug: str, text: str) -> bool:
    """Whether the line names the brand as a word: as a name is printed (capitalised, in
    capitals, or in lower case as a logo at the start of a line: "real,-", "dm-drogerie
    markt") or in a web or mail address; in lower case within running text it is the word
    ("14 Tage netto", "in real time")."""
    for found in re.finditer(rf"(?<![a-zäöüß]){re.escape(slug)}(?![a-zäöüß])", text,
                             re.IGNORECASE):
        word, before = found.group(0), text[:found.start()]
        if word != word.lower() or not before.strip(" *|-") or \
                before.endswith((".", "@", "/")) or text[found.end():].startswith("."):
            return True
    return False


def confident_words(text: str, confidences: list[float] | None) -> str:
    """The line without words read with little confidence (logo artwork read as letters,
    ``Fi DELPHIN``), except a word between two sure ones: part of the name, read badly
    (``Pasaraya Sri Murni``)."""
    words = text.split()
    if not confidences or len(confidences) != len(words):
        return text
    sure = [c >= MIN_WORD_CONFIDENCE for c in confidences]
    return " ".join(word for i, word in enumerate(words) if sure[i] or (
        0 < i < len(words) - 1 and sure[i - 1] and sure[i + 1]))


def worded_as_sentence(name: str) -> bool:
    """A slogan, not a name: words of a sentence (``Ihr Markt um die Ecke``), or, in a line
    printed in mixed case, two words after the first set in lower case (``Frisch und
    regional``); a name's particles are short (``Pizzeria da Mario``)."""
    lower = [word for word in name.split()[1:] if word[:1].islower() and len(word) >= 3]
    return bool(SLOGAN.search(name)) or len(lower) >= 2


def lost_word(printed: str, kept: str) -> bool:
    """Whether ``confident_words`` left out a word of three letters or more: a word of the
    name read badly, as often as logo artwork."""
    left = set(printed.split()) - set(kept.split())
    return any(sum(ch.isalpha() for ch in word) >= 3 for word in left)


def name_letters(name: str, digits: bool = False) -> str:
    """A name's letters in lower case without accents (``Marché Central`` and ``Marche
    Central`` alike), and its digits where ``digits``: names compared across readings."""
    folded = unicodedata.normalize("NFKD", name.lower())
    kept = r"[^a-z0-9]" if digits else r"[^a-z]"
    return re.sub(kept, "", "".join(c for c in folded if not unicodedata.combining(c)))


def collapse_letter_spacing(text: str) -> str:
    """``"A L D I Süd"`` -> ``"ALDI Süd"``: runs of single letters joined into one word."""
    return re.sub(r"\b(?:\w ){2,}\w\b", lambda m: m.group(0).replace(" ", ""), text)


def display_name(text: str) -> str | None:
    """Clean display form of a header line: stray symbols stripped; a line printed in
    capitals title-cased (legal forms as written: GmbH, LLC, Sdn Bhd), any other as printed."""
    text = collapse_letter_spacing(text).replace("’", "'").replace("`", "'")
    text = re.sub(r"(?<=\S)\+|\+(?=\S)|[^\w&'.\-+/ ]", " ", text)
    # a slash parts words, but in a legal form of two letters ("S/B", "A/S")
    words = [part.strip(".-'+") for w in text.split()
             for part in ([w] if re.fullmatch(r"[^\W\d]/[^\W\d]", w) else w.split("/"))]
    # single marks at the ends are paper and logo noise; inside the name, initials ("B K")
    words = [w for i, w in enumerate(words) if len(w) > 1 or w in "&+" and w
             or (w.isalpha() and 0 < i < len(words) - 1)]
    if not words or sum(len(w) for w in words) < 3:
        return None
    shouting = sum(c.isupper() for c in "".join(words)) >= 0.7 * sum(
        c.isalpha() for c in "".join(words))
    return " ".join(cased(w) if shouting else w for w in words)


LEGAL_SPELLING = {"gmbh": "GmbH", "llc": "LLC", "ltd": "Ltd", "inc": "Inc", "bhd": "Bhd",
                  "sdn": "Sdn", "pty": "Pty", "pte": "Pte", "plc": "PLC", "ag": "AG",
                  "kg": "KG", "sarl": "SARL", "sas": "SAS", "bv": "BV", "co": "Co",
                  "s/b": "S/B", "a/s": "A/S", "pt": "PT", "cv": "CV", "sb": "SB"}


def cased(word: str) -> str:
    """A word printed in capitals as it is written: ``CHRIS'S`` -> ``Chris's``."""
    return LEGAL_SPELLING.get(word.lower(), word[:1].upper() + word[1:].lower())


def letter_share(text: str) -> float:
    letters = sum(c.isalpha() for c in text)
    return letters / max(1, sum(not c.isspace() for c in text))


def mean_word_length(text: str) -> float:
    words = [w for w in text.split() if w != "&"]
    return sum(len(w) for w in words) / max(1, len(words))
