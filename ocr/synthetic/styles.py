"""How shops in other countries print receipts (synthetic receipts, ``ocr.synthetic.world``).

A ``Style`` holds a country's conventions: currency and how it is shown, decimal comma or
point, day-first or month-first dates, the words for totals, tax, tender and staff, the tax
regimes (tax included in the prices or added below a subtotal, the registration line each
needs), rounding of the total, and what its shops are called (``ocr.synthetic.shops``).
A currency paid in whole units (rupiah) prints no cents: "25.000", "Rp 1.250.000".
The classic locales (``ocr.synthetic.locales.LOCALES``) are untouched: their seeds reproduce.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class TaxRegime:
    name: str  # "GST", "SST", "IVA", ...
    rates: tuple[str, ...]  # percent, one chosen per receipt
    included: bool  # in the item prices (a line shows its share) or added below a subtotal
    ids: tuple[str, ...]  # registration lines: "#" a digit, "@" a capital letter
    labels: tuple[str, ...]  # "{rate}" is the rate as the locale prints it
    split: tuple[str, ...] = ()  # India: the tax printed as halves, "CGST" and "SGST"
    total_words: tuple[str, ...] = ()  # extra total words this regime brings
    base_words: tuple[str, ...] = ()  # the amount before tax, printed beside included tax


@dataclass(frozen=True)
class Style:
    key: str  # name in STYLES
    code: str  # the locale in the ground truth, e.g. "en-MY"
    country: str  # ISO 3166 code
    currency: str  # ISO 4217 code
    symbols: tuple[str, ...]  # how receipts show the currency: "RM", "S$", "₹", "€"
    symbol_after: bool  # "12,50 €" rather than "€ 12,50"
    decimal_comma: bool
    date_formats: tuple[str, ...]  # ``locales.stamp`` patterns, all in the country's order
    time_formats: tuple[str, ...]
    names: str  # which shop names, people and goods (a key of ``shops.LANGUAGES``)
    legal: tuple[str, ...]  # legal-entity suffixes as written (printed in capitals too)
    regimes: tuple[TaxRegime, ...]
    titles: tuple[str, ...]  # greetings and document titles around the header
    subtotal_words: tuple[str, ...]
    total_words: tuple[str, ...]
    cash_words: tuple[str, ...]
    change_words: tuple[str, ...]
    card_words: tuple[str, ...]
    staff_words: tuple[str, ...]  # "Cashier", "Server"
    customer_words: tuple[str, ...]
    number_words: tuple[str, ...]  # receipt or invoice number
    discount_words: tuple[str, ...]
    thanks: tuple[str, ...]
    prices: tuple[int, int] = (50, 2500)  # unit price range in cents
    round_prices: float = 0.0  # share of whole-number prices (rupees)
    price_steps: tuple[int, ...] = ()  # prices a multiple of one of these, in cents (rupiah)
    whole_units: bool = False  # no cents anywhere: thousands grouped, "25.000" (decimal_comma)
    other_grouping: float = 0.0  # share of receipts grouping with the other mark: "25,000"
    legal_first: bool = False  # "PT Sinar Abadi" rather than "Sinar Abadi Sdn Bhd"
    rounding: str = ""  # the step totals are rounded to ("0.05"), or none
    rounding_share: float = 0.0
    rounding_words: tuple[str, ...] = ()
    final_words: tuple[str, ...] = ()  # the rounded total printed under the unrounded one
    service_share: float = 0.0  # restaurants' service charge, 10%
    restaurant: bool = False  # tables, checks, tips and suggested tips (in its eateries)


ENGLISH_TENDER = dict(cash_words=("CASH", "Cash"), change_words=("CHANGE", "Change"))
DAY_FIRST = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %b %Y", "%d-%b-%Y", "%-d/%-m/%Y")
CLOCK_24 = ("%H:%M", "%H:%M:%S")
CLOCK_12 = ("%I:%M %p", "%I:%M%p", "%I:%M:%S %p")

MALAYSIA = Style(
    "en-MY", "en-MY", "MY", "MYR", ("RM",), False, False, DAY_FIRST, CLOCK_24 + CLOCK_12,
    "ms", ("Sdn Bhd", "Sdn. Bhd.", "Enterprise", "Trading"),
    (TaxRegime("GST", ("6",), True, ("GST ID: ############", "GST Reg No: ############",
                                     "GST ID No : ############"),
               ("GST {rate}% Incl.", "GST @{rate}%", "Total GST {rate}%"),
               total_words=("Total (Incl. GST)", "Total Incl. GST"),
               base_words=("Total Excl. GST", "Amount (Excl. GST)")),
     TaxRegime("SST", ("6", "8"), False, ("SST ID: W10-####-########",
                                          "SST Reg No: W10-####-########"),
               ("SST {rate}%", "Service Tax {rate}%", "SST @ {rate}%"))),
    ("Welcome", "TAX INVOICE", "RECEIPT", "Official Receipt", "CASH BILL",
     "Simplified Tax Invoice"),
    ("Sub Total", "SUBTOTAL", "Sub-Total"),
    ("TOTAL", "Total", "Total Amount", "Grand Total", "TOTAL AMOUNT"),
    card_words=("VISA", "MASTER", "Credit Card", "Debit Card", "Touch 'n Go"),
    staff_words=("Cashier", "Cashier Name", "Served by"),
    customer_words=("Customer", "Member", "Name"),
    number_words=("Receipt No", "Inv No", "Bill No", "Doc No", "Invoice No"),
    discount_words=("Discount", "Member Disc", "Promo"),
    thanks=("Thank You, Please Come Again", "Goods sold are not returnable", "Terima Kasih"),
    prices=(100, 4500), rounding="0.05", rounding_share=0.75,
    rounding_words=("Rounding Adj", "Rounding Adjustment", "Rounding"),
    final_words=("Nett Total", "Total Payable", "Net Total", "Amount Payable"),
    service_share=0.25, cash_words=("CASH", "Cash", "TUNAI"),
    change_words=("CHANGE", "Change", "BAKI"),
)

SINGAPORE = Style(
    "en-SG", "en-SG", "SG", "SGD", ("S$", "SGD", "$"), False, False,
    DAY_FIRST + ("%Y-%m-%d",), CLOCK_24 + CLOCK_12,
    "sg", ("Pte Ltd", "Pte. Ltd.", "LLP"),
    (TaxRegime("GST", ("7", "8", "9"), True, ("GST Reg No: M#-#######-#", "GST Reg No: 20#######@",
                                              "UEN: 20#######@"),
               ("GST {rate}% Incl.", "Incl. GST {rate}%", "GST @{rate}%"),
               total_words=("Total (Incl. GST)", "Total Incl. GST")),
     TaxRegime("GST", ("7", "8", "9"), False, ("GST Reg No: M#-#######-#",
                                               "GST Reg No: 20#######@"),
               ("GST {rate}%", "GST @ {rate}%", "{rate}% GST"))),
    ("Welcome", "TAX INVOICE", "RECEIPT", "Simplified Tax Invoice"),
    ("Sub Total", "SUBTOTAL", "Subtotal"),
    ("TOTAL", "Total", "Grand Total", "Total Amount"),
    card_words=("NETS", "VISA", "MASTER", "PayNow"),
    staff_words=("Cashier", "Served by", "Staff"), customer_words=("Customer", "Member"),
    number_words=("Receipt No", "Bill No", "Inv No", "Trans No"),
    discount_words=("Discount", "Member Disc"),
    thanks=("Thank You! See You Again", "Thank you for shopping with us"),
    prices=(80, 3500), rounding="0.05", rounding_share=0.3,
    rounding_words=("Rounding Adj", "Rounding"), final_words=("Nett Total", "Total Payable"),
    service_share=0.3, **ENGLISH_TENDER,
)

AUSTRALIA = Style(
    "en-AU", "en-AU", "AU", "AUD", ("$", "AUD", "A$"), False, False, DAY_FIRST, CLOCK_24 + CLOCK_12,
    "au", ("Pty Ltd", "Pty. Ltd."),
    (TaxRegime("GST", ("10",), True, ("ABN ## ### ### ###", "ABN: ## ### ### ###",
                                      "A.B.N. ###########"),
               ("GST Included", "Total includes GST", "GST", "Incl. GST {rate}%"),
               total_words=("Total (inc GST)", "TOTAL INC GST")),),
    ("TAX INVOICE", "Tax Invoice", "Welcome", "RECEIPT"),
    ("Subtotal", "SUBTOTAL", "Sub Total"),
    ("TOTAL", "Total", "Total AUD", "Amount Due"),
    card_words=("EFTPOS", "VISA", "MASTERCARD", "Credit"),
    staff_words=("Operator", "Served by", "Cashier"), customer_words=("Customer", "Member"),
    number_words=("Receipt", "Invoice", "Trans"),
    discount_words=("Discount", "Member Saving"),
    thanks=("Thank you for shopping with us", "Cheers!", "See you next time"),
    prices=(100, 3000), rounding="0.05", rounding_share=0.3,
    rounding_words=("Rounding", "Cash Rounding"), final_words=("Amount Paid", "Total Paid"),
    **ENGLISH_TENDER,
)

INDIA = Style(
    "en-IN", "en-IN", "IN", "INR", ("Rs", "Rs.", "₹", "INR"), False, False,
    ("%d/%m/%Y", "%d-%m-%Y", "%d-%b-%Y", "%d.%m.%Y", "%d/%m/%y", "%d-%b-%y"), CLOCK_24 + CLOCK_12,
    "in", ("Pvt Ltd", "Pvt. Ltd.", "Private Limited", "& Sons", "Enterprises"),
    (TaxRegime("GST", ("5", "12", "18"), False, ("GSTIN: ##@@@@@####@#Z#",
                                                 "GSTIN : ##@@@@@####@#Z#",
                                                 "GST No: ##@@@@@####@#Z#"),
               ("{half} {rate}%", "{half} @ {rate}%", "{half} ({rate}%)"),
               split=("CGST", "SGST")),),
    ("TAX INVOICE", "Bill of Supply", "CASH MEMO", "Welcome", "RETAIL INVOICE"),
    ("Sub Total", "Subtotal", "Gross Amount", "Total Value"),
    ("Grand Total", "Net Amount", "Total Amount", "TOTAL", "Net Payable"),
    card_words=("UPI", "Card", "Paytm", "GPay"),
    staff_words=("Cashier", "Steward", "Captain", "Billed by"),
    customer_words=("Customer", "Name", "Guest"),
    number_words=("Bill No", "Invoice No", "KOT No", "Bill#"),
    discount_words=("Discount", "Disc"),
    thanks=("Thank You! Visit Again", "Have a nice day"),
    prices=(2000, 65000), round_prices=0.7, rounding="1", rounding_share=0.6,
    rounding_words=("Round Off", "Rounded Off", "R/O"), service_share=0.2, **ENGLISH_TENDER,
)

US_RESTAURANT = Style(
    "en-US-restaurant", "en-US", "US", "USD", ("$",), False, False,
    ("%m/%d/%y", "%m/%d/%Y", "%-m/%-d/%Y", "%b%d'%y", "%d-%b-%Y", "%b %d, %Y", "%a %m/%d/%Y"),
    CLOCK_12 + ("%I:%M:%S%p", "%H:%M"),
    "us", ("LLC", "Inc.", "Inc", "Corp."),
    (TaxRegime("Tax", ("6.25", "7", "7.75", "8.25", "8.875", "9.5"), False, (),
               ("Tax", "Sales Tax", "TAX", "Tax {rate}%", "State Tax")),),
    ("Welcome", "RECEIPT", "Guest Check", "DINE IN", "TAKE OUT"),
    ("Sub Total", "Subtotal", "SUBTOTAL", "Food Total"),
    ("Total", "TOTAL", "Amount Due", "Balance Due", "TOTAL DUE", "Total Due"),
    card_words=("VISA", "MASTERCARD", "AMEX", "Credit Card", "DISCOVER"),
    staff_words=("Server", "Cashier", "Your server was", "Bartender"),
    customer_words=("Guest", "Customer", "Name"),
    number_words=("Check #", "Order #", "Chk", "Ticket #"),
    discount_words=("Discount", "Happy Hour", "Coupon"),
    thanks=("Thank you for dining with us!", "THANK YOU FOR VISITING", "Please come again"),
    prices=(199, 3495), restaurant=True, **ENGLISH_TENDER,
)

SPAIN = Style(
    "es", "es", "ES", "EUR", ("€", "EUR"), True, True,
    ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"), CLOCK_24,
    "es", ("S.L.", "S.A.", "S.L.U.", "SL"),
    (TaxRegime("IVA", ("10", "21"), True, ("NIF: @########", "CIF: @-########", "C.I.F. @########",
                                           "N.I.F. @########"),
               ("IVA {rate}%", "I.V.A. {rate}%", "Cuota IVA {rate}%"),
               total_words=("TOTAL (IVA incl.)",), base_words=("Base imponible", "BASE IMP.")),),
    ("Bienvenidos", "FACTURA SIMPLIFICADA", "TICKET", "Factura simplificada"),
    ("SUBTOTAL", "Subtotal"),
    ("TOTAL", "TOTAL EUROS", "Total", "TOTAL A PAGAR", "IMPORTE"),
    cash_words=("EFECTIVO", "Efectivo", "ENTREGADO"),
    change_words=("CAMBIO", "Cambio", "DEVOLUCIÓN"),
    card_words=("TARJETA", "Tarjeta", "VISA"),
    staff_words=("Le atendió", "Cajero", "Camarero", "Atendido por"),
    customer_words=("Cliente",), number_words=("Factura", "Ticket", "Nº Factura", "Num."),
    discount_words=("Descuento", "Dto.", "Promoción"),
    thanks=("Gracias por su visita", "GRACIAS Y HASTA PRONTO", "IVA INCLUIDO"),
    prices=(50, 1800),
)

ITALY = Style(
    "it", "it", "IT", "EUR", ("€", "EURO", "EUR"), True, True,
    ("%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%Y"), CLOCK_24,
    "it", ("S.r.l.", "S.p.A.", "S.n.c.", "S.a.s."),
    (TaxRegime("IVA", ("10", "22"), True, ("P.IVA ###########", "P. IVA IT###########",
                                           "C.F. e P.IVA ###########", "Partita IVA ###########"),
               ("di cui IVA", "di cui IVA {rate}%", "IVA {rate}%"),
               total_words=("TOTALE COMPLESSIVO",), base_words=("Imponibile", "IMPONIBILE")),),
    ("Benvenuti", "DOCUMENTO COMMERCIALE", "di vendita o prestazione", "SCONTRINO"),
    ("SUBTOTALE", "Subtotale"),
    ("TOTALE", "TOTALE EURO", "Totale", "TOTALE COMPLESSIVO", "IMPORTO PAGATO"),
    cash_words=("CONTANTI", "Contanti", "PAGAMENTO CONTANTE"), change_words=("RESTO", "Resto"),
    card_words=("BANCOMAT", "CARTA", "Pagamento elettronico"),
    staff_words=("Operatore", "Cassiere", "Cassa"), customer_words=("Cliente",),
    number_words=("DOC. N.", "Documento N.", "Scontrino N."),
    discount_words=("Sconto", "SCONTO"), thanks=("Grazie e arrivederci", "GRAZIE PER LA VISITA"),
    prices=(60, 1600),
)

NETHERLANDS = Style(
    "nl", "nl", "NL", "EUR", ("€", "EUR"), False, True,
    ("%d-%m-%Y", "%d-%m-%y", "%d/%m/%Y", "%d.%m.%Y"), CLOCK_24,
    "nl", ("B.V.", "BV", "V.O.F.", "N.V."),
    (TaxRegime("BTW", ("9", "21"), True, ("BTW NL#########B0#", "BTW-nr: NL#########B##",
                                          "KvK ########", "BTW nr. NL#########B01"),
               ("BTW {rate}%", "BTW hoog {rate}%", "BTW laag {rate}%", "Btw {rate}%"),
               base_words=("Excl. BTW", "Netto", "Bedrag excl.")),),
    ("Welkom", "KASSABON", "Bon", "Welkom bij"),
    ("SUBTOTAAL", "Subtotaal"),
    ("TOTAAL", "Totaal", "TE BETALEN", "Te betalen", "TOTAAL EUR"),
    cash_words=("CONTANT", "Contant"), change_words=("WISSELGELD", "Terug", "Retour"),
    card_words=("PIN", "PINNEN", "Maestro", "V PAY", "Contactloos"),
    staff_words=("Medewerker", "U werd geholpen door", "Kassa"), customer_words=("Klant",),
    number_words=("Bonnr", "Bon nr.", "Transactie"),
    discount_words=("Korting", "Actie", "Bonus"), thanks=("Bedankt en tot ziens!", "Dank u wel"),
    prices=(50, 1600),
)

FRANCE = Style(
    "fr-shop", "fr", "FR", "EUR", ("€", "EUR"), True, True,
    ("%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y"), CLOCK_24 + ("%Hh%M",),
    "fr", ("SARL", "S.A.R.L.", "SAS", "EURL", "SA"),
    (TaxRegime("TVA", ("5.5", "10", "20"), True,
               ("SIRET ### ### ### #####", "SIRET: ##############", "TVA FR###########",
                "N° TVA intra: FR## #########"),
               ("TVA {rate}%", "dont TVA {rate}%", "TVA {rate} %"),
               total_words=("TOTAL TTC", "Total TTC"), base_words=("TOTAL HT", "Total HT", "HT")),),
    ("Bienvenue", "TICKET DE CAISSE", "FACTURE", "Ticket"),
    ("SOUS-TOTAL", "Sous-total"),
    ("TOTAL", "NET A PAYER", "Total", "A PAYER", "MONTANT"),
    cash_words=("ESPECES", "Espèces"), change_words=("RENDU", "Rendu monnaie", "A RENDRE"),
    card_words=("CB", "CARTE BANCAIRE", "Carte bleue", "CB SANS CONTACT"),
    staff_words=("Caissier", "Vendeur", "Vous avez été servi par", "Hôtesse"),
    customer_words=("Client",), number_words=("Ticket N°", "Facture N°", "N° ticket"),
    discount_words=("Remise", "Réduction"), thanks=("Merci de votre visite", "A bientôt !"),
    prices=(50, 1800),
)

INDONESIA = Style(
    "id", "id-ID", "ID", "IDR", ("Rp", "Rp.", "IDR"), False, True,
    ("%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%y"), CLOCK_24,
    "id", ("PT", "CV", "PT."),
    (TaxRegime("PPN", ("11",), False, ("NPWP: ##.###.###.#-###.###", "NPWP ##.###.###.#-###.###"),
               ("PPN {rate}%", "PPN", "Pajak PPN {rate}%")),
     TaxRegime("PB1", ("10",), False, ("NPWP: ##.###.###.#-###.###", "NOPD: ########"),
               ("PB1 {rate}%", "PB1", "Pajak Resto {rate}%", "Tax {rate}%")),
     TaxRegime("PPN", ("11",), True, ("NPWP: ##.###.###.#-###.###",),
               ("PPN", "PPN {rate}%", "Termasuk PPN {rate}%"), base_words=("DPP", "Harga Jual"))),
    ("Selamat Datang", "STRUK BELANJA", "NOTA", "Struk Pembayaran", "BUKTI PEMBAYARAN"),
    ("Subtotal", "SUB TOTAL", "Sub Total", "SUBTOTAL"),
    ("TOTAL", "Total", "Total Belanja", "TOTAL BAYAR", "Grand Total"),
    cash_words=("TUNAI", "Tunai", "CASH"), change_words=("KEMBALI", "Kembali", "Kembalian"),
    card_words=("DEBIT BCA", "KARTU DEBIT", "QRIS", "Kartu Kredit", "GoPay"),
    staff_words=("Kasir", "KASIR", "Pelayan"), customer_words=("Pelanggan", "Member", "Nama"),
    number_words=("No. Struk", "No. Nota", "No Transaksi", "No. Bon"),
    discount_words=("Diskon", "DISKON", "Potongan"),
    thanks=("Terima Kasih", "TERIMA KASIH ATAS KUNJUNGAN ANDA", "Terima kasih, selamat belanja kembali",
            "Barang yang sudah dibeli tidak dapat ditukar"),
    prices=(200_000, 15_000_000), price_steps=(50_000, 50_000, 50_000, 10_000), whole_units=True,
    other_grouping=0.3, legal_first=True, service_share=0.15,
)

WORLD = (MALAYSIA, SINGAPORE, AUSTRALIA, INDIA, US_RESTAURANT, SPAIN, ITALY, NETHERLANDS, FRANCE)
STYLES = {style.key: style for style in WORLD + (INDONESIA,)}
GROUPS = {
    "world": tuple(style.key for style in WORLD),  # as before Indonesia: their seeds reproduce
    "english": ("en-MY", "en-SG", "en-AU", "en-IN", "en-US-restaurant"),
    "asia": ("en-MY", "en-SG", "en-IN"),
    "europe": ("es", "it", "nl", "fr-shop"),
    "whole-units": ("id",),  # currencies without cents in practice
}


def resolve(locales: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Style keys from a group name ("world"), a style key, or several of either."""
    names = [locales] if isinstance(locales, str) else list(locales)
    keys = tuple(key for name in names for key in GROUPS.get(name, (name,)))
    unknown = [key for key in keys if key not in STYLES]
    if unknown or not keys:
        raise ValueError(f"unknown synthetic locales {unknown or locales!r}: "
                         f"use {sorted(GROUPS)} or {sorted(STYLES)}")
    return keys


def rate_text(rate: str, style: Style) -> str:
    """"5.5" -> "5,5" with a decimal comma; "8.0" stays as written."""
    return rate.replace(".", ",") if style.decimal_comma else rate


def percent(rate: str) -> Decimal:
    return Decimal(rate) / 100
