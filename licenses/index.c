/* SPDX-License-Identifier: MIT */
/* index.c -- read the embedded index in place.  See index.h. */
#include "index.h"

#include <string.h>

/* From licenses/index_blob.S: the bytes gen_index wrote. */
extern const unsigned char petal_index_blob[];
extern const unsigned char petal_index_blob_end[];

int idx_open(struct idx *x, struct perr *e)
{
	size_t size = (size_t)(petal_index_blob_end - petal_index_blob);
	const struct ixf_header *h = (const struct ixf_header *)(const void *)petal_index_blob;

	if (size < sizeof(*h) || h->magic != IXF_MAGIC || h->version != IXF_VERSION ||
	    h->k != IXF_K || h->size > size)
		return perr_set(e, PERR_FATAL, "the embedded license index is damaged (rebuild petal)");
	x->base = petal_index_blob;
	x->h = h;
	x->words = (const struct ixf_word *)(const void *)(x->base + h->words_off);
	x->lics = (const struct ixf_lic *)(const void *)(x->base + h->lics_off);
	x->tokens = (const uint16_t *)(const void *)(x->base + h->tokens_off);
	x->buckets = (const uint32_t *)(const void *)(x->base + h->buckets_off);
	x->postings = (const struct ixf_posting *)(const void *)(x->base + h->postings_off);
	return 0;
}

static const char *str(const struct idx *x, uint32_t off)
{
	return (const char *)x->base + x->h->strings_off + off;
}

/* Whether the n bytes at a and b are equal: words are short, and a
 * memcmp call costs more than comparing them here. */
static int same_word(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

uint16_t idx_word(const struct idx *x, const char *w, size_t n)
{
	uint32_t mask = x->h->words_cap - 1, i;

	for (i = ixf_word_hash(w, n) & mask; x->words[i].str; i = (i + 1) & mask)
		if (x->words[i].len == n && same_word(str(x, x->words[i].str), w, n))
			return x->words[i].id;
	return 0;
}

size_t idx_nwords(const struct idx *x)
{
	return x->h->nwords;
}

void idx_word_table(const struct idx *x, const char **out)
{
	uint32_t i;

	out[0] = "?";
	for (i = 0; i < x->h->words_cap; i++) /* variants share an id: keep the first */
		if (x->words[i].str && x->words[i].id <= x->h->nwords && !out[x->words[i].id])
			out[x->words[i].id] = str(x, x->words[i].str);
}

size_t idx_count(const struct idx *x)
{
	return x->h->nlics;
}

size_t idx_ntexts(const struct idx *x)
{
	return x->h->ntexts;
}

void idx_lic(const struct idx *x, size_t i, struct idx_lic *out)
{
	const struct ixf_lic *l = &x->lics[i];

	out->id = str(x, l->id);
	out->alias = l->alias ? str(x, l->alias) : "";
	out->tok = x->tokens + l->tok;
	out->ntok = l->ntok;
	out->req_lo = l->req_lo;
	out->req_hi = l->req_hi;
	out->text = (const char *)x->base + x->h->texts_off + l->text;
	out->text_len = l->text_len;
	out->kind = (enum ixf_kind)l->kind;
	out->expr = l->expr ? str(x, l->expr) : NULL;
	out->note = l->note ? str(x, l->note) : NULL;
	out->ngaps = l->ngaps;
	out->min_cov = l->min_cov;
	out->gap_words = l->gap_words;
}

int idx_find(const struct idx *x, const char *id)
{
	uint32_t lo = 0, hi = x->h->ntexts;

	while (lo < hi) { /* texts are sorted by id (strcmp) */
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(str(x, x->lics[mid].id), id);

		if (!c)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const struct ixf_posting *idx_bucket(const struct idx *x, uint64_t h, size_t *n)
{
	uint64_t b = h >> (64 - x->h->bucket_bits);

	*n = x->buckets[b + 1] - x->buckets[b];
	return x->postings + x->buckets[b];
}
