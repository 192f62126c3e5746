/* SPDX-License-Identifier: MIT */
/* test_copyright.c -- copyright statements as they are written in source
 * trees (kernel headers, GNU files, Apache NOTICEs, Python modules,
 * debian/copyright, HTML), and the look-alikes that are not statements
 * (code, license prose, templates, list items).  Each case gives the
 * findings expected, one a line: "START-END YEARS: HOLDER | HOLDER". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "copyright.h"
#include "detect.h"
#include "text.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct ccase {
	const char *text;
	const char *want; /* "" when nothing is a statement */
};

/* The findings of r in the form of ccase.want. */
static char *describe(const struct file_result *r)
{
	struct buf b = BUF_INIT;
	size_t i, j;

	for (i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		assert_int_equal(f->kind, FK_COPYRIGHT);
		buf_printf(&b, "%s%u-%u %s:", i ? "\n" : "", f->start_line, f->end_line,
			   f->years ? f->years : "-");
		for (j = 0; j < f->nholders; j++)
			buf_printf(&b, "%s%s", j ? " | " : " ", f->holders[j]);
	}
	return buf_take(&b);
}

static void check_cases(const struct ccase *c, size_t n)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < n; i++) {
		struct file_result r;
		char *got;

		result_init(&r);
		copy_find(c[i].text, strlen(c[i].text), &r);
		got = describe(&r);
		if (strcmp(got, c[i].want)) {
			print_error("case %zu:\n%s\n  got  '%s'\n  want '%s'\n", i, c[i].text, got,
				    c[i].want);
			bad++;
		}
		free(got);
		result_release(&r);
	}
	assert_int_equal(bad, 0);
}

/* The headers of kernel files, comment prefixes and all. */
static const struct ccase kernel[] = {
	{ "// SPDX-License-Identifier: GPL-2.0\n/*\n *  linux/kernel/fork.c\n *\n"
	  " *  Copyright (C) 1991, 1992  Linus Torvalds\n */\n",
	  "5-5 1991, 1992: Linus Torvalds" },
	{ "/*\n * Copyright (C) 2001 Andrea Arcangeli <andrea@suse.de> SuSE\n"
	  " * Copyright (C) 2002 Red Hat, Inc., Ingo Molnar\n */\n",
	  "2-2 2001: Andrea Arcangeli SuSE\n3-3 2002: Red Hat, Inc., Ingo Molnar" },
	{ " * (C) Copyright 2001 Jens Axboe <axboe@kernel.dk>\n",
	  "1-1 2001: Jens Axboe" },
	{ " * Copyright IBM Corp. 2007\n", "1-1 2007: IBM Corp." },
	{ " * Copyright (C) Shailabh Nagar, IBM Corp. 2006\n", "1-1 2006: Shailabh Nagar, IBM Corp." },
	{ " *\tCopyright (c) 2004 Evgeniy Polyakov <zbr@ioremap.net>\n",
	  "1-1 2004: Evgeniy Polyakov" },
	{ " * Copyright (c) 2001 Ben Greear,\n *   2002 Daniel Phillips\n",
	  "1-2 2001, 2002: Ben Greear | Daniel Phillips" },
	{ " * Copyright (C) 2002, 2003\n *\tJane Doe <jane@doe.org>\n *\n * This program is free\n",
	  "1-2 2002, 2003: Jane Doe" },
	{ " * Copyright (C) 2007\n *\n * This program is free software\n", "1-1 2007:" },
	{ " * Copyright (C) 1998-9 Tim Waugh <tim@cyberelk.demon.co.uk>\n",
	  "1-1 1998-9: Tim Waugh" },
	{ " * Copyright (c) 2003+ Evgeniy Polyakov <johnpol@2ka.mxt.ru>\n",
	  "1-1 2003+: Evgeniy Polyakov" },
	{ " * (C) 2003 Foo Bar (foo@bar.com)\n", "1-1 2003: Foo Bar" },
	{ " * Copyright (c) David L. Mills 1993                                 *\n",
	  "1-1 1993: David L. Mills" },
	{ " *  Copyright (c) 1994-2003 by Jaroslav Kysela <perex@perex.cz>, Abramo Bagnara "
	  "<abramo@alsa-project.org>\n",
	  "1-1 1994-2003: Jaroslav Kysela, Abramo Bagnara" },
	{ " * Copyright (C) Pavel Machek, pavel@ucw.cz.\n", "1-1 -: Pavel Machek" },
	{ " * Copyright (C) Sistina Software, Inc.  1997-2003  All rights reserved.\n",
	  "1-1 1997-2003: Sistina Software, Inc." },
	{ " * (C)2002 Rusty Russell IBM -- This code is GPL.\n", "1-1 2002: Rusty Russell IBM" },
	{ " * Copyright 2007-2010 Freescale Semiconductor, Inc.\n",
	  "1-1 2007-2010: Freescale Semiconductor, Inc." },
	{ " * Copyright (C) 2015-2019 Jason A. Donenfeld <Jason@zx2c4.com>. All Rights Reserved.\n",
	  "1-1 2015-2019: Jason A. Donenfeld" },
};

/* GNU files, autoconf, texinfo, and the FSF line inside the GPL itself. */
static const struct ccase gnu[] = {
	{ "/* Copyright (C) 1991-2022 Free Software Foundation, Inc.\n   This file is part of the "
	  "GNU C Library.\n",
	  "1-1 1991-2022: Free Software Foundation, Inc." },
	{ "dnl Copyright (C) 1996-2021 Free Software Foundation, Inc.\n",
	  "1-1 1996-2021: Free Software Foundation, Inc." },
	{ " Copyright (C) 1989, 1991 Free Software Foundation, Inc.,\n"
	  " 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA\n",
	  "1-1 1989, 1991: Free Software Foundation, Inc." },
	{ " Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>\n"
	  " Everyone is permitted to copy and distribute verbatim copies\n",
	  "1-1 2007: Free Software Foundation, Inc." },
	{ "Copyright @copyright{} 2020 Free Software Foundation, Inc.\n",
	  "1-1 2020: Free Software Foundation, Inc." },
	{ "# Copyright (C) 1994-2021 Free Software Foundation, Inc.\n#\n# This Makefile.in is free "
	  "software; the Free Software Foundation\n",
	  "1-1 1994-2021: Free Software Foundation, Inc." },
	{ " Copyright (C) 1987, 1988 Student Information Processing Board of the\n"
	  " Massachusetts Institute of Technology.\n",
	  "1-2 1987, 1988: Student Information Processing Board of the Massachusetts Institute of "
	  "Technology" },
	{ ";; Copyright (C) 1985-2022 Free Software Foundation, Inc.\n",
	  "1-1 1985-2022: Free Software Foundation, Inc." },
};

/* Apache NOTICE files, BSD and MIT headers, other projects' habits. */
static const struct ccase notices[] = {
	{ "Apache Commons Lang\nCopyright 2001-2021 The Apache Software Foundation\n\n"
	  "This product includes software developed at\nThe Apache Software Foundation "
	  "(https://www.apache.org/).\n",
	  "2-2 2001-2021: The Apache Software Foundation" },
	{ "// Copyright 2012 The Chromium Authors. All rights reserved.\n"
	  "// Use of this source code is governed by a BSD-style license that can be\n",
	  "1-1 2012: The Chromium Authors" },
	{ "// Copyright (c) Microsoft Corporation. All rights reserved.\n"
	  "// Licensed under the MIT License.\n",
	  "1-1 -: Microsoft Corporation" },
	{ " * Copyright (c) 1990, 1993\n *\tThe Regents of the University of California.  All rights "
	  "reserved.\n",
	  "1-2 1990, 1993: The Regents of the University of California" },
	{ "Portions Copyright (c) 1996-2022, PostgreSQL Global Development Group\n",
	  "1-1 1996-2022: PostgreSQL Global Development Group" },
	{ " * Some portions copyright (C) 2007 Cluster File Systems, Inc\n",
	  "1-1 2007: Cluster File Systems, Inc" },
	{ "Copyright (c) 1998, 1999, 2000 Thai Open Source Software Center Ltd\n"
	  "                               and Clark Cooper\n",
	  "1-2 1998, 1999, 2000: Thai Open Source Software Center Ltd and Clark Cooper" },
	{ "Copyright (c) 2002-2020 Foo Inc - All Rights Reserved\n", "1-1 2002-2020: Foo Inc" },
	{ "Copyright (c) 2020 Jane Doe and others.\n", "1-1 2020: Jane Doe and others" },
	{ "Copyright (c) 2015 Jane Doe et al.\n", "1-1 2015: Jane Doe et al." },
	{ "Copyright (c) 2020 Foo Labs. Licensed under the MIT License.\n", "1-1 2020: Foo Labs" },
	{ "// Copyright 2018-present Facebook, Inc.\n", "1-1 2018-present: Facebook, Inc." },
	{ "// (C) Copyright Jeremy Siek 2000. Permission to copy, use, modify,\n",
	  "1-1 2000: Jeremy Siek" },
	{ "// \xc2\xa9 2016 and later: Unicode, Inc. and others.\n",
	  "1-1 2016 and later: Unicode, Inc. and others" },
	{ "Copyright (C) 1995-2017 Jean-loup Gailly and Mark Adler\n",
	  "1-1 1995-2017: Jean-loup Gailly and Mark Adler" },
	{ "(C) 1995 Mark Adler\n", "1-1 1995: Mark Adler" },
	{ "Copyright 2020 Will Smith\n", "1-1 2020: Will Smith" },
	{ "\xc2\xa9 2003 He Qiangqiang\n", "1-1 2003: He Qiangqiang" },
	{ "\xc2\xa9 2003-2007 I\xc3\xb1" "aki Larra\xc3\xb1" "aga\n",
	  "1-1 2003-2007: I\xc3\xb1" "aki Larra\xc3\xb1" "aga" },
	{ "(c) 2001 AT&T Labs\n", "1-1 2001: AT&T Labs" },
	{ "Copyright: 2011\xe2\x80\x94" "2021 pkgconf authors\n",
	  "1-1 2011\xe2\x80\x94" "2021: pkgconf authors" },
	{ "Copyright (c) 1999 by Secret Labs AB.\n", "1-1 1999: Secret Labs AB" },
	{ " * Copyright (C) 1996, 1997, 1998 Theodore Ts'o.\n",
	  "1-1 1996, 1997, 1998: Theodore Ts'o" },
	{ "Copyright (c) 2001 A. Smith. Copyright (c) 2004 B. Jones.\n",
	  "1-1 2001: A. Smith\n1-1 2004: B. Jones" },
	{ "-- Copyright (c) 2010 Foo Ltd.\n", "1-1 2010: Foo Ltd." },
	{ "REM Copyright (c) 2019 Contoso Ltd.\n", "1-1 2019: Contoso Ltd." },
	{ "; Copyright 2015, Jane Roe <jane@roe.net>\n", "1-1 2015: Jane Roe" },
	{ "Copyright 2008 by the Bar project\n", "1-1 2008: the Bar project" },
	{ "Copyright \xc2\xa9 2016\xe2\x80\x93" "2019 J\xc3\xbcrgen M\xc3\xbcller\n",
	  "1-1 2016\xe2\x80\x93" "2019: J\xc3\xbcrgen M\xc3\xbcller" },
	{ "\xc2\xa9 2020 Foo Inc.\n", "1-1 2020: Foo Inc." },
	{ "/* (c) Baz */\n", "1-1 -: Baz" },
	{ "Copyright Jane Doe\n", "1-1 -: Jane Doe" },
	{ "Copyright (c) 2011-2014 PLUMgrid, http://plumgrid.com\n", "1-1 2011-2014: PLUMgrid" },
	{ "Copyright (c) 2020 https://example.org\n", "1-1 2020: https://example.org" },
	{ "\xc2\xa9 maximilian.huber@tngtech.com\n", "1-1 -: maximilian.huber@tngtech.com" },
};

/* Strings and keys of code and data files. */
static const struct ccase keys[] = {
	{ "__copyright__ = \"Copyright (c) 2019 Jane Doe\"\n", "1-1 2019: Jane Doe" },
	{ "__copyright__ = '2019, Jane Doe'\n", "1-1 2019: Jane Doe" },
	{ "__copyright__ = \"Jane Doe\"\n", "1-1 -: Jane Doe" },
	{ "copyright = u'2019-2020, The Sphinx Team'\n", "1-1 2019-2020: The Sphinx Team" },
	{ "    \"copyright\": \"2018 Acme Corp\",\n", "1-1 2018: Acme Corp" },
	{ "#define COPYRIGHT \"Copyright (c) 2003 Foo Corp\"\n", "1-1 2003: Foo Corp" },
	{ "\tprintf(\"Copyright (C) 2020 Foo Software\\n\");\n", "1-1 2020: Foo Software" },
	{ " * @copyright 2015 Acme GmbH\n", "1-1 2015: Acme GmbH" },
	{ "keep the notice, i.e. \"Copyright (c) 2001, 2002,\n2003 Example Foundation;\n"
	  "All Rights Reserved\" in all copies.\n",
	  "1-3 2001, 2002, 2003: Example Foundation" },
	{ "# (c) 2005 Ian Bicking and contributors; written for Paste (http://pythonpaste.org)\n",
	  "1-1 2005: Ian Bicking and contributors" },
	{ "msgid \"\"\nmsgstr \"\"\n\"Copyright (C) 2021 The Foo Translators\\n\"\n",
	  "3-3 2021: The Foo Translators" },
};

/* debian/copyright, DEP-5 and free form. */
static const struct ccase debian[] = {
	{ "Files: *\nCopyright: 2008-2010 Foo Bar <foo@example.com>\n"
	  "           2011 Baz Qux <baz@example.com>\nLicense: GPL-2+\n",
	  "2-3 2008-2010, 2011: Foo Bar | Baz Qux" },
	{ "Files: src/*\nCopyright: Jane Doe <jane@example.org>\n John Roe <john@example.org>\n"
	  " .\nLicense: MIT\n",
	  "2-3 -: Jane Doe | John Roe" },
	{ "Files: debian/*\nCopyright: \xc2\xa9 2019 Debian Maintainer <dm@debian.org>\n"
	  "License: GPL-2+\n",
	  "2-2 2019: Debian Maintainer" },
	{ "Files: icons/*\nCopyright: \xc2\xa9 Ulisse Perusin\n \xc2\xa9 2004 Lapo Calamandrei\n"
	  "License: CC-BY-SA-3.0\n",
	  "2-3 2004: Ulisse Perusin | Lapo Calamandrei" },
	{ "Files: contrib/*\nCopyright: Not applicable\nLicense: public-domain\n", "" },
	{ "This package was debianized by Joe <joe@example.org>.\n\n"
	  "Copyright:\n\n    Copyright (C) 2001-2004 Upstream Author\n\nLicense:\n",
	  "5-5 2001-2004: Upstream Author" },
};

/* HTML and markup. */
static const struct ccase html[] = {
	{ "<footer>&copy; 2021 Example Corp.</footer>\n", "1-1 2021: Example Corp." },
	{ "<p>Copyright &copy; 2005-2010 Foo Bar</p>\n", "1-1 2005-2010: Foo Bar" },
	{ "<div class=\"copyright\">&#169; 2019 Acme, Inc.</div>\n", "1-1 2019: Acme, Inc." },
	{ "<!-- Copyright (c) 2017 Jane Doe -->\n<html>\n", "1-1 2017: Jane Doe" },
	{ "<footer>&copy; 2021 Smith &amp; Sons</footer>\n", "1-1 2021: Smith & Sons" },
	{ "\\copyright{} 2012 Jane Doe\n", "1-1 2012: Jane Doe" },
};

/* Not statements: code, license prose, templates, headings, list items. */
static const struct ccase traps[] = {
	{ "copyright = get_copyright()\n", "" },
	{ "\tself.copyright = copyright\n", "" },
	{ "#define COPYRIGHT\n", "" },
	{ "#ifndef COPYRIGHT_H\n#define COPYRIGHT_H 1\n", "" },
	{ "char *copyright;\t/* The copyright for this file */\n", "" },
	{ "PyAPI_FUNC(const char *) Py_GetCopyright(void);\n", "" },
	{ "<p>{{ copyright }}</p>\n", "" },
	{ "<meta name=\"copyright\" content=\"Acme\">\n", "" },
	{ " * @copyright\n * @license MIT\n", "" },
	{ "  --copyright    print the copyright and exit\n", "" },
	{ "Copyright notice\n================\n", "" },
	{ "COPYRIGHT AND PERMISSION NOTICE\n", "" },
	{ "Copyright and related rights are waived via CC0.\n", "" },
	{ " * 1. Redistributions of source code must retain the above copyright\n"
	  " *    notice, this list of conditions and the following disclaimer.\n",
	  "" },
	{ "THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS \"AS IS\"\n", "" },
	{ "IN NO EVENT SHALL THE COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR ANY\n", "" },
	{ "The above copyright notice and this permission notice shall be included in\n", "" },
	{ "Copyright (c) <year> <copyright holders>\n", "" },
	{ "   Copyright [yyyy] [name of copyright owner]\n", "" },
	{ "    Copyright (C) <year>  <name of author>\n", "" },
	{ "Copyright (c) [year] [fullname]\n", "" },
	{ "    Gnomovision version 69, Copyright (C) year name of author\n", "" },
	{ "  (a) the first condition;\n  (b) the second;\n  (c) You must retain all notices\n", "" },
	{ "   if (c) x = 1;\n", "" },
	{ "#define isdigit(c) ((c) >= '0' && (c) <= '9')\n", "" },
	{ "The copyright of this file belongs to Foo.\n", "" },
	{ " * This is free software; see Copyright file in the source\n", "" },
	{ "SPDX-FileCopyrightText: 2019 Jane Doe\n", "" }, /* the tag finder's */
	{ "# SPDX-FileCopyrightText: Copyright (c) 2019 Jane Doe\n", "" },
	{ "Copyright (c)\n", "" },
	{ "the WIPO Copyright Treaty adopted on December 20, 1996, and/or similar\n", "" },
	{ "Copyright Treaty adopted on December 20, 1996, and/or similar international\n", "" },
	{ "Copyright (C) [dates of first publication] Silicon Graphics, Inc.\n", "" },
	{ "\xc2\xa9\n", "" },
	{ "", "" },
};

static void test_kernel(void **state)
{
	(void)state;
	check_cases(kernel, ARRAY_SIZE(kernel));
}

static void test_gnu(void **state)
{
	(void)state;
	check_cases(gnu, ARRAY_SIZE(gnu));
}

static void test_notices(void **state)
{
	(void)state;
	check_cases(notices, ARRAY_SIZE(notices));
}

static void test_keys(void **state)
{
	(void)state;
	check_cases(keys, ARRAY_SIZE(keys));
}

static void test_debian(void **state)
{
	(void)state;
	check_cases(debian, ARRAY_SIZE(debian));
}

static void test_html(void **state)
{
	(void)state;
	check_cases(html, ARRAY_SIZE(html));
}

static void test_traps(void **state)
{
	(void)state;
	check_cases(traps, ARRAY_SIZE(traps));
}

static struct file_result find(const char *text)
{
	struct file_result r;

	result_init(&r);
	copy_find(text, strlen(text), &r);
	return r;
}

/* text: the statement as written, comment markers of later lines and
 * what follows the statement left out. */
static void test_text(void **state)
{
	struct file_result r = find("/*\n * Copyright (c) 2001 A,\n *   2002 B\n */\n"
				    "# (C) 2020 Foo. All rights reserved. Use it well.\n"
				    "__copyright__ = '2019, Jane Doe'  # noqa\n");

	(void)state;
	assert_int_equal(r.nfindings, 3);
	assert_string_equal(r.findings[0].text, "Copyright (c) 2001 A, 2002 B");
	assert_string_equal(r.findings[1].text, "(C) 2020 Foo. All rights reserved.");
	assert_string_equal(r.findings[2].text, "__copyright__ = '2019, Jane Doe'");
	result_release(&r);
}

/* Line numbers follow text.h: \r\n and a lone \r end lines too. */
static void test_line_endings(void **state)
{
	struct file_result r = find("a\r\nb\rc\n\r\n# Copyright (c) 2001 A,\r#   2002 B\r\n"
				    "x\r(C) 2003 C\n");

	(void)state;
	assert_int_equal(r.nfindings, 2);
	assert_int_equal(r.findings[0].start_line, 5);
	assert_int_equal(r.findings[0].end_line, 6);
	assert_int_equal(r.findings[1].start_line, 8);
	assert_int_equal(r.findings[1].end_line, 8);
	result_release(&r);
}

/* A statement on a huge line is cut, at a UTF-8 boundary. */
static void test_long_line(void **state)
{
	struct buf b = BUF_INIT;
	struct file_result r;
	int i;

	(void)state;
	buf_adds(&b, "Copyright (c) 2020 ");
	for (i = 0; i < 2000; i++)
		buf_adds(&b, "\xc3\xa9");
	buf_adds(&b, " and more (c) 2021 X\n");
	result_init(&r);
	copy_find(b.data, b.len, &r);
	assert_true(r.nfindings >= 1);
	assert_true(strlen(r.findings[0].text) <= COPY_TEXT_MAX);
	assert_int_equal(text_utf8_len((const unsigned char *)r.findings[0].text,
				       strlen(r.findings[0].text)),
			 strlen(r.findings[0].text));
	assert_string_equal(r.findings[0].years, "2020");
	result_release(&r);
	buf_release(&b);
}

/* The prefilter reads blocks of 16 or 32 bytes and finishes byte by byte:
 * a statement is found wherever it stands against those boundaries. */
static void test_block_edges(void **state)
{
	static const char stmt[] = "(c) 2020 Foo Bar\n";
	char t[256];
	size_t pad, tail;

	(void)state;
	for (pad = 0; pad < 140; pad++) { /* past two 64-byte steps */
		for (tail = 0; tail < 40; tail += 3) {
			struct file_result r;
			size_t n = pad + strlen(stmt) + tail;

			memset(t, '(', n); /* every byte a half candidate */
			t[pad ? pad - 1 : 0] = '\n';
			memcpy(t + pad, stmt, strlen(stmt));
			result_init(&r);
			copy_find(t, n, &r);
			assert_int_equal(r.nfindings, 1);
			assert_int_equal(r.findings[0].start_line, pad ? 2 : 1);
			assert_string_equal(r.findings[0].holders[0], "Foo Bar");
			result_release(&r);
		}
	}
}

/* copy_parse: one statement, e.g. an SPDX-FileCopyrightText value. */
static void test_parse(void **state)
{
	static const struct {
		const char *s, *years, *holder;
	} v[] = {
		{ "2019 Jane Doe <jane@example.org>", "2019", "Jane Doe" },
		{ "Copyright (c) 2020 ACME Inc.", "2020", "ACME Inc." },
		{ "\xc2\xa9 2018-2021 The Foo Authors", "2018-2021", "The Foo Authors" },
		{ "Jane Doe", NULL, "Jane Doe" },
		{ "2020", "2020", NULL },
		{ "jane@example.org", NULL, "jane@example.org" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(v); i++) {
		struct file_result r;
		struct finding *f;

		result_init(&r);
		f = result_add(&r);
		assert_int_equal(copy_parse(v[i].s, strlen(v[i].s), f), strlen(v[i].s));
		if (v[i].years)
			assert_string_equal(f->years, v[i].years);
		else
			assert_null(f->years);
		assert_int_equal(f->nholders, v[i].holder ? 1 : 0);
		if (v[i].holder)
			assert_string_equal(f->holders[0], v[i].holder);
		result_release(&r);
	}
}

/* An SPDX-FileCopyrightText line is one finding, not two, with the tag's
 * text and the value split by the same parser. */
static void test_spdx_once(void **state)
{
	static const char t[] = "// SPDX-FileCopyrightText: \xc2\xa9 2019 Jane Doe <jane@x.org>\n"
				"// SPDX-License-Identifier: MIT\n"
				"// Copyright (c) 2020 John Roe\n";
	struct detect_opts o = { NULL, 90 };
	struct detect *d = detect_new(&o);
	struct file_result r;
	size_t i, n = 0;

	(void)state;
	result_init(&r);
	detect_text(d, t, strlen(t), &r);
	for (i = 0; i < r.nfindings; i++) {
		const struct finding *f = &r.findings[i];

		if (f->kind != FK_COPYRIGHT)
			continue;
		n++;
		assert_int_equal(f->nholders, 1);
		if (f->start_line == 1) {
			assert_string_equal(f->text,
					    "SPDX-FileCopyrightText: \xc2\xa9 2019 Jane Doe <jane@x.org>");
			assert_string_equal(f->holders[0], "Jane Doe");
			assert_string_equal(f->years, "2019");
		} else {
			assert_int_equal(f->start_line, 3);
			assert_string_equal(f->holders[0], "John Roe");
		}
	}
	assert_int_equal(n, 2);
	assert_string_equal(r.expression, "MIT");
	result_release(&r);
	detect_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel),	 cmocka_unit_test(test_gnu),
		cmocka_unit_test(test_notices),	 cmocka_unit_test(test_keys),
		cmocka_unit_test(test_debian),	 cmocka_unit_test(test_html),
		cmocka_unit_test(test_traps),	 cmocka_unit_test(test_text),
		cmocka_unit_test(test_line_endings), cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_parse),	 cmocka_unit_test(test_spdx_once),
		cmocka_unit_test(test_block_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
