"""Package limits (issue 15): a hostile or broken .docx is refused before anything is parsed
or rendered, by ``render`` and by ``check-template``, with a Danish message, exit 1, no output
file, within 10 s and 300 MB (``conftest.run_bounded``). Nothing in the zip's headers is
trusted: every member is inflated once, in pieces, and counted."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import assert_refused, docx_text, example_data_file, run_bounded
from docx import Document

from samarbejdsdok.forms import get_form

FORM = "samtykke_generel"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def base_docx() -> bytes:
    doc = Document()
    doc.add_paragraph("Samtykke fra {{ samtykkegiver.navn }}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def rebuild(
    data: bytes,
    replace: dict[str, bytes] | None = None,
    add: list[tuple[str, bytes]] | None = None,
    drop: tuple[str, ...] = (),
    method: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """``data`` with parts replaced, added (possibly with odd names) or dropped."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", method) as dst:
        for item in src.infolist():
            if item.filename in drop:
                continue
            dst.writestr(item.filename, replace.get(item.filename, src.read(item.filename)))
        for name, content in add or []:
            dst.writestr(name, content)
    return out.getvalue()


def _central_entry(data: bytes, name: str) -> int:
    """The offset of ``name``'s entry in the central directory."""
    at = data.index(b"PK\x01\x02")  # the first entry
    raw = name.encode()
    while True:
        (name_len, extra_len, comment_len) = struct.unpack("<HHH", data[at + 28 : at + 34])
        if data[at + 46 : at + 46 + name_len] == raw:
            return at
        at += 46 + name_len + extra_len + comment_len


def patch_central(data: bytes, name: str, offset: int, fmt: str, value: int) -> bytes:
    at = _central_entry(data, name) + offset
    size = struct.calcsize(fmt)
    return data[:at] + struct.pack(fmt, value) + data[at + size :]


def with_bomb_member(data: bytes, megabytes: int, declared: int) -> bytes:
    """``data`` plus ``word/media/image1.bin`` of ``megabytes`` MB of zeros whose headers
    declare ``declared`` bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"\0" * (1 << 20)
    packed = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        info = zipfile.ZipInfo("word/media/image1.bin")
        info.compress_type = zipfile.ZIP_STORED
        dst.writestr(info, b"\0" * declared)  # room in the archive, rewritten below
    whole = out.getvalue()
    # Replace the stored placeholder with the deflated bomb, keeping the declared size.
    name = b"word/media/image1.bin"
    local = whole.rindex(b"PK\x03\x04")  # the last member's local header
    assert whole[local + 30 : local + 30 + len(name)] == name
    central_start = whole.index(b"PK\x01\x02")
    head = whole[:local]
    local_header = bytearray(whole[local : local + 30 + len(name)])
    struct.pack_into("<H", local_header, 8, zipfile.ZIP_DEFLATED)
    struct.pack_into("<III", local_header, 14, crc, len(packed), declared)
    central = bytearray(whole[central_start:])
    shift = len(packed) - declared
    entry = _central_entry(bytes(central), "word/media/image1.bin")
    struct.pack_into("<H", central, entry + 10, zipfile.ZIP_DEFLATED)
    struct.pack_into("<III", central, entry + 16, crc, len(packed), declared)
    end = bytes(central).rindex(b"PK\x05\x06")
    (cd_offset,) = struct.unpack("<I", central[end + 16 : end + 20])
    struct.pack_into("<I", central, end + 16, cd_offset + shift)
    return head + bytes(local_header) + packed + bytes(central)


def utf16_with_entity() -> bytes:
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?>'
        '<!DOCTYPE w:settings [<!ENTITY a "aaaaaaaaaa">]>'
        f'<w:settings xmlns:w="{W}"><w:zoom w:percent="&a;"/></w:settings>'
    )
    return xml.encode("utf-16")


def _rels(target: str, rtype: str, mode: str = ' TargetMode="External"') -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId99" Type="{R}/{rtype}" Target="{target}"{mode}/>'
        "</Relationships>"
    ).encode()


def _document_rels_plus(data: bytes, target: str, rtype: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = zf.read("word/_rels/document.xml.rels")
    extra = f'<Relationship Id="rId99" Type="{R}/{rtype}" Target="{target}" TargetMode="External"/>'
    return rebuild(
        data,
        replace={
            "word/_rels/document.xml.rels": rels.replace(
                b"</Relationships>", extra.encode() + b"</Relationships>"
            )
        },
    )


def _flip_deflate(data: bytes) -> bytes:
    good = rebuild(data)
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        info = zf.getinfo("word/styles.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    return good[:start] + b"\xff" * 16 + good[start + 16 :]


def _macro(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml")
    types = types.replace(
        b"</Types>",
        b'<Override PartName="/word/vbaProject.bin" '
        b'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    return rebuild(
        data,
        replace={"[Content_Types].xml": types},
        add=[("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")],
    )


# name: (make the package from a sound one, phrase of the message)
HOSTILE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "150 MB of XML in a small file": (
        lambda d: rebuild(
            d,
            replace={
                "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="'
                + W.encode()
                + b'"><!--'
                + b" " * (150 * 2**20)
                + b"--></w:document>"
            },
        ),
        "MB XML pr. del",
    ),
    "a large styles.xml": (
        lambda d: rebuild(
            d,
            replace={
                "word/styles.xml": b"<?xml version='1.0'?><x>" + b" " * (12 * 2**20) + b"</x>"
            },
        ),
        "word/styles.xml",
    ),
    "a member that inflates past its declared size": (
        lambda d: with_bomb_member(d, megabytes=40, declared=100),
        "størrelsen passer ikke",
    ),
    "a member that inflates past the package limit": (
        lambda d: with_bomb_member(d, megabytes=230, declared=100),
        "zip-bombe",
    ),
    "a UTF-16 part with a DOCTYPE and an entity": (
        lambda d: rebuild(d, replace={"word/settings.xml": utf16_with_entity()}),
        "DOCTYPE",
    ),
    "a malformed part that is not rendered": (
        lambda d: rebuild(d, replace={"word/settings.xml": b"<w:settings><unclosed>"}),
        "er ikke gyldig XML",
    ),
    "corrupt deflate data": (_flip_deflate, "beskadiget"),
    "the encrypted flag": (
        lambda d: patch_central(d, "word/styles.xml", 8, "<H", 0x1),
        "krypteret",
    ),
    "an unknown compression method": (
        lambda d: rebuild(d, method=zipfile.ZIP_BZIP2),
        "komprimering",
    ),
    "a .docm with macros": (_macro, "makroer"),
    "no [Content_Types].xml": (
        lambda d: rebuild(d, drop=("[Content_Types].xml",)),
        "[Content_Types].xml mangler",
    ),
    "a zip-slip name": (lambda d: rebuild(d, add=[("../../evil.xml", b"<x/>")]), "ugyldigt navn"),
    "an absolute name": (lambda d: rebuild(d, add=[("/etc/evil.xml", b"<x/>")]), "ugyldigt navn"),
    "a backslash name": (
        lambda d: rebuild(d, add=[("word\\..\\..\\evil.xml", b"<x/>")]),
        "ugyldigt navn",
    ),
    "a part twice, in another case": (
        lambda d: rebuild(d, add=[("Word/Styles.xml", b"<x/>")]),
        "to gange",
    ),
    "a remote attached template": (
        lambda d: rebuild(
            d,
            add=[
                (
                    "word/_rels/settings.xml.rels",
                    _rels("http://evil.example/t.dotm", "attachedTemplate"),
                )
            ],
        ),
        "uden for dokumentet",
    ),
    "a UNC picture link": (
        lambda d: _document_rels_plus(d, "\\\\server\\share\\logo.png", "image"),
        "uden for dokumentet",
    ),
    "a file: hyperlink": (
        lambda d: _document_rels_plus(d, "file:///etc/passwd", "hyperlink"),
        "uden for dokumentet",
    ),
}


@pytest.fixture(scope="module")
def sound() -> bytes:
    return base_docx()


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return example_data_file(FORM, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_package_is_refused_by_render(
    name: str, sound: bytes, data_file: Path, tmp_path: Path
) -> None:
    make, phrase = HOSTILE[name]
    template = tmp_path / "t.docx"
    template.write_bytes(make(sound))
    out = tmp_path / "out.docx"
    run = run_bounded(["render", FORM, str(data_file), "--template", str(template), "-o", str(out)])
    assert_refused(run, "Skabelonen", phrase)
    assert not out.exists()


@pytest.mark.slow
@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_package_is_refused_by_check_template(
    name: str, sound: bytes, tmp_path: Path
) -> None:
    make, phrase = HOSTILE[name]
    template = tmp_path / "t.docx"
    template.write_bytes(make(sound))
    run = run_bounded(["check-template", FORM, str(template)])
    assert run.returncode == 1, run
    assert "Traceback" not in run.stderr, run
    assert phrase in run.stdout + run.stderr, run


def test_a_web_hyperlink_and_the_sound_template_still_render(
    sound: bytes, data_file: Path, tmp_path: Path
) -> None:
    template = tmp_path / "t.docx"
    template.write_bytes(_document_rels_plus(sound, "https://www.kommune.dk/familie", "hyperlink"))
    out = tmp_path / "out.docx"
    run = run_bounded(["render", FORM, str(data_file), "--template", str(template), "-o", str(out)])
    assert run.returncode == 0, run
    name = get_form(FORM).example()["samtykkegiver"]["navn"]
    assert f"Samtykke fra {name}" in docx_text(out.read_bytes())
