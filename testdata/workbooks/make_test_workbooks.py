#!/usr/bin/python3
"""Makes the .xlsx workbooks engine/workbook's tests read.

Run from this folder (Debian: python3-xlsxwriter):
    ./make_test_workbooks.py
The output is deterministic (fixed zip timestamps and document dates), so a
second run gives identical bytes; the .xlsx files are checked in beside this
script.

- basic.xlsx: written by xlsxwriter, as a spreadsheet program would.
- traps.xlsx: raw SpreadsheetML that xlsxwriter never writes but other
  writers do (see the comments in traps()).
- errors.xlsx: one sheet per kind of malformed sheet.
- no_workbook.xlsx: a zip without xl/workbook.xml.
- sizes.xlsx: sheets whose zip entries lie about their size.
"""
import datetime
import io
import struct
import zipfile

import xlsxwriter

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/"
          "relationships")
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_TYPE = REL_NS + "/worksheet"
STRINGS_TYPE = REL_NS + "/sharedStrings"
DOCUMENT_TYPE = REL_NS + "/officeDocument"


def basic():
    """An ordinary workbook, the way a spreadsheet program writes one."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"created": datetime.datetime(2024, 1, 1)})
    data = book.add_worksheet("Dataset")
    notes = book.add_worksheet("Notes")
    data.write_row(0, 0, ["id", "firm", "fee", "total cost %", "transparent"])
    data.write_row(1, 0, [1, "Alpha Remit", 5, 6.25, "yes"])
    data.write_row(2, 0, [2, "Beta Bank", "200.00", 7.5, "no"])
    # Row 4 left empty in the middle; C5 empty.
    data.write(4, 0, 3)
    data.write(4, 1, "Alpha Remit")  # Shared with B2.
    data.write(4, 3, 0.1)
    data.write_formula(5, 0, "=A2+A3", None, 3)
    data.write_boolean(5, 1, True)
    data.write_datetime(5, 2, datetime.datetime(2024, 5, 14),
                        book.add_format({"num_format": "yyyy-mm-dd"}))
    notes.write(0, 0, "Made for remitrank's tests.")
    book.close()
    return out.getvalue()


def content_types(sheets):
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/{s}" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for s in sheets)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension='
        '"xml" ContentType="application/xml"/><Override PartName='
        '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>' + overrides +
        '</Types>')


def package_rels(target="xl/workbook.xml"):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns='
            f'"{PKG_REL_NS}"><Relationship Id="rId1" Type="{DOCUMENT_TYPE}" '
            f'Target="{target}"/></Relationships>')


def workbook_xml(sheets):
    """sheets: (name, relationship id) in workbook order."""
    entries = "".join(
        f'<sheet name="{name}" sheetId="{i + 1}" r:id="{rid}"/>'
        for i, (name, rid) in enumerate(sheets))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns='
            f'"{MAIN_NS}" xmlns:r="{REL_NS}"><bookViews><workbookView/>'
            f'</bookViews><sheets>{entries}</sheets></workbook>')


def workbook_rels(relationships):
    """relationships: (id, type, target)."""
    entries = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
        for rid, kind, target in relationships)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships '
            f'xmlns="{PKG_REL_NS}">{entries}</Relationships>')


def worksheet(sheet_data):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns='
            f'"{MAIN_NS}" xmlns:r="{REL_NS}"><dimension ref="A1:C3"/>'
            f'<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
            f'<sheetData>{sheet_data}</sheetData>'
            f'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
            f'header="0.3" footer="0.3"/></worksheet>')


def write_zip(entries):
    """entries: (name, text or bytes) in order; deterministic output."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            if isinstance(content, str):
                content = content.encode("utf-8")
            z.writestr(info, content)
    return out.getvalue()


# Shared strings of traps.xlsx; the tests assert each one by index.
TRAP_STRINGS = [
    # 0: plain.
    "<si><t>Provider</t></si>",
    # 1: rich text: runs joined, their formatting ignored.
    "<si><r><rPr><b/></rPr><t>Bank</t></r><r><t xml:space=\"preserve\"> / "
    "</t></r><r><rPr><i/></rPr><t>Money Transfer Operator</t></r></si>",
    # 2: spaces kept.
    "<si><t xml:space=\"preserve\">  two spaces each side  </t></si>",
    # 3: entities, predefined and numeric.
    "<si><t>A&amp;B &lt;C&gt; &quot;q&quot; &apos;a&apos; caf&#233; "
    "&#x20AC;</t></si>",
    # 4: an escaped carriage return, then a real line feed.
    "<si><t>line1_x000D_\nline2</t></si>",
    # 5: a phonetic guide (rPh) is not part of the text.
    "<si><t>\u6771\u4eac</t><rPh sb=\"0\" eb=\"2\"><t>\u30c8\u30a6\u30ad"
    "\u30e7\u30a6</t></rPh><phoneticPr fontId=\"1\"/></si>",
    # 6: empty.
    "<si><t/></si>",
    # 7: a literal "_x0041_", written with its underscore escaped.
    "<si><t>_x005F_x0041_</t></si>",
    # 8: a number stored as text.
    "<si><t>200.00</t></si>",
]


def shared_strings(items):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{MAIN_NS}" '
            f'count="{len(items)}" uniqueCount="{len(items)}">'
            + "".join(items) + "</sst>")


def traps():
    """What other writers do: see each comment."""
    cells = "".join([
        # Row 1: one cell of each type, all with references.
        '<row r="1" spans="1:6">',
        '<c r="A1" t="s"><v>0</v></c>',
        '<c r="B1"><v>46172.699999999997</v></c>',  # No t: a number.
        '<c r="C1" t="inlineStr"><is><t>inline text</t></is></c>',
        '<c r="D1" t="b"><v>1</v></c>',
        '<c r="E1" t="e"><v>#N/A</v></c>',
        '<c r="F1" t="d"><v>2024-05-14T00:00:00</v></c>',
        '<c r="G1" t="n"><v>-1.5E-3</v></c>',
        '</row>',
        # A row without r (row 2); cells without r follow the previous one.
        '<row>',
        '<c t="s"><v>8</v></c>',  # A2
        '<c><v>2</v></c>',  # B2
        '<c r="E2" t="b"><v>0</v></c>',
        '<c t="inlineStr"><is><t>after E</t></is></c>',  # F2
        '</row>',
        # Rows 3 and 4 are missing.
        # Row 5: cells out of column order.
        '<row r="5">',
        '<c r="C5"><v>3</v></c>',
        '<c r="A5"><v>1</v></c>',
        '<c r="B5"><v>2</v></c>',
        '</row>',
        # Row 6: formulas and their cached values, one of each type.
        '<row r="6">',
        '<c r="A6"><f>1+1</f><v>2</v></c>',
        '<c r="B6" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>',
        '<c r="C6" t="b"><f>TRUE()</f><v>1</v></c>',
        '<c r="D6" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
        '<c r="E6" t="s"><f>F6</f><v>3</v></c>',
        '<c r="F6"><f>NOW()</f></c>',  # No cached value: empty.
        '<c r="G6" t="str"><f>""</f><v></v></c>',  # Cached empty text.
        '</row>',
        # Row 7: an empty styled cell, strings with spaces and rich runs.
        '<row r="7">',
        '<c r="A7" s="1"/>',
        '<c r="B7" t="s"><v>2</v></c>',
        '<c r="C7" t="inlineStr"><is><r><t>Post</t></r><r><rPr><b/></rPr>'
        '<t xml:space="preserve"> office</t></r><rPh sb="0" eb="1"><t>x</t>'
        '</rPh></is></c>',
        '<c r="D7" t="inlineStr"><is><t>tab_x0009_here &amp; there</t></is>'
        '</c>',
        '</row>',
        # Rows present but without a value.
        '<row r="8"/>',
        '<row r="9" spans="1:2"><c r="A9" s="2"/><c r="B9" s="2"/></row>',
        # Row 10: far columns.
        '<row r="10"><c r="AB10"><v>28</v></c><c r="XFD10"><v>16384</v></c>'
        '</row>',
        # A row without r after row 10 is row 11.
        '<row><c><v>11</v></c></row>',
    ])
    strings_sheet = "".join(
        f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{i}</v></c></row>'
        for i in range(len(TRAP_STRINGS)))
    # Every element prefixed, no default namespace.
    prefixed = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<x:worksheet xmlns:x='
        f'"{MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0'
        f'</x:v></x:c><x:c r="B1"><x:v>1.5</x:v></x:c><x:c r="C1" '
        f't="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c></x:row>'
        f'<x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c></x:row>'
        f'</x:sheetData></x:worksheet>')
    # Workbook order: Prefixed, Cells, Strings; the parts are numbered
    # otherwise, the relationship ids are not in order, one target is
    # absolute and one goes through "..".
    return write_zip([
        ("[Content_Types].xml",
         content_types(["sheet1.xml", "sheet2.xml", "sheet3.xml"])),
        ("_rels/.rels", package_rels()),
        ("xl/workbook.xml",
         workbook_xml([("Prefixed", "rId5"), ("Cells", "rId2"),
                       ("Strings", "rId7")])),
        ("xl/_rels/workbook.xml.rels",
         workbook_rels([
             ("rId7", WORKSHEET_TYPE, "worksheets/../worksheets/sheet2.xml"),
             ("rId2", WORKSHEET_TYPE, "worksheets/sheet1.xml"),
             ("rId5", WORKSHEET_TYPE, "/xl/worksheets/sheet3.xml"),
             ("rId9", STRINGS_TYPE, "sharedStrings.xml"),
         ])),
        ("xl/sharedStrings.xml", shared_strings(TRAP_STRINGS)),
        ("xl/worksheets/sheet1.xml", worksheet(cells)),
        ("xl/worksheets/sheet2.xml", worksheet(strings_sheet)),
        ("xl/worksheets/sheet3.xml", prefixed),
    ])


# errors.xlsx: (sheet name, sheet data or None for a missing part). Two
# good rows come first in each, so that errors are seen mid-stream.
GOOD_ROWS = '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2">' \
    '<v>2</v></c></row>'
ERROR_SHEETS = [
    ("Good", GOOD_ROWS),
    ("Broken XML", GOOD_ROWS + '<row r="3"><c r="A3"><v>3</c></row>'),
    ("Bad index", GOOD_ROWS + '<row r="3"><c r="B3" t="s"><v>5</v></c></row>'),
    ("Other row", GOOD_ROWS + '<row r="3"><c r="A4"><v>3</v></c></row>'),
    ("Rows descend", GOOD_ROWS + '<row r="1"><c r="A1"><v>3</v></c></row>'),
    ("Bad reference", GOOD_ROWS + '<row r="3"><c r="a3"><v>3</v></c></row>'),
    ("Off the grid", GOOD_ROWS + '<row r="3"><c r="XFE3"><v>3</v></c></row>'),
    ("Unknown type", GOOD_ROWS + '<row r="3"><c r="C3" t="z"><v>3</v></c>'
     '</row>'),
    ("Bad boolean", GOOD_ROWS + '<row r="3"><c r="A3" t="b"><v>yes</v></c>'
     '</row>'),
    ("Two cells", GOOD_ROWS + '<row r="3"><c r="B3"><v>1</v></c><c r="A3">'
     '<v>2</v></c><c r="B3"><v>3</v></c></row>'),
    ("Row zero", GOOD_ROWS + '<row r="0"/>'),
    ("Missing part", None),
]


def errors():
    strings = ["<si><t>only</t></si>"]
    sheets = [(name, f"rId{i + 1}") for i, (name, _) in
              enumerate(ERROR_SHEETS)]
    sheets.append(("No relationship", "rId99"))
    rels = [(f"rId{i + 1}", WORKSHEET_TYPE, f"worksheets/sheet{i + 1}.xml")
            for i in range(len(ERROR_SHEETS))]
    rels.append(("rId50", STRINGS_TYPE, "sharedStrings.xml"))
    entries = [
        ("[Content_Types].xml", content_types([])),
        ("_rels/.rels", package_rels()),
        ("xl/workbook.xml", workbook_xml(sheets)),
        ("xl/_rels/workbook.xml.rels", workbook_rels(rels)),
        ("xl/sharedStrings.xml", shared_strings(strings)),
    ]
    for i, (_, data) in enumerate(ERROR_SHEETS):
        if data is not None:
            entries.append((f"xl/worksheets/sheet{i + 1}.xml",
                            worksheet(data)))
    return write_zip(entries)


def no_workbook():
    return write_zip([
        ("[Content_Types].xml", content_types(["sheet1.xml"])),
        ("xl/worksheets/sheet1.xml", worksheet(GOOD_ROWS)),
    ])


def patch_size(data, name, size):
    """Rewrites the uncompressed size that the zip declares for `name`,
    in its local header and in the central directory."""
    data = bytearray(data)
    encoded = name.encode()
    # Local file header: signature, then the size at offset 22, name at 30.
    pos = 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        name_len = struct.unpack_from("<H", data, pos + 26)[0]
        if data[pos + 30:pos + 30 + name_len] == encoded:
            struct.pack_into("<I", data, pos + 22, size)
        pos += 4
    # Central directory header: size at offset 24, name at 46.
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + name_len] == encoded:
            struct.pack_into("<I", data, pos + 24, size)
        pos += 4
    return bytes(data)


def sizes():
    """Sheet "Lies" inflates to more than it declares (a zip bomb would);
    sheet "Huge" declares 3 GiB."""
    many_rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'
                        for r in range(1, 201))
    data = write_zip([
        ("_rels/.rels", package_rels()),
        ("xl/workbook.xml", workbook_xml([("Lies", "rId1"),
                                          ("Huge", "rId2")])),
        ("xl/_rels/workbook.xml.rels",
         workbook_rels([("rId1", WORKSHEET_TYPE, "worksheets/sheet1.xml"),
                        ("rId2", WORKSHEET_TYPE, "worksheets/sheet2.xml")])),
        ("xl/worksheets/sheet1.xml", worksheet(many_rows)),
        ("xl/worksheets/sheet2.xml", worksheet(GOOD_ROWS)),
    ])
    data = patch_size(data, "xl/worksheets/sheet1.xml", 1000)
    return patch_size(data, "xl/worksheets/sheet2.xml", 3 << 30)


def main():
    for name, make in [("basic.xlsx", basic), ("traps.xlsx", traps),
                       ("errors.xlsx", errors),
                       ("no_workbook.xlsx", no_workbook),
                       ("sizes.xlsx", sizes)]:
        with open(name, "wb") as f:
            f.write(make())


if __name__ == "__main__":
    main()
