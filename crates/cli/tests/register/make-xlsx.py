"""Writes the XLSX fixtures of tests/register.rs with the standard library alone (a workbook is
a zip of XML parts): register.xlsx (the rows of crossing.csv's 2026 flows, one date typed as a
date), bad-row.xlsx (a bad count on sheet row 3), far.xlsx and wide.xlsx (a cell far beyond the
register's rows, or columns), bomb.xlsx (a sheet part that unpacks to 70 MB
of zeros from a 70 KB file), bomb-sheet.xlsx (the same sheet in a whole workbook, so that a
reader that unpacks only what it needs meets it too). Run: python3 make-xlsx.py"""
import zipfile

CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WB = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Register" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""

COLS = "ABCDEFGHIJKLMNOP"


def cell(ref, v):
    if isinstance(v, tuple):  # (serial, style): a date typed as a date
        return f'<c r="{ref}" s="{v[1]}"><v>{v[0]}</v></c>'
    if isinstance(v, int):
        return f'<c r="{ref}"><v>{v}</v></c>'
    v = v.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'


def sheet(rows):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, 1):
        cells = "".join(cell(f"{COLS[c]}{r}", v) for c, v in enumerate(row) if v != "")
        out.append(f'<row r="{r}">{cells}</row>')
    out.append("</sheetData></worksheet>")
    return "\n".join(out)


def part(name):
    """A part dated 2026-01-01, so that the files come out the same on every run."""
    return zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))


def book(path, sheet_xml):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(part("[Content_Types].xml"), CT)
        z.writestr(part("_rels/.rels"), RELS)
        z.writestr(part("xl/workbook.xml"), WB)
        z.writestr(part("xl/_rels/workbook.xml.rels"), WB_RELS)
        z.writestr(part("xl/styles.xml"), STYLES)
        z.writestr(part("xl/worksheets/sheet1.xml"), sheet_xml, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


HEAD = ["date", "flow", "recipient", "country", "persons", "sensitive_persons", "basis", "person_ids", "sensitive_ids"]
# 2026-01-15 is serial 46037 in the 1900 date system.
book("register.xlsx", sheet([
    HEAD,
    [(46037, 1), "CRM", "HQ GmbH", "DE", "", "", "", "crm-persons.txt", "crm-sensitive.txt"],
    ["2025-12-20", "Last year", "HQ GmbH", "DE", 900000, 0],
    ["2026-06-10", "After-sales", "Service Pte", "SG", "", "", "", "", "aftersales-sensitive.txt"],
    ["2026-03-01", '=HYPERLINK("http://x")', "HQ GmbH", "DE", "", "", "", "hr-persons.txt"],
    ["2026-02-01", "HR", "HQ GmbH", "DE", 300, 0, "hr"],
]))
book("bad-row.xlsx", sheet([HEAD, ["2026-01-15", "CRM", "", "", 10], ["2026-02-01", "Lake", "", "", "ten"]]))
# A sparse sheet: the header, one row, and one cell at XFD1048576 (a dense reader would allocate
# 16,384 x 1,048,576 cells), and a row with a cell in column BZ (78).
far = sheet([HEAD, ["2026-01-15", "CRM"]]).replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
book("far.xlsx", far)
wide = sheet([HEAD, ["2026-01-15", "CRM"]]).replace('<row r="2">', '<row r="2"><c r="BZ2" t="inlineStr"><is><t>x</t></is></c>')
book("wide.xlsx", wide)
with zipfile.ZipFile("bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(part("[Content_Types].xml"), CT)
    z.writestr(part("xl/worksheets/sheet1.xml"), b"\0" * (70 << 20), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
with zipfile.ZipFile("bomb-sheet.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(part("[Content_Types].xml"), CT)
    z.writestr(part("_rels/.rels"), RELS)
    z.writestr(part("xl/workbook.xml"), WB)
    z.writestr(part("xl/_rels/workbook.xml.rels"), WB_RELS)
    z.writestr(part("xl/worksheets/sheet1.xml"), b"\0" * (70 << 20), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
