"""Medicine brand names (``products/data/drug_brands.tsv``, built by ``products.build_brands``
from a published drug dictionary): a brand of the list is a medicine, a brand name that is a
food, product or dictionary word is not kept, and the shipped list holds none."""
import pytest

from products import classify
from products.build_brands import Words, is_kept, ordinary_words, policy_ordinary
from products.lexicon import read_rows

BRANDS = {row[0]: row[1] for row in read_rows("drug_brands.tsv")}


def food_rows():
    return [(row[0], row[1], row[2]) for row in read_rows("off_terms.tsv")]


@pytest.mark.parametrize("text, brand, generic", [
    ("GLUCOPHAGE 500MG 30ST", "Glucophage", "metformin"),
    ("LIPITOR 20MG TAB", "Lipitor", "atorvastatin"),
    ("ZYLOPRIM 100MG", "Zyloprim", "allopurinol"),
    ("GELOCATIL 20 COMPR", "Gelocatil", "acetaminophen"),   # of the second source,
    ("OTRIVINE ADULT", "Otrivine", "xylometazoline"),       # drugstandards: brands of many
    ("TAPANOL EXTRA", "Tapanol", "acetaminophen"),          # countries
])
def test_a_brand_of_the_source_is_a_medicine(text, brand, generic):
    assert BRANDS[brand.lower()] == generic
    product = classify(text)
    assert (product.code, product.brand) == ("06.1.1", brand)
    assert "medicine" in product.signals


def words(common=frozenset()):
    return Words(set(common), ordinary_words(food_rows()), policy_ordinary(), set())


@pytest.mark.parametrize("name, generic", [
    ("bananas", "banana allergenic extract"),   # a food word
    ("colgate", "sodium fluoride"),             # a brand the project knows for toothpaste
    ("liquorice", "glycyrrhiza"),                # a food of Open Food Facts
    ("spirulina", "spirulina"),
    ("kreatin", "creatine"),                     # the brand of a generic the policy calls ordinary
    ("tums", "calcium carbonate"),               # too short to tell from a word
])
def test_a_brand_colliding_with_an_ordinary_word_is_not_kept(name, generic):
    assert not is_kept(name, generic, words())
    assert name not in BRANDS


def test_a_dictionary_word_is_not_kept_but_a_made_up_name_is():
    assert not is_kept("depend", "absorbent", words({"depend"}))
    assert is_kept("glucophage", "metformin", words({"depend"}))


def test_no_shipped_brand_is_an_ordinary_word():
    ordinary = ordinary_words(food_rows()) | policy_ordinary()
    assert BRANDS and not (set(BRANDS) & ordinary)


@pytest.mark.parametrize("text, code", [
    ("BANANEN 1KG", "01.1.6"),
    ("COLGATE ZAHNCREME", "13.1.2"),
    ("LAKRITZ 200G", "01.1.8"),
])
def test_ordinary_lines_stay_ordinary(text, code):
    product = classify(text)
    assert (product.code, product.signals) == (code, ())


def test_a_brand_is_no_part_of_a_compound():
    """``servier`` (a maker's name, in the second source) before a form is a tray."""
    assert "servier" in BRANDS
    assert not classify("SERVIERTABLETT HOLZ").signals
