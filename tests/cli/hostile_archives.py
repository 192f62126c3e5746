# SPDX-License-Identifier: MIT
# Writes the hostile archives of tests/cli/hostile_archives.sh into the
# current directory, small on disk: bombs are repeated compressed blocks.
#   python3 hostile_archives.py ENTRIES TOKEN
# ENTRIES: how many in many.zip; TOKEN: makes the names that would escape
# the directory (../../tmp/petal-escape-TOKEN) unique to this run.
import io
import lzma
import struct
import sys
import tarfile
import zipfile
import zlib

MIB = 1 << 20
ZEROS = bytes(16 * MIB)


def zip_bytes(entries):
    """A zip of (name, method, stored bytes, crc, size): local headers, the
    central directory, and zip64 end records (for more than 65535 entries)."""
    out, central = bytearray(), bytearray()
    for name, method, data, crc, usize in entries:
        off = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21,
                           crc, len(data), usize, len(name), 0) + name + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0,
                               0x21, crc, len(data), usize, len(name), 0, 0, 0, 0, 0,
                               off) + name
    n, cd_off = len(entries), len(out)
    tail = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, n, n, len(central),
                       cd_off)
    tail += struct.pack("<IIQI", 0x07064B50, 0, cd_off + len(central), 1)
    tail += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(n, 0xFFFF), min(n, 0xFFFF),
                        len(central), cd_off, 0)
    return bytes(out + central + tail)


def bombs():
    # gzip: 256 members of 16 MiB of zeros each (gzip allows concatenated
    # members), 4 GiB expanded from 4 MB
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    member = (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + c.compress(ZEROS) + c.flush()
              + struct.pack("<II", zlib.crc32(ZEROS), len(ZEROS)))
    open("bomb.txt.gz", "wb").write(member * 256)
    # xz: 256 concatenated streams, 4 GiB from 0.7 MB
    open("bomb.txt.xz", "wb").write(lzma.compress(ZEROS) * 256)
    # zip: 256 entries of 16 MiB of zeros each, 4 GiB from 4 MB
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = c.compress(ZEROS) + c.flush()
    open("bomb.zip", "wb").write(zip_bytes(
        [(b"zeros%03d.bin" % i, 8, data, zlib.crc32(ZEROS), len(ZEROS)) for i in range(256)]))
    # a 3 MiB text whose tag is past the first MiB
    big = b"x = 1;\n" * (3 * MIB // 7) + b"// SPDX-License-Identifier: Zlib\n"
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w:gz") as t:
        tar_add(t, "big.c", big)
    open("big.tar.gz", "wb").write(b.getvalue())


def many(n):
    tag = b"// SPDX-License-Identifier: MIT\n"
    ents = [(b"f/%06d.c" % i, 0, b"", 0, 0) for i in range(n)]
    ents[-1] = (b"f/%06d.c" % (n - 1), 0, tag, zlib.crc32(tag), len(tag))
    open("many.zip", "wb").write(zip_bytes(ents))


def nested(depth):
    data = b"/* SPDX-License-Identifier: Apache-2.0 */\n"
    name = "core.c"
    for level in range(depth, 0, -1):
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w") as zf:
            zf.writestr(name, data)
        data, name = b.getvalue(), "n%02d.zip" % level
    open("n01.zip", "wb").write(data)


def tar_add(t, name, data=None, kind=None, link=None):
    ti = tarfile.TarInfo(name)
    ti.mtime = 0
    if kind:
        ti.type, ti.linkname = kind, link
        t.addfile(ti)
    else:
        ti.size = len(data)
        t.addfile(ti, io.BytesIO(data))


def names(token):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w", format=tarfile.GNU_FORMAT, encoding="utf-8",
                      errors="surrogateescape") as t:
        tar_add(t, "dup.c", b"// SPDX-License-Identifier: MIT\n")
        tar_add(t, "dup.c", b"// SPDX-License-Identifier: GPL-2.0-only\n")
        tar_add(t, "d/" + "x" * 4094, b"// SPDX-License-Identifier: ISC\n")
        tar_add(t, "ctl\x1b[31m\n\t.c", b"x\n")
        tar_add(t, b"bad\xff\xfe.c".decode("utf-8", "surrogateescape"), b"hi\n")
        tar_add(t, "../../../../tmp/petal-escape-" + token, b"escaped\n")
        tar_add(t, "/tmp/petal-absolute-" + token, b"absolute\n")
        tar_add(t, "sym", kind=tarfile.SYMTYPE, link="/etc/passwd")
        tar_add(t, "up", kind=tarfile.SYMTYPE, link="../../../../../../etc")
        tar_add(t, "hard", kind=tarfile.LNKTYPE, link="/etc/shadow")
        tar_add(t, "dev", kind=tarfile.CHRTYPE, link="")
    open("names.tar", "wb").write(b.getvalue())
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("same.txt", b"first\n")
        zf.writestr("same.txt", b"// SPDX-License-Identifier: 0BSD\n")
        zi = zipfile.ZipInfo("link")
        zi.create_system, zi.external_attr = 3, 0o120777 << 16
        zf.writestr(zi, b"/etc/passwd")
    open("names.zip", "wb").write(z.getvalue())


if __name__ == "__main__":
    import warnings
    warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
    bombs()
    many(int(sys.argv[1]))
    nested(20)
    names(sys.argv[2])
    open("after.c", "wb").write(b"// SPDX-License-Identifier: BSD-3-Clause\n")
