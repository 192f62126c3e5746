/* SPDX-License-Identifier: MIT */
/* ftype.h -- decide text / binary / archive, cheap checks first.
 *
 * libmagic costs about 2 ms a file with its default flags, so it is never
 * the first question.  ftype_sniff() looks at the head of a file: archive
 * and compression signatures, UTF-16 byte order marks, NUL bytes, and the
 * share of control bytes.  Only binaries get a libmagic label
 * (ftype_magic_label), with narrowed flags (MIME type only, no compression
 * or archive look-inside, no text encoding pass).
 *
 *   ftype_archive(b, n)                 signature check only
 *   ftype_sniff(b, n, &enc)             FT_TEXT, FT_BINARY or FT_ARCHIVE
 *   m = ftype_magic_new(e)              one per worker thread (magic_t is
 *   ftype_magic_label(m, b, n)            not thread-safe); the label is
 *   ftype_magic_free(m)                   valid until the next call on m
 *
 * FTYPE_HEAD is how many bytes the sniffers want to see (ISO 9660 keeps
 * its signature at 32769). */
#ifndef PETAL_FTYPE_H
#define PETAL_FTYPE_H

#include <stddef.h>

#include "perr.h"
#include "result.h"

#define FTYPE_HEAD 36864

enum ftype_arc {
	FTYPE_NOT_ARCHIVE = 0,
	FTYPE_ARCHIVE,    /* a container: tar, zip, 7z, ar, rpm, cpio, iso ... */
	FTYPE_COMPRESSED, /* a compressed stream: gzip, xz, bzip2, zstd, lz4 ... */
};

enum text_enc {
	ENC_NONE = 0, /* binary */
	ENC_UTF8,     /* includes plain ASCII */
	ENC_LATIN1,   /* 8-bit text that is not valid UTF-8 */
	ENC_UTF16LE,
	ENC_UTF16BE,
};

const char *ftype_enc_name(enum text_enc enc);
enum ftype_arc ftype_archive(const unsigned char *b, size_t n);

/* Classifies by the first n bytes.  For FT_TEXT, *enc says how to decode
 * (UTF-8 vs Latin-1 is settled later by text_decode on the whole file). */
enum file_type ftype_sniff(const unsigned char *b, size_t n, enum text_enc *enc);

struct ftype_magic;
struct ftype_magic *ftype_magic_new(struct perr *e);
const char *ftype_magic_label(struct ftype_magic *m, const unsigned char *b, size_t n);
void ftype_magic_free(struct ftype_magic *m);

#endif
