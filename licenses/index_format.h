/* SPDX-License-Identifier: MIT */
/* index_format.h -- the bytes of the embedded license index.
 *
 * Written by licenses/gen_index.c at build time, read in place by
 * licenses/index.c (the blob is linked into the binary, 4-byte aligned).
 * All integers are little-endian uint32 unless said; offsets are byte
 * offsets from the start of the blob.  The same package gives the same
 * bytes: everything is sorted and no time or path is written.
 *
 *   header      struct ixf_header
 *   words       a hash table (cap a power of two) of struct ixf_word;
 *               word ids start at 1, 0 is "not in the dictionary"
 *   lics        struct ixf_lic per indexed text, sorted by id, then one
 *               per rule of rules/data (kind != IXF_TEXT), sorted by name
 *   tokens      uint16 word ids of every text, one after the other
 *   buckets     nbuckets + 1 uint32: postings of bucket b are
 *               [buckets[b], buckets[b + 1])
 *   postings    struct ixf_posting, by bucket, then hash, lic, pos
 *   strings     NUL-terminated (ids, words)
 *   texts       the reference texts as the package has them (for
 *               `petal licenses ID` and `petal explain`)
 *
 * A k-gram is IXF_K consecutive word ids; its hash is ixf_hash(). */
#ifndef PETAL_INDEX_FORMAT_H
#define PETAL_INDEX_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#define IXF_MAGIC 0x58544c50u /* "PLTX" */
#define IXF_VERSION 3u
#define IXF_K 5
#define IXF_GAP 0xffffu    /* the word id of a rule's {{gap}}: no file word has it */
#define IXF_NUMBER 0xfffeu /* a file's number that the dictionary lacks: no
			    * reference word has it, and it starts no k-gram */

/* What an entry of lics is: a license text, or a rule's kind
 * (rules/rulefile.h, in the same order, plus one). */
enum ixf_kind {
	IXF_TEXT,
	IXF_NOTICE,
	IXF_REFERENCE,
	IXF_TAG_LIKE,
	IXF_EXCEPTION,
	IXF_FALSE_POSITIVE,
};

struct ixf_header {
	uint32_t magic, version, k;
	uint32_t nwords, words_cap, words_off;
	uint32_t nlics, lics_off, ntexts; /* texts first, then rules */
	uint32_t ntokens, tokens_off;
	uint32_t bucket_bits, buckets_off;
	uint32_t npostings, postings_off;
	uint32_t strings_off, texts_off, size;
};

struct ixf_word {
	uint32_t str; /* offset of the word; 0 = empty slot */
	uint16_t id;  /* variant spellings share their form's id */
	uint16_t len;
};

struct ixf_lic {
	uint32_t id;       /* offset of the SPDX id */
	uint32_t alias;    /* ids with the same words, space-separated; 0: none */
	uint32_t tok;      /* index of the first token in tokens */
	uint32_t ntok;
	uint32_t req_lo;   /* tokens before req_lo (a title) and from req_hi on  */
	uint32_t req_hi;   /* (after END OF TERMS AND CONDITIONS) are omittable */
	uint32_t text;     /* offset and length of the reference text */
	uint32_t text_len;
	uint32_t expr;     /* rules: offset of the expression; 0: none */
	uint32_t note;     /* rules: offset of the note; 0: none */
	uint16_t kind;     /* enum ixf_kind */
	uint8_t ngaps;     /* rules: IXF_GAP words in the tokens */
	uint8_t min_cov;   /* rules: % of the words a match needs */
	uint16_t gap_words; /* texts: reference words the gaps replaced */
	uint16_t pad;
};

struct ixf_posting {
	uint32_t hash; /* low 32 bits of the k-gram hash */
	uint16_t lic;
	uint16_t pos;  /* token index of the k-gram's first word */
};

/* FNV-1a over the ids, then a final mix so the top bits (the bucket) are good. */
static inline uint64_t ixf_hash(const uint16_t *ids)
{
	uint64_t h = 0xcbf29ce484222325ull;
	int i;

	for (i = 0; i < IXF_K; i++)
		h = (h ^ ids[i]) * 0x100000001b3ull;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

/* The dictionary's hash of a word (FNV-1a). */
static inline uint32_t ixf_word_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

#endif
