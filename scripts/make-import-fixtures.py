#!/usr/bin/env python3
"""Makes the files that `tests/all/import_files.rs` imports: one resolution text written in the
seed's layout, laid out as a PDF, a DOCX, an ODT and an HTML page the way such documents come,
plus a scanned (image-only) PDF. The outputs are committed, so CI never runs this script.

    pip install reportlab==5.1.0 python-docx==1.2.0 odfpy==1.4.1
    python3 scripts/make-import-fixtures.py            # rewrites tests/fixtures/files/*
    python3 scripts/make-import-fixtures.py --bench-pdf /tmp/long.pdf --pages 30

The PDF body uses DejaVu Sans (a TrueType font, embedded as a subset with a ToUnicode map;
Debian: fonts-dejavu-core) and the title the standard Helvetica-Bold (no font file, WinAnsi
encoding), so both ways a PDF names its characters are read. In the DOCX the numbers of the
commitments are Word's automatic numbering (numbering.xml), not typed; in the ODT they come
from a list style; in the HTML from `<ol>`. Each file is built from the text alone.
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
    document.core_properties.author = ""
    document.core_properties.last_modified_by = ""
    stamp = datetime.datetime(2030, 11, 15, 12, 0, 0)
    document.core_properties.created = stamp
    document.core_properties.modified = stamp
    buffer = io.BytesIO()
    document.save(buffer)
    write_zip_fixed(buffer.getvalue(), out)


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
    buffer = io.BytesIO()
    document.write(buffer)
    data = buffer.getvalue()
    # odfpy stamps the creation time into meta.xml; fix it for reproducible bytes.
    src = zipfile.ZipFile(io.BytesIO(data))
    fixed = io.BytesIO()
    with zipfile.ZipFile(fixed, "w") as dst:
        for name in src.namelist():
            content = src.read(name)
            if name == "meta.xml":
                content = re.sub(rb"<meta:creation-date>[^<]*</meta:creation-date>",
                                 b"<meta:creation-date>2030-11-15T12:00:00</meta:creation-date>",
                                 content)
                content = re.sub(rb"<meta:generator>[^<]*</meta:generator>", b"", content)
            dst.writestr(name, content)
    write_zip_fixed(fixed.getvalue(), out, first="mimetype")


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


if __name__ == "__main__":
    main()
