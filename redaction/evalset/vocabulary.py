"""Words the generated receipts are made of: ordinary items (with near misses that must stay)
and sensitive lines per category, German and English. ``{}`` slots are filled at random."""
from __future__ import annotations

ITEMS_DE = [
    "Bio Vollmilch 3,8%", "Kondensmilch 10%", "Kirschen 500g", "Kirsch Joghurt", "Partyschale",
    "Party Snack Mix", "Gruene Bohnen", "Bio Karotten", "Vollkornbrot", "Butter 250g",
    "Gouda jung", "Tempo Taschentuecher", "Dentalux Zahncreme", "Spirelli Nudeln",
    "Corona Extra Bier", "Bananen", "Aepfel Elstar", "Kaffee Crema 1kg", "Mineralwasser 6x1,5",
    "Toilettenpapier", "Spuelmittel", "Hackfleisch gem.", "Haehnchenbrust", "Eier 10er",
    "Tomaten Rispe", "Gurke", "Paprika rot", "Orangensaft", "Schokolade Vollmilch",
    "Chips Paprika", "Unionsbrot", "Kirchberger Kaese", "Tempelhofer Bier", "Magnesium Brause",
    "Vitamin C Tabl.", "Pflastersteine grau", "Grillkohle 3kg", "Katzenfutter", "Bio Tofu",
    "Salami Pizza", "Apfelschorle", "Erdbeeren 500g", "Haferflocken", "Reis Basmati",
    "Duschgel", "Zahnbuerste", "Waschmittel", "Teelichter 50er", "Blumenerde 20l",
]
ITEMS_EN = [
    "Whole Milk 1L", "Condensed Milk", "Cherry Yogurt", "Party Platter", "Party Mix Snacks",
    "Green Beans", "Organic Carrots", "Wholemeal Bread", "Cheddar Cheese", "Bananas",
    "Dental Floss", "Union Sugar 1kg",
    "Orange Juice", "Chocolate Bar", "Potato Chips", "Coffee Beans", "Paper Towels",
    "Dish Soap", "Ground Beef", "Chicken Breast", "Free Range Eggs", "Tomatoes", "Spaghetti",
]
SENSITIVE = {
    "health": [
        "Kondome 12 St", "Schwangerschaftstest", "Blutdruckmessgeraet", "Praxisgebuehr",
        "Corona Schnelltest", "Ovulationstest 5 St", "Fieberthermometer digital",
        "Physiotherapie Rechnung", "Zahnarzt Eigenanteil", "Pregnancy Test", "Condoms 12pk",
        "Blood Pressure Monitor", "Clinic Fee", "Hearing Aid Batteries", "Covid Test Kit",
    ],
    "religion": [
        "Spende Kirchengemeinde", "Kirchenkerze", "Kollekte St. Marien", "Kirchensteuer",
        "Moschee Spende", "Synagoge Beitrag", "Gesangbuch", "Church Donation", "Tithe",
        "Mosque Fund", "Rosary Beads", "Temple Offering",
    ],
    "political": [
        "Spende SPD Ortsverein", "Parteibeitrag", "Wahlkampfspende", "CDU Mitgliedsbeitrag",
        "Campaign Donation", "Political Contribution", "Labour Party Membership",
    ],
    "trade_union": [
        "Gewerkschaftsbeitrag", "ver.di Mitgliedsbeitrag", "IG Metall Beitrag", "Union Dues",
        "Trade Union Fee",
    ],
    "sex_life": [
        "Gleitgel 100ml", "Vibrator", "Erotik Magazin", "Sex Toy", "Personal Lubricant",
    ],
}
PRESCRIPTION_LINES = [
    ("Rezept Nr. {n6}", "prescription"), ("Rx: {n7}", "prescription"),
    ("e-Rezept Zuzahlung", "prescription"), ("Atorvastatin 20mg 30 St", "prescription"),
    ("Ramipril 5 mg N2", "prescription"), ("Metformin 1000 mg", "prescription"),
    ("L-Thyroxin 75 ug", "prescription"), ("Patient: {name}", "prescription"),
    ("Arzt: Dr. med. {last}", "prescription"), ("Prescription no {n6}", "prescription"),
    ("Amoxicillin 500mg", "prescription"), ("Sertralin 50 mg", "prescription"),
]
FIRST = ["Anna", "Jonas", "Lena", "Emily", "Mehmet", "Sophie", "Lukas", "Olivia", "Paul", "Mia"]
LAST = ["Meier", "Schmidt", "Yilmaz", "Clark", "Wagner", "Novak", "Becker", "Evans", "Koch"]
STREETS = ["Lindenweg", "Hauptstrasse", "Am Markt", "Bahnhofstr.", "Rosenallee", "Mill Lane"]
TOWNS = ["33102 Paderborn", "10115 Berlin", "80331 Muenchen", "50667 Koeln", "20095 Hamburg"]
PLATES = ["PB-AB {n3}", "B-KL {n4}", "M-XY {n3}", "HH-Q {n4}", "K-LM {n2}"]
SHOPS_DE = ["EDEKA MARKT", "REWE CITY", "NETTO", "DROGERIE MUELLER", "BIOMARKT SONNE"]
SHOPS_EN = ["TESCO EXPRESS", "CORNER GROCERY", "CORNER STORE", "FRESH MARKET"]
