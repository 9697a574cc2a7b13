"""One report through one of the four PDF producers, shared by every corpus
maker: reportlab and Chromium write the PDF at once; Writer and Calc get an
office file that `soffice.convert` turns into PDFs in one batch afterwards."""
import os

import pdf_docx
import pdf_html
import pdf_reportlab
import pdf_xlsx


def render(report, opts, producer, pdf_path, build_dir):
    """Writes the PDF, or the .docx/.xlsx still to convert (returned; None otherwise)."""
    if producer == "libreoffice-writer":
        src = os.path.join(build_dir, report.stem + ".docx")
        pdf_docx.write_docx(report, opts, src)
        return src
    if producer == "libreoffice-calc":
        src = os.path.join(build_dir, report.stem + ".xlsx")
        pdf_xlsx.write_xlsx(report, opts, src)
        return src
    if producer == "chromium":
        pdf_html.write_pdf(report, opts, pdf_path)
    else:
        pdf_reportlab.write_pdf(report, opts, pdf_path)
    return None
