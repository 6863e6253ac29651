"""Reading downloaded files back in tests, with the libraries the people who get them use."""

import io

from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


def xlsx_text(content: bytes) -> str:
    """Every cell of every sheet, as text in reading order (for "is this shown?" checks)."""
    workbook = load_workbook(io.BytesIO(content))
    return "\n".join(
        "\t".join("" if value is None else str(value) for value in row)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def structure_tags(node: object, found: set[str] | None = None) -> set[str]:
    """Every structure type (/H1, /Table, /TH…) in a PDF's structure tree."""
    found = set() if found is None else found
    if isinstance(node, IndirectObject):
        node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            structure_tags(child, found)
    elif isinstance(node, DictionaryObject):
        if "/S" in node:
            found.add(str(node["/S"]))
        if "/K" in node:
            structure_tags(node["/K"], found)
    return found


def assert_tagged_pdf(content: bytes, *, title: str) -> set[str]:
    """The PDF is tagged for assistive technology (PDF/UA-1): marked content, a structure
    tree with headings, a document language and a title shown instead of the file name.
    Returns the structure types found, for further checks."""
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata is not None
    assert title in str(reader.metadata.title)
    assert "/StructTreeRoot" in catalog
    tags = structure_tags(catalog["/StructTreeRoot"])
    assert "/H1" in tags, tags
    return tags
