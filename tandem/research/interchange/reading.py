"""Reading an uploaded `.qdpx` project or `.qdc` codebook into a plan, without touching the
database: every check that can refuse the file runs here, before anything is written, so
an import is all or nothing and its preview shows exactly what will be created.
"""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from tandem.research.interchange.xml import (
    CODEBOOK_NS,
    LEVEL_BY_SET_NAME,
    PROJECT_NS,
    InterchangeError,
    check_project,
    codebook_errors,
    parse,
)
from tandem.research.models import CodeLevel

# Limits against zip bombs and runaway files; a 200-document study exports to about 10 MB.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_UNCOMPRESSED_BYTES = 250 * 1024 * 1024
MAX_SOURCE_CHARACTERS = 5_000_000  # the largest transcript is 5 MB
MAX_CODE_NAME = 120  # Code.name
MAX_NOTE_CHARACTERS = 20_000  # Memo.text
MAX_LISTED = 5  # problems listed in one message

_P = f"{{{PROJECT_NS}}}"
_C = f"{{{CODEBOOK_NS}}}"
_OTHER_SOURCES = ("PDFSource", "PictureSource", "AudioSource", "VideoSource")


def normal_guid(value: str) -> str:
    return value.strip().strip("{}").lower()


@dataclass
class PlannedCode:
    guid: str
    name: str
    description: str
    colour: str
    parent_guid: str | None
    note_guids: list[str] = field(default_factory=list)
    level: CodeLevel | None = None  # None: the file does not say (a new code starts open)


@dataclass
class PlannedSelection:
    guid: str
    start: int
    end: int
    code_guids: list[str]
    user_guid: str | None
    note_guids: list[str] = field(default_factory=list)


@dataclass
class PlannedSource:
    guid: str
    name: str
    text: str
    selections: list[PlannedSelection] = field(default_factory=list)
    note_guids: list[str] = field(default_factory=list)


@dataclass
class PlannedNote:
    guid: str
    title: str
    text: str
    user_guid: str | None


@dataclass
class PlannedCase:
    guid: str
    name: str
    strand: str
    source_guids: list[str]


@dataclass
class PlannedUser:
    guid: str
    name: str
    identifier: str


@dataclass
class CodebookPlan:
    codes: list[PlannedCode]  # parents before their children


@dataclass
class ProjectPlan:
    name: str
    description: str
    codes: list[PlannedCode]
    users: list[PlannedUser] = field(default_factory=list)
    sources: list[PlannedSource] = field(default_factory=list)
    notes: list[PlannedNote] = field(default_factory=list)
    cases: list[PlannedCase] = field(default_factory=list)
    project_note_guids: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def num_segments(self) -> int:
        return sum(
            len(selection.code_guids) for source in self.sources for selection in source.selections
        )


def _problems(message: str, problems: list[str]) -> InterchangeError:
    extra = len(problems) - MAX_LISTED
    listed = problems[:MAX_LISTED] + ([f"… and {extra} more"] if extra > 0 else [])
    return InterchangeError(message, listed)


# ---- the zip ----


def open_archive(data: bytes) -> dict[str, bytes]:
    """The files in a `.qdpx`, by name, after the checks against broken and hostile zips."""
    if len(data) > MAX_UPLOAD_BYTES:
        limit = MAX_UPLOAD_BYTES // (1024 * 1024)
        raise InterchangeError(f"The file is larger than {limit} MB, the most Tandem imports.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        message = (
            "This is not a REFI-QDA project: a .qdpx file is a zip archive, and this is not one."
        )
        raise InterchangeError(message) from error
    with archive:
        entries = [info for info in archive.infolist() if not info.is_dir()]
        if len(entries) > MAX_ENTRIES:
            message = (
                f"The archive holds {len(entries)} files; Tandem imports at most {MAX_ENTRIES}."
            )
            raise InterchangeError(message)
        unpacked = sum(info.file_size for info in entries)
        if unpacked > MAX_UNCOMPRESSED_BYTES:
            limit = MAX_UNCOMPRESSED_BYTES // (1024 * 1024)
            message = (
                f"The archive would unpack to {unpacked // (1024 * 1024)} MB, more than the "
                f"{limit} MB Tandem accepts (it may be a zip bomb)."
            )
            raise InterchangeError(message)
        files: dict[str, bytes] = {}
        for info in entries:
            try:
                files[info.filename] = archive.read(info)
            except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError) as error:
                message = f"The archive's file {info.filename} cannot be unpacked: {error}."
                raise InterchangeError(message) from error
    return files


def read_project(data: bytes) -> ProjectPlan:
    """Check a `.qdpx` upload and plan its import (InterchangeError if it cannot be)."""
    files = open_archive(data)
    qde = next((name for name in files if name.lower() == "project.qde"), None)
    if qde is None:
        message = "The archive has no project.qde, the file that describes a REFI-QDA project."
        raise InterchangeError(message)
    root = parse(files[qde], file_label="project.qde")
    if root.tag != f"{_P}Project":
        message = f"project.qde is not a REFI-QDA project: its root element is {root.tag}."
        raise InterchangeError(message)
    check_project(root)
    _check_unique_guids(root)
    return _ProjectReader(root, files).plan()


def read_codebook(data: bytes) -> CodebookPlan:
    """Check a `.qdc` upload and plan its import."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise InterchangeError("The codebook is too large to be a codebook.")
    root = parse(data, file_label="The codebook")
    errors = codebook_errors(root)
    if errors:
        raise InterchangeError("The file does not follow the REFI-QDA codebook format.", errors)
    _check_unique_guids(root)
    codes: list[PlannedCode] = []
    for element in root.findall(f"{_C}Codes/{_C}Code"):
        _read_code(element, None, codes, _C)
    _read_levels(root, codes, _C)
    return CodebookPlan(codes)


def _check_unique_guids(root: etree._Element) -> None:
    seen: dict[str, int] = {}
    duplicates = []
    for element in root.iter():
        guid = element.get("guid") if isinstance(element.tag, str) else None
        if guid is None:
            continue
        key = normal_guid(guid)
        if key in seen:
            duplicates.append(
                f"line {element.sourceline}: guid {guid} was already used on line {seen[key]}"
            )
        else:
            seen[key] = element.sourceline or 0
    if duplicates:
        raise _problems("The file uses the same guid for more than one thing.", duplicates)


def _read_code(
    element: etree._Element, parent: str | None, codes: list[PlannedCode], ns: str
) -> None:
    name = (element.get("name") or "").strip()
    if not name:
        raise InterchangeError(f"line {element.sourceline}: a code has no name.")
    if len(name) > MAX_CODE_NAME:
        message = (
            f"line {element.sourceline}: the code name “{name[:40]}…” is longer than "
            f"{MAX_CODE_NAME} characters."
        )
        raise InterchangeError(message)
    guid = normal_guid(element.get("guid", ""))
    description = element.findtext(f"{ns}Description") or ""
    colour = element.get("color", "")
    if re.fullmatch("#[0-9A-Fa-f]{3}", colour):
        colour = "#" + "".join(ch * 2 for ch in colour[1:])
    code = PlannedCode(guid, name, description.strip()[:2000], colour.lower(), parent)
    code.note_guids = [
        normal_guid(ref.get("targetGUID", "")) for ref in element.findall(f"{ns}NoteRef")
    ]
    siblings = {other.name.casefold() for other in codes if other.parent_guid == parent}
    if name.casefold() in siblings:
        message = f"line {element.sourceline}: two codes are named “{name}” under the same parent."
        raise InterchangeError(message)
    codes.append(code)
    for child in element.findall(f"{ns}Code"):
        _read_code(child, guid, codes, ns)


def _read_levels(root: etree._Element, codes: list[PlannedCode], ns: str) -> None:
    """Levels from the sets named for them ("Axial codes"…); a code in the sets of two
    levels takes the later level (open, then axial, then selective)."""
    by_guid = {code.guid: code for code in codes}
    order = list(CodeLevel)
    for element in root.findall(f"{ns}Sets/{ns}Set"):
        level = LEVEL_BY_SET_NAME.get((element.get("name") or "").strip().casefold())
        if level is None:
            continue
        for member in element.findall(f"{ns}MemberCode"):
            code = by_guid.get(normal_guid(member.get("targetGUID", "")))
            if code is not None and (
                code.level is None or order.index(level) > order.index(code.level)
            ):
                code.level = level


class _ProjectReader:
    def __init__(self, root: etree._Element, files: dict[str, bytes]) -> None:
        self.root = root
        self.files = files

    def plan(self) -> ProjectPlan:
        root = self.root
        codes: list[PlannedCode] = []
        for element in root.findall(f"{_P}CodeBook/{_P}Codes/{_P}Code"):
            _read_code(element, None, codes, _P)
        _read_levels(root, codes, _P)
        plan = ProjectPlan(
            name=(root.get("name") or "Imported project").strip()[:200] or "Imported project",
            description=(root.findtext(f"{_P}Description") or "").strip(),
            codes=codes,
        )
        plan.users = [
            PlannedUser(normal_guid(user.get("guid", "")), user.get("name", ""), user.get("id", ""))
            for user in root.findall(f"{_P}Users/{_P}User")
        ]
        code_guids = {code.guid for code in codes}
        for element in root.findall(f"{_P}Sources/*"):
            local = etree.QName(element).localname
            if local == "TextSource":
                plan.sources.append(self._source(element, code_guids))
            elif local in _OTHER_SOURCES:
                plan.skipped.append(f"{local} “{element.get('name', '')}” (only text is imported)")
        plan.notes = [self._note(element) for element in root.findall(f"{_P}Notes/{_P}Note")]
        plan.project_note_guids = self._refs(root)
        plan.cases = self._cases()
        self._check_note_refs(plan)
        return plan

    def _refs(self, element: etree._Element) -> list[str]:
        return [normal_guid(ref.get("targetGUID", "")) for ref in element.findall(f"{_P}NoteRef")]

    def _text(self, element: etree._Element, what: str) -> str:
        content = element.find(f"{_P}PlainTextContent")
        if content is not None:
            return content.text or ""
        path = element.get("plainTextPath")
        if not path:
            message = f"line {element.sourceline}: {what} has neither text nor a plainTextPath."
            raise InterchangeError(message)
        if not path.startswith("internal://"):
            message = (
                f"line {element.sourceline}: {what} points to {path}, outside the archive; "
                "only files inside the .qdpx (internal://) can be imported."
            )
            raise InterchangeError(message)
        name = path.removeprefix("internal://")
        data = self.files.get(f"Sources/{name}")
        if data is None:
            message = (
                f"line {element.sourceline}: {what}'s file Sources/{name} is missing "
                "from the archive."
            )
            raise InterchangeError(message)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            message = (
                f"{what}'s file Sources/{name} is not UTF-8 text (byte {data[error.start]:#04x} at "
                f"position {error.start}); REFI-QDA plain text must be UTF-8."
            )
            raise InterchangeError(message) from error
        return text

    def _source(self, element: etree._Element, code_guids: set[str]) -> PlannedSource:
        name = element.get("name") or "Untitled source"
        what = f"the source “{name}”"
        text = self._text(element, what)
        if len(text) > MAX_SOURCE_CHARACTERS:
            message = (
                f"{what} has {len(text):,} characters; "
                f"Tandem imports at most {MAX_SOURCE_CHARACTERS:,}."
            )
            raise InterchangeError(message)
        source = PlannedSource(normal_guid(element.get("guid", "")), name[:200], text)
        source.note_guids = self._refs(element)
        problems: list[str] = []
        for selection in element.findall(f"{_P}PlainTextSelection"):
            start, end = (
                int(selection.get("startPosition", "0")),
                int(selection.get("endPosition", "0")),
            )
            where = f"line {selection.sourceline}: the selection {start}–{end} in {what}"
            if start == end:
                problems.append(f"{where} is empty (zero length)")
            elif start < 0 or end < start or end > len(text):
                problems.append(f"{where} lies outside its text of {len(text)} characters")
            source.selections.append(self._selection(selection, start, end, code_guids, problems))
        whole = element.findall(f"{_P}Coding")
        if whole:  # codes applied to the whole source become a segment spanning it
            if not text:
                problems.append(f"line {element.sourceline}: {what} is coded but has no text")
            source.selections.append(
                self._selection(element, 0, len(text), code_guids, problems, notes=False)
            )
        if problems:
            raise _problems(f"Some coded selections in {what} cannot be imported.", problems)
        return source

    def _selection(
        self,
        element: etree._Element,
        start: int,
        end: int,
        code_guids: set[str],
        problems: list[str],
        *,
        notes: bool = True,
    ) -> PlannedSelection:
        codes, users = [], []
        for coding in element.findall(f"{_P}Coding"):
            target = normal_guid(coding.find(f"{_P}CodeRef").get("targetGUID", ""))
            if target not in code_guids:
                problems.append(
                    f"line {coding.sourceline}: the coding refers to code {target}, "
                    "which is not in the codebook"
                )
            codes.append(target)
            users.append(coding.get("creatingUser") or element.get("creatingUser"))
        user = next((normal_guid(guid) for guid in users if guid), None)
        if user is None and element.get("creatingUser"):
            user = normal_guid(element.get("creatingUser", ""))
        return PlannedSelection(
            normal_guid(element.get("guid", "")),
            start,
            end,
            codes,
            user,
            self._refs(element) if notes else [],
        )

    def _note(self, element: etree._Element) -> PlannedNote:
        title = (element.get("name") or "Imported note").strip()[:200] or "Imported note"
        text = self._text(element, f"the note “{title}”")
        if len(text) > MAX_NOTE_CHARACTERS:
            message = (
                f"The note “{title}” has {len(text):,} characters; "
                f"a memo holds at most {MAX_NOTE_CHARACTERS:,}."
            )
            raise InterchangeError(message)
        user = element.get("creatingUser")
        return PlannedNote(
            normal_guid(element.get("guid", "")), title, text, normal_guid(user) if user else None
        )

    def _cases(self) -> list[PlannedCase]:
        strand_variables = {
            normal_guid(variable.get("guid", ""))
            for variable in self.root.findall(f"{_P}Variables/{_P}Variable")
            if variable.get("name", "").strip().casefold() == "strand"
        }
        cases: list[PlannedCase] = []
        for element in self.root.findall(f"{_P}Cases/{_P}Case"):
            strand = ""
            for value in element.findall(f"{_P}VariableValue"):
                ref = normal_guid(value.find(f"{_P}VariableRef").get("targetGUID", ""))
                if ref in strand_variables:
                    strand = (value.findtext(f"{_P}TextValue") or "").strip()
            sources = [
                normal_guid(ref.get("targetGUID", "")) for ref in element.findall(f"{_P}SourceRef")
            ]
            name = (element.get("name") or "").strip()[:60] or f"Case {len(cases) + 1}"
            cases.append(
                PlannedCase(normal_guid(element.get("guid", "")), name, strand[:120], sources)
            )
        return cases

    def _check_note_refs(self, plan: ProjectPlan) -> None:
        notes = {note.guid for note in plan.notes}
        refs = list(plan.project_note_guids)
        refs += [guid for code in plan.codes for guid in code.note_guids]
        for source in plan.sources:
            refs += source.note_guids
            refs += [guid for selection in source.selections for guid in selection.note_guids]
        unknown = sorted({guid for guid in refs if guid not in notes})
        if unknown:
            raise _problems("Some notes are referred to but missing from the project.", unknown)
