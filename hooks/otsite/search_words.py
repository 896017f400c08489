"""Words that never decide a search match.

Material's search adds a trailing wildcard to every word a reader types, and
a wildcard skips Lunr's stop word filter: "arthritis in hands" searched for
"in*", which matched "injury", "independence" and "insurance" on nearly every
page. The search tokenizer's separator (the plugin's `separator` setting,
used for the pages and for the query alike) is widened here so that Lunr's
own English stop words, standing alone, are part of the gap between words:
they are never a search term, in the index (where Lunr drops them anyway) or
in the query. Each language has its own list (the one Lunr's stop word filter
for that language drops from the index: lunr-languages for Spanish).

Spanish readers often type without accents ("tunel carpiano" for "túnel
carpiano"), and a wildcard query skips Lunr's pipeline, stemmer included, so
the typed word must begin a word of the index as it is. The Spanish build
gives each search entry the accent-free forms of its accented words, in extra
fields boosted like the fields they come from (ACCENT_FREE_FIELDS); readers
never see them.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

# Lunr 2.3.9's English stop words (lunr.stopWordFilter), as Material's search worker ships them.
STOP_WORDS: tuple[str, ...] = (
    "a", "able", "about", "across", "after", "all", "almost", "also", "am", "among", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "but", "by", "can", "cannot", "could", "dear", "did", "do", "does",
    "either", "else", "ever", "every", "for", "from", "get", "got", "had", "has", "have", "he", "her", "hers",
    "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "just", "least", "let", "like",
    "likely", "may", "me", "might", "most", "must", "my", "neither", "no", "nor", "not", "of", "off", "often",
    "on", "only", "or", "other", "our", "own", "rather", "said", "say", "says", "she", "should", "since", "so",
    "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "tis", "to",
    "too", "twas", "us", "wants", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "would", "yet", "you", "your",
)

# lunr-languages' Spanish stop words (lunr.es.stopWordFilter, in Material 9.8.1's lunr/min/lunr.es.min.js).
_LUNR_SPANISH: tuple[str, ...] = tuple("""
a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos
en entre era erais eran eras eres es esa esas ese eso esos esta estaba estabais estaban estabas estad estada
estadas estado estados estamos estando estar estaremos estará estarán estarás estaré estaréis estaría estaríais
estaríamos estarían estarías estas este estemos esto estos estoy estuve estuviera estuvierais estuvieran
estuvieras estuvieron estuviese estuvieseis estuviesen estuvieses estuvimos estuviste estuvisteis estuviéramos
estuviésemos estuvo está estábamos estáis están estás esté estéis estén estés fue fuera fuerais fueran fueras
fueron fuese fueseis fuesen fueses fui fuimos fuiste fuisteis fuéramos fuésemos ha habida habidas habido habidos
habiendo habremos habrá habrán habrás habré habréis habría habríais habríamos habrían habrías habéis había
habíais habíamos habían habías han has hasta hay haya hayamos hayan hayas hayáis he hemos hube hubiera hubierais
hubieran hubieras hubieron hubiese hubieseis hubiesen hubieses hubimos hubiste hubisteis hubiéramos hubiésemos
hubo la las le les lo los me mi mis mucho muchos muy más mí mía mías mío míos nada ni no nos nosotras nosotros
nuestra nuestras nuestro nuestros o os otra otras otro otros para pero poco por porque que quien quienes qué se
sea seamos sean seas seremos será serán serás seré seréis sería seríais seríamos serían serías seáis sido siendo
sin sobre sois somos son soy su sus suya suyas suyo suyos sí también tanto te tendremos tendrá tendrán tendrás
tendré tendréis tendría tendríais tendríamos tendrían tendrías tened tenemos tenga tengamos tengan tengas tengo
tengáis tenida tenidas tenido tenidos teniendo tenéis tenía teníais teníamos tenían tenías ti tiene tienen tienes
todo todos tu tus tuve tuviera tuvierais tuvieran tuvieras tuvieron tuviese tuvieseis tuviesen tuvieses tuvimos
tuviste tuvisteis tuviéramos tuviésemos tuvo tuya tuyas tuyo tuyos tú un una uno unos vosotras vosotros vuestra
vuestras vuestro vuestros y ya yo él éramos
""".split())

# Material's English separator: whitespace and hyphens.
DEFAULT_SEPARATOR = r"[\s\-]+"

# The fields each search entry gets in a build that folds accents: accent-free words of the field they are named after.
ACCENT_FREE_FIELDS: dict[str, str] = {"title": "title_plain", "text": "text_plain", "tags": "tags_plain"}
# Languages whose readers often leave accents out (the build adds ACCENT_FREE_FIELDS).
FOLDS_ACCENTS: frozenset[str] = frozenset({"es"})


def accent_free(text: str) -> str:
    """`text` without accents, tildes or diaereses ("Túnel", "muñeca", "pingüino": "Tunel", "muneca", "pinguino")."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _with_accent_free(words: tuple[str, ...]) -> tuple[str, ...]:
    """`words` and, after them, the accent-free forms readers type ("mas" for "más"), each once."""
    return tuple(dict.fromkeys([*words, *map(accent_free, words)]))


# Question words take an accent ("¿Cómo pago?"); their accent-free forms are in Lunr's list, so these are stop words too.
_SPANISH_QUESTION_WORDS: tuple[str, ...] = ("cómo", "cuál", "cuándo", "dónde", "quién", "quiénes")
SPANISH_STOP_WORDS: tuple[str, ...] = _with_accent_free(_LUNR_SPANISH + _SPANISH_QUESTION_WORDS)
_STOP_WORDS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {"en": STOP_WORDS, "es": SPANISH_STOP_WORDS}


def stop_words(language: str) -> tuple[str, ...]:
    """The stop words of a build's `language` ("en", "es"); none for a language without a list here."""
    return _STOP_WORDS_BY_LANGUAGE.get(language, ())


def _any_case(word: str) -> str:
    """`word` matching in any letter case; the separator is a JavaScript RegExp built without the `i` flag."""
    return "".join(f"[{letter.lower()}{letter.upper()}]" if letter.isalpha() else re.escape(letter) for letter in word)


def _stop_alternation(words: tuple[str, ...]) -> str:
    """Longer words first, so "into" is taken whole rather than tried as "in" first."""
    return "|".join(_any_case(word) for word in sorted(words, key=lambda word: (-len(word), word)))


def stop_word_separator(separator: str = DEFAULT_SEPARATOR, words: tuple[str, ...] = STOP_WORDS) -> str:
    """`separator`, widened to take in runs of stop words standing alone (at the start, between gaps, at the end).

    A separator widened already is returned as it is (`mkdocs serve` may configure the same plugin twice).
    """
    stop = _stop_alternation(words)
    if stop in separator:
        return separator
    gap = f"(?:{separator})"
    return f"(?:^|{gap})(?:(?:{stop})(?={gap}|$){gap}?)+|{gap}"


_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W\d_]+")  # a run of letters


def _accent_free_words(text: str, skip: frozenset[str]) -> str:
    """The accent-free forms of `text`'s accented words (markup aside), each once, lowercase; not those in `skip`."""
    words = (word.lower() for word in _WORD.findall(_TAG.sub(" ", text)))
    plain = (accent_free(word) for word in words if word not in skip and accent_free(word) != word)
    return " ".join(dict.fromkeys(plain))


def add_accent_free_fields(entry: dict[str, Any], language: str) -> None:
    """Give a search entry (Material's: title, text, tags) the accent-free words of each field, for readers who type none.

    Words a stop word covers are left out: the separator takes in their accent-free forms already.
    Material repeats a page's tags in each of its sections; their accent-free words go in the page's own entry only.
    """
    skip = frozenset(stop_words(language))
    section = "#" in str(entry.get("location", ""))
    for field, plain_field in ACCENT_FREE_FIELDS.items():
        if field == "tags" and section:
            continue
        value = entry.get(field)
        text = " ".join(map(str, value)) if isinstance(value, list) else str(value or "")
        words = _accent_free_words(text, skip)
        if words:
            entry[plain_field] = words


# Material 9.8.1's search field boosts, which its plugin sets for any of these fields not configured.
MATERIAL_FIELD_BOOSTS: dict[str, dict[str, float]] = {"title": {"boost": 1e3}, "text": {"boost": 1e0}, "tags": {"boost": 1e6}}


def accent_free_field_boosts(fields: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Search `fields` (field: {boost}) with each accent-free field boosted like the field it comes from."""
    given = {**MATERIAL_FIELD_BOOSTS, **fields}
    return {**given, **{plain: dict(given[field]) for field, plain in ACCENT_FREE_FIELDS.items()}}
