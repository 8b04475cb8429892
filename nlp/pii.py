"""Korean personal-data masking, applied before complaint text or a meeting transcript is stored or shown
to a role that may not see personal data.

Rules first: identifiers have fixed shapes (전화번호, 주민등록번호, 외국인등록번호, 여권번호, 운전면허번호,
e-mail, 계좌번호, 차량번호, 차대번호, 상세주소) and names are recognised from the context that introduces them (저는
…입니다, 성명: …, … 씨, 딸 …, 우리 서연이가) or, without such context, from Kiwi's reading of a word as a proper
noun shaped like a Korean name (어제 한채윤이랑 갔는데). Context words also keep look-alikes visible: receipt
and case numbers, money, dates, business numbers such as 1588-xxxx. Where no rule found a name, two learned
readers mask what they take for one: a scorer (``nlp.name_scorer``) of every three- or four-syllable word start,
then a character tagger (``nlp.name_tagger``) that reads each character with the thirty or so around it.

Matching runs on the NFC form of the text with full-width characters, dashes, odd spaces and zero-width
characters folded one-for-one, so offsets in the folded view are offsets in the NFC text. Spans and the
masked text therefore refer to the NFC text, which is the input itself for anything typed or produced by
a recogniser (both give NFC); only decomposed (NFD) input comes back recomposed.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import logging
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from nlp.korean import LONE_SURROGATE, KiwiAnalyzer
from nlp.types import MaskedText, PiiSpan, Token

if TYPE_CHECKING:  # nlp.name_scorer and nlp.name_tagger read this module's word lists; the masker loads them when
    from nlp.name_scorer import NameScorer  # first used
    from nlp.name_tagger import NameTagger

logger = logging.getLogger(__name__)

PLACEHOLDERS: dict[str, str] = {
    "PHONE": "[전화번호]",
    "RRN": "[주민등록번호]",
    "FRN": "[외국인등록번호]",
    "PASSPORT": "[여권번호]",
    "DRIVER_LICENSE": "[운전면허번호]",
    "EMAIL": "[이메일]",
    "ACCOUNT": "[계좌번호]",
    "CARD": "[카드번호]",
    "CAR_PLATE": "[차량번호]",
    "VIN": "[차대번호]",
    "ADDRESS": "[상세주소]",
    "NAME": "[이름]",
}

# 고유식별정보 under the Personal Information Protection Act: never stored in the clear anywhere.
UNIQUE_IDENTIFIER_TYPES = ("RRN", "FRN", "PASSPORT", "DRIVER_LICENSE")

# On overlap the longer span wins; on equal length the more specific type (lower rank) wins.
_RANK = {
    "RRN": 0,
    "FRN": 0,
    "DRIVER_LICENSE": 1,
    "PASSPORT": 2,
    "VIN": 2,
    "EMAIL": 3,
    "PHONE": 4,
    "CAR_PLATE": 5,
    "CARD": 6,
    "ACCOUNT": 7,
    "ADDRESS": 8,
    "NAME": 9,
}


# --- folding: one character in, one character out, so offsets survive -------------------------------

_ZW = "\u200b"


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for i in range(10):
        table[0xFF10 + i] = str(i)
    for i in range(26):
        table[0xFF21 + i] = chr(0x41 + i)
        table[0xFF41 + i] = chr(0x61 + i)
    # ㅡ (the Hangul vowel) is what a Korean keyboard gives for a dash: 010ㅡ1234ㅡ5678.
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\ufe58\ufe63\uff0d\u3161":
        table[ord(ch)] = "-"
    # ㆍ (araea), the middle dot a Korean keyboard gives, separates a number's groups as a dot does: 010ㆍ5512ㆍ8034
    for ch in "\u318d\u2027\u2219":
        table[ord(ch)] = "."
    for ch in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
        table[ord(ch)] = " "
    for ch in "\u200c\u200d\u2060\ufeff\u00ad":
        table[ord(ch)] = _ZW
    for src, dst in zip("＋（）．＠：＿，／", "+().@:_,/", strict=True):
        table[ord(src)] = dst
    return table


_FOLD = _fold_table()

# --- shared pieces ------------------------------------------------------------------------------------

_Z = f"{_ZW}*"


def _separator(marks: str) -> str:
    """Between digit groups: nothing, one of ``marks`` with optional spaces, or one or two spaces (underscores and
    slashes come from phones' contact sharing and from forms that refuse dashes; found by hypothesis). A line break
    may split a number where a form or a messenger wrapped it ("010-6623-\n4471")."""
    return f"{_Z}(?:[ ]?[{marks}]{{1,2}}[ ]?\n?|[ ]?\n[ ]?(?:[{marks}][ ]?)?|[ ]{{1,2}})?{_Z}"


_SEP = _separator("-._/")
_DIGIT_BEFORE = r"(?<![0-9])(?<![0-9][-._/])"
_DIGIT_AFTER = rf"(?![0-9])(?!{_Z}[-._/]{_Z}[0-9])"
_REGIONS = "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
_REGION_NAMES = frozenset(_REGIONS.split("|"))
_MONEY_AFTER = re.compile(r"[ ]?(?:원|만|천|억|달러|불|%)")


def _digits(s: str) -> int:
    return sum(ch.isascii() and ch.isdigit() for ch in s)


def _seen_before(pattern: re.Pattern[str], view: str, start: int, size: int) -> bool:
    """Whether ``pattern`` matches in the ``size`` characters before ``start``; ``$`` anchors at ``start``."""
    return pattern.search(view, max(0, start - size), start) is not None


# Identifiers of things, not people: a number right after one of these is never a phone or an account.
_NOT_PERSONAL_BEFORE = re.compile(
    r"(?:(?:민원|접수|사건|신청|예약|주문|송장|운송장|관리|문서|처리|고지|납부|일련|모델|제품|고유|사업자|"
    r"사업자등록|법인|법인등록|차대|등기|우편|승인|인증|거래|영수증|증명서|발급|과태료|고지서|결제|회원|"
    r"티켓|좌석|상품|부품|시리얼|스티커|필증|허가|공고|정류장)\s?번호|모델명?|품번|시리얼|바코드|S/?N|ISBN)"
    r"(?:\s?(?:은|는|이|가|:|=|#|\(|\)))*[ :#]*$"
)

# A landline right after a public office's name is the office's number, not a person's (시청 대표번호, 직통).
_PUBLIC_LINE_BEFORE = re.compile(
    r"(?:대표\s?번호|대표\s?전화|직통|콜\s?센터|고객\s?센터|상담\s?센터|안내\s?센터|민원실|시청|구청|군청|도청|"
    r"주민\s?센터|행정복지센터|보건소|경찰서|지구대|소방서|당직실|상황실|담당\s?부서)[^0-9\n]{0,8}$"
    # a department or team name right before the number: 세정과 재산세팀 063-…
    r"|[가-힣]{1,10}(?:과|팀|센터|사업소)[ ]?[:(]?[ ]?(?:☎|☏|Tel\.?|TEL\.?)?[ ]?$"
)
# A notice's enquiry line (문의 031-…, 문의처: …) or a building's management office (관리사무소(☎ 062-…)), and a
# number with its department after it in brackets (031-8075-2240(청년정책과)).
_ENQUIRY_LINE_BEFORE = re.compile(r"(?:문의(?:처|전화)?|관리[ ]?사무소|관리실)[^0-9\n]{0,8}$")
_OFFICE_AFTER = re.compile(r"[ ]?\([가-힣 ]{1,12}(?:과|팀|센터|사무소|민원실)\)")

# --- phone --------------------------------------------------------------------------------------------

_AREA = r"0(?:2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70|50[2-8])"
_AREA_NO_ZERO = r"(?:1[016789]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70)"
# A tilde also joins a phone number's groups in messages (010~5874~3302); elsewhere it is a range (3~4대).
_PHONE_SEP = _separator("-._/~")
_PHONE_RE = re.compile(
    _DIGIT_BEFORE
    + "(?:"
    + rf"\+{_Z}82{_PHONE_SEP}(?:\(0\){_PHONE_SEP}|0)?{_AREA_NO_ZERO}{_PHONE_SEP}[0-9]{{3,4}}{_PHONE_SEP}[0-9]{{4}}"
    + rf"|(?:\(01[016789]\)|01[016789]){_PHONE_SEP}[0-9]{{3,4}}{_PHONE_SEP}[0-9]{{4}}"
    + rf"|(?:\({_AREA}\)|{_AREA}\)?){_PHONE_SEP}[0-9]{{3,4}}{_PHONE_SEP}[0-9]{{4}}"
    + ")"
    + _DIGIT_AFTER
)
# Phone numbers read aloud in a transcript: 공일공 일이삼사 오육칠팔, 공일공에 1234에 5678.
_KD = "[0-9공영일이삼사오육륙칠팔구]"
_KSEP = f"(?:[ ,.{_ZW}-]{{0,3}}|[ ]?(?:에|의|다시|하고)[ ,.{_ZW}-]{{0,3}})"
# A group may be read in pairs too: 공일공에, 삼구 팔칠에, 이이 영사; 공일공의 삼칠오이의 팔팔일사.
_SPOKEN_PHONE_RE = re.compile(
    r"(?:(?<![가-힣0-9])[공영0](?:[일1][공영0육륙칠팔구6-9]|[이2]|[삼사오육륙3-6][일이삼사오1-5]|칠[공영0])"
    # a mobile number with Korea's code, read out from abroad: 플러스 팔이 일공 오오삼일 칠칠이이
    r"|(?<![가-힣])플러스[ ]?팔이[ ]?(?:[공영][ ]?)?일[공영육륙칠팔구])"
    + rf"{_KSEP}(?:{_KD}{{3,4}}|{_KD}{{2}}[ ]{_KD}{{2}}){_KSEP}(?:{_KD}{{4}}|{_KD}{{2}}[ ]{_KD}{{2}})(?![0-9])"
)
# A number abroad, which a resident's family or a landlord may have: +1 (206) 555-0183, +84 90 123 4567, and in the
# groups other countries write (+7 914 238-51-67, +998 93 512 44 81): seven to twelve digits after the country code.
_FOREIGN_PHONE_RE = re.compile(
    r"(?<![0-9+])\+(?!82)[1-9][0-9]{0,2}(?P<n>(?:[ -]?(?:\([0-9]{1,4}\)|[0-9]{2,4})){2,5})(?![0-9])"
)
# A number read out in groups of any size, as voice-to-text hears it: 공 일 공 삼 삼 칠 칠 일 이 사 오, 공 오 사 에
# 칠 칠 이 에 일 일 삼 사, 공일공 이 오 삼 일 에 칠 칠 영 팔, 공일공에 사땡칠구에 일삼이땡 (땡 is how people say 0),
# 공일공 하고 칠 팔 팔 팔 하고 이 공 일 구.
# What it reads is a phone number where the digits open with a code one has and are as many as its numbers have.
_READ_DIGIT = "[공영일이삼사오육륙칠팔구땡0-9]"
_SAID_DIGITS_RE = re.compile(
    rf"(?<![가-힣0-9]){_READ_DIGIT}(?:(?:[ ,.-]{{0,3}}|[ ]?(?:에|다시|하고)[ ,.-]{{0,3}}){_READ_DIGIT}){{8,13}}"
    r"(?![가-힣0-9])"
)
_SAID_DIGIT_VALUES = str.maketrans("공영땡일이삼사오육륙칠팔구", "0001234566789")
_PHONE_DIGITS = re.compile(r"01[016789][0-9]{7,8}|02[0-9]{7,8}|0[3-6][1-5][0-9]{7,8}|070[0-9]{8}")
# Digit by digit, as a call transcript writes what it hears: 0 1 0 - 8 4 7 2 - 1 1 6 9; a landline (0 6 3 - 2 7 4 -
# 5 5 1 8, in a letter typed a syllable at a time) only with its dashes, as spaced digits are also scores and lists.
_SPACED_PHONE_RE = re.compile(
    r"(?<![0-9])(?:(?:0 1 [016789]|01[016789])(?: (?:- )?[0-9]){7,8}"
    r"|0 (?:2|[3-6] [1-5]|7 0) - [0-9](?: [0-9]){2,3} - [0-9](?: [0-9]){3})(?![ ]?[0-9])")
# The second half of a mobile number given apart from its 010: 앞자리는 010이고요 뒷번호는 5830-1427.
_PHONE_REST_RE = re.compile(
    r"(?:뒷[ ]?번호|뒷[ ]?자리|뒤[ ]?번호|나머지)(?:는|은|가|이)?[ :]*(?P<v>[0-9]{3,4}[ -]?[0-9]{4})(?![0-9])"
)
_MOBILE_PREFIX = re.compile(r"01[016789]")
# A number's last seven or eight digits read out, repeating it back or without the area code: 육칠이삼 오팔구일
# 맞으시죠?, 집 전화는 사육삼에 칠칠공팔.
_SPOKEN_REST_RE = re.compile(
    r"(?<![가-힣])[공영일이삼사오육륙칠팔구]{3,4}(?:[ ,]|[ ]?에[ ]?)?[공영일이삼사오육륙칠팔구]{4}(?![가-힣])"
)
_PHONE_TALK = re.compile(r"번호|연락처|전화|폰|회신")
_MOBILE_START = re.compile(r"(?:\+[^0-9]*82[^0-9]*(?:\(0\))?[^0-9]*0?|0)1")
_HANGUL_DIGIT = re.compile("[공영일이삼사오육륙칠팔구]")
# Business numbers (1588-xxxx, 080 toll-free, 060 paid lines): not personal, but they claim their text so
# that no other rule reads them as an account.
_BUSINESS_PHONE_RE = re.compile(
    _DIGIT_BEFORE + rf"(?:1[5-9][0-9]{{2}}{_SEP}[0-9]{{4}}|0[68]0{_SEP}[0-9]{{3,4}}{_SEP}[0-9]{{4}})" + _DIGIT_AFTER
)

# --- registration numbers -----------------------------------------------------------------------------

_RRN_RE = re.compile(
    _DIGIT_BEFORE
    + r"[0-9]{2}(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])"
    + rf"{_Z}(?:[ ]?[-/][ ]?\n?|[ ]?\n[ ]?|[ ]{{1,2}})?{_Z}(?P<g>[1-8])[0-9*]{{6}}(?![0-9*])"
)
# Typed a digit a box, as forms with one box per digit make people write it: 9 1 0 3 2 2 - 2 1 5 4 8 3 7; only where
# a registration number is talked about (a lottery's numbers are no one's).
_REGISTRATION_TALK = re.compile(r"주민|등록|외국인|생년월일|ARC", re.IGNORECASE)
_SPACED_RRN_RE = re.compile(
    r"(?<![0-9])(?P<y>[0-9][ ][0-9])[ ](?P<m>[0-9][ ][0-9])[ ](?P<d>[0-9][ ][0-9])[ ]?-[ ]?(?P<g>[1-8])(?:[ ][0-9]){6}"
    r"(?![ ]?[0-9])"
)
# The two halves read out separately: 앞자리 900101 뒷자리 1234567.
_RRN_HALVES_RE = re.compile(
    r"앞[ ]?자리(?:는|은)?[ :]*(?P<a>[0-9]{2}(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01]))(?![0-9])"
    r"[^0-9\n]{0,12}뒷[ ]?자리(?:는|은)?[ :]*(?P<b>(?P<g>[1-8])[0-9]{6})(?![0-9])"
)
# One half given alone where a registration number is asked for: 앞자리를 입력해 주세요 … 630715, 주민번호 뒷자리는
# 2829470이고요.
_FRONT_HALF_ALONE_RE = re.compile(r"(?<![0-9])[0-9]{2}(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9-])")
# The number itself named (주민센터, 등록금, 법인등록번호 are no such talk), and for the front half 앞자리 right
# after it with no other number between.
_REGISTRATION_NUMBER_NAMED = re.compile(r"(?<!법인)(?:주민[ ]?(?:등록)?[ ]?번호|외국인[ ]?등록[ ]?번호)")
_FRONT_HALF_ASKED = re.compile(rf"{_REGISTRATION_NUMBER_NAMED.pattern}[ ]?(?:의[ ])?앞[ ]?자리[^0-9]{{0,40}}$")
_BACK_HALF_ALONE_RE = re.compile(
    r"(?:뒷|뒤)[ ]?(?:자리|번호)(?:는|은|가|이|를)?[^0-9\n]{0,12}?(?P<b>(?P<g>[1-8])[0-9]{6})(?![0-9])")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_DL_SEP = f"{_Z}(?:[ ]?-[ ]?|[ ]){_Z}"
_DL_RE = re.compile(
    r"(?<![0-9])"
    + rf"(?:(?:{_REGIONS})[ ]?|(?:1[1-9]|2[0-8]){_DL_SEP})[0-9]{{2}}{_DL_SEP}[0-9]{{6}}{_DL_SEP}[0-9]{{2}}"
    + r"(?![0-9])"
)
_DL_BARE_RE = re.compile(r"(?<![0-9])(?:1[1-9]|2[0-8])[0-9]{10}(?![0-9])")
_DL_KEYWORD = re.compile(r"면허")

_PASSPORT_RE = re.compile(r"(?<![A-Za-z0-9])[MSRODG](?:[0-9]{8}|[0-9]{3}[A-Z][0-9]{4})(?![A-Za-z0-9])")
# After 여권/passport: other countries' numbers, a space or hyphen after the letter as people type it (C 4827193,
# AB 1234567, G 12345678, FA-2938471), the digits read off in groups (M 1234 5678, M1234-5678, M-123-45678,
# FA 1234 567, the new Korean m 591 r 2036), nine digits alone as the US and others print them (567120394,
# 72 4418390, one by one: 6 4 2 8 1 9 3 7 5), eight as Nepal's do (09876543, not a date such as 20300501), two
# letters and six digits (GA382915), a letter and six (Indonesia's X827364); not a phone's leading 0 in nine digits,
# nor money.
_PASSPORT_LOOSE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?!(?i:no|nr|pp)[ .#])"
    r"(?:[A-Za-z]{1,2}[0-9]{7,8}[A-Za-z]?|[A-Z]{2}[0-9]{6}|[A-Za-z]{1,2}[ -][0-9]{7,8}"
    r"|[A-Za-z][ -]?[0-9]{3}[ -]?[A-Za-z][ -]?[0-9]{4}"
    r"|[A-Za-z]{1,2}[ -]?(?:[0-9]{3}[ -][0-9]{4,5}|[0-9]{4}[ -][0-9]{3,5})"
    r"|[A-Z][0-9]{6}|[0-9](?:[ ][0-9]){7,8}"
    r"|[1-9][0-9](?:[ ]?[0-9]{7})|(?!(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2]))[0-9]{8})"
    r"(?![A-Za-z0-9])(?![ ]?(?:원|만|천|억|달러|명|개|건))"
)
# The groups only a number named right before is read in: two letters, or a last group of three (FA 1234 567)
_LETTERS_THEN_GROUPS = re.compile(r"[A-Za-z]{2}[ -]?[0-9]{3,4}[ -][0-9]{3,5}|[A-Za-z][ -]?[0-9]{3,4}[ -][0-9]{3}")
_PASSPORT_NAMED = re.compile(r"(?:여권|passport)(?:[ ]?번호)?(?:는|은|이|가|요)?[ ]?(?:[:#]|no\.?)?[ ]*$",
                             re.IGNORECASE)
# The word in the languages residents fill forms in: Indonesian and Malay paspor, Vietnamese hộ chiếu, Chinese 护照,
# Japanese 旅券/パスポート, Russian паспорт, Spanish pasaporte; PP# and PP no. as forms shorten it.
_PASSPORT_KEYWORD = re.compile(r"여권|passport|paspor|pasaporte|h[ộo][ ]?chi[ếe]u|护照|護照|旅券|パスポート|паспорт"
                               r"|\bPP[ ]?(?:#|no\b|No\b|NO\b|number)", re.IGNORECASE)
# Another number named right before a code further on from 여권: 항공권 예약번호는 AB123456, 모델 SM123456.
_OTHER_NUMBER_BEFORE = re.compile(
    r"(?:예약|승인|주문|접수|모델|제품|관리|코드|양식|우편|대기|좌석|티켓|송장|영수증)[^\n]{0,8}$")
# A vehicle identification number (차대번호): 17 letters and digits without I, O or Q (ISO 3779), at least three
# letters and five digits, so product codes and long numbers stay.
_VIN_RE = re.compile(
    r"(?<![A-Za-z0-9-])(?=[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9]))(?=(?:[0-9]*[A-HJ-NPR-Z]){3})(?=(?:[A-Z]*[0-9]){5})"
    r"[A-HJ-NPR-Z0-9]{17}"
)
# Where the number is named, in lower case or in groups as a certificate spaces it (knafk412bn5128830, KNM AT2MT
# 5LP 061283): 17 of them with the same letters and digits.
_LOOSE_VIN_RE = re.compile(r"(?<![A-Za-z0-9-])[A-Za-z0-9]{2,17}(?:[ ][A-Za-z0-9]{2,17}){0,5}(?![A-Za-z0-9-])")
_VIN_TALK = re.compile(r"차대[ ]?번호|(?i:VIN)")

_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)

# A government office's domain: minwon@gunsan.go.kr, gunsan@korea.kr
_GOVERNMENT_MAIL_DOMAIN = re.compile(r"(?i)(?:[a-z0-9-]+\.)*go\.kr|korea\.kr")


def _office_mailbox(address: str) -> bool:
    """An office's public mailbox (a word on ``office_mailboxes`` at a government domain), not a person's."""
    local, _, domain = address.rpartition("@")
    return local.lower() in _OFFICE_MAILBOXES and _GOVERNMENT_MAIL_DOMAIN.fullmatch(domain) is not None


# A mail address written so that robots miss it, or spaced out by a phone's keyboard: gunsan.kim (at) gmail (dot)
# com, nam . yuri 77 @ naver . com, lee[at]daum.net. Only a disguised @ or a space beside @ takes it (a bare "at"
# is English: I will be at home. me and …); a plain address is _EMAIL_RE's. The local part is bounded, so a long
# run of digits and spaces is not tried from every start to its end.
_DISGUISED_AT = r"(?:[ ]?(?:\(at\)|\[at\])[ ]?|[ ]@[ ]?|@[ ])"
_DISGUISED_DOT = r"(?:[ ]?(?:\(dot\)|\[dot\])[ ]?|[ ]dot[ ]|[ ]\.[ ]?|\.[ ]|\.)"
_DISGUISED_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._-])(?P<v>[A-Za-z0-9]{1,32}(?:(?:[ ]?[._-][ ]?|[ ](?=\d))[A-Za-z0-9]{1,32}){0,4}"
    rf"{_DISGUISED_AT}[A-Za-z0-9-]+(?:{_DISGUISED_DOT}[A-Za-z0-9-]+){{0,2}}{_DISGUISED_DOT}"
    r"(?:com|net|org|kr|co|go|ac|or|me|io|edu|gov|jp|cn|vn))(?![A-Za-z0-9])"
)
# Letters read out by name, none that is also a digit (이, 오), and the mail services people name aloud.
_SPOKEN_LETTER_NAME = (
    "에이치|에이|비|씨|디|에프|지|아이|제이|케이|엘|엠|엔|피|큐|알|에스|티|유|브이|더블유|엑스|와이|제트"
)
# A passport number read out in a call, its letters by name (엠 공팔칠 비 이이일삼, 에프 에이 팔 이 칠 삼 육 사 오,
# 에프에이 일이삼사 오육칠):
# pieces that are letter names or digits, one to three letters and six to nine digits (see _spoken_passport).
_SPOKEN_PASSPORT_PIECE = f"(?:(?:{_SPOKEN_LETTER_NAME}){{1,2}}|[공영일이삼사오육륙칠팔구]{{1,4}})"
_SPOKEN_PASSPORT_RE = re.compile(
    rf"(?<![가-힣])(?:{_SPOKEN_LETTER_NAME}){{1,2}}(?:[ ]{_SPOKEN_PASSPORT_PIECE}){{2,14}}(?:(?![가-힣])|(?=요))"
)
_SPOKEN_MAIL_SERVICE = "네이버|다음|지메일|한메일|카카오|네이트|핫메일|야후|[A-Za-z0-9-]{2,30}"
# An address read out in a call or typed around spam filters: hana0505 골뱅이 naver 닷컴, kim at daum dot net.
_SPOKEN_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._-])[A-Za-z0-9][A-Za-z0-9._-]{1,63}[ ]?(?:골뱅이|앳|\(at\)|\[at\]| at )[ ]?"
    r"[A-Za-z0-9-]{2,30}[ ]?(?:(?:닷|쩜|점|dot)[ ]?(?:컴|넷|케이알|com|net|kr|org)|\.com|\.net|\.kr)(?![A-Za-z])"
    # every letter read out: 에스 와이 제이 공공칠 골뱅이 네이버 닷컴
    # (a space after each letter, no letter that is also a digit (이, 오) and an atomic group: a long run of 이 이 이
    # must not be cut in exponentially many ways when no 골뱅이 follows)
    rf"|(?<![가-힣])(?>(?:{_SPOKEN_LETTER_NAME}|언더바|하이픈|[공영일이삼사오육칠팔구]{{1,6}})[ ]){{2,24}}"
    rf"(?:골뱅이|앳)[ ]?(?:{_SPOKEN_MAIL_SERVICE})[ ]?(?:닷|점|쩜)[ ]?(?:컴|넷|케이알)"
)

# Where a read-out address's domain is plain (골뱅이 한메일 닷 넷, 골뱅이 네이버 닷컴), its local part is the run of
# pieces before 골뱅이 that spell one: Latin words, letter names run together or split by commas (에이치와이,
# 에스, 오, 엔), digits, joiners (언더바, 점) and a syllable written in Hangul (문); _spoken_local_part walks back
# over them.
_SPOKEN_DOMAIN_RE = re.compile(
    rf"[ ]?(?:골뱅이|앳)[ ]?(?:{_SPOKEN_MAIL_SERVICE})[ ]?(?:닷|점|쩜)[ ]?(?:컴|넷|케이알|씨오[ ]?케이알)"
)
_SPOKEN_LOCAL_PIECE = re.compile(
    # 이 and 오 are letters too (에이치와이, 에스, 오, 엔): the digit class reads them; one syllable said as written
    # may stand among them where a letter is read out too (케이와이리공칠: 리; not 이메일, 사람이, 삼성이)
    rf"(?![0-9]+$)[A-Za-z0-9._-]+|(?:{_SPOKEN_LETTER_NAME}|[공영일이삼사오육칠팔구])+"
    rf"|(?=[가-힣]*(?:{_SPOKEN_LETTER_NAME}))(?:{_SPOKEN_LETTER_NAME}|[공영일이삼사오육칠팔구])+[가-힣]"
    rf"(?:{_SPOKEN_LETTER_NAME}|[공영일이삼사오육칠팔구])+|언더바|언더스코어|하이픈|대시|점|닷|[가-힣]"
)
# A mail service's user name given without its domain, with a digit, a dot or an underscore in it: 네이버 메일
# sunny0412 로 보내주세요 (not 네이버 아이디 login, 메일 IMAP 설정).
_MAIL_ID_RE = re.compile(
    rf"(?:{_SPOKEN_MAIL_SERVICE.split('|[')[0]})[ ]?(?:메일|아이디|ID|id)(?:은|는|로|이|:)?[ ]?"
    r"(?P<v>[A-Za-z](?=[A-Za-z-]*[0-9._])[A-Za-z0-9._-]{3,29})(?![A-Za-z0-9@._-])"
)

# --- account ------------------------------------------------------------------------------------------

_ACCOUNT_BEFORE = r"(?<![0-9A-Za-z,.])(?<![0-9A-Za-z][-.])"
_ACCOUNT_AFTER = r"(?![0-9A-Za-z])(?!-[0-9A-Za-z])"
# Three or more dash-joined groups look like an account even without a bank nearby.
_ACCOUNT_RE = re.compile(_ACCOUNT_BEFORE + r"[0-9]{2,6}(?:-[0-9]{2,8}){1,3}-[0-9]{1,8}" + _ACCOUNT_AFTER)
# Near a bank or 계좌 word, two groups, spaces or a bare digit run are enough.
_ACCOUNT_NEAR_BANK_RE = re.compile(
    _ACCOUNT_BEFORE
    + rf"(?:[0-9]{{2,8}}(?:{_Z}[- ]{_Z}[0-9]{{2,8}}){{0,3}}{_Z}[- ]{_Z}[0-9]{{1,8}}|[0-9]{{10,14}})"
    + _ACCOUNT_AFTER
)
_BANK_KEYWORD = re.compile(
    # bank names that are also everyday words (우리, 하나, 국민, 카카오) count only as …은행/…뱅크
    r"(?:계좌|입금|환급|송금|이체|통장|예금주|은행|뱅크|농협|신협|수협|새마을금고|우체국|저축|"
    r"신한|SC제일|씨티|KB|NH|IBK)[^\n]{0,25}$"
)
_DATE_GROUPS = re.compile(r"(?:19|20)[0-9]{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12][0-9]|3[01])(?![0-9])")

# --- payment card -------------------------------------------------------------------------------------

# A card number (카드번호) as a card, a receipt or a refund request prints it: four groups of four digits, or 4-6-5
# (American Express), one separator throughout (1577-1234 1544-5678 are two business numbers). A receipt hides some
# groups (5327-12**-****-8891, 5327-12XX-XXXX-8891); with eight digits or more showing, that still tells the card.
# Where no card or payment is talked about, only a number that opens as cards do (3 American Express and JCB, 4
# Visa, 5 Mastercard and domestic cards, 6 UnionPay, 9 BC) in groups: years (2021 2022 2023 2024), bus routes
# (7016 7022), fares (1000 2000 3000원) and times (0900 1200) stay.
_CARD_HIDDEN = "[0-9*Xx•]"
_CARD_RE = re.compile(
    rf"{_DIGIT_BEFORE}(?<![*Xx•])(?:[0-9]{{4}}(?P<s>[ ]?[-._][ ]?|[ ]{{1,2}}|){_Z}{_CARD_HIDDEN}{{4}}(?P=s){_Z}"
    rf"{_CARD_HIDDEN}{{4}}(?P=s){_Z}[0-9]{{4}}"
    r"|3[47][0-9]{2}(?P<a>[ ]?[-._][ ]?|[ ]{1,2}|)[0-9]{6}(?P=a)[0-9]{5})"
    r"(?![0-9*Xx•])(?![-._][0-9])"  # an expiry may follow after a slash: 1234-5678-9012-3456/0927
)
_CARD_TALK = re.compile(r"카드|결제|아멕스|비자|마스터|(?i:\bcard\b|visa|master|amex)")
_CARD_OPENING = frozenset("34569")
# What a number of that shape is when a word says so before it (계약번호, 증권번호, 고객번호, 수용가번호) or a unit
# after it (원, 번, 년).
_CARD_OTHER_BEFORE = re.compile(r"(?:계약|증권|고객|수용가|접수|주문|사건|일련|관리)(?:[ ]?번호)?[ ]?[:：]?[ ]?\(?$")
_CARD_OTHER_AFTER = re.compile(r"[ ]?(?:원|만|천|억|번(?!호)|년|달러|%)")

# --- car plate ----------------------------------------------------------------------------------------

_PLATE_LETTERS = "가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주아바사자배하허호"
_PLATE_RE = re.compile(
    rf"(?<![0-9])(?<!제)(?:(?:{_REGIONS})[ ]?)?[0-9]{{2,3}}[ ]?[{_PLATE_LETTERS}][ ]?[0-9]{{4}}"
    r"(?![0-9])(?![ ]?(?:원|만|천|억|명|개|건|년|대|%|m|km|kg))"
)

# A motorcycle's plate names its city: 전북군산 바 4417, 군산 바 2281; only where a vehicle is being talked about.
_CITY_PLATE_RE = re.compile(
    rf"(?<![가-힣0-9])(?:(?:{_REGIONS})[ ]?)?[가-힣]{{2}}[ ][{_PLATE_LETTERS}][ ]?[0-9]{{4}}(?![0-9])"
    r"(?![ ]?(?:원|만|천|억|명|개|건|년|대|%|m|km|kg))"  # 수리비 견적서 1500원, 나운로 1234 are no plates
)
# An embassy's, a consulate's or an international body's plate (외교 025-071, 영사 101-234; 대표 is also a
# company's main line) and a new car's temporary one (경기 임시 05-2286, 임시 123-4567 where a car is talked about).
_SPECIAL_PLATE_RE = re.compile(
    r"(?<![가-힣0-9])(?:외교|영사|국기|협정)[ ]?[0-9]{3}[ ]?[ -][ ]?[0-9]{3}(?![0-9])"
    rf"|(?<![가-힣0-9])(?P<region>(?:{_REGIONS})[ ]?)?임시[ ]?[0-9]{{2,3}}[ -]?[0-9]{{4}}(?![0-9])"
)
# 96도2753 after 선고 or 대법원 is a court case number of the same shape.
_CASE_BEFORE = re.compile(r"(?:선고|판결|법원|사건|판례|재판)[^\n]{0,16}$")

# --- numbers read out digit by digit ------------------------------------------------------------------

# A call transcript writes what it hears: 팔팔 공삼 일오 일 이삼사 오육칠, 일이 다시 이삼 다시 사오육칠팔구.
# Seven digits or more in a row are a number; what kind, the question asked just before tells.
_SPOKEN_DIGIT = "[공영일이삼사오육륙칠팔구]"
_SPOKEN_NUMBER_RE = re.compile(
    rf"(?<![가-힣]){_SPOKEN_DIGIT}(?:(?:[ ,.-]{{0,3}}|[ ,]{{0,2}}다시[ ,]{{0,2}}){_SPOKEN_DIGIT}){{5,}}"
    r"(?=[^가-힣]|$|이?요|입니다|이고|이에요|에요|번)"
)
_SPOKEN_NUMBER_KINDS = (
    (re.compile(r"외국인[ ]?등록|ARC|(?<!주민)등록증"), "FRN"),
    (re.compile(r"주민[ ]?(?:등록증?)?[ ]?번호|주민번호"), "RRN"),
    (re.compile(r"면허"), "DRIVER_LICENSE"),
    (_PASSPORT_KEYWORD, "PASSPORT"),
    (re.compile(r"계좌|환급|입금|송금|이체|통장"), "ACCOUNT"),
)
# A registration number read out with its dash said (다시), in Hangul or Arabic digits or both, spaced or not:
# 880921 다시 5 2 3 4 5 6 8, 구 이 영 일 일 오 다시 오 칠 칠 팔 삼 이 일. Six digits, 다시, seven: no other number is
# read so; the seventh digit tells a resident (5 to 8) from a citizen.
_SAID_REGISTRATION_RE = re.compile(
    rf"(?<![가-힣0-9]){_READ_DIGIT}(?:[ ]?{_READ_DIGIT}){{5}}[ ,]{{0,2}}다시[ ,]{{0,2}}"
    rf"(?P<g>[일이삼사오육륙칠팔1-8])(?:[ ]?{_READ_DIGIT}){{6}}"
    r"(?![ ]?[0-9공영일삼사오육륙칠팔구땡])(?![ ]?이(?![가-힣]))"  # a 이 after it is the copula's (… 이요)
)
# The front half of a 주민번호 asked for alone.
_FRONT_HALF = re.compile(r"앞[ ]?자리")
# How many digits each kind has: 삼사일, 오륙일 (days) near 환급 is no account.
_SPOKEN_DIGIT_COUNTS = {"FRN": (13,), "RRN": (13,), "DRIVER_LICENSE": (12,), "PASSPORT": (8, 9),
                        "ACCOUNT": range(10, 15)}
# A plate read out (이삼 마 사오육칠, 1 2 3 거 4 5 6 7), where a car is being talked about (차는 …); its front said as a
# number too (육십팔 너 칠이공일, 이백십구 호 삼삼오일).
_SPOKEN_PLATE_DIGIT = f"(?:{_SPOKEN_DIGIT}|[0-9])"
_SAID_UNIT = "[일이삼사오육칠팔구]"
_SAID_PLATE_FRONT = f"(?:{_SAID_UNIT}?백)?(?:[이삼사오육칠팔구]?십){_SAID_UNIT}?|{_SAID_UNIT}?백{_SAID_UNIT}?"
_SPOKEN_PLATE_RE = re.compile(
    rf"(?<![가-힣0-9])(?:{_SPOKEN_PLATE_DIGIT}(?:[ ]?{_SPOKEN_PLATE_DIGIT}){{1,2}}|{_SAID_PLATE_FRONT})[ ]?"
    rf"[{_PLATE_LETTERS}][ ]?"
    rf"{_SPOKEN_PLATE_DIGIT}(?:[ ]?{_SPOKEN_PLATE_DIGIT}){{3}}(?![0-9])"
    r"(?![ ]?(?:원|만|천|억|조|명|개|번|대|세대|회|층))"
)
# ... or named right after the plate: 1 5 7 가 3 3 0 2 차량이요
_CAR_AFTER = re.compile(r"[ ]?(?:차량|차(?:가|는|를|예요|이에요|요)?(?![가-힣])|번호판)")
_CAR_TALK = re.compile(
    r"차량|차[ ]?번호|번호판|자동차|오토바이|이륜차|스쿠터|트럭|화물차|승용차|승합차|택시|봉고|탑차|(?i:suv)|"
    r"(?<![가-힣])차(?:는|가)[ ](?=[^\n]{0,12}$)")

# --- address ------------------------------------------------------------------------------------------

_BLOCK = "(?:[0-9]{1,4}|[A-Za-z]|[가나다라마바사아자차카타파하])[ ]?동"
_FLOOR = "(?:지하[ ]?)?[0-9]{1,3}[ ]?층"
# A unit number, not 3호선 (a subway line), 1호기 (a machine), 302호실 or 302호 회의실 (a room).
_NOT_A_HOME = (
    "(?![선실기차점0-9])"
    "(?![ ]?(?:[가-힣]{0,3}(?:회의|강의|세미나|열람|상담|민원|사무|연구|진료|실험|자료|전시)실"
    "|교실|병실|강당|법정|병동))"
)
_UNIT = f"[A-Za-z]?[0-9]{{1,5}}[ ]?호{_NOT_A_HOME}"
# What may follow a road or lot number as part of the same address: 101동 1203호, 3층 302호, 2층.
_TAIL = rf"(?:[ ]?,?[ ]?(?:{_BLOCK}[ ]?(?:{_FLOOR}[ ]?)?{_UNIT}|{_FLOOR}(?:[ ]?{_UNIT})?|{_UNIT}))?"
_APARTMENT_RE = re.compile(
    rf"(?<![가-힣0-9A-Za-z]){_BLOCK}[ ]?(?:{_FLOOR}[ ]?)?{_UNIT}"
    # as a contract writes them (제101동 제1202호) and as a clerk takes them down from a call (1 0 1 동 1 2 0 2 호)
    rf"|(?<![가-힣0-9])제[ ]?[0-9]{{2,4}}[ ]?동[ ]?제[ ]?[0-9]{{3,4}}[ ]?호{_NOT_A_HOME}"
    rf"|(?<![0-9])[0-9](?:[ ][0-9]){{1,3}}[ ]?동[ ]?[0-9](?:[ ][0-9]){{2,3}}[ ]?호{_NOT_A_HOME}"
    rf"|(?<![0-9]){_FLOOR}[ ]?{_UNIT}"
    rf"|(?<![0-9제-])[0-9]{{1,4}}-{_UNIT}"
    # a bare 3-4 digit unit (아랫집 1402호); 제1402호 and 2017진정 2506호 are document and case numbers
    rf"|(?<![0-9제-])(?<!제 )(?P<bare>[0-9]{{3,4}}[ ]?호){_NOT_A_HOME}"
    # a basement unit after the building's name: 행복빌라 B01호
    rf"|(?<=[가-힣][ ])[Bb][0-9]{{2,3}}[ ]?호{_NOT_A_HOME}"
)
_BUILDING_KINDS = "아파트|빌라|맨션|타워|캐슬|하이츠|오피스텔"
# Right after a street's address, a building's name (한화꿈에그린, Hillstate) and its dong-ho pair (103-1504).
_UNIT_AFTER_STREET_RE = re.compile(
    r"(?:[A-Z][A-Za-z]+(?:[ ][A-Z][A-Za-z]+){0,3}|[가-힣]{2,12})[ ]?"
    r"(?P<v>(?!(?:19|20)[0-9]{2}-)(?!0)[0-9]{2,4}-[0-9]{3,4})(?![0-9-])"
    r"(?![ ]?(?:년|번|호선|원|명|개|건|회|대|세대|가구|%))"
)
# Numbers a pair after a street may be instead of a building's: 민원번호 12-3456, 전화 270-1234, 기간 0301-0430.
_NOT_A_BUILDING_BEFORE = re.compile(r"(?:번호|전화|연락처|문의|팩스|기간|민원|신고|접수|사건|고지서)[ ]?$")
_BUILDING_UNIT_RE = re.compile(
    rf"[가-힣]{{1,10}}(?:{_BUILDING_KINDS})[ ]?"
    r"(?P<v>(?!(?:19|20)[0-9]{2}-)[0-9]{2,4}-[0-9]{3,4})(?![0-9-])"
    r"(?![ ]?(?:년|번|호선|원|만|천|억|명|개|건|대|세대|가구|타입|형|동|평|층|%|㎡))"
)
_LOT_LIVED_RE = re.compile(
    r"(?<![0-9-])(?P<v>[0-9]{3,4}-[0-9]{1,4})(?![0-9-])(?=(?:번지)?(?:에|에서)[ ]?(?:사는|살고|살아요|거주))"
)
_DOCUMENT_BEFORE = re.compile(r"(?:[0-9]{2,4}[가-힣]{1,4}|법률|조례|규칙|고시|공고|훈령|예규|지침)[ ]?$")
# A building number is followed by a boundary or a particle, never by a unit (전화로 3분, 등산로 1코스), a
# decimal or list (수요관리로 13.5GW, 상대로 1,2심) or 가 (종로3가 is a neighbourhood).
_ADDRESS_END = (
    r"(?![0-9])(?!-[0-9])(?![.,][0-9])(?![ ]?가)(?=$|[ ,.)\]/\n~]|에|으로|로|이|은|는|의|인|입|쪽|앞|근처|번지|고[ ,]"
    r"|전화|연락처|핸드폰|휴대폰)"  # the next field, in a text typed with no space (…수성4길23전화는)
)
_ROAD_RE = re.compile(
    r"(?<![가-힣0-9A-Za-z])(?P<road>[가-힣]{1,10}(?:3\.1|[0-9]{0,3})(?:대로|로|길))"  # 구암3.1로
    r"(?:[ ]?(?P<sub>[0-9]{1,4})[ ]?번?(?:길|가길))?"
    r"[ ]?(?:지하[ ]?)?(?P<num>[0-9]{1,4}(?:[ ]?-[ ]?[0-9]{1,3})?)" + _TAIL + _ADDRESS_END
)
# A street with its numbered side street (장량로145번길 12-3, 수성4길 23) is an address wherever it stands, even run
# into the word before it in text typed without spaces (주소포항시북구장량로145번길12-3, 정읍시수성동수성4길23): it
# starts after a district's or neighbourhood's name then.
_NUMBERED_STREET_RE = re.compile(
    r"(?:(?<=[시군구읍면])|(?<![가-힣0-9A-Za-z]))[가-힣]{1,6}(?:대로|로)[ ]?[0-9]{1,4}[ ]?번?가?길[ ]?"
    r"[0-9]{1,4}(?:[ ]?-[ ]?[0-9]{1,3})?" + _TAIL + _ADDRESS_END
    + r"|(?<=[시군구읍면동리])[가-힣]{1,6}[0-9]{1,3}가?길[0-9]{1,4}(?:-[0-9]{1,3})?" + _ADDRESS_END
)
# An item of a numbered or bulleted list, up to where a match starts on its line (1. 차동근 (미룡동 298)).
_LIST_ITEM_START = re.compile(r"(?m)^[ ]*(?:[0-9]{1,3}[.)]|[-•·*])[ ]*[^\n]{0,30}\($")
# A lot's number alone after its neighbourhood (장성동 1372 2층, 노형동 925 한화꿈에그린 103-1504): with no 번지 and no
# hyphen, only the city or district named right before, 주소 or the like, or a floor or unit after it says it is
# no count (see _bare_lot).
_BARE_LOT_RE = re.compile(
    r"(?<![가-힣0-9A-Za-z])(?P<place>[가-힣]{1,6}[0-9]{0,2}(?:동|리))[ ](?:산[ ]?)?(?P<num>[0-9]{1,5})(?![0-9.,:/-])"
    + _TAIL + _ADDRESS_END
)
_LOT_RE = re.compile(
    r"(?<![가-힣0-9A-Za-z])(?:[가-힣]{1,8}[0-9]{0,2}(?:동|리|가)[ ]?)?(?:산[ ]?)?[0-9]{1,5}(?:-[0-9]{1,5})?[ ]?번지"
    + _TAIL
    + r"|(?<![가-힣0-9A-Za-z])[가-힣]{1,8}[0-9]{0,2}(?:동|리)[ ]?(?:산[ ]?)?[0-9]{1,5}-[0-9]{1,5}"
    + _TAIL
    + _ADDRESS_END
    # A neighbourhood's numbered part (가) and a lot: 남항동 3가 112-7, 중앙로 3가 12-3 (not 을지로 3가 2023-2024).
    + r"|(?<![가-힣0-9A-Za-z])[가-힣]{1,8}(?:동|로)[ ]?[0-9]{1,2}가[ ]?(?:산[ ]?)?"
    + r"(?!(?:19|20)[0-9]{2}-)[0-9]{1,4}-[0-9]{1,4}"
    + _TAIL
    + _ADDRESS_END
    # A village (리) named after its 읍/면 with a bare lot number: 회현면 월연리 452.
    + r"|(?<=[읍면][ ])[가-힣]{1,6}리[ ]?(?:산[ ]?)?[0-9]{1,5}"
    + _TAIL
    + _ADDRESS_END
)
_UNIT_AFTER = re.compile(
    r"[ ](?:원|만|천|억|명|개|시간|시|분|초|일|월|년|층|번|회|차|건|세|살|곳|배|평|주|위|등|"
    r"%|km|m|kg|cm|미터|킬로|퍼센트|가구|세대|코스|단계|구간)"
    r"(?![가-힣])|[ ](?:원|만|천|억|명|개|시간|시|분|초|일|월|년|층|번|회|차|건|세|살|곳|배|평|주|위|등|가구|세대|코스|"
    r"단계|구간)(?=[은는이가을를에의도만])"
)
# Words that end like a neighbourhood or a village but are none (다리 사이에, 제가 3 군데, 운동 삼십 분).
_NOT_PLACES = frozenset({
    "우리", "거리", "자리", "다리", "머리", "소리", "요리", "관리", "처리", "수리", "유리", "이리", "저리", "그리",
    "이동", "활동", "운동", "행동", "공동", "자동", "감동", "출동", "변동", "작동",
})
# A count's word after a number (삼십 대, 3 만원, 5 대, 이 차선, 삼 개월째, 7 시쯤, 105 버스).
_COUNT_AFTER = re.compile(
    r"[ ]?(?:대|그루|마리|군데|식구|차례|차선|차로|개월|개|명|분|시|시간|번|살|세|년|달|주|일|원|만원|천원|만|천"
    r"|곳|채|평|호선|가구|세대|배|킬로|미터|버스|번째)(?:째|쯤|씩|간)?(?=[은는이가을를에의도만]|[^가-힣]|$)"
)
_NOT_ROADS = frozenset(
    {
        "도로", "경로", "통로", "차로", "진로", "선로", "항로", "수로", "철로", "활로", "미로", "회로", "육로",
        "대로", "상대로", "그대로", "이대로", "저대로", "마음대로", "맘대로", "제멋대로", "멋대로", "순서대로",
        "차례대로",
        "등산로", "산책로", "진입로", "통학로", "보행로", "활주로", "교차로", "자전거도로", "인도로", "출구로",
        "길", "골목길", "출근길", "퇴근길", "등굣길", "하굣길", "귀갓길", "지름길", "오솔길", "둘레길", "갓길",
        "산책길", "자전거길", "가는길", "오는길", "빗길", "눈길", "밤길", "뒷길", "샛길", "외길",
    }
)  # fmt: skip
_ADMIN_BEFORE = re.compile(r"[가-힣]{1,8}(?:시|군|구|읍|면|도)[ ]{1,2}$")
_CITY_BEFORE = re.compile(r"[가-힣]{1,8}(?:시|군|구|읍|면)[ ]{1,2}$")
_ADDRESS_KEYWORD = re.compile(r"(?:주소|거주|살고|사는|살아|위치|소재|도로명|자택|번지|전입|전출)[^\n]{0,20}$")
# An address read out in a call, its numbers in words: 나운로 삼십이 번길 십오, 대잠동 구십일번지,
# 원곡동 팔백구십삼 다시 십이 삼층, 효자동 삼가 천이백삼십 번지, 일공일동 천이백이호, 한빛로 삼십이길 오번지 (a side
# street said with 길 alone, 번지 after a road's number as people say it). A number is said by place
# (천이백삼십) or digit by digit (팔이칠, 일공일), and whole (not 천오 of 천오백사); a street's is an address where
# a city or district is named before it, or 주소/사는 is, or the words only an address has (번지, 번길, 다시) are.
_SAID_DIGIT = "[일이삼사오육륙칠팔구]"
_SAID_MULTIPLIER = "[이삼사오육륙칠팔구]?"
_SAID_PLACE_NUMBER = f"(?:{_SAID_MULTIPLIER}천)?(?:{_SAID_MULTIPLIER}백)?(?:{_SAID_MULTIPLIER}십)?{_SAID_DIGIT}?"
_SAID_NUMBER = (f"(?:{_SAID_PLACE_NUMBER}(?<=[일이삼사오육륙칠팔구천백십])|[공영일이삼사오육륙칠팔구]{{2,5}})"
                "(?![공영일이삼사오육륙칠팔구천백십])")
# an apartment's building and a home's unit have three or four digits (백삼동, 천이백이호, 삼공이호), not 이동 or 삼호
_SAID_HUNDREDS = rf"(?:(?={_SAID_MULTIPLIER}[천백]){_SAID_NUMBER}|[공영일이삼사오육륙칠팔구]{{3,4}})"
_SAID_UNIT = rf"{_SAID_HUNDREDS}호"
_SAID_BLOCK_UNIT = rf"{_SAID_HUNDREDS}동[ ]?{_SAID_UNIT}"
_SAID_FLOOR = f"(?:지하[ ]?)?(?:{_SAID_DIGIT}|십{_SAID_DIGIT}?)층"
_SAID_TAIL = rf"(?:[ ]?,?[ ]?(?:{_SAID_BLOCK_UNIT}|{_SAID_FLOOR}(?:[ ]?{_SAID_UNIT})?|{_SAID_UNIT}))?"
_SAID_END = "(?=$|[^가-힣]|이요|요|이고|고(?:요|[ ,])|이에요|에|인데|이라|살|사는|쪽)"
_SAID_ADDRESS_RE = re.compile(
    rf"(?<![가-힣])(?:(?P<place>[가-힣]{{1,8}}(?:동|리))(?:[ ]?{_SAID_NUMBER}가)?[ ](?:산[ ]?)?(?P<lot>{_SAID_NUMBER})"
    rf"(?:[ ]?(?P<dash>다시)[ ]?{_SAID_NUMBER})?(?:[ ]?(?P<beonji>번지))?"
    rf"|(?P<road>[가-힣]{{1,10}}(?:대로|로|길))[ ](?P<building>{_SAID_NUMBER})(?:[ ]?(?P<beongil>번[ ]?길|길)[ ]?"
    rf"{_SAID_NUMBER}(?:[ ]?번지)?)?(?:[ ]?(?P<road_dash>다시)[ ]?{_SAID_NUMBER})?){_SAID_TAIL}{_SAID_END}"
    rf"|(?<![가-힣])(?P<unit>{_SAID_BLOCK_UNIT}){_SAID_END}"
)
# Such an address where voice-to-text wrote every syllable apart after 주소 (주 소 는 한 빛 로 삼 십 이 길 오 번 지 고
# 요): its syllables joined, places' names then a number said, the way _SAID_ADDRESS_RE reads it with the spaces in.
_ADDRESS_CUE_APART_RE = re.compile(r"주[ ]?소[ ]?[는은][ ](?=[가-힣][ ][가-힣][ ])")
_SYLLABLES_APART_RE = re.compile(r"(?<![가-힣])[가-힣](?:[ ][가-힣](?![가-힣]))+")
_JOINED_SAID_ADDRESS_RE = re.compile(
    rf"(?:[가-힣]{{1,4}}?(?:시|군|구|읍|면))*[가-힣]{{1,5}}?(?:동|리|로|길)(?P<number>{_SAID_NUMBER})"
    rf"(?:(?P<street>번길|길){_SAID_NUMBER})?(?P<beonji>번지|다시{_SAID_NUMBER})?"
)

# --- names --------------------------------------------------------------------------------------------

_SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함"
    "변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌"
    "팽승간상시갈단견당화창계묵"
)
_COMPOUND_SURNAMES = ("남궁", "제갈", "선우", "황보", "독고", "사공", "서문", "동방")
_SURNAME = rf"(?:{'|'.join(_COMPOUND_SURNAMES)}|[{_SURNAMES}])"
# Lazy before an ending that may start with a name-like syllable (주민이라고 → 주민), greedy before a
# particle that may end a name (임다은입니다, not 임다 + 은).
_CAND = rf"(?P<v>{_SURNAME}[가-힣]{{1,2}}?)"
_CAND_GREEDY = rf"(?P<v>{_SURNAME}[가-힣]{{1,2}})"
_COPULA = (
    r"(?:입니다|입니당|이고요|이구요|이고|이에요|에요|예요|이요|인데요|인데|이며|이라고|라고|이라는데|라는데|이라는|라는"
    r"|고요|구요)"
)
# The copula of a self-introduction without 저는: 홍길동입니다, 진수아예요 (not 기다리라고, a quoted order).
_SELF_COPULA = r"(?:입니다|입니당|이고요|이구요|이고|이에요|에요|예요|인데요|이며)"
# After a field or role the name follows directly and ends at a boundary, an ending or 로 (예금주 윤지수로),
# never at another particle: 집주인이 나가라고, 이름은 한글이나 한자로 are sentences, not names.
_NAME_END = rf"(?=$|[^가-힣]|{_COPULA}|씨|님|로|으로|께서)"
# A field or role is set off from its value by a space or a colon: 성명: 최유리, 신고자 박지훈 (not 성명서가).
_LABEL_GAP = r"(?:[ ]{1,3}|[ ]{0,3}[:=\]][ ]{0,3})"
# Fields whose value is a name: 성명: 최유리, 제 이름은 이영희고요.
_NAME_FIELDS = "이름|성함|성명|민원인명|신청인명|신고인명"
# Roles written before a name in forms and complaints: 신고자 박지훈, 예금주 윤지수.
_ROLES = (
    "신고자|신고인|민원인|신청인|신청자|작성자|보호자|대표자|세대주|예금주|수령인|수취인|청구인|피해자|가해자|계약자|"
    "고소인|진정인|의뢰인|제보자|문의자|예약자|접종자|수급자|세입자|집주인|소유자|운전자|임차인|임대인|담당자|"
    "청원인|청원자|제안자|제안인|회장|대표|사장|원장|이장|통장|반장|위원장|총무|간사|대리|과장|팀장|계장|주임|실장|부장|"
    "차장|사원|조합장"
)
# Relatives written right before a name (어머니 김순례), and words written right after one (김영숙 할머니,
# 김소연 학생).
_KIN = (
    "어머니|아버지|어머님|아버님|엄마|아빠|할머니|할아버지|남편|아내|부인|아들|딸|손자|손녀|동생|누나|언니|오빠|형|"
    "며느리|사위|장모|장인|시어머니|시아버지|이모|고모|삼촌|조카|올케|새언니|형부|제부|처제|시누이|숙모|"
    "영감|할멈|안사람|바깥양반"  # how old couples name each other: 영감 어판석이 허리가
)
_KIN_AFTER = "할머니|할아버지|할매|할배|어르신|선생님|학생|군|양|주무관|과장|계장|팀장|주임|대리|경비원|기사"
# A full name typed straight after its field, the word ending there or the next field following (이름서태우
# 계좌신한110 …, 문자보내요이름은염판례주소는정읍시…); where the rest of the word is a particle or an ending
# (이름이라도, 성명서라도) Kiwi reads one in it.
_FIELD_JOINED_NAME_RE = re.compile(
    rf"(?:(?<![가-힣])|(?<=[요다]))(?:이름|성명|성함)(?:은|는)?(?P<v>{_SURNAME}[가-힣]{{2}})"
    r"(?=[ ,/]|$|주소|연락처|전화|번호|생년월일)"
)
# Who writes in says where they live and who they are in one breath: 나는 신풍동 사는 우덕배인디, 나 수송동 사는
# 준영인데, 저는 월명동 사는 구점순이고. Kiwi splits such names every way (우+덕+배이+ㄴ디), so only a word it knows
# as a common noun is refused (사람인데, 할매인디).
_RESIDENT_SELF_NAME_RE = re.compile(
    r"(?<![가-힣])(?:나는?|난|저는?|전|제가)[ ]+(?:[가-힣0-9-]+[ ]){0,2}?사는[ ]+(?P<v>[가-힣]{2,3}?)"
    r"(?=인디|인데|이고|이에요|예요|입니다|이요|이여|여(?![가-힣]))"
)
# A given name alone before a kin word or 네 (the family, the house): 순덕이 성님, 영철이형, 복례네 집, 민지 언니,
# 하늘이네가. Two syllables are mostly words (아이 엄마, 자기 엄마, 이+동네, 분산형), so a kin word is written after
# a space or the affectionate 이, both syllables must be a name's, Kiwi must read no word there, and a given name
# that is also a word needs the 이 (하늘이네).
_GIVEN_BEFORE_KIN_RE = re.compile(
    r"(?<![가-힣])(?P<v>[가-힣]{2})(?:(?P<i>이)[ ]?|[ ])"
    # 영식이 형네가, 영철이 어매가
    r"(?:성님|형님|형|언니|누나|오빠|엄마|아빠|어매|어메|엄니|어무이|아부지|할매|할머니|할아버지|이모|삼촌)(?:네)?"
    r"(?:이|가|은|는|도|한테|랑|에)?(?![가-힣])"
    r"|(?<![가-힣])(?P<w>[가-힣]{2})(?P<j>이)?네"
    # a shop named for its owner is a shop's name (영자네 분식, '순덕이네 국밥')
    r"(?![ ]?(?:분식|국밥|식당|슈퍼|상회|마트|반찬|떡|정육|치킨|카페|미용|세탁|횟집|국수|순대|김밥|약국|철물|꽃집|포차|"
    r"호프|다방))"
    r"(?:[ ]?(?:집|가게|사위|며느리|엄마|아빠|할머니|식구))?"
    r"(?:이|가|은|는|도|한테|랑|에)?(?![가-힣])"
)
# A village's and a church's offices written after a full name (박춘자 통장:, 안영길 목사님인데, 석만호 조합장이); a
# noun and its particle before them is not one (김장은 부녀회장: Kiwi reads the noun 김장 where a name starts).
_TITLE_AFTER_NAME_RE = re.compile(
    rf"(?<![가-힣]){_CAND_GREEDY}[ ](?:목사|신부|스님|전도사|통장|이장|반장|회장|조합장|부녀회장|노인회장|사장|원장|"
    r"총무|소장|관리소장|감독|선장|선주)님?(?=$|[^가-힣]|[은는이가을를께에도]|한테|인데)"
)
# Jobs written before a full name that is then the subject or object: 경비원 박영식이가, 직원 김민수한테.
_JOBS_BEFORE = "경비원|직원|관리인|관리소장|기사|주무관|담당|공무원|선생님|교사|원장|대표"
# Particles after a full name in running text (딸 정하늘이 다니는, 저 윤가람에게 해주세요).
_NAME_PARTICLE = r"(?=이가|이는|이도|이랑|이한테|한테|에게|이에게|께|이(?![가-힣]))"
_INTRO = "저는|전|저|제가|본인은|나는|난"
# A bare "…입니다" names the writer only where a self-introduction can stand: at the start of a sentence
# (after a greeting), later in a sentence that began with 저는, or right after a role or relative
# or department (수급자 장복례입니다, 회장 송말순입니다, 엄마 진수아입니다, 교통정책과 노병현입니다).
_SELF_INTRO_BEFORE = re.compile(
    r"(?:(?:^|[.!?\n])[ ]*(?:(?:안녕하세요|안녕하십니까|여보세요|네|예)[ ,.!~]*){0,3}"
    rf"|(?<![가-힣])(?:{_INTRO})[ ][^.!?\n]{{0,30}}[ ]"
    # 안녕하세요, 소룡동에서 카페를 운영하는 류지안이라고 합니다
    r"|(?:안녕하세요|안녕하십니까)[ ,.!~]+[^.!?\n]{0,40}[가-힣]는[ ]"
    rf"|(?:[가-힣]{{1,4}}(?:자|인|장|원|생|민|모|무|객)|[가-힣]{{1,8}}(?:과|팀|센터)|{_KIN})[ ]{{1,2}})$"
)
# How much a context vouches for a name: FORM (성명: 김철) takes a two-syllable name, STRONG (저는 …입니다,
# 이름은 …) a full name, WEAK (… 씨, 어머니 …) a full name made of common given-name syllables.
_FORM, _STRONG, _WEAK = 0, 1, 2
# A name question in a call transcript, up to the answerer's label: 성함은요?⏎민원인, 성함이요⏎민원인 (not
# 공원 이름이요⏎배다리요: a place's or a thing's name asked without ?)
_NAME_QUESTION = r"(?:성함(?:은|이)요[ .]*\n|(?:성함|이름)(?:은|이|을|를)?[^?\n]{0,12}\?[ ]*\n?)[^\n:?]{0,8}"
_NAME_PATTERNS: tuple[tuple[re.Pattern[str], int, re.Pattern[str] | None], ...] = (
    (re.compile(rf"(?<![가-힣])(?:{_NAME_FIELDS})[ ]{{0,3}}[:=\]][ ]{{0,3}}{_CAND_GREEDY}{_NAME_END}"), _FORM, None),
    # a key-value table row with two cells, | 성명 | 정하늘 | (a header row | 성명 | 성별 | 나이 | has more)
    (re.compile(rf"(?m)^[ ]*\|[ ]*(?:{_NAME_FIELDS})[ ]*\|[ ]*{_CAND_GREEDY}[ ]*\|[ ]*$"
                r"(?!\n[ ]*\|[ :|-]*-)"), _FORM, None),
    # a household's members listed by relation at the start of a line: 자: 사공한별 (19) 대학생, 조모: 나순임
    # with the age after it (부: 사망, 모: 고혈압 are no names)
    (re.compile(rf"(?m)^[ ]*(?:부|모|자|녀|처|부인|남편|배우자|조부|조모|장남|장녀|차남|차녀|세대원)[ ]?:[ ]{{0,2}}"
                rf"{_CAND_GREEDY}(?=[ ]?\((?:만[ ]?)?\d{{1,3}}(?:세|살)?[,)])"), _FORM, None),
    # 어머니(박순자), 저(노은비)는
    (re.compile(rf"(?<![가-힣])(?:{_KIN}|저|본인)[ ]?\({_CAND_GREEDY}\)"), _STRONG, None),
    # a record's real name in brackets after what the person is called: '꽃분이 할머니'(실명 심꽃분), (본명 장미자); not
    # 실명 인증 or 본명 노출이 outside them
    (re.compile(rf"\((?:실명|본명)[ ]?:?[ ]?{_CAND_GREEDY}\)"), _STRONG, None),
    # the answer to a name question in a call transcript: 성함은요? / 민원인: 남궁현수요., 여팔용입니더.
    (
        re.compile(rf"{_NAME_QUESTION}:?[ ]*"
                   # the surname first, alone or with a title (남궁, 남궁현수요; 용 사장. 용준기.)
                   rf"(?:{_SURNAME}[ ]?(?:사장님?|씨)?[ ]?[,.][ ]?)?{_CAND_GREEDY}"
                   rf"(?=요|입니다|이요|이에요|예요|고요|이고요|입니더|이라예|이시더|이여유|[ ]?[.,]|[ ]*$)"),
        _STRONG,
        None,
    ),
    # the same answer read out a syllable at a time: 성함이요⏎민원인: 김 은 재요
    (re.compile(rf"{_NAME_QUESTION}:?[ ]*(?P<v>{_SURNAME}(?:[ ][가-힣]){{2}})"
                r"(?=요|이요|이에요|예요|입니다|[ ]?[.,]|[ ]*$)"), _FORM, None),
    (
        re.compile(rf"(?<![가-힣])(?:{_INTRO}|{_KIN}|{_ROLES}|{_JOBS_BEFORE})[ ]{{1,2}}"
                   rf"(?P<v>{_SURNAME}[가-힣]{{2}}){_NAME_PARTICLE}"),
        _WEAK,
        None,
    ),
    # 안녕하세요 윤솔입니다: a two-syllable name is a self-introduction only right after a greeting
    (
        re.compile(rf"(?:^|[.!?\n])[ ]*(?:안녕하세요|안녕하십니까|여보세요)[ ,.!~]*(?P<v>{_SURNAME}[가-힣])"
                   rf"(?={_SELF_COPULA})"),
        _FORM,
        None,
    ),
    (
        re.compile(rf"(?<![가-힣])(?:{_NAME_FIELDS})(?:은|는|이|가|란)?{_LABEL_GAP}{_CAND_GREEDY}{_NAME_END}"),
        _STRONG,
        None,
    ),
    (re.compile(rf"(?<![가-힣])(?:{_INTRO})[ ]{{1,3}}{_CAND}(?={_COPULA})"), _STRONG, None),
    # how older people name themselves in Jeolla (나는 주말순이여, 내 이름 남궁덕배여), Chungcheong (나는
    # 노명숙이여유, 지는 박순덕이유) and Gyeongsang (지는 김말남이라예, 내는 정복순입니더)
    (re.compile(rf"(?<![가-힣])(?:나는|난|지는|내는|내[ ]?이름은?|이름은|성함은)[ ]{{1,3}}{_CAND_GREEDY}"
                r"(?=(?:이?여|이오)(?![가-힣]{3})|이?여유|이유(?![가-힣])|이?라예|입니더|이시더)"),
     _STRONG, None),
    # 김철수라고 합니다, where a quoted order (나가라고 하는데, 기다리라고 했는데) has no self-introduction; the name
    # may take its characters in brackets (이홍매(李红梅)라고 합니다) and the 고 may go (추분이라 합니더)
    (
        re.compile(rf"(?<![가-힣]){_CAND}(?:\([^()\n]{{1,24}}\))?(?:이)?라(?:고[ ]?|[ ])"
                   r"(?:합니다|합니당|해요|하는데요|하고요|하구요|불러요|부릅니다|합니더|캅니더|합니데이|해유|혀유)"),
        _STRONG,
        _SELF_INTRO_BEFORE,
    ),
    (re.compile(rf"(?<![가-힣])(?:{_ROLES}){_LABEL_GAP}{_CAND_GREEDY}{_NAME_END}"), _WEAK, None),
    (re.compile(rf"(?<![가-힣]){_CAND}(?={_SELF_COPULA})"), _WEAK, _SELF_INTRO_BEFORE),
    (
        re.compile(rf"(?<![가-힣]){_CAND}(?:[ ]?(?:씨|님)(?![앗족])"
                   rf"|[ ](?:{_KIN_AFTER})님?(?=$|[^가-힣]|[은는이가을를께에도]|한테|인데))"),
        _WEAK,
        None,
    ),
    (re.compile(rf"(?<![가-힣])(?:{_KIN})[ ]{{1,2}}{_CAND_GREEDY}{_NAME_END}"), _WEAK, None),
    # 는/가 after a name ending in a vowel, only after a form's role: 신청인 남궁민아는 (엄마 아빠 신청하는 is a verb)
    (re.compile(rf"(?<![가-힣])(?:{_ROLES})[ ]{{1,2}}(?P<v>{_SURNAME}[가-힣]{{2}})(?<![하되서증])(?=[는가][ ])"),
     _WEAK, None),
    # a candidate's ballot number in an election notice: 기호1 민경록, 기호 2번 차인범
    (re.compile(rf"(?<![가-힣])기호[ ]?[0-9]{{1,2}}번?[ ]?[.:]?[ ]{{0,2}}{_CAND_GREEDY}{_NAME_END}"), _STRONG, None),
    # a letter's sign-off: 구민지 올림, 지곡동 주민 선우재희 드림
    (re.compile(rf"(?:^|(?<=[ \n]))(?P<v>{_SURNAME}[가-힣]{{2}})[ ](?:드림|올림|배상)(?=[ ]*(?:$|\n|[.!]))"),
     _WEAK, None),
    # fields listed together, values in the same order: 성명/연락처/차량: 마준혁 / 010-…
    (re.compile(rf"(?<![가-힣])(?:{_NAME_FIELDS})(?:[ ]?/[ ]?[가-힣]{{2,5}}){{1,4}}[ ]*:[ ]*"
                rf"{_CAND_GREEDY}(?=[ ]*/)"), _FORM, None),
    # a name typed syllable by syllable in a form: 이름: 김 민 지
    (re.compile(rf"(?<![가-힣])(?:{_NAME_FIELDS})[ ]*[:=][ ]*(?P<v>{_SURNAME}(?:[ ][가-힣]){{2}})"
                r"(?=[ ]*(?:\n|$|[,/]))"), _FORM, None),
    # a signature at the very end, after a sentence, a dash or what the writer is: "… 부탁드려요. 김선희",
    # "- 윤하늘", "매일 타는 승객 어민혁"
    (re.compile(rf"(?:^|[.!?\n~]|[-–][ ]|[가-힣](?:민|객|무|자|인|원|장|생)[ ])[ ]*"
                rf"(?P<v>{_SURNAME}[가-힣]{{2}})[ .!]*\Z"), _WEAK, None),
    # a form's and a record's kin, the name ending its field or taking 씨/님 (동행: 배우자 사미령, where Kiwi reads 사미
    # as a word); a form's own nouns go on with words after them (배우자 동의서 제출, 손주 백일상 차렸어요)
    (re.compile(rf"(?<![가-힣])(?:배우자|처남|처형|시동생|손주)[ ]{{1,2}}{_CAND_GREEDY}"
                r"(?=[ ]*(?:\n|$|[,/)])|[ ]?(?:씨|님)(?![가-힣]))"), _WEAK, None),
    # a numbered item about a person's case in minutes: 1. 육영호 건: 도로점용 …
    (re.compile(rf"(?m)^[ ]*\d{{1,3}}[.)][ ]*{_CAND_GREEDY}(?:[ ]?(?:씨|님))?[ ]건(?=[ ]?[:(,]|[ ]?$)"), _WEAK, None),
    # who the person is to the writer, then the name: 남편이 양승호예요, 딸은 이서연이고요
    (re.compile(rf"(?<![가-힣])(?:{_KIN})(?:이|가|은|는)[ ]{_CAND}(?={_SELF_COPULA}|예요|이에요)"), _WEAK, None),
    # a signature line: 김도현 | 군산시 학부모회 회장
    (re.compile(rf"(?m)^[ ]*(?P<v>{_SURNAME}[가-힣]{{2}})[ ]*\|[ ]*[가-힣]"), _WEAK, None),
)
# A name written without a surname list's help, e.g. a foreign name after a name label: 이름 응우옌 티 란 입니다;
# one word where the label says whose name it is (아이 이름 테무진, 아버지 성함 옹대식), not a shop's (가게 이름
# 겨울빵집, 문구점 이름은 행운문구).
_LABELLED_NAME_RE = re.compile(
    rf"(?P<who>(?<![가-힣])(?:{_KIN}|아이|아기|애|제|내|저의|본인|자녀|환자|민원인|신청인)[ ])?"
    rf"(?<![가-힣])(?:이름|성명|성함)(?:은|는|이)?{_LABEL_GAP}"
    r"(?P<v>[가-힣]{2,6}(?:[ ][가-힣]{1,6}){0,3}?)"
    r"(?=[ ]?(?:입니다|이에요|예요|이고요|고요|이고|이며)|[ ]?[,/(\n]|(?P<stop>[ ]?[.]|$))"
)
# A name typed one syllable at a time opens its line or item or follows a word that asks for a name on forms and
# in spelled-out calls (세대주: 변 하 람, 성함은 김 점 례, - 봉 순 이, 어, 함 동 진이요): there the syllables are taken
# without Kiwi's say (see _spaced_name).
_SPACED_NAME_BEFORE = re.compile(
    r"(?:^|[:：,\-·•(]|(?:이[ ]?름|성[ ]?함|성명|세대주|목격자|민원인|신청인|진술인|대상자|내담자|보호자|신고자)"
    r"(?:[ ]?(?:은|는|이|이요))?|(?<![가-힣])(?:저[ ]?는|나[ ]?는|사[ ]?는)|(?:이름표|명찰)에(?:는)?[ ]*['‘\"“]"
    # who the person is to the caller, typed apart or not: 우리 아들은 구 태 양 이요
    rf"|(?<![가-힣])(?:{_KIN})[ ]?[은는])[ ]*$",
    re.MULTILINE,
)
# What counts or points before 분 (한 분, 두 분, 이 분, 그 분): no surname there.
_BEFORE_COUNTER = frozenset("한두세네몇이그저")
_SPACED_NAME_WORD_BEFORE = re.compile(r"(?:이[ ]?름|성[ ]?함|성명)(?:[ ]?(?:은|는|이|이요))?[ ]?:?[ ]*$")
# An account holder's name as the bank knows it, often the given name alone: 예금주 이슬, 예금주: 한결.
_HOLDER_RE = re.compile(r"(?<![가-힣])(?:예금주|수취인|수령인|받는[ ]?분|(?i:account holder|holder))"
                        rf"[ ]{{0,3}}[:=]?[ ]{{0,3}}(?P<v>[가-힣]{{2,4}}?)(?=$|[^가-힣]|{_COPULA}|로|으로)")
# Names in other scripts: "my name is Maria Santos", and a name given in two scripts, 존 스미스(John Smith),
# Li Na(李娜), Park Ji-hoon(박지훈).
_LATIN_WORD = "[A-ZÀ-ÖØ-ÞĐ][a-zß-öø-ÿđ\u0100-\u024f\u1e00-\u1eff]+(?:-[A-Z][a-z]+)?"
_LATIN_NAME = r"[A-Z][a-z]+(?:[ ][A-Z][a-z]+(?:-[a-z]+)?){1,3}"
_HAN_NAME = "[\u4e00-\u9fff]{2,4}"
# A full name in capitals as passports print it: CHEN XIAOMING, SATO KEN.
_CAPS_WORDS = "[A-Z]{2,}(?:[ ][A-Z]{2,}){1,3}"
_CAPS_NAME = f"{_CAPS_WORDS}(?![A-Za-z])"
_HANGUL_WORDS = "[가-힣]{1,6}(?:[ ][가-힣]{1,6}){0,3}"
_ENGLISH_SELF_NAME_RE = re.compile(
    rf"(?i:my name is|I am|I'm|this is)[ ]+(?P<v>{_LATIN_NAME}|{_CAPS_NAME})"
    # one word after my name is, where the sentence ends (My name is Enkhjargal.)
    r"|(?i:my name is)[ ]+(?P<n>[A-Z][a-z]+(?:-[a-z]+)?)(?=[ ]*[.,!]|[ ]*$)"
    # one word where the rest says it is a person: it's Jiyoung from apt 1203, this is Aziz speaking
    r"|(?i:it's|it is|this is|I am|I'm|my name is)[ ]+(?P<w>[A-Z][a-z]+(?:-[a-z]+)?)(?=[ ,]+(?i:from|here|speaking)\b)"
    # who the person is to the writer: my mother, Lee Soon-ja; My husband Tom Becker; my daughter Nomin
    r"|(?i:my|our|her|his)[ ](?i:mother|father|mom|dad|husband|wife|son|daughter|brother|sister|friend|neighbou?r|"
    r"landlord|boss|roommate|colleague|co-worker|coworker|grandmother|grandfather|child|kid|baby|cousin|uncle|aunt)"
    r",?[ ](?P<title>(?:Mr|Ms|Mrs|Dr|Miss)\.?[ ])?(?!(?:Mr|Ms|Mrs|Dr|Miss)\b)"
    rf"(?P<x>{_LATIN_NAME}|[A-Z][a-z]+(?:-[a-z]+)?)"
    r"(?![A-Za-z])"
)
# A foreign resident's one-word name in capitals as a Korean self-introduction ends: 저 태국 사람 SOMCHAI예요,
# 제 이름은 NGUYEN이에요 (a person word between: not 저 고향은 HANOI예요, 저는 차 TUCSON이고요).
_CAPS_SELF_NAME_KO_RE = re.compile(
    r"(?<![가-힣])(?:제[ ]?이름은?[ ]|저는?[ ][^.!?\n]{0,16}?(?:사람|출신|근로자|유학생|이름은?)[ ])"
    r"(?P<v>[A-Z]{4,})(?![A-Za-z])"
    r"(?=[ ]?(?:예요|이에요|입니다|이고요|이라고|라고))"
)
# Where a line's speaker label starts: the line's start, or a slash where a chat was pasted on one line (엄마: 바다야
# … / 바다: 응), and the time or channel in brackets a chat puts first ([오후 3:13] 응옥:, [카톡] 엄마:).
_LINE_LABEL_OPENING = r"(?:^|(?<=[ ]/[ ]))[ ]*(?:\[[^\]\n]{1,24}\][ ]*)?"
# Capitalised Cyrillic words where a Korean text puts a person: a chat's speaker (Тимур Ким:) or after who the
# person is (엄마 Светлана Пак), as Central Asian and Russian residents write their names.
_CYRILLIC_WORDS_RE = re.compile(r"(?<![А-Яа-яЁё])[А-ЯЁ][а-яё]+(?:[ ][А-ЯЁ][а-яё]+){0,2}(?![А-Яа-яЁё])")
_LINE_OPENING = re.compile(rf"(?m){_LINE_LABEL_OPENING}$")
# What a form's name field holds when it holds no name.
_NAME_FIELD_PLACEHOLDER = re.compile(
    r"(?:UNKNOWN|NONE|NOT PROVIDED|NOT GIVEN|ANONYMOUS|REDACTED|WITHHELD|TBD|NIL|N/A)\b")
# A passport's or a form's name fields, in capitals as the passport prints them: Surname: JEON Given names: SEOYEON.
# So is a form's name field in English or a resident's language (Name: TRAN VAN HUNG, Nama: SITI, Name: PERERA K.A.),
# the word opening the field (not File name, Company name).
_LATIN_NAME_FIELD_RE = re.compile(
    r"(?:(?i:surname|last name|family name|given names?|first name|middle name|full name)"
    r"|(?<![A-Za-z])(?<![A-Za-z][ ])(?i:name|nama|t[êe]n|h[ọo][ ]t[êe]n))[ ]*[:：][ ]*"
    r"(?P<v>[A-Z][A-Z'-]+(?:[ ](?:[A-Z][A-Z'-]+|[A-Z]\.(?:[A-Z]\.)*)){0,3})(?![a-z])"
)
# A Latin name spelled letter by letter after a request for its spelling (S-U-N-I-T-A, R-A-I), and the name
# written whole beside it (S-U-N-I-T-A, Sunita; Rai, R-A-I).
# Letters are joined by one mark throughout: S-U-N-I-T-A, N, G, U, Y, E, N, K I M.
_SPELLED_LATIN_RE = re.compile(
    r"(?<![A-Za-z-])(?P<v>[A-Z](?P<mark>-|,[ ]?|[ ])[A-Z](?:(?P=mark)[A-Z])+)"
    r"(?![A-Za-z-])"
)
_SPELLING_ASKED = re.compile(
    r"(?:이름|성함|성명|성은|스펠링|철자|영문|알파벳|(?i:spell|name))[^\n]{0,60}\n?[^\n]{0,20}$")
# After a label or a letter's closing: Name: Nguyen Van Hung, [성명] Nguyen Van Duc, Thanks,⏎Junseo Lee.
_LATIN_LABELLED_NAME_RE = re.compile(
    rf"(?:(?<![가-힣])(?:{_NAME_FIELDS})[\]:]?[ ]*|(?i:full name|name|account holder|holder)[ ]*:[ ]*|From:[ ]*"
    rf"|(?i:thanks|thank you|regards|best regards|sincerely)[,.!]?[ ]*\n[ ]*)(?P<v>{_LATIN_NAME})"
)
# In two scripts only as a person's: followed by a self-introduction's copula or 씨/님 (not 메이커 스페이스
# (Maker Space)은).
_KATAKANA_NAME = "[\u30a1-\u30fa\u30fc]{2,8}(?:[ ・][\u30a1-\u30fa\u30fc]{2,8})?"
_BOTH_SCRIPTS_RE = re.compile(
    rf"(?P<h>{_HANGUL_WORDS})[ ]?\((?P<v>{_LATIN_NAME}|{_HAN_NAME}|{_KATAKANA_NAME})\)"
    # or a chat's speaker (미즈키(水樹): …), taken only in a text that says it is a chat and where Kiwi reads the
    # Hangul as a proper noun and no place (not 주소(住所) or 비고(備考): fields; not 서울(首爾), 도쿄(東京))
    rf"(?=[ ]?(?:{_SELF_COPULA}|씨|님)|(?P<label>[ ]?:(?![0-9])))"
)
_LATIN_FIRST_RE = re.compile(
    rf"(?P<v>{_LATIN_NAME})[ ]?\((?:(?P<c>{_HAN_NAME})|(?P<h>{_HANGUL_WORDS}))\)(?=[ ]?(?:{_SELF_COPULA}|씨|님))"
)
# A name in Chinese characters with its reading in Latin letters in brackets: 佐藤健 (SATO KEN), 王丽 (Wang Li).
_HAN_THEN_LATIN_RE = re.compile(rf"(?<![\u4e00-\u9fff])(?P<c>{_HAN_NAME})[ ]?\((?P<l>{_LATIN_NAME}|{_CAPS_NAME})\)")
# The same person in another script right after a Latin name: Nguyen Van Hung (응우옌 반 흥), … / 응우옌 반 득.
_OTHER_SCRIPT_AFTER_RE = re.compile(
    rf"[ ]?(?:\((?:(?P<c>{_HAN_NAME})|(?P<h>{_HANGUL_WORDS}))\)|/[ ]?(?P<s>{_HANGUL_WORDS})(?=[ ]*(?:\n|$)))"
)
# A Latin name right before a foreigner's number: Dilnoza Yusupova (딜노자 유수포바). ARC: 950120-…
_LATIN_BEFORE_ID_RE = re.compile(
    rf"(?P<v>{_LATIN_NAME})[ ]?(?:\((?P<h>{_HANGUL_WORDS})\))?[.,]?[ ]*(?:[A-Za-z가-힣 .]{{0,20}}[:])?[ ]*$"
)
# A self-introduction in the writer's own language: 我是 장웨이, Tôi tên là Tran Thi Mai.
_FOREIGN_LANGUAGE_INTRO_RE = re.compile(
    rf"(?:我是|我叫|Tôi tên là|Tôi là|Ako si|Mening ismim)[ ]*"
    rf"(?:(?P<v>{_LATIN_NAME})|(?P<c>{_HAN_NAME})|(?P<h>{_HANGUL_WORDS}))"
    r"(?=[ ]*[.,!。\n(（]|$)"
)
# The name before a mail address: From: 박서윤 <seoyun.park@…>, 대리 최민서 (minseo.choi@…).
_NAME_BEFORE_EMAIL = re.compile(rf"(?<![가-힣A-Za-z])(?P<v>{_SURNAME}[가-힣]{{1,2}}|{_LATIN_NAME})[ ]?[<(]$")
# A foreign name given as the answer to a name question: 성함은요? / 민원인: 쩐 반 남이에요.
_ANSWERED_FOREIGN_NAME_RE = re.compile(
    rf"{_NAME_QUESTION}:[ ]*"
    r"(?P<h>[가-힣]{1,6}(?:[ ][가-힣]{1,6}?){1,3})(?=이에요|예요|입니다|이요|요)"
)
# The words right before a foreigner's registration number: 라흐마노프 알리셰르 (외국인등록번호 …), 쩐 티 흐엉 (…).
_BEFORE_FRN_RE = re.compile(rf"(?P<h>{_HANGUL_WORDS})[ ]?\((?:외국인[ ]?등록[ ]?번호[ :]*)?$")
# A foreign resident's self-introduction, the name in several words: 저는 베트남에서 온 응우옌 티 마이입니다.
_FOREIGN_SELF_NAME_RE = re.compile(
    r"(?<![가-힣])(?:저는|제[ ]?이름은)[ ](?:[^.!?\n]{0,30}?[ ])??(?P<h>[가-힣]{1,6}(?:[ ][가-힣]{1,6}){0,4})"
    r"(?=[ ]?(?:입니다|이에요|예요|이고요|이고|이며))"
)
# A self-introduction is read as a foreign name only in a text about a foreign resident: elsewhere the words
# before 입니다 are what the writer is (서울에서 온 관광객, 시각장애인).
_FOREIGN_CONTEXT = re.compile(
    r"외국인|국적|체류|유학생|이주|결혼이민|베트남|중국|필리핀|태국|캄보디아|네팔|몽골|우즈베키스탄|인도네시아|미얀마"
    # the visas of workers and of marriage migrants (E-9, H-2, F-4, F-6), not D-3 as in days to go
    r"|고려인|다문화|통역|(?<![A-Za-z0-9])(?:E-?9|H-?2|F-?4|F-?6)(?![0-9])|Tôi|我是|我叫"
)
# A long name with no surname from the list, introduced by 저는/제 이름은 (foreign residents: 응우옌티란입니다).
# Four syllables or more: shorter words there are Korean names (handled above) or what the writer is.
_LONG_SELF_NAME_RE = re.compile(
    r"(?:(?<![가-힣])저는|제[ ]?이름은)[ ]{1,2}(?P<v>[가-힣]{4,8})(?=[ ]?(?:입니다|이에요|예요|이고요|이고|이며|라고))"
)
# What a writer says they are (자영업자, 외국인, 회사원, 대학생, 주민): not a name.
_ROLE_ENDINGS = frozenset("자인원생민님장사")


NAME_WORDS = Path(__file__).resolve().parent.parent / "data" / "privacy" / "name_words.yaml"


def load_name_words(path: Path = NAME_WORDS) -> dict[str, frozenset[str]]:
    """The word lists that tell names from ordinary words, kept in ``data/`` so a city can edit them: sections
    ending in ``_syllables`` are strings of syllables, the others space-separated words."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        lists = {key: frozenset(value if key.endswith("_syllables") else value.split()) for key, value in raw.items()}
    except (OSError, yaml.YAMLError, AttributeError, TypeError) as exc:
        raise ValueError(f"이름 단어 목록을 읽을 수 없습니다 / cannot read the name word lists: {path}: {exc}") from exc
    missing = sorted(set(_NAME_WORD_SECTIONS) - set(lists))
    if missing:
        raise ValueError(f"이름 단어 목록에 항목이 없습니다 / name word lists lack {', '.join(missing)}: {path}")
    return lists


_NAME_WORD_SECTIONS = ("not_names", "place_names", "word_names", "before_foreign_name", "given_syllables",
                       "not_given_syllables", "not_last_syllables", "before_ja_syllables", "place_last_syllables",
                       "han_given_syllables", "not_child_names")
_NAME_WORDS = load_name_words()
_NOT_NAMES = _NAME_WORDS["not_names"]
_NOT_CHILD_NAMES = _NAME_WORDS["not_child_names"]
_PLACE_NAMES = _NAME_WORDS["place_names"]
_WORD_NAMES = _NAME_WORDS["word_names"]
_COINED_NAMES = _NAME_WORDS.get("coined_names", frozenset()) & _WORD_NAMES  # optional: a city's older file lacks it
_BEFORE_FOREIGN_NAME = _NAME_WORDS["before_foreign_name"]
_GIVEN = _NAME_WORDS["given_syllables"]
_NOT_GIVEN = _NAME_WORDS["not_given_syllables"]
_NOT_LAST = _NAME_WORDS["not_last_syllables"]
_BEFORE_JA = _NAME_WORDS["before_ja_syllables"]
_PLACE_LAST = _NAME_WORDS["place_last_syllables"]
_HAN_GIVEN = _NAME_WORDS["han_given_syllables"]
_NOUN_PREFIXES = _NAME_WORDS.get("noun_prefix_syllables", frozenset())  # optional: a city's older file lacks it
_OFFICE_MAILBOXES = _NAME_WORDS.get("office_mailboxes", frozenset())  # optional: a city's older file lacks it
# companies people name by their letters (엘지 일이삼 사오육 모델): no passport
_BRANDS_SAID_BY_LETTERS = _NAME_WORDS.get("brands_said_by_letters", frozenset())  # optional, as above
FOREIGN_NAME_WORDS = NAME_WORDS.with_name("foreign_name_words.yaml")
# The native-Korean given names that are also words, longest first, as one alternation for the patterns below.
_WORD_NAME_WORDS = "|".join(sorted(_WORD_NAMES, key=len, reverse=True))
# One's own name that is also a word, said as one's name (저는 한결입니다, 제 이름은 보람이에요, a call centre's
# 상담원 한울입니다), and whose name is in brackets or quotes after 이름 (제 이름(이담)이, 아이 성함(다온), 딸 이름이
# '하늘'입니다): a shop's name (가게 이름(행운문구), 가게 이름이 '하늘') has no person before it.
_WORD_NAME_SELF_RE = re.compile(
    rf"(?<![가-힣])(?:저는|제[ ]?이름은|내[ ]?이름은|(?P<agent>상담원|상담사))[ ](?P<v>{_WORD_NAME_WORDS})"
    r"(?=입니다|이에요|예요|이고요|이고|이구요)"
)
_NAME_IN_BRACKETS_RE = re.compile(
    r"(?<![가-힣])(?:어머니|아버지|엄마|아빠|남편|아내|아들|딸|아이|아기|애|제|내|저의|본인|자녀)[ ]?(?:이름|성명|성함)"
    r"(?:[ ]?\((?P<v>[가-힣]{2,4})\)"
    # or quoted after its particle and said to be the name, a pronoun too (딸 이름이 '우리'입니다; not 아이 이름 '짓기'
    # 수업, 이름이 '한자'로만)
    r"|(?:은|는|이)?[ ]?['‘\"“](?P<q>[가-힣]{1,4})['’\"”]"
    r"(?=이?(?:입니다|이에요|예요|에요|이고|고|이라고|라고|이래요|래요|인데|이요|요)(?![가-힣])))"
)
# A given name that is also a word (하늘, 빛나, 한결, 나래) is a person's where a word only a person takes follows it:
# a title (빛나 주무관님, 한결 군, 누리샘, 다함 님), a parent (하늘 엄마), or what the person said (나래 말로는). The
# affectionate 이 is not needed here, as in the kin rule (하늘이네), since no thing takes these words. Teachers and
# parents are also of things (미래 선생님, 바다 엄마 품처럼): before them a word Kiwi knows as a common noun stays.
_WORD_NAME_PERSON_RE = re.compile(
    rf"(?<![가-힣])(?P<v>{_WORD_NAME_WORDS})"
    r"(?:[ ]?(?:주무관|씨|님|군|양)(?:님)?|샘(?![ ]?[가-힣])"
    r"|[ ](?P<shared>선생님|선생|쌤|엄마|아빠|어머니|아버지|어머님|아버님)"
    r"|이?[ ](?:말로는|말로))"
    r"(?=$|[^가-힣]|(?:이|가|은|는|을|를|의|도|께서|한테|에게|이랑|랑|하고|이요|이에요|예요|께)(?![가-힣]))"
)

# A child's age in brackets after a word says it is a child's name (은혜(7살)와 사랑이(5살)가, 독고나래(8살),
# 여울이(만 7세)); what the child is to the writer (아이(7살), 막내(3세), 손주(6살)) is no name.
_NAME_WITH_AGE_RE = re.compile(
    r"(?<![가-힣])(?P<v>[가-힣]{2,4}?)이?[ ]?\((?:만[ ]?)?\d{1,2}[ ]?(?:살|세)(?:[ ]?[,/][^()\n]{0,12})?\)")
# A full name first in brackets with an age after it, as a case list writes whom it is about (어르신(성옥분, 83세),
# (주미란 78세), (성옥분 할머니, 83세)).
_NAME_THEN_AGE_RE = re.compile(
    r"\((?P<v>[가-힣]{3,4})(?:[ ](?:할머니|할아버지|어르신|씨|님))?(?:,[ ]?|[ ])(?:만[ ]?)?\d{1,3}[ ]?(?:세|살)[,)]")
# A teacher children call by the given name where the text is about a nursery, a kindergarten or a class (새롬
# 선생님, 예나 쌤): a listed word name (다운, 이슬) or two given-name syllables Kiwi reads as no common noun,
# pronoun or determiner (수학 선생님, 우리 선생님, 다른 선생님); elsewhere 다산 선생님, 구몬 선생님 are no child's.
_GIVEN_NAME_TEACHER_RE = re.compile(
    r"(?<![가-힣])(?P<v>[가-힣]{2})[ ]?(?:선생님|쌤)(?=$|[^가-힣]|[은는이가을를께의도]|한테|이랑|하고)")
_CHILDCARE_RE = re.compile(r"어린이집|유치원|보육|돌봄|돌보미|담임|학원|교실|도장|[0-9가-힣]반(?![가-힣])|알림장")


@dataclass(frozen=True)
class ForeignNameWords:
    """Words of foreign residents' names (data/privacy/foreign_name_words.yaml): Hangul words of two syllables or
    more, Vietnamese syllables that are no Korean word, Latin words in capitals, family-name endings, and the Latin
    words that make a capitalised phrase a place's, an office's or an event's name."""

    hangul: frozenset[str]
    syllables: frozenset[str]
    latin: frozenset[str]
    endings: tuple[str, ...]
    latin_endings: tuple[str, ...]
    latin_not_names: frozenset[str]


def load_foreign_name_words(path: Path = FOREIGN_NAME_WORDS) -> ForeignNameWords:
    """The editable lexicon of foreign residents' name words, grouped by origin in the file."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        hangul = {group: value.split() for group, value in raw["hangul"].items()}
        return ForeignNameWords(
            hangul=frozenset(w for group, words in hangul.items() if group != "vietnamese_syllables" for w in words),
            syllables=frozenset(hangul.get("vietnamese_syllables", ())),
            latin=frozenset(w for value in raw["latin"].values() for w in value.split()),
            endings=tuple(raw["surname_endings"].split()),
            latin_endings=tuple(raw["latin_surname_endings"].split()),
            latin_not_names=frozenset(raw["latin_not_name_words"].split()),
        )
    except (OSError, yaml.YAMLError, KeyError, AttributeError, TypeError) as exc:
        raise ValueError(
            f"외국인 이름 단어 목록을 읽을 수 없습니다 / cannot read the foreign name words: {path}: {exc}") from exc


_FOREIGN_NAMES = load_foreign_name_words()
_NAME_AFTER_PHONE = re.compile(
    rf"[ ]{{0,2}}[,)/]?[ ]{{0,2}}{_CAND_GREEDY}(?=[ ]*$|[ ]*[,.)/\n]|[ ]?{_COPULA}|(?P<quoted>[ ]*['\"’”]))")
# A copula said as a word of its own after a number read out, plain or a dialect's (… 팔팔공삼 이라예): no name.
_COPULA_WORD = re.compile("이(?:라예|라요|라고요|라고예|래요|래예|예요|에요|요|고요|고예|다|여|유)")
# Whose number it is in brackets after it: 010-… (보람), 010-… (김도윤). Checked as a list item is (see
# _listed_name_like), so 010-… (사무실) stays.
_NAME_IN_BRACKETS_AFTER_PHONE = re.compile(r"[ ]{0,2}\((?P<v>[가-힣]{2,4})\)")
_NAME_BEFORE_PHONE = re.compile(rf"(?<![가-힣]){_CAND_GREEDY}[ ]{{0,2}}[(:,]?[ ]{{0,2}}$")
_PHONE_WORD = "전화|연락처|핸드폰|휴대폰"
# Whose phone it is, said before the number: 수닐 전화 010-…, Ali phone 010-…
_OWNER_BEFORE_PHONE = re.compile(
    rf"(?<![가-힣A-Za-z])(?P<v>[가-힣]{{2,4}}|{_LATIN_WORD})[ ]?(?:{_PHONE_WORD}|(?i:phone|tel))(?:번호)?"
    r"[ ]?:?[ ]{0,2}$"
)
# A name before whose phone it is, the number itself spoken or further on (문칠성 전화는 공일공…, 변희숙 연락처:)
_NAME_BEFORE_PHONE_WORD = re.compile(
    rf"(?<![가-힣]){_CAND_GREEDY}(?:의|씨|님)?[ ]?(?:{_PHONE_WORD}|폰)(?:번호)?(?:는|은|:)"
)
_PARTICLES = frozenset("은는이가을를도로의와과")
# Kiwi reads an unseen surname + given name as a proper noun (NNP) where nothing introduces it: "어제 한채윤이랑
# 갔는데", "표상진, 오말녀 두 분". Its other proper nouns are mostly places and facilities, which end like one
# (나운동, 서초구, 여의도, 도봉산, 강남역, 홍제천) or take a particle of place (…에서, …으로); those are not names.
_HANGUL = re.compile("[가-힣]")
# Kiwi cannot encode a lone surrogate (pasted from broken UTF-16), and it spends ~70 µs a character on a long run
# without spaces (a pasted blob), where no name stands apart.
_UNREADABLE = re.compile(f"{LONE_SURROGATE.pattern}|[^\\s]{{64,}}")
_PROPER_NOUN_NAME = re.compile(rf"(?:{'|'.join(_COMPOUND_SURNAMES)})[가-힣]{{1,2}}|[{_SURNAMES}][가-힣]{{2}}")
_PLACE_AFTER = re.compile(r"에(?!게)|에서|으로|로(?![가-힣])|쪽|일대|근처|부근|방면|방향|일원|까지")
# A person word after it outweighs a place-like ending: 최영길 아저씨, 엄태구 씨, 박성구님.
_PERSON_AFTER = re.compile(
    r"[ ]?(?:씨|님|아저씨|아주머니|아줌마|할머니|할아버지|어르신|선생님|어머님|아버님|주무관|팀장|과장|반장|이장"
    r"|군(?![가-힣])|양(?![가-힣]))"
)
# A noun right after it in the same word makes a compound, not a name: 신세계백화점, 한강선.
_COMPOUND_TAGS = ("NNG", "NNP", "XR")
# Children and friends go by the given name alone, with an affectionate 이 after a closed syllable: 우리 서연이가,
# 한결이는, 도윤이 엄마. 이 and then another particle ends no noun (마을이가 is not Korean) unless Kiwi knows the
# whole as one word (고양이가, 웅덩이가, 움직이는); before 엄마 or 친구, 이 may be the subject particle
# (동생이 엄마한테), so there the word has to read like a given name.
# not 형: 비정+형
_PERSON_WORDS = "엄마|맘|아빠|어머니|어머님|아버지|아버님|부모님|할머니|할아버지|친구|동생|언니|누나|오빠"
# What may follow 엄마 or 친구 as a person word, not 맘에 들다 or 친구같은.
_AFTER_PERSON_WORD = "(?=$|[^가-힣]|[은는이가을를도의와랑]|한테|께|예요|이에요|입니다|들|라고|라는)"
_NICKNAME_RE = re.compile(
    rf"(?<![가-힣0-9])(?P<v>[가-힣]{{2}})이(?:(?P<particle>가|는|도|를|한테|에게)(?![가-힣])|[ ]?(?:{_PERSON_WORDS})"
    rf"{_AFTER_PERSON_WORD})"
)
# A line's speaker label: [오후 3:13] 응옥:, 하람할머니:, 다운아빠: (the person word is not part of the name).
_PARENT_AFTER_CHILD = "맘|엄마|아빠|할머니|할아버지|네"  # 초롱맘, 지호엄마, 솔이네: the child's name, then who
_SPEAKER_KIN = f"(?P<kin>{_PARENT_AFTER_CHILD})?"
_SPEAKER_RE = re.compile(rf"(?m){_LINE_LABEL_OPENING}(?P<v>[가-힣]{{2,5}}?){_SPEAKER_KIN}[ ]?:(?![0-9])")
# The same in a pasted chat that puts the speaker in brackets: [옥자] 너 또 …⏎[말순] 언니 …
_BRACKET_SPEAKER_RE = re.compile(rf"(?m)^[ ]*\[(?P<v>[가-힣]{{2,5}}?){_SPEAKER_KIN}\][ ]+(?=\S)")
_SURNAME_START = re.compile(_SURNAME)
# A text that says it holds a pasted chat: there a speaker is a person even when the label is also a word (슬기:,
# 누리:, 가람:) or the writer's own (나:), and Latin labels are names too (Dilshod:, Tuấn:).
_CLOCK = r"\d{1,2}:\d{2}"
_MESSENGER_TIME = (rf"\[(?:(?:오전|오후|밤|새벽|저녁|아침|낮)[ ]?|\d{{4}}[.\-/][ ]?\d{{1,2}}[.\-/][ ]?\d{{1,2}}\.?[ ])"
                   rf"{_CLOCK}\]")
_MESSENGER_TIME_RE = re.compile(rf"[ ]*{_MESSENGER_TIME}")
_CHAT_HEADER_RE = re.compile(
    r"카톡|카카오톡|단톡|단체방|톡방|가족방(?![문송])|반톡|메신저|대화방|대화[ ]?(?:내용|캡[처쳐])|캡처|캡쳐|채팅"
    r"|(?<![가-힣])라인(?![가-힣])|LINE|WhatsApp|텔레그램|DM"  # not 온라인, 가이드라인, 대화로 해결
    # a messenger's export: each line opens with its time ([오후 1:05] 준영: …, [2026.03.02 21:06] 준영: …)
    rf"|(?m:^[ ]*{_MESSENGER_TIME})"
)
# A chat exported with the time alone ([07:45] 기사님: …): a chat where a label speaks on two stamped lines, where a
# schedule's items ([19:00] 하늘정원: 야간 개방⏎[21:00] 달빛마당: 공연) each stand once.
_TIME_STAMPED_LABEL_RE = re.compile(rf"(?m)^[ ]*\[{_CLOCK}\][ ]*(?P<label>[^\n:\[\]]{{1,15}}):[ ]")


def _is_chat(view: str) -> bool:
    if _CHAT_HEADER_RE.search(view) is not None:
        return True
    labels = [m["label"] for m in _TIME_STAMPED_LABEL_RE.finditer(view)]
    return len(set(labels)) < len(labels)


# Speakers by role, not by name (나:, 엄마:): they make a chat's second speaker but are no name.
_SELF_SPEAKERS = ("나", "저", "본인", "엄마", "아빠")
_NOT_SPEAKERS = frozenset({"여보", "자기", "하나", "둘", "셋", "넷", "답", "질문", "답변", "공지", "쌤", "알바"})
_SELF_SPEAKER_RE = re.compile(rf"(?m){_LINE_LABEL_OPENING}(?:{'|'.join(_SELF_SPEAKERS)})[ ]?:(?![0-9])")
_LATIN_SPEAKER_RE = re.compile(
    rf"(?m){_LINE_LABEL_OPENING}(?P<v>[A-Z][a-zà-ỹ]+(?:[ ][A-Z][a-zà-ỹ]+){{0,2}}"
    # or in capitals, as workers from abroad type it (SURESH:, RAJ KUMAR:)
    r"|[A-Z]{3,12}(?:[ ][A-Z]{2,12}){0,2})[ ]?:(?![0-9/])"
)
# A given name alone right after who the person is to the writer (딸 지유가, 큰딸 상미, 아들 윤우한테), or right
# before it (서아 엄마, 지호엄마:, 준서 친구); 우리 and 저희 alone are no cue (우리 남한, 저희 강서).
_GIVEN_NAME_CUE = (
    "딸|아들|손주|손자|손녀|녀석|친구|내친구|동생|막내|조카|큰딸|작은딸|큰아들|작은아들|둘째|첫째|남편|아내|집사람|"
    "며느리|사위|언니|누나|오빠|형|애|아이|애기|아기|큰애|작은애"
)
# A full name right after who the person is, a particle on it (딸 윤하나가, 저희 아이 유한별이, 손주 김하준이도, 옆집
# 도만출이가, 명의자 안보람,), or where the writer lives (나포면 사는 추말순이요, 회현면 사는 고말순인디), or a name
# field with an honorific copula (이름은 염복순이시고): the patterns with a name's end before them take no particle.
_CUED_FULL_NAME_RE = re.compile(
    rf"(?<![가-힣])(?:{_KIN}|{_GIVEN_NAME_CUE}|옆집|윗집|아랫집|앞집|뒷집|명의자|농장주|선주|사는|이름은|성함은)"
    r"[ ]{1,2}"
    rf"(?P<v>{_SURNAME}[가-힣]{{2}})"
    r"(?=(?:이가|이도|이는|이랑|이한테|이요|이여|이고|인디|인데|이시고|이세요|이|가|은|는|도|랑|한테|의|에게)(?![가-힣])"
    r"|[ ]?[(,])"
)
# After a word for a child a native-Korean name is as often a word: 아이 미래를, 아이 행복이
_CHILD_CUES = frozenset({"애", "아이", "애기", "아기", "큰애", "작은애"})
_CUED_GIVEN_NAME_RE = re.compile(
    rf"(?<![가-힣])(?P<cue>{_GIVEN_NAME_CUE})[ ]{{1,2}}(?P<v>[가-힣]{{2}})"
    r"(?=이?(?:가|는|도|를|랑|하고|한테|에게|의)?요?(?![가-힣]))"  # 첫째 은빛이도요
    rf"|(?<![가-힣0-9])(?P<w>[가-힣]{{2}})(?P<i>이)?[ ]?(?P<pw>{_PERSON_WORDS}){_AFTER_PERSON_WORD}"
    # a given name quoted as what someone is called: '정우'라고 불리던데
    r"|['‘\"“](?P<q>[가-힣]{2})이?['’\"”][ ]?이?라(?:고[ ]?(?:불리|부르|불러)|(?:고[ ]?하)?는[ ]?"
    r"(?:애|아이|분|사람|학생|형|누나|언니|오빠|동생|친구))"
    # a native-Korean given name before 씨 or 님 (하늘 씨가, 고운 씨(2층)); other words are checked by the full-name
    # patterns, as 고객님 and 기사님 are not names
    r"|(?<![가-힣])(?P<s>[가-힣]{2})[ ]?(?:씨|님)(?=$|[^가-힣]|[은는이가을를께도의과와]|한테|에게)"
    # a name called out ('은우야' 하고 부르는데), and what someone's name is (아이 이름이 지호라는 것만)
    r"|['‘\"“](?P<y>[가-힣]{2})(?:야|아)[!~]*['’\"”][ ]?(?:하고|라고|하며|하면서)"
    r"|(?<![가-힣])이름(?:이|은|는)?[ ](?P<n>[가-힣]{2})(?=이?(?:라는|라고|래요|예요|에요|입니다|야|고)(?![가-힣]))"
    # who the writer calls ours: 우리 준호랑, 저희 시우가 (not a place: 우리 군산이)
    r"|(?<![가-힣])(?:우리|저희|내)[ ](?P<u>[가-힣]{2})(?=이?(?:가|는|도|랑|하고|한테|에게)(?![가-힣]))"
    # where the writer lives, introducing themself: 수송동 사는 준영인데
    r"|(?<![가-힣])(?:사는|살고 있는)[ ](?P<l>[가-힣]{2})(?=(?:이|인)(?:데|디|고|에요|예요|요|다)|입니다|이에요)"
)
# Who the name belongs to: a mother or a father goes by the child's name, a proper noun Kiwi knows included
# (규리 엄마), where before 친구 or 할머니 it is mostly a place (전주 친구, 대만 친구).
_PARENT_WORDS = frozenset({"엄마", "맘", "아빠", "어머님", "아버님", "부모님"})
# Who a person is to the writer or what they do, before a name Kiwi does not know (아내 흐엉이, 동료 수닐 타망,
# 통역사 구르숭 셰르파:, 같이 사는 람 바하두르 구룽), and the start of a line that introduces the writer by a name
# Kiwi does not know (솜차이 예요, 찬드라 실바 입니다).
_PERSON_CUE_RE = re.compile(
    rf"(?<![가-힣])(?:{_KIN}|{_GIVEN_NAME_CUE}|동료|처제|처남|시누이|배우자|자녀|세입자|집주인|직원|선원|근로자|"
    r"통역사|통역|민원인|신청인|대표|회장|가이드|룸메이트|동거인|(?P<place>사는|일하는)|이름)(?:은|는|이)?(?:[ ]?:)?[ ]"
)
_PERSON_CUE_BEFORE = re.compile(rf"(?:{_PERSON_CUE_RE.pattern})$")
_LINE_START_RE = re.compile(r"(?m)(?:^|(?<=[.!?]))[ ]*")
_UNKNOWN_NAME_COPULA = re.compile(r"[ ]?(?:입니다|예요|이에요|이고요)")
_HANGUL_WORD = re.compile("[가-힣]+")
_RUN_OPENING_SURNAMES = frozenset("김박최정강조윤장임신황남리허송류홍텐")
_AFTER_NAME_SYLLABLES = frozenset("씨님군양측등외분")  # 김옥순 씨: what follows a name, not part of it
_PERSON_PARTICLE = re.compile(r"(?:이가|이는|이도|이랑|이한테|이|가|는|도|랑|한테|에게|[ ]?씨|[ ]?님)(?![가-힣])")
_ROLE_LIKE_END = frozenset("사원장생자")  # 활동지원사, 요양원, 실습생: a job or a facility Kiwi has not seen
# A full name after what the person does (and where), checked against Kiwi's reading instead of the list of common
# given-name syllables: 대표 표성국, 실장이 모태균이라고, 변호사 국도현, 발신: 건축과 한동욱, 상담원(김하린), a name
# tag's '구본석'이라고. A department alone is no cue: 북촌과 경복궁, 처방약과 조제약 (과 is also 'and').
_WORK_ROLES = (
    f"{_ROLES}|{_JOBS_BEFORE}|변호사|통역사|통역|상담원|상담사|사서|세무사|법무사|노무사|간호사|의사|강사|"
    "세대원|자녀|매도인|매수인|양도인|양수인|발신|수신|작성|보낸[ ]?사람|받는[ ]?사람|사는"
)
_WORKPLACE = "[가-힣]{1,8}(?:과|팀|계|센터|사업소|주민센터|복지센터)"
_CHECKED_END = rf"(?=$|[^가-힣]|{_COPULA}|였|이었|씨|님|이?가[ ]|이?는[ ]|한테|에게|께|인디|인데|이고)"
_WORD_AFTER = re.compile("[ ]?[가-힣]")
# A surname and a title, how people address an official: 이차장님, 정이사님, 안의원님.
_TITLES = frozenset(f"{_ROLES}|{_KIN_AFTER}|의원|이사|장관|국장|소장|총장|정부|선생|후보".split("|"))
# A full name someone goes by: the context is sure enough to take it where Kiwi splits it into words (빈도현이라는
# 기사, 표정히라고 썼는데).
_GOES_BY_RE = re.compile(
    rf"(?<![가-힣]){_CAND_GREEDY}이?라(?:는[ ](?:사람|기사|분|애|아이|학생|직원|남자|여자|아저씨|아줌마|할머니|"
    r"할아버지|선생님?|청년|주민)|고[ ]?(?:이름|썼|쓰|적))"  # not 유령집이라고 불러요: things are called names too
)
_CHECKED_NAME_PATTERNS = (
    re.compile(rf"(?<![가-힣])(?:{_WORK_ROLES})(?:이|가|은|는|님)?(?:[ ]{{1,2}}|[ ]?:[ ]?)"
               rf"(?:{_WORKPLACE}[ ])?{_CAND_GREEDY}{_CHECKED_END}"),
    re.compile(rf"(?<![가-힣])(?:{_WORK_ROLES})[ ]?\((?P<v>{_SURNAME}[가-힣]{{1,2}})\)"),
    re.compile(rf"(?:명찰|이름|성함|명함|직원|담당자?|주무관|선생님?|기사님?|사서분?)[^\n'‘\"“]{{0,12}}"
               rf"['‘\"“]{_CAND_GREEDY}['’\"”][ ]?(?:이?라고|이?라는|이었|였|이더|이고|씨|님)"),
    # 김보배 씨, where the weak context's syllable list turns down a given name that is also a word, and a full name
    # before how people address the person (안영길 목사님인데, 조순남 권사님)
    re.compile(rf"(?<![가-힣]){_CAND_GREEDY}[ ]?(?:씨|님|(?:목사|전도사|신부|수녀|원장|사장|기사|집사|권사|장로|"
               r"이장|통장|반장|회장|선생)님|스님)(?=$|[^가-힣]|[은는이가을를께도의과와인]|한테|에게)"),
)
# English words for who a person is, before a name in either script: my wife Analyn, boss name 안병욱,
# My landlord Mr. 변종철, my friend Hari KC; and a closing's single given name: Best regards,⏎Somchai.
_ENGLISH_PERSON_CUE_RE = re.compile(
    r"(?i:\b(?:my[ ])?(?:wife|husband|son|daughter|friend|boss|landlord|employer|neighbou?r|brother|sister|mother|"
    r"father|child|kid|manager|supervisor|roommate|room[ ]mate|colleague|co-?worker|cousin|uncle|aunt|partner|"
    r"classmate|tenant|nephew|niece|grandson|granddaughter|grandmother|grandfather|teacher)(?:[ ]name)?(?:[ ]is)?"
    r"|\bMrs?\.|\bMs\.)[ ,:]+(?:(?:Mrs?|Ms)\.[ ])?"
    rf"(?:(?P<v>{_LATIN_WORD}(?:[ ][A-Z][A-Za-z]+){{0,2}})|(?P<k>{_SURNAME}[가-힣]{{2}}))(?![A-Za-z가-힣])"
)
# A name in Latin letters with 씨 or 님 after it, as Korean speaks of a person: Gulnara 씨는, Phuong 님께 (not Admin님,
# Manager님: English or a group)
_LATIN_TITLED_RE = re.compile(
    rf"(?<![A-Za-z])(?P<v>{_LATIN_WORD}(?:[ ]{_LATIN_WORD}){{0,2}})[ ]?(?:씨|님)"
    r"(?=$|[^가-힣]|[은는이가을를의도께]|에게|한테|랑|하고|과|와)"
)
_SIGNED_FOR_GROUP = re.compile(r"(?i:team|staff|admin|everyone|all|management|office|residents|neighbors|neighbours)")
# A name in Latin letters after a person's 이름 (딸 이름 Malika, 제 이름은 Bekzod; not 가게 이름 Starbucks), or right
# after who the person is (제 아들 Joshua 7살이에요, 남편 Ramon이): a brand there is all English or on
# _NOT_LATIN_NAME (아들 Apple Watch, 딸 Samsung Pay)
_NAMED_LATIN_RE = re.compile(
    rf"(?<![가-힣])(?:(?:{_GIVEN_NAME_CUE}|{_KIN}|제|내|저의|본인|남편|아내)[ ]?이름(?:은|는|이)?[ ]?:?"
    rf"|(?P<kin>{_GIVEN_NAME_CUE}|{_KIN}))[ ]"
    rf"(?P<v>{_LATIN_WORD}(?:[ ][A-Z][A-Za-z]+){{0,2}})(?![A-Za-z])"
)
_CLOSING_GIVEN_NAME_RE = re.compile(
    # on its own line, or after a comma on the closing's line at the end of the text (Thanks, Tom; not Best Regards)
    r"(?i:regards|best|thanks|thank you|sincerely|cheers|salamat po|salamat|cảm ơn)"
    r"(?:[,.!]?[ ]*\n[ ]*|,[ ]*(?=[^\n]*$))"
    rf"(?P<v>{_LATIN_WORD})(?=[ ]*(?:\n|$))"
)
# A foreign resident's name after their nationality and what they are (중국사람 류양, 네팔 사람 비슈누 타파예요,
# 인도네시아 선원 부디예요), or after 저 (저 쩐 반 훙입니다, 저 흐엉이에요), or as the subject of 씨/님 (딜노자 카리모바
# 씨), in a text about a foreign resident; Kiwi must read a word of it as a proper noun or not know it.
_NATIONALITIES = (
    "중국|베트남|필리핀|태국|캄보디아|네팔|몽골|미국|일본|러시아|우즈베키스탄|우즈벡|인도네시아|미얀마|스리랑카|"
    "방글라데시|파키스탄|카자흐스탄|키르기스스탄|타지키스탄|라오스|동티모르|인도|이집트|나이지리아|가나"
)
_FOREIGN_PERSON_RE = re.compile(
    rf"(?:(?:(?<![가-힣])|(?<=[는은]))(?:{_NATIONALITIES})[ ]?(?:사람|국적|출신|선원|근로자|노동자|유학생|학생|친구|"
    r"남편|아내|엄마|며느리|여자|남자|새댁)|(?<![가-힣])(?:저는|저|(?P<friend>친구)))[ ]"
    rf"(?:(?P<h>[가-힣]{{1,6}}?(?:[ ][가-힣]{{1,6}}?){{0,3}}?)"
    rf"(?=[ ]?(?:{_SELF_COPULA}|이요|[,.!]|$)|(?(friend)(?:이랑|랑|도)(?![가-힣])|(?!)))"
    rf"|(?P<v>{_LATIN_WORD}(?:[ ][A-Z][A-Za-z]+){{0,2}})(?![A-Za-z]))"
    rf"|(?<![가-힣])(?P<s>[가-힣]{{2,6}}(?:[ ][가-힣]{{2,6}})?)[ ](?:씨|님)(?![가-힣])"
    # 친구들은 아크말이라고 불러요
    r"|(?<![가-힣])(?P<r>[가-힣]{2,6}?)(?:이)?라고[ ]?(?:불러요|부릅니다|불러|불리)"
)
# A foreign resident's name with the nationality in brackets after it, as an item of a list of workers: 솜팟
# 깨우(라오스), 응웬 반 토안 (베트남 국적); its first word is none Kiwi knows (쌀국수(베트남) is a dish)
_NAME_THEN_NATIONALITY_RE = re.compile(
    rf"(?:^|(?<=[\n:,/·-]))[ ]*(?P<h>[가-힣]{{1,6}}(?:[ ][가-힣]{{1,6}}){{0,3}})[ ]?"
    rf"\((?:{_NATIONALITIES})(?:[ ]?(?:국적|출신|인))?[,)]"
)
# A name in brackets right after a name found elsewhere is the same person in another script, and the words right
# before a bracketed name are too: [이름](류양), 陈思雨(천쓰위), 왕리나([이름]), 아지즈 카리모프 ([이름]); 씨 may
# come between (아피난 씨(Apinan)), a Japanese name's two parts stand apart (佐藤 由紀) or it is read in katakana
# (ヤマダ ハナコ), and Central Asian residents write theirs in Cyrillic (바트바야르(Батбаяр)).
_ALIAS_AFTER_RE = re.compile(
    rf"(?P<title>[ ]?(?:씨|님))?[ ]?\((?:(?P<v>{_LATIN_NAME}|{_LATIN_WORD}|[A-Z]{{2,}}(?:[ ][A-Z]{{2,}}){{0,3}})"
    rf"|(?P<c>{_HAN_NAME}|[\u4e00-\u9fff]{{1,3}}[ ][\u4e00-\u9fff]{{1,3}}|{_KATAKANA_NAME})"
    rf"|(?P<r>{_CYRILLIC_WORDS_RE.pattern})"
    rf"|(?P<h>{_HANGUL_WORDS}))\)"
)
# A foreign name written twice, in Hangul and in Latin letters, side by side in brackets or across a slash:
# 니파폰 스리삭(Nipaporn Srisak), 제니 로사리오(JENNY ROSARIO), 딜쇼드 라히모프 / Dilshod Rahimov. Neither needs a
# cue: the two scripts agree word for word on the sound each word starts with (see _transliterates).
_LATIN_ANY_WORD = "[A-ZÀ-ÖØ-ÞĐ][A-Za-zÀ-ÖØ-öø-ÿĐđ\u0100-\u024f\u1e00-\u1eff]*"  # capitalised: not dark tourism
_TRANSLITERATED_RE = re.compile(
    rf"(?<![가-힣])(?P<h>[가-힣]{{1,6}}(?:[ ][가-힣]{{1,6}}){{1,3}})(?:[ ]?\(|[ ]/[ ])"
    rf"(?P<l>{_LATIN_ANY_WORD}(?:[ ]{_LATIN_ANY_WORD}){{1,3}})(?=\)|[ ]/|[^A-Za-z]|$)"
    rf"|(?<![A-Za-zÀ-ÖØ-öø-ÿĐđ\u0100-\u024f\u1e00-\u1eff])(?P<l2>{_LATIN_ANY_WORD}(?:[ ]{_LATIN_ANY_WORD}){{1,3}})"
    r"(?:[ ]?\(|[ ]/[ ])"
    r"(?P<h2>[가-힣]{1,6}(?:[ ][가-힣]{1,6}){1,3})(?=\)|[ ]/|[^가-힣]|$)"
)
# The Latin letters a Hangul initial consonant is written with in the names of the countries foreign residents
# come from (ㅇ is silent or Ng-: 아웅 Aung, 응우옌 Nguyen; ㅊ is also K- in Burmese: 초 Kyaw; ㅉ T-: 쩐 Tran; ㅍ
# is a Slavic name's closing -v: 카리모프 Karimov).
_INITIAL_LETTERS = ("GKCQ", "KGC", "N", "DT", "TD", "RL", "M", "BPV", "PB", "SCXZT", "SXC", "AEIOUYWNH", "JZGCDT",
                    "JZCT", "CKQTJ", "KCQ", "T", "PFV", "HXGK")
# A name's reading in Hangul after a space, with no brackets (제 아내 Dilnoza 딜노자 가, Alexei Morozov 알렉세이 가).
_READING_AFTER_RE = re.compile(r"[ ](?P<h>[가-힣]{2,6}(?:[ ][가-힣]{1,6}){0,3})")
# A speaker label of Latin words before the brackets holding a name (Sally(서은지): 헐 언제까지요?).
_LATIN_LABEL_RE = re.compile(rf"{_LINE_LABEL_OPENING}(?P<v>{_LATIN_WORD}(?:[ ]{_LATIN_WORD}){{0,2}})$", re.MULTILINE)
_ALIAS_BEFORE_RE = re.compile(rf"(?:(?<![가-힣])(?P<h>{_HANGUL_WORDS})|(?P<v>{_LATIN_NAME}))[ ]?\($")
# ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hit:
    type: str
    start: int
    end: int
    # False for a look-alike that must stay visible but still claims its text, so that an office's phone
    # number is not masked as an account instead.
    personal: bool = True


class PiiMasker:
    """Finds and masks Korean personal data.

    ``types`` limits what is reported and masked (default: every type in ``PLACEHOLDERS``); every type is
    still detected, so that, say, a phone number is never masked as an account when only ACCOUNT is asked
    for. ``placeholders`` overrides the text put in place of a type. ``learned_names`` adds the names the learned
    readers find where no rule's context is: the shipped scorer (``nlp.name_scorer``) or ``name_scorer``, and the
    shipped tagger (``nlp.name_tagger``) or ``name_tagger``; training them turns that off. ``tagged_names=False``
    leaves the tagger out (to measure the scorer alone).
    """

    def __init__(self, types: Iterable[str] | None = None, placeholders: Mapping[str, str] | None = None,
                 learned_names: bool = True, name_scorer: NameScorer | None = None,
                 name_tagger: NameTagger | None = None, tagged_names: bool = True) -> None:
        allowed = ", ".join(PLACEHOLDERS)
        if isinstance(types, str):
            raise TypeError(f"types must be an iterable of type names, got the string {types!r}; pass [{types!r}]")
        chosen = tuple(PLACEHOLDERS) if types is None else tuple(types)
        for name in chosen:
            if name not in PLACEHOLDERS:
                raise ValueError(f"unknown PII type {name!r}; allowed types: {allowed}")
        self._types = frozenset(chosen)
        merged = dict(PLACEHOLDERS)
        for name, placeholder in (placeholders or {}).items():
            if name not in PLACEHOLDERS:
                raise ValueError(f"placeholder given for unknown PII type {name!r}; allowed types: {allowed}")
            if not isinstance(placeholder, str):
                raise TypeError(f"placeholder for {name} must be a str, got {placeholder!r}")
            merged[name] = placeholder
        self._placeholders = merged
        self._learned_names = learned_names
        self._name_scorer = name_scorer
        self._name_tagger = name_tagger
        self._tagged_names = tagged_names

    def warm_up(self) -> None:
        """Load the Kiwi model that name detection reads with (about 2 s, once per process), the learned readers
        and the encoder the tagger reads (about 2 s): a missing or damaged model fails here, not in a request."""
        if "NAME" in self._types:
            _name_reader().warm_up()
            self._scorer()
            tagger = self._tagger()
            if tagger is not None and tagger.context_layer is not None:
                from nlp.token_states import shipped_token_states

                shipped_token_states(tagger.context_layer)

    def _scorer(self) -> NameScorer | None:
        if not self._learned_names:
            return None
        return self._name_scorer if self._name_scorer is not None else _shipped_name_scorer()

    def _tagger(self) -> NameTagger | None:
        if not (self._learned_names and self._tagged_names):
            return None
        return self._name_tagger if self._name_tagger is not None else _shipped_name_tagger()

    def find(self, text: str) -> tuple[PiiSpan, ...]:
        """Personal data in ``text``: non-overlapping spans sorted by start, offsets into the NFC text without
        control characters."""
        nfc = _nfc(text)
        return tuple(
            PiiSpan(hit.type, hit.start, hit.end, nfc[hit.start : hit.end])
            for hit in _detect(nfc.translate(_FOLD), "NAME" in self._types, self._scorer(), self._tagger())
            if hit.type in self._types
        )

    def names_to_review(self, masked_text: str, floor: float) -> tuple[PiiSpan, ...]:
        """Words of a masked text (``mask``'s output) that may still be a name: what the masker finds in it when
        it reads it again with the learned scorer's threshold lowered to ``floor`` (the tagger keeps its own). A
        clerk reading a masked complaint is shown them to check, as blind sets keep finding names no rule reads that
        the scorer gives less than its threshold; a second reading also finds what the first could not see for the
        personal data around it. Offsets are into the NFC text, as ``find``'s. None without the scorer, when names
        are not masked, or with ``floor`` not under the threshold."""
        scorer = self._scorer()
        if scorer is None or "NAME" not in self._types or not 0 < floor < scorer.threshold:
            return ()
        nfc = _nfc(masked_text)
        lenient = dataclasses.replace(scorer, threshold=floor)
        return tuple(PiiSpan("NAME", hit.start, hit.end, nfc[hit.start : hit.end])
                     for hit in _detect(nfc.translate(_FOLD), True, lenient, self._tagger()) if hit.type == "NAME")

    def mask(self, text: str) -> MaskedText:
        """``text`` (as NFC, control characters dropped) with every span replaced by its placeholder; the spans keep
        the original values."""
        nfc = _nfc(text)
        spans = self.find(nfc)
        parts: list[str] = []
        cursor = 0
        for span in spans:
            parts.append(nfc[cursor : span.start])
            parts.append(self._placeholders[span.type])
            cursor = span.end
        parts.append(nfc[cursor:])
        if spans:
            logger.debug("masked %d spans of types %s", len(spans), sorted({s.type for s in spans}))
        return MaskedText("".join(parts), spans)


# C0/C1 control characters other than tab and line breaks: pasted from terminals or binary files, they split a
# number so no rule sees it ("010\x00-2345-6789") and PostgreSQL refuses NUL in text columns.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _nfc(text: str) -> str:
    text = _CONTROL.sub("", text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


# A placeholder in text masked before, with the particle that followed the value ([이름]이라고).
PLACEHOLDER_RE = re.compile(
    "(?:" + "|".join(re.escape(p) for p in sorted(set(PLACEHOLDERS.values()), key=len, reverse=True)) + ")[가-힣]*"
)


def _detect(view: str, names_wanted: bool, scorer: NameScorer | None, tagger: NameTagger | None,
            respace: bool = True) -> list[_Hit]:
    taken = bytearray(len(view))
    # Text masked before (a complaint retrained from its masked copy) keeps its placeholders and their particles:
    # [이름]이라고 must not become [이름][이름]
    for m in PLACEHOLDER_RE.finditer(view):
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    chosen = _resolve(_structured_hits(_ocr_digits(view)), taken)
    if names_wanted:  # a masker for identifiers only (minutes' stored transcript) skips the costliest part
        tokens = _read(view)
        names = _resolve(_name_hits(view, chosen, tokens), taken)
        if scorer is not None:  # after the rules: their spans are exact, the scorer's only where they found nothing
            names += _resolve((_Hit("NAME", s, e) for s, e, _ in scorer.names(view, tokens)
                               if (_name_like_span if e - s > 2 else _given_alone_like_span)(view, s, e, tokens)),
                              taken)  # not 예정+자, 안전+띠
        if tagger is not None:  # last: it reads what neither the rules' contexts nor the scorer's word starts see
            names += _resolve((_Hit("NAME", s, e) for s, e, chance in tagger.names(view, tokens)
                               if _tagged_name_like(view, s, e, tokens, chance)), taken)
        names += _resolve(_alias_names(view, names, tokens), taken)
        names += _resolve(_listed_names(view, names, tokens), taken)
        names += _resolve(_line_list_names(view, names, tokens), taken)
        chosen += names
        repeated = _resolve(_repeated_names(view, names, tokens), taken)
        chosen += repeated + _resolve(_alias_names(view, repeated, tokens), taken)
        if respace:
            chosen += _resolve(_respaced_hits(view, scorer, tagger), taken)
    return sorted((hit for hit in chosen if hit.personal), key=lambda hit: hit.start)


# A scanned form read by OCR writes 0 as O and 1 as l or I inside numbers (주민등록번호 : 66O83O-l495698, 휴대폰 :
# Ol0-5l27-884O). The numbers' rules read a copy with those letters made digits, the same length so every offset
# holds: in a run of digit groups (joined by - . or a space) with three digits or more and no more such letters than
# digits, each group with a digit in it or joined by a hyphen (기업 215-O48213-Ol-Ol7); not a word (Ol), nor a
# pronoun before a year (I 2026).
_OCR_HINT = re.compile("[0-9][OolI]|[OolI][0-9]")
_OCR_RUN = re.compile(r"(?<![A-Za-z0-9])[0-9OolI]+(?:[-. ][0-9OolI]+)*(?![A-Za-z0-9])")
_OCR_GROUP = re.compile(r"([-. ]?)([0-9OolI]+)")
_OCR_TABLE = str.maketrans("OolI", "0011")


def _ocr_digits(view: str) -> str:
    if _OCR_HINT.search(view) is None:
        return view

    def as_digits(run: re.Match[str]) -> str:
        digits = sum(ch.isdigit() for ch in run[0])
        if digits < 3 or digits < sum(ch in "OolI" for ch in run[0]):
            return run[0]
        groups = _OCR_GROUP.findall(run[0])
        return "".join(
            mark + (group.translate(_OCR_TABLE) if any(ch.isdigit() for ch in group) or "-" in (
                mark, groups[index + 1][0] if index + 1 < len(groups) else "") else group)
            for index, (mark, group) in enumerate(groups))

    return _OCR_RUN.sub(as_digits, view)


# Text typed on a phone often drops its spaces (보험처리안해준대요 아이이름은한지율입니다). The rules read where words
# start and end, so every "word" longer than a Korean word gets is read again with the spaces Kiwi puts back in it,
# and what that reading finds inside it, where this one found nothing, is mapped back onto the text as typed. Kiwi
# breaks words it does not know into syllables (공 우 언 광장, 양 주 동): a name found across two or more spaces it put
# in is such a break, not a name typed syllable by syllable.
_SPACELESS_WORD = re.compile(r"(?:[^가-힣]*[가-힣]){10,}[^가-힣]*")
# A shorter run is read again only with what introduces a name in it (제이름은배은정이고, 나는정옥분이고): Kiwi's
# spacing of every such word would find names in 채만식문학관이랑.
_SPACELESS_SHORT_WORD = re.compile(r"(?:[^가-힣]*[가-힣]){7,}[^가-힣]*")
_NAME_CUE_WITHIN = re.compile(rf"이름[은이]|성함[은이]|저는|나는|(?:{_KIN})")
_RESPACED_CONTEXT = 48
# Each long word costs a reading of its own: a text of hundreds (a pasted table, a spam run) is read for its first
# ones only, so no text costs seconds.
_RESPACED_WORDS_MAX = 20


def _respaced_hits(view: str, scorer: NameScorer | None, tagger: NameTagger | None) -> Iterator[_Hit]:
    long_words = (word for word in re.finditer(r"\S+", view) if _SPACELESS_WORD.fullmatch(word.group())
                  or (_SPACELESS_SHORT_WORD.fullmatch(word.group()) and _NAME_CUE_WITHIN.search(word.group())))
    for word in itertools.islice(long_words, _RESPACED_WORDS_MAX):
        spaced = _names_apart(_joined_syllables(_name_reader().space(word.group())))
        offsets = _typed_offsets(word.group(), spaced)
        if offsets is None:
            continue
        # the word with the text just around it, as a name's context stands near it (a text read whole again would
        # cost a second reading of every text with one such word in it)
        before = view[max(0, word.start() - _RESPACED_CONTEXT) : word.start()]
        after = view[word.end() : word.end() + _RESPACED_CONTEXT // 2]
        excerpt = before + spaced + after
        typed_at = [*range(word.start() - len(before), word.start()), *(word.start() + o for o in offsets),
                    *range(word.end(), word.end() + len(after))]
        put_in = [False] * len(before) + [ch == " " for ch in spaced] + [False] * len(after)
        for hit in _detect(excerpt, True, scorer, tagger, respace=False):
            start, end = hit.start, hit.end
            while start < end and put_in[start]:
                start += 1
            while end > start and put_in[end - 1]:
                end -= 1
            if start == end or (hit.type == "NAME" and sum(put_in[start:end]) >= 2):
                continue
            typed_start, typed_end = typed_at[start], typed_at[end - 1] + 1
            if word.start() <= typed_start and typed_end <= word.end():
                yield _Hit(hit.type, typed_start, typed_end, hit.personal)


def _joined_syllables(spaced: str) -> str:
    """Kiwi's spacing with the syllables of a word it did not know joined again: 공 우 언 광장 → 공우언 광장,
    나 운 로45-3 → 나운로45-3 (a single syllable beside another is such a break; 우리 딸 이름은 keeps its 딸)."""
    pieces = spaced.split(" ")
    joined: list[str] = []
    run = False  # whether the last piece joined is a run of single syllables
    for piece in pieces:
        single = len(piece) == 1 and "가" <= piece <= "힣"
        if joined and len(joined[-1]) == 1 and "가" <= joined[-1] <= "힣" and single:
            joined[-1] += piece
            run = True
        elif joined and run and (single or re.match(f"[가-힣][^가-힣]|{_KD}", piece)):  # 칠 팔입니다: digits read
            joined[-1] += piece
        else:
            joined.append(piece)
            run = False
    return " ".join(joined)


# Kiwi spaces a name it does not know as words it does (제 이름은 배 은 정이고, 편하 린이고, 아들은 배 시원입니다):
# between a word that introduces a name and the copula after it, its pieces are one name again.
_CUE_THEN_PIECES = re.compile(
    r"(?<![가-힣])(?P<cue>(?:제[ ])?이름은|이름이|성함은|성함이|저는|나는|전|난|[가-힣]{1,2}(?:은|는))[ ]"
    r"(?P<pieces>[가-힣]{1,3}?(?:[ ][가-힣]{1,3}?){1,3}?)"
    r"(?=(?:이고|입니다|이에요|예요|이요|이라고|라고|인데|이며|이여|여)(?:[ ]|$|[^가-힣]))"
)


# ... and leaves a relative's name on the relative (며느리여진희도, 손자김하준이가): a full name with a particle after a
# relative stands apart from it.
_AFTER_KIN_NAME = "(?:이가|이는|이도|이랑|이를|도|가|는|을|를|의|에게|한테|랑|씨|님|이고|입니다)(?:[^가-힣]|$)"
_KIN_THEN_NAME = re.compile(rf"(?<![가-힣])(?:{_KIN})(?={_SURNAME}[가-힣]{{2}}{_AFTER_KIN_NAME})")
# ... or Kiwi spaced the surname apart (며느리 여 진희도)
_KIN_SURNAME_APART = re.compile(
    rf"(?<![가-힣])(?P<kin>{_KIN})[ ](?P<surname>[{_SURNAMES}])[ ](?P<given>[가-힣]{{2}})(?={_AFTER_KIN_NAME})")


def _names_apart(spaced: str) -> str:
    """Kiwi's spacing with a name introduced in it set apart as one word (며느리 여 진희도 → 며느리 여진희도)."""
    def joined(m: re.Match) -> str:  # a name Kiwi broke leaves a syllable alone (배 은 정, 편하 린; not 서울 사람)
        pieces = m["pieces"].replace(" ", "")
        alone = any(len(piece) == 1 for piece in m["pieces"].split(" "))
        return f"{m['cue']} {pieces}" if alone and 2 <= len(pieces) <= 4 else m[0]

    spaced = _KIN_SURNAME_APART.sub(  # not 엄마 손 김밥이고: a given name that is a noun Kiwi knows
        lambda m: m[0] if _one_known_noun(m["given"]) else f"{m['kin']} {m['surname']}{m['given']}", spaced)
    return _KIN_THEN_NAME.sub(_kin_apart, _CUE_THEN_PIECES.sub(joined, spaced))


def _kin_apart(m: re.Match) -> str:
    """The relative set apart from the name after it, where that is no compound with a noun Kiwi knows (엄마손김밥,
    엄마표집밥, 형제자매도)."""
    after = m.string[m.end() : m.end() + 3]
    whole = _name_reader().tokenize(m[0] + after)
    compound = bool(whole) and whole[0].end > len(m[0])  # 형제자매: Kiwi reads on past the relative
    return m[0] if compound or any(_known_noun(token) for token in _name_reader().tokenize(after)) else m[0] + " "


def _typed_offsets(typed: str, spaced: str) -> list[int] | None:
    """For each character of ``spaced`` (the word ``typed``, which has no space, with spaces put in), its offset in
    ``typed``; None where the two differ in more than spaces."""
    offsets, i = [], 0
    for ch in spaced:
        if i < len(typed) and typed[i] == ch:
            offsets.append(i)
            i += 1
        elif ch == " ":
            offsets.append(i)  # a space put in stands where the next typed character does
        else:
            return None
    return offsets


_REPEATED_NAME_END = re.compile(
    r"(?=$|[^가-힣]|씨|님|이가|이는|이를|이도|이랑|이하고|이에게|이한테|이요|이에요|이고|입니다|예요|에요|요|가|는|를|은|을|의|"
    # a name said again with a dialect's or a plain copula (오 기 석이유 오기석, 도 경 태 도경태다, 맹 길 수여)
    r"이?유(?![가-힣])|이?여(?![가-힣])|다(?![가-힣])|이?고예(?![가-힣])|"
    r"에게|하고|"
    r"한테|께|도|와|과|랑|이(?![가-힣]))"
)
# A two-syllable name spreads only in the forms a person's name takes (서연이가, 서연이, 서연 씨): 하늘 found as a
# child's name must not take 하늘이 흐려서, nor 전주 every other 전주.
_REPEATED_GIVEN_NAME_END = re.compile(
    r"(?=이(?:가|는|를|도|랑|에게|한테|야|의)?(?![가-힣])|[ ]?(?:씨|님)(?![가-힣])|이?(?:엄마|맘|아빠|[ ]어머님)"
    # a chat label's name with who the person is to the writer, again (투이언니: … 투이언니:), or the person as the
    # cause (준서엄마: … 준서 때문에)
    r"|이?[ ]?(?:언니|누나|오빠)(?![가-힣])|[ ](?:때문에|덕분에|때문이))")
# The given name of a full name found in the text is that person wherever it takes a name's forms: 정다솜 … 다솜이
# 주소, 함옥순 … "옥순아!", 구하민 … 하민 드림, 최순례님 … 순례 언니도. A given name that reads as a word (김보람,
# 유빛나, 한물결) spreads only in forms the word does not take: 보람이가, 빛나야, not 보람이 있었던, 빛나는 건.
_KNOWN_GIVEN_NAME_END = re.compile(
    r"(?=$|[^가-힣]|(?:이)?(?:가|는|를|도|랑|네|야|의|에게|한테|라고|라는|에요|예요|요|형|누나|언니|오빠|나|와|하고)"
    r"(?![가-힣])|[아이](?![가-힣])|[ ]?(?:씨|님)(?![가-힣])|이?(?:엄마|맘|아빠|[ ]어머님))"
)
_KNOWN_GIVEN_WORD_END = re.compile(
    r"(?=이(?:가|는|를|도|랑|네|야|에게|한테|라고|라는|에요|예요|와|하고|만|까지|처럼|보다|부터)(?![가-힣])"
    r"|이(?:에게|한테|랑|하고|까지)(?:도|는)(?![가-힣])"
    r"|[아야](?![가-힣])|[ ]?(?:씨|님)(?![가-힣])|이?(?:엄마|맘|아빠|[ ]어머님)"
    # who the person is, as a record writes it, a note in brackets or the item's end after it (한결 학생(고2,
    # 성명 조한결); not 한결 학생들이 편해졌다, 미래 학생 인재), or a word pointing back at the person (성빛나 …
    # 빛나 그 사람)
    r"|[ ](?:학생|어르신|할머니|할아버지)(?=[ ]?[(,]|[ ]*$)|[ ]그[ ]?(?:사람|분|양반|친구)(?![가-힣]))"
)

_SUBJECT_PARTICLE = "(?:는|가|도|랑|와|하고|한테|에게)(?![가-힣])"
# (not 이야, 이네: the copula of 봄이야, 무슨 일이야)
_AFFECTIONATE_END = re.compile(r"(?=이(?:가|는|를|도|랑|의|에게|한테|와|하고)(?![가-힣]))")
# what a coined word name found takes beyond _KNOWN_GIVEN_WORD_END's forms: the affectionate 이 bare, or with 의
_BARE_AFFECTIONATE_I_END = re.compile(r"(?=이(?:의)?(?![가-힣]))")

_SYLLABLES_APART = re.compile("[가-힣](?:[ ][가-힣]){2,4}")
_HANGUL_RUN = re.compile("[가-힣]{3,6}")
_LATIN_RUN = re.compile(f"{_LATIN_WORD}(?:[ ]{_LATIN_WORD}){{0,3}}")
_CAPITALISED_BEFORE = re.compile("[A-Z][A-Za-z]*[ ]$")
_CAPITALISED_AFTER = re.compile("[ ][A-Z]")
_KOREAN_FULL_NAME = re.compile(f"{_SURNAME}[가-힣]{{1,2}}")


def _repeated_names(view: str, names: list[_Hit], tokens: list[Token]) -> Iterator[_Hit]:
    """A name found once is masked wherever else it stands as a word: a call transcript says it bare first
    ("강미래요") and with its context only later ("네 강미래님")."""
    found = {view[hit.start : hit.end] for hit in names}
    # a name read out a syllable at a time is the name written whole later on (육 도 하 요 … 육도하, 도하야)
    found |= {name.replace(" ", "") for name in found if _SYLLABLES_APART.fullmatch(name)}
    # a given name of a full name found keeps that name's wider endings when it was found alone too (하민이에요 …
    # 하민 드림 (대표 구하민))
    given = {_given_of(name) for name in found} - {None}
    # a name of three syllables or more found whole is the same name read out a syllable at a time, or with its
    # surname apart where the given name is no word (옹가온 … 옹 가 온 이요, 옹 가온; 독고준 … 독고 준이고요;
    # 비노드라이 … 비 노 드 라 이; not 이나라 … 이 나라, 한아름 … 한 아름)
    joined = {name.replace(" ", "") for name in found if _HANGUL_RUN.fullmatch(name.replace(" ", ""))}
    spaced = [" ".join(name) for name in joined]
    spaced += [f"{name[0]} {name[1:]}" for name in joined if len(name) == 3 and not _word_like_given(name[1:])]
    spaced += [f"{name[:2]} {name[2:]}" for name in joined if name[:2] in _COMPOUND_SURNAMES and len(name) in (3, 4)
               and not _word_like_given(name[2:])]
    # one pass for all of them (a form listing thousands of names must not cost a pass each), and the name as a
    # word: 피해보 found at the end must not take 피해보상
    # a child's name found with its affectionate 이 (별이엄마:, 솔이네:) is that child bare too (별이 오늘 안 가요?),
    # and a given name that is a word (노을맘:) in the forms the word does not take (노을이랑, not 노을이 지고)
    two = [v for v in found if len(v) == 2 and v not in given]
    # a word name with no last consonant takes no affectionate 이 (나래는, 단비가): it spreads with a person's
    # particle where Kiwi reads it there as a proper noun (not 바다가 보이는), and never before 를 (꿈의 나래를 펼쳐라)
    word_given = {v for v in given if _word_like_given(v)} | {v for v in two if v in _WORD_NAMES}
    plain_word_given = [v for v in word_given if _open_syllable(v[-1])]
    if plain_word_given:
        for m in re.finditer(rf"(?<![가-힣])(?:{'|'.join(plain_word_given)})(?={_SUBJECT_PARTICLE})", view):
            token = _token_starting_at(tokens, m.start())
            if token is not None and token.end == m.end() and token.tag == "NNP":
                yield _Hit("NAME", m.start(), m.end())
    # a surname and a one-syllable given name (강봄) is the child called by the given name and its 이 (봄이는, not
    # 봄이 왔다), where the two are no word (길이는)
    one_given = [v[1] for v in two
                 if v[0] in _SURNAMES and not _open_syllable(v[1]) and not _one_known_noun(f"{v[1]}이")]
    # a coined word name found (정한솔 … 한솔이 맞어) is that person with its affectionate 이 bare too, where an
    # everyday one is the word with its particle (우리 하늘이는 … 하늘이 흐려서)
    called = sorted(word_given & _COINED_NAMES)
    for patterns, end in ((spaced + [re.escape(v) for v in found if len(v) >= 3]
                           + [v for v in two if v[1] == "이" and v[0] in _GIVEN], _REPEATED_NAME_END),
                          ([v for v in two if v not in _WORD_NAMES and v[1] != "이"], _REPEATED_GIVEN_NAME_END),
                          ([v for v in given if v not in word_given], _KNOWN_GIVEN_NAME_END),
                          (list(word_given), _KNOWN_GIVEN_WORD_END),
                          (one_given, _AFFECTIONATE_END), (called, _BARE_AFFECTIONATE_I_END)):
        if patterns:
            # the ending is checked apart: a pattern built per text is compiled per text, and kept short
            alternatives = "|".join(sorted(patterns, key=len, reverse=True))
            for m in re.finditer(rf"(?<![가-힣])(?:{alternatives})", view):
                if end.match(view, m.end()):
                    yield _Hit("NAME", m.start(), m.end())
    yield from _misspelt_names(view, {name for name in found if len(name) >= 3 and _KOREAN_FULL_NAME.fullmatch(name)},
                               tokens)
    # each word of a Latin name found is that person alone (Michael Johnson … Michael); one that is an English word
    # too only with no capitalised word beside it (Maria Santos … [Maria]; not Grace Park … Central Park)
    english = _english_words()
    latin_names = [name.split(" ") for name in found if _LATIN_RUN.fullmatch(name)]
    latin_words = {word for words in latin_names for word in words if len(word) >= 3}
    spread = {word for words in latin_names if len(words) > 1 for word in words if len(word) >= 3}
    if spread:
        alternatives = "|".join(map(re.escape, sorted(spread, key=len, reverse=True)))
        for m in re.finditer(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])", view):
            if m[0].lower() not in english or not (_CAPITALISED_BEFORE.search(view, max(0, m.start() - 40), m.start())
                                                   or _CAPITALISED_AFTER.match(view, m.end())):
                yield _Hit("NAME", m.start(), m.end())
    yield from _readings_of_latin_names(view, latin_words, tokens)


_HANGUL_WORD_RE = re.compile("(?<![가-힣])[가-힣]{3,8}(?![가-힣])")
# What may follow a foreign name read in Hangul within its word: a particle, or how the person is called (not 이:
# 린나이 is a brand, not 린나 beside Linh).
_READING_PARTICLE = re.compile("(?:가|는|은|도|를|을|의|랑|한테|에게|씨|님|야|아|형|언니|누나|오빠)?")
# Where a person's name stands on its own: a chat message's first word (사장님: 아흐마드 내일 …), or the word ends
# there (…, 아흐마드.); a brand goes on with what it names (코레일 승차권, 코오롱 아파트).
_MESSAGE_START = re.compile(r"(?:^|:)[ ]*$", re.MULTILINE)
_WORD_ALONE_AFTER = re.compile(r"[ ]*(?:$|[\n,.!?~)])")
_READING_HEARD = 3  # consonants a reading needs to stand for a name found elsewhere: 아흐마드 has H, M, D


def _readings_of_latin_names(view: str, latin_words: set[str], tokens: list[Token]) -> Iterator[_Hit]:
    """A word of a Latin name found is that person in Hangul too, wherever its reading stands as a word, as a chat
    writes a worker's name in either script (Ahmad: … 사장님: 아흐마드 내일 몇시 와): a proper noun or a word Kiwi
    has to guess (not 지원해요 beside Tuấn) that ends as no place does (not 대야면 beside Tamang), where a person's
    name stands (with a person's particle, opening a message, or alone), whose every consonant heard is, in order, a
    letter of the Latin word, with three of them at least, so a short word's chance match (알람 for Alam) is not
    one."""
    if not latin_words or not _HANGUL.search(view):
        return
    for m in _HANGUL_WORD_RE.finditer(view):
        word = m[0]
        for length in range(len(word), 2, -1):
            if not _READING_PARTICLE.fullmatch(word[length:]):
                continue
            reading = word[:length]
            placed = (length < len(word) or _WORD_ALONE_AFTER.match(view, m.end())
                      or _MESSAGE_START.search(view, max(0, m.start() - 40), m.start()))
            if (placed and _consonants_heard(reading) >= _READING_HEARD and reading[-1] not in _PLACE_LAST
                    and _unknown_word(m.start(), length, tokens)) and any(
                    _transliterates([reading], [latin]) and _reads_as(reading, latin) for latin in latin_words):
                yield _Hit("NAME", m.start(), m.start() + length)
                break


_MARKED_OFF = re.compile("[?\"'”’]")
_MISSPELT_REACH = 30  # characters either side: "곽혜진"인지 "곽혜징"인지 발음이 뭉개져서


def _misspelt_names(view: str, found: set[str], tokens: list[Token]) -> Iterator[_Hit]:
    """A name found written again with one sound of its given name changed, right beside it, is the same person
    misheard or mistyped ("곽혜진"인지 "곽혜징"인지, 곽혜진? 곽헤진?): where Kiwi reads the misspelt word as a name, or
    as no word it knows with a quote or a question mark right after it (곽+헤지+ㄴ?); never a word that opens with
    one Kiwi knows (장학샘 … 장학생), nor one further off (노랑진 … 노량진, a place)."""
    if not found:
        return
    surnames = "|".join(sorted({name[: 2 if _surname_apart(name)[0] else 1] for name in found}, key=len, reverse=True))
    end = rf"(?=[^가-힣]|$|{_SUBJECT_PARTICLE}|이고|입니다)"
    for m in re.finditer(rf"(?<![가-힣])(?:{surnames})[가-힣]{{1,2}}{end}", view):
        word, near = m.group(), view[max(0, m.start() - _MISSPELT_REACH) : m.end() + _MISSPELT_REACH]
        if word not in found and any(len(name) == len(word) and _one_sound_apart(name, word) and name in near
                                     for name in found) and not _known_word_opens_alone(word) and (
                _name_like_span(view, m.start(), m.end(), tokens)
                or (_MARKED_OFF.match(view, m.end()) and not _one_known_noun(word) and word not in _NOT_NAMES)):
            yield _Hit("NAME", m.start(), m.end())


def _one_sound_apart(name: str, word: str) -> bool:
    """The two Hangul words differ in one initial, vowel or final consonant of one syllable (곽혜진, 곽혜징,
    곽헤진)."""
    return sum(a != b for one, other in zip(name, word, strict=True)
               for a, b in zip(_syllable_parts(one), _syllable_parts(other), strict=True)) == 1


def _noun_opens(tokens: list[Token], start: int, end: int) -> bool:
    """Kiwi reads a common noun of two syllables or more where the span starts (김장+은, 사람+인데, 할매+인디)."""
    return any(token.start == start and _known_noun(token) for token in _tokens_within(tokens, start, end))


def _known_noun_within(tokens: list[Token], start: int, end: int) -> bool:
    """Kiwi reads a common noun of two syllables or more anywhere in the span (노+부부, 김밥+천국)."""
    return any(_known_noun(token) for token in _tokens_within(tokens, start, end))


def _known_noun(token: Token) -> bool:
    return token.tag == "NNG" and not token.guessed and token.end - token.start >= 2


def _given_of(name: str) -> str | None:
    """The two-syllable given name of a Korean full name (정다솜 → 다솜, 남궁민수 → 민수), or None."""
    if len(name) == 4 and name[:2] in _COMPOUND_SURNAMES:
        given = name[2:]
    elif len(name) == 3 and name[0] in _SURNAMES:
        given = name[1:]
    else:
        return None
    return given if re.fullmatch("[가-힣]{2}", given) and given not in _NOT_NAMES else None


@functools.lru_cache(maxsize=4096)  # Kiwi's reading of a given name does not change between texts
def _word_like_given(given: str) -> bool:
    """A given name that is a word (a listed one, or a common noun to Kiwi: 이정원 → 정원, 김보수 → 보수), or has a
    syllable names rarely take (반지갑 → 지갑, 한물결 → 물결)."""
    if given in _WORD_NAMES or any(syllable not in _GIVEN for syllable in given):
        return True
    return _one_known_noun(given)


def _resolve(candidates: Iterable[_Hit], taken: bytearray) -> list[_Hit]:
    """Greedy: longest first, then most specific; a candidate overlapping taken text is dropped.

    ``taken`` marks the characters already claimed, one byte per character, and is updated.
    """
    chosen = []
    for hit in sorted(candidates, key=lambda h: (h.start - h.end, _RANK[h.type], h.start)):
        if taken.find(1, hit.start, hit.end) == -1:
            taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            chosen.append(hit)
    return chosen


def _registration_kind(m: re.Match[str]) -> str | None:
    """RRN or FRN by the digit after the birth date (1-4 Koreans, 5-8 foreigners), where the month (group m) and
    the day (group d), spaces allowed between their digits, are a date; None where they are not."""
    month, day = int(m["m"].replace(" ", "")), int(m["d"].replace(" ", ""))
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]):
        return None
    return "RRN" if m["g"] in "1234" else "FRN"


def _spoken_local_part(view: str, end: int) -> int:
    """Where the read-out local part of an address ending at ``end`` starts: the pieces before it, each after a
    space or a comma (see _SPOKEN_LOCAL_PIECE), at most eight of them; ``end`` where there is none. A single
    Hangul syllable counts only beside another piece, so 제 메일 골뱅이 … takes nothing."""
    start, pieces = end, 0
    while pieces < 8:
        head = start
        while head > start - 2 and head > 0 and view[head - 1] in " ,":
            head -= 1
        word = re.search(r"[^ ,\n]+$", view[max(0, head - 24):head])
        if (head == start and pieces) or word is None or _SPOKEN_LOCAL_PIECE.fullmatch(word.group()) is None:
            break
        start, pieces = head - len(word.group()), pieces + 1
    return start if pieces >= 2 or (pieces == 1 and end - start > 1) else end


def _said_phone_end(m: re.Match[str]) -> int:
    """Where a phone number read out ends in the digits _SAID_DIGITS_RE found, or 0: a 이 after it may be the
    copula (… 일삼이땡 이요), and a run of Arabic digits alone is the other rules' to read."""
    said = m.group()
    if not _HANGUL_DIGIT.search(said.replace("땡", "공")):
        return 0
    for end in (len(said), len(said.rstrip(" ")[:-1].rstrip(" ,")) if said.endswith("이") else 0):
        digits = re.sub("[^0-9]", "", said[:end].translate(_SAID_DIGIT_VALUES))
        if end and _PHONE_DIGITS.fullmatch(digits):
            return m.start() + end
    return 0


def _structured_hits(view: str) -> Iterator[_Hit]:
    # an office's line is the office's however it is typed, digit by digit too
    for m in itertools.chain(_PHONE_RE.finditer(view), _SPACED_PHONE_RE.finditer(view)):
        personal = not (_not_personal_number(view, m.start()) or _public_line(view, m))
        yield _Hit("PHONE", m.start(), m.end(), personal)
    for m in _SPOKEN_PHONE_RE.finditer(view):
        # Digits read out with 에 between the groups (010에 8847에 2216) are a mobile number too.
        if _HANGUL_DIGIT.search(m.group()) or (m.group().startswith("01") and "에" in m.group()):
            yield _Hit("PHONE", m.start(), m.end())
    for m in _SAID_DIGITS_RE.finditer(view):
        if end := _said_phone_end(m):
            yield _Hit("PHONE", m.start(), end)
    for m in _FOREIGN_PHONE_RE.finditer(view):
        if 7 <= sum(ch.isdigit() for ch in m["n"]) <= 12:
            yield _Hit("PHONE", m.start(), m.end())
    for m in _PHONE_REST_RE.finditer(view):
        if _seen_before(_MOBILE_PREFIX, view, m.start(), 40):
            yield _Hit("PHONE", m.start("v"), m.end("v"))
    for m in _SPOKEN_REST_RE.finditer(view):
        # (not a case's or a receipt's number: 접수번호는 이공이사 공육일일 다시 공공삼)
        if _seen_before(_PHONE_TALK, view, m.start(), 80) and not _not_personal_number(view, m.start()):
            yield _Hit("PHONE", m.start(), m.end())
    for m in _BUSINESS_PHONE_RE.finditer(view):
        yield _Hit("PHONE", m.start(), m.end(), personal=False)
    for m in _RRN_RE.finditer(view):
        kind = _registration_kind(m)
        # a slash between the halves only where a registration number is talked about (기간 230101/2401231)
        if kind is not None and ("/" not in m.group() or _seen_before(_REGISTRATION_TALK, view, m.start(), 40)):
            personal = not _not_personal_number(view, m.start())
            yield _Hit(kind, m.start(), m.end(), personal)
    for m in _SPACED_RRN_RE.finditer(view):
        kind = _registration_kind(m)
        if kind is not None and _seen_before(_REGISTRATION_TALK, view, m.start(), 40):
            yield _Hit(kind, m.start(), m.end())
    for m in _RRN_HALVES_RE.finditer(view):
        kind = _registration_kind(m)
        if kind is not None:
            yield _Hit(kind, m.start("a"), m.end("a"))
            yield _Hit(kind, m.start("b"), m.end("b"))
    for m in _FRONT_HALF_ALONE_RE.finditer(view):
        if _seen_before(_FRONT_HALF_ASKED, view, m.start(), 60):
            yield _Hit("RRN", m.start(), m.end())
    for m in _BACK_HALF_ALONE_RE.finditer(view):
        if _seen_before(_REGISTRATION_NUMBER_NAMED, view, m.start(), 40):
            yield _Hit("RRN" if m["g"] in "1234" else "FRN", m.start("b"), m.end("b"))
    for m in _DL_RE.finditer(view):
        if not _not_personal_number(view, m.start()):
            yield _Hit("DRIVER_LICENSE", m.start(), m.end())
    for m in _DL_BARE_RE.finditer(view):
        if _seen_before(_DL_KEYWORD, view, m.start(), 20):
            yield _Hit("DRIVER_LICENSE", m.start(), m.end())
    for m in _PASSPORT_RE.finditer(view):
        yield _Hit("PASSPORT", m.start(), m.end())
    for m in _VIN_RE.finditer(view):
        yield _Hit("VIN", m.start(), m.end())
    for m in _LOOSE_VIN_RE.finditer(view):
        characters = m.group().replace(" ", "")
        if (len(characters) == 17 and sum(ch.isdigit() for ch in characters) >= 5
                and sum(ch.isalpha() for ch in characters) >= 3 and _seen_before(_VIN_TALK, view, m.start(), 24)):
            yield _Hit("VIN", m.start(), m.end())
    for m in _MAIL_ID_RE.finditer(view):
        yield _Hit("EMAIL", m.start("v"), m.end("v"))
    for m in _PASSPORT_LOOSE_RE.finditer(view):
        # two letters and digits in groups (FA 1234 567) only right after the number is named: 여권 프린터 HP 2055 100
        # and 번호표 A 1234 567 are not one
        if _LETTERS_THEN_GROUPS.fullmatch(m.group()) and not _seen_before(_PASSPORT_NAMED, view, m.start(), 16):
            continue
        # a list of crew and their numbers runs on after the word: 여권을 가져갔습니다. 호 반 꽝 C3318402, 당 …
        if not _seen_before(_OTHER_NUMBER_BEFORE, view, m.start(), 16) and (
                _seen_before(_PASSPORT_KEYWORD, view, m.start(), 20)
                or (re.fullmatch("[A-Z]{1,2}[0-9]{7,8}|[A-Z][ ][0-9]{7}", m.group())
                    and _seen_before(_PASSPORT_KEYWORD, view, m.start(), 80))):
            yield _Hit("PASSPORT", m.start(), m.end())
    for m in _SPOKEN_PASSPORT_RE.finditer(view):
        if m.group().split(" ")[0] in _BRANDS_SAID_BY_LETTERS:
            continue
        if _seen_before(_PASSPORT_KEYWORD, view, m.start(), 60) and (
                said := _spoken_passport(m.group(), view.startswith("요", m.end()))):
            yield _Hit("PASSPORT", m.start(), m.start() + len(said))
    for m in _DISGUISED_EMAIL_RE.finditer(view):
        if not _EMAIL_RE.fullmatch(m["v"]):
            yield _Hit("EMAIL", m.start("v"), m.end("v"))
    for pattern in (_EMAIL_RE, _SPOKEN_EMAIL_RE):
        for m in pattern.finditer(view):
            yield _Hit("EMAIL", m.start(), m.end(), not _office_mailbox(m.group()))
    for m in _SPOKEN_DOMAIN_RE.finditer(view):
        start = _spoken_local_part(view, m.start())
        if start < m.start():
            yield _Hit("EMAIL", start, m.end())
    for m in _SPOKEN_NUMBER_RE.finditer(view):
        end = m.end() - 1 if view.startswith("이요", m.end() - 1) else m.end()  # 공일이요: 이요 is the copula
        digits = len(_HANGUL_DIGIT.findall(view, m.start(), end))
        kind = next((kind for talk, kind in _SPOKEN_NUMBER_KINDS if _seen_before(talk, view, m.start(), 60)), None)
        if kind is not None and digits in _SPOKEN_DIGIT_COUNTS[kind] and not _SPOKEN_PHONE_RE.match(view, m.start()):
            yield _Hit(kind, m.start(), end)
        # the front half of a 주민번호 asked for alone (앞자리 … 칠오공삼일이요), its 이 a digit before 요
        elif (kind in ("RRN", "FRN") and len(_HANGUL_DIGIT.findall(m.group())) == 6
              and _seen_before(_FRONT_HALF, view, m.start(), 60)):
            yield _Hit(kind, m.start(), m.end())
    for m in _SAID_REGISTRATION_RE.finditer(view):
        yield _Hit("FRN" if m["g"] in "오육륙칠팔5678" else "RRN", m.start(), m.end())
    for m in _SPOKEN_PLATE_RE.finditer(view):
        if (_seen_before(_CAR_TALK, view, m.start(), 60) or _CAR_AFTER.match(view, m.end())) and (
                _HANGUL_DIGIT.search(m.group()) or re.search("[0-9] [0-9]", m.group())):
            yield _Hit("CAR_PLATE", m.start(), m.end())
    for m in _CARD_RE.finditer(view):
        if _card_number(view, m):
            yield _Hit("CARD", m.start(), m.end())
    yield from _account_hits(view)
    for m in _CITY_PLATE_RE.finditer(view):
        if _seen_before(_CAR_TALK, view, m.start(), 40):
            yield _Hit("CAR_PLATE", m.start(), m.end())
    for m in _PLATE_RE.finditer(view):
        if not _seen_before(_CASE_BEFORE, view, m.start(), 24):
            yield _Hit("CAR_PLATE", m.start(), m.end())
    for m in _SPECIAL_PLATE_RE.finditer(view):
        if m["region"] is not None or not m.group().startswith("임시") or _seen_before(_CAR_TALK, view, m.start(), 40):
            yield _Hit("CAR_PLATE", m.start(), m.end())
    yield from _address_hits(view)


def _card_number(view: str, m: re.Match[str]) -> bool:
    """A number of a card's shape is a card where a card is talked about before or just after it, or where it is
    in groups and opens as cards do; never with eight digits or fewer showing, nor where what comes before or
    after says it is something else."""
    number = m.group()
    talked_of = _seen_before(_CARD_TALK, view, m.start(), 40) or _CARD_TALK.search(view, m.end(), m.end() + 16)
    card_like = talked_of or (not number.isdigit() and number[0] in _CARD_OPENING)
    return (_digits(number) >= 8 and card_like and not _not_personal_number(view, m.start())
            and not _seen_before(_CARD_OTHER_BEFORE, view, m.start(), 16)
            and not _CARD_OTHER_AFTER.match(view, m.end()))


def _not_personal_number(view: str, start: int) -> bool:
    return _seen_before(_NOT_PERSONAL_BEFORE, view, start, 24)


def _public_line(view: str, m: re.Match[str]) -> bool:
    """A landline announced as an office's number; a mobile number always belongs to a person, and an internet
    phone's (070, 050x) as often, so a notice's enquiry line is an office's only with an area code."""
    if _MOBILE_START.match(m.group()) is not None:
        return False
    return _seen_before(_PUBLIC_LINE_BEFORE, view, m.start(), 24) or (
        not m.group().lstrip("(").startswith(("070", "050")) and (
            _seen_before(_ENQUIRY_LINE_BEFORE, view, m.start(), 24) or _OFFICE_AFTER.match(view, m.end()) is not None))


# An account held by a public body is published for payments: 일반계좌(농협 301-0188-0921-01, 예금주 창원시).
_HOLDER_AFTER = re.compile(
    r"[ ,()]{0,3}(?:예금주|수취인)[ ]{0,3}[:=]?[ ]{0,3}(?P<v>[가-힣]{2,12})(?=[ ]?(?:[)\],.\n]|$|입니다|이고|이며))")
_PUBLIC_BODY_END = ("시청", "구청", "군청", "도청", "공단", "공사", "재단", "센터", "협회", "조합", "사무소", "교육청")


_VIRTUAL_ACCOUNT = re.compile("가상[ ]?계좌")


def _public_holder(holder: str) -> bool:
    """A city or a county as Kiwi knows it (창원시, 완주군), or an office by its ending (군산시청, 국민건강보험공단).
    Not a district: Kiwi knows people whose names end in 구 (엄태구)."""
    if holder.endswith(_PUBLIC_BODY_END):
        return True
    if len(holder) < 3 or holder[-1] not in "시군":
        return False
    read = _name_reader().tokenize(holder)
    return len(read) == 1 and read[0].tag == "NNP" and not read[0].guessed


# A business's registration number (412-81-55623), printed on its receipts and its sign, is in no bank's account
# form: an account only by a bank's word, wherever the question that named it was asked (상담원: 사업자등록번호
# 있으신가요? 민원인: 네 412-81-55623 이요).
_BUSINESS_REGISTRATION = re.compile("[0-9]{3}-[0-9]{2}-[0-9]{5}")


def _account_hits(view: str) -> Iterator[_Hit]:
    seen: set[tuple[int, int]] = set()
    for pattern, needs_bank in ((_ACCOUNT_RE, False), (_ACCOUNT_NEAR_BANK_RE, True)):
        for m in pattern.finditer(view):
            value = m.group()
            if (m.start(), m.end()) in seen or not 10 <= _digits(value) <= 14:
                continue
            # an account number is written with one kind of separator and holds no date (183 2019-07-09)
            if ("-" in value and " " in value) or _DATE_GROUPS.search(value) or _MONEY_AFTER.match(view, m.end()):
                continue
            if _not_personal_number(view, m.start()):
                continue
            if (needs_bank or _BUSINESS_REGISTRATION.fullmatch(value)) and not _seen_before(
                    _BANK_KEYWORD, view, m.start(), 40):
                continue
            seen.add((m.start(), m.end()))
            # a virtual account is issued to one payer, whoever holds it (가상계좌 … (예금주: 군산시))
            holder = _HOLDER_AFTER.match(view, m.end())
            yield _Hit("ACCOUNT", m.start(), m.end(), personal=holder is None or not _public_holder(holder["v"])
                       or _seen_before(_VIRTUAL_ACCOUNT, view, m.start(), 30))


# An address in Latin letters, as foreign residents write it: 45-2 Wolmyeong-ro, Gunsan; 102-1503, 88 Susong-ro;
# 15 Naun-ro 3-gil, Gunsan-si; apt 1203 in building 105; building 105, unit 703.
_LATIN_ROAD_RE = re.compile(
    r"(?<![A-Za-z0-9-])(?:\d{1,4}-\d{1,4},?[ ])?\d{1,4}(?:-\d{1,4})?,?[ ][A-Z][a-z]+(?:-[a-z]+)*-(?:ro|gil|daero)"
    r"(?:[ ]\d{1,3}(?:beon)?-gil)?(?:[ ]\d{1,4}(?:-\d{1,4})?(?![0-9]))?"
    r"(?:,[ ]?[A-Z][a-z]+(?:-(?:si|gun|gu|do|dong|eup|myeon))?(?![A-Za-z]))?"
)
_LATIN_UNIT_RE = re.compile(
    r"(?<![A-Za-z])(?i:apt\.?[ ]?#?\d{2,4}(?:,?[ ](?:in|of)?[ ]?(?:building|bldg\.?|dong)[ ]?#?\d{1,4})?"
    r"|unit[ ]?#?\d{2,4},?[ ](?:in|of)?[ ]?(?:building|bldg\.?|dong)[ ]?#?\d{1,4}"
    r"|(?:building|bldg\.?)[ ]?#?\d{1,4},?[ ](?:unit|apt\.?|room|ho)[ ]?#?\d{1,4})(?![0-9])"
)


# A roster's or a petition's column of units (번호 | 동호수 | 성명), or a call asking for the 동 호수: every
# building-unit pair in the text is one (101-1102), not a year's case number (2026-1234).
_UNIT_COLUMN_RE = re.compile(r"동[ ]?[·./-]?[ ]?호수|동[·./-]호")
_DONG_HO_PAIR_RE = re.compile(r"(?<![0-9-])[1-9][0-9]{2}-[1-9][0-9]{2,3}(?![0-9-])")


def _address_hits(view: str) -> Iterator[_Hit]:
    for m in (*_LATIN_ROAD_RE.finditer(view), *_LATIN_UNIT_RE.finditer(view)):
        yield _Hit("ADDRESS", m.start(), m.end())
    for m in _APARTMENT_RE.finditer(view):
        if m["bare"] is None or not _seen_before(_DOCUMENT_BEFORE, view, m.start(), 12):
            yield _Hit("ADDRESS", m.start(), m.end())
    # a building's name and its dong-ho pair with no street before (한빛아파트 106-1402), and a lot number where
    # someone lives (바로 옆 316-10에 사는)
    for m in (*_BUILDING_UNIT_RE.finditer(view), *_LOT_LIVED_RE.finditer(view)):
        yield _Hit("ADDRESS", m.start("v"), m.end("v"))
    for m in _SAID_ADDRESS_RE.finditer(view):
        if _said_address(view, m):
            yield _Hit("ADDRESS", m.start(), m.end())
    for m in _ADDRESS_CUE_APART_RE.finditer(view):
        if run := _SYLLABLES_APART_RE.match(view, m.end()):
            said = _JOINED_SAID_ADDRESS_RE.match(run.group().replace(" ", ""))
            # a number said as one (삼십이) or the words only an address has, as _said_address asks
            if said and (said["street"] or said["beonji"] or re.search("[십백천]", said["number"])):
                yield _Hit("ADDRESS", run.start(), run.start() + 2 * said.end() - 1)
    if _UNIT_COLUMN_RE.search(view):
        for m in _DONG_HO_PAIR_RE.finditer(view):
            yield _Hit("ADDRESS", m.start(), m.end())
    streets = [m for pattern in (_LOT_RE, _NUMBERED_STREET_RE) for m in pattern.finditer(view)
               if not _UNIT_AFTER.match(view, m.end())]
    streets += [m for m in _BARE_LOT_RE.finditer(view) if _bare_lot(view, m)]
    streets += [m for m in _ROAD_RE.finditer(view) if _is_road(view, m) and not _UNIT_AFTER.match(view, m.end())]
    for m in streets:
        yield _Hit("ADDRESS", m.start(), m.end())
        # the building and unit written after the street, often as 103-1502 after a building's name (한화꿈에그린)
        unit = _UNIT_AFTER_STREET_RE.search(view, m.end(), min(len(view), m.end() + 40))
        if (unit and "\n" not in view[m.end() : unit.start()]
                and not _seen_before(_OTHER_NUMBER_BEFORE, view, unit.start("v"), 16)
                and not _seen_before(_NOT_A_BUILDING_BEFORE, view, unit.start("v"), 8)):
            yield _Hit("ADDRESS", unit.start("v"), unit.end("v"))


_SPACES_OR_COMMAS = re.compile("[ ,]*")


def _bare_lot(view: str, m: re.Match[str]) -> bool:
    """장성동 1372 is a lot where a district is named before it (포항시 북구), 주소 or 전입 is said, a floor, unit or
    building's dong-ho follows (1372 2층, 925 한화꿈에그린 103-1504) or it is all a bracket holds (차동근 (미룡동 298),
    a list's address beside a name); not a count (나운동 300명, 양덕동 3 만원, 죽도동 5 대) nor a word that ends like
    a place (제가 3 군데, 우리 2)."""
    if m["place"] in _NOT_PLACES or _UNIT_AFTER.match(view, m.end()) or _COUNT_AFTER.match(view, m.end()):
        return False
    building = _SPACES_OR_COMMAS.match(view, m.end()).end()  # the building's name after a space or a comma
    bracketed = (m.start() > 0 and view[m.start() - 1] == "(" and view.startswith(")", m.end())
                 and _LIST_ITEM_START.search(view, max(0, m.start() - 40), m.start()) is not None)
    return (bracketed or m.end() > m.end("num") or _seen_before(_ADMIN_BEFORE, view, m.start(), 30)
            or _seen_before(_ADDRESS_KEYWORD, view, m.start(), 30)
            or _UNIT_AFTER_STREET_RE.match(view, building, min(len(view), building + 40)) is not None)


def _said_address(view: str, m: re.Match[str]) -> bool:
    """An address read out: a building and unit said joined (일공일동 천이백이호), or a street or lot whose first number
    is said as one (삼십이, 팔백구십삼, 팔이칠), not a word made of digits' names (공사, 이사, 사이, 오일, 구이: two
    digits, no 십, 백 or 천) unless 번지 or 번길 says so, after a place that is one (not 다리 or 우리), with no count
    after it (삼십 대, 이 차선, 삼 개월째), and where the words around say an address (see _SAID_ADDRESS_RE)."""
    if _UNIT_AFTER.match(view, m.end()):
        return False
    if m["unit"] is not None:
        return True
    first = m["lot"] if m["lot"] is not None else m["building"]
    if m["place"] in _NOT_PLACES or _COUNT_AFTER.match(view, m.end()):
        return False
    if not (re.search("[십백천]", first) or len(first) >= 3 or m["beonji"] or m["beongil"]):
        return False
    named = True if m["road"] is None else _road_name(m["road"])
    if named is False:
        return False
    # a road that may be a particle (장유로, or 사비로 in 저녁도 사비로 사 먹어야) after a city's name, not after any
    # word ending in 도
    before = _ADMIN_BEFORE if named else _CITY_BEFORE
    # a dash said after a road's name by its form (석현로 구십팔 다시 일), not after a particle (자리로 일이삼사 다시)
    return bool(m["dash"] or (m["road_dash"] and named) or m["beonji"] or m["beongil"]
                or _seen_before(before, view, m.start(), 30)
                or _seen_before(_ADDRESS_KEYWORD, view, m.start(), 30))


def _spoken_passport(said: str, before_yo: bool) -> str:
    """The part of ``said`` that is a passport number read out: one to three letters and six to nine digits, the
    copula's 이 of a closing 이요 left out (엠 공팔칠 비 이이일삼 이요, ``before_yo``); empty when it is not one. The 이
    of 에이, 케이 and 와이 is a letter's, not a digit."""
    said = said.removesuffix(" 이") if before_yo else said
    letters = re.findall(_SPOKEN_LETTER_NAME, said)
    digits = _HANGUL_DIGIT.findall(re.sub(_SPOKEN_LETTER_NAME, "", said))
    return said if 1 <= len(letters) <= 3 and 6 <= len(digits) <= 9 else ""


def _road_name(road: str) -> bool | None:
    """Whether ``road`` is a road's name by its form: True for 구영6길 or 나운로 (로 after a closed syllable is never a
    particle), False for 도로 or 전화으로, None where only the words around can tell (사비로, 전화로)."""
    if road in _NOT_ROADS or road.endswith("으로"):
        return False
    if road.endswith("길") or road[-2].isdigit():
        return True
    stem = road[:-2] if road.endswith("대로") else road[:-1]
    return True if stem and _closed_syllable(stem[-1]) else None


def _is_road(view: str, m: re.Match[str]) -> bool:
    """Tell 나운로 12 (a road) from 전화로 12 (a particle)."""
    named = _road_name(m["road"])
    if named is not None:
        return named
    if m["sub"] is not None or "-" in m["num"]:
        return True
    return _seen_before(_ADMIN_BEFORE, view, m.start(), 30) or _seen_before(_ADDRESS_KEYWORD, view, m.start(), 30)


def _syllable_parts(ch: str) -> tuple[int, int, int] | None:
    """A Hangul syllable's initial, vowel and final consonant as indexes (final 0: none), or None for any other
    character."""
    code = ord(ch) - 0xAC00
    return (code // 588, code % 588 // 28, code % 28) if 0 <= code < 11172 else None


def _open_syllable(ch: str) -> bool:
    """A Hangul syllable with no last consonant (나, 래; not 봄)."""
    parts = _syllable_parts(ch)
    return parts is not None and parts[2] == 0


def _closed_syllable(ch: str) -> bool:
    """A Hangul syllable ending in a consonant other than ㄹ (after which 로, not 으로, is the particle)."""
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return False
    final = code % 28
    return final not in (0, 8)


def _name_hits(view: str, structured: list[_Hit], tokens: list[Token]) -> Iterator[_Hit]:
    # a phone number or a 주민등록번호 names its person beside it
    phones = [hit for hit in structured if hit.type in ("PHONE", "RRN") and hit.personal]
    # a district an address goes on from is no name (민원인: 동래구 온천동 일사오이 다시 삼 번지)
    address_starts = {hit.start for hit in structured if hit.type == "ADDRESS"}
    for pattern, level, context in _NAME_PATTERNS:
        pos = 0
        while (m := pattern.search(view, pos)) is not None:
            district = m["v"][-1] in _PLACE_LAST and m.end("v") + 1 in address_starts
            if (_plausible_name(m["v"], level) and not district
                    and (context is None or _seen_before(context, view, m.start(), 48))):
                yield _Hit("NAME", m.start("v"), m.end("v"))
                pos = m.end()
            else:
                # The rejected word may itself start the real context: 민원인 성명: 문재석.
                pos = max(m.start() + 1, m.start("v"))
    for m in _FIELD_JOINED_NAME_RE.finditer(view):
        start, end = m.start("v"), m.end("v")
        if _plausible_name(m["v"], _STRONG) and not any(
                token.tag.startswith(("J", "E", "V", "XS")) for token in _tokens_within(tokens, start, end)):
            yield _Hit("NAME", start, end)
    for m in _RESIDENT_SELF_NAME_RE.finditer(view):
        name = m["v"]
        # a surname and syllables a name may take (덕배, 점순: the context vouches), or a given name alone
        name_shaped = (name[0] in _SURNAMES and all(ch not in _NOT_GIVEN for ch in name[1:]) if len(name) == 3
                       else all(ch in _GIVEN for ch in name))
        start, end = m.start("v"), m.end("v")
        if (name_shaped and name not in _NOT_NAMES and not _known_noun_within(tokens, start, end)
                and not any(token.tag == "XPN" for token in _tokens_within(tokens, start, end))):  # 노+부부인데
            yield _Hit("NAME", start, end)
    for m in _GIVEN_BEFORE_KIN_RE.finditer(view):
        group = "v" if m["v"] is not None else "w"
        given, start, end = m[group], m.start(group), m.end(group)
        if given in _WORD_NAMES:
            taken = (m["i"] or m["j"]) is not None  # 하늘이네: a word Kiwi knows, so the 이 must say it is a name
        else:  # no word Kiwi knows (자기 엄마, 분명 언니, 아이 엄마)
            taken = (all(ch in _GIVEN for ch in given) and given not in _NOT_NAMES and given not in _REGION_NAMES
                     and given[-1] not in _PLACE_LAST) and not any(  # 광주 할머니, 대전 삼촌: where they live
                (token.start == start and token.end - token.start >= 2 and token.tag != "NNP" and not token.guessed)
                or (token.end > end and token.tag != "NNP" and not token.guessed)  # 이+동네 runs on past it
                or token.tag == "NP" or token.tag.startswith(("J", "E", "V"))  # 제+가 엄마 대신
                for token in _tokens_within(tokens, start, end))
        if taken:
            yield _Hit("NAME", start, end)
    for m in _WORD_NAME_SELF_RE.finditer(view):
        # an agent's name, where Kiwi reads no common noun (상담원 한울입니다; not 상담원 희망입니다, a wish)
        if m["v"] not in _NOT_NAMES and (m["agent"] is None or not _noun_opens(tokens, m.start("v"), m.end("v"))):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _NAME_IN_BRACKETS_RE.finditer(view):
        if m["q"] is not None:
            if not _one_known_noun(m["q"]):  # 이름은 '미정'입니다, '공란'이에요: no name given
                yield _Hit("NAME", m.start("q"), m.end("q"))
        elif m["v"] not in _NOT_NAMES:
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _WORD_NAME_PERSON_RE.finditer(view):
        if m["shared"] is None or not _noun_opens(tokens, m.start("v"), m.end("v")):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _NAME_WITH_AGE_RE.finditer(view):
        name = m["v"]  # nor a title after a name (구정순 여사님(78세), 나병헌 어르신(81세))
        if (name not in _NOT_CHILD_NAMES and name not in _NOT_NAMES and not name.endswith("님")
                and not re.fullmatch(f"{_KIN}|{_KIN_AFTER}|여사", name) and _child_name_shaped(name)
                and (name in _WORD_NAMES or not _known_noun_within(tokens, m.start("v"), m.end("v")))):  # 나이(65세)
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _NAME_THEN_AGE_RE.finditer(view):
        # four syllables only with a two-syllable surname (not 노인회장, 70세), and a given name's syllables (not
        # 유치부 6세)
        name = m["v"]
        if ((len(name) == 3 or name[:2] in _COMPOUND_SURNAMES) and _SURNAME_START.match(name)
                and all(ch in _GIVEN for ch in _surname_apart(name)[1])
                and _plausible_name(name, _STRONG) and not _known_noun_within(tokens, m.start("v"), m.end("v"))):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    childcare = None
    for m in _GIVEN_NAME_TEACHER_RE.finditer(view):
        name = m["v"]
        if name in _NOT_NAMES or name in _REGION_NAMES or name in _PLACE_NAMES or re.fullmatch(_KIN, name):
            continue  # 광주 선생님: where the teacher is from
        childcare = _CHILDCARE_RE.search(view) is not None if childcare is None else childcare
        if childcare and (name in _WORD_NAMES or (all(ch in _GIVEN for ch in name) and not any(
                _known_noun(token) or token.tag in ("NP", "MM", "MAG", "NR") or token.tag.startswith(("V", "E"))
                for token in _name_reader().tokenize(name)))):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    yield from _people_list_names(view, tokens)
    yield from _table_names(view)
    for m in _WORD_NAME_DOES_RE.finditer(view):
        # an ending between closes the clause (오+면, 맑+아서, 오염되+어): what follows is no longer what the name
        # does, but for a verb an auxiliary carries on (보+고 싶대요)
        between = _tokens_within(tokens, m.end("v"), m.start("does") + 1)
        if between and between[0].tag == "ETM":  # a verb's stem: 빛나+는 졸업장
            continue
        if not any(token.tag == "EF" or (token.tag == "EC" and not (
                index + 1 < len(between) and between[index + 1].tag == "VX")) for index, token in enumerate(between)):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _CUED_FULL_NAME_RE.finditer(view):
        # not a word Kiwi knows spanning it all (선주 유학생이) nor one ending in a verb (아빠 신청하+는); a name it
        # splits into other bits passes (유한+별이, 알+ㄴ+보람)
        inside = _tokens_within(tokens, m.start("v"), m.end("v"))
        if _plausible_name(m["v"], _WEAK) and not any(
                (token.start == m.start("v") and token.end >= m.end("v") and _known_noun(token))
                or (token.tag.startswith(("V", "XS")) and token.end >= m.end("v")) for token in inside):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _TITLE_AFTER_NAME_RE.finditer(view):
        # 성결교 목사님, 온누리 목사님: a church before its pastor, not a name
        if (_plausible_name(m["v"], _WEAK) and m["v"][-1] not in "교회종당"
                and not _noun_opens(tokens, m.start("v"), m.end("v"))):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _LABELLED_NAME_RE.finditer(view):
        words = m["v"].split()
        # one word alone is a person's name where the label says whose, unless Kiwi reads a common noun there
        # (제 이름 변경.) that is no name word (아이 이름 하늘,)
        inside = _tokens_within(tokens, m.start("v"), m.end("v"))
        worded = any(t.tag.startswith(("V", "E", "XS")) or t.tag in ("MAG", "ETN") for t in inside)  # 틀려서, 없음
        if (not _NOT_NAMES.intersection(words) and all(ch not in _NOT_GIVEN for ch in "".join(words))
                and not (worded and words[0] not in _WORD_NAMES)
                # a sentence's full stop ends a name only where the label says whose it is (not 성명 한자 오기.)
                and (m["stop"] is None or m["who"] is not None)
                and (len(words) > 1 or (m["who"] is not None and (
                    words[0] in _WORD_NAMES or not _noun_opens(tokens, m.start("v"), m.end("v")))))):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for phone in phones:
        # Beside a phone number a surname + two syllables is a name even when the given name is also a word
        # (김사랑, 문희망): who writes "사랑 010-…"?
        after = _NAME_AFTER_PHONE.match(view, phone.end)
        # a quoted note signed with a name ('연락 주세요 010-… 어재선'), where a quoted sign ends with what it sells
        # or where ('정수기 렌탈 010-… 정수기', '원룸 임대 010-… 전민동')
        # not a copula after a number said, which Kiwi may read as a noun there (공일공 구구사일 팔팔공삼 이라예)
        if after and not _COPULA_WORD.fullmatch(after["v"]) and _plausible_name(after["v"], _WEAK) and not (
                after["quoted"] and (after["v"][-1] in _PLACE_LAST
                                     or _known_noun_within(tokens, after.start("v"), after.end("v")))):
            yield _Hit("NAME", after.start("v"), after.end("v"))
        before = _NAME_BEFORE_PHONE.search(view, max(0, phone.start - 12), phone.start)
        if before and _plausible_name(before["v"], _WEAK):
            yield _Hit("NAME", before.start("v"), before.end("v"))
        bracketed = _NAME_IN_BRACKETS_AFTER_PHONE.match(view, phone.end)
        if (bracketed and bracketed["v"] not in _REGION_NAMES and bracketed["v"] not in _PLACE_NAMES
                and _listed_name_like([bracketed["v"]], bracketed.start("v"), tokens)):  # not 010-… (세종)
            yield _Hit("NAME", bracketed.start("v"), bracketed.end("v"))
        owner = _OWNER_BEFORE_PHONE.search(view, max(0, phone.start - 32), phone.start)
        if owner is not None and _phone_owner(view, owner, tokens):
            yield _Hit("NAME", owner.start("v"), owner.end("v"))
    for m in _NAME_BEFORE_PHONE_WORD.finditer(view):
        if _plausible_name(m["v"], _STRONG) and _name_like_span(view, m.start("v"), m.end("v"), tokens):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _LONG_SELF_NAME_RE.finditer(view):
        if m["v"] not in _NOT_NAMES and m["v"][-1] not in _ROLE_ENDINGS:
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _HOLDER_RE.finditer(view):
        if m["v"] not in _NOT_NAMES and m["v"][-1] not in _NOT_GIVEN and not _public_holder(m["v"]):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    yield from _account_handles(view)
    yield from _proper_noun_names(view, tokens)
    yield from _given_names(view, tokens)
    yield from _transliterated_names(view, tokens)
    for m in _GOES_BY_RE.finditer(view):
        inside = _tokens_within(tokens, m.start("v"), m.end("v"))
        # Kiwi may split the name into nouns (빈도+현), but no verb, suffix or ending may be in it (변경+하라고,
        # 선생+님이라는) and it may not be one word Kiwi knows (전문가라는)
        one_known_word = len(inside) == 1 and inside[0].tag != "NNP" and not inside[0].guessed
        surname_end = m.start("v") + (2 if m["v"][:2] in _COMPOUND_SURNAMES else 1)
        # 동+대표라는 사람: after the surname, one word Kiwi knows
        known_after_surname = any(t.start == surname_end and t.end == m.end("v") and t.tag == "NNG" and not t.guessed
                                  for t in inside)
        if (_plausible_name(m["v"], _STRONG) and not one_known_word and not known_after_surname
                and not any(t.tag.startswith(("V", "X", "E", "J")) for t in inside)):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for pattern in _CHECKED_NAME_PATTERNS:
        for m in pattern.finditer(view):
            # 수신: 지곡동 행정복지센터 is an office, where 매도인: 엄태구 (…) and 박성구 님 are people
            if _name_like_span(view, m.start("v"), m.end("v"), tokens) and (
                m["v"][-1] not in _PLACE_LAST or _PERSON_AFTER.match(view, m.end("v"))
                or _WORD_AFTER.match(view, m.end("v")) is None
            ):
                yield _Hit("NAME", m.start("v"), m.end("v"))
    yield from _foreign_person_names(view, tokens)
    yield from _speaker_names(view, tokens)
    yield from _called_names(view, tokens)
    yield from _exclaimed_names(view)
    yield from _unknown_names(view, tokens)
    yield from _listed_foreign_names(view, tokens)
    for m in (*_VIETNAMESE_NAME_RE.finditer(view), *_VIETNAMESE_ONE_WORD_RE.finditer(view)):
        yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _SPACED_NAME_RE.finditer(view):
        if _spaced_name(view, m):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _DOTTED_NAME_RE.finditer(view):
        if all(ch in _GIVEN for ch in m["v"][2::2]) and _seen_before(_SPACED_NAME_BEFORE, view, m.start(), 12):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _SPACED_COMPOUND_NAME_RE.finditer(view):
        yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _COMMA_SPELLED_NAME_RE.finditer(view):
        # different syllables, not a hesitation (어, 함, 함 동 진이요)
        group = "v" if m["v"] is not None else "w"
        syllables = m[group].replace(",", "").replace(" ", "")
        if group == "w" and not _spelled_given_name(m[group]):
            continue
        if (len(set(syllables)) == len(syllables) and not any(syllables in series for series in _SYLLABLE_SERIES)
                and _seen_before(_NAME_ASKED, view, m.start(), 80)):
            yield _Hit("NAME", m.start(group), m.end(group))
    # a name in capitals follows what says it is one; in an English letter, where a band, a dog and a shop have
    # names too, only with a family name the lexicon knows first or last (name on card KIM SO YEON; not Our band
    # name is NEON MOON)
    in_hangul = _HANGUL.search(view) is not None
    for m in _CAPS_FULL_NAME_RE.finditer(view):
        words = m["v"].split()
        if not in_hangul and words[0] not in _FOREIGN_NAMES.latin and words[-1] not in _FOREIGN_NAMES.latin:
            continue
        if ((_seen_before(_CAPS_NAME_CUE, view, m.start(), 24)
             or _seen_before(_CAPS_PERSON_BEFORE, view, m.start(), 16)
             or _beside_unknown_word(view, m.start(), tokens)
             or _listed_latin_name(m["v"]))
                and all(_VOWEL.search(w) for w in words)
                and _latin_name_like(m["v"])):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    if in_hangul:  # an English text capitalises its titles and places as names
        for m in _LATIN_FULL_NAME_RE.finditer(view):
            if _latin_name_like(m["v"]) or (_every_word_listed(m["v"]) and _NOT_LATIN_NAME.search(m["v"]) is None):
                yield _Hit("NAME", m.start("v"), m.end("v"))
        if _HAN_CHARACTER.search(view) is not None:
            yield from _han_names(view)
        if _HAN_OR_THAI.search(view) is not None:
            yield from _han_read_names(view)
    yield from _other_script_names(view)
    for m in _CYRILLIC_NAME_RE.finditer(view):
        yield _Hit("NAME", m.start("v"), m.end("v"))
    for hit in structured:
        if hit.type == "FRN":
            before = _BEFORE_FRN_RE.search(view, max(0, hit.start - 40), hit.start)
            if before:
                yield from _foreign_name(view, before.start("h"), before.end("h"))
        if hit.type in ("FRN", "PASSPORT"):
            latin = _LATIN_BEFORE_ID_RE.search(view, max(0, hit.start - 60), hit.start)
            if latin and _NOT_LATIN_NAME.search(latin["v"]) is None:  # not the label: Passport No. C1234567
                yield _Hit("NAME", latin.start("v"), latin.end("v"))
                if latin["h"] is not None:
                    yield from _foreign_name(view, latin.start("h"), latin.end("h"))
        if hit.type == "EMAIL":
            before = _NAME_BEFORE_EMAIL.search(view, max(0, hit.start - 40), hit.start)
            if before and (_NOT_LATIN_NAME.search(before["v"]) is None if before["v"].isascii()
                           else _plausible_name(before["v"], _WEAK)):
                yield _Hit("NAME", before.start("v"), before.end("v"))
    for m in _ANSWERED_FOREIGN_NAME_RE.finditer(view):
        yield from _foreign_name(view, m.start("h"), m.end("h"), min_words=2)
    if _FOREIGN_CONTEXT.search(view) is not None:
        for m in _FOREIGN_SELF_NAME_RE.finditer(view):
            yield from _foreign_name(view, m.start("h"), m.end("h"))


def _phone_owner(view: str, owner: re.Match[str], tokens: list[Token]) -> bool:
    """The word before 전화 reads as a person's name: a given name, a full name, a word Kiwi has never seen, a name
    in Latin letters (not 집 전화, 회사 전화, My phone, Office phone)."""
    name, start = owner["v"], owner.start("v")
    if name in _NOT_NAMES:
        return False
    if name.isascii():
        return _latin_name_like(name)
    first = _token_starting_at(tokens, start)
    if _one_unknown_word(start, owner.end("v"), tokens) and (len(name) > 2 or first.guessed):
        return True  # 수닐, 라메시; a two-syllable proper noun Kiwi knows is as often a place (광주 전화)
    if len(name) == 2:
        return name in _WORD_NAMES or _given_name_like(name, first, places_known=True)
    return (_SURNAME_START.match(name) is not None and _plausible_name(name, _STRONG)
            and _name_like_span(view, start, start + len(name), tokens))


def _read(view: str) -> list[Token]:
    readable = _UNREADABLE.sub(lambda m: " " * len(m.group()), view)  # spaces keep the offsets
    return _name_reader().tokenize(readable)


def _proper_noun_names(view: str, tokens: list[Token]) -> Iterator[_Hit]:
    """Words Kiwi reads as a proper noun that are shaped like a Korean name and stand, end and are followed like
    one."""
    for index, token in enumerate(tokens):
        if token.tag != "NNP" or view[token.start : token.end] != token.form:
            continue
        if _PROPER_NOUN_NAME.fullmatch(token.form) is None or not _plausible_name(token.form, _WEAK):
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is not None and following.start == token.end and following.tag in _COMPOUND_TAGS:
            continue
        if _PERSON_AFTER.match(view, token.end) is None and (
            token.form[-1] in _PLACE_LAST or _PLACE_AFTER.match(view, token.end)
        ):
            continue
        yield _Hit("NAME", token.start, token.end)


def _given_names(view: str, tokens: list[Token]) -> Iterator[_Hit]:
    """A given name alone, where the affectionate 이 or who the person is to the writer marks it."""
    for m in _NICKNAME_RE.finditer(view):
        name, index = m["v"], _token_at(tokens, m.start("v"))
        if index is None or name in _NOT_NAMES or _open_syllable(name[-1]):
            continue
        if not (all(ch in _GIVEN for ch in name) or name in _WORD_NAMES):
            continue  # pets and things go by such names too: 땅굴이, 행복이, 따릉이
        if any(t.start < m.end("v") < t.end and t.tag != "NNP" and not t.guessed for t in tokens[index:index + 3]):
            continue  # Kiwi reads the 이 as part of a word: 고양이, 웅덩이, 빚+쟁이, 다+죽이는
        if m["particle"] is not None or name in _WORD_NAMES or _given_name_like(name, tokens[index]):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    pos = 0  # matches may overlap (큰애 이름이 도윤이고): a rejected one gives way to the next from its next character
    while (m := _CUED_GIVEN_NAME_RE.search(view, pos)) is not None:
        hit = _cued_given_name(m, tokens)
        pos = m.start() + 1 if hit is None else m.end()
        if hit is not None:
            yield hit


def _cued_given_name(m: re.Match[str], tokens: list[Token]) -> _Hit | None:
    group = next(group for group in ("v", "w", "q", "s", "y", "n", "u", "l") if m[group] is not None)
    name, start, end = m[group], m.start(group), m.end(group)
    in_sentence = _token_starting_at(tokens, start)
    if (group in ("v", "u", "l") and in_sentence is not None and in_sentence.tag.startswith("V")
            and in_sentence.end > in_sentence.start):  # Kiwi's empty copula (큰애+이 지안이) is no verb of the text
        return None  # a verb in the sentence: 아기 재우는, 애 보는 (not in quotes: '푸름'이라는)
    if (group in ("u", "l") or m["cue"] in _CHILD_CUES) and name in _WORD_NAMES:
        return None  # 우리 바다가 is as often the sea
    if group == "s" and name[1] == "모":
        return None  # 윤모 씨: the writer already left the name out
    if group in ("s", "u", "l") and name not in _WORD_NAMES:  # 고객님 and 기사님 are words; 우리 강서가 a place
        # after 우리, a proper noun Kiwi knows is a child's name unless it ends like a place (우리 군산이, 우리 나운동)
        known = (group != "u" or name[-1] not in _PLACE_LAST) and _given_name_like(name, in_sentence)
        return _Hit("NAME", start, end) if known else None
    if m["i"] is not None and _open_syllable(m["w"][-1]):
        return None  # the affectionate 이 follows a closed syllable: 두아이 아빠 is a father of two
    parent = group == "w" and m["pw"] in _PARENT_WORDS
    place_before = group == "w" and m["i"] is None and not parent
    if place_before and in_sentence is not None and not in_sentence.guessed:
        in_sentence = None
    # a given name that is also a word is a name where who the person is says so: 딸 나라가, 하늘엄마, '빛나'라는 애
    if name in _WORD_NAMES or _given_name_like(name, in_sentence, places_known=place_before,
                                               place_like_end=not parent):
        return _Hit("NAME", start, end)
    return None


def _called_names(view: str, tokens: list[Token]) -> Iterator[_Hit]:
    """A name called out, which Kiwi reads with the vocative particle (JKV): 슬기야 니 주민번호, 야 정희야, 민준아
    밥 먹자. Words are called out too (친구야, 사람아, 여보야): the word must read as a name on its own."""
    for before, particle in itertools.pairwise(tokens):
        if particle.tag != "JKV" or before.end != particle.start or not 2 <= before.end - before.start <= 3:
            continue
        if before.start > 0 and _HANGUL.match(view, before.start - 1) is not None:
            continue  # part of a longer word
        name = view[before.start : before.end]
        if name in _NOT_NAMES:
            continue
        if name in _WORD_NAMES:
            continue  # 하늘아 고마워, 바다야: called out as often as a child
        if ((len(name) == 3 and _SURNAME_START.match(name) and _plausible_name(name, _WEAK))
                or (len(name) == 2 and _given_name_like(name, before))):  # places are seldom called out
            yield _Hit("NAME", before.start, before.end)


def _exclaimed_names(view: str) -> Iterator[_Hit]:
    """A given name called out outside a chat, where the call is plain: shouted or set off (준서야!, 하준아, 밥
    먹자) or quoted ("민서야 빨리 와"); the name as a chat's call is judged (see _chat_vocatives)."""
    for hit in _chat_vocatives(view):
        name = view[hit.start : hit.end]
        if name in _WORD_NAMES or name == "하나":
            continue  # a word called out as often: 봄이야!, "사랑아, 내 사랑아", 하나야, 둘이야
        after = view[hit.end + 1 : hit.end + 2]
        if view[hit.end : hit.end + 1] in ("아", "야") and (
                after in ("!", ",") or (hit.start > 0 and view[hit.start - 1] in "\"'“‘")) and not any(
                token.tag.startswith(("V", "E", "X")) for token in _name_reader().tokenize(name)):
            yield hit  # not a verb's ending: 앞장서지 말아야, 남북대화


def _speaker_names(view: str, tokens: list[Token]) -> Iterator[_Hit]:
    """Who speaks in a chat log or a transcript pasted into a complaint: a name at the start of a line before a
    colon (슬기: …, [오후 3:13] 응옥: …), or before 맘/아빠/할머니 (누리맘: …). Only where two lines or more are so
    labelled, and only a label read as a name: form fields (주소:, 내용:) and roles (상담원:) are words. In a text
    that says it is a chat, labels that are also words (슬기:, 가람:) and Latin ones (Dilshod:) speak too."""
    labels = [*_SPEAKER_RE.finditer(view), *_BRACKET_SPEAKER_RE.finditer(view)]
    chat = _is_chat(view)
    writer_lines = len(_SELF_SPEAKER_RE.findall(view)) if chat else 0
    # one pass over the labels: a label is counted once as a speaker (each pass makes new match objects)
    labelled = list(_LATIN_SPEAKER_RE.finditer(view)) if chat else []
    latin = [m for m in labelled if _latin_speaker_like(m["v"])]
    if chat:
        # a label in capitals that is also an English word (MOHAMMED:, RAJ:) speaks on a line the messenger stamped
        # with its time, or beside a label in capitals that surely is a name (SURESH:)
        latin += [m for m in labelled if m["v"].isupper() and m not in latin
                  and _latin_speaker_like(m["v"], english_too=True)
                  and (_MESSENGER_TIME_RE.match(m.group()) or any(other["v"].isupper() for other in latin))]
        # one that is an English word too but a name of the foreign name lexicon (Lan:, Mai:, Grace:) speaks beside a
        # Latin label that surely is a name (Thu Trang:)
        if latin:
            latin += [m for m in labelled if m not in latin and not m["v"].isupper()
                      and all(word.upper() in _FOREIGN_NAMES.latin for word in m["v"].split(" "))
                      and _NOT_LATIN_NAME.search(m["v"]) is None]
    speakers = list(_chat_speakers(view, tokens)) if chat else []
    if chat:
        speakers += _chat_vocatives(view)
    if len(labels) + len(latin) + len(speakers) + writer_lines < 2:
        return
    surely, beside_sure = [], []
    for m in labels:
        name, start, end = m["v"], m.start("v"), m.end("v")
        inside = _tokens_within(tokens, start, end)
        if name in _NOT_NAMES or _CHAT_HEADER_RE.search(name):  # [가족방], [반톡]: the chat's name, no speaker
            continue
        token = _token_starting_at(tokens, start)
        guessed = token if token is not None and token.guessed else None  # Kiwi's known proper nouns: 광주:, 세종:
        if m["kin"] is not None or (len(name) == 2 and _given_name_like(name, guessed, places_known=True)):
            surely.append(_Hit("NAME", start, end))
        elif len(name) == 2 and (name in _WORD_NAMES or _given_name_like(name, None)):
            # 하늘: and 바다: are a schedule's rows as often, and a proper noun Kiwi knows a place's (광주:, 세종:) as
            # often as a person's (채원:, 하린:): names where another speaker surely is one
            beside_sure.append(_Hit("NAME", start, end))
        elif len(name) > 2 and (
                (_SURNAME_START.match(name) is not None and _plausible_name(name, _WEAK)
                 and _name_like_span(view, start, end, tokens))
                # a guess, not a proper noun Kiwi knows: those are shops, banks and places (이마트:, 광주:)
                or (inside and all(t.guessed for t in inside) and name[-1] not in _PLACE_LAST)):
            surely.append(_Hit("NAME", start, end))
    if chat:  # the text says it is a chat: every name-like label speaks, and the writer's own lines count
        if len({hit.start for hit in (*surely, *beside_sure, *speakers)}) + len(latin) + writer_lines >= 2:
            yield from surely
            yield from beside_sure
            yield from (_Hit("NAME", m.start("v"), m.end("v")) for m in latin)
            yield from speakers
        return
    if len(surely) + len(beside_sure) < 2:
        return  # one name-like label among headers is a header too: [민원] …⏎[재민원] …
    yield from surely
    if surely:
        yield from beside_sure


# Any label before a colon in a pasted chat, of up to three words (데위 랏나사리:, 봄:, 뚱이:, 남편 김철수:).
_CHAT_SPEAKER_RE = re.compile(
    rf"(?m){_LINE_LABEL_OPENING}(?P<v>[가-힣]{{1,6}}(?:[ ][가-힣]{{1,6}}){{0,2}})[ ]?:(?![0-9])"
)


# In a chat people call each other by their given names (준영아 내 자리도, 하늘아 괜찮아?) and speak of each other
# with the affectionate 이 (동욱이랑 온대, 재석이 번호, 하준이가 또 늦잠).
_VOCATIVE_RE = re.compile(r"(?<![가-힣])(?P<v>[가-힣]{2})(?P<call>아|야)(?=[ ]|[!?~,.ㅋㅎㅠㅜ]|$)", re.MULTILINE)
_AFFECTIONATE_RE = re.compile(
    r"(?<![가-힣])(?P<v>[가-힣]{2})이(?=(?:가|는|도|랑|를|한테|네|의)?(?:[ !?~,.ㅋㅎㅠㅜ]|$))", re.MULTILINE)


def _chat_vocatives(view: str) -> list[_Hit]:
    """A given name in a chat, called out (아 after a closed syllable, 야 after an open one) or with the affectionate
    이 after a closed one: made of a given name's syllables (친구야, 언니야 and 얘들아 are not) and no pronoun, call,
    adverb or common noun Kiwi knows on its own (자기야, 아가야, 다시야, 세월아, 동생이, 점심이), or a listed word
    name called out (하늘아)."""
    hits = []
    for m in (*_VOCATIVE_RE.finditer(view), *_AFFECTIONATE_RE.finditer(view)):
        name = m["v"]
        closed = not _open_syllable(name[-1])
        called = m.re is _VOCATIVE_RE
        if (closed != (m["call"] == "아") if called else not closed) or name in _NOT_NAMES:
            continue
        alone = _name_reader().tokenize(name)
        if (name in _WORD_NAMES and called) or (all(ch in _GIVEN for ch in name) and not any(
                token.tag in ("NP", "IC", "MAG") or _known_noun(token) for token in alone)):
            hits.append(_Hit("NAME", m.start("v"), m.end("v")))
    return hits


def _chat_speakers(view: str, tokens: list[Token]) -> Iterator[_Hit]:
    """In a text that says it is a chat, every speaker's label is a name or a nickname (뽀미:, 뚱이:, 응옥:, 봄:,
    제니퍼 레예스:) once the words before it that say who the person is are dropped (남편 김철수: → 김철수); not the
    writer's own (나:, 엄마:), a role or a word the lists know (상담원:, 통장님:), nor a common noun Kiwi knows
    (내용:, 답변:)."""
    for m in _CHAT_SPEAKER_RE.finditer(view):
        words, start = m["v"].split(" "), m.start("v")
        # (a child's parent first, 서아아빠 추성진:, goes too: the child is read on its own)
        while words and (words[0].removesuffix("님") in _NOT_NAMES or re.fullmatch(_KIN, words[0])
                         or words[0] in _SELF_SPEAKERS
                         or (len(words) > 1 and re.fullmatch(f"[가-힣]{{1,3}}(?:{_PARENT_AFTER_CHILD})", words[0]))):
            start += len(words[0]) + 1
            words = words[1:]
        # a surname alone after a title is how colleagues are named, not a name (팀장 박:), and so is a surname with
        # 씨 (통장 이씨:, 김씨:)
        if not words or any(word.removesuffix("님") in _NOT_NAMES for word in words) or (
                start > m.start("v") and len(words) == 1 and len(words[0]) == 1) or (
                len(words) == 1 and _SURNAME_WITH_SSI.fullmatch(words[0])):
            continue
        end = m.end("v")
        # and who the person is after the name (슬기 올케:, 민수 삼촌:)
        while len(words) > 1 and re.fullmatch(_KIN, words[-1]):
            end -= len(words[-1]) + 1
            words = words[:-1]
        parent = re.search(f"(?:{_PARENT_AFTER_CHILD})$", words[-1])
        if parent is not None and parent.start() >= 1:
            end -= len(parent.group())
            words[-1] = words[-1][:parent.start()]
        # a label Kiwi reads with a common noun, a number or a verb in it is a field, a role or a rule's item
        # (집주인:, 택배기사:, 신청기간:, 하나:, 채우기:); a name is a word it does not know, a proper noun or bits
        # a surname written apart from a foreign given name is no gourd (박 올렉산드라:)
        surname_apart = len(words) > 1 and len(words[0]) == 1 and words[0] in _SURNAMES
        inside = _tokens_within(tokens, start + 2 if surname_apart else start, end)
        # a full name after who the person is stands for itself, however Kiwi cuts it (서아아빠 추성진: 추+성+진)
        introduced = (start > m.start("v") and len(words) == 1 and _KOREAN_FULL_NAME.fullmatch(words[0]) is not None
                      and _plausible_name(words[0], _WEAK))
        if words[-1] in _NOT_SPEAKERS or (any(
                _known_noun(token) or token.tag in ("NR", "NP", "IC") or token.tag.startswith(("V", "E", "XS"))
                for token in inside) and not _called_by_given_name(view, words) and not introduced):
            continue
        yield _Hit("NAME", start, end)


# A person's account on a social network or a site: an @mention (작성자 @yoon.dahye_official) or a handle after the
# word for an account (인스타 아이디: minji_0412); not an e-mail's @ (its part before the @ is the person's, read
# as mail), a domain (@naver.com) or an office's account (@gunsan_city, 인스타 gunsan.official).
# A handle is typed as one, with a digit, a dot or an underscore and three letters in a row (not @everyone, @Home,
# 인스타: Reels, 닉네임 v2.0); the word for an account before it with its particle or colon (아이디는 hong77, 계정:
# @…), or with a space before a handle in lower case (카톡 아이디 kimjs0412; not 계정 Windows11 업데이트); an English
# cue with its colon, not after another English word (ID: kim1234; not Order ID: ORD2024). Not a web address's part
# (youtu.be/abc, https://…) nor a masked mail's domain (d*****@naver. com).
_ACCOUNT_WORD = "계정|아이디|닉네임|인스타(?:그램)?|트위터|페이스북|틱톡|유튜브|스레드"
_ACCOUNT_HANDLE_RE = re.compile(
    rf"(?:(?<![A-Za-z0-9._%+=*-])@|(?:{_ACCOUNT_WORD})(?:[ ]?(?:은|는|이)[ ]?:?|[ ]?:)[ ]?@?"
    rf"|(?:{_ACCOUNT_WORD})[ ](?=[a-z])"
    r"|(?<![^\s.,;(])(?<![A-Za-z가-힣][ ])(?i:ID|user[ ]?name|instagram|insta|twitter|tiktok)[ ]?:[ ]?@?)"
    r"(?P<v>(?=[A-Za-z0-9._]*[0-9._])(?=[A-Za-z0-9._]*[A-Za-z]{3})[A-Za-z][A-Za-z0-9._]{1,28}[A-Za-z0-9_])"
    r"(?![A-Za-z0-9._@/:-])")
_DOMAIN_END = re.compile(r"(?i)\.(?:com|net|org|kr|co|go|io)$")
_HANDLE_PART = re.compile(r"[A-Za-z]+")


def _account_handles(view: str) -> Iterator[_Hit]:
    for m in _ACCOUNT_HANDLE_RE.finditer(view):
        handle = m["v"]
        if _DOMAIN_END.search(handle) or any(part.lower() in _OFFICE_MAILBOXES
                                             for part in _HANDLE_PART.findall(handle)):
            continue
        yield _Hit("NAME", m.start("v"), m.end("v"))


def _called_by_given_name(view: str, words: list[str]) -> bool:
    """A label of a surname and a given name that is a word (육정의: beside 정의야 구청 …): called by the given name
    in the same chat, it is a person, where a field (정류장:, 주소지:) is called by no one."""
    if len(words) != 1 or len(words[0]) != 3 or words[0][0] not in _SURNAMES or _known_word_opens_alone(words[0]):
        return False  # 한마음:, 한가족: a group
    return any(m["given"] == words[0][1:] for m in _CALLED_BY_GIVEN_NAME_RE.finditer(view))


_SURNAME_WITH_SSI = re.compile(f"{_SURNAME}씨")
_CALLED_BY_GIVEN_NAME_RE = re.compile(r"(?m)(?<![가-힣])(?P<given>[가-힣]{2})[아야](?=[ !?~,.]|$)")


def _beside_unknown_word(view: str, start: int, tokens: list[Token]) -> bool:
    """In brackets right after a word Kiwi has to guess: the same name in Hangul, 제니 로사리오(JENNY ROSARIO), where
    a shop's sign follows a name Kiwi knows (뚜레쥬르(TOUS LES JOURS)); a space may stand before the bracket."""
    if start < 2 or view[start - 1] != "(":
        return False
    word_end = start - 2 if view[start - 2] == " " else start - 1
    before = [t for t in _tokens_within(tokens, max(0, start - 12), word_end) if t.end == word_end]
    return bool(before) and before[-1].guessed


def _token_starting_at(tokens: list[Token], start: int) -> Token | None:
    """The first token starting exactly at ``start``, if one does."""
    index = _token_at(tokens, start)
    return None if index is None else tokens[index]


def _child_name_shaped(name: str) -> bool:
    """A listed word name, a given name of given-name syllables, or a surname and such a given name (은혜, 서아,
    독고나래; not 첫째딸, 일용직, 별님반, 뽀로로)."""
    if name in _WORD_NAMES:
        return True
    if len(name) == 2:
        return all(ch in _GIVEN for ch in name)
    compound, given = _surname_apart(name)
    return (compound or name[0] in _SURNAMES) and (given in _WORD_NAMES or all(ch in _GIVEN for ch in given))


def _given_name_like(name: str, in_sentence: Token | None, places_known: bool = False,
                     place_like_end: bool = True) -> bool:
    """Made and ended like a given name, not a place (군산, 전북, 한국), and not a word Kiwi knows: it reads the
    name in its sentence (or alone) as a proper noun or a guess, or alone as two loose syllables (서+아, 상+미),
    where 하나, 내외, 말+로 are words. Kiwi's reading changes with the sentence (딸 지+유+가, 딸 지유가/NNP)."""
    if (name in _NOT_NAMES or any(ch not in _GIVEN for ch in name) or name[-1] in _NOT_LAST
            or (place_like_end and name[-1] in _PLACE_LAST)):  # 친구 대전, 딸 대구; not before 엄마: 규리 엄마
        return False
    if (in_sentence is not None and (in_sentence.guessed or (in_sentence.tag == "NNP" and not places_known))
            and in_sentence.end - in_sentence.start <= len(name) + 1):  # the name, with 이 or a particle at most
        return True
    alone = _name_reader().tokenize(name)
    if len(alone) == 1:  # where places are known (``places_known``), a proper noun in the dictionary is one
        return alone[0].guessed or (alone[0].tag == "NNP" and not places_known)
    return all(t.end - t.start == 1 and not t.tag.startswith(("J", "E", "V", "XS")) for t in alone)


def _tokens_within(tokens: list[Token], start: int, end: int) -> list[Token]:
    """The tokens that start in [start, end); ``tokens`` are in text order (a scan per call would make a long text
    with many candidates quadratic)."""
    first = bisect.bisect_left(tokens, start, key=_token_start)
    return tokens[first : bisect.bisect_left(tokens, end, lo=first, key=_token_start)]


def _token_at(tokens: list[Token], start: int) -> int | None:
    """The index of the first token starting exactly at ``start``, if one does."""
    index = bisect.bisect_left(tokens, start, key=_token_start)
    return index if index < len(tokens) and tokens[index].start == start else None


def _token_start(token: Token) -> int:
    return token.start


# Where by a place (나래교 아래 산책로, 새빛교 건너편): a place's last syllable before it ends a place's name.
_WHERE_BY_IT = re.compile(r"[ ](?:아래|위|밑|앞|옆|뒤|건너|건너편|맞은편|사거리|삼거리|입구|근처|부근|일대)(?![가-힣])")


def _name_like_span(view: str, start: int, end: int, tokens: list[Token]) -> bool:
    """In the sentence, Kiwi reads no dictionary word starting with the surname (정상+화, 부처+인, 소유+하는 are
    words; 허+지원, 한+동+욱 and a guessed 표성국 are names), no particle, ending or counter in it (한+명+이) and no
    word running on past it. The given name itself may be a word (지원, 가온): the context vouches for it."""
    candidate = view[start:end]
    given = candidate[2:] if candidate[:2] in _COMPOUND_SURNAMES else candidate[1:]
    if (candidate in _NOT_NAMES or given in _TITLES or len(given) < 2 or any(ch in _NOT_GIVEN for ch in given)
            or _public_holder(candidate) or _COPULA_WORD.fullmatch(candidate)
            or (candidate[-1] in _PLACE_LAST and _WHERE_BY_IT.match(view, end))):
        return False  # 이+차장님, 안+의원님, 예금주 창원시, a dialect's copula after a number (… 팔팔공삼 이라예),
        # a place with where by it (나래교 아래, 은하동 앞)
    return not any(
        (token.start == start and token.end - token.start >= 2 and token.tag != "NNP" and not token.guessed)
        or token.tag.startswith(("J", "E", "XS", "XP")) or token.tag in ("NNB", "NR", "VCP") or token.end > end
        for token in _tokens_within(tokens, start, end)
    )


def _word_not_given_name(view: str, start: int, end: int) -> bool:
    """Two syllables that are a word, a region or a place here, not a given name: a word names take (바다, 하늘)
    but not in a name's forms (바다가, 하늘:), a region (세종), a place's ending (군산), a name withheld (윤모)."""
    candidate = view[start:end]
    return (candidate in _REGION_NAMES or candidate[-1] in _PLACE_LAST or candidate[1] == "모"
            or (candidate in _WORD_NAMES and not _KNOWN_GIVEN_WORD_END.match(view, end)))


_WORD_BEFORE = re.compile(r"([가-힣]+)[ ,]+\Z")
_WORD_AFTER = re.compile(r"[ ,]+([가-힣]+)")
_CALL_TO = re.compile(r"([가-힣]{2,3})[아야]")
# Calls to people (누나야 아윤아, 선배야 하람아): a name called beside one is a person's.
_CALLED_PEOPLE = frozenset(_PERSON_WORDS.split("|")) | {"선배", "후배", "자기", "형님", "여보"}


def _among_calls_to_words(view: str, start: int, end: int) -> bool:
    """A word called (나비야) beside a call to a common noun (세월아 네월아 나비야 애기야): a song's or a saying's
    string of calls to things, not a person called."""
    if view[end : end + 1] not in ("아", "야"):
        return False
    before = _WORD_BEFORE.search(view, max(0, start - 12), start)
    after = _WORD_AFTER.match(view, end + 1)
    return any(word is not None and (call := _CALL_TO.fullmatch(word[1])) is not None
               and call[1] not in _CALLED_PEOPLE and _one_known_noun(call[1]) for word in (before, after))


def _given_alone_like_span(view: str, start: int, end: int, tokens: list[Token]) -> bool:
    """A two-syllable given name alone: a word that is also a name only in forms the word does not take (보람이가,
    나래야, not 우리 바다가), not a region (세종: 3건), a place's ending (군산) or a name withheld (윤모씨), no
    syllable names do not take, and Kiwi reads no particle, ending, verb or counter in it and no word running on
    past it (승우+랑, but not 있+어, 하+고)."""
    candidate = view[start:end]
    if candidate in _NOT_NAMES or _word_not_given_name(view, start, end) or any(ch in _NOT_GIVEN for ch in candidate):
        return False
    return not any(
        token.tag.startswith(("J", "E", "XS", "XP", "V")) or token.tag in ("NNB", "NR", "VCP", "MM", "MAG", "MAJ")
        or token.end > end
        for token in _tokens_within(tokens, start, end)
    )


def _foreign_person_names(view: str, tokens: list[Token]) -> Iterator[_Hit]:
    """Names in English sentences and closings, and foreign residents' names in Hangul after their nationality,
    after 저, or before 씨/님."""
    for m in _ENGLISH_PERSON_CUE_RE.finditer(view):
        if m["k"] is not None:
            if _plausible_name(m["k"], _STRONG):
                yield _Hit("NAME", m.start("k"), m.end("k"))
        elif _latin_name_like(m["v"]):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _NAMED_LATIN_RE.finditer(view):
        if (_NOT_LATIN_NAME.search(m["v"]) is None if m["kin"] is None else _latin_name_like(m["v"])):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _CLOSING_GIVEN_NAME_RE.finditer(view):
        # a word alone under a closing is a name even when English has it (Tom, Grace), unless it signs for a group
        if _NOT_LATIN_NAME.search(m["v"]) is None and _SIGNED_FOR_GROUP.fullmatch(m["v"]) is None:
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _LATIN_TITLED_RE.finditer(view):
        if _latin_name_like(m["v"]) and _SIGNED_FOR_GROUP.fullmatch(m["v"]) is None:
            yield _Hit("NAME", m.start("v"), m.end("v"))
    if _RESIDENT_CONTEXT.search(view) is None:
        return
    for m in _FOREIGN_PERSON_RE.finditer(view):
        if m["v"] is not None:
            if _latin_name_like(m["v"]):
                yield _Hit("NAME", m.start("v"), m.end("v"))
            continue
        group = next(group for group in ("h", "s", "r") if m[group] is not None)
        if group == "r" and m["r"][-1] in _PLACE_LAST:
            continue  # 독도라고 불리는: a place is called so too
        yield from _unknown_foreign_name(view, m.start(group), m.end(group), tokens)
    for m in _NAME_THEN_NATIONALITY_RE.finditer(view):
        words = m["h"].split(" ")
        first = _tokens_within(tokens, m.start("h"), m.start("h") + len(words[0]))
        if any(token.guessed for token in first) and not _NOT_NAMES.intersection(words):
            yield _Hit("NAME", m.start("h"), m.end("h"))


def _unknown_foreign_name(view: str, start: int, end: int, tokens: list[Token]) -> Iterator[_Hit]:
    """The name at the end of ``view[start:end]`` once the descriptions before it are dropped (네팔 사람, 통역사),
    when Kiwi reads each word left as a proper noun or has to guess it (흐엉, 비슈누, 라흐마와티); its last word may
    be a dictionary word (비슈누 타파)."""
    words = view[start:end].split(" ")
    while words and (words[0] in _BEFORE_FOREIGN_NAME or words[0] in _NOT_NAMES
                     or words[0].endswith(("에서", "에", "는", "은", "의", "로", "사람"))
                     or (len(words) > 1 and not _unknown_word(start, len(words[0]), tokens))):
        start += len(words[0]) + 1
        words = words[1:]
    if not words or _NOT_NAMES.intersection(words):
        return
    offset = start
    # every longer word but the last one Kiwi does not know, and none a place (나운동 아파트); one syllable may be a
    # middle name that is also a Korean word (쩐 반 훙)
    for word in words[:-1]:
        if len(word) > 1 and (not _unknown_word(offset, len(word), tokens) or word[-1] in _PLACE_LAST):
            return
        offset += len(word) + 1
    if _unknown_word(start, len(words[0]), tokens) and all(
            token.tag.startswith("N") for token in _tokens_within(tokens, start, end)):
        yield _Hit("NAME", start, end)  # nouns only: 저 군산 국가산업단지 공장에서 일해요 is a sentence


def _unknown_word(start: int, length: int, tokens: list[Token]) -> bool:
    return _unknown_tokens(_tokens_within(tokens, start, start + length))


def _unknown_tokens(inside: list[Token]) -> bool:
    """Kiwi reads a proper noun or has to guess among these tokens."""
    return any(token.tag == "NNP" or token.guessed for token in inside)


# What may end the last word of a foreign name: 수닐 타망도, 모하메드 카림과, 람 바하두르 구룽입니다, 속 찬나와;
# the shortest first, as 조시 라이가 is 라이 + 가, not 라 + 이가.
_FOREIGN_NAME_ENDINGS = tuple(sorted((
    "입니다", "이에요", "예요", "이고요", "이라고", "라고", "이랑", "랑", "이가", "이는", "이도", "이를", "에게",
    "한테", "한테서", "과", "와", "도", "가", "는", "은", "이", "을", "를", "의", "씨", "님",
), key=len))
_BEFORE_PERSON_WORD = re.compile(r"[ ]?(?:씨|님|입니다|이에요|예요|이라고|라고)")


def _foreign_name_word(word: str, start: int, tokens: list[Token]) -> str | None:
    """How ``word`` (at ``start``) reads as part of a foreign resident's name: "listed" (in the lexicon, or an
    unknown word with a family-name ending: 카리모프, 유수포바), "syllable" (a listed Vietnamese syllable: 꽝),
    "weak" (one syllable Kiwi reads as a proper noun or guesses (람), a Korean surname (알렉세이 김), 반 or 티, a
    Vietnamese family name that is a Korean syllable too: 호, 도, 부, 당, 보),
    "unknown" (a longer word Kiwi does not know or breaks into bits: 비쉬누, 자혼기르; no listed non-name or place)
    or None."""
    inside = _tokens_within(tokens, start, start + len(word))
    unknown = _unknown_tokens(inside)
    if word in _FOREIGN_NAMES.hangul or (len(word) >= 4 and word.endswith(_FOREIGN_NAMES.endings) and unknown):
        return "listed"
    if word in _FOREIGN_NAMES.syllables:
        return "syllable"
    if len(word) == 1:
        surname = word in _RUN_OPENING_SURNAMES and word not in "신성"  # 성 소피아, 크리슈나 신: a saint, a god
        return "weak" if unknown or surname or word in "반티호도부당보" else None
    if word in _NOT_NAMES or word[-1] in _PLACE_LAST:
        return None
    # Kiwi breaks a foreign word into bits it reads as Korean ones (자혼기르: 자/IC 혼기/NNG 르/NNG)
    fragmented = len(word) >= 3 and len(inside) >= 3 and all(t.end - t.start <= 2 for t in inside) and not (
        inside[-1].tag.startswith(("E", "J")))
    if fragmented or (unknown and not any(t.tag.startswith(("V", "E", "J")) for t in inside)):
        return "unknown"
    return None


# A text about foreign residents, where a run of name words is a person: elsewhere it is as often a saint, a brand
# or a book (성 소피아 성당, 로빈슨 크루소를, 로라 애슐리 커튼).
_RESIDENT_CONTEXT = re.compile(
    rf"{_FOREIGN_CONTEXT.pattern}|{_NATIONALITIES}|선원|근로자|노동자|여권|비자|출입국|고용허가|외국"
)


def _maybe_listed(word: str) -> bool:
    """Whether ``word``, or it without an ending, is in the Hangul lexicon or has a family-name ending: what
    _foreign_name_word needs before it can say "listed"."""
    return any(stem in _FOREIGN_NAMES.hangul or (len(stem) >= 4 and stem.endswith(_FOREIGN_NAMES.endings))
               for stem in (word, *(word[:-len(e)] for e in _FOREIGN_NAME_ENDINGS if word.endswith(e))))


def _listed_foreign_names(view: str, tokens: list[Token]) -> Iterator[_Hit]:
    """Foreign residents' names with no cue, found by the lexicon (data/privacy/foreign_name_words.yaml): in a text
    about foreign residents, a run of name words (see _foreign_name_word) with a listed one in it (람 바하두르
    구룽, 모하메드 카림과, 카리모프 자혼기르, 나탈리야 김), or of three one-syllable ones with a listed Vietnamese
    syllable (딘 꽁 럭, 호 반 꽝); anywhere, a listed word alone before 씨/님 or a copula (굴노라 입니다, 바트에르덴
    이에요; not 필립스가, 벤자민은)."""
    about_residents = _RESIDENT_CONTEXT.search(view) is not None
    words = list(_HANGUL_WORD.finditer(view))
    # outside a text about residents only a listed word can be a name: most texts have none, and need no Kiwi
    if not about_residents and not any(_maybe_listed(word.group()) for word in words):
        return
    index = 0
    while index < len(words):
        run: list[tuple[int, int, str]] = []  # start, end of each name word, its kind
        position = index
        particle_after = False
        while position < len(words):
            word = words[position]
            if run and view[run[-1][1]:word.start()] != " ":
                break
            text, kind = word.group(), _foreign_name_word(word.group(), word.start(), tokens)
            if kind is None:
                for ending in (e for e in _FOREIGN_NAME_ENDINGS if text.endswith(e) and len(text) > len(e)):
                    kind = _foreign_name_word(text[:-len(ending)], word.start(), tokens)
                    if kind is not None:
                        run.append((word.start(), word.end() - len(ending), kind))
                        position += 1
                        particle_after = True
                        break
                break  # a particle ends the name
            run.append((word.start(), word.end(), kind))
            position += 1
        kinds = [kind for _, _, kind in run]
        if run:
            start, end = run[0][0], run[-1][1]
            a_run = about_residents and (("listed" in kinds and len(run) >= 2) or (
                len(run) >= 3 and "syllable" in kinds and set(kinds) <= {"syllable", "weak"}))
            # a listed word alone: before 씨/님 or a copula; after who the person is (엄마 아이게림, 자녀 마디나); in
            # a text about residents also before a particle (데위가, 마디나랑)
            alone = kinds == ["listed"] and (
                _BEFORE_PERSON_WORD.match(view, end) is not None
                or _seen_before(_PERSON_CUE_BEFORE, view, start, 16)
                or (about_residents and particle_after))
            if a_run or alone:
                yield _Hit("NAME", start, end)
        index = max(position, index + 1)


def _unknown_names(view: str, tokens: list[Token]) -> Iterator[_Hit]:
    """Names Kiwi does not know after who the person is (아내 흐엉이, 동료 수닐 타망), and at the start of a line
    before 입니다/예요 (솜차이 예요): mostly foreign residents' names, which no list of surnames covers."""
    for m in _PERSON_CUE_RE.finditer(view):
        yield from _unknown_words_from(view, m.end(), tokens, person_cue=m["place"] is None)
    for m in _LINE_START_RE.finditer(view):
        for hit in _unknown_words_from(view, m.end(), tokens, person_cue=False):
            if _UNKNOWN_NAME_COPULA.match(view, hit.end):
                yield hit


def _unknown_words_from(view: str, start: int, tokens: list[Token], person_cue: bool = True) -> Iterator[_Hit]:
    """The words from ``start`` that Kiwi reads as a proper noun or has to guess, up to four, a particle ending
    the run (아지즈도 → 아지즈). A one-syllable word counts inside a run (쩐 티 란, 스레이 나, 김 세르게이) but not
    alone.
    Without a person cue before it (사는, 일하는, a line's start) a proper noun Kiwi knows is taken for a place."""
    end = start
    words = 0
    surname_first = False
    while words < 4:
        # anchored: a scan ahead from every cue would make a long text without Hangul quadratic
        word = _HANGUL_WORD.match(view, start if words == 0 else end + 1)
        if word is None or (words > 0 and view[end] != " "):
            break  # the run goes on only across one space
        inside = _tokens_within(tokens, word.start(), word.end())
        first = inside[0] if inside else None
        if len(word.group()) == 1:
            # a Korean surname may open a run after who the person is (아들 김 세르게이: 고려인 names), one that is
            # no everyday word (예 농협, 두 명), and a word of two syllables or more must follow it
            if surname_first:
                break
            surname_first = words == 0 and person_cue and word.group() in _RUN_OPENING_SURNAMES
            if ((words == 0 and not surname_first) or word.group() in _NOT_GIVEN
                    or word.group() in _AFTER_NAME_SYLLABLES or first is None
                    or (first.tag.startswith(("J", "E", "V", "M")) and not surname_first)):
                break
            end, words = word.end(), words + 1
            continue
        # a proper noun Kiwi knows is mostly a place (서울, 필리핀): a name when shaped like a Korean one, when a
        # person's particle follows (흐엉이, 흐엉 씨), or after the first word without a particle of place
        # (프라빈 구룽도, not 흐엉 서울에)
        known_name = first is not None and first.tag == "NNP" and (
            _PROPER_NOUN_NAME.fullmatch(first.form)
            or (person_cue and (_PERSON_PARTICLE.match(view, first.end)
                                or (words > 0 and not _PLACE_AFTER.match(view, first.end)))))
        if (first is None or first.start != word.start() or first.end - word.start() < 2
                or not (first.guessed or known_name) or view[word.start():first.end] in _NOT_NAMES
                or _PLACE_AFTER.match(view, first.end)):  # 친구 인스타에, 사는 동네에서: a place
            break
        rest = [t for t in inside if t.start >= first.end]
        if rest and not rest[0].tag.startswith(("J", "E", "VCP")):
            break  # a compound (월명+공원, 활동+지원사), not a name and a particle
        end, words = first.end, words + 1
        if rest:
            break  # a particle or an ending follows: the name stops here
    if words == 0 or end - start < 2:
        return
    if view.endswith("요", start, end) and end - start > 3:
        end -= 2 if view.endswith("이요", start, end) else 1  # Kiwi guesses 강미래요 as one word: the answer's 요
    name = view[start:end]
    if name in _NOT_NAMES or (name[-1] in _PLACE_LAST and not surname_first):  # 김 드미트리 is no village (리)
        return
    if " " not in name and (name[-1] in _NOT_LAST or name[-1] in _ROLE_LIKE_END or any(
            _known_noun(t) for t in _name_reader().tokenize(name))):
        return  # one word read alone as a compound of known nouns, or ending like a job or a facility
    last = _name_reader().tokenize(name.rsplit(" ", 1)[-1])
    if len(last) > 1 and any(_known_noun(t) for t in last):
        return  # the last of several words a compound of known nouns: 안산시 외국인주민센터입니다 is an office
    yield _Hit("NAME", start, end)


def _transliterated_names(view: str, tokens: list[Token]) -> Iterator[_Hit]:
    """Both writings of a foreign name given in Hangul and in Latin letters side by side."""
    for m in _TRANSLITERATED_RE.finditer(view):
        hangul, latin = ("h", "l") if m["h"] is not None else ("h2", "l2")
        latin_words = m[latin].split(" ")
        # before the brackets, as many of the last words as the Latin has (태국 사람 니파폰 스리삭(Nipaporn Srisak))
        hangul_words = m[hangul].split(" ")
        hangul_words = hangul_words[-len(latin_words):] if latin == "l" else hangul_words[: len(latin_words)]
        start = m.end(hangul) - len(" ".join(hangul_words)) if latin == "l" else m.start(hangul)
        end = start + len(" ".join(hangul_words))
        if _transliterates(hangul_words, latin_words) and _latin_name_like(m[latin]) and not any(
            # a noun Kiwi knows (국민 신문고(Gukmin Sinmungo)) or a place it reads (경복궁, 돌담+길): a Korean word
            # glossed (one syllable alone is too often a word to tell: 아웅 초 우; 스리+삭 is a name Kiwi splits)
            (len(inside) == 1 and _known_noun(inside[0]))
            or (bool(inside) and view[inside[-1].end - 1] in _PLACE_LAST
                and any(t.tag in ("NNG", "NNP") and not t.guessed for t in inside))
            for inside in _word_tokens(start, view[start:end], tokens)
        ):
            yield _Hit("NAME", start, end)
            yield _Hit("NAME", m.start(latin), m.end(latin))


def _transliterates(hangul_words: list[str], latin_words: list[str]) -> bool:
    """As many words in each script, each pair starting with a sound the two scripts agree on (니파폰 Nipaporn,
    알렉세이 ALEKSEI)."""
    return len(hangul_words) == len(latin_words) and all(
        unicodedata.normalize("NFD", latin[0])[0].upper() in _INITIAL_LETTERS[(ord(hangul[0]) - 0xAC00) // 588]
        for hangul, latin in zip(hangul_words, latin_words, strict=True)
    ) and not _NOT_NAMES.intersection(hangul_words)


# The Latin letters a Hangul final consonant is heard as (by final index: ㄱ, ㄴ, ㄷ, ㄹ, ㅁ, ㅂ, ㅅ, ㅇ); the rarer
# finals say nothing. A final ㄱ before ㅅ is an X (알렉세이 Alexei).
_FINAL_LETTERS = {1: "KGCX", 4: "N", 7: "TD", 8: "LR", 16: "M", 17: "PB", 19: "ST", 21: "NG"}


def _consonants_heard(hangul: str) -> int:
    """How many consonants a Hangul word has that _reads_as looks for: initials but ㅇ, and the finals it knows."""
    parts = [_syllable_parts(ch) for ch in hangul]
    return sum((p[0] != 11) + (p[2] in _FINAL_LETTERS) for p in parts if p is not None)


def _reads_as(hangul: str, latin: str) -> bool:
    """Every consonant heard in a Hangul word is, in order, a letter of the Latin word (시타 Sita, 바트 Bat; not
    서울 Sita): a reading, where a word that only starts alike is not (see _transliterates)."""
    letters, at, shared = unicodedata.normalize("NFD", latin).upper(), 0, False
    for ch in hangul:
        parts = _syllable_parts(ch)
        if parts is None:
            return False
        heard = [] if parts[0] == 11 else [_INITIAL_LETTERS[parts[0]]]  # ㅇ: silent as an initial
        heard += [_FINAL_LETTERS[parts[2]]] if parts[2] in _FINAL_LETTERS else []
        for position, choices in enumerate(heard):
            # an initial after a final heard may be written with the final's letter: one L in 알렉세이 Alexei
            # (ㄹ, ㄹ), one X (ㄱ, ㅅ)
            start = at - 1 if shared and position == 0 and parts[0] != 11 else at
            found = [i for i in (letters.find(letter, start) for letter in choices) if i >= 0]
            if not found:
                return False
            at = min(found) + 1
        shared = parts[2] in _FINAL_LETTERS
    return True


def _word_tokens(start: int, words: str, tokens: list[Token]) -> Iterator[list[Token]]:
    """Kiwi's tokens inside each space-separated word of ``words``, which starts at ``start``."""
    for word in words.split(" "):
        yield _tokens_within(tokens, start, start + len(word))
        start += len(word) + 1


# A syllable of Mandarin as pinyin writes it without tones (ZHANG, XIAO, LI, NA).
_PINYIN_SYLLABLES = re.compile(
    "(?:(?:ZH|CH|SH|[BPMFDTNLGKHJQXRZCSYW])?(?:IANG|IONG|UANG|ANG|ENG|ING|ONG|IAO|IAN|UAI|UAN|AI|EI|AO|OU|AN|EN|ER"
    "|IA|IE|IU|IN|UA|UO|UI|UN|UE|VE|A|O|E|I|U|V))+")


def _pinyin_name(words: str) -> bool:
    """Two to four words in capitals, each made of pinyin syllables: a Chinese name's romanisation (LI NA,
    ZHANG XIAOMING; not NO PARKING, CEO)."""
    parts = words.split(" ")
    return 2 <= len(parts) <= 4 and all(_PINYIN_SYLLABLES.fullmatch(part) for part in parts)


def _capitals_reading(capitals: str, name: str) -> bool:
    """Words in capitals in brackets after a name found that are its reading: with a vowel and not English (not
    [이름](CCTV) or (NO PARKING)), where one word beside a Korean full name is a company's (김민수(POSCO)); beside a
    name in Chinese characters they are its pinyin, English or not (李娜 (LI NA))."""
    if _VOWEL.search(capitals) is None:
        return False
    if _HAN_CHARACTER.match(name) and _pinyin_name(capitals):
        return True
    return not _english_phrase(capitals) and (" " in capitals or not _KOREAN_FULL_NAME.fullmatch(name))


def _alias_names(view: str, names: list[_Hit], tokens: list[Token]) -> Iterator[_Hit]:
    """The same person in brackets beside a name found: [이름](류양), 陈思雨(천쓰위), 왕리나([이름])."""
    for hit in names:
        after = _ALIAS_AFTER_RE.match(view, hit.end)
        # after 씨/님 the brackets say as often where the person is from or what they do (씨(Thailand), 님(Manager),
        # 씨(東京)): only a Latin reading that sounds like the name (아피난 씨(Apinan))
        if after is not None and after["title"] is not None and (after["v"] is None or not _transliterates(
                view[hit.start : hit.end].split(" "), after["v"].split(" "))):
            after = None
        if after is not None:
            if after["v"] is not None and _NOT_LATIN_NAME.search(after["v"]) is None and (
                    not after["v"].isupper() or _capitals_reading(after["v"], view[hit.start : hit.end])):
                yield _Hit("NAME", after.start("v"), after.end("v"))
            elif after["c"] is not None or after["r"] is not None:
                group = "c" if after["c"] is not None else "r"
                yield _Hit("NAME", after.start(group), after.end(group))
            elif after["h"] is not None:
                # a Latin name's first words read in Hangul, though Kiwi knows them as words (Sita Kumari Thapa
                # (시타))
                read, written = after["h"].split(" "), view[hit.start : hit.end].split(" ")
                if view[hit.start].isascii() and _transliterates(read, written[: len(read)]) and all(
                        _reads_as(hangul, latin) for hangul, latin in zip(read, written, strict=False)):
                    yield _Hit("NAME", after.start("h"), after.end("h"))
                else:
                    yield from _unknown_foreign_name(view, after.start("h"), after.end("h"), tokens)
        # a chat's speaker label with the person's name in brackets: Sally(서은지): — the Latin word is what the
        # person goes by
        if view.startswith("(", hit.start - 1) and view.startswith("):", hit.end):
            label = _LATIN_LABEL_RE.search(view, view.rfind("\n", 0, hit.start) + 1, hit.start - 1)
            if label is not None and _NOT_LATIN_NAME.search(label["v"]) is None:
                yield _Hit("NAME", label.start("v"), label.end("v"))
        # a Latin name and its reading in Hangul after a space: as many words as are heard in its words, in order,
        # each with two consonants to hear at least (not the copula 예요 after Akhmedov Jasur, nor 봤어요 after Budi
        # Hartono, whose one ㅂ Budi has)
        if view[hit.start].isascii() and (reading := _READING_AFTER_RE.match(view, hit.end)):
            written = view[hit.start : hit.end].split(" ")
            read = reading["h"].split(" ")[: len(written)]
            while read and not (_transliterates(read, written[: len(read)]) and all(
                    _reads_as(hangul, latin) and _consonants_heard(hangul) >= 2
                    for hangul, latin in zip(read, written, strict=False))):
                read.pop()
            if read:
                yield _Hit("NAME", reading.start("h"), reading.start("h") + len(" ".join(read)))
        # the words before a bracketed name, only about a foreign resident (not 자유제안(홍길동)), as a Latin name
        # says it is (마리벨 레예스(MARIBEL REYES))
        if (hit.start > 0 and view[hit.start - 1] == "(" and view.startswith(")", hit.end)
                and (view[hit.start].isascii() or _FOREIGN_CONTEXT.search(view) is not None)):
            before = _ALIAS_BEFORE_RE.search(view, max(0, hit.start - 40), hit.start)
            if before is None:
                continue
            if before["v"] is not None and _NOT_LATIN_NAME.search(before["v"]) is None:
                yield _Hit("NAME", before.start("v"), before.end("v"))
            elif before["h"] is not None:
                # only words Kiwi does not know as a common word (왕리나, 아지즈 카리모프, not 자유제안)
                start = end = before.end("h")
                for word in reversed(before["h"].split(" ")):
                    if word in _NOT_NAMES or not _unknown_word(start - len(word), len(word), tokens) or any(
                            t.tag != "NNP" and not t.guessed and t.end - t.start >= 2
                            for t in _tokens_within(tokens, start - len(word), start)):
                        break
                    start -= len(word) + 1
                if start < end:
                    yield _Hit("NAME", start + 1, end)  # start is the space before the first word taken


# A comma between list items: after a name and its particle (김도윤, 박하람 / 보배, [이름]이도), or before a name.
# An item may say more of the person in brackets or give an age: 편영식(장남), 오지민 7살.
_ITEM_NOTE = r"(?:[ ]?\([^()\n]{1,12}\)|[ ]\d{1,3}(?:살|세))?"
# An item may start with a number's note (1층 송기철, 107동 하태양, a class: 6-3 경민채) or, in a household's list,
# who the person is to its head (처 탁하나, 모 유말자, 남편 복만수; not 부 or 자, as often a department or a word), or a
# title (주무관 빈하은); an award may stand before it (금상: 4-2 육다인, 은상: 5-1 방서후; not 장소: 성수동); a
# neighbourhood's unit is one such number too (7통 은하늘, 12통 봉소라)
_LIST_NUMBER_NOTE = (r"(?:(?:대상|금상|은상|동상|최우수상|우수상|장려상|입선)[ ]?:[ ]?)?"
                     r"(?:(?:\d{1,4}(?:층|호|번|반|동|통)|\d{1,2}-\d{1,2}|처|모|녀|남편|아내|딸|아들|장남|장녀|차남|차녀|"
                     rf"배우자|주무관|{_ROLES})[ ])?")
# People are also joined with 랑, 하고, 와/과 (친구 [이름]이랑 슬기도, [이름]랑 하루가); the word after such a join is
# taken only as a name on its own is (see _listed_name_like), so 김도윤과 사진을 keeps its 사진.
# (a child's affectionate 이 may stand apart before 하고: 손주 예준이 하고 예서가)
_NEXT_ITEM_AFTER = re.compile(
    rf"(?:(?:이|가|도|이도)?{_ITEM_NOTE}[ ]*[,、·][ ]*|(?:이[ ](?=하고))?(?P<joined>이랑|랑|하고|와|과)[ ]+)"
    rf"{_LIST_NUMBER_NOTE}")
_LIST_COMMA_BEFORE = re.compile(rf"[,、·][ ]*{_LIST_NUMBER_NOTE}$")
_CAPS_OR_LATIN_NAME = rf"(?:{_LATIN_NAME}|[A-Z]{{2,}}(?:[ ][A-Z]{{2,}}){{1,3}})"
_LIST_LATIN_AFTER = re.compile(rf"(?P<v>{_CAPS_OR_LATIN_NAME})(?![A-Za-z])")
_LIST_LATIN_BEFORE = re.compile(rf"(?<![A-Za-z])(?P<v>{_CAPS_OR_LATIN_NAME})[ ]*$")
_LIST_WORDS_AFTER = re.compile(r"[가-힣]+(?:[ ][가-힣]+){0,3}")
_LIST_WORDS_BEFORE = re.compile(rf"(?<![가-힣])(?P<w>[가-힣]+(?:[ ][가-힣]+){{0,3}}){_ITEM_NOTE}[ ]*$")
_ITEM_PARTICLE = re.compile(r"(?:이가|이도|이랑|이는|이|가|도|랑|는)$")


# An item of a list written a line each (1. 오세린 (3학년), - 李福童, 5. 구슬, 1. 바트에르덴 (몽골), a visitors' book's
# 09:25 지경민 - 전입신고): its first word or words, then a note in brackets, a note after a space, or the line's end.
_LINE_ITEM_RE = re.compile(
    r"(?m)^[ ]*(?:\d{1,3}[.)]|[-•·▪*]|\d{1,2}:\d{2})[ ]*"
    # a foreign resident's name may run to six syllables (바트에르덴, 오윤치메그)
    r"(?P<v>(?:남궁|제갈|선우|황보|독고|사공)[ ][가-힣]{1,2}|[가-힣](?:[ ][가-힣]){2}|[가-힣]{2,6}"
    # Nguyen Van Nam, NGUYEN VAN NAM: a resident in the same list
    r"|[\u4e00-\u9fff]{2,4}|[A-Z][a-z]+(?:[ ][A-Z][a-z]+){1,3}|[A-Z]{2,}(?:[ ][A-Z]{2,}){1,3})"
    r"(?:(?P<short>[ ]*$|[ ]*\()|(?=[ ][가-힣0-9]|[ ]*[-–—/|][ ]))"
)


# A list that says it is of people, by a count after it (누리, 초롱, 아름, 기쁨 네 명이요; 나성실, 고운 이런 분들) or
# a group before it (세 자매 믿음, 소망, 사랑이; 운영진 하늘, 바다): every item is a name when each reads as one on
# its own (see _listed_name_like) or is a foreign resident's name word (아구스, 데위 두 명이), so 사과, 배, 감 세 개
# and 믿음, 소망, 사랑 alone stay.
_PEOPLE_LIST = r"[가-힣]{2,4}(?:[ ]?,[ ]?[가-힣]{2,4}){1,12}"
_PEOPLE_LIST_RE = re.compile(
    rf"(?<![가-힣])(?P<l>{_PEOPLE_LIST})(?:이|가|도|이랑|랑)?[ ](?:이렇게[ ])?"
    r"(?:(?:두|세|네|다섯|여섯|일곱|여덟|\d{1,2})[ ]?(?:명|사람|분)|둘|셋|넷|다섯이|이런[ ]분|그런[ ]분|같은[ ]애들)"
    r"|(?<![가-힣])(?:자매|형제|남매|운영진|자녀|아이들|애들|손주들|친구들|회원|부부|쌍둥이)(?:는|은|이|가|로)?[ ]"
    rf"(?P<g>{_PEOPLE_LIST})"
)


# A given name that is also a word is a child's where it does what only a person does, in the same clause: 빛나가
# 거기서 넘어져, 누리가 또 벽에 낙서했다고, 바다가 분수 보고 싶대요 (not 하늘이 맑아서, 바다가 보이는: a clause
# that ends before the person's doing ends the rule too). A topic (바다는 무서워해요) and what a thing is said to do
# too (나라가 … 졸업 후, 미래가 학원에, 혼자서 지킬) are left out.
_PERSON_DOES = (
    "다쳤|다치|넘어지|넘어져|넘어졌|울어|울고|울었|운다|울면서|다니는|다녀요|다닙니다|다니고|낙서|싫대|좋대|싶대|"
    "아파서|아프대|아파요|열이[ ]났|태어났|숙제|물어봐|물어보|말하길|그러는데|그러더라|"
    "등원|하원|등교|하교|뛰어다|놀다가|놀고|놀러|자전거를[ ]타"
)
_WORD_NAME_DOES_RE = re.compile(
    rf"(?<![가-힣])(?P<v>{_WORD_NAME_WORDS})(?:이가|이도|이|가|도)[ ]"
    rf"(?:[^ .,!?\n]{{1,8}}[ ]){{0,2}}?(?P<does>{_PERSON_DOES})"
)


# A table pasted into a complaint, its cells between | or / (a petition's 연명부, a visitors' list): the column headed
# 성명 holds a person in each row below, whatever the name looks like (정상훈, 황보영자, Tran Van Nam), but for what
# is written where no name was given (미상, (서명)) and a common noun (공석, 합계). The header row heads other columns
# too (연번 | 성명 | 연락처): a form written as a table of fields (| 성명 | 정하늘 |⏎| 연락처 | …) has its name beside
# the field.
_TABLE_NAME_HEADER = frozenset({
    "성명", "성함", "민원인", "신청인", "신고인", "대표자", "예금주", "보호자", "작성자", "세대주", "서명인", "청원인"})
# 이름 heads a column of things as often (| 연번 | 이름 | 가격 |): people only beside a person's own fields
_TABLE_NAME_OR_THING = frozenset({"이름", "name", "Name", "NAME"})
_TABLE_PERSON_FIELDS = frozenset({"연락처", "전화", "전화번호", "휴대폰", "서명", "생년월일", "성별", "나이", "학년",
                                  "보호자"})
_TABLE_FIELDS = frozenset({
    *_TABLE_PERSON_FIELDS, "연번", "번호", "순번", "구분", "주소", "비고", "소속", "직위", "직급", "동", "호", "호수",
    "세대", "날짜", "일시", "시간", "용건", "방문목적", "국적", "부서", "학년", "반", "관계", "No", "no", "NO"})
_TABLE_NAME_CELL = re.compile(rf"[가-힣]{{2,5}}|[가-힣](?:[ ][가-힣]){{1,3}}|{_LATIN_NAME}|{_CAPS_WORDS}")
_NO_NAME_GIVEN = frozenset({"미상", "익명", "없음", "비공개", "본인", "대리인", "서명", "생략", "해당없음"})


def _table_names(view: str) -> Iterator[_Hit]:
    if "|" not in view and "/" not in view:  # tabs are spaces by now (_nfc)
        return
    columns, width, mark = [], 0, ""
    for line in re.finditer(r"[^\n]+", view):
        line_mark = mark or ("|" if "|" in line[0] else "/")
        if line_mark not in line[0]:
            columns, mark = [], ""  # the table ended
            continue
        cells, offset = [], line.start()  # empty cells too: | 1 | 한결 | | 부재 | keeps the header's width
        for piece in line[0].split(line_mark):
            text = piece.strip(" ")
            cells.append((text, offset + (piece.index(text) if text else 0)))
            offset += len(piece) + 1
        texts = {text for text, _ in cells}
        # every column of people: | 번호 | 성명 | 학년 | 보호자 |
        headed = [index for index, (text, _) in enumerate(cells) if text in _TABLE_NAME_HEADER or (
            text in _TABLE_NAME_OR_THING and texts & _TABLE_PERSON_FIELDS)]
        # a slash heads a table only in a line of nothing but fields (성명 / 주소 / 연락처 / 서명), as a sentence
        # has slashes too (성명/연락처: 마준혁 / 010-…)
        if headed and texts & _TABLE_FIELDS and (line_mark == "|" or texts <= _TABLE_FIELDS | _TABLE_NAME_HEADER):
            columns, width, mark = headed, len(cells), line_mark
            continue
        if len(cells) != width:
            continue
        for order, (text, start) in enumerate(cells[column] for column in columns):
            if (_TABLE_NAME_CELL.fullmatch(text) and text not in _NOT_NAMES and text not in _NO_NAME_GIVEN
                    and text not in _TABLE_FIELDS and text not in _TABLE_NAME_HEADER  # | 성명 | … | 연락처 | …
                    and not _one_known_noun(text)  # 공석, 합계, 공실
                    # a second column of people holds full names (| 작성자 | may hold 교통행정과)
                    and (order == 0 or (_KOREAN_FULL_NAME.fullmatch(text) is not None
                                        and _plausible_name(text, _WEAK)))):
                yield _Hit("NAME", start, start + len(text))


def _one_known_noun(text: str) -> bool:
    """Kiwi reads the text as one common noun it knows (not a word that is also a name: 한결, 보람)."""
    if text in _WORD_NAMES:
        return False
    read = _name_reader().tokenize(text)
    return len(read) == 1 and _known_noun(read[0])


def _people_list_names(view: str, tokens: list[Token]) -> Iterator[_Hit]:
    for m in _PEOPLE_LIST_RE.finditer(view):
        group = "l" if m["l"] is not None else "g"
        items = []
        for item in re.finditer(r"[가-힣]+", m[group]):
            start, word = m.start(group) + item.start(), item.group()
            if item.end() == len(m[group]):
                word = _ITEM_PARTICLE.sub("", word) if len(word) > 2 else word
            items.append((start, word))
        if all(word and (_listed_name_like([word], start, tokens) or word in _FOREIGN_NAMES.hangul)
               for start, word in items):
            yield from (_Hit("NAME", start, start + len(word)) for start, word in items)


def _line_list_names(view: str, names: list[_Hit], tokens: list[Token]) -> Iterator[_Hit]:
    """The other items of a list written a line each, most of whose items are names found (a signature list,
    연명부): there an item is a person though Kiwi reads no name in it (- 어진, - 은하수, 5. 구슬, - 李福童), but not
    one it reads as a common noun, a title or a room (김밥천국, 통장님, 관리실) unless a name word."""
    covered = bytearray(len(view) + 1)  # one mark per character named: an item is looked up, not compared to all
    for hit in names:
        covered[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
    blocks: list[list[re.Match[str]]] = []
    for m in _LINE_ITEM_RE.finditer(view):
        line_start = view.rfind("\n", 0, m.start()) + 1
        previous = blocks[-1][-1] if blocks else None
        # the same list: the line right after the previous item's line
        if previous is not None and view.count("\n", previous.start(), line_start) == 1:
            blocks[-1].append(m)
        else:
            blocks.append([m])
    for block in blocks:
        named = [m for m in block if covered.find(1, m.start("v"), m.end("v")) != -1]
        # names stand alone on their lines (- 허말순, 1. 오세린 (3학년)), or before a column: the same word on every
        # line (4. 제갈민 서명) or a separator (09:25 지경민 - 전입신고); a list of requests runs on (2. 김영수 씨 집
        # 앞 배수로)
        rests = [_line_rest(view, m) for m in block]
        column, lines_with_it = Counter(rests).most_common(1)[0]
        # (a column's items must read as a Korean full name: not 10:40 난타 - 공연팀, - 도시재생 - 보류)
        # (an item found as a name counts, in any script: 2. Batbayar Ganzorig / 등록번호 … beside 1. 왕리 / 등록번호)
        short = [m for m, rest in zip(block, rests, strict=True) if m in named or m["short"] is not None or (
                 _KOREAN_FULL_NAME.fullmatch(m["v"]) and (_COLUMN_AFTER_ITEM.match(rest) or (
                     rest == column and 3 * lines_with_it >= 2 * len(block) and len(column) <= 6)))]
        if len(named) < 2 or 2 * len(named) < len(short) or 3 * len(short) < 2 * len(block):
            continue
        for m in short:
            item = m["v"]
            if m in named or item in _NOT_NAMES or item[-1] == "님" or item.isascii():
                continue  # a Latin line only keeps the list together: Google Meet is no one
            # an item of five syllables or more only as one word Kiwi, reading it alone, does not know (바트에르덴;
            # not 주민자치센터, read in the list as one guess, nor 울란바토르, a proper noun it knows)
            if len(item) >= 5 and not _one_unknown_common_word(item):
                continue
            # Kiwi may read a name among names as nouns (지경+민): a full name that alone opens with no word it knows
            if item in _WORD_NAMES or not _known_noun_within(tokens, m.start("v"), m.end("v")) or (
                    len(item) == 3 and _plausible_name(item, _WEAK) and not _known_word_opens_alone(item)
                    and not _prefixed_or_suffixed(item, _tokens_within(tokens, m.start("v"), m.end("v")))):
                yield _Hit("NAME", m.start("v"), m.end("v"))


def _one_unknown_common_word(word: str) -> bool:
    """Kiwi reads the word alone as one common noun it does not know: a foreign name (바트에르덴, 투브신자르갈)."""
    read = _name_reader().tokenize(word)
    return len(read) == 1 and read[0].tag == "NNG" and not _known_noun(read[0])


_COLUMN_AFTER_ITEM = re.compile(r"[ ]*[-–—/|][ ]")


def _line_rest(view: str, item: re.Match[str]) -> str:
    """What follows a line item's first words on its line (서명, - 인감증명)."""
    end = view.find("\n", item.end("v"))
    return view[item.end("v") : len(view) if end < 0 else end].strip()


def _listed_names(view: str, names: list[_Hit], tokens: list[Token]) -> Iterator[_Hit]:
    """The other items of a list one of whose items is a name found: people are listed with people (참석자 김도윤,
    박하람, 이수빈; 같이 탄 보배, [이름]이도; CHHUN VUTHY, SENG DARA). An item is taken when it reads as a name on
    its own: a Korean full name, a native-Korean given name, or words Kiwi does not know (a foreign name)."""
    pending, seen = list(names), {(hit.start, hit.end) for hit in names}
    while pending:
        hit = pending.pop()
        for start, end in _list_neighbours(view, hit, tokens):
            if (start, end) not in seen:
                seen.add((start, end))
                pending.append(_Hit("NAME", start, end))
                yield pending[-1]


def _list_neighbours(view: str, hit: _Hit, tokens: list[Token]) -> Iterator[tuple[int, int]]:
    after = _NEXT_ITEM_AFTER.match(view, hit.end)
    if after is not None:
        latin = _LIST_LATIN_AFTER.match(view, after.end())
        words = _LIST_WORDS_AFTER.match(view, after.end())
        if latin is not None and _latin_name_like(latin["v"]):
            yield latin.start("v"), latin.end("v")
        elif words is not None and after["joined"] is None:
            yield from _longest_name_run(words.start(), words.group().split(" "), tokens)
        elif words is not None:
            # joined with 랑/하고/와: one word that ends the item, with a particle or a stop (슬기도, 은비.), not the
            # first word of a place (정수민과 우주 과학관에)
            word = words.group().split(" ")[0]
            if _ITEM_PARTICLE.search(word) or not re.match(r"[ ]?[가-힣]", view[words.start() + len(word):]):
                yield from _longest_name_run(words.start(), [word], tokens)
    before = _LIST_COMMA_BEFORE.search(view, max(0, hit.start - 10), hit.start)
    if before is not None:
        latin = _LIST_LATIN_BEFORE.search(view, max(0, before.start() - 40), before.start())
        words = _LIST_WORDS_BEFORE.search(view, max(0, before.start() - 40), before.start())
        if latin is not None and _latin_name_like(latin["v"]):
            yield latin.start("v"), latin.end("v")
        elif words is not None:  # the longest run of last words before the comma: 람 바하두르 구룽, [이름]
            parts = words["w"].split(" ")
            for count in range(len(parts), 0, -1):
                run = parts[-count:]
                start = words.end("w") - len(" ".join(run))
                if _listed_name_like(run, start, tokens):
                    yield start, words.end("w")
                    break


def _longest_name_run(start: int, words: list[str], tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """The longest run of the item's first words that reads as a name, a particle off its last word: 라메시 타망
    (not 라메시 alone), 박하람 (씨가 …)."""
    for count in range(len(words), 0, -1):
        run = words[:count]
        bare = _ITEM_PARTICLE.sub("", run[-1]) if count == 1 or len(run[-1]) > 2 else run[-1]
        for last in dict.fromkeys((run[-1], bare)):
            if last and _listed_name_like([*run[:-1], last], start, tokens):
                yield start, start + len(" ".join([*run[:-1], last]))
                return


# A Japanese, Chinese or Thai name in its own script with a Japanese honorific (田中さん, 高橋 恵子 さん) or with its
# reading in brackets where a person's word follows (佐藤 由紀(사토 유키)입니다, 陳美玲(진미령) 님이, 王建国 님(왕건국
# 어르신, 82세), 山田 花子 (ヤマダ ハナコ) さん): both the characters and the reading. A place read in brackets
# (東京(도쿄)에서, 上海市(상하이시)) has no person's word after it.
_HAN_HONORIFIC = "さん|様|さま|くん|君|ちゃん"
_HAN_READ_TITLE = "어르신|할머니|할아버지|씨|님|さん"
_HAN_READ_NAME_RE = re.compile(
    r"(?<![\u4e00-\u9fff\u0e00-\u0e7f])(?P<v>[\u4e00-\u9fff]{1,4}(?:[ ][\u4e00-\u9fff]{1,3})?"
    # or in Thai letters, as Thai residents write it: สมชาย ใจดี(솜차이 짜이디)입니다, ปิยะ(삐야) 씨와
    r"|[\u0e00-\u0e7f]{2,24}(?:[ ][\u0e00-\u0e7f]{2,24})?)"
    rf"(?:[ ]?(?P<hon>{_HAN_HONORIFIC})|[ ]?(?:님|씨)?)"
    rf"(?:[ ]?[(（](?:[A-Za-z][A-Za-z -]*,[ ]?)?(?P<r>[가-힣]{{1,6}}(?:[ ](?!{_HAN_READ_TITLE})[가-힣]{{1,6}})?"
    rf"|{_KATAKANA_NAME})"
    rf"(?P<title>[ ](?:{_HAN_READ_TITLE}))?(?:[ ]?,[^)）\n]{{0,12}})?[)）])?"
)
_HAN_READ_PERSON_AFTER = re.compile(
    rf"[ ]?(?:(?:{_HAN_HONORIFIC}|씨|님|어르신|할머니|할아버지|선생님)(?:[은는이가을를과와도의께]|한테|에게)?"
    r"|입니다|이에요|예요|이고)(?![가-힣])")
# A particle after it makes a person only after a person's word before it: 룸메이트 张伟(장웨이)와, not 安全(안전)이.
_HAN_READ_PARTICLE_AFTER = re.compile(r"(?:이(?:가|는|랑|와|도|한테)?|가|는|와|과|도|랑|의|한테|에게)(?![가-힣])")
_HAN_READ_PERSON_BEFORE = re.compile(
    rf"(?:{_KIN}|저는|옆집|이웃|회원|대표|룸메이트|유학생|친구|동료|주민|근로자|신청인|민원인|며느리)[^\n]{{0,8}}$")
_HAN_PLACE_END = "市省区區県縣州島山江川京都府道郡町村"
# Who a Japanese honorific may follow that is no name: お母さん, 皆さん, 娘さん, 店員さん, 大家さん, お医者さん.
_HAN_NOT_BEFORE_HONORIFIC = frozenset(
    ["母", "父", "娘", "息子", "奥", "皆", "店員", "大家", "医者", "先生", "兄", "姉", "妹", "弟", "子", "孫",
     "嫁", "主人", "彼", "彼女", "駅員"])

_THAI_LETTER = re.compile("[\u0e00-\u0e7f]")


def _han_read_name_like(view: str, m: re.Match) -> bool:
    """Characters and reading that are a name's, not a word glossed in Hanja (違法(위법)입니다, 社長(사장)님이,
    中國人(중국인)입니다: the reading is a word Kiwi knows), nor a place or who an honorific also follows."""
    name = m["v"].replace(" ", "")
    # (お母さん, ご主人様: honorific prefixes; at the text's start nothing comes before)
    if (name[-1] in _HAN_PLACE_END or name in _HAN_NOT_BEFORE_HONORIFIC
            or (m.start("v") > 0 and view[m.start("v") - 1] in "おご")):
        return False
    # Thai letters gloss no Korean word: a reading after them is always a name's (ประยุทธ(쁘라윳) 씨)
    if m["r"] is None or not _HANGUL.match(m["r"]) or _THAI_LETTER.match(name):
        return True
    # made of common nouns Kiwi knows and their suffixes (유학+생, 사회+보험, 개); a name has a guess, a proper noun
    # or a loose syllable in it (진미+령, 왕+건국, 사토 유키)
    read = _name_reader().tokenize(m["r"])
    return not all(_known_noun(token) or token.tag == "XSN" or (token.tag == "NNG" and len(read) == 1)
                   for token in read)
_HAN_OR_THAI = re.compile("[\u4e00-\u9fff\u0e00-\u0e7f]")


def _han_read_names(view: str) -> Iterator[_Hit]:
    pos = 0
    while (m := _HAN_READ_NAME_RE.search(view, pos)) is not None:
        if _han_read_name_like(view, m) and (m["hon"] is not None or (m["r"] is not None and (
                m["title"] is not None or view[m.start("r") - 2 : m.start("r") - 1] in "님씨"
                or _HAN_READ_PERSON_AFTER.match(view, m.end()) or (
                    _HAN_READ_PARTICLE_AFTER.match(view, m.end())
                    and _seen_before(_HAN_READ_PERSON_BEFORE, view, m.start(), 24))))):
            yield _Hit("NAME", m.start("v"), m.end("v"))
            if m["r"] is not None:
                yield _Hit("NAME", m.start("r"), m.end("r"))
            pos = m.end()
        else:  # the name may be the second word: 日本人 山田 花子 (ヤマダ ハナコ) さん
            space = m["v"].find(" ")
            pos = m.start("v") + space + 1 if space >= 0 else m.end("v")


def _han_names(view: str) -> Iterator[_Hit]:
    """Names in Chinese characters in a text with Hangul: by their context, and alone in Korean text."""
    korean_text = _CHINESE_SENTENCE.search(view) is None and (
        len(_HAN_CHARACTER.findall(view)) <= 2 * len(_HANGUL.findall(view)))
    for m in _HAN_FULL_NAME_RE.finditer(view):
        if (_seen_before(_HAN_NAME_BEFORE, view, m.start(), 16) or _seen_before(_HAN_ROLE_BEFORE, view, m.start(), 4)
                or _HAN_NAME_AFTER.match(view, m.end())
                or (len(m["v"]) == 3 and _HAN_THREE_NAME_AFTER.match(view, m.end()))
                or (korean_text and len(m["v"]) == 3 and all(ch in _HAN_GIVEN for ch in m["v"][1:]))):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    if korean_text:
        for m in _SPACED_HAN_NAME_RE.finditer(view):
            if all(ch in _HAN_GIVEN for ch in m["v"][2::2]):
                yield _Hit("NAME", m.start("v"), m.end("v"))


def _listed_latin_name(name: str) -> bool:
    """A Latin phrase with a word of three letters or more from the foreign name lexicon, or with a family-name
    ending, that is no English word (SUNIL TAMANG, ALIYEV RUSTAM; not BURGER KING, GREEN TEA, WHITE DAY)."""
    english = _english_words()
    return any(len(word) >= 3 and word.lower() not in english and (word in _FOREIGN_NAMES.latin or (
        len(word) >= 5 and word.endswith(_FOREIGN_NAMES.latin_endings))) for word in name.upper().split())


def _every_word_listed(name: str) -> bool:
    """Two or three Latin words each in the foreign name lexicon, the first of three letters or more: a name though
    each is also English (Grace Miller, Daniel Park; Green Tea and Han River have a word that is not listed)."""
    words = name.upper().split()
    return 2 <= len(words) <= 3 and len(words[0]) >= 3 and all(word in _FOREIGN_NAMES.latin for word in words)


def _latin_speaker_like(label: str, english_too: bool = False) -> bool:
    """A chat label in Latin letters that is a name: in capitals only words of the foreign name lexicon (SURESH:,
    HAMID:; not ATM:, NOTE:, CCTV:), nor a group's or a role's (Admin:, Staff:)."""
    if _SIGNED_FOR_GROUP.fullmatch(label) is not None:
        return False
    if label.isupper():  # nor, unless english_too, a lexicon's word that is English too (WIN:, KING:, MOON:)
        english = _english_words()
        return all(word in _FOREIGN_NAMES.latin and (english_too or word.lower() not in english)
                   for word in label.split(" "))
    return _latin_name_like(label)


def _latin_name_like(name: str) -> bool:
    """Latin words that are neither a place, an office or a brand nor all English (NO PARKING ZONE)."""
    return _NOT_LATIN_NAME.search(name) is None and not _english_phrase(name)


def _listed_name_like(words: list[str], start: int, tokens: list[Token]) -> bool:
    if any(word in _NOT_NAMES for word in words):
        return False
    if len(words) == 1:
        word = words[0]
        if word in _WORD_NAMES:
            return True
        # four syllables only with a two-syllable surname: 남궁민수, not 동진건설
        # Kiwi may read a name beside other names as pieces of words (유+말+자, 하+태+양): it is one only where the
        # word alone opens with no word it knows (하지만, 조정+안)
        if (len(word) == 3 or (len(word) == 4 and word[:2] in _COMPOUND_SURNAMES)) and _SURNAME_START.match(word) and (
                (_plausible_name(word, _WEAK) and (_nouns_only(start, start + len(word), tokens)
                                                   or not _known_word_opens_alone(word)))
                or _one_unknown_word(start, start + len(word), tokens)):  # 허분례
            return True
        return len(word) == 2 and _given_name_like(word, _token_starting_at(tokens, start))
    # a foreign name in Hangul: its first word one Kiwi guesses or reads as a proper noun, then such words, or
    # one-syllable words that are no adverb or ending (쩐 티 란); two words of two syllables at least (차 소나타 is
    # a car)
    offset = start
    for position, word in enumerate(words):
        inside = _tokens_within(tokens, offset, offset + len(word))
        unknown = _unknown_word(offset, len(word), tokens) and not any(
            t.tag != "NNP" and not t.guessed and t.end - t.start >= 2 for t in inside)
        if position == 0 and len(word) < 2:
            return False
        if len(word) == 1 and any(t.tag.startswith(("MA", "J", "E", "V", "X")) for t in inside):
            return False
        if len(word) >= 2 and not unknown:
            return False
        offset += len(word) + 1
    return sum(len(word) >= 2 for word in words) >= 2


def _prefixed_or_suffixed(word: str, in_text: list[Token]) -> bool:
    """A word Kiwi reads with a prefix alone (신+학기, 한+겨울, 왕+만두) or a suffix where it stands (선서+식)."""
    return _first_read_alone(word).tag in ("XPN", "MM") or any(token.tag.startswith("XS") for token in in_text)


@functools.lru_cache(maxsize=4096)
def _first_read_alone(word: str) -> Token:
    """The first morpheme of Kiwi's reading of the word on its own (a list item is asked about twice)."""
    return _name_reader().tokenize(word)[0]


def _known_word_opens_alone(word: str) -> bool:
    """Kiwi reads the word alone as opening with a word of two syllables or more its dictionary has, other than a
    proper noun (하지만, 조정+안; not 유+말+자)."""
    first = _first_read_alone(word)
    return first.end - first.start >= 2 and first.tag != "NNP" and not first.guessed


def _nouns_only(start: int, end: int, tokens: list[Token]) -> bool:
    """Kiwi reads only nouns there (송기+철 may be a name it splits; 하지만 is a conjunction)."""
    return all(t.tag.startswith(("NN", "SL", "SH")) for t in _tokens_within(tokens, start, end))


def _one_unknown_word(start: int, end: int, tokens: list[Token]) -> bool:
    """Kiwi reads ``view[start:end]`` as one word it had to guess (a proper noun it knows is as often a place)."""
    inside = _tokens_within(tokens, start, end)
    return len(inside) == 1 and inside[0].guessed and inside[0].start == start and inside[0].end == end


def _spelled_given_name(spelled: str) -> bool:
    """하, 이슬 is a surname and a given name read out; 예, 본인 and 하, 진짜 an interjection and a word."""
    surname, given = (part.strip() for part in spelled.split(",", 1))
    if surname in _NOT_SPELLED_SURNAMES or given in _NOT_SPELLED_GIVEN or any(ch in _NOT_GIVEN for ch in given):
        return False
    tokens = _name_reader().tokenize(given)
    return not (len(tokens) == 1 and tokens[0].tag in ("MAG", "MAJ", "IC", "NP", "MM"))


def _spaced_name(view: str, m: re.Match[str]) -> bool:
    """김 보 람 is a name typed apart; 진 정 서, 한 명 한 and 정 상 화 are a word or a count typed apart."""
    candidate = m["v"]
    given = candidate[len(m["compound"] or "가") + 1 :: 2]
    line_start = view.rfind("\n", 0, m.start()) + 1
    cued = _SPACED_NAME_BEFORE.search(view, max(line_start, m.start() - 12), m.start()) is not None
    # 분 counts people (한 분 이 오셨어요) but is also an old woman's given syllable (곽분이, 김분례): right after
    # 이름 or 성함, a name
    named = _SPACED_NAME_WORD_BEFORE.search(view, max(line_start, m.start() - 8), m.start()) is not None
    if any((ch in _NOT_GIVEN or ch in _COUNTERS) and not (named and ch == "분" and candidate[0] not in _BEFORE_COUNTER)
           for ch in given):
        return False
    if not cued and _COPULA_APART_RE.match(view, m.end()):  # 이 고 요 typed apart after a name only after its cue
        return False
    # a dialect's copula only after the name is asked for or given (이름은 추 옥 희고예; not 우 리 집이고예 거기가)
    if _DIALECT_COPULA.match(view, m.end()) and not (named or _seen_before(_SELF_BEFORE_APART, view, m.start(), 8)):
        return False
    # Joined up, a name is a proper noun or a word Kiwi has to guess (김보람, 허광수); a word typed apart for
    # emphasis is in its dictionary (진정서, 정상+화).
    joined = _name_reader().tokenize(candidate.replace(" ", ""))
    if cued:
        # 김 점 례, 봉 순 이: a form's field or a list item, where Kiwi may read the joined name as words (변하+람),
        # but not as one word it knows (진정서) or a word and its suffix (정상+화)
        one_known_word = len(joined) == 1 and joined[0].tag != "NNP" and not joined[0].guessed
        # 조심+해, 정상+화: a word and its suffix; 도+윤+기 is syllables Kiwi read one by one
        return any(ch in _GIVEN for ch in given) and not one_known_word and not any(
            t.tag.startswith("XS") and before.end - before.start >= 2 for before, t in itertools.pairwise(joined))
    # a word name typed apart with a title after it is the person (나 희 망 님은, not 희망 as a word)
    if "".join(given) in _WORD_NAMES and _TITLE_AFTER_APART.match(view, m.end()):
        return True
    if ((_HANGUL.match(view, m.end()) and not _SPACED_NAME_COPULA.match(view, m.end()))
            or any(ch not in _GIVEN for ch in given) or given[-1] in _NOT_LAST):
        return False
    return any(token.guessed or token.tag == "NNP" for token in joined)


# A dialect's copula said onto a name typed apart (추 옥 희고예, 맹 길 수여, 김 은 재유).
_DIALECT_COPULA_FORM = "이?(?:고예|라예|여|유)(?![가-힣])"
_DIALECT_COPULA = re.compile(_DIALECT_COPULA_FORM)
_SELF_BEFORE_APART = re.compile(r"(?<![가-힣])(?:저|나)[ ]?는[ ]*$")
_TITLE_AFTER_APART = re.compile(r"[ ]?(?:님|씨)(?:[은는이가을를도의]|께서?)?(?![가-힣])")
# The copula said onto a name typed apart: 허 윤 정이고, 김 보 람이에요.
_SPACED_NAME_COPULA = re.compile(r"이(?:요|에요|예요|고|라고|구요)(?![가-힣])|입니다")


def _english_phrase(phrase: str) -> bool:
    """Every word a common English word (a gloss such as 터닝포인트(Turning Point)): not a person's name, where
    Nguyen Van Nam, Prey Sophiap and Daniel Whitaker each have a word that is not English."""
    words = _english_words()
    return all(w in words or w.removesuffix("s") in words for w in re.split(r"[ .-]+", phrase.lower()) if w)


@functools.cache
def _english_words() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], lower=True, alpha=True))


@functools.cache
def _shipped_name_scorer() -> NameScorer:
    """The shipped name scorer, loaded once per process."""
    from nlp.name_scorer import NameScorer

    return NameScorer.load()


@functools.cache
def _shipped_name_tagger() -> NameTagger:
    """The shipped name tagger, loaded once per process."""
    from nlp.name_tagger import NameTagger

    return NameTagger.load()


_TWO_SYLLABLES = re.compile("[가-힣]{2}")
_ONE_SYLLABLE_FIRST = re.compile("[가-힣] ")


# The tagger's mean chance over a two-syllable word names take (하람, 여울, 이슬) from which it is a name in any
# form (우리 하람이 다칠 뻔, 첫째 여울이(7살), 담당 이슬 선생님), not only in forms the word does not take, and
# also where Kiwi reads it and a child's 이 as one noun (소망이와): the tagger reading the encoder's states tells the
# child from the word where the forms cannot. Not where Kiwi reads the word as an adverb, a determiner, an
# interjection or a verb (박한결 … 한결 나아졌다). Chosen on the training and opened sets (2026-12-07): leaks 154 ->
# 138 with damaged look-alikes, names made up and public texts with a name unchanged, then 131 with the one noun
# and a word's bare particles kept a word's (one look-alike damaged and one name made up more; three pets' names in
# public texts: 진돌이, 땅굴이); 0.8 found no more on the opened sets and made up two names and damaged two
# look-alikes there.
_TAGGER_SURE = 0.9
# A thing's name given just before the word: a shop's, a pet's (가게 이름이 '하늘'입니다, 강아지 이름은 초코)
_THING_NAMED_BEFORE = re.compile(
    r"(?:가게|상호|식당|매장|점포|회사|업체|카페|학원|건물|강아지|고양이|반려견|반려묘|반려동물)[ ]?(?:이름|명칭)"
    r"(?:은|는|이|을|:)?[ ]?['‘\"“(]?\Z"
)
# A closed syllable's particles the word takes and a child's name does not (하늘을, 하늘은, 하늘과, 하늘이 흐려서;
# the child is 하늘이를, 하늘이는, 하늘이랑)
_WORD_PARTICLE = re.compile(r"(?<=[가-힣])(?:[을은과](?![가-힣])|으로|이[ ,.])")
_NOT_NOUN_TAGS = ("MAG", "MAJ", "MM", "IC", "VV", "VA")


def _sure_word_name(view: str, start: int, end: int, tokens: list[Token], chance: float) -> bool:
    """A word names take that the tagger is sure is a name here (see _TAGGER_SURE): not after a shop's or a pet's
    name label, and not where Kiwi reads it as an adverb or the like, or as a noun taking its bare particle."""
    if chance < _TAGGER_SURE or _THING_NAMED_BEFORE.search(view, max(0, start - 16), start):
        return False
    read = _token_starting_at(tokens, start)
    return read is None or read.end != end or not (
        read.tag in _NOT_NOUN_TAGS or (read.tag == "NNG" and _WORD_PARTICLE.match(view, end)))


def _tagged_name_like(view: str, start: int, end: int, tokens: list[Token], chance: float) -> bool:
    """Whether a run the tagger scored as a name (``chance``: its mean) may be one. Not from inside a word (덕+배자원,
    문+재인, C+RE), nor in Latin script to inside one (Cambodi+a); not Latin in capitals (a name in capitals needs the
    rules' context), an English word or one without a vowel (AIS, Care); not in Chinese characters (the rules read
    those); not two syllables that are a word, a region or a place there (바다가, 세종) unless the tagger is sure,
    Kiwi reads no adverb there (한결 나아졌다) and no shop's or pet's name is given (가게 이름이 '하늘'), a listed
    word or city (이태원, 전주), a list read out (가, 나, 다, 라 순), a suffix inside (박+가+네), a word Kiwi knows
    whole that is longer than a name (김밥천국), or of three syllables and no surname first (스펠링, 재+민원), or
    called among calls to words (세월아 네월아 나비야); and not where a morpheme runs on past its end (하노+이,
    영주+권) or the word goes on with anything but particles, endings, a copula or 씨/님 (수송+초, 세진+금속): a
    place's or a shop's name is cut there, a person's name is not. Each was measured on the training sets' folds, not
    only on the look-alikes it names."""
    if start > 0 and view[start - 1].isalpha():
        return False
    if view[end - 1].isascii() and end < len(view) and view[end].isascii() and view[end].isalpha():
        return False
    tagged = view[start:end]
    if tagged.isascii() and (tagged.isupper() or not _latin_name_like(tagged)
                             or not all(_VOWEL.search(word.upper()) for word in tagged.split())):
        return False
    if _HAN_CHARACTER.search(tagged):
        return False
    if (_TWO_SYLLABLES.fullmatch(tagged) and _word_not_given_name(view, start, end)
            and not _sure_word_name(view, start, end, tokens, chance)):
        return False
    if tagged in _NOT_NAMES or tagged in _PLACE_NAMES or _ONE_SYLLABLE_FIRST.match(tagged):
        return False
    if _TWO_SYLLABLES.fullmatch(tagged) and _among_calls_to_words(view, start, end):
        return False
    word_end = end
    while word_end < len(view) and view[word_end].isalpha():
        word_end += 1
    in_word = _tokens_within(tokens, start, word_end)  # Kiwi's morphemes starting in the run or after it in its word
    inside = [token for token in in_word if token.start < end]
    if any(token.tag.startswith("XS") for token in inside):
        return False
    if len(tagged) >= 4 and _HANGUL_WORD.fullmatch(tagged) and any(
            token.start == start and token.end == end and not token.guessed and token.tag in ("NNG", "NNP")
            for token in inside):
        return False
    if len(tagged) == 3 and _HANGUL_WORD.fullmatch(tagged) and tagged[0] not in _SURNAMES and (
            _one_known_noun(tagged) or (tagged[0] in _NOUN_PREFIXES and _one_known_noun(tagged[1:]))):
        return False  # a word of three syllables with no surname first (스펠링) or a prefixed one (재민원)
    # a name and the 이 of a child's name read as one noun (소망이와) runs on only where the tagger is not sure
    return not any(
        (token.start < end < token.end and not (chance >= _TAGGER_SURE and token.start == start
                                                 and token.end == end + 1 and view[end] == "이"))
        or (token.start >= end and not (token.tag[0] in "JE" or token.tag in ("VCP", "XSN", "NNB", "SF", "SP")))
        for token in in_word
    )


@functools.cache
def _name_reader():
    """One Kiwi for every masker in the process, without the city's user words (a city's terms are not names)."""
    return KiwiAnalyzer()


# A Vietnamese name in Hangul: family name, middle name 티 (Thị) or 반 (Văn), a given name of one or two
# syllables (응우옌 반 남, 레 티 마이가, 쩐 반 흥). Family names that are Korean words on their own (두, 하, 도, 호,
# 당) only before 티, as 두 반 모두, 또 반 잘라, 당 반 개씩 are Korean; 각 도 반 이상 and 104호 반 neither.
_VIETNAMESE_NAME_RE = re.compile(
    r"(?<![가-힣0-9])(?P<v>(?:(?:응우옌|응웬|응우엔|쩐|레|팜|호앙|부이|응오|즈엉|딘|판|후인|찐|다오|까오|뜨엉|르엉)"
    r"[ ](?:티|반)|(?:두|하|부|도|호|당|보|마이)[ ]티)[ ](?!이상|이하|이내|미만|정도|가량|이후|이전|넘게)[가-힣]{1,2})"
    r"(?=$|[^가-힣]|(?:이|가|은|는|을|를|의|와|과|도|에게|한테|이랑|랑|씨|님)(?![가-힣]))"
)
# The same written as one word, as forms and chats do (응우옌티투이라고, 응우옌반훙이, 쩐티호아, 레꽝민입니다): a family
# name no Korean word starts with; a rarer one and 티/반 (Thị, Văn: not 부반장, 도반장); or any and a Vietnamese
# syllable no Korean word has (꽝, 뚜언; not 득: 부득이). A particle may stay inside the span: the name goes anyway.
_VIETNAMESE_ONE_WORD_RE = re.compile(
    r"(?:(?<![가-힣])|(?<=저는)|(?<=나는))(?P<v>(?:응우옌|응우엔|응웬)[가-힣]{1,4}"
    r"|(?:쩐|팜|호앙|부이|응오|즈엉|후인)(?:티|반)[가-힣]{1,2}|(?:쩐|팜|호앙|부이|응오|즈엉|후인|레)"
    r"(?:꽝|꽁|흐엉|뚜언|뜨엉|쭝|끄엉|히에우)[가-힣]{0,2})"
    r"(?=$|[^가-힣]|(?:이|가|은|는|을|를|의|와|과|도|에게|한테|이랑|랑|씨|님|입니다|이에요|예요|이라고|라고|이고)"
    r"(?![가-힣]))"
)
_COUNTERS = frozenset("대개번명장권곳분살년월일회층")  # 차 한 대, 한 명 한 명: a number and a counter
# A two-syllable surname that is no word (not 사공, 서문, 동방) written apart from its given name, which some
# holders do: 이름은 남궁 현이에요, 남궁 민철이라고.
_SPACED_COMPOUND_NAME_RE = re.compile(
    r"(?<![가-힣])(?P<v>(?:남궁|제갈|선우|황보|독고)[ ](?!씨|님)[가-힣]{1,2}?)"
    r"(?=(?:이에요|이라고|라고|입니다|이고|이요|이|가|은|는|을|를|의|도|랑|이랑)(?![가-힣])|[ ]?(?:씨|님)|[^가-힣]|$)"
)
# A name read out a syllable at a time with commas (도, 현, 석이요; 최, 덕, 배.; a foreign resident's 이, 사, 무, 엘) or
# its surname apart (하, 이슬이요; 남궁, 민이요) where a name was just asked for or given, the question often on the
# line before: a list such as 가, 나, 다 순으로 is no name.
_COMPOUND_SURNAME = "|".join(_COMPOUND_SURNAMES)
_COMMA_SURNAME = rf"(?<![가-힣,][ ])(?<![가-힣,])(?:[{_SURNAMES}]|{_COMPOUND_SURNAME})"
_COMMA_SPELLED_NAME_RE = re.compile(
    rf"(?P<v>{_COMMA_SURNAME}(?:,[ ]?[가-힣]){{2,3}})"
    r"(?=$|[^가-힣,]|이요|이에요|입니다|요)(?![ ]?,[ ]?[가-힣](?![가-힣]))"
    rf"|(?P<w>(?<![가-힣,])(?:{_COMPOUND_SURNAME}),[ ]?[가-힣](?=이요|이에요|입니다|[^가-힣,]|$)"
    rf"|{_COMMA_SURNAME},[ ]?[가-힣]{{2}})"
    r"(?=[.\n]|$|이요|이에요|예요|요|[ ]?입니다)"
)
# An answer that opens with an interjection and a word is no surname and given name read out: 예, 본인이요; 음,
# 남편이요; 하, 진짜.
_NOT_SPELLED_SURNAMES = frozenset("예음어아네제")
_NOT_SPELLED_GIVEN = frozenset({"본인", "성함", "이름", "물론", "그럼", "진짜", "잠깐", "정말", "맞아",
                                *_KIN.split("|")})
_SYLLABLE_SERIES = (
    "가나다라마바사아자차카타파하", "동서남북", "갑을병정무기경신임계", "상중하", "일이삼사오육칠팔구십",
)
_NAME_ASKED = re.compile(r"(?:성함|이름|성명|한[ ]?글자씩|대상자)[^\n]{0,40}\n?[^\n]{0,30}$")
# A name typed with a space between its syllables: 김 보 람, 허 광 수, 함 동 진이요, 추 경 자 요 (a call's answer, the
# 요 said apart as well); a compound surname read apart too (황 보 석 진, 선 우 예 린); three of a longer run of
# single syllables are not one (국 민 청 원), but for the particle of 이름 은 typed apart too (이름 은 방 옥 자).
# The copula typed apart too, as voice-to-text writes every syllable on its own: 제 이 름 은 조 이 슬 이 고 요, 내 이 름
# 은 배 말 순 이 라 예; only after a name's cue (see _spaced_name).
_COPULA_APART = r"(?:이[ ](?:고|라|에|요|구|여)|입[ ]니|인[ ](?:디|데)|이[ ]*$|여)(?![가-힣])"
_COPULA_APART_RE = re.compile(rf"[ ]{_COPULA_APART}")
_SPACED_NAME_RE = re.compile(
    rf"(?<![가-힣])(?:(?<=이름 [은는] )|(?<=성함 [은는] )|(?<=이 름 [은는] )|(?<=성 함 [은는] )|(?<=[사나저] 는 )"
    r"|(?<![^가-힣][가-힣][ ])(?<!^[가-힣][ ]))"
    rf"(?P<v>[{_SURNAMES}](?:[ ][가-힣]){{2}}"
    rf"|(?P<compound>{'|'.join(' '.join(surname) for surname in _COMPOUND_SURNAMES)})(?:[ ][가-힣]){{1,2}})"
    rf"(?![ ](?!요(?![가-힣])|{_COPULA_APART})[가-힣](?![가-힣]))"
    r"(?=$|[^가-힣]|이(?:요|에요|예요|고|라고|구요)(?![가-힣])|입니다|인데|[ ]?(?:님|씨)(?![가-힣])"
    # a dialect's copula, not after a copula's 이 typed apart as a third syllable (오 늘 이고예, 정 말 이여; see
    # _spaced_name for its cue)
    rf"|(?<![ ]이){_DIALECT_COPULA_FORM}"
    rf"|[ ]{_COPULA_APART})"
)
# A name typed a syllable at a time with dots, after a name's field (접수인 성명 박.서.연).
_DOTTED_NAME_RE = re.compile(rf"(?<![가-힣.])(?P<v>[{_SURNAMES}](?:\.[가-힣]){{2}})(?![.]?[가-힣])")
# A foreign resident's full name in Latin script anywhere in Korean text: Aisha Rahman, Trần Văn Hùng,
# Michael J. Kwon, Joy Santos-Kim. One capitalised word alone (Daniel, Maricel) is too often a brand or a place.
_LATIN_FULL_NAME_RE = re.compile(
    rf"(?<![A-Za-z\u00c0-\u024f\u1e00-\u1eff.])(?P<v>{_LATIN_WORD}(?:[ ](?:[A-Z]\.[ ])?{_LATIN_WORD}){{1,3}})"
    r"(?![A-Za-z\u00c0-\u024f\u1e00-\u1eff])"
)
# The same in capitals, as passports and bank books write it: NGUYEN THI LAN, JEONG HANA, LE QUANG MINH. Each word
# has a vowel (acronyms such as CCTV, SK, LH have none) and not every word is English (NO PARKING ZONE).
_CAPS_FULL_NAME_RE = re.compile(rf"(?<![A-Za-z0-9\-])(?P<v>{_CAPS_WORDS})(?![A-Za-z0-9\-])")
_VOWEL = re.compile("[AEIOUY]")
# Shop signs are in capitals too (TOUS LES JOURS, JEJU AIR): a name in capitals follows who or what it names.
_CAPS_NAME_CUE = re.compile(
    rf"(?:이름|성명|성함|예금주|명의|영문|로마자|여권|영어로|본명|{_KIN}|(?i:name|holder|passport|husband|wife|"
    r"mr|ms|mrs))[^\n]{0,20}$"
)
# Who the person is, right before the name (친구: KHIEU SOPHAL, engineer RAMON DELA PAZ), where 동료들이랑 JEJU AIR
# 타고 is an airline
_CAPS_PERSON_BEFORE = re.compile(
    r"(?:친구|동료|선원|근로자|세입자|신청인|민원인|(?i:engineer|captain|crew|seaman|worker|friend))[ ]?:?[ ]$"
)
# A name in Cyrillic after the words that introduce one (Меня зовут Дилфуза Юсупова, Имя: …), from Russian-speaking
# Central Asia; capitalised words alone are as often a greeting or a country (Уважаемые, Республика Корея).
_CYRILLIC_NAME_RE = re.compile(
    r"(?:[Зз]овут|[Ии]мя|ФИО|[Ии]звините,[ ]я|(?<![А-Яа-яЁё])Я)[ :,—-]+"
    r"(?P<v>[А-ЯЁ][а-яё]+(?:[ ][А-ЯЁ][а-яё]+){0,2})(?![А-Яа-яЁё])"
)
# A name in Chinese characters (金春花, 刘子轩): a common Korean or Chinese surname and one or two characters.
_HAN_SURNAMES = (
    "金李朴崔鄭姜趙尹張林韓吳徐申權黃安宋柳劉洪高文梁孫裵白許南沈盧河郭成車朱禹具閔羅池嚴蔡元千方孔玄咸卞廉呂秋都蘇石"
    "宣薛馬吉延魏表奇潘王琴玉陸印孟卓國魚殷片龍芮景奉史夫賈太睦皮杜甘陰董溫胡范左彭簡尚施單唐昌季张刘陈杨赵吴"
    "周郑孙罗谢冯于萧程曹袁邓许傅曾吕苏卢蒋贾丁叶阎余钟汪田任姚谭廖邹熊陆郝邱秦江顾侯邵万段雷钱汤黎易常武乔贺"
    "赖龚阮陳"
)
_HAN_FULL_NAME_RE = re.compile(
    rf"(?<![\u4e00-\u9fff])(?P<v>[{_HAN_SURNAMES}][\u4e00-\u9fff]{{1,2}})(?![\u4e00-\u9fff])"
)
# In Korean text (Hangul at least half as much as Chinese characters, and no Chinese sentence: its marks 。，, its
# function characters 的, 是, 我, 了, 在, 你, 他, 她, 们, 这) a surname and two given-name characters
# (han_given_syllables) stand for a person alone: 부친 故 金德萬의 토지, 동거인 朴明哲 (文化財, 全羅道 are words).
# So do a surname and two such characters typed apart: 진술인 : 崔 福 男.
_HAN_CHARACTER = re.compile("[\u4e00-\u9fff]")
_CHINESE_SENTENCE = re.compile("[。，的是我了在你他她们这]")
_SPACED_HAN_NAME_RE = re.compile(
    rf"(?<![\u4e00-\u9fff][ ])(?<![\u4e00-\u9fff])(?P<v>[{_HAN_SURNAMES}](?:[ ][\u4e00-\u9fff]){{2}})"
    r"(?![ ]?[\u4e00-\u9fff])"
)
# Otherwise Hanja words start with those characters too (安全, 文化, 國家): in Chinese characters only a name's context
# makes it a name, a name label or question before it, or 씨/님/라고 or the same name in brackets after it.
_HAN_NAME_BEFORE = re.compile(
    r"(?:이름|성명|성함|名字|姓名|我是|我叫|叫|예금주|사장님?|씨는|이웃|손자|손녀|아들|딸|남편|아내|위임인|수임인|"
    r"신청인|민원인|老人|氏|本人|본인|소유자|명의자|매도인|매수인|所有者)[^\n]{0,6}$"
)
# Who a Chinese resident is, as a Chinese form says it, right before the name: 留学生 张伟, 中国 公民 李娜 (not 学生
# 食堂 太贵, a sentence)
_HAN_ROLE_BEFORE = re.compile(r"(?:留学生|学生|公民|先生|女士|同学)[ ]?$")
_HAN_NAME_AFTER = re.compile(r"[ ]?(?:씨|님|이?라고|이에요|입니다|[(（/])")
# After a surname and two characters, a person word: 文福順 할머니, 方在官이올시다 (a particle alone is not enough:
# 文化財가, 金海市가)
_HAN_THREE_NAME_AFTER = re.compile(r"[ ]?(?:할머니|할아버지|어르신|이올시다|선생님?|사장님?)")


# Latin words that make a capitalised phrase a place, an office, a service or an event, not a person.
_NOT_LATIN_NAME = re.compile(
    rf"(?i)\b(?:{'|'.join(sorted(map(re.escape, _FOREIGN_NAMES.latin_not_names), key=len, reverse=True))})\b")


def _other_script_names(view: str) -> Iterator[_Hit]:
    """Names in Latin or Chinese script, and the same name in another script written beside them."""
    for m in _BOTH_SCRIPTS_RE.finditer(view):
        if _NOT_LATIN_NAME.search(m["v"]) is None and (m["label"] is None or (
                _seen_before(_LINE_OPENING, view, m.start("h"), 30) and _CHAT_HEADER_RE.search(view)
                and m["h"] not in _REGION_NAMES and m["h"][-1] not in _PLACE_LAST and m["v"][-1] not in _HAN_PLACE_END
                and all(token.tag == "NNP" for token in _name_reader().tokenize(m["h"])))):
            yield _Hit("NAME", m.start("v"), m.end("v"))
            # as many last words as the other script has: 야마다 하나코(ヤマダ ハナコ), not 하나코 alone
            words = len(re.split("[ ・]", m["v"]))
            hangul = m["h"].split(" ")
            if 1 < words <= len(hangul) and not _NOT_NAMES.intersection(hangul[-words:]):
                yield _Hit("NAME", m.end("h") - len(" ".join(hangul[-words:])), m.end("h"))
            else:
                yield from _foreign_name(view, m.start("h"), m.end("h"), min_syllables=2)
    latin = [*_LATIN_LABELLED_NAME_RE.finditer(view)]
    for m in _ENGLISH_SELF_NAME_RE.finditer(view):
        group = next(g for g in ("v", "n", "w", "x") if m[g] is not None)
        if group == "v" and m["v"].isupper():  # I AM VERY ANGRY, I AM POHANG RESIDENT are no names
            if m["v"].split()[-1].lower() not in _english_words():
                yield _Hit("NAME", m.start("v"), m.end("v"))
        elif group == "v":
            latin.append(m)
        # after a title even an English word is a name (my landlord Mr Park); else it must not be one (my husband
        # Korean, my son Please)
        elif _NOT_LATIN_NAME.search(m[group]) is None and (
                (group == "x" and m["title"] is not None) or m[group].lower() not in _english_words()):
            yield _Hit("NAME", m.start(group), m.end(group))
    for m in _LATIN_NAME_FIELD_RE.finditer(view):
        if _VOWEL.search(m["v"]) and _NAME_FIELD_PLACEHOLDER.match(m["v"]) is None:  # Name: UNKNOWN, Name: CCTV
            yield _Hit("NAME", m.start("v"), m.end("v"))
    for m in _CAPS_SELF_NAME_KO_RE.finditer(view):  # not 저는 NAVER 직원, KOREA 사람, TEAM 입니다
        if (_VOWEL.search(m["v"]) and m["v"].lower() not in _english_words()
                and _NOT_LATIN_NAME.search(m["v"]) is None and _NAME_FIELD_PLACEHOLDER.match(m["v"]) is None):
            yield _Hit("NAME", m.start("v"), m.end("v"))
    if _HANGUL.search(view):
        for m in _CYRILLIC_WORDS_RE.finditer(view):
            speaker = (view.startswith(":", m.end()) and _seen_before(_LINE_OPENING, view, m.start(), 30)
                       and _CHAT_HEADER_RE.search(view) is not None)
            if speaker or _seen_before(_PERSON_CUE_BEFORE, view, m.start(), 16):
                yield _Hit("NAME", m.start(), m.end())
    yield from _spelled_latin_names(view)
    for m in _HAN_THEN_LATIN_RE.finditer(view):
        if not _english_phrase(m["l"]) and _NOT_LATIN_NAME.search(m["l"]) is None:
            yield _Hit("NAME", m.start("c"), m.end("c"))
            yield _Hit("NAME", m.start("l"), m.end("l"))
    for m in [*_LATIN_FIRST_RE.finditer(view), *_FOREIGN_LANGUAGE_INTRO_RE.finditer(view)]:
        if m["v"] is not None and _NOT_LATIN_NAME.search(m["v"]) is not None:
            continue
        if m["v"] is not None:
            latin.append(m)
        if m["c"] is not None:
            yield _Hit("NAME", m.start("c"), m.end("c"))
        if m["h"] is not None:
            yield from _foreign_name(view, m.start("h"), m.end("h"))
    for m in latin:
        if _NOT_LATIN_NAME.search(m["v"]) is not None:
            continue
        yield _Hit("NAME", m.start("v"), m.end("v"))
        after = _OTHER_SCRIPT_AFTER_RE.match(view, m.end("v"))
        if after is None:
            continue
        if after["c"] is not None:
            yield _Hit("NAME", after.start("c"), after.end("c"))
        for group in ("h", "s"):
            if after[group] is not None:
                yield from _foreign_name(view, after.start(group), after.end(group))


def _spelled_latin_names(view: str) -> Iterator[_Hit]:
    """Latin letters read out after a request for a spelling, and the whole name as written beside them (Sunita).
    Letters apart with spaces or commas are an acronym read out (C C T V, K T X, L, E, D) when they have no vowel
    or stand written whole in capitals in the same text; letters in alphabet order (A, B, C) are no name."""
    spelled = set()
    acronyms: dict[str, bool] = {}  # each spelling's whole text is searched once, however often it is read out
    for m in _SPELLED_LATIN_RE.finditer(view):
        letters = re.sub("[^A-Z]", "", m["v"])
        if letters in string.ascii_uppercase or not _seen_before(_SPELLING_ASKED, view, m.start(), 80):
            continue
        if m["mark"] != "-":  # read out apart: an acronym when it has no vowel or stands whole in capitals
            if letters not in acronyms:
                acronyms[letters] = (re.search("[AEIOUY]", letters) is None
                                     or re.search(rf"(?<![A-Za-z]){letters}(?![A-Za-z])", view) is not None)
            if acronyms[letters]:
                continue
        spelled.add(letters)
        yield _Hit("NAME", m.start("v"), m.end("v"))
    if spelled:  # one pass for all of them, not one a spelling: a text of a thousand spellings costs one
        forms = sorted({form for letters in spelled for form in (letters, letters.capitalize())}, key=len, reverse=True)
        for whole in re.finditer(rf"(?<![A-Za-z])(?:{'|'.join(forms)})(?![A-Za-z])", view):
            yield _Hit("NAME", whole.start(), whole.end())


def _foreign_name(view: str, start: int, end: int, min_words: int = 1, min_syllables: int = 3) -> Iterator[_Hit]:
    """The name at the end of the words ``view[start:end]``, after the descriptions a writer puts before it
    (나라, 출신, 직원, a verb such as 온 or 사는); none when what is left is what the writer is (주민, 대학생).
    Two syllables are a name only where the other script vouches for it (왕리(王丽) 님)."""
    words = view[start:end].split(" ")
    while words and (words[0] in _BEFORE_FOREIGN_NAME or words[0] in _NOT_NAMES
                     or words[0].endswith(("에서", "에", "는", "은", "의", "로"))):
        words = words[1:]
    if len(words) < min_words or any(w in _NOT_NAMES for w in words) or words[-1][-1] in _ROLE_ENDINGS:
        return
    if sum(len(w) for w in words) < min_syllables or any(ch in _NOT_GIVEN for ch in "".join(words)):
        return
    if len(words) > 1 and re.fullmatch(_SURNAME + "[가-힣]{1,2}", words[-1]) and _plausible_name(words[-1], _STRONG):
        words = words[-1:]  # a Korean name is one word: what stands before it describes the person
    yield _Hit("NAME", end - len(" ".join(words)), end)


_BEFORE_BUN = frozenset("옥순점말복금귀간또필삼갑을봉양꽃")


def _surname_apart(name: str) -> tuple[bool, str]:
    """Whether a name longer than two syllables starts with a two-syllable surname, and its given name after the
    surname (남궁민수 → True, 민수; 김민수 → False, 민수)."""
    compound = len(name) > 2 and name[:2] in _COMPOUND_SURNAMES
    return compound, name[2:] if compound else name[1:]


def _plausible_name(candidate: str, level: int) -> bool:
    compound, given = _surname_apart(candidate)
    if given in _WORD_NAMES and candidate not in _NOT_NAMES:
        return True  # the context vouches for a person, and a native-Korean name need not use the syllable list
    if candidate in _NOT_NAMES or given in _NOT_NAMES:
        return False
    if candidate[-1] in _PARTICLES and candidate[:-1] in _NOT_NAMES:
        return False
    # 분 ends 세 분 and 그분 and old women's names alike (정옥분, 순분): a form or a self-introduction vouches for it
    # after a syllable such names take (not 오후분, 예약분, 지급분)
    if any(ch in _NOT_GIVEN and not (ch == "분" and level <= _STRONG and len(given) == 2 and given[0] in _BEFORE_BUN)
           for ch in given):
        return False
    if level == _FORM:
        return True
    if len(given) < 2 and not compound:
        return False
    if level == _STRONG:
        return True
    if given[-1] == "자" and given[0] not in _BEFORE_JA:
        return False
    return all(ch in _GIVEN for ch in given) and given[-1] not in _NOT_LAST
