"""Read one page saved from the legacy media centre into a plain LegacyRelease.

Pure functions: bytes in, a frozen dataclass out, no database and no Django models, so
the rules can be tested on their own. A page that cannot be understood raises
LegacyParseError with the reason and, where it is known, the line.

The page is first cut into chunks (a paragraph of a text file, a block element of an
HTML page), then read in the order the old site laid it out: navigation, the title,
photo credits, the dateline and lead paragraph, the body, "For more information".
"""

import re
from dataclasses import dataclass
from pathlib import Path

import dateparser
from bs4 import BeautifulSoup, Comment, Doctype, NavigableString
from bs4.dammit import EncodingDetector

HTML_SUFFIXES = (".html", ".htm")
# Legacy Russian pages were saved as windows-1251 when they were not UTF-8.
FALLBACK_ENCODING = "cp1251"
MAX_TITLE_LENGTH = 255
MAX_PLACE_LENGTH = 80
MAX_HEADING_WORDS = 15
MAX_HEADING_LENGTH = 120
# Control characters other than tabs and line breaks: a few are noise, many mean binary data.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class LegacyParseError(ValueError):
    """A legacy page that cannot be imported, with the reason and, if known, the line."""

    def __init__(self, reason, line=None):
        super().__init__(reason)
        self.reason = reason
        self.line = line

    def __str__(self):
        return f"{self.reason} (line {self.line})" if self.line else self.reason

    def __reduce__(self):
        # Pickled from a parsing process to the importing one, the line included.
        return type(self), (self.reason, self.line)


@dataclass(frozen=True)
class LegacyContact:
    name: str
    role: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class LegacyBlock:
    """One piece of the body: a paragraph, a list, a heading or a quotation."""

    kind: str  # "paragraph", "list", "heading" or "quote"
    text: str = ""
    items: tuple[str, ...] = ()
    level: str = ""
    attribution: str = ""
    role: str = ""


@dataclass(frozen=True)
class LegacyRelease:
    title: str
    dateline: str
    release_date: object  # datetime.date
    summary: str
    body: tuple[LegacyBlock, ...]
    contacts: tuple[LegacyContact, ...] = ()
    credits: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chunk:
    """A paragraph-sized piece of the page: its lines, where it starts, what tag held it."""

    lines: tuple[str, ...]
    line: int
    kind: str = "p"  # "p", "h1"…"h6", "li" or "blockquote"

    @property
    def text(self):
        return " ".join(self.lines)


# Site chrome: the old site's menus, links and tagline, in English and Russian.
CHROME_LINES = frozenset(
    [
        "media centre",
        "media center",
        "latest news",
        "news",
        "home",
        "press releases",
        "press release",
        "contact information",
        "contact us",
        "contacts",
        "email this article",
        "e-mail this article",
        "print this article",
        "printer friendly",
        "share",
        "back to top",
        "unite for children",
        "медиа-центр",
        "медиацентр",
        "пресс-центр",
        "главная",
        "новости",
        "последние новости",
        "пресс-релизы",
        "пресс-релиз",
        "контактная информация",
        "контакты",
        "отправить статью по e-mail",
        "отправить статью по электронной почте",
        "отправить эту статью по электронной почте",
        "версия для печати",
        "вместе ради детей",
        "объединимся ради детей",
    ]
)
CHROME_PATTERN = re.compile(
    r"(?:press releases|news|пресс-релизы|новости)\s+(?:19|20)\d\d", re.IGNORECASE
)

CREDIT_PATTERN = re.compile(r"^(?:(?:photo|фото)\s*:\s*)?(?P<credit>(?:©|\(c\)).{2,150})$", re.I)

_DAY_MONTH_YEAR = r"\d{1,2}(?:st|nd|rd|th)?[-\s]+[^\W\d_]+\.?,?\s+\d{4}(?:\s*(?:года|г\.?))?"
_MONTH_DAY_YEAR = r"[^\W\d_]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
# Kazakh puts the year first, as in "2016 жылғы 19 қараша" or "2016 ж. 19 қараша".
_YEAR_FIRST = (
    r"(?P<year>\d{4})\s*-?\s*(?:жылғы|ж\.?),?\s*(?P<day>\d{1,2})[-\s]*(?P<month>[^\W\d_]+)"
)
YEAR_FIRST_DATE = re.compile(rf"^{_YEAR_FIRST}$")
_PLACE_AND_DATE = (
    r"(?P<place>[^\W\d_][^\d:–—«»“”\"]*?),\s*"
    rf"(?P<date>{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR}|{_YEAR_FIRST})"
)
_SEPARATOR = r"\s*\.?\s*(?:[-–—]{1,2}|:)"
DATELINE = re.compile(rf"^{_PLACE_AND_DATE}{_SEPARATOR}\s*(?P<rest>.*)$", re.DOTALL)
DATELINE_ALONE = re.compile(rf"^{_PLACE_AND_DATE}\s*\.?$")
LEADING_DASH = re.compile(r"^[-–—]{1,2}\s*(?P<rest>.*)$", re.DOTALL)
DATE_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "DATE_ORDER": "DMY",
    # A dateline's date is written out, never relative or a timestamp: trying those
    # readers too costs a third of the time and finds nothing.
    "PARSERS": ["absolute-time"],
}
DATE_LANGUAGES = ["en", "ru", "kk", "ky"]

CONTACTS_HEADING = re.compile(
    r"^(?:for (?:more|further) information|media contacts?|"
    r"для получения дополнительной информации|за дополнительной информацией|"
    r"дополнительная информация|контакты для сми)"
    r"(?:,?\s*(?:please\s+)?contact|,?\s*(?:пожалуйста,\s*)?обращайтесь)?"
    r"\s*[:.,]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\(?\+?\(?\d[\d\s().\-–]{4,}\d\)?")
FAX = re.compile(r"(?:fax|факс)\.?\s*:?\s*\(?\+?\(?\d[\d\s().\-–]{4,}\d\)?", re.IGNORECASE)
CONTACT_LABELS = re.compile(
    r"(?:\b(?:e-?mail|tel|telephone|phone|mobile|mob|cell)\b|"
    r"эл\.\s*почта|электронная почта|\bтел\b|\bтелефон\b|\bмоб\b)\.?\s*:?",
    re.IGNORECASE,
)
ORGANISATION_WORDS = re.compile(
    r"\b(?:UNICEF|ЮНИСЕФ|UN|ООН|Ministry|Министерств\w*|Office|Foundation|Фонд\w*)\b"
)

OPEN_QUOTE = '“"«„'
CLOSE_QUOTE = '”"»“'
_QUOTED = rf"[{OPEN_QUOTE}](?P<text>[^“”«»„\"]{{10,}}?),?[{CLOSE_QUOTE}]"
_SAID = (
    r"(?:said|says|added|noted|stressed|explained|commented|"
    r"сказал|сказала|отметил|отметила|заявил|заявила|подчеркнул|подчеркнула|"
    r"добавил|добавила|говорит|считает)"
)
QUOTE_THEN_SAID = re.compile(
    rf"^{_QUOTED}[,.]?\s*(?:[-–—]\s*)?{_SAID}\s+(?P<speaker>[^“”«»„\"]+?)\.?$"
)
QUOTE_THEN_SPEAKER_SAID = re.compile(
    rf"^{_QUOTED}[,.]?\s*(?:[-–—]\s*)?(?P<speaker>[^“”«»„\"]+?)\s+{_SAID}\.?$"
)
QUOTE_THEN_DASH = re.compile(rf"^{_QUOTED}[,.]?\s*[-–—]\s*(?P<speaker>[^“”«»„\"]+?)\.?$")
SPEAKER_THEN_QUOTE = re.compile(
    rf"^(?P<speaker>.{{3,300}}?)(?:\s+{_SAID})?\s*:\s*{_QUOTED}\.?$", re.DOTALL
)
WHOLE_QUOTE = re.compile(rf"^{_QUOTED}\.?$")
ATTRIBUTION_LINE = re.compile(r"^[-–—]\s*(?P<speaker>[^“”«»„\"]{3,300}?)\.?$")
PERSON_NAME = re.compile(r"^(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’.-]*\s+){1,3}[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’.-]*$")

HTML_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
HTML_KIND_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"])
HTML_DROP_TAGS = frozenset(
    [
        "head",
        "script",
        "style",
        "noscript",
        "nav",
        "form",
        "select",
        "button",
        "iframe",
        "svg",
        "menu",
        "template",
    ]
)
HTML_CHROME_TAGS = frozenset(["header", "footer", "aside"])
HTML_CHROME_NAMES = re.compile(
    r"nav|menu|breadcrumb|sidebar|header|footer|masthead|share|social|toolbar|skip", re.IGNORECASE
)


def parse_legacy(data, *, html=False):
    """A LegacyRelease from the bytes of a saved page (HTML when `html` is true)."""
    text = decode(data, html=html)
    chunks = html_chunks(text) if html else text_chunks(text)
    return read_release(chunks)


def parse_legacy_file(path):
    """The LegacyRelease of a saved page, read as HTML or text by its suffix."""
    path = Path(path)
    return parse_legacy(path.read_bytes(), html=path.suffix.lower() in HTML_SUFFIXES)


def decode(data, *, html=False):
    if b"\x00" in data:
        raise LegacyParseError("binary content, not a text or HTML page")
    encodings = ["utf-8-sig"]
    if html:
        declared = EncodingDetector.find_declared_encoding(data, is_html=True)
        if declared:
            encodings.append(declared)
    encodings.append(FALLBACK_ENCODING)
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text
    raise LegacyParseError(
        "unreadable encoding: the page is neither UTF-8 nor windows-1251 text"
        + (" nor in the charset it declares" if html else "")
    )


def _looks_like_text(text):
    return len(CONTROL_CHARACTERS.findall(text)) <= len(text) // 200


def normalise(text):
    """One line of visible text: no-break and zero-width spaces gone, whitespace collapsed."""
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return " ".join(text.split())


def text_chunks(text):
    """Paragraphs of a plain-text page: runs of lines between blank lines."""
    chunks, lines, start = [], [], 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = normalise(raw)
        # A menu entry or a photo credit stands on its own even without blank lines around it.
        if line and (is_chrome(line) or CREDIT_PATTERN.match(line)):
            if lines:
                chunks.append(Chunk(tuple(lines), start))
                lines = []
            chunks.append(Chunk((line,), number))
        elif line:
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            chunks.append(Chunk(tuple(lines), start))
            lines = []
    if lines:
        chunks.append(Chunk(tuple(lines), start))
    return chunks


def html_chunks(text):
    """Block elements of an HTML page, without scripts, styles, menus and page furniture."""
    soup = BeautifulSoup(text, "html.parser")
    for element in soup.find_all(_is_html_chrome):
        element.decompose()
    collector = _ChunkCollector()
    collector.walk(soup, "p")
    collector.flush("p")
    return collector.chunks


def _is_html_chrome(tag):
    if tag.name in HTML_DROP_TAGS:
        return True
    names = " ".join([*tag.get("class", []), tag.get("id", "")])
    looks_like_chrome = tag.name in HTML_CHROME_TAGS or bool(HTML_CHROME_NAMES.search(names))
    # An article's own <header> holds its title: keep anything that holds the <h1>.
    return looks_like_chrome and tag.find("h1") is None and tag.name != "body"


class _ChunkCollector:
    def __init__(self):
        self.chunks = []
        self.parts = []
        self.line = None

    def walk(self, element, kind):
        for child in element.children:
            if isinstance(child, (Comment, Doctype)):
                continue
            if isinstance(child, NavigableString):
                if self.line is None and child.strip():
                    self.line = child.parent.sourceline
                # Line breaks in the HTML source are spaces; only <br> breaks a line.
                self.parts.append(re.sub(r"\s+", " ", str(child)))
            elif child.name == "br":
                self.parts.append("\n")
            elif child.name in HTML_BLOCK_TAGS:
                child_kind = child.name if child.name in HTML_KIND_TAGS else kind
                self.flush(kind)
                self.walk(child, child_kind)
                self.flush(child_kind)
            else:
                self.walk(child, kind)

    def flush(self, kind):
        lines = tuple(
            line for line in (normalise(part) for part in "".join(self.parts).split("\n")) if line
        )
        if lines:
            self.chunks.append(Chunk(lines, self.line or 1, kind))
        self.parts, self.line = [], None


def is_chrome(text):
    folded = text.casefold().strip(" .:|»>")
    return folded in CHROME_LINES or bool(CHROME_PATTERN.fullmatch(folded))


def read_release(chunks):
    chunks = [chunk for chunk in chunks if not is_chrome(chunk.text)]
    start, place, release_date, lead, consumed = find_dateline(chunks)
    before, after = chunks[:start], chunks[start + consumed :]

    credits = [credit(chunk) for chunk in before if credit(chunk)]
    title = find_title(before, chunks[start].line)

    if not lead:
        if not after or after[0].kind not in ("p", "blockquote"):
            raise LegacyParseError("no lead paragraph after the dateline", chunks[start].line)
        lead, after = after[0].text, after[1:]

    body_chunks, contact_chunks = split_contacts(after)
    body = []
    for chunk in body_chunks:
        if credit(chunk):
            credits.append(credit(chunk))
        else:
            body.append(chunk)
    blocks = read_body(body)
    if not blocks:
        raise LegacyParseError(
            "only a lead paragraph: there is no body text after it", chunks[start].line
        )
    return LegacyRelease(
        title=title,
        dateline=tidy_place(place),
        release_date=release_date,
        summary=lead,
        body=tuple(blocks),
        contacts=tuple(read_contacts(contact_chunks)),
        credits=tuple(credits),
    )


def find_dateline(chunks):
    """(index, place, date, lead text, chunks used) of the first dateline on the page."""
    for index, chunk in enumerate(chunks):
        if chunk.kind not in ("p", "blockquote"):
            continue
        text = chunk.text
        match = DATELINE.match(text)
        consumed = 1
        if not match and DATELINE_ALONE.match(text) and index + 1 < len(chunks):
            # The place and date alone on a line, and the dash opening the next one.
            dash = LEADING_DASH.match(chunks[index + 1].text)
            if dash:
                match = DATELINE.match(f"{text} – {dash['rest']}")
                consumed = 2
        if match and len(match["place"]) <= MAX_PLACE_LENGTH:
            release_date = parse_date(match["date"], chunk.line)
            return index, match["place"], release_date, match["rest"].strip(), consumed
    raise LegacyParseError(
        "no dateline: no paragraph opens with a place and a date, "
        "e.g. “Almaty, 19 November 2005 –”"
    )


def parse_date(text, line):
    year_first = YEAR_FIRST_DATE.match(text)
    if year_first:
        # dateparser knows Kazakh months but not this order, nor the genitive "жылғы".
        text = f"{year_first['day']} {year_first['month']} {year_first['year']}"
    parsed = dateparser.parse(text, languages=DATE_LANGUAGES, settings=DATE_SETTINGS)
    if parsed is None:
        raise LegacyParseError(f"the dateline's date “{text}” is not a valid date", line)
    return parsed.date()


def tidy_place(place):
    """The place as written, but not shouted: "BISHKEK, Kyrgyzstan" → "Bishkek, Kyrgyzstan"."""
    place = place.strip(" ,")
    if place.isupper():
        return place.title()
    return re.sub(
        r"\b[^\W\d_]{4,}\b", lambda m: m[0].capitalize() if m[0].isupper() else m[0], place
    )


def credit(chunk):
    match = CREDIT_PATTERN.match(chunk.text)
    return match["credit"].replace("(c)", "©").replace("(C)", "©") if match else ""


def find_title(before, dateline_line):
    headings = [chunk for chunk in before if chunk.kind == "h1"]
    candidates = headings or [chunk for chunk in before if not credit(chunk)]
    if not candidates:
        raise LegacyParseError("no title before the dateline", dateline_line)
    title = candidates[-1].text
    if len(title) > MAX_TITLE_LENGTH or (len(title) > 150 and title.endswith((".", ",", ";"))):
        raise LegacyParseError(
            "no title before the dateline: the line before it is a paragraph",
            candidates[-1].line,
        )
    return title


def split_contacts(chunks):
    """Body chunks, and the chunks of the "For more information" block (its heading's rest)."""
    for index, chunk in enumerate(chunks):
        match = CONTACTS_HEADING.match(chunk.text)
        if match and len(chunk.lines[0]) < 100:
            rest = CONTACTS_HEADING.match(chunk.lines[0])["rest"]
            first = Chunk(((rest,) if rest else ()) + chunk.lines[1:], chunk.line)
            return chunks[:index], [first, *chunks[index + 1 :]]
    return chunks, []


def read_body(chunks):
    blocks = []
    index = 0
    while index < len(chunks):
        chunk = chunks[index]
        following = chunks[index + 1] if index + 1 < len(chunks) else None
        quote, used = read_quote(chunk, following)
        if quote:
            blocks.append(quote)
            index += used
            continue
        if chunk.kind == "li":
            if blocks and blocks[-1].kind == "list":
                blocks[-1] = LegacyBlock("list", items=(*blocks[-1].items, chunk.text))
            else:
                blocks.append(LegacyBlock("list", items=(chunk.text,)))
        elif is_heading(chunk, following):
            level = "h3" if chunk.kind in ("h3", "h4", "h5", "h6") else "h2"
            blocks.append(LegacyBlock("heading", text=chunk.text, level=level))
        else:
            blocks.append(LegacyBlock("paragraph", text=chunk.text))
        index += 1
    return blocks


def is_heading(chunk, following):
    text = chunk.text
    if len(text) > MAX_HEADING_LENGTH:
        return False
    if chunk.kind in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return True
    # In a text file: a short single line, no closing punctuation, with text after it.
    return (
        chunk.kind == "p"
        and following is not None
        and len(chunk.lines) == 1
        and len(text.split()) <= MAX_HEADING_WORDS
        and text[0].isupper()
        and not text.endswith(tuple(".!?;:,…" + CLOSE_QUOTE))
    )


def read_quote(chunk, following):
    """A quote block and the number of chunks it used, when the speaker is clear."""
    text = chunk.text
    for pattern in (QUOTE_THEN_SAID, QUOTE_THEN_SPEAKER_SAID, QUOTE_THEN_DASH, SPEAKER_THEN_QUOTE):
        match = pattern.match(text)
        if match:
            block = quote_block(match["text"], match["speaker"])
            if block:
                return block, 1
    whole = WHOLE_QUOTE.match(text)
    if (whole or chunk.kind == "blockquote") and following is not None:
        attribution = ATTRIBUTION_LINE.match(following.text)
        if attribution:
            quoted = whole["text"] if whole else text
            block = quote_block(quoted, attribution["speaker"])
            if block:
                return block, 2
    return None, 0


def quote_block(text, speaker):
    name, _comma, role = speaker.partition(",")
    name, role = name.strip(), role.strip(" ,")
    if not PERSON_NAME.match(name) or len(role) > 255:
        return None
    return LegacyBlock("quote", text=text.strip(), attribution=name, role=role)


def read_contacts(chunks):
    contacts = []
    for chunk in chunks:
        for record in contact_records(chunk.lines):
            contact = read_contact(record)
            if contact:
                contacts.append(contact)
    return contacts


def contact_records(lines):
    """The lines of each person: one person per line when several lines each name one."""
    records, current, current_has_name = [], [], False
    for line in lines:
        has_name = "," in _without_details(line).strip(" ,")
        if has_name and current_has_name:
            records.append(current)
            current, current_has_name = [], False
        current.append(line)
        current_has_name = current_has_name or has_name
    if current:
        records.append(current)
    return records


def _without_details(text):
    text = FAX.sub("", text)
    text = EMAIL.sub("", text)
    text = PHONE.sub(lambda m: "" if _is_phone(m[0]) else m[0], text)
    return CONTACT_LABELS.sub("", text)


def _is_phone(text):
    return sum(ch.isdigit() for ch in text) >= 6


def read_contact(lines):
    text = ", ".join(lines)
    email = EMAIL.search(text)
    phones = [m[0].strip(" .-–") for m in PHONE.finditer(FAX.sub("", text)) if _is_phone(m[0])]
    parts = [
        part.strip(" .") for part in re.split(r"[,;]", _without_details(text)) if part.strip(" .")
    ]
    if not parts or any(ch.isdigit() for ch in parts[0]) or len(parts[0].split()) > 6:
        return None
    name, rest = parts[0], parts[1:]
    if len(rest) == 1 and ORGANISATION_WORDS.search(rest[0]):
        role, organisation = "", rest[0]
    else:
        role = rest[0] if rest else ""
        organisation = ", ".join(rest[1:])
    return LegacyContact(
        name=name,
        role=role,
        organisation=organisation,
        phone=phones[0] if phones else "",
        email=email[0] if email else "",
    )
