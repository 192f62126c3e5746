/* SPDX-License-Identifier: MIT */
/* tok.h -- text to normalized words, the same at index build and at scan.
 *
 * The SPDX License List Matching Guidelines, as word rules: case folded;
 * punctuation, dashes, quotes and comment markers are separators (so
 * their variants cannot differ); list numbering and bullets at the start
 * of a line ("1.", "(a)", "iv)", "2.1.") are dropped; a copyright line
 * ("Copyright (c) 2020 ...", "© ...", "Copyright 2019 ...") is dropped
 * whole.  Varietal spellings (licence/license, https/http) are not
 * folded here: the index's dictionary gives them one id
 * (licenses/gen_index.c).  Non-ASCII bytes separate words.  Lines are counted so each
 * word carries its 1-based line.
 *
 *   tok_words(text, len, fn, ctx)   calls fn for each word in order;
 *                                   stops when fn returns non-zero
 *
 * Words longer than TOK_MAX_WORD are cut.  The word fn gets is
 * NUL-terminated, in a buffer of TOK_MAX_WORD + 1 bytes that may all be
 * read (a caller may load it eight bytes at a time).  No state; any
 * thread. */
#ifndef PETAL_TOK_H
#define PETAL_TOK_H

#include <stddef.h>

#define TOK_MAX_WORD 48

typedef int (*tok_fn)(void *ctx, const char *word, size_t len, unsigned line);

int tok_words(const char *text, size_t len, tok_fn fn, void *ctx);

#endif
