"""Every PDF Tandem produces: tagged PDF/UA-1, so a screen reader gets headings, tables and
reading order rather than loose text. The document's title and language come from the
template's <title> and <html lang> (templates/pdf_base.html), which PDF/UA requires."""

from weasyprint import HTML

PDF_VARIANT = "pdf/ua-1"


def render_pdf(html: str) -> bytes:
    """A tagged, accessible PDF (PDF/UA-1) of an HTML document built on pdf_base.html."""
    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf_counting_pages(html: str) -> tuple[bytes, int]:
    """As render_pdf, with the number of pages laid out (to check a page limit)."""
    document = HTML(string=html).render()
    return document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages)
