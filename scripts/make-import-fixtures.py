#!/usr/bin/env python3
"""Makes the files that `tests/all/import_files.rs` imports: one resolution text written in the
seed's layout, laid out as a PDF, a DOCX, an ODT and an HTML page the way such documents come,
plus a scanned (image-only) PDF; and one written in the UN layout (a masthead, numbered
paragraphs with sub-items two levels deep, footnotes) as Markdown, HTML, DOCX, ODT and PDF.
The outputs are committed, so CI never runs this script.

    pip install reportlab==5.1.0 python-docx==1.2.0 odfpy==1.4.1
    python3 scripts/make-import-fixtures.py            # rewrites tests/fixtures/files/*
    python3 scripts/make-import-fixtures.py --bench-pdf /tmp/long.pdf --pages 30

The PDF body uses DejaVu Sans (a TrueType font, embedded as a subset with a ToUnicode map;
Debian: fonts-dejavu-core) and the title the standard Helvetica-Bold (no font file, WinAnsi
encoding), so both ways a PDF names its characters are read. In the DOCX the numbers of the
commitments are Word's automatic numbering (numbering.xml), not typed; in the ODT they come
from a list style; in the HTML from `<ol>`. Each file is built from the text alone. In the UN
files the sub-items are nested lists (levels of one Word numbering, ODF list levels, nested
`<ol type>`), and the footnotes real notes (Word's footnotes.xml, ODF `text:note`, HTML
`role="doc-endnotes"`, Markdown `[^n]`, in the PDF at the foot of the first page).
"""

import argparse
import datetime
import html
import io
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "..", "tests", "fixtures", "files")
TEXT = os.path.join(FILES, "ba-49-2030.txt")
UN_TEXT = os.path.join(FILES, "un-91-9-2036.txt")
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
# Fixed so that running the script twice gives the same bytes (no dates, no random ids).
FIXED_ZIP_TIME = (2030, 11, 15, 12, 0, 0)


def blocks(text):
    """The text's parts in order: ("title", [lines]), ("para", s), ("heading", s),
    ("item", number, s). Blank lines separate them; the first block is the title."""
    parts = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    out = [("title", parts[0].splitlines())]
    for part in parts[1:]:
        joined = " ".join(line.strip() for line in part.splitlines())
        m = re.match(r"^(\d+)\. (.*)$", joined)
        if m:
            out.append(("item", int(m.group(1)), m.group(2)))
        elif joined.lower().startswith("regarding "):
            out.append(("heading", joined))
        else:
            out.append(("para", joined))
    return out


def areas_of(parts):
    """Consecutive items grouped into lists: each list is a list of item texts."""
    groups, current = [], None
    for part in parts:
        if part[0] == "item":
            if current is None:
                current = []
                groups.append((part, current))
            current.append(part[2])
        else:
            current = None
    return groups


# --- PDF ---------------------------------------------------------------------------------

def pdf_styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not os.path.exists(DEJAVU):
        sys.exit(f"needs {DEJAVU} (apt-get install fonts-dejavu-core)")
    pdfmetrics.registerFont(TTFont("DejaVuSans", DEJAVU))
    # Paragraphs are spaced by more than a line so that a reader can tell them apart.
    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=14,
                          spaceAfter=10)
    item = ParagraphStyle("item", parent=body, leftIndent=22, bulletIndent=0)
    title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=14, leading=18,
                           alignment=1, spaceAfter=16)
    return body, item, title


def page_number(canvas, doc):
    """A footer, as real PDFs have; the importer reports and removes it."""
    canvas.saveState()
    canvas.setFont("Helvetica", 9)
    canvas.drawCentredString(doc.pagesize[0] / 2, 28, f"Page {doc.page}")
    canvas.restoreState()


def make_pdf(parts, out, footer=False):
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body, item, title = pdf_styles()
    story = []
    for part in parts:
        if part[0] == "title":
            story.append(Paragraph("<br/>".join(html.escape(l) for l in part[1]), title))
        elif part[0] == "item":
            story.append(Paragraph(html.escape(part[2]), item, bulletText=f"{part[1]}."))
        else:
            story.append(Paragraph(html.escape(part[1]), body))
    doc = SimpleDocTemplate(out, pagesize=A4, title="", author="", subject="", creator="",
                            invariant=1)
    if footer:
        doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    else:
        doc.build(story)


def make_scanned_pdf(out):
    """One page holding only a picture of text, as a scanner makes it: no text operators."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("L", (420, 594), 255)
    draw = ImageDraw.Draw(image)
    for row in range(40, 560, 18):
        draw.rectangle([40, row, 40 + (row * 7) % 300 + 60, row + 8], fill=40)
    canvas = Canvas(out, pagesize=A4, invariant=1)
    canvas.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    canvas.showPage()
    canvas.save()


def long_parts(pages):
    """A long resolution in the same layout: `pages` pages, give or take one."""
    words = ("the parliaments of the region shall review the common rules for ports railways "
             "schools hospitals energy grids rescue services and the exchange of data between "
             "the agencies of the three states in order to report on progress every year").split()
    parts = [("title", ["RESOLUTION", "of the 50th Session of the Baltic Assembly"]),
             ("para", "The Baltic Assembly,"),
             ("para", "having convened for its 50th Session on 20–21 November 2031 in Riga, "
                      "the Republic of Latvia,"),
             ("para", "calls on the parliaments and governments of the Republic of Estonia, "
                      "the Republic of Latvia and the Republic of Lithuania:")]
    for area in range(pages * 8 // 5):
        parts.append(("heading", f"regarding the work programme number {area + 1}:"))
        for n in range(5):
            text = " ".join(words[(area + n + i) % len(words)] for i in range(48))
            parts.append(("item", n + 1, f"to consider that {text};"))
    parts.append(("para", "Riga, 21 November 2031"))
    return parts


# --- DOCX --------------------------------------------------------------------------------

def make_docx(parts, out):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    # A running footer, as Word documents have: it lives in footer1.xml, never in the text.
    document.sections[0].footer.paragraphs[0].text = "Baltic Assembly secretariat"
    numbering = document.part.numbering_part.element
    list_number = document.styles["List Number"]
    style_num_id = list_number.element.pPr.numPr.numId.val
    abstract_id = next(n.abstractNumId.val for n in numbering.num_lst
                       if n.numId == style_num_id)
    lists_seen = 0
    previous = None
    for part in parts:
        if part[0] == "title":
            p = document.add_paragraph()
            for i, line in enumerate(part[1]):
                run = p.add_run(line)
                run.bold = True
                if i + 1 < len(part[1]):
                    run.add_break()
        elif part[0] == "item":
            p = document.add_paragraph(part[2], style="List Number")
            if previous != "item":
                lists_seen += 1
                if lists_seen > 1:
                    # A new numbering instance restarting at 1, as Word's "Restart at 1"
                    # makes; the first list is numbered through its style alone.
                    num = numbering.add_num(abstract_id)
                    override = OxmlElement("w:lvlOverride")
                    override.set(qn("w:ilvl"), "0")
                    start = OxmlElement("w:startOverride")
                    start.set(qn("w:val"), "1")
                    override.append(start)
                    num.append(override)
                    num_id = num.numId
            if lists_seen > 1:
                num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = num_id
        else:
            document.add_paragraph(part[1])
        previous = part[0]
    write_zip_fixed(docx_bytes(document, datetime.datetime(2030, 11, 15, 12, 0, 0)), out)


def docx_bytes(document, stamp):
    """The document's bytes with no author and a fixed time, so that each run writes the same."""
    document.core_properties.author = ""
    document.core_properties.last_modified_by = ""
    document.core_properties.created = stamp
    document.core_properties.modified = stamp
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_zip_fixed(data, out, first=None):
    """Rewrites a zip with fixed timestamps (so the committed bytes do not change on each
    run); `first` names an entry that must come first and be stored (ODT's mimetype)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    if first:
        names.remove(first)
        names.insert(0, first)
    with zipfile.ZipFile(out, "w") as dst:
        for name in names:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name == first else zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))


# --- ODT ---------------------------------------------------------------------------------

def make_odt(parts, out):
    from odf.opendocument import OpenDocumentText
    from odf.style import ListLevelProperties, Style, TextProperties
    from odf.text import H, List, ListItem, ListLevelStyleNumber, ListStyle, P, LineBreak

    document = OpenDocumentText()
    bold = Style(name="Title", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    numbered = ListStyle(name="Numbered")
    level = ListLevelStyleNumber(level=1, numsuffix=".", numformat="1")
    level.addElement(ListLevelProperties(minlabelwidth="0.25in"))
    numbered.addElement(level)
    document.automaticstyles.addElement(numbered)
    current = None
    for part in parts:
        if part[0] == "item":
            if current is None:
                current = List(stylename=numbered)
                document.text.addElement(current)
            item = ListItem()
            item.addElement(P(text=part[2]))
            current.addElement(item)
            continue
        current = None
        if part[0] == "title":
            h = H(outlinelevel=1, stylename=bold)
            for i, line in enumerate(part[1]):
                h.addText(line)
                if i + 1 < len(part[1]):
                    h.addElement(LineBreak())
            document.text.addElement(h)
        else:
            document.text.addElement(P(text=part[1]))
    save_odt(document, out, "2030-11-15T12:00:00")


# --- HTML --------------------------------------------------------------------------------

def make_html(parts, out):
    e = html.escape
    body = []
    open_list = False
    for part in parts:
        if part[0] == "item":
            if not open_list:
                body.append("      <ol>")
                open_list = True
            body.append(f"        <li>{e(part[2])}</li>")
            continue
        if open_list:
            body.append("      </ol>")
            open_list = False
        if part[0] == "title":
            body.append("      <header><h1>" + "<br>".join(e(l) for l in part[1])
                        + "</h1></header>")
        elif part[0] == "heading":
            body.append(f"      <h2>{e(part[1])}</h2>")
        else:
            body.append(f"      <p>{e(part[1])}</p>")
    if open_list:
        body.append("      </ol>")
    page = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Resolution of the 49th Session | Baltic Assembly</title>
  <style>nav a { margin-right: 1em } .share { float: right }</style>
  <script>window.analytics = { page: "resolution" };</script>
</head>
<body>
  <header class="site">
    <a href="/">Baltic Assembly</a>
    <nav><a href="/news">News</a> <a href="/documents">Documents</a> <a href="/contact">Contact</a></nav>
  </header>
  <nav class="breadcrumbs"><a href="/documents">Documents</a> › Resolutions › 2030</nav>
  <main>
    <article>
%s
      <footer class="share">Share this page: <a href="#">E-mail</a> <a href="#">Print</a></footer>
    </article>
    <aside><h2>Related documents</h2><ul><li>Resolution of the 48th Session</li></ul></aside>
  </main>
  <footer>© 2030 Secretariat of the Baltic Assembly · Privacy policy · Cookie settings</footer>
  <script>console.log("loaded");</script>
</body>
</html>
""" % "\n".join(body)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(page)


# --- The UN layout -------------------------------------------------------------------------

def un_parts(text):
    """The UN text's parts: head lines (masthead and title, to the formula), the formula,
    recitals as (text, footnote number or None), paragraphs as (level, label, text) with
    level 0 `1.`, 1 `(a)`, 2 `(i)`, the closing lines, and the footnotes (number, text)."""
    body, _, notes = text.partition("__________________")
    lines = body.strip().splitlines()
    at = lines.index("The General Assembly,")
    head = [l for l in lines[:at] if l.strip()]
    parts = [b.strip() for b in re.split(r"\n\s*\n", "\n".join(lines[at + 1:])) if b.strip()]
    recitals, paragraphs, closing = [], [], []
    for part in parts:
        m = re.match(r"^(\d+)\. (.*)$", part)
        sub = re.match(r"^\(([a-z]+)\) (.*)$", part)
        if m:
            paragraphs.append((0, m.group(1), m.group(2)))
        elif sub:
            prev = paragraphs[-1]
            roman = sub.group(1) in ("i", "ii", "iii", "iv", "v") and (
                prev[0] == 2 or (prev[0] == 1 and prev[2].endswith(":")))
            paragraphs.append((2 if roman else 1, sub.group(1), sub.group(2)))
        elif paragraphs:
            closing.extend(part.splitlines())
        else:
            n = re.search(r",(\d)$", part)
            recitals.append((part[: n.start() + 1], n.group(1)) if n else (part, None))
    footnotes = [tuple(l.split(" ", 1)) for l in notes.strip().splitlines()]
    return head, "The General Assembly,", recitals, paragraphs, closing, footnotes


def un_markdown(un, out):
    head, formula, recitals, paragraphs, closing, footnotes = un
    lines = ["# " + head[0]] + head[1:-3] + ["", "## " + head[-3], "", head[-2], "",
                                            "## " + head[-1], "", formula, ""]
    for text, note in recitals:
        lines += [text + (f"[^{note}]" if note else ""), ""]
    for level, label, text in paragraphs:
        lines += [f"{label}. {text}" if level == 0 else f"({label}) {text}", ""]
    lines += [" ".join(closing), "", "---", ""]
    for n, text in footnotes:
        lines += [f"[^{n}]: {text}", ""]
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines).rstrip() + "\n")


def un_tree(paragraphs):
    """The paragraphs as a tree: [(text, [children])]."""
    root = []
    stack = [root]
    for level, _, text in paragraphs:
        del stack[level + 1:]
        node = (text, [])
        stack[level].append(node)
        stack.append(node[1])
    return root


def html_list(nodes, depth):
    """Nested `<ol>`s: numbers, then `type="a"`, then `type="i"`."""
    pad = "      " + "  " * depth
    kind = ["", ' type="a"', ' type="i"'][depth]
    out = [f"{pad}<ol{kind}>"]
    for text, children in nodes:
        if children:
            out.append(f"{pad}  <li>{html.escape(text)}")
            out += html_list(children, depth + 1)
            out.append(f"{pad}  </li>")
        else:
            out.append(f"{pad}  <li>{html.escape(text)}</li>")
    out.append(f"{pad}</ol>")
    return out


def un_html(un, out):
    e = html.escape
    head, formula, recitals, paragraphs, closing, footnotes = un
    body = ["      <header>"] + [f"        <p>{e(l)}</p>" for l in head[:-3]] + [
        f"        <h1>{e(head[-3])}</h1>", f"        <p>{e(head[-2])}</p>",
        f"        <h2>{e(head[-1])}</h2>", "      </header>", f"      <p>{e(formula)}</p>"]
    for text, note in recitals:
        ref = (f'<a href="#fn{note}" id="fnref{note}" role="doc-noteref"><sup>{note}</sup></a>'
               if note else "")
        body.append(f"      <p>{e(text)}{ref}</p>")
    body += html_list(un_tree(paragraphs), 0)
    body += [f"      <p>{e(l)}</p>" for l in closing]
    body.append('      <section id="footnotes" role="doc-endnotes"><hr><ol>')
    for n, text in footnotes:
        body.append(f'        <li id="fn{n}"><p>{e(text)} <a href="#fnref{n}" '
                    f'role="doc-backlink">↩︎</a></p></li>')
    body.append("      </ol></section>")
    page = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>A/RES/91/9 | Northern Nations</title></head>
<body>
  <nav><a href="/">Documents</a> › General Assembly › 91st session</nav>
  <main>
    <article>
%s
    </article>
  </main>
  <footer>Northern Nations · Terms of use</footer>
</body>
</html>
""" % "\n".join(body)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(page)


def un_docx(un, out):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    head, formula, recitals, paragraphs, closing, footnotes = un
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "A/RES/91/9"
    for line in head:
        document.add_paragraph(line)
    document.add_paragraph(formula)
    for text, note in recitals:
        p = document.add_paragraph(text)
        if note:
            run = OxmlElement("w:r")
            ref = OxmlElement("w:footnoteReference")
            ref.set(qn("w:id"), note)
            run.append(ref)
            p._p.append(run)
    # One numbering of three levels, as a UN template has: 1. / (a) / (i).
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for ilvl, (fmt, text) in enumerate([("decimal", "%1."), ("lowerLetter", "(%2)"),
                                        ("lowerRoman", "(%3)")]):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in [("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)]:
            el = OxmlElement(tag)
            el.set(qn("w:val"), value)
            lvl.append(el)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = numbering.add_num(90)
    for level, _, text in paragraphs:
        p = document.add_paragraph(text)
        num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = num.numId
    for line in closing:
        document.add_paragraph(line)
    data = docx_bytes(document, datetime.datetime(2036, 6, 16, 12, 0, 0))
    write_zip_fixed(add_docx_footnotes(data, footnotes), out)


def add_docx_footnotes(data, footnotes):
    """python-docx writes no footnotes: add word/footnotes.xml, its relationship and its
    content type, as Word lays them out (the separators have ids -1 and 0)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {html.escape(text)}</w:t></w:r></w:p></w:footnote>'
        for n, text in footnotes)
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{w}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
           f'<w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>')
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            content = src.read(name)
            if name == "[Content_Types].xml":
                content = content.replace(b"</Types>", (
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
                    b"</Types>"))
            elif name == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>"))
            dst.writestr(name, content)
        dst.writestr("word/footnotes.xml", xml)
    return out.getvalue()


def un_odt(un, out):
    from odf.opendocument import OpenDocumentText
    from odf.style import ListLevelProperties
    from odf.text import (List, ListItem, ListLevelStyleNumber, ListStyle, Note, NoteBody,
                          NoteCitation, P)

    head, formula, recitals, paragraphs, closing, footnotes = un
    notes = dict(footnotes)
    document = OpenDocumentText()
    style = ListStyle(name="Paragraphs")
    for n, (fmt, prefix, suffix) in enumerate([("1", "", "."), ("a", "(", ")"),
                                               ("i", "(", ")")]):
        level = ListLevelStyleNumber(level=n + 1, numformat=fmt, numprefix=prefix,
                                     numsuffix=suffix)
        level.addElement(ListLevelProperties(minlabelwidth="0.3in"))
        style.addElement(level)
    document.automaticstyles.addElement(style)
    for line in head + [formula]:
        document.text.addElement(P(text=line))
    for text, note in recitals:
        p = P(text=text)
        if note:
            n = Note(id=f"ftn{note}", noteclass="footnote")
            n.addElement(NoteCitation(text=note))
            body = NoteBody()
            body.addElement(P(text=notes[note]))
            n.addElement(body)
            p.addElement(n)
        document.text.addElement(p)
    # Nested lists: a sub-item's list sits in the list item of its paragraph.
    top = List(stylename=style)
    document.text.addElement(top)
    stack = [top]
    items = []
    for level, _, text in paragraphs:
        while len(stack) > level + 1:
            stack.pop()
            items.pop()
        if len(stack) < level + 1:
            nested = List()
            items[-1].addElement(nested)
            stack.append(nested)
        item = ListItem()
        item.addElement(P(text=text))
        stack[-1].addElement(item)
        if len(items) < len(stack):
            items.append(item)
        else:
            items[-1] = item
    for line in closing:
        document.text.addElement(P(text=line))
    save_odt(document, out, "2036-06-16T12:00:00")


def save_odt(document, out, stamp):
    """odfpy stamps the creation time into meta.xml; it is fixed for reproducible bytes."""
    buffer = io.BytesIO()
    document.write(buffer)
    src = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    fixed = io.BytesIO()
    with zipfile.ZipFile(fixed, "w") as dst:
        for name in src.namelist():
            content = src.read(name)
            if name == "meta.xml":
                content = re.sub(rb"<meta:creation-date>[^<]*</meta:creation-date>",
                                 f"<meta:creation-date>{stamp}</meta:creation-date>".encode(),
                                 content)
                content = re.sub(rb"<meta:generator>[^<]*</meta:generator>", b"", content)
            dst.writestr(name, content)
    write_zip_fixed(fixed.getvalue(), out, first="mimetype")


def un_pdf(un, out):
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak,
                                    PageTemplate, Paragraph)

    head, formula, recitals, paragraphs, closing, footnotes = un
    body, item, title = pdf_styles()
    story = [Paragraph(html.escape(l), body) for l in head] + [Paragraph(formula, body)]
    for text, note in recitals:
        sup = f"<super>{note}</super>" if note else ""
        story.append(Paragraph(html.escape(text) + sup, body))
    # The paragraphs go on the next page, under the running head, as in UN documents.
    story.append(PageBreak())
    for level, label, text in paragraphs:
        mark = f"{label}." if level == 0 else f"({label})"
        story.append(Paragraph(html.escape(text), item, bulletText=mark)
                     if level == 0 else Paragraph(html.escape(text), body_indented(level),
                                                  bulletText=mark))
    story += [Paragraph(html.escape(l), body) for l in closing]

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVuSans", 9)
        y = 40 + 12 * len(footnotes)
        canvas.drawString(72, y, "__________________")
        for n, text in footnotes:
            y -= 12
            canvas.drawString(72, y, f"{n} {text}")
        canvas.restoreState()

    def later_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 9)
        canvas.drawString(72, A4[1] - 40, "A/RES/91/9")
        canvas.drawString(72, A4[1] - 52, "Safety of small fishing vessels in the northern seas")
        canvas.drawRightString(A4[0] - 72, 28, f"{doc.page}/2")
        canvas.restoreState()

    # The notes are drawn when the first page ends, so that they follow its text in the
    # content stream, as at the foot of a printed page.
    doc = BaseDocTemplate(out, pagesize=A4, title="", author="", subject="", creator="",
                          invariant=1)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="text")
    doc.addPageTemplates([PageTemplate(id="first", frames=[frame], onPageEnd=first_page),
                          PageTemplate(id="later", frames=[frame], onPage=later_page)])
    doc.build([NextPageTemplate("later")] + story)


def body_indented(level):
    from reportlab.lib.styles import ParagraphStyle
    body, _, _ = pdf_styles()
    return ParagraphStyle(f"sub{level}", parent=body, leftIndent=22 + 22 * level,
                          bulletIndent=22 * level)


def make_un():
    with open(UN_TEXT, encoding="utf-8") as f:
        un = un_parts(f.read())
    stem = os.path.join(FILES, "un-91-9-2036")
    un_markdown(un, stem + ".md")
    un_html(un, stem + ".html")
    un_docx(un, stem + ".docx")
    un_odt(un, stem + ".odt")
    un_pdf(un, stem + ".pdf")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-pdf", metavar="OUT.pdf",
                        help="instead, write a long resolution PDF for timing the import")
    parser.add_argument("--pages", type=int, default=30,
                        help="about how many pages the --bench-pdf file has")
    args = parser.parse_args()
    if args.bench_pdf:
        make_pdf(long_parts(args.pages), args.bench_pdf, footer=True)
        return
    with open(TEXT, encoding="utf-8") as f:
        parts = blocks(f.read())
    make_pdf(parts, os.path.join(FILES, "ba-49-2030.pdf"))
    make_docx(parts, os.path.join(FILES, "ba-49-2030.docx"))
    make_odt(parts, os.path.join(FILES, "ba-49-2030.odt"))
    make_html(parts, os.path.join(FILES, "ba-49-2030.html"))
    make_scanned_pdf(os.path.join(FILES, "scanned.pdf"))
    make_un()


if __name__ == "__main__":
    main()
