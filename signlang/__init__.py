"""Korean Sign Language guidance: text → gloss → pose → video, spoken guidance, sign recognition."""

from signlang.errors import LexiconError, SignLanguageError
from signlang.gloss2pose import GlossToPose, PoseError, PoseOptions, SignedPose, SignSpan, import_recorded_pose
from signlang.lexicon import Lexicon, load_kiosk_vocabulary, load_lexicon
from signlang.render import RenderError, RenderOptions, RenderResult, render, render_text, sign_text
from signlang.text2gloss import TextToGloss, number_glosses, to_jamo
from signlang.types import Gloss, HandForm, LexiconEntry, SentenceEntry

__all__ = [
    "Gloss",
    "GlossToPose",
    "HandForm",
    "Lexicon",
    "LexiconEntry",
    "LexiconError",
    "PoseError",
    "PoseOptions",
    "RenderError",
    "RenderOptions",
    "RenderResult",
    "SentenceEntry",
    "SignLanguageError",
    "SignSpan",
    "SignedPose",
    "TextToGloss",
    "import_recorded_pose",
    "load_kiosk_vocabulary",
    "load_lexicon",
    "number_glosses",
    "render",
    "render_text",
    "sign_text",
    "to_jamo",
]
