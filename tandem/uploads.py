"""Checks shared by every form that accepts files (training, review and portfolio evidence).

Size comes from TANDEM_MAX_EVIDENCE_BYTES; the type is checked by extension and by the
file's first bytes, so a renamed executable cannot pass as a PDF.
"""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

# Extension → the leading bytes a genuine file of that type starts with.
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}
DOCUMENT_TYPES = (".pdf", ".png", ".jpg", ".jpeg", ".docx")
EVIDENCE_HELP = "PDF, PNG, JPEG or Word (.docx), up to 10 MB."


def check_upload(
    upload: UploadedFile | None,
    *,
    allowed: tuple[str, ...] = DOCUMENT_TYPES,
    description: str = "a PDF, PNG, JPEG or Word (.docx) file",
) -> UploadedFile | None:
    """Return the upload if its size and type are acceptable; raise ValidationError if not."""
    if not upload or not hasattr(upload, "content_type"):
        return upload
    limit = settings.TANDEM_MAX_EVIDENCE_BYTES
    size = upload.size or 0
    if size > limit:
        message = f"The file is {size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.0f} MB."
        raise forms.ValidationError(message)
    name = (upload.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    if extension not in allowed:
        message = f"Upload {description}."
        raise forms.ValidationError(message)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        message = f"The file's contents do not match its {extension} name."
        raise forms.ValidationError(message)
    return upload
