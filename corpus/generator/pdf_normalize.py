"""Make producer PDFs byte-reproducible: fixed creation/modification dates and
a zero document /ID and /DocChecksum, rewritten in place with the same lengths (xref offsets
stay valid)."""
import re

FIXED_DATE = b"D:20230501000000"
DATE = re.compile(rb"/(CreationDate|ModDate)\s*\((D:\d{14})")
ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-Fa-f]+)")
XMP_DATE = re.compile(rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>[^<]*</xmp:")


def _same_length_date(m):
    return m.group(0)[:m.start(2) - m.start(0)] + FIXED_DATE


def _zero_id(m):
    out = bytearray(m.group(0))
    for g in (1, 2):
        s, e = m.start(g) - m.start(0), m.end(g) - m.start(0)
        out[s:e] = b"0" * (e - s)
    return bytes(out)


def _xmp(m):
    text = m.group(0)
    head = text[:text.index(b">") + 1]
    body = text[len(head):-len(b"</xmp:")]
    fixed = (b"2023-05-01T00:00:00" + b"Z" * len(body))[:len(body)]
    return head + fixed + b"</xmp:"


def normalize(path):
    with open(path, "rb") as fh:
        data = fh.read()
    data = DATE.sub(_same_length_date, data)
    data = ID.sub(_zero_id, data)
    data = CHECKSUM.sub(lambda m: b"/DocChecksum /" + b"0" * len(m.group(1)), data)
    data = XMP_DATE.sub(_xmp, data)
    with open(path, "wb") as fh:
        fh.write(data)
