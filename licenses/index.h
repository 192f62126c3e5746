/* SPDX-License-Identifier: MIT */
/* index.h -- the license index embedded in petal (built by gen_index.c).
 *
 *   idx_open(&x, e)            checks the embedded blob, fills x (no copy)
 *   idx_word(&x, w, n)         a word's id, 0 when the index does not know it
 *   idx_count(&x)              entries: license texts, then rules
 *   idx_ntexts(&x)             license texts: entries [0, idx_ntexts)
 *   idx_lic(&x, i, &lic)       entry i: id (a rule's name), aliases, tokens,
 *                              ranges, text, and a rule's kind and expression
 *   idx_find(&x, id)           the index of a text by SPDX id, or -1
 *   idx_bucket(&x, h, &n)      the postings that may hold k-gram hash h;
 *                              compare their .hash with (uint32_t)h
 *
 * Everything points into read-only data; a struct idx may be shared by
 * any number of threads. */
#ifndef PETAL_INDEX_H
#define PETAL_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "index_format.h"
#include "perr.h"

struct idx {
	const unsigned char *base;
	const struct ixf_header *h;
	const struct ixf_word *words;
	const struct ixf_lic *lics;
	const uint16_t *tokens;
	const uint32_t *buckets;
	const struct ixf_posting *postings;
};

struct idx_lic {
	const char *id;
	const char *alias; /* "" when none */
	const uint16_t *tok;
	uint32_t ntok, req_lo, req_hi;
	const char *text;
	size_t text_len;
	enum ixf_kind kind;
	const char *expr; /* rules: the expression; NULL: none */
	const char *note; /* rules: NULL, or a note for a reviewer */
	unsigned ngaps, min_cov;
	unsigned gap_words; /* reference words that the gaps replaced */
};

int idx_open(struct idx *x, struct perr *e);
uint16_t idx_word(const struct idx *x, const char *w, size_t n);
size_t idx_count(const struct idx *x);
size_t idx_ntexts(const struct idx *x);
void idx_lic(const struct idx *x, size_t i, struct idx_lic *out);
int idx_find(const struct idx *x, const char *id);
const struct ixf_posting *idx_bucket(const struct idx *x, uint64_t h, size_t *n);
size_t idx_nwords(const struct idx *x);
/* Fills out[id] (nwords + 1 entries) with each word's text; out[0] = "?". */
void idx_word_table(const struct idx *x, const char **out);

#endif
