/* SPDX-License-Identifier: MIT */
/* mani_xml.c -- pom.xml (Maven) and *.nuspec (NuGet), read with
 * sbom/xml.h.
 *
 * Maven: <licenses><license><name>/<url>; the name is mapped, else the
 * URL; several licenses are a choice (OR), as Maven's POM reference
 * says.  groupId and version fall back to <parent>; ${properties} are
 * resolved one level from <properties> and project.version.  NuGet:
 * <license type="expression"> is SPDX, type="file" names a file;
 * <licenseUrl> is read when there is no <license> (licenses.nuget.org/X
 * is the expression X). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mani_int.h"
#include "xml.h"

static struct xml_node *parse(struct mani_doc *d, const char *root)
{
	struct perr e;
	struct xml_node *x = xml_parse(d->text, d->len, &e);
	struct buf b = BUF_INIT;

	if (!x) {
		mani_malformed(d, NULL, e.msg);
		return NULL;
	}
	if (strcmp(x->name, root)) {
		buf_printf(&b, "the root element is not <%s>", root);
		mani_malformed(d, NULL, b.data);
		buf_release(&b);
		xml_free(x);
		return NULL;
	}
	return x;
}

static const char *text(const struct xml_node *n, const char *child)
{
	const struct xml_node *k = xml_child(n, child);

	return k ? k->text : NULL;
}

/* ${name} from <properties>, project.version and project.groupId. */
static void resolve(char **dst, const struct xml_node *prj, const char *version)
{
	const char *s = *dst, *open, *close;
	struct buf b = BUF_INIT;
	char key[128];

	if (!s || !strstr(s, "${"))
		return;
	while ((open = strstr(s, "${")) != NULL && (close = strchr(open, '}')) != NULL) {
		const char *v = NULL;

		buf_add(&b, s, (size_t)(open - s));
		snprintf(key, sizeof(key), "%.*s", (int)(close - open - 2), open + 2);
		if (!strcmp(key, "project.version") || !strcmp(key, "version"))
			v = version;
		else
			v = text(xml_child(prj, "properties"), key);
		if (!v || strstr(v, "${")) {
			buf_release(&b); /* unresolved: unknown, not "${x}" */
			free(*dst);
			*dst = NULL;
			return;
		}
		buf_adds(&b, v);
		s = close + 1;
	}
	buf_adds(&b, s);
	mani_set(dst, b.data);
	buf_release(&b);
}

/* One <license>: its name mapped, else its URL. */
static void one_license(const struct xml_node *l, struct mani_spdx *m, struct buf *raw)
{
	const char *name = text(l, "name"), *url = text(l, "url");
	struct mani_spdx u;

	if (raw->len)
		buf_adds(raw, ", ");
	buf_adds(raw, name && *name ? name : url ? url : "");
	mani_spdx(name ? name : "", name ? strlen(name) : 0, 0, m);
	if (m->expression || !url)
		return;
	mani_spdx(url, strlen(url), 0, &u);
	if (u.expression) {
		mani_spdx_release(m);
		*m = u;
		return;
	}
	mani_spdx_release(&u);
}

static void pom_licenses(struct mani_doc *d, struct package *p, const struct xml_node *ls)
{
	const struct xml_node *l = NULL;
	struct mani_spdx all = { NULL, NULL, NULL }, m;
	struct buf raw = BUF_INIT, x = BUF_INIT;
	unsigned n = 0;

	while ((l = xml_next(ls, l, "license")) != NULL && n < 32) {
		one_license(l, &m, &raw);
		if (!m.expression && !all.problem)
			all.problem = m.problem, m.problem = NULL;
		if (m.expression)
			buf_printf(&x, "%s(%s)", n ? " OR " : "", m.expression);
		if (!all.note && m.note)
			all.note = m.note, m.note = NULL;
		mani_spdx_release(&m);
		n++;
	}
	if (!n) {
		buf_release(&raw);
		return;
	}
	if (!all.problem) {
		struct mani_spdx c;

		mani_spdx(x.data, x.len, 0, &c);
		all.expression = c.expression, c.expression = NULL;
		mani_spdx_release(&c);
	}
	mani_declare(d, p, raw.data ? raw.data : "", raw.len, ls->line, &all,
		     n > 1 ? "several licenses are a choice (OR) in Maven" : NULL);
	mani_spdx_release(&all);
	buf_release(&raw);
	buf_release(&x);
}

void mani_read_pom(struct mani_doc *d)
{
	struct xml_node *x = parse(d, "project");
	const struct xml_node *parent, *devs;
	struct package *p;
	const char *version;

	if (!x)
		return;
	parent = xml_child(x, "parent");
	p = mani_package(d, "maven");
	mani_set(&p->namespace, text(x, "groupId") ? text(x, "groupId") : text(parent, "groupId"));
	mani_set(&p->name, text(x, "artifactId"));
	version = text(x, "version") ? text(x, "version") : text(parent, "version");
	mani_set(&p->version, version);
	resolve(&p->version, x, text(parent, "version"));
	resolve(&p->namespace, x, NULL);
	mani_set(&p->homepage, text(x, "url"));
	resolve(&p->homepage, x, p->version);
	mani_set(&p->supplier, text(xml_child(x, "organization"), "name"));
	devs = xml_child(x, "developers");
	if (!p->supplier)
		mani_set(&p->supplier, text(xml_child(devs, "developer"), "name"));
	if (xml_child(x, "licenses"))
		pom_licenses(d, p, xml_child(x, "licenses"));
	xml_free(x);
}

void mani_read_nuspec(struct mani_doc *d)
{
	struct xml_node *x = parse(d, "package");
	const struct xml_node *md, *lic, *url;
	struct package *p;
	const char *type;

	if (!x)
		return;
	if (!(md = xml_child(x, "metadata"))) {
		mani_malformed(d, NULL, "no <metadata> element");
		xml_free(x);
		return;
	}
	p = mani_package(d, "nuget");
	mani_set(&p->name, text(md, "id"));
	mani_set(&p->version, text(md, "version"));
	mani_set(&p->supplier, text(md, "authors"));
	mani_set(&p->homepage, text(md, "projectUrl"));
	lic = xml_child(md, "license");
	url = xml_child(md, "licenseUrl");
	type = lic ? xml_attr(lic, "type") : NULL;
	if (lic && type && !strcmp(type, "file"))
		mani_license_file(d, p, lic->text, lic->line, "license type=\"file\"");
	else if (lic)
		mani_license(d, p, lic->text, strlen(lic->text), lic->line, 0, NULL);
	else if (url)
		mani_license(d, p, url->text, strlen(url->text), url->line, 0, "licenseUrl");
	xml_free(x);
}
