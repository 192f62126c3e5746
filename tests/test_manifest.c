/* SPDX-License-Identifier: MIT */
/* test_manifest.c -- package manifests: which names are read, the package
 * and declared license of each format (real-looking files written here),
 * malformed and oversized ones, license names to SPDX, the TOML and XML
 * readers, DEP-5 / REUSE.toml stanzas and their globs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "expr.h"
#include "manifest.h"
#include "toml.h"
#include "xml.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Equal strings, NULL equal only to NULL; says which on failure. */
#define assert_str(got, want) assert_str_at((got), (want), __FILE__, __LINE__)

static void assert_str_at(const char *got, const char *want, const char *file, int line)
{
	if ((!got && !want) || (got && want && !strcmp(got, want)))
		return;
	print_error("%s:%d: got %s%s%s, want %s%s%s\n", file, line, got ? "'" : "",
		    got ? got : "NULL", got ? "'" : "", want ? "'" : "", want ? want : "NULL",
		    want ? "'" : "");
	fail();
}

static void assert_has(const char *s, const char *part)
{
	if (!s || !strstr(s, part)) {
		print_error("'%s' does not contain '%s'\n", s ? s : "NULL", part);
		fail();
	}
}

static struct file_result *scan(const char *path, const char *text)
{
	struct file_result *r = calloc(1, sizeof(*r));

	assert_non_null(r);
	result_init(r);
	r->path = strdup(path);
	assert_int_equal(mani_read(path, text, strlen(text), r), 1);
	return r;
}

static void done(struct file_result *r)
{
	result_release(r);
	free(r);
}

static void assert_pkg(const struct package *p, const char *eco, const char *ns,
		       const char *name, const char *version, const char *declared)
{
	assert_str(p->ecosystem, eco);
	assert_str(p->namespace, ns);
	assert_str(p->name, name);
	assert_str(p->version, version);
	assert_str(p->declared, declared);
}

/* The license finding: manifest method, rule, line, expression. */
static const struct finding *lic(const struct file_result *r, size_t i, const char *rule,
				 unsigned line, const char *expr)
{
	const struct finding *f;

	assert_true(i < r->nfindings);
	f = &r->findings[i];
	assert_int_equal(f->kind, FK_LICENSE);
	assert_int_equal(f->method, FM_MANIFEST);
	assert_str(f->rule, rule);
	assert_int_equal(f->start_line, line);
	assert_str(f->expression, expr);
	if (expr)
		assert_null(f->problem);
	else
		assert_non_null(f->problem);
	return f;
}

/* --- which files ------------------------------------------------------- */

static void test_find(void **state)
{
	static const struct {
		const char *path;
		int manifest;
	} cases[] = {
		{ "package.json", 1 },
		{ "src/package.json", 1 },
		{ "a.tgz!/package/package.json", 1 },
		{ "package.json.bak", 0 },
		{ "mypackage.json", 0 },
		{ "Cargo.toml", 1 },
		{ "cargo.toml", 0 },
		{ "x/pyproject.toml", 1 },
		{ "setup.cfg", 1 },
		{ "foo.egg-info/PKG-INFO", 1 },
		{ "w.whl!/foo-1.0.dist-info/METADATA", 1 },
		{ "docs/METADATA", 0 },
		{ ".dist-info/METADATA", 0 },
		{ "rails.gemspec", 1 },
		{ ".gemspec", 0 },
		{ "pom.xml", 1 },
		{ "Foo.Bar.nuspec", 1 },
		{ "debian/copyright", 1 },
		{ "pkg-1.0/debian/copyright", 1 },
		{ "a.tar!/debian/copyright", 1 },
		{ "copyright", 0 },
		{ "notdebian/copyright", 0 },
		{ ".reuse/dep5", 1 },
		{ "dep5", 0 },
		{ "REUSE.toml", 1 },
		{ "composer.json", 1 },
		{ "main.c", 0 },
		{ "", 0 },
	};
	struct file_result r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if ((mani_find(cases[i].path) >= 0) != cases[i].manifest) {
			print_error("%s\n", cases[i].path);
			fail();
		}
	}
	assert_int_equal(mani_find(NULL), -1);
	result_init(&r);
	assert_int_equal(mani_read("main.c", "{}", 2, &r), 0);
	assert_int_equal(r.nfindings + r.npackages, 0);
}

/* --- names to SPDX ------------------------------------------------------- */

static void check_name(const char *raw, unsigned flags, const char *want, const char *problem)
{
	struct mani_spdx m;

	mani_spdx(raw, strlen(raw), flags, &m);
	if (want) {
		if (!m.expression || strcmp(m.expression, want)) {
			print_error("'%s': got %s (%s), want %s\n", raw,
				    m.expression ? m.expression : "NULL",
				    m.problem ? m.problem : "", want);
			fail();
		}
		assert_null(m.problem);
	} else {
		if (m.expression) {
			print_error("'%s': got %s, want a problem\n", raw, m.expression);
			fail();
		}
		assert_has(m.problem, problem);
	}
	mani_spdx_release(&m);
}

static void test_names(void **state)
{
	static const char *const ok[][2] = {
		{ "MIT", "MIT" },
		{ "mit", "MIT" },
		{ "MIT License", "MIT" },
		{ "The MIT License (MIT)", "MIT" },
		{ "Expat", "MIT" },
		{ "Apache 2.0", "Apache-2.0" },
		{ "Apache-2", "Apache-2.0" },
		{ "Apache License, Version 2.0", "Apache-2.0" },
		{ "The Apache Software License, Version 2.0", "Apache-2.0" },
		{ "ASL 2.0", "Apache-2.0" },
		{ "GPLv2+", "GPL-2.0-or-later" },
		{ "GPL-2+", "GPL-2.0-or-later" },
		{ "GPL v3 or later", "GPL-3.0-or-later" },
		{ "GNU General Public License v2 or later (GPLv2+)", "GPL-2.0-or-later" },
		{ "GNU Lesser General Public License v2.1", "LGPL-2.1-only" },
		{ "LGPLv3", "LGPL-3.0-only" },
		{ "LGPL-2.1+", "LGPL-2.1-or-later" },
		{ "GNU Affero General Public License v3", "AGPL-3.0-only" },
		{ "BSD 3-Clause License", "BSD-3-Clause" },
		{ "New BSD License", "BSD-3-Clause" },
		{ "Simplified BSD", "BSD-2-Clause" },
		{ "2-clause BSD", "BSD-2-Clause" },
		{ "ISC License (ISCL)", "ISC" },
		{ "Eclipse Public License - v 1.0", "EPL-1.0" },
		{ "Eclipse Public License v2.0", "EPL-2.0" },
		{ "Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0" },
		{ "CC0 1.0 Universal", "CC0-1.0" },
		{ "Creative Commons Attribution 4.0 International", "CC-BY-4.0" },
		{ "Public Domain", "LicenseRef-public-domain" },
		{ "Boost Software License 1.0 (BSL-1.0)", "BSL-1.0" },
		{ "zlib/libpng License", "Zlib" },
		{ "The Unlicense (Unlicense)", "Unlicense" },
		{ "Python License (CNRI Python License)", "CNRI-Python" },
		{ "CeCILL-B Free Software License Agreement (CECILL-B)", "CECILL-B" },
		{ "MIT No Attribution License (MIT-0)", "MIT-0" },
		{ "GPL-2.0", "GPL-2.0-only" },
		{ "MIT OR Apache-2.0", "MIT OR Apache-2.0" },
		{ "(MIT AND BSD-2-Clause)", "MIT AND BSD-2-Clause" },
		{ "Apache 2.0 or MIT", "Apache-2.0 OR MIT" },
		{ "MIT/Apache-2.0", "MIT OR Apache-2.0" },
		{ "MIT & ISC", "MIT AND ISC" },
		{ "\"MIT\"", "MIT" },
		{ "Perl", "Artistic-1.0-Perl OR GPL-1.0-or-later" },
		{ "https://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0" },
		{ "http://www.apache.org/licenses/LICENSE-2.0.html", "Apache-2.0" },
		{ "http://opensource.org/licenses/MIT", "MIT" },
		{ "https://opensource.org/licenses/BSD-3-Clause", "BSD-3-Clause" },
		{ "https://spdx.org/licenses/ISC.html", "ISC" },
		{ "https://licenses.nuget.org/MIT", "MIT" },
		{ "https://licenses.nuget.org/MIT%20OR%20Apache-2.0", "MIT OR Apache-2.0" },
		{ "https://creativecommons.org/licenses/by-sa/4.0/", "CC-BY-SA-4.0" },
		{ "https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0" },
		{ "http://www.gnu.org/licenses/old-licenses/gpl-2.0.html", "GPL-2.0-only" },
		{ "https://www.mozilla.org/en-US/MPL/2.0/", "MPL-2.0" },
		{ "http://www.eclipse.org/legal/epl-v10.html", "EPL-1.0" },
	};
	static const char *const bad[][2] = {
		{ "BSD", "ambiguous license name 'BSD'" },
		{ "BSD License", "ambiguous license name 'BSD License'" },
		{ "GPL", "ambiguous license name 'GPL'" },
		{ "LGPL", "ambiguous" },
		{ "Apache Software License", "ambiguous" },
		{ "Apache", "ambiguous" },
		{ "BSD-style", "ambiguous" },
		{ "GPL/MIT", "ambiguous license name 'GPL'" },
		{ "Foo Public License", "not an SPDX expression: 'Foo Public License'" },
		{ "Proprietary", "not an SPDX expression: 'Proprietary'" },
		{ "SEE LICENSE IN LICENSE.md", "license in file 'LICENSE.md'" },
		{ "UNLICENSED", "UNLICENSED" },
		{ "", "empty license" },
		{ "   ", "empty license" },
		{ "Copyright (c) 2020 A\nPermission is hereby granted", "a text, not a name" },
		{ "https://github.com/acme/x/blob/main/LICENSE", "license URL not recognised" },
		{ "MIT OR", "not an SPDX expression" },
		{ "MIT*", "not an SPDX expression: 'MIT*'" },
		{ "Dual MIT/GPL", "not an SPDX expression" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ok); i++)
		check_name(ok[i][0], 0, ok[i][1], NULL);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		check_name(bad[i][0], 0, NULL, bad[i][1]);
}

/* Phrase rewrites may grow the text ("new bsd" -> "bsd 3 clause"); the
 * buffer did not (heap overflow found by fuzz_manifest under ASan). */
static void test_names_growing_rewrites(void **state)
{
	char raw[400];
	int i;

	/* every fill of the buffer, so one rewrite lands at its end */
	for (i = 1; i < 300; i++) {
		snprintf(raw, sizeof(raw), "%.*s revised bsd", i,
			 "x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x"
			 "x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x"
			 "x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x"
			 "x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x y x");
		check_name(raw, 0, NULL, "not an SPDX expression");
	}
	check_name("FreeBSD License", 0, "BSD-2-Clause", NULL);
	check_name("GNU FDL 1.3", 0, "GFDL-1.3-only", NULL);
	check_name("Revised BSD License", 0, "BSD-3-Clause", NULL);
}

static void test_names_notes(void **state)
{
	struct mani_spdx m;

	mani_spdx("GPLv2", 5, 0, &m);
	assert_str(m.expression, "GPL-2.0-only");
	assert_has(m.note, "-only");
	mani_spdx_release(&m);
	mani_spdx("GPL-2.0-only", 12, 0, &m);
	assert_null(m.note);
	mani_spdx_release(&m);
	mani_spdx("MIT/Apache-2.0", 14, MANI_SLASH_OR, &m);
	assert_str(m.expression, "MIT OR Apache-2.0");
	assert_has(m.note, "Cargo");
	mani_spdx_release(&m);
	mani_spdx("MIT", 3, 0, &m);
	assert_null(m.note);
	mani_spdx_release(&m);
}

/* Every row of the table: the key is what the normaliser makes of it
 * (else the row could never match) and the value is valid SPDX. */
static void test_alias_table(void **state)
{
	const char *key, *spdx;
	struct mani_spdx m;
	struct perr e;
	size_t i;
	char *want;

	for (i = 0; mani_alias_at(i, &key, &spdx); i++) {
		want = expr_canonical(spdx, strlen(spdx), &e);
		if (!want) {
			print_error("row '%s': '%s' is not valid SPDX: %s\n", key, spdx, e.msg);
			fail();
		}
		mani_spdx(key, strlen(key), 0, &m);
		if (!m.expression || strcmp(m.expression, want)) {
			print_error("row '%s' -> %s, want %s\n", key,
				    m.expression ? m.expression : m.problem, want);
			fail();
		}
		mani_spdx_release(&m);
		free(want);
	}
	assert_true(i > 100);
}

static void test_names_dep5(void **state)
{
	check_name("GPL-2+ or Artistic-2.0, and BSD-3-clause", MANI_DEP5,
		   "(GPL-2.0-or-later OR Artistic-2.0) AND BSD-3-Clause", NULL);
	check_name("GPL-2+ with Font exception", MANI_DEP5,
		   "GPL-2.0-or-later WITH Font-exception-2.0", NULL);
	check_name("GPL-3+ with Classpath exception", MANI_DEP5,
		   "GPL-3.0-or-later WITH Classpath-exception-2.0", NULL);
	check_name("public-domain", MANI_DEP5, "LicenseRef-public-domain", NULL);
	check_name("LGPL-2.1+", MANI_DEP5, "LGPL-2.1-or-later", NULL);
	check_name("Expat", MANI_DEP5, "MIT", NULL);
	check_name("GPL-2", MANI_DEP5, "GPL-2.0-only", NULL);
	check_name("Apache-2.0 and MPL-2.0", MANI_DEP5, "Apache-2.0 AND MPL-2.0", NULL);
	check_name("GPL-1+ or Artistic", MANI_DEP5, NULL, "ambiguous license name 'Artistic'");
	check_name("GPL-2+ with OpenSSL exception", MANI_DEP5, NULL,
		   "unknown license exception 'OpenSSL'");
	check_name("BSD", MANI_DEP5, NULL, "ambiguous");
}

/* --- npm and composer ------------------------------------------------------ */

static void test_npm(void **state)
{
	struct file_result *r = scan("pkg/package.json",
				     "{\n"
				     "  \"name\": \"@acme/widget\",\n"
				     "  \"version\": \"2.1.0\",\n"
				     "  \"description\": \"a \\\"license\\\": \\\"GPL\\\" in a string\",\n"
				     "  \"author\": {\"name\": \"Jane Doe\", \"email\": \"j@x.org\"},\n"
				     "  \"homepage\": \"https://acme.example/widget\",\n"
				     "  \"dependencies\": {\"license\": \"^1.0.0\"},\n"
				     "  \"license\": \"(MIT OR Apache-2.0)\"\n"
				     "}\n");
	const struct finding *f;

	assert_int_equal(r->npackages, 1);
	assert_pkg(&r->packages[0], "npm", "@acme", "widget", "2.1.0", "MIT OR Apache-2.0");
	assert_str(r->packages[0].declared_raw, "(MIT OR Apache-2.0)");
	assert_str(r->packages[0].supplier, "Jane Doe");
	assert_str(r->packages[0].homepage, "https://acme.example/widget");
	assert_null(r->packages[0].problem);
	assert_int_equal(r->nfindings, 1);
	f = lic(r, 0, "manifest:package.json", 8, "MIT OR Apache-2.0");
	assert_str(f->text, "(MIT OR Apache-2.0)");
	done(r);
}

static void test_npm_legacy(void **state)
{
	struct file_result *r = scan("package.json",
				     "{\"name\": \"esutils\", \"version\": \"1.0.0\",\n"
				     " \"licenses\": [\n"
				     "  {\"type\": \"BSD-2-Clause\", \"url\": \"http://x/LICENSE.BSD\"},\n"
				     "  {\"type\": \"MIT\", \"url\": \"http://x/LICENSE.MIT\"}]}\n");

	assert_pkg(&r->packages[0], "npm", NULL, "esutils", "1.0.0", "BSD-2-Clause OR MIT");
	assert_str(r->packages[0].declared_raw, "BSD-2-Clause, MIT");
	assert_has(lic(r, 0, "manifest:package.json", 2, "BSD-2-Clause OR MIT")->note, "OR");
	done(r);

	r = scan("package.json", "{\"name\": \"old\", \"license\": {\"type\": \"MIT\", "
				 "\"url\": \"https://opensource.org/licenses/MIT\"}}");
	assert_pkg(&r->packages[0], "npm", NULL, "old", NULL, "MIT");
	assert_has(lic(r, 0, "manifest:package.json", 1, "MIT")->note, "legacy");
	done(r);

	/* one of the list not SPDX: nothing guessed, the first problem said */
	r = scan("package.json", "{\"name\": \"x\", \"licenses\": [\"MIT\", \"BSD\"]}");
	assert_pkg(&r->packages[0], "npm", NULL, "x", NULL, NULL);
	assert_str(r->packages[0].declared_raw, "MIT, BSD");
	assert_has(lic(r, 0, "manifest:package.json", 1, NULL)->problem, "'BSD'");
	done(r);
}

static void test_npm_odd(void **state)
{
	struct file_result *r;

	/* nested package.json files that only set module options */
	r = scan("dist/esm/package.json", "{\"type\": \"module\"}\n");
	assert_int_equal(r->npackages + r->nfindings, 0);
	done(r);

	r = scan("package.json", "{\"name\": \"app\", \"private\": true, "
				 "\"license\": \"UNLICENSED\"}");
	assert_pkg(&r->packages[0], "npm", NULL, "app", NULL, NULL);
	assert_str(r->packages[0].declared_raw, "UNLICENSED");
	assert_has(lic(r, 0, "manifest:package.json", 1, NULL)->problem, "UNLICENSED");
	done(r);

	r = scan("package.json", "{\"name\": \"n\", \"license\": \"SEE LICENSE IN EULA.txt\"}");
	assert_has(lic(r, 0, "manifest:package.json", 1, NULL)->problem, "'EULA.txt'");
	done(r);

	r = scan("package.json", "{\"name\": \"n\", \"license\": 42}");
	assert_has(lic(r, 0, "manifest:package.json", 1, NULL)->problem, "neither");
	done(r);
}

static void test_json_malformed(void **state)
{
	static const char *const cases[][2] = {
		{ "{\"name\": \"a\",\n \"license\": \"MIT\",\n}", "malformed package.json: line 3" },
		{ "{\"name\": \"a\", \"lic", "malformed package.json: truncated" },
		{ "", "malformed package.json: truncated JSON (empty file)" },
		{ "[1, 2]", "malformed package.json: not a JSON object" },
		{ "{\"a\": 1} {\"b\": 2}", "malformed package.json" },
		{ "{'name': 'a'}", "malformed package.json" },
	};
	struct file_result *r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		r = scan("package.json", cases[i][0]);
		assert_int_equal(r->npackages, 0);
		assert_int_equal(r->nfindings, 1);
		assert_has(lic(r, 0, "manifest:package.json", 0, NULL)->problem, cases[i][1]);
		done(r);
	}
}

/* Line numbers agree with the detectors' (text.h): a line ends at \n,
 * \r\n or a lone \r (old Mac files), in what is read and in what is
 * reported malformed. */
static void test_line_ends(void **state)
{
	static const char *const eol[] = { "\n", "\r\n", "\r" };
	char text[256];
	struct file_result *r;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(eol); i++) {
		const char *e = eol[i];

		snprintf(text, sizeof(text), "{%s\"name\": \"a\",%s \"license\": \"MIT\"}%s", e, e,
			 e);
		r = scan("package.json", text);
		lic(r, 0, "manifest:package.json", 3, "MIT");
		done(r);
		snprintf(text, sizeof(text), "{\"name\": \"a\",%s \"license\": \"MIT\",%s}", e, e);
		r = scan("package.json", text);
		assert_has(lic(r, 0, "manifest:package.json", 0, NULL)->problem,
			   "malformed package.json: line 3:");
		done(r);
		snprintf(text, sizeof(text),
			 "<project>%s<groupId>g</groupId><artifactId>a</artifactId>%s<version>1</version>"
			 "%s<licenses><license><name>MIT</name></license></licenses></project>",
			 e, e, e);
		r = scan("pom.xml", text);
		lic(r, 0, "manifest:pom.xml", 4, "MIT");
		done(r);
	}
}

static void test_composer(void **state)
{
	struct file_result *r = scan("composer.json",
				     "{\n    \"name\": \"monolog/monolog\",\n"
				     "    \"type\": \"library\",\n"
				     "    \"license\": [\"LGPL-2.1-only\", \"GPL-3.0-or-later\"],\n"
				     "    \"authors\": [{\"name\": \"Jordi\"}],\n"
				     "    \"homepage\": \"https://github.com/Seldaek/monolog\"\n}\n");

	assert_pkg(&r->packages[0], "composer", "monolog", "monolog", NULL,
		   "LGPL-2.1-only OR GPL-3.0-or-later");
	assert_str(r->packages[0].supplier, "Jordi");
	assert_str(lic(r, 0, "manifest:composer.json", 4, "LGPL-2.1-only OR GPL-3.0-or-later")->note,
		   "a list of licenses is a choice (OR) in composer.json");
	done(r);

	/* an item's own note (GPLv2 read as -only) is kept with the list's */
	r = scan("composer.json", "{\"name\": \"a/b\", \"license\": [\"MIT\", \"GPLv2\"]}");
	assert_pkg(&r->packages[0], "composer", "a", "b", NULL, "MIT OR GPL-2.0-only");
	assert_has(r->findings[0].note, "composer.json; the name does not say 'only'");
	done(r);
}

/* --- TOML formats ------------------------------------------------------------- */

static void test_cargo(void **state)
{
	struct file_result *r = scan("Cargo.toml",
				     "[package]\n"
				     "name = \"serde\"\n"
				     "version = \"1.0.195\" # pinned\n"
				     "authors = [\"Erick Tryzelaar <erick@x>\", \"David Tolnay\"]\n"
				     "license = \"MIT OR Apache-2.0\"\n"
				     "repository = \"https://github.com/serde-rs/serde\"\n"
				     "\n[dependencies]\nserde_derive = { version = \"1\", optional = true }\n");

	assert_pkg(&r->packages[0], "cargo", NULL, "serde", "1.0.195", "MIT OR Apache-2.0");
	assert_str(r->packages[0].supplier, "Erick Tryzelaar <erick@x>");
	assert_str(r->packages[0].homepage, "https://github.com/serde-rs/serde");
	lic(r, 0, "manifest:Cargo.toml", 5, "MIT OR Apache-2.0");
	done(r);

	r = scan("Cargo.toml", "[package]\nname = \"old\"\nversion = \"0.1.0\"\n"
			       "license = \"MIT/Apache-2.0\"\n");
	assert_pkg(&r->packages[0], "cargo", NULL, "old", "0.1.0", "MIT OR Apache-2.0");
	done(r);

	r = scan("Cargo.toml", "[package]\nname = \"ring\"\nversion = \"0.16.20\"\n"
			       "license-file = \"LICENSE\"\n");
	assert_pkg(&r->packages[0], "cargo", NULL, "ring", "0.16.20", NULL);
	assert_str(r->packages[0].declared_raw, "LICENSE");
	assert_has(lic(r, 0, "manifest:Cargo.toml", 4, NULL)->problem,
		   "license in file 'LICENSE' (license-file)");
	done(r);

	r = scan("Cargo.toml", "[package]\nname = \"member\"\nversion.workspace = true\n"
			       "license.workspace = true\n");
	assert_pkg(&r->packages[0], "cargo", NULL, "member", NULL, NULL);
	assert_has(lic(r, 0, "manifest:Cargo.toml", 4, NULL)->problem, "workspace");
	done(r);

	r = scan("Cargo.toml", "[workspace]\nmembers = [\"a\", \"b\"]\n");
	assert_int_equal(r->npackages + r->nfindings, 0);
	done(r);
}

static void test_pyproject(void **state)
{
	struct file_result *r = scan("pyproject.toml",
				     "[build-system]\nrequires = [\"hatchling\"]\n\n"
				     "[project]\nname = \"attrs\"\nversion = \"23.2.0\"\n"
				     "license = \"MIT\"\n"
				     "license-files = [\"LICENSE\"]\n"
				     "authors = [{ name = \"Hynek\", email = \"h@x\" }]\n"
				     "[project.urls]\nHomepage = \"https://www.attrs.org/\"\n");

	assert_pkg(&r->packages[0], "pypi", NULL, "attrs", "23.2.0", "MIT");
	assert_str(r->packages[0].supplier, "Hynek");
	assert_str(r->packages[0].homepage, "https://www.attrs.org/");
	lic(r, 0, "manifest:pyproject.toml", 7, "MIT");
	done(r);

	r = scan("pyproject.toml", "[project]\nname = \"old\"\ndynamic = [\"version\"]\n"
				   "license = { text = \"Apache License 2.0\" }\n");
	assert_pkg(&r->packages[0], "pypi", NULL, "old", NULL, "Apache-2.0");
	lic(r, 0, "manifest:pyproject.toml", 4, "Apache-2.0");
	done(r);

	r = scan("pyproject.toml", "[project]\nname = \"f\"\nlicense = {file = \"COPYING\"}\n");
	assert_has(lic(r, 0, "manifest:pyproject.toml", 3, NULL)->problem, "'COPYING'");
	done(r);

	r = scan("pyproject.toml", "[project]\nname = \"c\"\nversion = \"1\"\nclassifiers = [\n"
				   "  \"Programming Language :: Python\",\n"
				   "  \"License :: OSI Approved :: BSD License\",\n]\n");
	assert_pkg(&r->packages[0], "pypi", NULL, "c", "1", NULL);
	assert_has(lic(r, 0, "manifest:pyproject.toml", 4, NULL)->problem, "ambiguous");
	done(r);

	r = scan("pyproject.toml", "[tool.poetry]\nname = \"poet\"\nversion = \"0.3\"\n"
				   "license = \"GPL-3.0-or-later\"\n"
				   "authors = [\"Sébastien <s@x>\"]\n");
	assert_pkg(&r->packages[0], "pypi", NULL, "poet", "0.3", "GPL-3.0-or-later");
	assert_str(r->packages[0].supplier, "Sébastien <s@x>");
	done(r);

	r = scan("pyproject.toml", "[tool.black]\nline-length = 100\n");
	assert_int_equal(r->npackages + r->nfindings, 0);
	done(r);
}

static void test_toml_malformed(void **state)
{
	static const char *const cases[][2] = {
		{ "[package\nname = \"x\"\n", "line 1: expected ']'" },
		{ "[package]\nname = \"x\nversion = \"1\"\n", "line 2: newline in a one-line string" },
		{ "[package]\nname = \"x\"\nname = \"y\"\n", "line 3: key defined twice" },
		{ "[package]\n[package]\n", "line 2: table defined twice" },
		{ "[package]\nlicense = MIT\n", "line 2: expected a value" },
		{ "[package]\nname = \"\"\"x\n", "unterminated multi-line string" },
		{ "[package]\nx = [1, 2\n", "expected ',' or ']'" },
		{ "[package]\nname \"x\"\n", "line 2: expected '='" },
		{ "[package]\nname = \"x\" y\n", "line 2: expected the end of the line" },
		{ "[package]\nname = \"\\q\"\n", "unknown escape" },
		{ "[package]\nname = \"\\uD800\"\n", "not a Unicode scalar value" },
	};
	struct file_result *r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		r = scan("Cargo.toml", cases[i][0]);
		assert_int_equal(r->npackages, 0);
		assert_int_equal(r->nfindings, 1);
		assert_has(lic(r, 0, "manifest:Cargo.toml", 0, NULL)->problem,
			   "malformed Cargo.toml: ");
		assert_has(r->findings[0].problem, cases[i][1]);
		done(r);
	}
}

static void test_toml(void **state)
{
	static const char doc[] =
		"# comment\n"
		"title = 'C:\\path'  # literal\n"
		"basic = \"tab\\tq\\\" \\u00e9 \\U0001F600\"\n"
		"multi = \"\"\"\nline1\nline2 \\\n    joined\"\"\"\n"
		"lit = '''\nraw \\n ''quoted'''''\n"
		"a.b.\"c d\" = 1\n"
		"date = 1979-05-27 07:32:00Z\n"
		"arr = [ 1, [\"x\", 'y'], { k = true }, ]\n"
		"inl = { x = 1, y.z = \"w\" }\n"
		"[t]\nk = -1.5e3\n"
		"[t.sub]\nv = \"s\"\n"
		"[[aot]]\nn = 1\n[[aot]]\nn = 2\n[aot.inner]\nq = 'in second'\n";
	struct perr e;
	struct toml_val *root = toml_parse(doc, sizeof(doc) - 1, &e);
	const struct toml_val *v;

	if (!root)
		print_error("%s\n", e.msg);
	assert_non_null(root);
	assert_str(toml_get(root, "title")->s, "C:\\path");
	assert_str(toml_get(root, "basic")->s, "tab\tq\" \xc3\xa9 \xf0\x9f\x98\x80");
	assert_str(toml_get(root, "multi")->s, "line1\nline2 joined");
	assert_str(toml_get(root, "lit")->s, "raw \\n ''quoted''");
	v = toml_path(root, "a.b");
	assert_non_null(v);
	assert_str(toml_get(v, "c d")->s, "1");
	assert_int_equal(toml_get(v, "c d")->type, TOML_SCALAR);
	assert_str(toml_get(root, "date")->s, "1979-05-27 07:32:00Z");
	v = toml_get(root, "arr");
	assert_int_equal(v->type, TOML_ARRAY);
	assert_int_equal(v->n, 3);
	assert_str(v->v[1]->v[1]->s, "y");
	assert_str(toml_get(v->v[2], "k")->s, "true");
	assert_str(toml_path(root, "inl.y.z")->s, "w");
	assert_str(toml_path(root, "t.k")->s, "-1.5e3");
	assert_str(toml_path(root, "t.sub.v")->s, "s");
	assert_int_equal(toml_path(root, "t.sub.v")->line, 17);
	v = toml_get(root, "aot");
	assert_int_equal(v->n, 2);
	assert_str(toml_get(v->v[0], "n")->s, "1");
	assert_str(toml_path(v->v[1], "inner.q")->s, "in second");
	toml_free(root);

	/* inline tables are closed; values are not tables */
	assert_null(toml_parse("a = {x = 1}\na.y = 2\n", 20, &e));
	assert_has(e.msg, "line 2");
	assert_null(toml_parse("a = 1\n[a]\n", 10, &e));
	assert_null(toml_parse("[[a]]\n[a]\n", 10, &e));
	toml_free(NULL);
}

static void test_toml_limits(void **state)
{
	char *deep = malloc(4 * TOML_MAX_DEPTH + 16);
	struct perr e;
	size_t n = 0, i;

	n += (size_t)sprintf(deep, "a = ");
	for (i = 0; i < 2 * TOML_MAX_DEPTH; i++)
		deep[n++] = '[';
	assert_null(toml_parse(deep, n, &e));
	assert_has(e.msg, "nested deeper");
	free(deep);
}

/* A large table goes through the hash index: every key found, a repeated
 * one still an error. */
static void test_toml_big_table(void **state)
{
	size_t cap = 5000 * 24 + 64, n = 0, i;
	char *doc = malloc(cap), key[32];
	struct toml_val *root;
	struct perr e;

	n += (size_t)snprintf(doc + n, cap - n, "[deps]\n");
	for (i = 0; i < 5000; i++)
		n += (size_t)snprintf(doc + n, cap - n, "crate%zu = \"%zu\"\n", i, i * 7);
	root = toml_parse(doc, n, &e);
	assert_non_null(root);
	for (i = 0; i < 5000; i += 1) {
		char want[32];

		snprintf(key, sizeof(key), "deps.crate%zu", i);
		snprintf(want, sizeof(want), "%zu", i * 7);
		assert_str(toml_path(root, key)->s, want);
	}
	assert_null(toml_path(root, "deps.crate5000"));
	toml_free(root);
	n += (size_t)snprintf(doc + n, cap - n, "crate3000 = 1\n");
	assert_null(toml_parse(doc, n, &e));
	assert_has(e.msg, "line 5002: key defined twice");
	free(doc);
}

static void test_reuse_toml(void **state)
{
	static const char doc[] =
		"version = 1\n\n"
		"[[annotations]]\n"
		"path = [\"docs/**\", \"*.md\"]\n"
		"precedence = \"aggregate\"\n"
		"SPDX-FileCopyrightText = \"2023 Jane Doe <j@x>\"\n"
		"SPDX-License-Identifier = \"CC-BY-4.0\"\n\n"
		"[[annotations]]\n"
		"path = \"src/gen/*.c\"\n"
		"SPDX-FileCopyrightText = [\"2020 A\", \"2021 B\"]\n"
		"SPDX-License-Identifier = [\"MIT\", \"Apache-2.0\"]\n";
	struct mani_stanzas s;
	struct perr e;
	struct file_result *r;

	assert_int_equal(mani_reuse_parse(doc, sizeof(doc) - 1, &s, &e), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.reuse_globs, 1);
	assert_int_equal(s.v[0].nglobs, 2);
	assert_str(s.v[0].globs[0], "docs/**");
	assert_int_equal(s.v[0].precedence, MANI_PREC_AGGREGATE);
	assert_str(s.v[0].expression, "CC-BY-4.0");
	assert_str(s.v[0].copyright, "2023 Jane Doe <j@x>");
	assert_int_equal(s.v[0].line, 3);
	assert_int_equal(s.v[1].precedence, MANI_PREC_CLOSEST);
	assert_str(s.v[1].expression, "MIT AND Apache-2.0");
	assert_str(s.v[1].copyright, "2020 A\n2021 B");
	assert_ptr_equal(mani_stanza_for(&s, "docs/a/b.txt"), &s.v[0]);
	assert_ptr_equal(mani_stanza_for(&s, "README.md"), &s.v[0]);
	assert_null(mani_stanza_for(&s, "sub/README.md"));
	assert_ptr_equal(mani_stanza_for(&s, "src/gen/x.c"), &s.v[1]);
	assert_null(mani_stanza_for(&s, "src/gen/deep/x.c"));
	mani_stanzas_release(&s);

	/* the file itself: no package, no license of its own, only problems */
	r = scan("REUSE.toml", doc);
	assert_int_equal(r->npackages + r->nfindings, 0);
	done(r);
	r = scan("REUSE.toml", "version = 1\n[[annotations]]\npath = \"x\"\n"
			       "SPDX-License-Identifier = \"BSD\"\n");
	assert_int_equal(r->nfindings, 1);
	assert_has(lic(r, 0, "manifest:REUSE.toml", 2, NULL)->problem,
		   "annotation for 'x': invalid SPDX expression: unknown license id 'BSD'");
	done(r);
	r = scan("REUSE.toml", "version = 2\n");
	assert_has(lic(r, 0, "manifest:REUSE.toml", 0, NULL)->problem,
		   "malformed REUSE.toml: version is not 1");
	done(r);
	r = scan("REUSE.toml", "version = 1\n[[annotations]]\nprecedence = \"closest\"\n");
	assert_has(lic(r, 0, "manifest:REUSE.toml", 0, NULL)->problem, "without a path");
	done(r);
	r = scan("REUSE.toml", "version = 1\n[[annotations]]\npath = \"x\"\nprecedence = \"y\"\n");
	assert_has(lic(r, 0, "manifest:REUSE.toml", 0, NULL)->problem, "precedence");
	done(r);
}

/* --- Python metadata -------------------------------------------------------- */

static void test_pkginfo(void **state)
{
	struct file_result *r = scan("requests-2.31.0.dist-info/METADATA",
				     "Metadata-Version: 2.4\r\n"
				     "Name: requests\r\n"
				     "Version: 2.31.0\r\n"
				     "Summary: Python HTTP for Humans.\r\n"
				     "Home-page: https://requests.readthedocs.io\r\n"
				     "Author: Kenneth Reitz\r\n"
				     "License-Expression: Apache-2.0\r\n"
				     "License: Apache 2.0\r\n"
				     "Classifier: License :: OSI Approved :: Apache Software License\r\n"
				     "\r\n"
				     "Requests\r\nLicense: GPL (in the description)\r\n");

	assert_int_equal(r->npackages, 1);
	assert_pkg(&r->packages[0], "pypi", NULL, "requests", "2.31.0", "Apache-2.0");
	assert_str(r->packages[0].supplier, "Kenneth Reitz");
	assert_str(r->packages[0].homepage, "https://requests.readthedocs.io");
	assert_int_equal(r->nfindings, 1);
	lic(r, 0, "manifest:METADATA", 7, "Apache-2.0");
	done(r);
}

/* No Author: the supplier is Author-email (core metadata 2.1 writes the
 * name there, "Dora <dora@w.org>"), then Maintainer, Maintainer-email. */
static void test_pkginfo_author_email(void **state)
{
	struct file_result *r = scan("PKG-INFO", "Metadata-Version: 2.1\n"
						 "Name: dora\n"
						 "Version: 1.0\n"
						 "Author-email: Dora <dora@w.org>\n"
						 "Maintainer: Max\n");

	(void)state;
	assert_str(r->packages[0].supplier, "Dora <dora@w.org>");
	done(r);
	r = scan("PKG-INFO", "Metadata-Version: 2.1\nName: m\nVersion: 1\n"
			     "Maintainer-email: max@w.org\n");
	assert_str(r->packages[0].supplier, "max@w.org");
	done(r);
}

static void test_pkginfo_classifiers(void **state)
{
	struct file_result *r = scan("cryptography.egg-info/PKG-INFO",
				     "Metadata-Version: 2.1\n"
				     "Name: cryptography\n"
				     "Version: 41.0.7\n"
				     "License: UNKNOWN\n"
				     "Classifier: Intended Audience :: Developers\n"
				     "Classifier: License :: OSI Approved :: Apache Software License\n"
				     "Classifier: License :: OSI Approved :: BSD License\n");

	/* Apache Software License and BSD License say no version: not guessed */
	assert_pkg(&r->packages[0], "pypi", NULL, "cryptography", "41.0.7", NULL);
	assert_has(lic(r, 0, "manifest:PKG-INFO", 6, NULL)->problem, "ambiguous");
	done(r);

	r = scan("PKG-INFO", "Metadata-Version: 1.2\nName: dual\nVersion: 1.0\n"
			     "Classifier: License :: OSI Approved :: MIT License\n"
			     "Classifier: License :: OSI Approved :: "
			     "GNU General Public License v3 or later (GPLv3+)\n");
	assert_pkg(&r->packages[0], "pypi", NULL, "dual", "1.0", "MIT OR GPL-3.0-or-later");
	assert_has(lic(r, 0, "manifest:PKG-INFO", 4, "MIT OR GPL-3.0-or-later")->note,
		   "classifiers");
	done(r);

	/* the same license twice is said once */
	r = scan("PKG-INFO", "Metadata-Version: 1.2\nName: twice\n"
			     "Classifier: License :: OSI Approved :: MIT License\n"
			     "Classifier: License :: OSI Approved :: MIT License\n"
			     "Classifier: License :: OSI Approved :: ISC License (ISCL)\n"
			     "Classifier: License :: OSI Approved :: MIT License\n");
	assert_pkg(&r->packages[0], "pypi", NULL, "twice", NULL, "MIT OR ISC");
	done(r);

	/* License: as a multi-line text is not a name; classifier wins */
	r = scan("PKG-INFO", "Metadata-Version: 1.1\nName: t\nVersion: 3\n"
			     "License: Copyright (c) 2001 X\n        All rights reserved.\n"
			     "        Redistribution and use...\n"
			     "Classifier: License :: OSI Approved :: Zope Public License\n"
			     "Classifier: License :: OSI Approved :: ISC License (ISCL)\n");
	assert_pkg(&r->packages[0], "pypi", NULL, "t", "3", NULL);
	assert_has(lic(r, 0, "manifest:PKG-INFO", 7, NULL)->problem, "'Zope Public License'");
	done(r);

	r = scan("PKG-INFO", "Name: x\nnot a header\n");
	assert_int_equal(r->npackages, 0);
	assert_has(lic(r, 0, "manifest:PKG-INFO", 2, NULL)->problem,
		   "malformed PKG-INFO: line 2");
	done(r);
}

static void test_setup_cfg(void **state)
{
	struct file_result *r = scan("setup.cfg",
				     "[bdist_wheel]\nuniversal = 1\n\n"
				     "[metadata]\n"
				     "name = six\n"
				     "version = attr: six.__version__\n"
				     "author = Benjamin Peterson\n"
				     "url = https://github.com/benjaminp/six\n"
				     "license = MIT\n"
				     "license_files = LICENSE\n"
				     "classifiers =\n"
				     "    Programming Language :: Python :: 3\n"
				     "    License :: OSI Approved :: MIT License\n"
				     "\n[flake8]\nmax-line-length = 100\n");

	assert_pkg(&r->packages[0], "pypi", NULL, "six", NULL, "MIT");
	assert_str(r->packages[0].supplier, "Benjamin Peterson");
	assert_str(r->packages[0].homepage, "https://github.com/benjaminp/six");
	lic(r, 0, "manifest:setup.cfg", 9, "MIT");
	done(r);

	r = scan("setup.cfg", "[metadata]\nname = c\nclassifiers =\n"
			      "    License :: OSI Approved :: GNU Lesser General Public License v3 "
			      "(LGPLv3)\n");
	assert_pkg(&r->packages[0], "pypi", NULL, "c", NULL, "LGPL-3.0-only");
	lic(r, 0, "manifest:setup.cfg", 3, "LGPL-3.0-only");
	done(r);

	r = scan("setup.cfg", "[tool:pytest]\naddopts = -q\n");
	assert_int_equal(r->npackages + r->nfindings, 0);
	done(r);

	r = scan("setup.cfg", "[metadata]\nname = c\nthis line has no separator\n");
	assert_has(lic(r, 0, "manifest:setup.cfg", 3, NULL)->problem, "not 'key = value'");
	done(r);
}

/* --- Ruby --------------------------------------------------------------------- */

static void test_gemspec(void **state)
{
	struct file_result *r = scan("rack.gemspec",
				     "# frozen_string_literal: true\n"
				     "require_relative 'lib/rack/version'\n\n"
				     "Gem::Specification.new do |s|\n"
				     "  s.name        = \"rack\"\n"
				     "  s.version     = Rack::RELEASE\n"
				     "  s.summary     = \"a modular Ruby webserver interface\"\n"
				     "  s.licenses    = ['MIT']\n"
				     "  s.author      = 'Leah Neukirchen'\n"
				     "  s.homepage    = 'https://github.com/rack/rack'\n"
				     "  s.add_development_dependency 'minitest', \"~> 5.0\"\n"
				     "end\n");

	assert_pkg(&r->packages[0], "gem", NULL, "rack", NULL, "MIT");
	assert_str(r->packages[0].supplier, "Leah Neukirchen");
	assert_str(r->packages[0].homepage, "https://github.com/rack/rack");
	lic(r, 0, "manifest:gemspec", 8, "MIT");
	done(r);

	r = scan("rubygems.gemspec", "Gem::Specification.new do |s|\n"
				     "  s.name = \"rubygems-update\"\n  s.version = \"3.5.3\"\n"
				     "  s.licenses = %w[Ruby MIT]\nend\n");
	assert_pkg(&r->packages[0], "gem", NULL, "rubygems-update", "3.5.3", "Ruby OR MIT");
	assert_has(lic(r, 0, "manifest:gemspec", 4, "Ruby OR MIT")->note, "RubyGems does not say");
	done(r);

	r = scan("x.gemspec", "Gem::Specification.new do |spec|\n  spec.name = 'x'\n"
			      "  spec.license = LICENSE_NAME\nend\n");
	assert_pkg(&r->packages[0], "gem", NULL, "x", NULL, NULL);
	assert_has(lic(r, 0, "manifest:gemspec", 3, NULL)->problem, "Ruby code");
	done(r);

	/* a form feed is white space to isspace() but was not to the word
	 * list: the reader looped for ever (found by fuzz_manifest) */
	r = scan("z.gemspec", "Gem::Specification.new do |s|\n  s.name = \"z\"\n"
			      "  s.licenses = %w[MIT \f Ruby]\nend\n");
	assert_pkg(&r->packages[0], "gem", NULL, "z", NULL, "MIT OR Ruby");
	done(r);

	r = scan("y.gemspec", "Gem::Specification.new do |s|\n  s.name = \"y\"\n"
			      "  s.license = \"Apache License 2.0\"\n"
			      "  s.license == 'x' # not an assignment\nend\n");
	assert_pkg(&r->packages[0], "gem", NULL, "y", NULL, "Apache-2.0");
	done(r);
}

/* --- XML ---------------------------------------------------------------------- */

static void test_pom(void **state)
{
	struct file_result *r = scan("pom.xml",
				     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				     "<!-- Licensed to the ASF -->\n"
				     "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
				     "  <modelVersion>4.0.0</modelVersion>\n"
				     "  <parent>\n"
				     "    <groupId>org.apache.commons</groupId>\n"
				     "    <artifactId>commons-parent</artifactId>\n"
				     "    <version>64</version>\n"
				     "  </parent>\n"
				     "  <artifactId>commons-lang3</artifactId>\n"
				     "  <version>${lang.version}</version>\n"
				     "  <properties><lang.version>3.14.0</lang.version></properties>\n"
				     "  <url>https://commons.apache.org/proper/commons-lang/</url>\n"
				     "  <organization><name>The Apache Software Foundation</name>"
				     "</organization>\n"
				     "  <licenses>\n"
				     "    <license>\n"
				     "      <name>Apache License, Version 2.0</name>\n"
				     "      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>\n"
				     "    </license>\n"
				     "  </licenses>\n"
				     "</project>\n");

	assert_pkg(&r->packages[0], "maven", "org.apache.commons", "commons-lang3", "3.14.0",
		   "Apache-2.0");
	assert_str(r->packages[0].supplier, "The Apache Software Foundation");
	assert_str(r->packages[0].homepage, "https://commons.apache.org/proper/commons-lang/");
	lic(r, 0, "manifest:pom.xml", 15, "Apache-2.0");
	done(r);

	r = scan("pom.xml", "<project><groupId>g</groupId><artifactId>a</artifactId>"
			    "<version>1</version><licenses>\n"
			    "<license><name>Eclipse Public License - v 2.0</name></license>\n"
			    "<license><name>GNU General Public License, version 2 with the GNU "
			    "Classpath Exception</name>\n"
			    "<url>https://openjdk.org/legal/gplv2+ce.html</url></license>\n"
			    "</licenses></project>");
	assert_pkg(&r->packages[0], "maven", "g", "a", "1", NULL);
	assert_has(lic(r, 0, "manifest:pom.xml", 1, NULL)->problem, "GNU General Public");
	done(r);

	r = scan("pom.xml", "<project><groupId>g</groupId><artifactId>a</artifactId>"
			    "<version>${revision}</version><licenses>"
			    "<license><name>The MIT License</name></license>"
			    "<license><name>x</name><url>http://www.opensource.org/licenses/"
			    "bsd-license.php</url></license></licenses></project>");
	assert_pkg(&r->packages[0], "maven", "g", "a", NULL, NULL);
	done(r);

	r = scan("pom.xml", "<project><artifactId>a</artifactId><licenses>"
			    "<license><name>MIT</name></license>"
			    "<license><url>https://opensource.org/licenses/Apache-2.0</url></license>"
			    "</licenses></project>");
	assert_pkg(&r->packages[0], "maven", NULL, "a", NULL, "MIT OR Apache-2.0");
	assert_has(r->findings[0].note, "choice");
	done(r);
}

static void test_nuspec(void **state)
{
	struct file_result *r = scan("Newtonsoft.Json.nuspec",
				     "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
				     "<package xmlns=\"http://schemas.microsoft.com/packaging/2013/05/"
				     "nuspec.xsd\">\n"
				     "  <metadata minClientVersion=\"2.12\">\n"
				     "    <id>Newtonsoft.Json</id>\n"
				     "    <version>13.0.3</version>\n"
				     "    <authors>James Newton-King</authors>\n"
				     "    <license type=\"expression\">MIT</license>\n"
				     "    <licenseUrl>https://licenses.nuget.org/MIT</licenseUrl>\n"
				     "    <projectUrl>https://www.newtonsoft.com/json</projectUrl>\n"
				     "    <description>Json.NET &amp; friends &#x263A;</description>\n"
				     "  </metadata>\n"
				     "</package>\n");

	assert_pkg(&r->packages[0], "nuget", NULL, "Newtonsoft.Json", "13.0.3", "MIT");
	assert_str(r->packages[0].supplier, "James Newton-King");
	assert_str(r->packages[0].homepage, "https://www.newtonsoft.com/json");
	assert_int_equal(r->nfindings, 1);
	lic(r, 0, "manifest:nuspec", 7, "MIT");
	done(r);

	r = scan("old.nuspec", "<package><metadata><id>Old</id><version>1.0</version>\n"
			       "<licenseUrl>http://www.apache.org/licenses/LICENSE-2.0</licenseUrl>"
			       "</metadata></package>");
	assert_pkg(&r->packages[0], "nuget", NULL, "Old", "1.0", "Apache-2.0");
	lic(r, 0, "manifest:nuspec", 2, "Apache-2.0");
	done(r);

	r = scan("f.nuspec", "<package><metadata><id>F</id>"
			     "<license type=\"file\">docs\\EULA.txt</license></metadata></package>");
	assert_has(lic(r, 0, "manifest:nuspec", 1, NULL)->problem, "'docs\\EULA.txt'");
	done(r);
}

static void test_xml_malformed(void **state)
{
	static const char *const cases[][3] = {
		{ "pom.xml", "<project><a></b></project>", "end tag does not match" },
		{ "pom.xml", "<project><a>", "unterminated element" },
		{ "pom.xml", "<project></project><x/>", "text after the root element" },
		{ "pom.xml", "<project>&xxe;</project>", "unknown entity" },
		{ "pom.xml", "<!DOCTYPE p [<!ENTITY e \"x\">]><project>&e;</project>",
		  "unknown entity" },
		{ "pom.xml", "<project a=b></project>", "quoted attribute value" },
		{ "pom.xml", "<!-- x", "unterminated comment" },
		{ "pom.xml", "", "expected the root element" },
		{ "pom.xml", "<notaproject/>", "the root element is not <project>" },
		{ "x.nuspec", "<package><id>x</id></package>", "no <metadata> element" },
		{ "x.nuspec", "<package>&#0;</package>", "bad character reference" },
	};
	struct file_result *r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		r = scan(cases[i][0], cases[i][1]);
		assert_int_equal(r->npackages, 0);
		assert_int_equal(r->nfindings, 1);
		assert_has(r->findings[0].problem, "malformed ");
		assert_has(r->findings[0].problem, cases[i][2]);
		done(r);
	}
}

static void test_xml(void **state)
{
	static const char doc[] = "<?xml version='1.0'?>\n<!DOCTYPE x>\n<x:root xmlns:x='u' a='1' "
				  "b=\"&lt;2&gt;\">\n  <k>one</k><k><![CDATA[<two>]]></k>\n"
				  "  <!-- c --><e/><k>t&amp;h&#114;ee</k>\n</x:root>\n";
	struct perr e;
	struct xml_node *x = xml_parse(doc, sizeof(doc) - 1, &e);
	const struct xml_node *k;

	assert_non_null(x);
	assert_str(x->name, "root");
	assert_int_equal(x->line, 3);
	assert_str(xml_attr(x, "b"), "<2>");
	assert_null(xml_attr(x, "c"));
	k = xml_child(x, "k");
	assert_str(k->text, "one");
	k = xml_next(x, k, "k");
	assert_str(k->text, "<two>");
	assert_int_equal(k->line, 4);
	k = xml_next(x, k, "k");
	assert_str(k->text, "t&hree");
	assert_int_equal(k->line, 5);
	assert_null(xml_next(x, k, "k"));
	assert_str(xml_child(x, "e")->text, "");
	xml_free(x);
	xml_free(NULL);
}

static void test_xml_limits(void **state)
{
	size_t n = 3 * (XML_MAX_DEPTH + 8), i;
	char *deep = malloc(n);
	struct perr e;

	for (i = 0; i + 3 <= n; i += 3)
		memcpy(deep + i, "<a>", 3);
	assert_null(xml_parse(deep, n - n % 3, &e));
	assert_has(e.msg, "nested deeper");
	free(deep);
}

/* --- DEP-5 ------------------------------------------------------------------- */

static const char debian_copyright[] =
	"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
	"Upstream-Name: zlib\n"
	"Upstream-Contact: Mark Adler <madler@alumni.caltech.edu>\n"
	"Source: https://zlib.net/\n"
	"\n"
	"Files: *\n"
	"Copyright: 1995-2022 Jean-loup Gailly and Mark Adler\n"
	"License: Zlib\n"
	"\n"
	"Files: contrib/dotzlib/*\n"
	"Copyright: 2004 Henrik Ravn\n"
	"License: BSL-1.0\n"
	"\n"
	"Files: contrib/minizip/* contrib/iostream?/*\n"
	"Copyright:\n"
	" 1998-2010 Gilles Vollant\n"
	" .\n"
	" 2007-2008 Even Rouault\n"
	"License: Zlib\n"
	"\n"
	"Files: debian/*\n"
	"Copyright: 2000-2023 Mark Brown\n"
	"License: GPL-2+\n"
	"\n"
	"License: Zlib\n"
	" This software is provided 'as-is', without any express or implied\n"
	" warranty.\n"
	"# a comment line\n"
	"\n"
	"Files: contrib/ada/*\n"
	"Copyright: 2002-2004 Dmitriy Anisimkov\n"
	"License: GPL-2+ with Ada exception\n";

static void test_dep5(void **state)
{
	struct mani_stanzas s;
	struct perr e;
	const struct mani_stanza *st;

	assert_int_equal(mani_dep5_parse(debian_copyright, sizeof(debian_copyright) - 1, &s, &e),
			 0);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.nstandalone, 1);
	assert_str(s.upstream_name, "zlib");
	assert_str(s.source, "https://zlib.net/");
	assert_str(s.v[0].expression, "Zlib");
	assert_int_equal(s.v[0].line, 6);
	assert_int_equal(s.v[0].license_line, 8);
	assert_int_equal(s.v[0].precedence, MANI_PREC_AGGREGATE);
	assert_int_equal(s.v[2].nglobs, 2);
	assert_str(s.v[2].globs[1], "contrib/iostream?/*");
	assert_str(s.v[2].copyright, "1998-2010 Gilles Vollant\n2007-2008 Even Rouault");
	assert_str(s.v[3].expression, "GPL-2.0-or-later");
	assert_null(s.v[4].expression);
	assert_has(s.v[4].problem, "'Ada'");
	/* the last matching paragraph wins; DEP-5 '*' crosses '/' */
	st = mani_stanza_for(&s, "contrib/dotzlib/DotZLib/ChecksumImpl.cs");
	assert_ptr_equal(st, &s.v[1]);
	assert_ptr_equal(mani_stanza_for(&s, "contrib/iostream3/zfstream.cc"), &s.v[2]);
	assert_ptr_equal(mani_stanza_for(&s, "contrib/iostream/zfstream.cc"), &s.v[0]);
	assert_ptr_equal(mani_stanza_for(&s, "zlib.h"), &s.v[0]);
	assert_ptr_equal(mani_stanza_for(&s, "debian/rules"), &s.v[3]);
	mani_stanzas_release(&s);

	assert_int_equal(mani_dep5_parse("This is zlib.\nCopyright Mark Adler\n", 36, &s, &e), -1);
	assert_has(e.msg, "not machine-readable");
	assert_int_equal(mani_dep5_parse("Format: x\n\nFiles: *\n continued\nbad line\n", 40, &s,
					 &e), -1);
	assert_has(e.msg, "line 5: not a 'Field: value' line");
	assert_int_equal(mani_dep5_parse("Format: x\n\n lead\n", 17, &s, &e), -1);
	assert_has(e.msg, "line 3: continuation");
	assert_int_equal(mani_dep5_parse(" lead\n", 6, &s, &e), -1);
	assert_has(e.msg, "not machine-readable");
}

static void test_debian_copyright(void **state)
{
	struct file_result *r = scan("zlib-1.3/debian/copyright", debian_copyright);

	assert_int_equal(r->npackages, 1);
	assert_pkg(&r->packages[0], "deb", NULL, "zlib", NULL, "Zlib");
	assert_str(r->packages[0].homepage, "https://zlib.net/");
	assert_int_equal(r->nfindings, 2);
	lic(r, 0, "manifest:debian/copyright", 8, "Zlib");
	assert_has(lic(r, 1, "manifest:debian/copyright", 32, NULL)->problem,
		   "Files contrib/ada/*: unknown license exception 'Ada'");
	done(r);

	r = scan("debian/copyright", "This package was debianized by X.\nIt is GPL.\n");
	assert_int_equal(r->npackages, 0);
	assert_has(lic(r, 0, "manifest:debian/copyright", 0, NULL)->problem,
		   "not machine-readable (DEP-5)");
	done(r);

	r = scan(".reuse/dep5", "Format: https://www.debian.org/doc/packaging-manuals/"
				"copyright-format/1.0/\n\nFiles: img/*\nCopyright: 2020 X\n"
				"License: CC-BY-4.0\n");
	assert_int_equal(r->npackages + r->nfindings, 0);
	done(r);
}

static void test_globs(void **state)
{
	struct mani_stanzas dep5 = { 0 }, reuse = { 0 };
	static const struct {
		const char *glob, *path;
		int dep5, reuse;
	} cases[] = {
		{ "*", "a/b/c.c", 1, 0 },
		{ "**", "a/b/c.c", 1, 1 },
		{ "src/*", "src/a/b.c", 1, 0 },
		{ "src/**", "src/a/b.c", 1, 1 },
		{ "*.c", "main.c", 1, 1 },
		{ "*.c", "lib/main.c", 1, 0 },
		{ "**/*.c", "lib/main.c", 1, 1 },
		{ "a?c", "abc", 1, 1 },
		{ "a?c", "a/c", 1, 0 },
		{ "a\\*b", "a*b", 1, 1 },
		{ "a\\*b", "axb", 0, 0 },
		{ "docs/", "docs/x", 0, 0 },
		{ "", "", 1, 1 },
		{ "*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, 0 },
	};
	size_t i;

	reuse.reuse_globs = 1;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (mani_glob_match(&dep5, cases[i].glob, cases[i].path) != cases[i].dep5 ||
		    mani_glob_match(&reuse, cases[i].glob, cases[i].path) != cases[i].reuse) {
			print_error("glob '%s' path '%s'\n", cases[i].glob, cases[i].path);
			fail();
		}
	}
}

/* --- limits -------------------------------------------------------------------- */

static void test_too_big(void **state)
{
	size_t n = MANI_MAX_BYTES + 2;
	char *big = malloc(n);
	struct file_result r;

	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	result_init(&r);
	assert_int_equal(mani_read("package.json", big, n, &r), 1);
	assert_int_equal(r.npackages, 0);
	assert_int_equal(r.nfindings, 1);
	assert_has(r.findings[0].problem, "over the 8 MiB manifest limit");
	result_release(&r);
	free(big);
}

/* Bytes no reader expects, for every reader: a finding or nothing, never
 * a crash; and every string in the result is a C string. */
static void test_garbage(void **state)
{
	static const char *const names[] = {
		"package.json", "composer.json", "Cargo.toml", "pyproject.toml", "setup.cfg",
		"PKG-INFO", "a.dist-info/METADATA", "a.gemspec", "pom.xml", "a.nuspec",
		"debian/copyright", ".reuse/dep5", "REUSE.toml",
	};
	static const char *const inputs[] = {
		"", "\n", "\xef\xbb\xbf", "{", "[", "<", "\"", "'''", "name = \"x\"\0\"",
		"[package]\nname = \"a\\u0000b\"\nlicense = \"MIT\\u0000\"\n",
		"Name: \nLicense:\n", "Format: x\n\nFiles:\nLicense:\n",
		"<package><metadata><license type='expression'></license></metadata></package>",
		"{\"name\": \"\", \"license\": \"\"}",
	};
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		for (j = 0; j < ARRAY_SIZE(inputs); j++) {
			struct file_result r;
			size_t k, n = strlen(inputs[j]) + (j == 8 ? 2 : 0);

			result_init(&r);
			assert_int_equal(mani_read(names[i], inputs[j], n, &r), 1);
			for (k = 0; k < r.nfindings; k++)
				assert_true(r.findings[k].problem || r.findings[k].expression);
			result_release(&r);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_names_growing_rewrites),
		cmocka_unit_test(test_names_notes),
		cmocka_unit_test(test_alias_table),
		cmocka_unit_test(test_names_dep5),
		cmocka_unit_test(test_npm),
		cmocka_unit_test(test_npm_legacy),
		cmocka_unit_test(test_npm_odd),
		cmocka_unit_test(test_json_malformed),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_composer),
		cmocka_unit_test(test_cargo),
		cmocka_unit_test(test_pyproject),
		cmocka_unit_test(test_toml_malformed),
		cmocka_unit_test(test_toml),
		cmocka_unit_test(test_toml_limits),
		cmocka_unit_test(test_toml_big_table),
		cmocka_unit_test(test_reuse_toml),
		cmocka_unit_test(test_pkginfo),
		cmocka_unit_test(test_pkginfo_author_email),
		cmocka_unit_test(test_pkginfo_classifiers),
		cmocka_unit_test(test_setup_cfg),
		cmocka_unit_test(test_gemspec),
		cmocka_unit_test(test_pom),
		cmocka_unit_test(test_nuspec),
		cmocka_unit_test(test_xml_malformed),
		cmocka_unit_test(test_xml),
		cmocka_unit_test(test_xml_limits),
		cmocka_unit_test(test_dep5),
		cmocka_unit_test(test_debian_copyright),
		cmocka_unit_test(test_globs),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_garbage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
