/* SPDX-License-Identifier: MIT */
/* cmd_sbom.c -- `petal sbom [options] [PATH...]` and `petal sbom --check FILE`. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "walk.h"
#include "cdx.h"
#include "cmd.h"
#include "ntia.h"
#include "pipeline.h"
#include "readf.h"
#include "sbom.h"
#include "spdxdoc.h"
#include "text.h"

#define SHOW_FAILURES 50
#define REF_TEXT_MAX (1 << 20) /* bytes of a LICENSES/LicenseRef-x.txt read */

struct sbom_args {
	struct pipeline_opts po;
	struct sbom_opts so;
	const char *format;
	const char *out_path;
	const char *check;
	const char **excludes;
	size_t nexcludes;
	const char **creators;
	int cdx_files;
	int no_text;
	int quiet;
};

static const char sbom_usage[] =
	"usage: petal sbom [options] [PATH...]\n"
	"       petal sbom --check FILE\n"
	"\n"
	"Scans directories, files and archives (default: .) and writes a software\n"
	"bill of materials: every file with its checksums, licenses and copyrights,\n"
	"a package for the input, each archive inside it and each manifest.\n"
	"\n"
	"  -f, --format FMT     spdx-json (default), spdx-tv, cyclonedx-json\n"
	"  -o, --output FILE    write to FILE (left out of the SBOM if inside the input)\n"
	"  -j, --jobs N         worker threads (default: online CPUs)\n"
	"      --name NAME      the described package (default: the top-level manifest's,\n"
	"                       else the directory or archive name)\n"
	"      --version V      its version (default: the manifest's, or from the name)\n"
	"      --supplier S     its supplier ('Organization: X' or 'Person: Y')\n"
	"      --namespace URI  the SPDX documentNamespace (default: from the content)\n"
	"      --creator C      add a creator: 'Person: NAME' or 'Organization: NAME'\n"
	"      --conclude       licenseConcluded = the detected expression (else NOASSERTION)\n"
	"      --cdx-files      CycloneDX: each file as a component too\n"
	"      --exclude GLOB   skip paths matching GLOB (as petal scan)\n"
	"      --no-text        SPDX tags only: no license text matching\n"
	"      --check FILE     report the NTIA minimum elements missing in an SPDX JSON file\n"
	"  -q, --quiet          no progress line\n"
	"\n"
	"SOURCE_DATE_EPOCH, when set, is the creation time (reproducible output).\n"
	"Exit: 0 done (--check: nothing missing), 1 --check: elements missing,\n"
	"2 usage error, 3 some inputs failed (named on stderr and in the document).\n";

enum {
	OPT_NAME = 256, OPT_VERSION, OPT_SUPPLIER, OPT_NAMESPACE, OPT_CREATOR, OPT_CONCLUDE,
	OPT_CDX_FILES, OPT_EXCLUDE, OPT_NO_TEXT, OPT_CHECK,
};

static const struct option sbom_opts_long[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "version", required_argument, NULL, OPT_VERSION },
	{ "supplier", required_argument, NULL, OPT_SUPPLIER },
	{ "namespace", required_argument, NULL, OPT_NAMESPACE },
	{ "creator", required_argument, NULL, OPT_CREATOR },
	{ "conclude", no_argument, NULL, OPT_CONCLUDE },
	{ "cdx-files", no_argument, NULL, OPT_CDX_FILES },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "no-text", no_argument, NULL, OPT_NO_TEXT },
	{ "check", required_argument, NULL, OPT_CHECK },
	{ NULL, 0, NULL, 0 },
};

static void push(const char ***v, size_t *n, const char *s)
{
	*v = realloc(*v, (*n + 1) * sizeof(**v));
	if (!*v)
		abort();
	(*v)[(*n)++] = s;
}

static int parse_opt(int c, struct sbom_args *a)
{
	char *end;
	long v;

	switch (c) {
	case 'f': a->format = optarg; return 0;
	case 'o': a->out_path = optarg; return 0;
	case 'q': a->quiet = 1; return 0;
	case 'j':
		errno = 0;
		v = strtol(optarg, &end, 10);
		if (errno || *end || v < 1 || v > 1024) {
			fprintf(stderr, "petal sbom: --jobs: 1..1024, not '%s'\n", optarg);
			return -1;
		}
		a->po.jobs = (unsigned)v;
		return 0;
	case OPT_NAME: a->so.name = optarg; return 0;
	case OPT_VERSION: a->so.version = optarg; return 0;
	case OPT_SUPPLIER: a->so.supplier = optarg; return 0;
	case OPT_NAMESPACE: a->so.namespace = optarg; return 0;
	case OPT_CREATOR: push(&a->creators, &a->so.ncreators, optarg); return 0;
	case OPT_CONCLUDE: a->so.conclude = 1; return 0;
	case OPT_CDX_FILES: a->cdx_files = 1; return 0;
	case OPT_EXCLUDE: push(&a->excludes, &a->nexcludes, optarg); return 0;
	case OPT_NO_TEXT: a->no_text = 1; return 0;
	case OPT_CHECK: a->check = optarg; return 0;
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
static int parse_args(int argc, char **argv, struct sbom_args *a)
{
	int c;

	pipeline_opts_default(&a->po);
	a->po.checksums = 1;
	a->format = "spdx-json";
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:o:j:qh", sbom_opts_long, NULL)) != -1) {
		if (c == 'h') {
			fputs(sbom_usage, stdout);
			return 0;
		}
		if (parse_opt(c, a) < 0) {
			fputs(sbom_usage, stderr);
			return -1;
		}
	}
	if (strcmp(a->format, "spdx-json") && strcmp(a->format, "spdx-tv") &&
	    strcmp(a->format, "cyclonedx-json")) {
		fprintf(stderr, "petal sbom: unknown format '%s' (spdx-json, spdx-tv, "
			"cyclonedx-json)\n", a->format);
		return -1;
	}
	a->po.walk.excludes = a->excludes;
	a->po.walk.nexcludes = a->nexcludes;
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

struct sbom_run {
	struct sbom_doc *doc;
	uint64_t failures;
	int progress_shown;
};

static void show_progress(void *ctx, const struct pipeline_counts *c)
{
	struct sbom_run *run = ctx;

	if (c->seconds < 1.0)
		return;
	fprintf(stderr, "\rpetal: %llu files, %.0f MB, %.0f s ", (unsigned long long)c->files,
		(double)c->bytes / 1e6, c->seconds);
	run->progress_shown = 1;
}

static int sink(void *ctx, const struct file_result *r)
{
	struct sbom_run *run = ctx;

	if (r->status == FS_FAILED && run->failures++ < SHOW_FAILURES)
		fprintf(stderr, "%spetal: %s: %s\n", run->progress_shown ? "\r\033[K" : "",
			r->path, r->error ? r->error : "failed");
	return sbom_add(run->doc, r);
}

static int write_doc(const struct sbom_args *a, const struct sbom_doc *d)
{
	FILE *out = stdout;
	int rc;

	if (a->out_path && !(out = fopen(a->out_path, "w"))) {
		fprintf(stderr, "petal: %s: cannot write: %s\n", a->out_path, strerror(errno));
		return EXIT_INPUT;
	}
	rc = !strcmp(a->format, "spdx-tv")     ? spdxdoc_tv(d, out)
	   : !strcmp(a->format, "cyclonedx-json") ? cdx_json(d, a->cdx_files, out)
						  : spdxdoc_json(d, out);
	if (fflush(out) != 0)
		rc = -1;
	if (out != stdout && fclose(out) != 0)
		rc = -1;
	if (rc < 0) {
		fprintf(stderr, "petal: %s: cannot write the SBOM: %s\n",
			a->out_path ? a->out_path : "stdout", strerror(errno));
		return EXIT_INPUT;
	}
	return EXIT_DONE;
}

static int scan(struct sbom_args *a, const char *const *roots, size_t nroots)
{
	struct sbom_run run = { NULL, 0, 0 };
	struct pipeline_progress prog = { show_progress, &run, 250 };
	struct perr e = { PERR_OK, "" };
	struct mani_annots *annots;
	struct idx idx;
	char *excl;
	int rc;

	if (sbom_check_opts(&a->so, &e) < 0) {
		fprintf(stderr, "petal sbom: %s\n", e.msg);
		return EXIT_USAGE;
	}
	excl = a->out_path ? output_in_tree(a->out_path, roots, nroots) : NULL;
	if (idx_open(&idx, &e) < 0) {
		fprintf(stderr, "petal: %s\n", e.msg);
		free(excl);
		return EXIT_INPUT;
	}
	a->po.detect.idx = a->no_text ? NULL : &idx;
	a->so.roots = roots;
	a->so.nroots = nroots;
	a->so.exclude = excl;
	a->so.read_text = read_text;
	run.doc = sbom_new(&a->so);
	a->po.annots = annots = mani_annots_load(roots, nroots); /* REUSE, DEP-5: as petal scan */
	rc = pipeline_run(roots, nroots, &a->po, sink, &run,
			  a->quiet || !isatty(STDERR_FILENO) ? NULL : &prog, &e);
	mani_annots_free(annots);
	if (run.progress_shown)
		fputs("\r\033[K", stderr);
	if (rc < 0 || sbom_finish(run.doc, &e) < 0) {
		fprintf(stderr, "petal sbom: %s\n", e.msg);
		rc = e.code == PERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
	} else {
		rc = write_doc(a, run.doc);
		if (run.failures > SHOW_FAILURES)
			fprintf(stderr, "petal: %llu more inputs failed (all are in the SBOM's comment)\n",
				(unsigned long long)(run.failures - SHOW_FAILURES));
		if (rc == EXIT_DONE && run.failures)
			rc = EXIT_INPUT;
	}
	sbom_free(run.doc);
	free(excl);
	return rc;
}

int cmd_sbom(int argc, char **argv)
{
	struct sbom_args a;
	static const char *const here[] = { "." };
	int rc;

	memset(&a, 0, sizeof(a));
	rc = parse_args(argc, argv, &a);
	if (rc > 0 && a.check)
		rc = optind < argc ? (fputs(sbom_usage, stderr), -1) : 2;
	if (rc == 2)
		rc = run_check(a.check);
	else if (rc > 0)
		rc = scan(&a, optind < argc ? (const char *const *)argv + optind : here,
			  optind < argc ? (size_t)(argc - optind) : 1);
	else
		rc = rc < 0 ? EXIT_USAGE : EXIT_DONE;
	free(a.excludes);
	free(a.creators);
	return rc;
}
