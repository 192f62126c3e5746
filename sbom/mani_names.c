/* SPDX-License-Identifier: MIT */
/* mani_names.c -- license names as manifests write them, to SPDX.
 *
 * mani_spdx() tries, in order: the value as an SPDX expression; (Cargo)
 * '/' as OR; a license URL; the whole name in the alias table; the
 * ambiguous names (a problem, never a guess); a compound of names joined
 * by or/and; else a problem.  Names are compared in a normal form:
 * lower case words and numbers ("GPLv2+" -> "gpl 2 +", "Apache License,
 * Version 2.0" -> "apache 2"), stop words dropped, common phrases
 * rewritten ("GNU Lesser General Public" -> "lgpl").  Every alias value
 * is checked against the SPDX list by tests/test_manifest.c.
 *
 * To add a name: write its normal form (what norm() makes of it; the test
 * checks that each key is one) and its SPDX expression in aliases[]. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "expr.h"
#include "lic.h"
#include "mani_int.h"

#define NAME_MAX_BYTES 512 /* longer values are texts, not names */
#define NORM_MAX 256

struct alias {
	const char *key;  /* normal form */
	const char *spdx; /* SPDX expression */
};

static const struct alias aliases[] = {
	{ "mit", "MIT" },
	{ "expat", "MIT" },
	{ "mit expat", "MIT" },
	{ "x 11", "X11" },
	{ "mit 0", "MIT-0" },
	{ "apache 2", "Apache-2.0" },
	{ "apache 2 apache 2", "Apache-2.0" },
	{ "apache 1 1", "Apache-1.1" },
	{ "apache 1", "Apache-1.0" },
	{ "bsd 2 clause", "BSD-2-Clause" },
	{ "bsd 2", "BSD-2-Clause" },
	{ "bsd 3 clause", "BSD-3-Clause" },
	{ "bsd 3", "BSD-3-Clause" },
	{ "bsd 4 clause", "BSD-4-Clause" },
	{ "bsd 4", "BSD-4-Clause" },
	{ "0 bsd", "0BSD" },
	{ "isc", "ISC" },
	{ "gpl 1", "GPL-1.0-only" },
	{ "gpl 1 +", "GPL-1.0-or-later" },
	{ "gpl 2", "GPL-2.0-only" },
	{ "gpl 2 +", "GPL-2.0-or-later" },
	{ "gpl 3", "GPL-3.0-only" },
	{ "gpl 3 +", "GPL-3.0-or-later" },
	{ "lgpl 2", "LGPL-2.0-only" },
	{ "lgpl 2 +", "LGPL-2.0-or-later" },
	{ "lgpl 2 1", "LGPL-2.1-only" },
	{ "lgpl 2 1 +", "LGPL-2.1-or-later" },
	{ "lgpl 3", "LGPL-3.0-only" },
	{ "lgpl 3 +", "LGPL-3.0-or-later" },
	{ "agpl 3", "AGPL-3.0-only" },
	{ "agpl 3 +", "AGPL-3.0-or-later" },
	{ "gfdl 1 1", "GFDL-1.1-only" },
	{ "gfdl 1 1 +", "GFDL-1.1-or-later" },
	{ "gfdl 1 2", "GFDL-1.2-only" },
	{ "gfdl 1 2 +", "GFDL-1.2-or-later" },
	{ "gfdl 1 3", "GFDL-1.3-only" },
	{ "gfdl 1 3 +", "GFDL-1.3-or-later" },
	{ "mpl 1", "MPL-1.0" },
	{ "mpl 1 1", "MPL-1.1" },
	{ "mpl 2", "MPL-2.0" },
	{ "epl 1", "EPL-1.0" },
	{ "epl 2", "EPL-2.0" },
	{ "edl 1", "BSD-3-Clause" },
	{ "eclipse distribution 1", "BSD-3-Clause" },
	{ "cddl 1", "CDDL-1.0" },
	{ "cddl 1 1", "CDDL-1.1" },
	{ "cpl 1", "CPL-1.0" },
	{ "common public", "CPL-1.0" },
	{ "zlib", "Zlib" },
	{ "zlib libpng", "Zlib" },
	{ "unlicense", "Unlicense" },
	{ "wtfpl", "WTFPL" },
	{ "cc 0", "CC0-1.0" },
	{ "cc 0 1", "CC0-1.0" },
	{ "cc 0 1 universal", "CC0-1.0" },
	{ "cc 0 1 universal public domain dedication", "CC0-1.0" },
	{ "cc by 3", "CC-BY-3.0" },
	{ "cc by 4", "CC-BY-4.0" },
	{ "cc by sa 3", "CC-BY-SA-3.0" },
	{ "cc by sa 4", "CC-BY-SA-4.0" },
	{ "cc by nc 4", "CC-BY-NC-4.0" },
	{ "cc by nc sa 4", "CC-BY-NC-SA-4.0" },
	{ "cc by nd 4", "CC-BY-ND-4.0" },
	{ "public domain", "LicenseRef-public-domain" },
	{ "bsl 1", "BSL-1.0" },
	{ "bsl", "BSL-1.0" },
	{ "psf 2", "PSF-2.0" },
	{ "python 2", "Python-2.0" },
	{ "cnri python", "CNRI-Python" },
	{ "python cnri", "CNRI-Python" },
	{ "ruby", "Ruby" },
	{ "perl", "Artistic-1.0-Perl OR GPL-1.0-or-later" },
	{ "perl 5", "Artistic-1.0-Perl OR GPL-1.0-or-later" },
	{ "artistic 1", "Artistic-1.0" },
	{ "artistic 2", "Artistic-2.0" },
	{ "postgresql", "PostgreSQL" },
	{ "ofl 1 1", "OFL-1.1" },
	{ "openssl", "OpenSSL" },
	{ "eupl 1", "EUPL-1.0" },
	{ "eupl 1 1", "EUPL-1.1" },
	{ "eupl 1 2", "EUPL-1.2" },
	{ "upl", "UPL-1.0" },
	{ "upl 1", "UPL-1.0" },
	{ "hpnd", "HPND" },
	{ "historical permission notice and disclaimer", "HPND" },
	{ "ncsa", "NCSA" },
	{ "w 3 c", "W3C" },
	{ "cecill 2 1", "CECILL-2.1" },
	{ "cecill b", "CECILL-B" },
	{ "cecill c", "CECILL-C" },
	{ "ms pl", "MS-PL" },
	{ "microsoft public", "MS-PL" },
	{ "ms rl", "MS-RL" },
	{ "microsoft reciprocal", "MS-RL" },
	{ "zpl 2 1", "ZPL-2.1" },
	{ "zope public 2 1", "ZPL-2.1" },
	{ "lppl 1 3 c", "LPPL-1.3c" },
	{ "osl 3", "OSL-3.0" },
	{ "afl 3", "AFL-3.0" },
	{ "mulanpsl 2", "MulanPSL-2.0" },
	{ "mulan psl 2", "MulanPSL-2.0" },
	{ "by assurance", "AAL" },
	{ "sleepycat", "Sleepycat" },
	{ "qpl 1", "QPL-1.0" },
	{ "qt public", "QPL-1.0" },
	{ "ibm public", "IPL-1.0" },
	{ "intel open source", "Intel" },
	{ "miros", "MirOS" },
	{ "motosoto", "Motosoto" },
	{ "nokia open source", "Nokia" },
	{ "nethack gpl", "NGPL" },
	{ "open group test suite", "OGTSL" },
	{ "ricoh source code public", "RSCPL" },
	{ "sun industry standards source", "SISSL" },
	{ "sun public", "SPL-1.0" },
	{ "vovida software 1", "VSL-1.0" },
	{ "x net", "Xnet" },
	{ "aladdin free public", "Aladdin" },
	{ "json", "JSON" },
	{ "bzip 2", "bzip2-1.0.6" },
};

/* Names that say too little to pick one license: a problem, not a guess. */
static const char *const ambiguous[] = {
	"bsd", "bsd style", "bsd like", "gpl", "lgpl", "agpl", "gfdl", "mpl", "epl",
	"apache", "cc", "cc by", "cc by sa", "artistic", "cddl", "afl", "zpl", "eupl",
	"mit style", "mit like", "osi approved", "dual", "psf", "python", "eiffel forum",
	"netscape public", "apple public source", "gpl compatible", "lgpl gpl",
	"academic free", "zope public", "gfdl niv", "cecill", "public", "free",
};

/* Phrase rewrites on the space-padded normal form, longest first. */
static const char *const rewrites[][2] = {
	{ " gnu library or lesser general public ", " lgpl " },
	{ " gnu lesser general public ", " lgpl " },
	{ " gnu library general public ", " lgpl " },
	{ " gnu affero general public ", " agpl " },
	{ " gnu general public ", " gpl " },
	{ " gnu free documentation ", " gfdl " },
	{ " library or lesser general public ", " lgpl " },
	{ " lesser general public ", " lgpl " },
	{ " library general public ", " lgpl " },
	{ " affero general public ", " agpl " },
	{ " general public ", " gpl " },
	{ " free documentation ", " gfdl " },
	{ " gnu gpl ", " gpl " },
	{ " gnu lgpl ", " lgpl " },
	{ " gnu agpl ", " agpl " },
	{ " gnu fdl ", " gfdl " },
	{ " fdl ", " gfdl " },
	{ " gplv ", " gpl " },
	{ " lgplv ", " lgpl " },
	{ " agplv ", " agpl " },
	{ " mozilla public ", " mpl " },
	{ " eclipse public ", " epl " },
	{ " european union public ", " eupl " },
	{ " common development and distribution ", " cddl " },
	{ " apache software ", " apache " },
	{ " asl ", " apache " },
	{ " creative commons ", " cc " },
	{ " attribution sharealike ", " by sa " },
	{ " attribution share alike ", " by sa " },
	{ " attribution noncommercial ", " by nc " },
	{ " attribution ", " by " },
	{ " boost software ", " bsl " },
	{ " boost ", " bsl " },
	{ " mit no by ", " mit 0 " },
	{ " zero clause bsd ", " 0 bsd " },
	{ " bsd zero clause ", " 0 bsd " },
	{ " universal permissive ", " upl " },
	{ " sil open font ", " ofl " },
	{ " open font ", " ofl " },
	{ " python software foundation ", " psf " },
	{ " iscl ", " isc " },
	{ " do what the fuck you want to public ", " wtfpl " },
	{ " simplified bsd ", " bsd 2 clause " },
	{ " freebsd ", " bsd 2 clause " },
	{ " two clause bsd ", " bsd 2 clause " },
	{ " 2 clause bsd ", " bsd 2 clause " },
	{ " bsd two clause ", " bsd 2 clause " },
	{ " new bsd ", " bsd 3 clause " },
	{ " revised bsd ", " bsd 3 clause " },
	{ " modified bsd ", " bsd 3 clause " },
	{ " bsd new ", " bsd 3 clause " },
	{ " bsd revised ", " bsd 3 clause " },
	{ " three clause bsd ", " bsd 3 clause " },
	{ " 3 clause bsd ", " bsd 3 clause " },
	{ " bsd three clause ", " bsd 3 clause " },
	{ " original bsd ", " bsd 4 clause " },
	{ " bsd original ", " bsd 4 clause " },
	{ " 4 clause bsd ", " bsd 4 clause " },
	{ " university of illinois ncsa open source ", " ncsa " },
	{ " cea cnrs inria logiciel libre ", " cecill " },
	{ " or any later ", " + " },
	{ " or later ", " + " },
	{ " and later ", " + " },
	{ " or newer ", " + " },
	{ " or greater ", " + " },
	{ " or above ", " + " },
	{ " later ", " + " },
};

static const char *const stop[] = {
	"the", "license", "licence", "licenses", "licences", "licensed", "version",
	"v", "ver", "only", "international", "unported", "generic",
};

static int is_stop(const char *w)
{
	size_t i;

	for (i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if (!strcmp(w, stop[i]))
			return 1;
	return 0;
}

/* Appends word w (n bytes) to out unless it is a stop word, a "0" minor
 * version after a number, or the same as the previous word. */
static void put_word(struct buf *out, const char *w, size_t n, int *prev_num)
{
	char word[64];
	const char *last;
	int num = isdigit((unsigned char)*w);

	if (n >= sizeof(word))
		n = sizeof(word) - 1;
	memcpy(word, w, n);
	word[n] = 0;
	if (is_stop(word))
		return;
	if (num && *prev_num && !strcmp(word, "0"))
		return;
	if (out->len >= 2 && !num) { /* the previous word, before the trailing space */
		size_t e = out->len - 1, s = e;

		while (s > 0 && out->data[s - 1] != ' ')
			s--;
		last = out->data + s;
		if (e - s == n && !memcmp(last, word, n))
			return;
	}
	*prev_num = num;
	buf_printf(out, "%s ", word);
}

/* Lower case words and numbers split apart ("gplv2" -> "gplv 2"), '+' a
 * word; " w1 w2 ... " padded with spaces, rewritten. */
static void norm(const char *s, size_t n, struct buf *out)
{
	char w[64];
	size_t i = 0, k;
	int prev_num = 0;

	buf_reset(out);
	buf_addc(out, ' ');
	while (i < n && out->len < NORM_MAX) {
		unsigned char c = (unsigned char)s[i];

		if (c == '+') {
			put_word(out, "+", 1, &prev_num);
			i++;
			continue;
		}
		if (!isalnum(c)) {
			i++;
			continue;
		}
		w[0] = (char)tolower(c); /* a word holds at least c */
		for (k = 1, i++; i < n && k < sizeof(w) && isalnum((unsigned char)s[i]) &&
				 !!isdigit((unsigned char)s[i]) == !!isdigit(c);
		     i++)
			w[k++] = (char)tolower((unsigned char)s[i]);
		put_word(out, w, k, &prev_num);
	}
}

static void rewrite(struct buf *b)
{
	size_t i;
	char *hit;

	for (i = 0; i < sizeof(rewrites) / sizeof(rewrites[0]); i++) {
		size_t fl = strlen(rewrites[i][0]), tl = strlen(rewrites[i][1]);

		while (b->len && (hit = strstr(b->data, rewrites[i][0])) != NULL) {
			size_t off = (size_t)(hit - b->data), rest = b->len - off - fl;

			if (tl > fl) { /* "new bsd" -> "bsd 3 clause" grows */
				buf_grow(b, tl - fl);
				hit = b->data + off;
			}
			memmove(hit + tl, hit + fl, rest + 1);
			memcpy(hit, rewrites[i][1], tl);
			b->len = off + tl + rest;
		}
	}
}

/* Drops padding and repeated words left by the rewrites. */
static void finish(struct buf *b, char *key, size_t cap)
{
	struct buf t = BUF_INIT;
	const char *p = b->data, *q;
	int prev_num = 0;

	buf_addc(&t, ' ');
	if (!p)
		p = ""; /* an empty buffer has no data */
	while (*p) {
		while (*p == ' ')
			p++;
		for (q = p; *q && *q != ' '; q++)
			;
		if (q > p)
			put_word(&t, p, (size_t)(q - p), &prev_num);
		p = q;
	}
	p = t.data + 1;
	q = t.data + t.len;
	while (q > p && q[-1] == ' ')
		q--;
	snprintf(key, cap, "%.*s", (int)(q - p), p);
	buf_release(&t);
}

static void normal_form(const char *s, size_t n, char *key, size_t cap)
{
	struct buf b = BUF_INIT;

	norm(s, n, &b);
	rewrite(&b);
	finish(&b, key, cap);
	buf_release(&b);
}

int mani_alias_at(size_t i, const char **key, const char **spdx)
{
	if (i >= sizeof(aliases) / sizeof(aliases[0]))
		return 0;
	*key = aliases[i].key;
	*spdx = aliases[i].spdx;
	return 1;
}

static const char *alias_of(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcmp(key, aliases[i].key))
			return aliases[i].spdx;
	return NULL;
}

static int is_ambiguous(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(ambiguous) / sizeof(ambiguous[0]); i++)
		if (!strcmp(key, ambiguous[i]))
			return 1;
	return 0;
}

static char *try_expr(const char *s, size_t n)
{
	struct perr e;

	return n ? expr_canonical(s, n, &e) : NULL;
}

static void trim(const char **s, size_t *n)
{
	while (*n && (isspace((unsigned char)**s) || **s == '"' || **s == '\'')) {
		(*s)++;
		(*n)--;
	}
	while (*n && (isspace((unsigned char)(*s)[*n - 1]) || (*s)[*n - 1] == '"' ||
		      (*s)[*n - 1] == '\'' || (*s)[*n - 1] == '.' || (*s)[*n - 1] == ';'))
		(*n)--;
}

/* A name alone: an SPDX expression, an alias, or "Name (ABBR)" either
 * way.  NULL when none; *amb set when the name is ambiguous. */
static char *one_name(const char *s, size_t n, int *amb)
{
	char key[NORM_MAX];
	const char *a, *open;
	char *x;
	size_t k;

	trim(&s, &n);
	if (!n)
		return NULL;
	if ((x = try_expr(s, n)))
		return x;
	for (k = 0; k < n; k++) /* "MIT*" (a tool's guess), "<MIT>": not a plain name */
		if (strchr("*?<>{}[]=|", s[k]) && s[k])
			return NULL;
	normal_form(s, n, key, sizeof(key));
	if ((a = alias_of(key)))
		return try_expr(a, strlen(a));
	if (is_ambiguous(key))
		*amb = 1;
	if (s[n - 1] == ')' && (open = memchr(s, '(', n)) != NULL && open > s) {
		int amb2 = 0;

		x = one_name(s, (size_t)(open - s), &amb2);
		if (!x)
			x = one_name(open + 1, (size_t)(s + n - 1 - open - 1), &amb2);
		if (x)
			*amb = 0;
		return x;
	}
	return NULL;
}

/* --- license URLs --------------------------------------------------------- */

static const struct alias urls[] = {
	{ "apache.org/licenses/license-2.0", "Apache-2.0" },
	{ "apache.org/licenses/license-1.1", "Apache-1.1" },
	{ "opensource.org/licenses/mit-license", "MIT" },
	{ "mit-license.org", "MIT" },
	{ "opensource.org/licenses/bsd-3-clause", "BSD-3-Clause" },
	{ "opensource.org/licenses/isc-license", "ISC" },
	{ "gnu.org/licenses/gpl-2.0", "GPL-2.0-only" },
	{ "gnu.org/licenses/old-licenses/gpl-2.0", "GPL-2.0-only" },
	{ "gnu.org/licenses/gpl-3.0", "GPL-3.0-only" },
	{ "gnu.org/licenses/lgpl-2.1", "LGPL-2.1-only" },
	{ "gnu.org/licenses/old-licenses/lgpl-2.1", "LGPL-2.1-only" },
	{ "gnu.org/licenses/lgpl-3.0", "LGPL-3.0-only" },
	{ "gnu.org/licenses/agpl-3.0", "AGPL-3.0-only" },
	{ "gnu.org/licenses/fdl-1.3", "GFDL-1.3-only" },
	{ "mozilla.org/mpl/2.0", "MPL-2.0" },
	{ "mozilla.org/en-us/mpl/2.0", "MPL-2.0" },
	{ "mozilla.org/mpl/mpl-1.1", "MPL-1.1" },
	{ "eclipse.org/legal/epl-v10", "EPL-1.0" },
	{ "eclipse.org/legal/epl-2.0", "EPL-2.0" },
	{ "eclipse.org/legal/epl-v20", "EPL-2.0" },
	{ "eclipse.org/org/documents/edl-v10", "BSD-3-Clause" },
	{ "creativecommons.org/publicdomain/zero/1.0", "CC0-1.0" },
	{ "creativecommons.org/publicdomain/zero/1.0/legalcode", "CC0-1.0" },
	{ "unlicense.org", "Unlicense" },
	{ "boost.org/license_1_0", "BSL-1.0" },
	{ "wtfpl.net", "WTFPL" },
	{ "wtfpl.net/about", "WTFPL" },
	{ "json.org/license", "JSON" },
};

/* Hosts whose last path component is an SPDX id. */
static const char *const id_hosts[] = {
	"spdx.org/licenses/", "opensource.org/licenses/", "choosealicense.com/licenses/",
};

static int is_url(const char *s, size_t n)
{
	return (n > 7 && !strncasecmp(s, "http://", 7)) ||
	       (n > 8 && !strncasecmp(s, "https://", 8)) || (n > 4 && !strncasecmp(s, "www.", 4));
}

static void strip_prefix(struct buf *b, const char *p)
{
	size_t n = strlen(p);

	if (b->len >= n && !strncmp(b->data, p, n)) {
		memmove(b->data, b->data + n, b->len - n + 1);
		b->len -= n;
	}
}

static int strip_suffix(struct buf *b, const char *p)
{
	size_t n = strlen(p);

	if (b->len > n && !strcmp(b->data + b->len - n, p)) {
		b->data[b->len -= n] = 0;
		return 1;
	}
	return 0;
}

/* "https://www.apache.org/licenses/LICENSE-2.0.txt" -> host/path, lower
 * case, without scheme, "www.", query, ".html"/".txt", trailing '/'. */
static void url_key(const char *s, size_t n, struct buf *b)
{
	static const char *const ext[] = { ".html", ".htm", ".txt", ".php", ".md", ".json", "/" };
	size_t i;
	int again = 1;

	for (i = 0; i < n && s[i] != '?' && s[i] != '#'; i++)
		buf_addc(b, (char)tolower((unsigned char)s[i]));
	strip_prefix(b, "http://");
	strip_prefix(b, "https://");
	strip_prefix(b, "www.");
	while (again)
		for (again = 0, i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
			again |= strip_suffix(b, ext[i]);
}

static char *cc_url(const char *path)
{
	char id[64], *p;
	const char *slash = strchr(path, '/');
	size_t n;
	const struct lic_info *li;

	if (!slash || strchr(slash + 1, '/'))
		return NULL;
	n = (size_t)(slash - path);
	if (snprintf(id, sizeof(id), "CC-%.*s-%s", (int)n, path, slash + 1) >= (int)sizeof(id))
		return NULL;
	for (p = id; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	li = lic_find(id, strlen(id));
	return li && !li->exception ? try_expr(li->id, strlen(li->id)) : NULL;
}

static char *id_url(const char *last)
{
	char id[64];
	const struct lic_info *li;
	size_t n = strlen(last);

	if (n >= sizeof(id))
		return NULL;
	memcpy(id, last, n + 1);
	if (n > 8 && !strcmp(id + n - 8, "-license"))
		id[n - 8] = 0;
	li = lic_find(id, strlen(id));
	return li && !li->exception ? try_expr(li->id, strlen(li->id)) : NULL;
}

static char *nuget_url(const char *s)
{
	struct buf b = BUF_INIT;
	char *x;

	for (; *s; s++) {
		if (*s == '%' && isxdigit((unsigned char)s[1]) && isxdigit((unsigned char)s[2])) {
			char h[3] = { s[1], s[2], 0 };

			buf_addc(&b, (char)strtol(h, NULL, 16));
			s += 2;
		} else {
			buf_addc(&b, (char)(*s == '+' ? ' ' : *s));
		}
	}
	x = b.len ? try_expr(b.data, b.len) : NULL;
	buf_release(&b);
	return x;
}

static char *from_url(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	char *x = NULL;
	size_t i;

	url_key(s, n, &b);
	for (i = 0; b.len && i < sizeof(urls) / sizeof(urls[0]) && !x; i++)
		if (!strcmp(b.data, urls[i].key))
			x = try_expr(urls[i].spdx, strlen(urls[i].spdx));
	if (!x && b.len > 19 && !strncmp(b.data, "licenses.nuget.org/", 19))
		x = nuget_url(b.data + 19); /* the expression; ids are case-blind */
	if (!x && b.len > 29 && !strncmp(b.data, "creativecommons.org/licenses/", 29))
		x = cc_url(b.data + 29);
	for (i = 0; !x && b.len && i < sizeof(id_hosts) / sizeof(id_hosts[0]); i++)
		if (!strncmp(b.data, id_hosts[i], strlen(id_hosts[i])) &&
		    !strchr(b.data + strlen(id_hosts[i]), '/'))
			x = id_url(b.data + strlen(id_hosts[i]));
	buf_release(&b);
	return x;
}

/* --- compounds: "Apache 2.0 or MIT", "MIT/X11" ---------------------------- */

#define MAX_PARTS 16

struct parts {
	const char *s[MAX_PARTS];
	size_t n[MAX_PARTS];
	const char *op[MAX_PARTS]; /* op[i] joins part i to the ones before */
	size_t k;
};

/* The separator at s[0..n), if any: its length and SPDX operator. */
static size_t separator(const char *s, size_t n, const char **op)
{
	static const struct { const char *sep, *op; } seps[] = {
		{ " or ", "OR" }, { " and ", "AND" }, { " & ", "AND" }, { " / ", "OR" }, { "/", "OR" },
	};
	size_t i, l;

	for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
		l = strlen(seps[i].sep);
		if (n >= l && !strncasecmp(s, seps[i].sep, l)) {
			*op = seps[i].op;
			return l;
		}
	}
	return 0;
}

static int split(const char *s, size_t n, struct parts *p)
{
	size_t i = 0, start = 0, l;
	const char *op = NULL, *next = NULL;

	p->k = 0;
	while (i <= n) {
		l = i < n ? separator(s + i, n - i, &next) : 0;
		if (i < n && !l) {
			i++;
			continue;
		}
		if (p->k == MAX_PARTS)
			return -1;
		p->s[p->k] = s + start;
		p->n[p->k] = i - start;
		p->op[p->k++] = op;
		if (i == n)
			break;
		op = next;
		i += l;
		start = i;
	}
	return p->k > 1 ? 0 : -1;
}

/* Every part a name: their expressions joined; else NULL, *bad the part. */
static char *compound(const char *s, size_t n, int *amb, const char **bad, size_t *badn)
{
	struct parts p;
	struct buf b = BUF_INIT;
	char *x = NULL, *one;
	size_t i;

	if (split(s, n, &p) < 0)
		return NULL;
	for (i = 0; i < p.k; i++) {
		if (!(one = one_name(p.s[i], p.n[i], amb))) {
			*bad = p.s[i];
			*badn = p.n[i];
			buf_release(&b);
			return NULL;
		}
		buf_printf(&b, "%s%s%s(%s)", i ? " " : "", i ? p.op[i] : "", i ? " " : "", one);
		free(one);
	}
	x = try_expr(b.data, b.len);
	buf_release(&b);
	return x;
}

/* --- Debian (DEP-5) License lines ------------------------------------------ */

static char *dep5_exception(const char *kw, size_t n)
{
	static const struct alias exc[] = {
		{ "font", "Font-exception-2.0" },	  { "classpath", "Classpath-exception-2.0" },
		{ "bison", "Bison-exception-2.2" },	  { "libtool", "Libtool-exception" },
		{ "llvm", "LLVM-exception" },		  { "qt", "Qt-LGPL-exception-1.1" },
	};
	char id[64];
	const struct lic_info *li;
	size_t i;

	for (i = 0; i < sizeof(exc) / sizeof(exc[0]); i++)
		if (n == strlen(exc[i].key) && !strncasecmp(kw, exc[i].key, n))
			return xstrdup(exc[i].spdx);
	if (n > 40)
		return NULL;
	snprintf(id, sizeof(id), "%.*s-exception", (int)n, kw);
	li = lic_find(id, strlen(id));
	return li && li->exception ? xstrdup(li->id) : NULL;
}

static int word_is(const char *w, size_t n, const char *lit)
{
	return n == strlen(lit) && !strncasecmp(w, lit, n);
}

/* One comma-separated segment: "GPL-2+ or Artistic-2.0 with Font exception". */
static int dep5_segment(const char *s, size_t n, struct buf *out, struct mani_spdx *m)
{
	const char *end = s + n, *w;
	size_t wn;
	int amb = 0;

	while (s < end) {
		while (s < end && isspace((unsigned char)*s))
			s++;
		for (w = s; s < end && !isspace((unsigned char)*s); s++)
			;
		if (!(wn = (size_t)(s - w)))
			break;
		if (word_is(w, wn, "or") || word_is(w, wn, "and")) {
			buf_printf(out, " %s ", toupper((unsigned char)*w) == 'O' ? "OR" : "AND");
		} else if (word_is(w, wn, "with")) {
			const char *kw;
			char *exc;

			while (s < end && isspace((unsigned char)*s))
				s++;
			for (kw = s; s < end && !isspace((unsigned char)*s); s++)
				;
			if (!(exc = dep5_exception(kw, (size_t)(s - kw)))) {
				char *q = mani_quote(kw, (size_t)(s - kw));

				buf_reset(out);
				buf_printf(out, "unknown license exception %s, not an SPDX expression", q);
				m->problem = buf_take(out);
				free(q);
				return -1;
			}
			buf_printf(out, " WITH %s", exc);
			free(exc);
			while (s < end && isspace((unsigned char)*s))
				s++;
			for (kw = s; s < end && !isspace((unsigned char)*s); s++)
				;
			if (!word_is(kw, (size_t)(s - kw), "exception"))
				s = kw;
		} else {
			char *x = one_name(w, wn, &amb);

			if (!x) {
				char *q = mani_quote(w, wn);

				buf_reset(out);
				buf_printf(out, amb ? "ambiguous license name %s, not an SPDX expression"
						    : "not an SPDX expression: %s", q);
				m->problem = buf_take(out);
				free(q);
				return -1;
			}
			buf_printf(out, strchr(x, ' ') ? "(%s)" : "%s", x); /* WITH needs a bare id */
			free(x);
		}
	}
	return 0;
}

/* "A or B, and C": commas bind loosest, each starts with and/or. */
static void dep5(const char *s, size_t n, struct mani_spdx *m)
{
	struct buf out = BUF_INIT, seg = BUF_INIT;
	const char *end = s + n, *comma;
	struct perr e;

	while (s < end) {
		const char *op = NULL;

		comma = memchr(s, ',', (size_t)(end - s));
		if (!comma)
			comma = end;
		while (s < comma && isspace((unsigned char)*s))
			s++;
		if (out.len) {
			if ((size_t)(comma - s) > 3 && !strncasecmp(s, "or ", 3))
				op = "OR", s += 3;
			else if ((size_t)(comma - s) > 4 && !strncasecmp(s, "and ", 4))
				op = "AND", s += 4;
			else
				op = "AND"; /* "A, B": both apply */
		}
		buf_reset(&seg);
		if (dep5_segment(s, (size_t)(comma - s), &seg, m) < 0)
			goto out;
		if (op) {
			char *prev = buf_take(&out);

			buf_printf(&out, "(%s) %s (%s)", prev, op, seg.data ? seg.data : "");
			free(prev);
		} else {
			buf_printf(&out, "%s", seg.data ? seg.data : "");
		}
		s = comma < end ? comma + 1 : end;
	}
	if (!out.len) {
		m->problem = xstrdup("empty license");
	} else if (!(m->expression = expr_canonical(out.data, out.len, &e))) {
		buf_reset(&seg);
		buf_printf(&seg, "not an SPDX expression: %s", e.msg);
		m->problem = buf_take(&seg);
	}
out:
	buf_release(&out);
	buf_release(&seg);
}

/* --- the entry point ----------------------------------------------------- */

static void problem(struct mani_spdx *m, const char *fmt, const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	char *q = mani_quote(s, n);

	buf_printf(&b, fmt, q);
	m->problem = buf_take(&b);
	free(q);
}

static int has_word(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w), i;

	for (i = 0; i + l <= n; i++)
		if (!strncasecmp(s + i, w, l))
			return 1;
	return 0;
}

/* When a GNU name became "-only" without saying so. */
static void only_note(const char *raw, size_t n, struct mani_spdx *m)
{
	if (m->expression && strstr(m->expression, "-only") && !has_word(raw, n, "only"))
		m->note = xstrdup("the name does not say 'only' or 'or later'; read as -only");
}

static void special(const char *s, size_t n, struct mani_spdx *m)
{
	if (n > 15 && !strncasecmp(s, "SEE LICENSE IN ", 15))
		problem(m, "license in file %s (SEE LICENSE IN), not an SPDX expression", s + 15,
			n - 15);
	else if (word_is(s, n, "UNLICENSED"))
		m->problem = xstrdup("UNLICENSED: no license is granted (npm), not an SPDX "
				     "expression");
}

void mani_spdx(const char *raw, size_t len, unsigned flags, struct mani_spdx *m)
{
	const char *s = raw, *bad = NULL;
	size_t n = len, badn = 0;
	int amb = 0;

	memset(m, 0, sizeof(*m));
	trim(&s, &n);
	if (!n) {
		m->problem = xstrdup("empty license");
		return;
	}
	if (n > NAME_MAX_BYTES || memchr(s, '\n', n)) {
		problem(m, "not an SPDX expression (a text, not a name): %s", s, n);
		return;
	}
	if (flags & MANI_DEP5) {
		dep5(s, n, m);
		return;
	}
	special(s, n, m);
	if (m->problem)
		return;
	if ((m->expression = try_expr(s, n))) {
		only_note(s, n, m);
		return;
	}
	if (is_url(s, n)) {
		if (!(m->expression = from_url(s, n)))
			problem(m, "license URL not recognised, not an SPDX expression: %s", s, n);
		only_note(s, n, m);
		return;
	}
	if ((m->expression = one_name(s, n, &amb)) ||
	    (!amb && (m->expression = compound(s, n, &amb, &bad, &badn)))) {
		only_note(s, n, m);
		if (!m->note && memchr(s, '/', n) && strstr(m->expression, " OR "))
			m->note = xstrdup(flags & MANI_SLASH_OR ? "'/' is OR (old Cargo syntax)"
								: "'/' read as OR");
		return;
	}
	if (amb)
		problem(m, "ambiguous license name %s, not an SPDX expression", bad ? bad : s,
			bad ? badn : n);
	else
		problem(m, "not an SPDX expression: %s", s, n);
}

void mani_spdx_release(struct mani_spdx *m)
{
	free(m->expression);
	free(m->problem);
	free(m->note);
	memset(m, 0, sizeof(*m));
}
