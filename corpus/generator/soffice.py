"""Batch conversion of office documents to PDF with headless LibreOffice."""
import os
import shutil
import subprocess
import tempfile


def convert(paths, outdir):
    """Convert every document in `paths` to outdir/<stem>.pdf (one soffice run, private profile)."""
    if not paths:
        return
    os.makedirs(outdir, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", outdir, *paths],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
