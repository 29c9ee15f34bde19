"""English: UK, US, Ireland, Australia, New Zealand, Singapore, Malaysia, India, Canada."""
WORDS = {
    # TOTAL read T0TAL, TOTL, Tota; "2Total": a count glued on
    "total": [r"(?<![a-z])tota[l1i]", r"\bt0ta[l1i]", r"\btot[al]\b",
              r"amount\s?due", r"\bamt\s?due", r"balance\s?due", r"\bdue\b(?!\s*date)",
              r"amount\s?payable", r"\bpay\s?amount", r"amount\s?to\s?pay", r"\bsum\b", r"\bnett?\s?am(?:oun)?t\b", r"\bnet\s?payable\b",
              r"\bgrand\b", r"\b(?:grand|fuel|order|bill|sales?)tota[l1]\b"],  # "GRANDTOTAL"
    # a total without its tax: "TOTAL EXCL 28.11", "TOTAL SALES (EXCLUDING GST)" (not a tax
    # table's net row under the total: "Excl. BTW 33,60"); "Sub-Tota": its last letter lost
    "subtotal": [r"sub\s?-?\s?tota(?:[l1]|\b)", r"\bsub\s?tt?l\b",
                 r"\btota[l1]\b.{0,20}\bexcl"],
    "tax": [r"\bvat(?![a-z])", r"\btax(?:es)?(?![a-z])", r"\b[gshp]st(?![a-z])", r"\b[csi][g6]st",
            r"\b6st(?=\s?(?:@|\d{1,2}(?:[.,]\d+)?\s?%))"],  # GST read 6ST: with its rate
    "tax_included": [r"\bincl", r"\binc\b", r"including", r"inclusive"],
    "tip": [r"\btips?\b", r"gratuit", r"\bgrat\b", r"suggest"],
    "suggested": [r"suggest", r"recommended"],
    "service": [r"service", r"\bsvc\b", r"\bserv\b", r"\bsrv\b", r"\bsvr\b"],  # "SRV CHG"
    "rounding": [r"round", r"\br/o\b", r"\brnd\b"],  # India: "Round Off", "R/O"; "RND ADJ"
    "cash": [r"\bcash\b", r"tendered"],
    "change": [r"\bchange\b"],
    "card": [r"\bcard\b", r"visa", r"mastercard", r"maestro", r"amex", r"debit", r"credit",
             r"eftpos", r"interac", r"\bupi\b", r"\bnets\b"],
    "payment": [r"payment", r"tender", r"\bpaid\b"],
    # what a card slip calls the amount charged ("Amount: $14.00", "SALE $12.50")
    "slip_amount": [r"amount", r"\bamt\b", r"purchase", r"\bsale\b"],
    "net_gross": [r"\bnet\b", r"\bgross\b"],
    "unit_price": [r"unit price", r"price each"],
    # what the shop says was saved ("TOTAL SAVINGS 9.96", "You saved", "Club Card Savings")
    "savings": [r"sav(?:ed|ings)", r"\byou\s?save"],
    "discount": [r"discount", r"\boff\b", r"coupon"],
    "item_count": [r"items?\s+sold", r"number of items"],
    "date_cue": ["date"],
    "other_date": [r"valid", r"until", r"expir", r"\bexp\b", r"best before", r"return",
                   r"birth", r"since"],
    "role": [r"cashier", r"server", r"waiter", r"waitress", r"host", r"clerk", r"operator",
             r"staff", r"served by", r"attendant", r"table", r"tbl", r"guests?", r"covers",
             r"order", r"check", r"chk", r"station", r"terminal", r"register", r"reg",
             r"trans\w*", r"customer", r"member", r"name", r"cust", r"acct", r"account",
             r"no\.?", r"date", r"time", r"doc", r"dine[\s-]?in", r"take[\s-]?out",
             r"to[\s-]go", r"carry[\s-]?out", r"pick[\s-]?up", r"delivery", r"drive[\s-]?thru"],
    "title": [r"ticket", r"receipt", r"invoice", r"bill", r"reprint", r"tax invoice",
              r"simplified", r"cash sale", r"sales", r"official", r"copy", r"customer copy",
              r"merchant copy", r"duplicate", r"shop", r"store",
              r"cash\s+(?:bill|memo|sale|receipt)", r"bill of supply", r"estimate",
              r"quotation"],
    # an invoice's labels over its customer's address: "Bill To: Ship To:", "Billing Address"
    "address_label": [r"(?:billing|shipping|delivery|invoice)\s?address",
                      r"(?:bill|ship|sold|invoice)\s?to\b"],
    "document": [r"invoice", r"receipt", r"bill", r"memo"],
    "greeting": [r"welcome", r"thank", r"thanks", r"visit"],
    "header_detail": [r"\btel\b", r"\bfon\b", r"phone", r"fax", r"total", r"\bhours\b"],
    "welcome": [r"welcome"],
    "welcome_to": [r"to", r"at", r"in"],
    "business": [r"pharmacy", r"bakery", r"café", r"cafe", r"restaurant", r"supermarket",
                 r"grocer", r"kiosk"],
    # a supplier's legal identity, as an invoice states it: "Registered office", "Company
    # No", "VAT No", India's "CIN" and "GSTIN"
    "legal_mention": [r"reg(?:istere)?d\.?\s?office", r"company\s?(?:no|number|reg)",
                      r"\bvat\s?(?:no|number|reg)", r"registered\s?in\s?(?:england|wales|scotland)",
                      r"\bcin\b", r"\bgstin\b"],
    "months": ["january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december"],
    "street": [r"street", r"\broad\b", r"\bave(?:nue)?\b", r"\bblvd\b", r"boulevard",
               r"\bhwy\b", r"highway", r"\bsuite\b", r"\b(?:st|rd|dr|ln|blk|pkwy|tpke)\b",
               r"\bdrive\b", r"\blane\b", r"parkway", r"turnpike",
               r"\bfl(?:oo)?r\b", r"\blot\b"],  # "3RD FLR", "GROUND FLOOR", "LOT 1626"
    # the item table's column headings ("DESCRIPTION QTY PRICE AMOUNT", "ITEM QTY U/P")
    "column": [r"\bq(?:uanti)?ty\b", r"\bqnty\b", r"\bprice\b", r"\bamount\b", r"\bamt\b",
               r"\bitems?\b", r"\bdesc(?:ription)?\b", r"\bdisc\b", r"\bu/p\b"],
}
