"""Checks shared by every form that accepts evidence files (training records, reviews).

Size comes from TANDEM_MAX_EVIDENCE_BYTES; the type is checked by extension and by the
file's first bytes, so a renamed executable cannot pass as a PDF.
"""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

ALLOWED_EVIDENCE_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
}
EVIDENCE_HELP = "PDF, PNG, JPEG or Word (.docx), up to 10 MB."


def validate_evidence_upload(upload: UploadedFile | None) -> UploadedFile | None:
    """Return the upload if its size and type are acceptable; raise ValidationError if not."""
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
    if extension not in ALLOWED_EVIDENCE_TYPES:
        message = "Upload a PDF, PNG, JPEG or Word (.docx) file."
        raise forms.ValidationError(message)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        message = f"The file's contents do not match its {extension} name."
        raise forms.ValidationError(message)
    return upload
