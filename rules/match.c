/* SPDX-License-Identifier: MIT */
/* match.c -- license texts by k-gram hits and alignment.  See match.h.
 *
 * Per file: words -> ids (tokenize once), hits = (lic, file pos, ref pos)
 * for every k-gram found in the table, hits grouped by license (a counting
 * sort) and cut into regions where the file positions jump, each region
 * aligned (align()), candidates ranked, the best per stretch of the file
 * kept.  A reference position is marked matched by stamping it with the
 * current alignment's number, so nothing is cleared between alignments. */
#include "match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "buf.h"
#include "rulefile.h"
#include "text.h"
#include "tok.h"

#define REGION_GAP 120   /* file words between hits that still make one region */
#define GAP_DP_MAX 4096  /* cells of a gap aligned word by word; larger gaps are skipped */
#define LEAD_WORDS 24    /* words before the first anchor aligned word by word */
#define UNKNOWN_MIN_PHRASES 160 /* distinct k-gram hits that make unidentified text license-like */
#define UNKNOWN_SPAN_MAX 65536 /* bytes of an unidentified text kept (finding.span) */
#define MAX_HITS (4u << 20)
#define ALIGN_TOP 8      /* regions aligned per stretch of a file, most hits first */
#define WCACHE_BITS 12 /* word_id()'s cache: 4096 words */
#define WINDOW 768       /* bytes either side of a keyword that are matched */
#define WINDOW_WIDE ((size_t)48 * 1024) /* the same, where the narrow windows found something */

struct hit {
	uint32_t i;   /* file word */
	uint16_t lic;
	uint16_t pos; /* reference word */
};

struct region {
	int lic;
	size_t off, n;   /* its hits: m->sorted[off .. off + n) */
	uint32_t fs, fe; /* file words of the first and last hit */
	size_t distinct; /* file positions hit (a phrase the text repeats hits twice) */
	size_t order;    /* distinct, plus the k-grams the reference's gaps hide */
};

struct cand {
	int lic;
	size_t hoff, hn; /* the hits it was aligned from: m->sorted[hoff .. hoff + hn) */
	size_t fs, fe;
	size_t matched, matched_req, req, extra, missing;
	long rank;
};

struct match_ctx {
	const struct idx *x;
	uint16_t *ids;
	unsigned *lines;
	size_t n, cap;
	unsigned base; /* added to add_id()'s line: a window's first line, minus one */
	struct wslot { uint64_t key; uint16_t id; uint8_t len; } *wcache; /* see word_id() */
	uint32_t *min_hits; /* per license: the fewest hits enough_hits() takes */
	struct hit *hits, *sorted;
	size_t nhits, caphits;
	uint32_t *count; /* per license; zero between calls */
	uint16_t *touched; /* the licenses with hits, in first-hit order */
	size_t ntouched;
	uint32_t *stamp; /* per reference word: the alignment that matched it */
	uint32_t gen;
	uint16_t *dp;
	struct cand *cands;
	size_t ncands, capcands;
	struct region *regions;
	size_t nregions, capregions;
	/* scratch, kept between calls: a chain's patience piles (3 per hit),
	 * align_best's depth per file word, select_best's taken per candidate */
	size_t *chain;
	size_t capchain;
	unsigned char *depth, *taken;
	size_t capdepth, captaken;
	/* match_explain only: the matched (file, reference) word pairs of one
	 * alignment, and the file's words as text */
	int tracing;
	struct pair { size_t f, r; } *trace;
	size_t ntrace, captrace;
	struct buf words;     /* the file's words, NUL-separated */
	size_t *woff;         /* offset of word i in words */
	const char **ref_words; /* word id -> text */
	unsigned char *legal;   /* word id -> 1 + its index in legal_terms, NUMBER, or 0 */
	int avx2;               /* the CPU has AVX2: next_keyword reads 32 bytes at a time */
};

/* Words of legal drafting.  Text dense with them reads like a license
 * even where it shares few phrases with any known one. */
static const char *const legal_terms[] = {
	"permission", "granted", "redistribute", "redistribution", "modify", "distribute",
	"sublicense", "warranty", "warranties", "merchantability", "fitness", "liability",
	"liable", "damages", "infringement", "licensee", "licensor", "royalty", "perpetual",
	"irrevocable", "indemnify", "disclaimer", "disclaimed", "derivative", "conditions",
	"noninfringement", "consequential", "incidental", "exemplary", "tort", "negligence",
	"notwithstanding", "hereby", "herein", "thereof", "licensed", "rights", "terms",
	"obligations", "jurisdiction", "breach", "terminate", "termination", "patent",
};

#define NLEGAL (sizeof(legal_terms) / sizeof(legal_terms[0]))
#define LEGAL_SPAN 300 /* words: the stretch in which legal terms are counted */
#define LEGAL_MIN 20   /* distinct terms in one stretch that make it license-like */

#define NUMBER 255    /* legal_table() marks of words that tell licenses apart: */
#define QUALIFIER 254 /* a number, and "lesser"/"affero" (LGPL and AGPL, not GPL) */

static int has_digit(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] >= '0' && w[i] <= '9')
			return 1;
	return 0;
}

/* Word id -> 1 + index in legal_terms, NUMBER for numbers, else 0. */
static unsigned char *legal_table(const struct idx *x)
{
	unsigned char *t = xcalloc(65536, 1);
	const char **words = xcalloc(idx_nwords(x) + 1, sizeof(*words));
	size_t i;

	idx_word_table(x, words);
	for (i = 1; i <= idx_nwords(x); i++)
		if (words[i] && has_digit(words[i], strlen(words[i])))
			t[i] = NUMBER; /* "2", "v2", "gplv3" */
	t[IXF_NUMBER] = NUMBER;
	for (i = 0; i < 2; i++) {
		static const char *const q[] = { "lesser", "affero" };
		uint16_t id = idx_word(x, q[i], strlen(q[i]));

		if (id)
			t[id] = QUALIFIER;
	}
	free(words);

	for (i = 0; i < NLEGAL; i++) {
		uint16_t id = idx_word(x, legal_terms[i], strlen(legal_terms[i]));

		if (id)
			t[id] = (unsigned char)(i + 1);
	}
	return t;
}

static int enough_hits(const struct idx_lic *L, size_t n);

/* enough_hits() only grows with n: per license, the least n it takes
 * (UINT32_MAX: none a file can have, hits being capped near MAX_HITS),
 * found by bisection once, so a count is compared, not the license read. */
static uint32_t *min_hits_table(const struct idx *x)
{
	uint32_t *t = xcalloc(idx_count(x) + 1, sizeof(*t));
	size_t i;

	for (i = 0; i < idx_count(x); i++) {
		struct idx_lic L;
		size_t lo = 0, hi = (size_t)1 << 24; /* > MAX_HITS + a bucket */

		idx_lic(x, i, &L);
		if (!enough_hits(&L, hi)) {
			t[i] = UINT32_MAX;
			continue;
		}
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (enough_hits(&L, mid))
				hi = mid;
			else
				lo = mid + 1;
		}
		t[i] = (uint32_t)lo;
	}
	return t;
}

struct match_ctx *match_ctx_new(const struct idx *x)
{
	struct match_ctx *m = xcalloc(1, sizeof(*m));

	m->x = x;
	m->count = xcalloc(idx_count(x) + 1, sizeof(*m->count));
	m->touched = xcalloc(idx_count(x) + 1, sizeof(*m->touched));
	m->stamp = xcalloc(65536, sizeof(*m->stamp));
	m->dp = xmalloc(GAP_DP_MAX * sizeof(*m->dp) + 64);
	m->legal = legal_table(x);
	m->wcache = xcalloc((size_t)1 << WCACHE_BITS, sizeof(*m->wcache));
	m->min_hits = min_hits_table(x);
#if defined(__x86_64__) && defined(__GNUC__)
	m->avx2 = __builtin_cpu_supports("avx2");
#endif
	return m;
}

void match_ctx_free(struct match_ctx *m)
{
	if (!m)
		return;
	free(m->ids);
	free(m->lines);
	free(m->hits);
	free(m->sorted);
	free(m->count);
	free(m->touched);
	free(m->stamp);
	free(m->dp);
	free(m->cands);
	free(m->regions);
	free(m->chain);
	free(m->depth);
	free(m->taken);
	free(m->trace);
	buf_release(&m->words);
	free(m->woff);
	free(m->ref_words);
	free(m->legal);
	free(m->wcache);
	free(m->min_hits);
	free(m);
}

static int has_digit(const char *w, size_t n);

/* The id of word w (n bytes; a number the dictionary lacks is
 * IXF_NUMBER).  Words of up to eight bytes, most of them, are remembered
 * in a direct-mapped cache keyed by their bytes: a hit costs a load and
 * a compare instead of hashing the word and probing the dictionary.
 * tok_words' word buffers may be read eight bytes at a time (tok.h). */
__attribute__((noinline)) static uint16_t word_id_slow(struct match_ctx *m, const char *w,
							size_t n, struct wslot *c, uint64_t k)
{
	uint16_t id = idx_word(m->x, w, n);

	if (!id && has_digit(w, n))
		id = IXF_NUMBER; /* still a number: see words_kept() */
	if (c) {
		c->key = k;
		c->len = (uint8_t)n;
		c->id = id;
	}
	return id;
}

static uint16_t word_id(struct match_ctx *m, const char *w, size_t n)
{
	struct wslot *c = NULL;
	uint64_t k = 0;

	if (n && n <= 8) {
		memcpy(&k, w, 8);
		k &= n == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * n)) - 1;
		c = &m->wcache[((k + n) * 0x9e3779b97f4a7c15ull) >> (64 - WCACHE_BITS)];
		if (c->len == n && c->key == k)
			return c->id;
	}
	return word_id_slow(m, w, n, c, k); /* out of line: the hit path saves no registers */
}

/* match_explain keeps the file's words as text. */
__attribute__((noinline)) static void trace_word(struct match_ctx *m, const char *w, size_t n)
{
	m->woff = xrealloc(m->woff, m->cap * sizeof(*m->woff));
	m->woff[m->n] = m->words.len;
	buf_add(&m->words, w, n);
	buf_addc(&m->words, '\0');
}

__attribute__((noinline)) static void grow_ids(struct match_ctx *m)
{
	m->cap = m->cap ? m->cap * 2 : 4096;
	m->ids = xrealloc(m->ids, m->cap * sizeof(*m->ids));
	m->lines = xrealloc(m->lines, m->cap * sizeof(*m->lines));
}

static int add_id(void *ctx, const char *w, size_t n, unsigned line)
{
	struct match_ctx *m = ctx;

	if (m->n == m->cap)
		grow_ids(m);
	if (m->tracing)
		trace_word(m, w, n);
	m->ids[m->n] = word_id(m, w, n);
	m->lines[m->n++] = m->base + line;
	return 0;
}

/* Room for n more hits. */
static void reserve_hits(struct match_ctx *m, size_t n)
{
	if (m->nhits + n <= m->caphits)
		return;
	m->caphits = m->caphits ? m->caphits * 2 : 4096;
	if (m->caphits < m->nhits + n)
		m->caphits = m->nhits + n;
	m->hits = xrealloc(m->hits, m->caphits * sizeof(*m->hits));
}

/* One probe per file position whose k words are all known. */
static void probe(struct match_ctx *m)
{
	uint32_t *count = m->count; /* locals, not reloaded from m after each store */
	uint16_t *touched = m->touched;
	size_t i, known = 0, nt = m->ntouched;
	struct hit *out;

	m->nhits = 0;
	for (i = 0; i < m->n && m->nhits < MAX_HITS; i++) {
		const struct ixf_posting *p;
		uint64_t h;
		size_t np, k;

		known = m->ids[i] && m->ids[i] != IXF_NUMBER ? known + 1 : 0;
		if (known < IXF_K)
			continue;
		h = ixf_hash(m->ids + i + 1 - IXF_K);
		p = idx_bucket(m->x, h, &np);
		reserve_hits(m, np); /* once per probe, not per hit */
		out = m->hits + m->nhits;
		for (k = 0; k < np; k++) {
			uint16_t lic = p[k].lic;

			if (p[k].hash != (uint32_t)h)
				continue;
			out->i = (uint32_t)(i + 1 - IXF_K);
			out->lic = lic;
			out->pos = p[k].pos;
			out++;
			if (count[lic]++ == 0)
				touched[nt++] = lic;
		}
		m->nhits = (size_t)(out - m->hits);
	}
	m->ntouched = nt;
}

/* Stable counting sort of the hits by license: each license's hits stay in
 * file order.  Only the licenses hit are visited (touched[]): with the
 * rules, the index holds over a thousand entries, and most files hit a
 * few.  count[l] of each becomes the end of its run; runs are back to
 * back in the order of touched[]. */
#define FEW_HITS UINT32_MAX /* count[] of a license with too few hits to align */

/* A license whose hits, all of them, could not make one region worth
 * aligning (enough_hits() only grows with n) is left out: its count
 * becomes FEW_HITS and its hits take no room in sorted[]. */
static void group_hits(struct match_ctx *m)
{
	size_t t, i, sum = 0;
	struct hit *sorted, *hits = m->hits;
	uint32_t *count = m->count;

	sorted = m->sorted = xrealloc(m->sorted, (m->nhits ? m->nhits : 1) * sizeof(*m->sorted));
	for (t = 0; t < m->ntouched; t++) {
		uint32_t c = m->count[m->touched[t]];

		if (c < m->min_hits[m->touched[t]]) {
			m->count[m->touched[t]] = FEW_HITS;
			continue;
		}
		m->count[m->touched[t]] = (uint32_t)sum;
		sum += c;
	}
	for (i = 0; i < m->nhits; i++) {
		uint32_t *c = &count[hits[i].lic];

		if (*c != FEW_HITS)
			sorted[(*c)++] = hits[i];
	}
}

struct align {
	struct match_ctx *m;
	struct idx_lic L;
	size_t cf, cr;  /* next file word, next reference word */
	size_t fs, fe;  /* first and last matched file word */
	int any;
	size_t matched_file, matched_req;
};

static void mark(struct align *a, size_t f, size_t r)
{
	if (a->m->stamp[r] == a->m->gen)
		return; /* a reference word matches once */
	a->m->stamp[r] = a->m->gen;
	a->matched_file++;
	a->matched_req += r >= a->L.req_lo && r < a->L.req_hi;
	if (!a->any || f < a->fs)
		a->fs = f;
	if (!a->any || f > a->fe)
		a->fe = f;
	a->any = 1;
	if (a->m->tracing) {
		struct match_ctx *m = a->m;

		if (m->ntrace == m->captrace) {
			m->captrace = m->captrace ? m->captrace * 2 : 1024;
			m->trace = xrealloc(m->trace, m->captrace * sizeof(*m->trace));
		}
		m->trace[m->ntrace++] = (struct pair){ f, r };
	}
}

static void extend(struct align *a)
{
	const uint16_t *ids = a->m->ids;

	while (a->cf < a->m->n && a->cr < a->L.ntok && ids[a->cf] == a->L.tok[a->cr]) {
		mark(a, a->cf, a->cr);
		a->cf++;
		a->cr++;
	}
}

/* Aligns file words [cf, fe) with reference words [cr, re) word by word
 * (longest common subsequence) when the gap is small; moves cf, cr there. */
static void gap(struct align *a, size_t fend, size_t rend)
{
	size_t gf = fend - a->cf, gr = rend - a->cr, i, j, w = gr + 1;
	const uint16_t *f = a->m->ids + a->cf, *r = a->L.tok + a->cr;
	uint16_t *t = a->m->dp;

	if (gf && gr && (gf + 1) * (gr + 1) <= GAP_DP_MAX) {
		memset(t, 0, w * sizeof(*t)); /* row 0; column 0 below */
		for (i = 1; i <= gf; i++) {
			uint16_t *row = t + i * w, *up = row - w, fi = f[i - 1];

			row[0] = 0;
			for (j = 1; j <= gr; j++)
				row[j] = fi == r[j - 1] ? (uint16_t)(up[j - 1] + 1)
					 : up[j] > row[j - 1] ? up[j] : row[j - 1];
		}
		for (i = gf, j = gr; i && j;) {
			if (f[i - 1] == r[j - 1]) {
				mark(a, a->cf + i - 1, a->cr + j - 1);
				i--, j--;
			} else if (t[(i - 1) * w + j] >= t[i * w + j - 1]) {
				i--;
			} else {
				j--;
			}
		}
	}
	a->cf = fend;
	a->cr = rend;
}

/* *p holding at least n elements of size sz (its old contents lost). */
static void *scratch(void *p, size_t *cap, size_t n, size_t sz)
{
	if (n <= *cap)
		return p;
	*cap = n > 2 * *cap ? n : 2 * *cap;
	free(p);
	return xmalloc(*cap * sz);
}

/* The longest chain of hits increasing in both file and reference order
 * (patience sorting); hits with the same file word are taken in reverse so
 * only one of them can be in the chain.  Returns the chain in order. */
static size_t chain(const struct hit *h, size_t n, size_t *tail, size_t *prev, size_t *out)
{
	size_t len = 0, s, k, i;

	for (s = 0; s < n; s = k) {
		for (k = s; k < n && h[k].i == h[s].i; k++)
			;
		for (i = k; i-- > s;) {
			size_t lo = 0, hi = len;

			while (lo < hi) {
				size_t mid = (lo + hi) / 2;

				if (h[tail[mid]].pos < h[i].pos)
					lo = mid + 1;
				else
					hi = mid;
			}
			prev[i] = lo ? tail[lo - 1] : (size_t)-1;
			tail[lo] = i;
			len += lo == len;
		}
	}
	for (i = len, k = len ? tail[len - 1] : 0; i-- > 0; k = prev[k])
		out[i] = k;
	return len;
}

static void add_cand(struct match_ctx *m, const struct cand *c)
{
	if (m->ncands == m->capcands) {
		m->capcands = m->capcands ? m->capcands * 2 : 64;
		m->cands = xrealloc(m->cands, m->capcands * sizeof(*m->cands));
	}
	m->cands[m->ncands++] = *c;
}

/* Whether the alignment just made ([fs, fe] of the file) keeps the
 * words of class cls (NUMBER, QUALIFIER) that tell notices apart: one
 * for "version 2" is not one for "version 3", one for the GNU "General
 * Public License" not one for the "Lesser General Public License".  A
 * number the rule has and the file lacks is tolerated where the file has
 * no other number instead (a "2.0" wrapped to a line's start and read as
 * list numbering), and then the file is read a few words past the span,
 * as a rule may end on the number that did not match; a qualifier the
 * rule has is never missing, one the file has is in the span. */
static int words_kept(const struct match_ctx *m, const struct idx_lic *L, size_t fs, size_t fe,
		unsigned char cls)
{
	size_t missing = 0, matched = 0, in_file = 0, r, f;

	for (r = 0; r < L->ntok; r++)
		if (L->tok[r] != IXF_GAP && m->legal[L->tok[r]] == cls) {
			matched += m->stamp[r] == m->gen;
			missing += m->stamp[r] != m->gen;
		}
	if (cls == QUALIFIER) {
		if (missing)
			return 0;
		for (f = fs; f <= fe; f++)
			in_file += m->legal[m->ids[f]] == cls;
		return in_file <= matched;
	}
	if (!missing)
		return 1;
	for (f = fs > IXF_K ? fs - IXF_K : 0; f <= fe + IXF_K && f < m->n; f++)
		in_file += m->legal[m->ids[f]] == cls;
	return in_file <= matched;
}

/* Aligns the file against license lic, guided by the region's hits; the
 * candidate's file span goes to *fs, *fe.  Returns 0 when nothing matched. */
static int align_region(struct match_ctx *m, int lic, const struct idx_lic *L,
			const struct hit *h, size_t nh, size_t *fs, size_t *fe)
{
	struct align a = { m, *L, 0, 0, 0, 0, 0, 0, 0 };
	size_t *order, len, k, absorbed, gap_words;
	struct cand c;

	m->chain = scratch(m->chain, &m->capchain, 3 * nh, sizeof(*m->chain));
	order = m->chain + 2 * nh;
	if (++m->gen == 0) { /* stamps wrapped: start clean */
		memset(m->stamp, 0, 65536 * sizeof(*m->stamp));
		m->gen = 1;
	}
	len = chain(h, nh, m->chain, m->chain + nh, order);
	a.cf = h[order[0]].i;
	a.cr = h[order[0]].pos;
	while (a.cf && a.cr && m->ids[a.cf - 1] == a.L.tok[a.cr - 1])
		a.cf--, a.cr--; /* back to where the text starts matching */
	{ /* and a few words more, aligned word by word: an edit near the start */
		size_t f0 = a.cf, r0 = a.cr;

		a.cf = f0 > LEAD_WORDS ? f0 - LEAD_WORDS : 0;
		a.cr = r0 > LEAD_WORDS ? r0 - LEAD_WORDS : 0;
		gap(&a, f0, r0);
	}
	for (k = 0; k < len; k++) {
		const struct hit *x = &h[order[k]];

		if (x->i >= a.cf && x->pos >= a.cr) {
			gap(&a, x->i, x->pos);
			extend(&a);
		}
	}
	if (!a.any)
		return 0;
	*fs = a.fs;
	*fe = a.fe;
	c.lic = lic;
	c.hoff = (size_t)(h - m->sorted);
	c.hn = nh;
	c.fs = a.fs;
	c.fe = a.fe;
	c.req = a.L.req_hi - a.L.req_lo - a.L.ngaps; /* a gap is no word to match */
	c.matched_req = a.matched_req;
	c.extra = (a.fe - a.fs + 1) - a.matched_file;
	gap_words = (size_t)a.L.ngaps * RULEF_GAP_WORDS;
	absorbed = c.extra < gap_words ? c.extra : gap_words;
	c.extra -= absorbed; /* what fills a gap is the gap's, not extra */
	c.missing = c.req - c.matched_req;
	c.matched = a.matched_file;
	if (a.L.kind != IXF_TEXT &&
	    (c.matched_req * 100 < a.L.min_cov * c.req || 2 * c.extra > c.req ||
	     !words_kept(m, &a.L, a.fs, a.fe, NUMBER) ||
	     !words_kept(m, &a.L, a.fs, a.fe, QUALIFIER)))
		return 1; /* a rule matches whole or not at all: no partial notices, and
			   * not spread over twice its words */
	/* every matched word counts (a title too), extra and missing ones cost;
	 * missing ones more: a file holding every word of a text is that text
	 * (Apache-2.0, not its modified twin Pixar; MIT, not JSON).  A word in
	 * a gap counts half a matched one: where a text has a name, its twin
	 * that names it exactly wins (BSD-3-Clause-HP over BSD-3-Clause). */
	c.rank = 2 * (long)c.matched + (long)absorbed - (long)c.extra - 3 * (long)c.missing;
	add_cand(m, &c);
	return 1;
}

/* Whether n hits can make a match worth aligning: a license text needs
 * MATCH_MIN_PARTIAL % of its words (or 100 hits), a rule (a few dozen
 * words, each k-gram hit once) the k-grams left when it misses all the
 * words its minimum coverage allows, and one more. */
static int enough_hits(const struct idx_lic *L, size_t n)
{
	size_t req = L->req_hi - L->req_lo - L->ngaps;

	if (L->kind != IXF_TEXT) { /* each word it may miss costs at most IXF_K k-grams */
		size_t miss = req * (100 - L->min_cov) / 100 + 1, kg = L->ntok + 1 - IXF_K;
		size_t hidden = (size_t)L->ngaps * IXF_K;

		kg -= kg > hidden ? hidden : kg; /* a gap hides IXF_K k-grams */
		return n && n + miss * IXF_K >= kg;
	}
	return n >= 3 && ((n + IXF_K) * 100 >= MATCH_MIN_PARTIAL * req || n >= 100);
}

/* Aligns a region; hits left outside the span it matched (a second copy
 * of the same text right after the first) are aligned again on their own. */
static void align_hits(struct match_ctx *m, int lic, const struct idx_lic *L,
		       const struct hit *h, size_t n)
{
	size_t fs, fe, a = 0, b = n;

	if (n < m->min_hits[lic] || !align_region(m, lic, L, h, n, &fs, &fe))
		return;
	while (a < n && h[a].i < fs)
		a++;
	while (b > a && h[b - 1].i > fe)
		b--;
	align_hits(m, lic, L, h, a);
	align_hits(m, lic, L, h + b, n - b);
}

static void add_region(struct match_ctx *m, const struct region *r)
{
	if (m->nregions == m->capregions) {
		m->capregions = m->capregions ? m->capregions * 2 : 64;
		m->regions = xrealloc(m->regions, m->capregions * sizeof(*m->regions));
	}
	m->regions[m->nregions++] = *r;
}

/* Cuts license lic's hits (in file order, at h = m->sorted + off) into
 * regions; keeps those with enough hits to be worth aligning. */
static void regions(struct match_ctx *m, int lic, size_t off, size_t n)
{
	const struct hit *h = m->sorted + off;
	struct idx_lic L;
	size_t s, e, k, gap_kgrams;

	idx_lic(m->x, (size_t)lic, &L);
	/* a text's replaceable phrase is a gap in the index: the k-grams over
	 * it, which its twins without the gap do hit, are counted as hit */
	gap_kgrams = L.ngaps * (IXF_K - 1) + L.gap_words;
	for (s = 0; s < n; s = e) {
		struct region r;

		for (e = s + 1; e < n && h[e].i - h[e - 1].i <= REGION_GAP; e++)
			;
		if (e - s < m->min_hits[lic])
			continue;
		r = (struct region){ lic, off + s, e - s, h[s].i, h[e - 1].i, 1, 0 };
		for (k = s + 1; k < e; k++)
			r.distinct += h[k].i != h[k - 1].i;
		r.order = r.distinct + gap_kgrams;
		add_region(m, &r);
	}
}

static int region_cmp(const void *pa, const void *pb)
{
	const struct region *a = pa, *b = pb;

	if (a->order != b->order)
		return a->order > b->order ? -1 : 1;
	if (a->fs != b->fs)
		return a->fs < b->fs ? -1 : 1;
	return a->lic - b->lic;
}

/* Whether report() will say something of c: a rule's match always (the
 * partial ones were never made candidates), a text's when enough of it
 * matched. */
static int reportable(const struct match_ctx *m, const struct cand *c, const struct match_opts *o)
{
	int cov = c->matched_req == c->req ? 100 : (int)(c->matched_req * 100 / c->req);

	if ((size_t)c->lic >= idx_ntexts(m->x))
		return 1;
	return cov >= MATCH_MIN_PARTIAL && (cov >= o->min_coverage || c->matched_req >= 40);
}

/* Aligns, for each stretch of the file, only the ALIGN_TOP regions with the
 * most hits: a twin has nearly as many as the best, and the sixty
 * MIT-like texts need not all be aligned against one MIT header.  A region
 * is passed over when most of its hits lie where ALIGN_TOP alignments
 * already matched (depth counts them per file word). */
static void align_best(struct match_ctx *m, const struct match_opts *o)
{
	unsigned char *depth;
	size_t i, k, c;

	m->depth = scratch(m->depth, &m->capdepth, m->n ? m->n : 1, 1);
	depth = memset(m->depth, 0, m->n ? m->n : 1);
	if (m->nregions)
		qsort(m->regions, m->nregions, sizeof(*m->regions), region_cmp);
	for (i = 0; i < m->nregions; i++) {
		const struct region *g = &m->regions[i];
		const struct hit *h = m->sorted + g->off;
		struct idx_lic L;
		size_t deep = 0;

		for (k = 0; k < g->n; k++)
			deep += depth[h[k].i] >= ALIGN_TOP;
		if (deep * 2 > g->n)
			continue;
		c = m->ncands;
		idx_lic(m->x, (size_t)g->lic, &L);
		align_hits(m, g->lic, &L, m->sorted + g->off, g->n);
		for (; c < m->ncands; c++) /* where its matches are, not all its hits; */
			for (k = m->cands[c].fs; /* a text too partial to name takes no room */
			     reportable(m, &m->cands[c], o) && k <= m->cands[c].fe && k < m->n; k++)
				depth[k] += depth[k] < 255;
	}
}

static int cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->rank != b->rank)
		return a->rank > b->rank ? -1 : 1;
	if (a->fs != b->fs)
		return a->fs < b->fs ? -1 : 1;
	return a->lic - b->lic;
}

static int overlaps(const struct cand *a, const struct cand *b)
{
	size_t lo = a->fs > b->fs ? a->fs : b->fs, hi = a->fe < b->fe ? a->fe : b->fe;
	size_t la = a->fe - a->fs + 1, lb = b->fe - b->fs + 1;

	return hi >= lo && (hi - lo + 1) * 2 > (la < lb ? la : lb);
}

/* The first line of the span, as evidence (cut at 200 bytes). */
static char *evidence(const char *text, size_t len, unsigned line)
{
	const char *p = text, *end = text + len;
	unsigned l;
	size_t n;

	for (l = 1; l < line && p < end; l++)
		p = text_next_line(text_line_end(p, end), end);
	n = (size_t)(text_line_end(p, end) - p);
	while (n && p[n - 1] == ' ')
		n--;
	return xstrndup(p, text_cut(p, n, 200));
}

/* A rule's match: notice, reference or exception, whole (align_region
 * dropped the partial ones); a false positive says nothing. */
static struct finding *report_rule(struct match_ctx *m, const struct cand *c,
				   const struct idx_lic *L, const char *text, size_t len,
				   struct file_result *r)
{
	struct finding *f;

	if (L->kind == IXF_FALSE_POSITIVE)
		return NULL;
	f = result_add(r);
	f->kind = FK_LICENSE;
	f->method = L->kind == IXF_REFERENCE ? FM_REFERENCE : FM_NOTICE;
	f->start_line = m->lines[c->fs];
	f->end_line = m->lines[c->fe];
	f->coverage = c->matched_req == c->req ? 100 : (int)(c->matched_req * 100 / c->req);
	f->score = (int)(c->matched_req * 100 / (c->req + c->extra));
	f->rule = xstrdup(L->id);
	f->text = evidence(text, len, f->start_line);
	if (L->expr)
		f->expression = xstrdup(L->expr); /* an exception's id: detect.c combines it */
	if (L->note)
		f->note = xstrdup(L->note);
	else if (!L->expr)
		f->note = xstrdup("refers to a license without naming it");
	return f;
}

/* Lines first..last whole (cut at UNKNOWN_SPAN_MAX bytes), for a text
 * no license matched: an SBOM carries it as the license's text. */
static char *span_of(const char *text, size_t len, unsigned first, unsigned last)
{
	const char *p = text, *end = text + len, *start = NULL;
	unsigned l;

	for (l = 1; p < end && l <= last; l++) {
		if (l == first)
			start = p;
		p = text_next_line(text_line_end(p, end), end);
	}
	if (!start)
		return NULL;
	return xstrndup(start, text_cut(start, (size_t)(p - start), UNKNOWN_SPAN_MAX));
}

static struct finding *report(struct match_ctx *m, const struct cand *c, const char *text,
			      size_t len, const struct match_opts *o, struct file_result *r)
{
	int cov = c->matched_req == c->req ? 100 : (int)(c->matched_req * 100 / c->req);
	struct finding *f;
	struct idx_lic L;
	struct buf b = BUF_INIT;

	idx_lic(m->x, (size_t)c->lic, &L);
	if (L.kind != IXF_TEXT)
		return report_rule(m, c, &L, text, len, r);
	if (cov < MATCH_MIN_PARTIAL || (cov < o->min_coverage && c->matched_req < 40))
		return NULL;
	f = result_add(r);
	f->kind = FK_LICENSE;
	f->method = FM_TEXT;
	f->start_line = m->lines[c->fs];
	f->end_line = m->lines[c->fe];
	f->coverage = cov;
	f->score = (int)(c->matched_req * 100 / (c->req + c->extra));
	f->extra_words = (long)c->extra;
	f->missing_words = (long)c->missing;
	f->rule = xstrdup(L.id);
	f->text = evidence(text, len, f->start_line);
	if (cov < o->min_coverage) {
		buf_printf(&b, "partial match: %d%% of the %s text (%zu words missing, %zu extra)",
			   cov, L.id, c->missing, c->extra);
		f->problem = buf_take(&b);
		return f;
	}
	f->expression = xstrdup(L.id);
	if (strstr(L.alias, "-or-later")) {
		buf_printf(&b, "the license text does not say -only or -or-later (%s); "
			       "the notice that applies it does", L.alias);
		f->note = buf_take(&b);
	}
	return f;
}

/* Keeps the best candidate per stretch of the file, in file order, in
 * m->cands[0 .. return value).  What will be reported claims its stretch
 * first: a text matched too little to be named must not silence the
 * notice inside it (a GPL notice followed by a long disclaimer); it is
 * kept after them where it overlaps nothing, for report_unknown(). */
static size_t select_best(struct match_ctx *m, const struct match_opts *o)
{
	size_t i, j, nkeep = 0, pass;
	char *taken;

	if (!m->ncands)
		return 0;
	qsort(m->cands, m->ncands, sizeof(*m->cands), cand_cmp);
	m->taken = scratch(m->taken, &m->captaken, m->ncands, 1);
	taken = memset(m->taken, 0, m->ncands);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < m->ncands; i++) {
			if (taken[i] || reportable(m, &m->cands[i], o) != !pass)
				continue;
			for (j = 0; j < m->ncands; j++)
				if (taken[j] && overlaps(&m->cands[i], &m->cands[j]))
					break;
			taken[i] = (char)(j == m->ncands);
		}
	for (i = 0; i < m->ncands; i++) /* compact, in rank order */
		if (taken[i])
			m->cands[nkeep++] = m->cands[i];
	for (i = 0; i < nkeep; i++) /* in file order */
		for (j = i + 1; j < nkeep; j++)
			if (m->cands[j].fs < m->cands[i].fs) {
				struct cand t = m->cands[i];

				m->cands[i] = m->cands[j];
				m->cands[j] = t;
			}
	return nkeep;
}

/* The prefilter.  License texts are dense with a few words; only the
 * stretches of a file within WINDOW bytes of one are cut into words.
 * Notices without these words ("placed in the public domain", "the same
 * terms as Perl itself") sit under a copyright line or a LICENSE heading,
 * or at the top of the file, which is always read: two more keywords
 * would double the cost of this scan for nothing.
 * Each keyword is found by its first and fifth letters (any case), 16 or
 * 32 positions at a time (one load for every keyword's fifth letter),
 * then checked whole. */
static const struct keyword {
	const char *w; /* five letters or more */
	size_t len;
} keywords[] = {
	{ "licen", 5 }, { "copyright", 9 },
};

#define NKEYWORDS (sizeof(keywords) / sizeof(keywords[0]))
#define KW_FIFTH 4 /* offset of the letter tested with the first */

static int keyword_at(const char *p, const char *end)
{
	size_t k, i;

	for (k = 0; k < NKEYWORDS; k++) {
		const char *w = keywords[k].w;

		if ((size_t)(end - p) < keywords[k].len)
			continue;
		for (i = 0; w[i] && (p[i] | 0x20) == w[i]; i++)
			;
		if (!w[i])
			return 1;
	}
	return 0;
}

/* The first keyword among the positions of bits (from p), or NULL. */
static const char *keyword_in(const char *p, const char *end, unsigned bits)
{
	for (; bits; bits &= bits - 1)
		if (keyword_at(p + __builtin_ctz(bits), end))
			return p + __builtin_ctz(bits);
	return NULL;
}

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_AVX2_PATH 1
/* The next keyword from p, 32 positions at a time; where the blocks end
 * when there is none (*found 0). */
/* The candidates of the 32 positions at p, one byte of 0xff each. */
__attribute__((target("avx2"))) static inline __m256i keyword_cand32(const char *p)
{
	const __m256i lo = _mm256_set1_epi8(0x20);
	__m256i a = _mm256_or_si256(_mm256_loadu_si256((const void *)p), lo);
	__m256i b = _mm256_or_si256(_mm256_loadu_si256((const void *)(p + KW_FIFTH)), lo);
	__m256i m = _mm256_setzero_si256();
	size_t k;

	for (k = 0; k < NKEYWORDS; k++)
		m = _mm256_or_si256(m, _mm256_and_si256(
			_mm256_cmpeq_epi8(a, _mm256_set1_epi8(keywords[k].w[0])),
			_mm256_cmpeq_epi8(b, _mm256_set1_epi8(keywords[k].w[KW_FIFTH]))));
	return m;
}

/* The next keyword from p, 64 positions a step (one test for two blocks),
 * then 32; where the blocks end when there is none (*found 0). */
__attribute__((target("avx2"))) static const char *next_keyword32(const char *p,
								   const char *end, int *found)
{
	const char *q;

	for (*found = 0; end - p >= 64 + KW_FIFTH; p += 64) {
		__m256i m0 = keyword_cand32(p), m1 = keyword_cand32(p + 32);

		if (!_mm256_movemask_epi8(_mm256_or_si256(m0, m1)))
			continue;
		if ((q = keyword_in(p, end, (unsigned)_mm256_movemask_epi8(m0))) != NULL ||
		    (q = keyword_in(p + 32, end, (unsigned)_mm256_movemask_epi8(m1))) != NULL) {
			*found = 1;
			return q;
		}
	}
	for (; end - p >= 32 + KW_FIFTH; p += 32)
		if ((q = keyword_in(p, end, (unsigned)_mm256_movemask_epi8(keyword_cand32(p)))) != NULL) {
			*found = 1;
			return q;
		}
	return p;
}
#endif

/* The next keyword at or after p, or end. */
static const char *next_keyword(const char *p, const char *end, int avx2)
{
#ifdef __SSE2__
	const __m128i lo = _mm_set1_epi8(0x20);
	__m128i first[NKEYWORDS], fifth[NKEYWORDS];
	size_t k;

#ifdef HAVE_AVX2_PATH
	if (avx2) {
		int found;

		p = next_keyword32(p, end, &found);
		if (found)
			return p;
	}
#endif
	for (k = 0; k < NKEYWORDS; k++) {
		first[k] = _mm_set1_epi8(keywords[k].w[0]);
		fifth[k] = _mm_set1_epi8(keywords[k].w[KW_FIFTH]);
	}
	while (end - p >= 16 + KW_FIFTH) {
		__m128i a = _mm_or_si128(_mm_loadu_si128((const void *)p), lo);
		__m128i b = _mm_or_si128(_mm_loadu_si128((const void *)(p + KW_FIFTH)), lo);
		__m128i m = _mm_setzero_si128();
		const char *q;

		for (k = 0; k < NKEYWORDS; k++)
			m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(a, first[k]),
							  _mm_cmpeq_epi8(b, fifth[k])));
		if ((q = keyword_in(p, end, (unsigned)_mm_movemask_epi8(m))) != NULL)
			return q;
		p += 16;
	}
#endif
	(void)avx2;
	for (; p < end; p++)
		if (keyword_at(p, end))
			return p;
	return end;
}

/* Cuts the windows around keywords into words, and the start of the file
 * (where a LICENSE file's text begins, keywords or not); a 0 id between
 * windows keeps k-grams from spanning two of them.  Returns 1 when the
 * windows made one that covers the whole text. */
static int tokenize_windows(struct match_ctx *m, const char *text, size_t len, size_t window)
{
	const char *end = text + len, *p = text, *counted = text;
	unsigned line = 1, n = 0;
	int whole = 0;

	for (; p < end; p = next_keyword(p, end, m->avx2)) { /* the file's start, then keywords */
		const char *s = (size_t)(p - text) > window ? p - window : text, *e;

		s = text_line_start(text, s);
		for (e = (size_t)(end - p) > window ? p + window : end; e < end;
		     e = (size_t)(end - p) > window ? p + window : end) {
			const char *q = next_keyword(p + 1, e, m->avx2);

			if (q == e)
				break;
			p = q; /* the window grows while keywords keep coming */
		}
		e = text_line_end(e, end);
		line += text_count_lines(counted, s, end);
		counted = s;
		m->base = 0;
		if (m->n)
			add_id(m, "", 0, line); /* a separator: id 0 */
		m->base = line - 1; /* tok_words counts the window's lines from 1 */
		tok_words(s, (size_t)(e - s), add_id, m);
		whole = ++n == 1 && s == text && e == end;
		p = e;
	}
	return whole;
}

/* Probes the words in m and finds the regions worth aligning (m->regions);
 * returns how many.  align_best() then makes them candidates. */
static size_t find_regions(struct match_ctx *m)
{
	size_t t, start = 0;

	m->ncands = 0;
	m->nregions = 0;
	if (m->n < IXF_K)
		return 0;
	probe(m);
	group_hits(m);
	for (t = 0; t < m->ntouched; t++) {
		uint16_t l = m->touched[t];

		if (m->count[l] != FEW_HITS) {
			regions(m, (int)l, start, m->count[l] - start);
			start = m->count[l];
		}
		m->count[l] = 0; /* clean for the next call */
	}
	m->ntouched = 0;
	return m->nregions;
}

/* Whether a region is a license text's: rules are short, and the
 * narrow windows hold them whole. */
static int any_text_region(const struct match_ctx *m)
{
	size_t i, nt = idx_ntexts(m->x);

	for (i = 0; i < m->nregions; i++)
		if ((size_t)m->regions[i].lic < nt)
			return 1;
	return 0;
}

/* Text in a script with few ASCII words (a Japanese license) has too few
 * of them in a narrow window to show anything: it gets wide windows. */
static int mostly_non_ascii(const char *text, size_t len)
{
	size_t n = len < 4096 ? len : 4096;

	return text_high_bytes(text, n) * 2 > n;
}

/* Narrow windows first; where they show a promising candidate, wide ones,
 * so a text is aligned whole even where its words are not license words
 * (or not English), without reading a megabyte header whole. */
/* Text that shares many phrases with license texts but matches none well
 * enough to be named: said so, with the closest one, for a reviewer. */
static void report_unknown(struct match_ctx *m, const char *text, size_t len, size_t nkeep,
			   struct file_result *r)
{
	const struct region *g = NULL;
	struct buf b = BUF_INIT;
	struct finding *f;
	size_t i;

	for (i = 0; i < m->nregions; i++) /* most distinct hits (not the align order) */
		if (!g || m->regions[i].distinct > g->distinct)
			g = &m->regions[i];

	if (!g || g->distinct < UNKNOWN_MIN_PHRASES)
		return;
	f = result_add(r);
	f->kind = FK_LICENSE;
	f->method = FM_UNKNOWN;
	f->rule = xstrdup("unknown-license-text");
	f->start_line = m->lines[g->fs];
	f->end_line = m->lines[g->fe + IXF_K - 1 < m->n ? g->fe + IXF_K - 1 : m->n - 1];
	f->text = evidence(text, len, f->start_line);
	f->span = span_of(text, len, f->start_line, f->end_line);
	buf_printf(&b, "license-like text not identified: %zu phrases shared with known license "
		       "texts, none matched",
		   g->distinct);
	if (nkeep) {
		struct idx_lic L;

		idx_lic(m->x, (size_t)m->cands[0].lic, &L);
		buf_printf(&b, " (closest: %s, %zu%% of its words)", L.id,
			   m->cands[0].matched_req * 100 / (m->cands[0].req ? m->cands[0].req : 1));
	}
	f->problem = buf_take(&b);
}

static unsigned legal_term(const struct match_ctx *m, uint16_t id)
{
	return m->legal[id] >= QUALIFIER ? 0 : m->legal[id];
}

/* The stretch of LEGAL_SPAN words holding most distinct legal terms:
 * returns their count, its first and last term in *fs, *fe. */
static size_t densest_legal(const struct match_ctx *m, size_t *fs, size_t *fe)
{
	uint16_t count[NLEGAL + 1] = { 0 };
	size_t i, distinct = 0, best = 0;

	for (i = 0; i < m->n; i++) {
		unsigned t = legal_term(m, m->ids[i]);

		if (i >= LEGAL_SPAN) {
			unsigned o = legal_term(m, m->ids[i - LEGAL_SPAN]);

			distinct -= o && --count[o] == 0;
		}
		if (!t)
			continue;
		distinct += count[t]++ == 0;
		if (distinct > best) {
			size_t k = i >= LEGAL_SPAN ? i - LEGAL_SPAN + 1 : 0;

			while (!legal_term(m, m->ids[k]))
				k++;
			best = distinct;
			*fs = k;
			*fe = i;
		}
	}
	return best;
}

/* The most legal terms in a row in words [fs, fe]: prose has a few
 * ("hereby granted"), a list of them (a table in code) has many. */
static size_t longest_term_run(const struct match_ctx *m, size_t fs, size_t fe)
{
	size_t f, run = 0, best = 0;

	for (f = fs; f <= fe; f++) {
		run = legal_term(m, m->ids[f]) ? run + 1 : 0;
		best = run > best ? run : best;
	}
	return best;
}

#define PARAGRAPH_MORE 8 /* lines a legal stretch may run on past its last term */

/* The last line of the paragraph holding line `last`: the stretch ends at
 * its last legal term, the sentence it is in may go on ("... and any
 * dispute shall be settled there."), up to a blank line. */
static unsigned paragraph_end(const char *text, size_t len, unsigned last)
{
	const char *p = text, *end = text + len, *eol;
	unsigned l;

	for (l = 1; p < end && l <= last; l++)
		p = text_next_line(text_line_end(p, end), end);
	for (; p < end && l <= last + PARAGRAPH_MORE; l++) {
		const char *q = p;

		eol = text_line_end(p, end);
		while (q < eol && (*q == ' ' || *q == '\t'))
			q++;
		if (q == eol)
			break;
		last = l;
		p = text_next_line(eol, end);
	}
	return last;
}

/* Legal drafting that no known text or rule matched: said so, for a
 * reviewer, with the terms that made it look like a license. */
static void report_legal_text(struct match_ctx *m, const char *text, size_t len,
			      struct file_result *r)
{
	size_t fs = 0, fe = 0, n = densest_legal(m, &fs, &fe);
	struct buf b = BUF_INIT;
	struct finding *f;

	if (n < LEGAL_MIN || fe - fs + 1 < 3 * n || longest_term_run(m, fs, fe) >= 8)
		return; /* too few, or a list of terms (like the one above), not prose */
	f = result_add(r);
	f->kind = FK_LICENSE;
	f->method = FM_UNKNOWN;
	f->rule = xstrdup("unknown-license-text");
	f->start_line = m->lines[fs];
	f->end_line = paragraph_end(text, len, m->lines[fe]);
	f->text = evidence(text, len, f->start_line);
	f->span = span_of(text, len, f->start_line, f->end_line);
	buf_printf(&b, "license-like text not identified: %zu distinct legal terms within %d "
		       "words, no known license text or notice matched", n, LEGAL_SPAN);
	f->problem = buf_take(&b);
}

void match_file(struct match_ctx *m, const char *text, size_t len, const struct match_opts *o,
		struct file_result *r)
{
	size_t i, nkeep, found, before = r->nfindings;
	int whole;

	m->n = 0;
	buf_reset(&m->words);
	whole = tokenize_windows(m, text, len, mostly_non_ascii(text, len) ? WINDOW_WIDE : WINDOW);
	if (find_regions(m) && !whole && any_text_region(m)) {
		m->n = 0; /* the narrow windows left parts of a text out: again, wide */
		tokenize_windows(m, text, len, WINDOW_WIDE);
		find_regions(m);
	}
	align_best(m, o);
	nkeep = select_best(m, o);
	for (i = 0, found = 0; i < nkeep; i++)
		found += report(m, &m->cands[i], text, len, o, r) != NULL;
	if (!found)
		report_unknown(m, text, len, nkeep, r);
	if (r->nfindings == before) /* nothing said: still legal text? */
		report_legal_text(m, text, len, r);
}

/* --- explain ----------------------------------------------------------- */

static int pair_cmp(const void *pa, const void *pb)
{
	const struct pair *a = pa, *b = pb;

	if (a->f != b->f)
		return a->f < b->f ? -1 : 1;
	return a->r < b->r ? -1 : a->r > b->r;
}

struct runs {
	struct match_ctx *m;
	const struct finding *f;
	const struct idx_lic *L;
	match_run_fn fn;
	void *ctx;
	struct buf b;
};

/* Reference words [a, b) the file lacks (the omittable ones aside). */
static void missing_run(struct runs *u, size_t a, size_t b, unsigned line)
{
	struct match_run run = { MATCH_MISSING, line, 0, NULL };
	size_t i;

	buf_reset(&u->b);
	for (i = a; i < b; i++) {
		if (i < u->L->req_lo || i >= u->L->req_hi || u->L->tok[i] == IXF_GAP)
			continue; /* omittable, or replaceable text */
		if (u->b.len < 240)
			buf_printf(&u->b, "%s%s", run.nwords ? " " : "", u->m->ref_words[u->L->tok[i]]);
		else if (u->b.len < 244)
			buf_adds(&u->b, " ...");
		run.nwords++;
	}
	run.words = u->b.data;
	if (run.nwords)
		u->fn(u->ctx, u->f, &run);
}

/* File words [a, b) the reference lacks. */
static void extra_run(struct runs *u, size_t a, size_t b)
{
	struct match_run run = { MATCH_EXTRA, 0, b - a, NULL };
	size_t i;

	if (b <= a)
		return;
	run.line = u->m->lines[a];
	buf_reset(&u->b);
	for (i = a; i < b; i++) {
		if (u->b.len < 240)
			buf_printf(&u->b, "%s%s", i > a ? " " : "", u->m->words.data + u->m->woff[i]);
		else if (u->b.len < 244)
			buf_adds(&u->b, " ...");
	}
	run.words = u->b.data;
	u->fn(u->ctx, u->f, &run);
}

/* Walks the matched pairs in file order: between two of them, what the
 * reference has and the file lacks, and what the file has instead. */
static void diff_runs(struct runs *u, size_t fs, size_t fe)
{
	struct match_ctx *m = u->m;
	size_t k, pf = fs, pr = 0;

	if (m->ntrace)
		qsort(m->trace, m->ntrace, sizeof(*m->trace), pair_cmp);
	for (k = 0; k < m->ntrace; k++) {
		size_t f = m->trace[k].f, r = m->trace[k].r;

		if (r < pr || f < pf)
			continue;
		missing_run(u, pr, r, m->lines[pf < f ? pf : f]);
		extra_run(u, pf, f);
		pf = f + 1;
		pr = r + 1;
	}
	missing_run(u, pr, u->L->ntok, m->lines[fe]);
}

void match_explain(struct match_ctx *m, const char *text, size_t len, const struct match_opts *o,
		   struct file_result *r, match_run_fn fn, void *ctx)
{
	struct runs u = { m, NULL, NULL, fn, ctx, BUF_INIT };
	struct cand *kept;
	size_t i, nkeep, fs, fe;

	if (!m->ref_words) {
		m->ref_words = xcalloc(idx_nwords(m->x) + 1, sizeof(*m->ref_words));
		idx_word_table(m->x, m->ref_words);
	}
	m->tracing = 1;
	m->n = 0;
	buf_reset(&m->words);
	tokenize_windows(m, text, len, len + 1); /* one window: the whole file */
	find_regions(m);
	align_best(m, o);
	nkeep = select_best(m, o);
	kept = xmalloc((nkeep ? nkeep : 1) * sizeof(*kept));
	if (nkeep)
		memcpy(kept, m->cands, nkeep * sizeof(*kept));
	for (i = 0; i < nkeep; i++) {
		struct idx_lic L;

		u.f = report(m, &kept[i], text, len, o, r);
		if (!u.f)
			continue;
		idx_lic(m->x, (size_t)kept[i].lic, &L);
		u.L = &L;
		m->ntrace = 0;
		if (align_region(m, kept[i].lic, &L, m->sorted + kept[i].hoff, kept[i].hn, &fs, &fe))
			diff_runs(&u, fs, fe);
	}
	m->tracing = 0;
	free(kept);
	buf_release(&u.b);
}
