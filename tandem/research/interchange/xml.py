"""Reading and checking REFI-QDA XML safely.

Every file a user uploads is parsed with `safe_parser()`: no network, no entity expansion
(a "billion laughs" file stays small), no DTD loading and no huge-tree mode, so a hostile
file cannot reach the network or exhaust memory through the parser.
"""

import re
from functools import cache
from pathlib import Path

from lxml import etree

from tandem.research.models import CodeLevel

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
SCHEMA_DIR = Path(__file__).parent / "schema"
MAX_SCHEMA_ERRORS = 5  # the first few are enough to find the fault; the rest usually follow

# Characters XML 1.0 cannot carry (control characters but tab, line feed, carriage return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def level_set_name(level: CodeLevel) -> str:
    """The name of the set that carries a coding level in and out of Tandem."""
    return f"{level.label} codes"


# A set named for a level (its set name, or the bare level, any case) gives its codes that
# level on import; a set of any other name is left aside.
LEVEL_BY_SET_NAME = {
    name.casefold(): level
    for level in CodeLevel
    for name in (level_set_name(level), level.label, level.value)
}


class InterchangeError(ValueError):
    """A file Tandem cannot import, with a message saying what is wrong, for the person
    who uploaded it."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
    )


def xml_text(value: str) -> str:
    """Text safe to put in XML: characters XML cannot hold are dropped."""
    return _NOT_XML.sub("", value)


@cache
def project_schema() -> etree.XMLSchema:
    with (SCHEMA_DIR / "Project.xsd").open("rb") as schema_file:
        return etree.XMLSchema(etree.parse(schema_file, safe_parser()))


def parse(data: bytes, *, file_label: str) -> etree._Element:
    """The document's root element, or an InterchangeError naming the first syntax fault."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as error:
        line = f" (line {error.lineno})" if error.lineno else ""
        message = f"{file_label} is not well-formed XML{line}: {error.msg}"
        raise InterchangeError(message) from error
    if root is None:
        raise InterchangeError(f"{file_label} is empty.")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        # REFI-QDA files have no DTD; one here can only be trying to define entities.
        message = f"{file_label} declares a document type (DTD), which REFI-QDA files never do."
        raise InterchangeError(message)
    return root


def schema_errors(root: etree._Element) -> list[str]:
    """The first few ways `root` breaks the REFI-QDA project schema, with line numbers."""
    schema = project_schema()
    if schema.validate(root):
        return []
    return [
        f"line {error.line}: {error.message}"
        for error in list(schema.error_log)[:MAX_SCHEMA_ERRORS]
    ]


def check_project(root: etree._Element, *, file_label: str = "project.qde") -> None:
    errors = schema_errors(root)
    if errors:
        message = f"{file_label} does not follow the REFI-QDA project schema."
        raise InterchangeError(message, errors)


def codebook_errors(root: etree._Element) -> list[str]:
    """Check a `.qdc` codebook. Its schema is not vendored (see schema/NOTICE.md), so its
    codes are moved into the project namespace and checked against the project schema's
    code definitions, which allow everything a codebook's codes may hold."""
    if root.tag != f"{{{CODEBOOK_NS}}}CodeBook":
        return [f"line {root.sourceline}: the root element is {root.tag}, not CodeBook"]
    children = [child for child in root if isinstance(child.tag, str)]
    allowed = [f"{{{CODEBOOK_NS}}}Codes", f"{{{CODEBOOK_NS}}}Sets"]
    tags = [child.tag for child in children]
    if (
        not tags
        or tags[0] != allowed[0]
        or any(tag not in allowed for tag in tags)
        or len(tags) > 2
    ):
        return [f"line {root.sourceline}: CodeBook must hold Codes, then optionally Sets"]
    project = etree.Element(f"{{{PROJECT_NS}}}Project", name="codebook")
    book = etree.SubElement(project, f"{{{PROJECT_NS}}}CodeBook")
    book.append(_renamespaced(children[0]))
    if len(children) == 2:  # Sets: the same definition in both schemas
        project.append(_renamespaced(children[1]))
    return schema_errors(project)


def _renamespaced(element: etree._Element) -> etree._Element:
    copy = etree.Element(element.tag.replace(CODEBOOK_NS, PROJECT_NS), attrib=dict(element.attrib))
    copy.sourceline = element.sourceline
    copy.text = element.text
    for child in element:
        if isinstance(child.tag, str):
            copy.append(_renamespaced(child))
    return copy
