import pytest

from ocr.parse.merchant import display_name, find_merchant


@pytest.mark.parametrize("lines, expected", [
    (["A L D I", "Pohlweg 110", "33100 Paderborn"], "Aldi"),
    (["Pohlweg 110", "www.lidl.de"], "Lidl"),
    (["** BIOMARKT SONNE **", "Hauptstraße 5", "12345 Berlin"], "Biomarkt Sonne"),
    (["Tel. 030 1234567", "Café Sonne & Söhne", "Markt 3"], "Café Sonne & Söhne"),
    (["Hauptstr. 5", "10115 Berlin"], None),
    (["MWST Netto Brutto", "Netto 12,00"], None),
    # a slogan or company name stands in for a logo
    (["Respekt, wer's selber macht.", "Grüner Weg 41"], "Toom"),
    (["Hauptstr. 5", "Aldi GmbH & Co. KG, Schloß Holte"], "Aldi"),
    (["Mein Drogeriemarkt", "Westernstr. 29"], "Rossmann"),
    (["AaLaDI llonog-", "Pohlweg 110", "A1di GmbH & Co.KG, SchloB Ho1te"], "Aldi"),
    # a long brand one letter off among other words, under lines of logo artwork
    (["a ah", "_ Elite]", "= il in", "_ rm [U", "x", "y", "z", "w", "Mirktkauf Lahr"],
     "Marktkauf"),
    (["| Kauf land", "Bentelerstraße 4"], "Kaufland"),
    # a percent sign among the stars of a logo line is no tax rate
    (["*%* REWE x%*", "450 Main Street"], "Rewe"),
    (["Vollmilch 3,5% 1,19", "REWE 19% MwSt"], None),
    # a name guessed from the header, and the kind of shop printed on its own line
    (["Auto Spreves GmbH", "Friedrichshagener Straße 4", "12555 Berlin", "| Tankstelle"],
     "Auto Spreves GmbH Tankstelle"),
    (["Auto Meier", "Bahnhofstraße 2", "Tankstelle Nr. 12"], "Auto Meier"),
    # a curly apostrophe is an apostrophe; a store number, also misread, is not the name
    (["BIG JO’S", "1955 BROADWAY", "SANTA MONICA, CA 90404"], "Big Jo's"),
    (["CHURCH’S CHICKEN 84717)", "7635 WINNETKA", "CANOGA PARK CA 91303"], "Church's Chicken"),
    # a town and state, the comma or the ZIP code misread, is no name
    (["CANOGA PARK CA 818", "Fries 2.99"], None),
    # no name printed in letters: the one the web address spells, read with spaces
    (["255-41 Jericho Turnpike", "Floral Park, NY 11001", "www .nancysrestaurant .net"],
     "Nancys Restaurant"),
    (["Hauptstr. 5", "www.baeckerei-kruste.de"], "Baeckerei Kruste"),
    # a company's registration number after its name or under it is not the name's
    (["SINAR JAYA TRADING SDN BHD (774411-K)", "3RD FLR", "JLN MAJU", "CHERAS"],
     "Sinar Jaya Trading Sdn Bhd"),
    (["KEDAI BUKU HENG", "(004411-W)", "NO 12", "AMPANG"], "Kedai Buku Heng"),
    # a name printed over two lines: ending on "&" or an open bracket, or finished below by
    # its legal form
    (["HUAT HARDWARE &", "ELECTRICAL", "NO.113G", "BANDAR BARU"], "Huat Hardware & Electrical"),
    (["AIK LEONG HARDWARE", "ENTERPRISE (SRI", "MUDA) SDN BHD", "812211-X", "NO. 17-G"],
     "Aik Leong Hardware Enterprise Sri Muda Sdn Bhd"),
    (["TIAN LOTUS VEGETARIAN", "RESTAURANT SDN BHD", "(1099111-X)", "TAMAN SEA"],
     "Tian Lotus Vegetarian Restaurant Sdn Bhd"),
    (["SHELL HENG SERVICE STATION", "COMPANY NO :256611-W", "LOT 261 BANDAR"],
     "Shell Heng Service Station"),
    (["THE GREEN BEAN", "& TEA HOUSE (M) SDN. BHD.", "COMPANY NO.:441111-H", "LOT F36"],
     "The Green Bean & Tea House M Sdn Bhd"),  # a line opening with "&" goes on with it
    (["KING'S BAKERY S/B 271100-U (KJ1)", "NO. 20-A1", "PETALING JAYA"],
     "King's Bakery S/B"),  # a branch's code after the registration number
    # a name with its legal form is whole: the operator under it is not its part
    (["PETRON BKT MAJU SB", "ALSERI ENTERPRISE", "TEL: 03-6156 8757"], "Petron Bkt Maju SB"),
    # a company's name may hold a short number with its legal form
    (["88 QUICK MART S/B (511111-X)", "LOT P.T. 31198", "JALAN KAPAR"], "88 Quick Mart S/B"),
    # the item table's headings end the header
    (["NO. 9-G", "TAMAN SUBANG", "DESCRIPTION QTY PRICE AMOUNT", "TEA 1 2.00 2.00"], None),
    # a name after "formerly known as" is the old one
    (["SINAR ALAF RESTAURANTS SDN BHD", "(61111-M)", "FORMERLY KNOWN AS",
      "GOLDEN CUP RESTAURANTS SDN BHD", "LEVEL 6"], "Sinar Alaf Restaurants Sdn Bhd"),
    # a word is no British postcode with its digits misread as letters
    (["TEO SENG STATIONERY & BOOKS", "(001411637-M)", "NO. 53", "SELANGOR DARUL EHSAN"],
     "Teo Seng Stationery & Books"),
])
def test_find_merchant(lines, expected):
    assert find_merchant(lines)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("~~ BÄCKEREI  KRUSTE ~~", "Bäckerei Kruste"),
    ("|| Corner Shop |", "Corner Shop"),
    ("-- ;", None),
])
def test_display_name(text, expected):
    assert display_name(text) == expected


@pytest.mark.parametrize("lines, confidences, sure", [
    # a clean name over the shop's address reads as a letterhead: no review for the name
    (["QUICK STOP", "Lindenallee 23", "10115 Berlin"], [[0.9, 0.96], [0.9, 0.9], [0.9, 0.9]],
     True),
    (["Corner Shop", "450 Main Street", "Springfield, IL 62701"], [[0.96, 0.96], [0.9] * 3,
                                                                    [0.9] * 3], True),
    # the ZIP code glued to the state, as RapidOCR reads it without spaces
    (["RINCON MEXICANO", "99BROADWAY", "SOMERVILLE,MA02145"], [[0.95, 0.95], [0.9], [0.9]],
     True),
    # unsure words (logo artwork), or no address under the name: the name goes to review
    (["Hermann Michael Dirkei", "Detmolder Str. 112"], [[0.89, 0.91, 0.42], [0.6, 0.5, 0.9]],
     False),
    (["QUICK STOP", "Pasta 8.72", "Butter 0.97"], [[0.9, 0.96], [0.9, 0.9], [0.9, 0.9]], False),
    (["QUICK STOP", "Lindenallee 23"], None, False),
    # stars around the name are decoration, read unsure or not: the name's words decide
    (["** QUICK STOP **", "12 High Street"], [[0.12, 0.92, 0.92, 0.92], [0.9] * 3], True),
    (["*»* HOFLADEN LINDENHOF **", "Lindenallee 23"], [[0.0, 0.92, 0.92, 0.9], [0.9] * 2],
     True),
    (["** QUICK STOP **", "12 High Street"], [[0.9, 0.57, 0.96, 0.9], [0.9] * 3], False),
    (["** **", "12 High Street"], [[0.9, 0.9], [0.9] * 3], False),
    # a known brand between stars and percent signs of a logo line
    (["*%* REWE x%*", "450 Main Street"], None, True),
])
def test_merchant_confidence_of_a_letterhead(lines, confidences, sure):
    assert (find_merchant(lines, confidences)[1] >= 0.6) is sure


@pytest.mark.parametrize("lines", [
    ["BHP PETROL KOTA", "LOT 1626", "TUMPAT"],
    ["BHP PETROL KOTA", "3RD FLR", "JLN JEJAKA"],
    ["BHP PETROL KOTA", "NO. 9-G", "JLN JEJAKA"],
])
def test_a_lot_a_floor_or_a_house_number_printed_large_is_the_address(lines):
    assert find_merchant(lines, heights=[40, 60, 38])[0] == "Bhp Petrol Kota"


def test_a_name_ends_on_and_only_as_printed():
    """The word after "&" read too badly to keep does not make the next line the name's."""
    lines = ["HOLLYWOOD CAFE & sport", "AM Dining", "Date: 09/08/2017"]
    confidences = [[0.94, 0.9, 0.89, 0.36], [0.92, 0.92], [0.8, 0.8]]
    assert find_merchant(lines, confidences)[0] == "Hollywood Cafe &"
