/* SPDX-License-Identifier: MIT */
/* fuzz_manifest.c -- every manifest reader on bytes as the pipeline sees
 * them.  The first byte picks the reader (the file name below), the rest
 * is typed and decoded as the pipeline does, then read.  Checks: every
 * string in the result is valid UTF-8, every manifest finding has an
 * expression or a problem, a declared expression is canonical (parses
 * to itself); DEP-5 and REUSE.toml stanzas are matched against a path. */
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "fuzz.h"
#include "ftype.h"
#include "manifest.h"
#include "text.h"

static const char *const names[] = {
	"package.json",     "composer.json", "Cargo.toml",	"pyproject.toml",
	"setup.cfg",	    "PKG-INFO",	     "a.dist-info/METADATA", "a.gemspec",
	"pom.xml",	    "a.nuspec",	     "debian/copyright", ".reuse/dep5",
	"REUSE.toml",
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

static void utf8(const char *s)
{
	if (s && text_utf8_len((const unsigned char *)s, strlen(s)) != strlen(s))
		__builtin_trap();
}

static void canonical(const char *x)
{
	struct perr e;
	char *again;

	if (!x)
		return;
	again = expr_canonical(x, strlen(x), &e);
	if (!again || strcmp(again, x))
		__builtin_trap();
	free(again);
}

static void check(const struct file_result *r)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		if (!f->expression == !f->problem || f->method != FM_MANIFEST)
			__builtin_trap();
		utf8(f->expression), utf8(f->problem), utf8(f->note), utf8(f->text);
		canonical(f->expression);
	}
	for (i = 0; i < r->npackages; i++) {
		const struct package *p = &r->packages[i];

		utf8(p->ecosystem), utf8(p->namespace), utf8(p->name), utf8(p->version);
		utf8(p->declared), utf8(p->declared_raw), utf8(p->supplier), utf8(p->homepage);
		utf8(p->problem);
		canonical(p->declared);
	}
}

static void stanzas(unsigned pick, const char *t, size_t tn)
{
	struct mani_stanzas s;
	struct perr e;
	int rc = pick == 12 ? mani_reuse_parse(t, tn, &s, &e) : mani_dep5_parse(t, tn, &s, &e);
	size_t i;

	if (rc < 0)
		return;
	for (i = 0; i < s.n; i++) {
		canonical(s.v[i].expression);
		if (i < 16 && s.v[i].nglobs) /* each look-up tries every stanza */
			mani_stanza_for(&s, s.v[i].globs[0]);
	}
	mani_stanza_for(&s, "src/a/b.c");
	mani_stanzas_release(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf dec = BUF_INIT;
	struct file_result r;
	enum text_enc enc;
	unsigned pick;
	const char *t;
	size_t tn;

	if (!size)
		return 0;
	pick = data[0] % NNAMES;
	data++, size--;
	if (ftype_sniff(data, size, &enc) != FT_TEXT)
		enc = ENC_UTF8;
	text_decode(data, size, enc, &dec, &t, &tn);
	result_init(&r);
	if (mani_read(names[pick], t, tn, &r) != 1)
		__builtin_trap();
	check(&r);
	result_release(&r);
	if (pick >= 10)
		stanzas(pick, t, tn);
	buf_release(&dec);
	return 0;
}
