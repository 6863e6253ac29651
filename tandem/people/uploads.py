"""Checking uploaded files by size, extension and content, shared by every upload form."""

from django import forms
from django.conf import settings

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


def check_upload(
    upload: object,
    *,
    allowed: tuple[str, ...] = DOCUMENT_TYPES,
    description: str = "a PDF, PNG, JPEG or Word (.docx) file",
) -> object:
    """Raise a clear ValidationError unless the upload is small enough and really is one of
    the allowed types (checked by its first bytes, not only its name)."""
    if not upload or not hasattr(upload, "content_type"):
        return upload
    limit = settings.TANDEM_MAX_EVIDENCE_BYTES
    if upload.size > limit:
        message = (
            f"The file is {upload.size / 1_048_576:.1f} MB; the limit is "
            f"{limit / 1_048_576:.0f} MB."
        )
        raise forms.ValidationError(message)
    name = upload.name.lower()
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
