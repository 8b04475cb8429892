"""Korean Sign Language guidance: text → gloss (this part), pose, video and recognition to come."""

from signlang.errors import LexiconError, SignLanguageError
from signlang.lexicon import Lexicon, load_lexicon
from signlang.text2gloss import TextToGloss, number_glosses, to_jamo
from signlang.types import Gloss, HandForm, LexiconEntry, SentenceEntry

__all__ = [
    "Gloss",
    "HandForm",
    "Lexicon",
    "LexiconEntry",
    "LexiconError",
    "SentenceEntry",
    "SignLanguageError",
    "TextToGloss",
    "load_lexicon",
    "number_glosses",
    "to_jamo",
]
