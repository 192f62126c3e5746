/* SPDX-License-Identifier: MIT */
/* cmd_sbom.c -- `petal sbom [options] [PATH...]` and `petal sbom --check FILE`. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "walk.h"
#include "cdx.h"
#include "cli.h"
#include "cmd.h"
#include "ntia.h"
#include "pipeline.h"
#include "readf.h"
#include "sbom.h"
#include "spdxdoc.h"
#include "text.h"

#define REF_TEXT_MAX (1 << 20) /* bytes of a LICENSES/LicenseRef-x.txt read */

struct sbom_args {
	struct sbom_opts so;
	const char *check;
	const char **creators;
	int cdx_files;
};

static const char *const sbom_formats[] = { "spdx-json", "spdx-tv", "cyclonedx-json", NULL };

static const char sbom_usage[] =
	"usage: petal sbom [options] [PATH...]\n"
	"       petal sbom --check FILE\n"
	"\n"
	"Scans directories, files and archives (default: .) and writes a software\n"
	"bill of materials: every file with its checksums, licenses and copyrights,\n"
	"a package for the input, each archive inside it and each manifest.\n"
	"\n"
	"  -f, --format FMT     spdx-json (default), spdx-tv, cyclonedx-json\n"
	"                       (-o FILE inside the input is left out of the SBOM)\n"
	"      --name NAME      the described package (default: the top-level manifest's,\n"
	"                       else the directory or archive name)\n"
	"      --version V      its version (default: the manifest's, or from the name)\n"
	"      --supplier S     its supplier ('Organization: X' or 'Person: Y')\n"
	"      --namespace URI  the SPDX documentNamespace (default: from the content)\n"
	"      --creator C      add a creator: 'Person: NAME' or 'Organization: NAME'\n"
	"      --conclude       licenseConcluded = the detected expression (else NOASSERTION)\n"
	"      --cdx-files      CycloneDX: each file as a component too\n"
	"      --check FILE     report the NTIA minimum elements missing in an SPDX JSON file\n";

static const char sbom_exit[] =
	"SOURCE_DATE_EPOCH, when set, is the creation time (reproducible output).\n"
	"Exit: 0 done (--check: nothing missing), 1 --check: elements missing,\n"
	"2 usage error, 3 some inputs failed (named on stderr and in the document).\n";

enum {
	OPT_NAME = CLI_OPT_OWN, OPT_VERSION, OPT_SUPPLIER, OPT_NAMESPACE, OPT_CREATOR,
	OPT_CONCLUDE, OPT_CDX_FILES, OPT_CHECK,
};

static const struct option sbom_opts_long[] = {
	{ "name", required_argument, NULL, OPT_NAME },
	{ "version", required_argument, NULL, OPT_VERSION },
	{ "supplier", required_argument, NULL, OPT_SUPPLIER },
	{ "namespace", required_argument, NULL, OPT_NAMESPACE },
	{ "creator", required_argument, NULL, OPT_CREATOR },
	{ "conclude", no_argument, NULL, OPT_CONCLUDE },
	{ "cdx-files", no_argument, NULL, OPT_CDX_FILES },
	{ "check", required_argument, NULL, OPT_CHECK },
	{ NULL, 0, NULL, 0 },
};

static int sbom_opt(struct cli *c, int opt, const char *arg, void *ctx)
{
	struct sbom_args *a = ctx;

	(void)c;
	switch (opt) {
	case OPT_NAME: a->so.name = arg; return 0;
	case OPT_VERSION: a->so.version = arg; return 0;
	case OPT_SUPPLIER: a->so.supplier = arg; return 0;
	case OPT_NAMESPACE: a->so.namespace = arg; return 0;
	case OPT_CREATOR:
		a->creators = xrealloc(a->creators, (a->so.ncreators + 1) * sizeof(*a->creators));
		a->creators[a->so.ncreators++] = arg;
		return 0;
	case OPT_CONCLUDE: a->so.conclude = 1; return 0;
	case OPT_CDX_FILES: a->cdx_files = 1; return 0;
	case OPT_CHECK: a->check = arg; return 0;
	default: return -1;
	}
}

/* SOURCE_DATE_EPOCH (reproducible builds) or now. */
static int creation_time(int64_t *t)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (!s || !*s) {
		*t = (int64_t)time(NULL);
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0 || v > 253402300799LL) {
		fprintf(stderr, "petal sbom: SOURCE_DATE_EPOCH: not a time in seconds: '%s'\n", s);
		return -1;
	}
	*t = v;
	return 0;
}

/* 1 to go on, 0 for --help, -1 on a usage error. */
static int parse_args(int argc, char **argv, struct cli *c, struct sbom_args *a)
{
	int rc = cli_parse(c, argc, argv, NULL, sbom_opts_long, sbom_opt, a);

	if (rc <= 0)
		return rc;
	c->po.checksums = 1;
	if (!c->format)
		c->format = "spdx-json";
	a->so.creators = a->creators;
	return creation_time(&a->so.created) < 0 ? -1 : 1;
}

/* --check FILE: one line per missing element on stdout. */
static int run_check(const char *path)
{
	struct readf rf = READF_INIT;
	struct perr e = { PERR_OK, "" };
	struct buf out = BUF_INIT;
	int n;

	if (readf_open(&rf, path, 0, &e) < 0 || readf_rest(&rf, (size_t)1 << 30, &e) < 0 ||
	    (rf.truncated && perr_set(&e, PERR_FILE, "over 1 GiB: not read") < 0)) {
		fprintf(stderr, "petal: %s: %s\n", path, e.msg);
		readf_release(&rf);
		return EXIT_INPUT;
	}
	n = ntia_check((const char *)rf.data, rf.len, &out, &e);
	readf_release(&rf);
	if (n < 0) {
		fprintf(stderr, "petal: %s: %s\n", path, e.msg);
		return EXIT_INPUT;
	}
	if (out.len)
		fwrite(out.data, 1, out.len, stdout);
	printf("%s: %d NTIA minimum element%s missing\n", path, n, n == 1 ? "" : "s");
	buf_release(&out);
	return n ? EXIT_POLICY : EXIT_DONE;
}

/* A file of a directory input, for extractedText (REUSE texts); archive
 * entries were not kept.  UTF-8 as is, anything
 * else read as Latin-1; NUL bytes become spaces. */
static char *read_text(void *ctx, const char *path)
{
	struct readf rf = READF_INIT;
	struct perr e;
	struct buf b = BUF_INIT;
	char *t = NULL;

	(void)ctx;
	if (strstr(path, "!/"))
		return NULL;
	if (readf_open(&rf, path, 0, &e) == 0 && readf_rest(&rf, REF_TEXT_MAX, &e) == 0 &&
	    !rf.truncated) {
		int utf8 = text_utf8_len(rf.data, rf.len) == rf.len;
		size_t i;

		for (i = 0; i < rf.len; i++) /* not UTF-8: Latin-1, as the scan read it */
			if (utf8 || rf.data[i] < 0x80)
				buf_addc(&b, (char)(rf.data[i] ? rf.data[i] : ' '));
			else
				text_put_utf8(&b, rf.data[i]);
		t = buf_take(&b);
	}
	readf_release(&rf);
	return t;
}

/* The display path the SBOM file has in the scan when it lies inside a
 * root, so it can be left out; NULL when it does not. */
static char *output_in_tree(const char *out, const char *const *roots, size_t n)
{
	char dir[PATH_MAX], *slash = strrchr(out, '/'), *real_dir, *res = NULL;
	size_t i;

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - out + 1) : 1, slash ? out : ".");
	if (!(real_dir = realpath(dir, NULL)))
		return NULL;
	for (i = 0; i < n && !res; i++) {
		char *r = realpath(roots[i], NULL), *shown = walk_root_dup(roots[i]);
		size_t k = r ? strlen(r) : 0;

		if (r && !strncmp(real_dir, r, k) && (real_dir[k] == '/' || !real_dir[k]) &&
		    asprintf(&res, "%s%s%s%s%s", shown, *shown ? "/" : "",
			     real_dir[k] ? real_dir + k + 1 : "", real_dir[k] ? "/" : "",
			     slash ? slash + 1 : out) < 0)
			res = NULL;
		free(r);
		free(shown);
	}
	free(real_dir);
	return res;
}

static int write_doc(struct cli *c, const struct sbom_args *a, const struct sbom_doc *d)
{
	int rc;

	errno = 0;
	rc = !strcmp(c->format, "spdx-tv")     ? spdxdoc_tv(d, c->out)
	   : !strcmp(c->format, "cyclonedx-json") ? cdx_json(d, a->cdx_files, c->out)
						  : spdxdoc_json(d, c->out);
	if (cli_close(c, rc < 0 ? (errno ? errno : EIO) : 0) < 0)
		return EXIT_INPUT;
	return c->failures ? EXIT_INPUT : EXIT_DONE;
}

static int scan(struct cli *c, struct sbom_args *a)
{
	struct perr e = { PERR_OK, "" };
	struct sbom_doc *doc;
	char *excl;
	int rc;

	if (sbom_check_opts(&a->so, &e) < 0) {
		fprintf(stderr, "petal sbom: %s\n", e.msg);
		return EXIT_USAGE;
	}
	if (cli_open(c) < 0)
		return EXIT_USAGE;
	excl = c->out_path ? output_in_tree(c->out_path, c->roots, c->nroots) : NULL;
	a->so.roots = c->roots;
	a->so.nroots = c->nroots;
	a->so.exclude = excl;
	a->so.read_text = read_text;
	doc = sbom_new(&a->so);
	rc = cli_run(c, sbom_add, doc);
	if (rc == 0 && sbom_finish(doc, &e) < 0) {
		fprintf(stderr, "petal sbom: %s\n", e.msg);
		rc = e.code == PERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
	} else {
		rc = rc != 0 ? EXIT_INPUT : -1;
	}
	if (rc >= 0)
		cli_discard(c);
	else
		rc = write_doc(c, a, doc);
	sbom_free(doc);
	free(excl);
	return rc;
}

int cmd_sbom(int argc, char **argv)
{
	struct sbom_args a;
	struct cli c = { .name = "sbom", .usage = sbom_usage, .exit_help = sbom_exit,
			 .formats = sbom_formats, .what = "SBOM" };
	int rc;

	memset(&a, 0, sizeof(a));
	rc = parse_args(argc, argv, &c, &a);
	if (rc > 0 && a.check && optind < argc) {
		fputs(sbom_usage, stderr);
		rc = -1;
	}
	if (rc > 0 && a.check)
		rc = run_check(a.check);
	else if (rc > 0)
		rc = scan(&c, &a);
	else
		rc = rc < 0 ? EXIT_USAGE : EXIT_DONE;
	cli_free(&c);
	free(a.creators);
	return rc;
}
