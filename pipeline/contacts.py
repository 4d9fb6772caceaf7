"""Contacts: phone numbers, emails and web addresses, for ``article.contacts`` (never figures or dates)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .spans import Match, set_spans

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+")
URL = re.compile(r"(?:https?://|www\.)[\w\-.~:/?#\[\]@!$&'*+,;=%]{2,500}", re.IGNORECASE)
# 010-64101949, (010)64101949, +86 10 6410 1949, 13800138000, 64101949, 400-810-8888
PHONE = re.compile(
    r"(?<![\w.\-])(?:(?:\+|00)86[\s-]?)?(?:[（(]0\d{2,3}[）)]\s?|0\d{2,3}[\s-])?"
    r"(?:1[3-9]\d{9}|[2-9]\d{6,7}|[48]00[\s-]?\d{3}[\s-]?\d{4})(?![\d.%])"
)
#: words right before a number that make it a phone number even without an area code
PHONE_CUES = ("电话", "热线", "手机", "联系方式", "传真", "Tel", "TEL", "tel", "咨询")


def find_contacts(text: str) -> list[Match]:
    found: list[Match] = []
    taken: list[tuple[int, int]] = []
    for m in URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)'":
            end -= 1
        found.append(Match(m.start(), end, "URL", "url"))
        taken.append((m.start(), end))
    for m in EMAIL.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            found.append(Match(m.start(), m.end(), "EMAIL", "email"))
            taken.append((m.start(), m.end()))
    for m in PHONE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        digits = re.sub(r"\D", "", m.group())
        cue = text[max(0, m.start() - 8):m.start()]
        formatted = bool(re.search(r"[-()（）+\s]", m.group().strip()))
        # a bare 7-8 digit number is a phone only where the text says so
        if formatted or (len(digits) == 11 and digits.startswith("1")) or any(c in cue for c in PHONE_CUES):
            found.append(Match(m.start(), m.end(), "PHONE", "phone"))
    return sorted(found, key=lambda m: m.start)


@Language.component("zhnews_contacts")
def contacts_component(doc: Doc) -> Doc:
    set_spans(doc, "contacts", find_contacts(doc.text))
    return doc
