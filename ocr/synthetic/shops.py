"""Invented shops for synthetic receipts: a name (no chains), an address, a phone number,
the people at the till, and the goods they sell, per country (``Style.names``).

    shop = invent_shop(rng, "ms")   # Shop("Kedai Runcit Ah Seng", eatery=False, goods=(...))
"""
from __future__ import annotations

import random as random_module
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    kinds: tuple[tuple[str, bool], ...]  # name patterns and whether they serve meals
    owners: tuple[str, ...]  # fill "{owner}": family names, places, fancy words
    places: tuple[str, ...]  # fill "{place}"
    streets: tuple[str, ...]  # "#" a digit
    towns: tuple[str, ...]
    phones: tuple[str, ...]
    people: tuple[str, ...]  # cashiers, servers and customers
    meals: tuple[str, ...]
    goods: tuple[str, ...]


@dataclass(frozen=True)
class Shop:
    name: str
    eatery: bool
    goods: tuple[str, ...]


ENGLISH_GOODS = ("Dog Food 2kg", "Cat Litter", "Bird Seed", "Chew Toy", "Hammer", "Wood Screws",
                 "Paint Brush", "Light Bulb", "Extension Cord", "Batteries AA", "Notebook A5",
                 "Gel Pen", "Greeting Card", "Potting Mix", "Garden Gloves", "Bread", "Milk 1L",
                 "Eggs 12pk", "Butter", "Cheddar Cheese", "Apples", "Bananas", "Coffee Beans",
                 "Shampoo", "Toothpaste", "Paracetamol", "Plasters", "Sunscreen SPF50")
WESTERN_MEALS = ("Coffee", "Latte", "Cappuccino", "Iced Tea", "Coke", "Diet Coke", "Lemonade",
                 "Caesar Salad", "Cheeseburger", "Chicken Parmesan", "Fish & Chips",
                 "Club Sandwich", "Grilled Salmon", "French Fries", "Onion Rings", "Chicken Wings",
                 "Pancakes", "Eggs Benedict", "Margherita Pizza", "Spaghetti Bolognese", "Ribeye Steak",
                 "Chocolate Cake", "Cheesecake", "House Wine", "Draft Beer", "Soup of the Day")

LANGUAGES = {
    "ms": Language(
        kinds=(("Kedai Runcit {owner}", False), ("Restoran {owner}", True),
               ("Kedai Ubat {owner}", False), ("{owner} Hardware", False),
               ("Pasaraya {owner}", False), ("Kedai Kopi {owner}", True), ("{owner} Bakery", False),
               ("Syarikat {owner}", False), ("{owner} Pet Shop", False)),
        owners=("Ah Seng", "Sin Hup Lee", "Hock Seng", "Pelita", "Ali Maju", "Kim Hin", "Sri Murni",
                "Yong Tai", "Seri Mewah", "Chop Guan Huat", "Nasi Kandar Kassim", "Hup Heng"),
        places=("Taman Jaya", "Bukit Bintang", "Seri Kembangan", "Puchong"),
        streets=("No. ##, Jalan SS 2/##", "Lot ##, Jalan Bukit Bintang", "##, Jalan Tun Razak",
                 "No. #, Jalan Puteri 1/#", "G-##, Jalan Kenari #"),
        towns=("47300 Petaling Jaya, Selangor", "50200 Kuala Lumpur", "81200 Johor Bahru, Johor",
               "10450 Georgetown, Pulau Pinang", "43300 Seri Kembangan, Selangor"),
        phones=("Tel: 03-#### ####", "Tel : 012-### ####", "TEL: 07-### ####", "Fax: 03-#### ####"),
        people=("Tan Woon Yann", "Nur Aisyah", "Siti Aminah", "Lim Mei Ling", "Muhammad Hafiz",
                "Rajesh Kumar", "Wong Kah Wai", "Nurul Izzah", "Chong Wei Jie", "Farah Hanim"),
        meals=("Nasi Lemak", "Teh Tarik", "Roti Canai", "Mee Goreng", "Milo Ais", "Kopi O",
               "Char Kuey Teow", "Nasi Goreng Kampung", "Ayam Goreng", "Teh O Ais Limau",
               "Roti Telur", "Laksa", "Wantan Mee", "Sirap Bandung"),
        goods=("Beras 5kg", "Gula 1kg", "Minyak Masak 2kg", "Milo 1kg", "Roti Gardenia",
               "Telur Gred A", "Susu Pekat", "Maggi Kari 5s", "Sabun Dettol", "Ubat Gigi",
               "Panadol", "Paku 2\"", "Cat Putih 1L", "Mentol LED",
               "Makanan Kucing") + ENGLISH_GOODS[:8],
    ),
    "sg": Language(
        kinds=(("{owner} Eating House", True), ("{owner} Coffeeshop", True),
               ("{owner} Minimart", False), ("{owner} Provision Shop", False),
               ("{place} Bakery", False), ("{owner} Hardware", False),
               ("{place} Pet Supplies", False), ("{owner} Medical Hall", False)),
        owners=("Ah Hock", "Tian Tian", "Kim Seng", "Hup Lee", "Joo Chiat", "Soon Huat",
                "Lau Pa Sat", "Kheng Fatt", "Guan Hoe"),
        places=("Tiong Bahru", "Katong", "Bukit Timah", "Toa Payoh", "Jurong East", "Serangoon"),
        streets=("Blk ### Toa Payoh Lor #", "### Orchard Road #0#-##", "Blk ## Jurong East St ##",
                 "## Joo Chiat Place"),
        towns=("Singapore ######", "SINGAPORE ######"),
        phones=("Tel: 6### ####", "Tel: +65 6### ####", "Hotline: 6### ####"),
        people=("Tan Wei Ming", "Chloe Lim", "Muhammad Irfan", "Priya Nair", "Goh Jia Hui",
                "Ong Kai Xiang", "Nur Syafiqah"),
        meals=("Chicken Rice", "Kopi O", "Teh C", "Laksa", "Char Kway Teow", "Bak Chor Mee",
               "Kaya Toast Set", "Fish Soup", "Iced Milo", "Barley Water", "Nasi Padang",
               "Roti Prata"),
        goods=("Jasmine Rice 5kg", "Fresh Milk 1L", "Kaya Spread", "Instant Noodles 5s", "Eggs 10s",
               "Dish Soap", "Tissue Box", "Bread Loaf") + ENGLISH_GOODS[:10],
    ),
    "au": Language(
        kinds=(("{place} Pet Supplies", False), ("{place} Hardware", False),
               ("{owner}'s Bakery", False), ("{place} Pharmacy", False), ("{place} Cafe", True),
               ("{owner}'s Butchery", False), ("{place} Newsagency", False),
               ("{place} Bottle Shop", False), ("The {owner} Espresso Bar", True)),
        owners=("Murphy", "Kelly", "Nguyen", "Smith", "O'Brien", "Papadopoulos", "Wilson", "Rossi"),
        places=("Cedar Valley", "Bondi", "Harbour View", "Blue Mountains", "Riverside", "Gum Tree",
                "Southbank", "Kangaroo Point", "Wattle Grove", "Coral Coast"),
        streets=("## George Street", "### Sydney Road", "Shop #, ## Beach Road", "## Main Street"),
        towns=("Brunswick VIC 3056", "Surry Hills NSW 2010", "Fortitude Valley QLD 4006",
               "Fremantle WA 6160", "Glenelg SA 5045"),
        phones=("Ph: (02) #### ####", "Phone 03 #### ####", "Tel: 04## ### ###"),
        people=("Jack", "Olivia", "Chloe", "Liam", "Mia", "Noah", "Sam T", "Jess"),
        meals=("Flat White", "Long Black", "Meat Pie", "Sausage Roll", "Smashed Avo", "Lamington",
               "Big Brekkie", "Chicken Schnitzel", "Iced Latte", "Banana Bread", "Fish & Chips"),
        goods=ENGLISH_GOODS + ("Vegemite 380g", "Tim Tams", "Sausages 1kg", "Snags BBQ Pack"),
    ),
    "in": Language(
        kinds=(("{owner} Bhavan", True), ("{owner} Sweets", False), ("{owner} Kirana Store", False),
               ("{owner} Medicals", False), ("{owner} Restaurant", True), ("{owner} Stores", False),
               ("Hotel {owner}", True), ("{owner} Hardware & Paints", False)),
        owners=("Sri Krishna", "Shree Ganesh", "Annapurna", "Saravana", "Balaji", "Laxmi", "Sagar",
                "Anand", "New Punjab", "Sri Venkateshwara"),
        places=("Koramangala", "Andheri West", "T Nagar", "Salt Lake"),
        streets=("No. ##, ##th Main Road", "Shop No. #, MG Road", "Plot ##, Sector ##",
                 "##/# Anna Salai"),
        towns=("Bengaluru - 5600##", "Mumbai - 4000##", "Chennai - 6000##", "New Delhi - 1100##",
               "Pune 4110##"),
        phones=("Ph: 080-########", "Mob: 98########", "Tel: 022 ########", "Ph: +91 98### #####"),
        people=("Ramesh", "Priya Sharma", "Suresh K", "Anjali", "Mohammed Irfan", "Lakshmi",
                "Vikram"),
        meals=("Masala Dosa", "Idli Vada", "Paneer Tikka", "Butter Naan", "Veg Biryani",
               "Dal Makhani", "Sweet Lassi", "Filter Coffee", "Masala Chai", "Chicken 65",
               "Gobi Manchurian", "Thali"),
        goods=("Basmati Rice 5kg", "Toor Dal 1kg", "Atta 10kg", "Sunflower Oil 1L", "Sugar 1kg",
               "Kaju Katli 500g", "Gulab Jamun 1kg", "Dolo 650", "Crocin", "Asian Paints 1L",
               "Amul Butter 500g", "Parle-G", "Tea Powder 250g", "Surf Excel 1kg"),
    ),
    "us": Language(
        kinds=(("{owner}'s Diner", True), ("{place} Grill", True), ("{place} Tavern", True),
               ("{owner}'s Kitchen", True), ("The {place} Bistro", True),
               ("{place} Pizzeria", True), ("{owner}'s Taqueria", True),
               ("{place} Sushi Bar", True), ("{place} Cafe", True), ("{place} Pet Supplies", False),
               ("{owner}'s Hardware", False)),
        owners=("Nancy", "Big Jo", "Tony", "Rosa", "Chris", "Uncle Sam", "Maria", "Frank", "Lucky"),
        places=("Cedar Valley", "Golden Gate", "Maple Street", "Harbor View", "Blue Ridge",
                "Oak Hill", "Silver Lake", "Old Town", "Laurel Canyon", "Red Rock", "Sunset"),
        streets=("#### Bellflower Blvd", "### Main Street", "## W 14th St",
                 "#### Ocean Ave Suite ##"),
        towns=("Bellflower, CA 90706", "Miami, FL 33196", "Austin, TX 78701", "Portland, OR 97205",
               "Brooklyn, NY 11201", "Chicago, IL 60614"),
        phones=("(###) ###-####", "Tel: ###-###-####", "Phone: (###) ###-####"),
        people=("Maria", "Nathalie", "Sergio", "Jessica", "Tyler", "Ashley", "Carlos", "Brittany"),
        meals=WESTERN_MEALS,
        goods=ENGLISH_GOODS,
    ),
    "es": Language(
        kinds=(("Panadería {owner}", False), ("Ferretería {owner}", False), ("Bar {owner}", True),
               ("Restaurante {owner}", True), ("Farmacia {owner}", False),
               ("Frutería {owner}", False), ("Cafetería {owner}", True),
               ("Librería {owner}", False)),
        owners=("La Espiga", "San José", "García", "Hermanos López", "El Puerto", "Casa Pepe",
                "Martín", "La Esquina", "Los Olivos", "Sánchez"),
        places=("Centro", "La Latina", "Triana"),
        streets=("C/ Mayor, ##", "Calle de Alcalá, ###", "Avda. de la Constitución, ##",
                 "Plaza España, #"),
        towns=("28013 Madrid", "08001 Barcelona", "41001 Sevilla", "46002 Valencia",
               "29005 Málaga"),
        phones=("Tel: 91 ### ## ##", "Tfno: 93 ### ## ##", "Tel. 6## ### ###"),
        people=("Lucía", "Javier", "Carmen", "Alejandro", "María José", "Pablo"),
        meals=("Café con leche", "Caña", "Tostada", "Tortilla", "Bocadillo jamón", "Agua mineral",
               "Menú del día", "Croquetas", "Patatas bravas", "Calamares", "Vino tinto",
               "Zumo naranja"),
        goods=("Pan de barra", "Leche entera", "Aceite de oliva", "Huevos docena", "Tomates",
               "Naranjas", "Queso manchego", "Jamón serrano", "Tornillos", "Bombilla LED",
               "Pilas AA", "Cuaderno", "Ibuprofeno", "Yogur natural"),
    ),
    "it": Language(
        kinds=(("Panificio {owner}", False), ("Trattoria {owner}", True),
               ("Ferramenta {owner}", False), ("Bar {owner}", True), ("Farmacia {owner}", False),
               ("Alimentari {owner}", False), ("Pizzeria {owner}", True),
               ("Cartoleria {owner}", False)),
        owners=("Da Mario", "Rossi", "Il Girasole", "Da Gino", "Bianchi", "Centrale", "Sport",
                "Colombo", "La Pergola", "Esposito"),
        places=("Centro", "Trastevere", "Navigli"),
        streets=("Via Roma, ##", "Corso Italia ###", "Piazza Garibaldi, #", "Via Dante ##"),
        towns=("00153 Roma (RM)", "20121 Milano (MI)", "50123 Firenze (FI)", "80132 Napoli (NA)",
               "10121 Torino (TO)"),
        phones=("Tel. 06 ########", "Tel: 02 #######", "Tel. 3## #######"),
        people=("Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro"),
        meals=("Caffè", "Cappuccino", "Cornetto", "Acqua nat.", "Spremuta", "Tramezzino",
               "Pizza margherita", "Spaghetti carbonara", "Tiramisù", "Vino rosso 1/4",
               "Birra media"),
        goods=("Pane comune", "Latte intero", "Pasta 500g", "Pomodori", "Parmigiano", "Prosciutto",
               "Olio EVO 1L", "Mele", "Viti 4x40", "Lampadina", "Quaderno", "Tachipirina"),
    ),
    "nl": Language(
        kinds=(("Bakkerij {owner}", False), ("Slagerij {owner}", False), ("Café {owner}", True),
               ("Drogisterij {owner}", False), ("Bloemenhuis {owner}", False),
               ("IJzerhandel {owner}", False), ("Eetcafé {owner}", True),
               ("Dierenspeciaalzaak {owner}", False)),
        owners=("De Molen", "Van Dijk", "Jansen", "De Hoek", "Het Anker", "Bakker", "De Tulp",
                "Van der Berg", "De Zon"),
        places=("Centrum", "Jordaan"),
        streets=("Kerkstraat ##", "Hoofdweg ###", "Dorpsstraat #", "Marktplein ##a"),
        towns=("1017 AB Amsterdam", "3511 LK Utrecht", "2511 CV Den Haag", "9711 GS Groningen"),
        phones=("Tel: 020-#######", "Tel. 030 ### ####", "Tel: 06-########"),
        people=("Sanne", "Daan", "Lotte", "Jeroen", "Fleur", "Bram"),
        meals=("Koffie", "Cappuccino", "Appeltaart", "Tosti ham kaas", "Bitterballen",
               "Jus d'orange", "Pilsner", "Uitsmijter", "Soep van de dag", "Thee"),
        goods=("Halfvolle melk", "Volkorenbrood", "Goudse kaas", "Rookworst", "Stroopwafels",
               "Tulpen", "Hagelslag", "Schroeven", "Lamp LED", "Hondenvoer", "Shampoo",
               "Paracetamol"),
    ),
    "fr": Language(
        kinds=(("Boulangerie {owner}", False), ("Pharmacie {owner}", False),
               ("Librairie {owner}", False), ("Café {owner}", True), ("Fromagerie {owner}", False),
               ("Quincaillerie {owner}", False), ("Brasserie {owner}", True),
               ("Épicerie {owner}", False)),
        owners=("du Marché", "des Lilas", "Martin", "Dupont", "de la Gare", "Saint-Michel",
                "du Centre", "Lefèvre", "des Arts"),
        places=("Montmartre", "Vieux Port"),
        streets=("## rue de la République", "# place du Marché", "### avenue Jean Jaurès",
                 "## bd Voltaire"),
        towns=("75011 Paris", "69002 Lyon", "13001 Marseille", "33000 Bordeaux", "31000 Toulouse"),
        phones=("Tél : 01 ## ## ## ##", "Tel. 04 ## ## ## ##", "Tél. 05 ## ## ## ##"),
        people=("Camille", "Julien", "Léa", "Nicolas", "Manon", "Thomas"),
        meals=("Café", "Café crème", "Croque-monsieur", "Jambon-beurre", "Quiche lorraine",
               "Salade niçoise", "Verre de vin", "Demi pression", "Eau minérale", "Tarte tatin"),
        goods=("Baguette", "Croissant", "Pain au chocolat", "Lait demi-écrémé", "Comté 250g",
               "Camembert", "Yaourt nature", "Pommes", "Vis 4x30", "Ampoule LED", "Doliprane",
               "Roman poche", "Carnet"),
    ),
    "id": Language(
        kinds=(("Toko {owner}", False), ("Warung {owner}", True), ("Apotek {owner}", False),
               ("Rumah Makan {owner}", True), ("Toko Roti {owner}", False),
               ("Kedai Kopi {owner}", True), ("Toko Bangunan {owner}", False),
               ("Minimarket {owner}", False), ("Toko Hewan {place}", False)),
        owners=("Sumber Rejeki", "Makmur Jaya", "Sinar Abadi", "Berkah Bersama", "Bu Tini",
                "Pak Darmo", "Cahaya Baru", "Mekar Sari", "Rasa Nikmat", "Sentosa Lestari",
                "Maju Mapan", "Dua Saudara"),
        places=("Kemang", "Dago", "Tebet", "Malioboro", "Kuta"),
        streets=("Jl. Sudirman No. ##", "Jl. Gatot Subroto Kav. ##", "Jl. Raya Bogor Km. ##",
                 "Ruko Blok @#/##", "Jl. Diponegoro No. ###", "Jl. Pahlawan ##"),
        towns=("Jakarta Selatan 12###", "Bandung 40###", "Surabaya 60###", "Yogyakarta 55###",
               "Denpasar, Bali 80###", "Medan 20###"),
        phones=("Telp: (021) ### ####", "Telp. 0812-####-####", "HP: 0813 #### ####",
                "Tlp: (022) ###-####"),
        people=("Siti Rahayu", "Budi Santoso", "Dewi Anggraini", "Agus Setiawan", "Rina",
                "Wahyu Hidayat", "Putri Maharani", "Andi Pratama", "Nur Hidayah", "Eko"),
        meals=("Nasi Goreng", "Es Teh Manis", "Mie Ayam", "Soto Ayam", "Ayam Geprek",
               "Sate Ayam", "Bakso Urat", "Kopi Susu", "Es Jeruk", "Nasi Uduk", "Gado-Gado",
               "Kopi Tubruk", "Pisang Goreng", "Teh Tawar"),
        goods=("Indomie Goreng", "Teh Botol", "Roti Tawar", "Gula Pasir 1kg", "Minyak Goreng 2L",
               "Sabun Mandi", "Beras 5kg", "Telur Ayam 1kg", "Kecap Manis", "Air Mineral 600ml",
               "Susu Kental Manis", "Pasta Gigi", "Obat Batuk", "Semen 40kg", "Paku 5cm",
               "Cat Tembok 5kg", "Deterjen 800g", "Kopi Bubuk 200g", "Tisu Wajah",
               "Makanan Kucing"),
    ),
}


def invent_shop(rng: random_module.Random, language: str) -> Shop:
    words = LANGUAGES[language]
    pattern, eatery = rng.choice(words.kinds)
    name = pattern.format(owner=rng.choice(words.owners), place=rng.choice(words.places))
    return Shop(name, eatery, words.meals if eatery else words.goods)


def fill(rng: random_module.Random, template: str) -> str:
    """"#" becomes a digit and "@" a capital letter: tax ids, phones, postcodes."""
    return "".join(str(rng.randint(0, 9)) if c == "#" else
                   chr(rng.randint(65, 90)) if c == "@" else c for c in template)
