/*
 * derive - cases, document statuses, report dates and tickets as a
 * function of the registry, the requirement table, the documents with
 * their receipt times and the clerks' decisions (DESIGN.md rules 1-11,
 * "Matching documents to cases").
 *
 * How: the documents are sorted into receipt order (ties: fax sha256, the
 * forms of a fax before its other pages, page, id) and replayed one by one
 * as if each had just arrived, at its receipt time. Waiting documents are
 * matched again after every change to a case, as long as they are at most
 * 30 days old at that moment. Tickets are built from the final state. The
 * input array's order therefore never matters (rule 11).
 *
 * Clerks: a rejected document is out (CLERK_REJECTED). An accepted one
 * skips the reading-stage reasons and the judgement checks (exclusion
 * words, the signer's name, the identity's match with the signer, fields
 * that only checks need); the service's rules (registry, signer's powers,
 * signature or declaration written as absent, coverage, expiry, dates)
 * still hold: a misread value is corrected with `review set`, not waived.
 * An assigned document goes to that case without content matching.
 *
 * Failure policy: bad input (no registry or table, a document without id
 * or sha256, an id twice) is refused with -1 and a message; everything a
 * document can be is a result, never an error. Out of memory is fatal.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "rules/calendar.h"
#include "rules/rules.h"

#define DAY_SECONDS 86400
#define ADDRESS_DELAY DAY_SECONDS		/* rule 8: 24 hours */

enum wstate { W_NEW = 0, W_DONE, W_WAITING };

struct wdoc {
	const struct rules_doc_in *in;
	struct rules_doc_out *out;
	size_t order;			/* position in receipt order */
	enum ocr_doctype type;
	enum wstate state;
	int ci;				/* case index, -1 none */
	int opened_ci;			/* the case it opened, -1 none */
	struct rules_day day;		/* local day of receipt */
	bool clerk_ok;
	/* forms, once checked */
	enum rules_claim claim;
	enum rules_delivery delivery;
	const struct rules_company *company;
	const struct rules_line *rline;
	const struct rules_person *signer;
};

struct wcase {
	struct rules_case c;
	const struct rules_company *company;
	const struct rules_line *rline;
	struct wdoc **docs;		/* filed, in joining order */
	size_t ndocs;
	struct wdoc *has[OCR_DOC_NTYPES];
	const struct rules_cancel_in *cancel;
	struct rules_day due;		/* when complete */
	bool closed;
	bool dirty;			/* changed since waiting documents looked */
};

struct overlay {
	const struct rules_company *company;
	time_t effective;
	const char *text;
};

struct engine {
	const struct rules_input *in;
	struct wdoc *docs;
	struct wdoc **order;
	size_t n;
	struct wcase *cases;
	size_t ncases;
	struct wdoc **by_id;		/* sorted by document id */
	int *active;			/* open cases, and complete ones taking copies */
	size_t nactive;
	struct wdoc **waiting;		/* waiting documents, receipt order */
	size_t nwaiting;
	int *dirty;			/* cases changed since waiting documents looked */
	size_t ndirty;
	struct overlay *ov;
	size_t nov;
};

static const char *const doc_status_names[] = { "accepted", "waiting", "review", "rejected" };
static const char *const case_status_names[] = { "pending", "complete", "review", "rejected",
						 "cancelled" };

const char *rules_doc_status_name(enum rules_doc_status s)
{
	return (size_t)s < ARRAY_SIZE(doc_status_names) ? doc_status_names[s] : "review";
}

const char *rules_case_status_name(enum rules_case_status s)
{
	return (size_t)s < ARRAY_SIZE(case_status_names) ? case_status_names[s] : "review";
}

/* ------------------------------------------------------------ reasons */

static void reason_vadd(struct rules_reason **arr, size_t *n, const char *code, const char *field,
			const char *fmt, va_list ap)
{
	struct strbuf text = STRBUF_INIT;
	struct rules_reason *r;

	*arr = xrealloc(*arr, (*n + 1) * sizeof(**arr));
	r = &(*arr)[(*n)++];
	sb_vaddf(&text, fmt, ap);
	r->code = xstrdup(code);
	r->field = field ? xstrdup(field) : NULL;
	r->text = sb_detach(&text);
}

static void __attribute__((format(printf, 5, 6)))
reason_add(struct rules_reason **arr, size_t *n, const char *code, const char *field,
	   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	reason_vadd(arr, n, code, field, fmt, ap);
	va_end(ap);
}

static void reasons_free(struct rules_reason *arr, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(arr[i].code);
		free(arr[i].field);
		free(arr[i].text);
	}
	free(arr);
}

/* Records a reason on a document and makes its status at least `st`
 * (rejected > review > waiting > accepted). */
static void __attribute__((format(printf, 5, 6)))
doc_fail(struct wdoc *w, enum rules_doc_status st, const char *code, const char *field,
	 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	reason_vadd(&w->out->reasons, &w->out->nreasons, code, field, fmt, ap);
	va_end(ap);
	if (w->out->status != RULES_DOC_REJECTED)
		w->out->status = st;
	w->state = W_DONE;
}

static void __attribute__((format(printf, 4, 5)))
case_reason(struct wcase *k, const char *code, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	reason_vadd(&k->c.reasons, &k->c.nreasons, code, field, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------ fields */

static const char *val(const struct wdoc *w, const char *name)
{
	return ocr_document_value(w->in->doc, name);
}

/* A field the document cannot do without: its trusted value, or NULL
 * after recording why (the field's own reason, else FIELD_MISSING). */
static const char *need(struct wdoc *w, const char *name, bool *bad)
{
	const struct ocr_field *f = ocr_document_field(w->in->doc, name);
	if (f && !f->reason)
		return f->value;
	if (f)
		doc_fail(w, RULES_DOC_REVIEW, f->reason, name, "field '%s' is not trusted (%s)", name,
			 f->reason);
	else
		doc_fail(w, RULES_DOC_REVIEW, "FIELD_MISSING", name, "field '%s' is missing", name);
	*bad = true;
	return NULL;
}

/* A field only a check needs: when a clerk accepted the document, its
 * absence is no reason. */
static const char *need_for_check(struct wdoc *w, const char *name, bool *bad)
{
	const char *v = val(w, name);
	if (v || w->clerk_ok)
		return v;
	return need(w, name, bad);
}

static bool claim_theft_loss(enum rules_claim c)
{
	return c == RULES_CLAIM_THEFT || c == RULES_CLAIM_LOSS;
}

/* Claims agree: theft or loss with theft or loss, fault or malfunction
 * with the same. */
static bool claims_agree(enum rules_claim a, enum rules_claim b)
{
	return a == b || (claim_theft_loss(a) && claim_theft_loss(b));
}

static bool role_may_move_address(enum rules_role r)
{
	return r == RULES_ROLE_LEGAL_REPRESENTATIVE || r == RULES_ROLE_MANDATARIO;
}

/* Rule 5: day within the line's coverage, and coverage at most two years. */
static bool covered(const struct rules_line *l, struct rules_day day, bool check_start)
{
	struct rules_day start, end, cap;
	if (rules_cal_parse(l->coverage_start, &start) != 0 ||
	    rules_cal_parse(l->coverage_end, &end) != 0)
		return false;
	cap = start;
	cap.y += 2;
	cap.d = 1;
	cap = rules_cal_add_days(cap, start.d - 2);	/* start + 2 years - 1 day */
	if (check_start && rules_cal_compare(day, start) < 0)
		return false;
	return rules_cal_compare(day, end) <= 0 && rules_cal_compare(day, cap) <= 0;
}

/* The birth date a fiscal code encodes, compared with an ISO date:
 * year (two digits), month letter, day (+40 for women); omocodia letters
 * stand for digits. Returns true when they agree. */
static bool cf_birth_matches(const char *cf, const char *iso)
{
	static const char months[] = "ABCDEHLMPRST";
	static const char omo[] = "LMNPQRSTUV";
	int digits[4], i, y, m, d;
	const char *p;
	static const int pos[4] = { 6, 7, 9, 10 };

	if (!cf || strlen(cf) != 16 || util_parse_date(iso, &y, &m, &d) != 0)
		return false;
	for (i = 0; i < 4; i++) {
		char c = cf[pos[i]];
		if (c >= '0' && c <= '9')
			digits[i] = c - '0';
		else if ((p = strchr(omo, c)) != NULL)
			digits[i] = (int)(p - omo);
		else
			return false;
	}
	p = strchr(months, cf[8]);
	if (!p)
		return false;
	return digits[0] * 10 + digits[1] == y % 100 && (int)(p - months) + 1 == m &&
	       (digits[2] * 10 + digits[3]) % 40 == d;
}

/* ------------------------------------------------------------ cases */

static struct wcase *wc(struct engine *e, int ci)
{
	return ci >= 0 ? &e->cases[ci] : NULL;
}

static bool case_open(const struct wcase *k)
{
	return !k->closed && (k->c.status == RULES_CASE_PENDING || k->c.status == RULES_CASE_REVIEW);
}

static int cmp_id(const void *pa, const void *pb)
{
	const struct wdoc *a = *(struct wdoc *const *)pa, *b = *(struct wdoc *const *)pb;
	return a->in->id < b->in->id ? -1 : a->in->id > b->in->id;
}

/* The case a document opened (a case's key is its opening document's id). */
static int case_by_key(const struct engine *e, int64_t key)
{
	struct rules_doc_in probe_in;
	struct wdoc probe, *pp = &probe, **hit;

	probe_in.id = key;
	probe.in = &probe_in;
	hit = bsearch(&pp, e->by_id, e->n, sizeof(e->by_id[0]), cmp_id);
	return hit ? (*hit)->opened_ci : -1;
}

static void mark_dirty(struct engine *e, int ci)
{
	if (e->cases[ci].dirty)
		return;
	e->cases[ci].dirty = true;
	e->dirty = xrealloc(e->dirty, (e->ndirty + 1) * sizeof(e->dirty[0]));
	e->dirty[e->ndirty++] = ci;
}

static void set_waiting(struct engine *e, struct wdoc *w)
{
	w->out->status = RULES_DOC_WAITING;
	if (w->state == W_WAITING)
		return;
	w->state = W_WAITING;
	e->waiting = xrealloc(e->waiting, (e->nwaiting + 1) * sizeof(e->waiting[0]));
	e->waiting[e->nwaiting++] = w;
}

/* A complete case still taking copies of its documents: received on or
 * before its due date (rule 11, "Matching documents to cases"). */
static bool case_takes_copy(const struct wcase *k, const struct wdoc *w)
{
	if (k->c.status != RULES_CASE_COMPLETE || k->closed)
		return false;
	return rules_cal_compare(w->day, k->due) <= 0 && (k->c.required & (1u << w->type));
}

/* The case's signer: the blocking form's, else the on-site form's. */
static const struct wdoc *case_signer_doc(const struct wcase *k)
{
	if (k->has[OCR_DOC_BLOCK])
		return k->has[OCR_DOC_BLOCK];
	return k->has[OCR_DOC_ONSITE];
}

/* The event date the denunciation must not precede. */
static const char *case_event_date(const struct wcase *k)
{
	return k->has[OCR_DOC_BLOCK] ? val(k->has[OCR_DOC_BLOCK], "event_date") : NULL;
}

/* Picks, per type, the earliest-received document filed. */
static void case_recount(struct wcase *k)
{
	size_t i;
	memset(k->has, 0, sizeof k->has);
	for (i = 0; i < k->ndocs; i++) {
		struct wdoc *w = k->docs[i];
		if (!k->has[w->type] || w->order < k->has[w->type]->order)
			k->has[w->type] = w;
	}
}

static void case_unfile(struct wcase *k, struct wdoc *w)
{
	size_t i;
	for (i = 0; i < k->ndocs; i++)
		if (k->docs[i] == w) {
			memmove(&k->docs[i], &k->docs[i + 1], (k->ndocs - i - 1) * sizeof(k->docs[0]));
			k->ndocs--;
			break;
		}
	w->ci = -1;
}

/* Sets report date and due date when every required type is in; checks
 * coverage at the report date (rule 5). */
static void case_try_complete(struct engine *e, struct wcase *k)
{
	time_t report = 0;
	int t;

	if (k->closed || k->c.status == RULES_CASE_REJECTED)
		return;
	for (t = 1; t < OCR_DOC_NTYPES; t++) {
		if (!(k->c.required & (1u << t)))
			continue;
		if (!k->has[t])
			return;
		if (k->has[t]->in->received > report)
			report = k->has[t]->in->received;
	}
	if (k->c.status == RULES_CASE_COMPLETE && k->c.report_date == report)
		return;
	k->c.report_date = report;
	rules_cal_due_date(report, k->c.due_date, sizeof k->c.due_date);
	rules_cal_parse(k->c.due_date, &k->due);
	if (!covered(k->rline, rules_cal_local_day(report), true)) {
		char day[11];
		case_reason(k, "COVERAGE_EXPIRED", "line",
			    "report date %s outside the coverage of line %s (%s to %s)",
			    rules_cal_format(rules_cal_local_day(report), day, sizeof day),
			    k->rline->number, k->rline->coverage_start, k->rline->coverage_end);
		k->c.status = RULES_CASE_REJECTED;
		k->closed = true;
		return;
	}
	k->c.status = RULES_CASE_COMPLETE;
	mark_dirty(e, (int)(k - e->cases));
}

/* ------------------------------------------------ attachments (rule 9) */

/* Does identity w belong to the person who signs case k? */
static bool identity_is_signer(const struct wdoc *w, const struct wcase *k)
{
	const struct wdoc *s = case_signer_doc(k);
	const char *cf = val(w, "fiscal_code"), *surname = val(w, "surname"), *name = val(w, "name");
	const char *birth = val(w, "birth_date");
	struct strbuf full = STRBUF_INIT;
	bool ok;

	if (!s || !s->signer)
		return false;
	if (cf)
		return strcasecmp(cf, s->signer->fiscal_code) == 0;
	if (!surname || !name)
		return false;
	sb_addf(&full, "%s %s", surname, name);
	ok = rules_names_equal(full.buf, s->signer->name) &&
	     (!birth || cf_birth_matches(s->signer->fiscal_code, birth));
	sb_release(&full);
	return ok;
}

/* Does denunciation w name case k's IMEI or line (and no other)? */
static bool denunciation_names_case(const struct wdoc *w, const struct wcase *k)
{
	const char *imei = val(w, "imei"), *line = val(w, "line");
	if (imei && strcmp(imei, k->c.imei) != 0)
		return false;
	if (line && strcmp(line, k->c.line) != 0)
		return false;
	return imei || line;
}

static bool attachment_fits(const struct wdoc *w, const struct wcase *k)
{
	if (!claim_theft_loss(k->c.claim))
		return false;
	if (w->type == OCR_DOC_DENUNCIATION)
		return denunciation_names_case(w, k);
	return identity_is_signer(w, k);
}

/* Checks a denunciation or identity against the case it was matched to.
 * Returns true when it may be filed there; else records why. */
static bool attachment_check(struct wdoc *w, struct wcase *k, bool content_matched)
{
	const char *type = ocr_doctype_name(w->type);

	w->out->case_key = k->c.key;
	if (!(k->c.required & (1u << w->type))) {
		doc_fail(w, RULES_DOC_REVIEW, "DOCUMENT_MISMATCH", NULL,
			 "a %s case does not need a %s", rules_claim_name(k->c.claim), type);
		return false;
	}
	if (w->type == OCR_DOC_DENUNCIATION) {
		const char *date = val(w, "date");
		const char *event = case_event_date(k);
		if (!event)
			event = val(w, "event_date");
		if (!w->in->assigned_case && !content_matched && !denunciation_names_case(w, k)) {
			doc_fail(w, RULES_DOC_REVIEW, "DOCUMENT_MISMATCH", val(w, "imei") ? "imei" : "line",
				 "the denunciation names another device than the case's (line %s, IMEI %s)",
				 k->c.line, k->c.imei);
			return false;
		}
		if (date && event && strcmp(date, event) < 0) {
			doc_fail(w, RULES_DOC_REJECTED, "DENUNCIATION_DATE_INVALID", "date",
				 "denunciation dated %s, before the event of %s", date, event);
			return false;
		}
		return true;
	}
	if (!w->clerk_ok && !w->in->assigned_case && case_signer_doc(k) && !identity_is_signer(w, k)) {
		const struct wdoc *s = case_signer_doc(k);
		doc_fail(w, RULES_DOC_REVIEW, "DOCUMENT_MISMATCH", val(w, "fiscal_code") ? "fiscal_code" : "surname",
			 "the identity document is not the signer's (%s, %s)",
			 s->signer ? s->signer->name : "?", s->signer ? s->signer->fiscal_code : "?");
		return false;
	}
	return true;
}

/* After the signer or the event date of a case changed: attachments that
 * no longer fit leave it (rule 9). */
static void case_recheck(struct engine *e, struct wcase *k)
{
	size_t i = 0;
	while (i < k->ndocs) {
		struct wdoc *w = k->docs[i];
		if (w->type == OCR_DOC_DENUNCIATION || w->type == OCR_DOC_IDENTITY) {
			if (!attachment_check(w, k, false)) {
				case_unfile(k, w);
				continue;
			}
		}
		i++;
	}
	case_recount(k);
}

static void file_in_case(struct engine *e, int ci, struct wdoc *w)
{
	struct wcase *k = wc(e, ci);

	k->docs = xrealloc(k->docs, (k->ndocs + 1) * sizeof(k->docs[0]));
	k->docs[k->ndocs++] = w;
	w->ci = ci;
	w->state = W_DONE;
	w->out->status = RULES_DOC_ACCEPTED;
	w->out->case_key = k->c.key;
	case_recount(k);
	if (k->c.status != RULES_CASE_COMPLETE &&
	    (w->type == OCR_DOC_BLOCK || w->type == OCR_DOC_ONSITE))
		case_recheck(e, k);
	case_try_complete(e, k);
	mark_dirty(e, ci);
}

/* ------------------------------------------------------------ forms */

static int open_case(struct engine *e, struct wdoc *w, const struct rules_requirement *row)
{
	struct wcase *k;
	size_t i;

	e->cases = xrealloc(e->cases, (e->ncases + 1) * sizeof(e->cases[0]));
	k = &e->cases[e->ncases];
	memset(k, 0, sizeof *k);
	k->c.key = w->in->id;
	k->c.status = RULES_CASE_PENDING;
	k->c.opened_by = w->type;
	k->c.claim = w->claim;
	k->c.delivery = w->delivery;
	k->c.vat = xstrdup(w->company->vat);
	k->c.line = xstrdup(w->rline->number);
	k->c.imei = xstrdup(w->rline->imei);
	k->c.opened = w->in->received;
	k->c.required = row->required;
	k->company = w->company;
	k->rline = w->rline;
	for (i = 0; i < e->in->ncancels; i++)
		if (e->in->cancels[i].case_key == k->c.key)
			k->cancel = &e->in->cancels[i];
	w->opened_ci = (int)e->ncases;
	e->active = xrealloc(e->active, (e->nactive + 1) * sizeof(e->active[0]));
	e->active[e->nactive++] = (int)e->ncases;
	return (int)e->ncases++;
}

static int open_case_for_line(const struct engine *e, const char *line)
{
	size_t i;
	for (i = 0; i < e->nactive; i++)
		if (case_open(&e->cases[e->active[i]]) &&
		    strcmp(e->cases[e->active[i]].c.line, line) == 0)
			return e->active[i];
	return -1;
}

/* Drops from the active list the cases that can take no document any
 * more on `day`: closed, or complete and past their due date. */
static void prune_active(struct engine *e, struct rules_day day)
{
	size_t i, n = 0;
	for (i = 0; i < e->nactive; i++) {
		const struct wcase *k = &e->cases[e->active[i]];
		if (k->closed ||
		    (k->c.status == RULES_CASE_COMPLETE && rules_cal_compare(day, k->due) > 0))
			continue;
		e->active[n++] = e->active[i];
	}
	e->nactive = n;
}

/* Why form w cannot join open case k, or NULL when it can. */
static const char *form_conflict(const struct wdoc *w, const struct wcase *k, const char **field)
{
	*field = w->type == OCR_DOC_ONSITE ? "claim" : "event";
	if (!claims_agree(w->claim, k->c.claim))
		return "claim";
	*field = "delivery";
	if (!(k->c.required & (1u << w->type)))
		return "delivery";
	if (w->type == OCR_DOC_BLOCK && w->delivery != k->c.delivery)
		return "delivery";
	return NULL;
}

/* The checks of rules 5-7 and 10 that reject a form. */
static void form_rules(struct engine *e, struct wdoc *w, const char *line, const char *vat,
		       const char *imei, const char *cf)
{
	const char *v;
	char day[11];

	w->rline = rules_registry_line(e->in->registry, line, &w->company);
	if (!w->rline) {
		doc_fail(w, RULES_DOC_REJECTED, "LINE_UNKNOWN", "line",
			 "line %s is not in the registry", line);
		return;
	}
	if (strcmp(w->company->vat, vat) != 0)
		doc_fail(w, RULES_DOC_REJECTED, "COMPANY_MISMATCH", "vat",
			 "line %s belongs to VAT %s, not %s", line, w->company->vat, vat);
	if (strcmp(w->rline->imei, imei) != 0)
		doc_fail(w, RULES_DOC_REJECTED, "IMEI_MISMATCH", "imei",
			 "line %s has IMEI %s in the registry, not %s", line, w->rline->imei, imei);
	if (!covered(w->rline, w->day, false))
		doc_fail(w, RULES_DOC_REJECTED, "COVERAGE_EXPIRED", "line",
			 "received %s, coverage of line %s is %s to %s",
			 rules_cal_format(w->day, day, sizeof day), line, w->rline->coverage_start,
			 w->rline->coverage_end);
	w->signer = rules_registry_person(w->company, cf);
	if (!w->signer)
		doc_fail(w, RULES_DOC_REJECTED, "SIGNER_NOT_AUTHORIZED", "signer_cf",
			 "%s is not a person of company %s in the registry", cf, w->company->vat);
	else if (!rules_person_may_sign(w->signer, line))
		doc_fail(w, RULES_DOC_REJECTED, "SIGNER_NOT_AUTHORIZED", "signer_cf",
			 "%s (%s) may not sign for line %s", w->signer->name,
			 rules_role_name(w->signer->role), line);
	v = val(w, "signature");
	if (v && strcmp(v, "false") == 0)
		doc_fail(w, RULES_DOC_REJECTED, "SIGNATURE_MISSING", "signature", "the form is not signed");
	if (w->type == OCR_DOC_ONSITE && !claim_theft_loss(w->claim)) {
		v = val(w, "declaration");
		if (v && strcmp(v, "false") == 0)
			doc_fail(w, RULES_DOC_REJECTED, "DECLARATION_MISSING", "declaration",
				 "the declaration is not ticked on a %s request",
				 rules_claim_name(w->claim));
	}
}

/* Judgement checks a clerk's acceptance waives. */
static void form_judgement(struct engine *e, struct wdoc *w)
{
	const char *desc = val(w, "description"), *name = val(w, "signer");

	if (w->clerk_ok)
		return;
	if (w->type == OCR_DOC_ONSITE && !claim_theft_loss(w->claim) &&
	    rules_requirements_excluded(e->in->requirements, desc))
		doc_fail(w, RULES_DOC_REVIEW, "EXCLUSION_SUSPECTED", "description",
			 "the description speaks of liquids or tampering");
	if (name && w->signer && !rules_names_equal(name, w->signer->name))
		doc_fail(w, RULES_DOC_REVIEW, "SIGNER_NOT_AUTHORIZED", "signer",
			 "signer '%s' is not '%s', whose fiscal code the form carries", name,
			 w->signer->name);
}

static void process_form(struct engine *e, struct wdoc *w)
{
	bool bad = false;
	const char *line = need(w, "line", &bad), *vat = need(w, "vat", &bad);
	const char *imei = need(w, "imei", &bad), *cf = need(w, "signer_cf", &bad);
	const char *claim = need(w, w->type == OCR_DOC_ONSITE ? "claim" : "event", &bad);
	const char *delivery = w->type == OCR_DOC_BLOCK ? need(w, "delivery", &bad) : "site";
	const struct rules_requirement *row;
	const char *field = NULL;
	int ci, open;
	size_t i;

	need_for_check(w, "signature", &bad);
	if (w->type == OCR_DOC_BLOCK)
		need_for_check(w, "event_date", &bad);
	if (bad)
		return;
	w->claim = rules_claim_parse(claim);
	w->delivery = rules_delivery_parse(delivery);
	if (w->type == OCR_DOC_ONSITE && !claim_theft_loss(w->claim)) {
		need_for_check(w, "declaration", &bad);
		if (bad)
			return;
	}
	form_rules(e, w, line, vat, imei, cf);
	if (w->state == W_DONE)
		return;
	form_judgement(e, w);
	if (w->state == W_DONE)
		return;

	if (w->in->assigned_case) {
		ci = case_by_key(e, w->in->assigned_case);
		if (ci < 0) {
			set_waiting(e, w);
			return;
		}
		file_in_case(e, ci, w);
		return;
	}
	open = open_case_for_line(e, line);
	if (open >= 0 && !form_conflict(w, wc(e, open), &field)) {
		file_in_case(e, open, w);
		return;
	}
	/* a copy of a document of a complete case, before its due date */
	for (i = e->nactive; i-- > 0;) {
		struct wcase *k = wc(e, ci = e->active[i]);
		if (strcmp(k->c.line, line) == 0 && case_takes_copy(k, w) &&
		    claims_agree(w->claim, k->c.claim) &&
		    (w->type != OCR_DOC_BLOCK || w->delivery == k->c.delivery)) {
			file_in_case(e, ci, w);
			return;
		}
	}
	if (open >= 0) {
		struct wcase *k = wc(e, open);
		w->out->case_key = k->c.key;
		doc_fail(w, RULES_DOC_REVIEW, "DOCUMENT_MISMATCH", field,
			 "%s %s/%s contradicts the open case %" PRId64 " (%s, %s)",
			 ocr_doctype_name(w->type), rules_claim_name(w->claim),
			 rules_delivery_name(w->delivery), k->c.key, rules_claim_name(k->c.claim),
			 rules_delivery_name(k->c.delivery));
		case_reason(k, "DOCUMENT_MISMATCH", NULL, "document %" PRId64 " contradicts the case",
			    w->in->id);
		return;
	}
	row = rules_requirements_find(e->in->requirements, w->type, w->claim, w->delivery);
	if (!row) {
		doc_fail(w, RULES_DOC_REVIEW, "DOCUMENT_MISMATCH", w->type == OCR_DOC_ONSITE ? "claim" : "delivery",
			 "no service opens with %s for %s, delivery %s", ocr_doctype_name(w->type),
			 rules_claim_name(w->claim), rules_delivery_name(w->delivery));
		return;
	}
	file_in_case(e, open_case(e, w, row), w);
}

/* ------------------------------------------------ denunciation, identity */

/* The one case attachment w fits by content among the open cases
 * (open) or the complete ones taking copies (!open): its index, -1 for
 * none, -2 for several (reason recorded). */
static int content_match(struct engine *e, struct wdoc *w, bool open)
{
	int found = -1;
	size_t i;

	for (i = 0; i < e->nactive; i++) {
		struct wcase *k = &e->cases[e->active[i]];
		if (!(open ? case_open(k) : case_takes_copy(k, w)) || !attachment_fits(w, k))
			continue;
		if (found >= 0) {
			doc_fail(w, RULES_DOC_REVIEW, "AMBIGUOUS_CASE", NULL,
				 "the document fits cases %" PRId64 " and %" PRId64,
				 e->cases[found].c.key, k->c.key);
			return -2;
		}
		found = e->active[i];
	}
	return found;
}

/* Finds the case for an attachment: assigned, else the case of a form
 * faxed with it, else by content. Returns the case index, -1 when none
 * (it waits), -2 when ambiguous (reason recorded). *by_content tells
 * whether content chose it. */
static int match_attachment(struct engine *e, struct wdoc *w, bool *by_content)
{
	int cand[8], ncand = 0, found = -1, nfit = 0, j;
	size_t i;

	*by_content = false;
	if (w->in->assigned_case)
		return case_by_key(e, w->in->assigned_case);
	/* the cases of forms of the same fax, already replayed (forms first):
	 * a fax's pages share receipt time and sha256, so they are neighbours
	 * in receipt order */
	for (i = w->order; i-- > 0;) {
		const struct wdoc *f = e->order[i];
		if (f->in->received != w->in->received ||
		    strcmp(f->in->fax_sha256, w->in->fax_sha256) != 0)
			break;
		if (f->ci < 0 || (f->type != OCR_DOC_ONSITE && f->type != OCR_DOC_BLOCK))
			continue;
		for (j = 0; j < ncand && cand[j] != f->ci; j++)
			;
		if (j == ncand && ncand < (int)ARRAY_SIZE(cand))
			cand[ncand++] = f->ci;
	}
	if (ncand == 1)
		return cand[0];
	if (ncand > 1) {
		/* several cases in one fax: the content decides, or a clerk */
		for (j = 0; j < ncand; j++)
			if (attachment_fits(w, wc(e, cand[j]))) {
				found = cand[j];
				nfit++;
			}
		if (nfit == 1)
			return found;
		doc_fail(w, RULES_DOC_REVIEW, "AMBIGUOUS_CASE", NULL,
			 "the fax holds forms of %d cases and the document fits %d of them", ncand, nfit);
		return -2;
	}
	/* alone: the open theft/loss cases it fits; failing those, the
	 * complete ones taking copies */
	found = content_match(e, w, true);
	if (found == -1)
		found = content_match(e, w, false);
	*by_content = found >= 0;
	return found;
}

/* Tries to file a checked attachment. Leaves it waiting when no case
 * fits yet. */
static void place_attachment(struct engine *e, struct wdoc *w)
{
	bool by_content;
	int ci = match_attachment(e, w, &by_content);

	if (ci == -2)
		return;
	if (ci < 0) {
		set_waiting(e, w);
		return;
	}
	if (attachment_check(w, wc(e, ci), by_content))
		file_in_case(e, ci, w);
}

static void process_attachment(struct engine *e, struct wdoc *w)
{
	bool bad = false;
	char day[11];
	const char *v;

	rules_cal_format(w->day, day, sizeof day);
	if (w->type == OCR_DOC_DENUNCIATION) {
		/* a denunciation that names no device is matched only by a
		 * clerk (review assign, or accept): their judgement stands in
		 * for the IMEI or line it does not name */
		if (!val(w, "imei") && !val(w, "line") && !w->in->assigned_case && !w->clerk_ok) {
			need(w, "imei", &bad);
			need(w, "line", &bad);
		}
		v = need_for_check(w, "date", &bad);
		if (bad)
			return;
		if (v && strcmp(v, day) > 0) {
			doc_fail(w, RULES_DOC_REJECTED, "DENUNCIATION_DATE_INVALID", "date",
				 "denunciation dated %s, after its receipt on %s", v, day);
			return;
		}
	} else {
		if (!val(w, "fiscal_code")) {
			need(w, "surname", &bad);
			need(w, "name", &bad);
		}
		v = need_for_check(w, "expiry", &bad);
		if (bad)
			return;
		if (v && strcmp(v, day) < 0) {
			doc_fail(w, RULES_DOC_REJECTED, "ID_EXPIRED", "expiry",
				 "expired %s, received %s", v, day);
			return;
		}
	}
	place_attachment(e, w);
}

/* ------------------------------------------------------------ replay */

/* Reading-stage outcome: review unless a clerk accepted the document. */
static bool reading_review(struct wdoc *w)
{
	const struct ocr_document *d = w->in->doc;
	size_t i;

	if (w->clerk_ok)
		return false;
	if (w->in->reading_reason)
		doc_fail(w, RULES_DOC_REVIEW, w->in->reading_reason, NULL,
			 "the reading of the document needs a clerk");
	for (i = 0; i < d->nreasons; i++)
		doc_fail(w, RULES_DOC_REVIEW, d->reasons[i].code, d->reasons[i].field, "%s",
			 d->reasons[i].text ? d->reasons[i].text : d->reasons[i].code);
	if (w->type == OCR_DOC_UNKNOWN && w->out->nreasons == 0)
		doc_fail(w, RULES_DOC_REVIEW, "UNKNOWN_DOCUMENT", NULL, "the page is no known document");
	return w->state == W_DONE;
}

static void process(struct engine *e, struct wdoc *w)
{
	if (w->in->clerk == RULES_CLERK_REJECTED) {
		doc_fail(w, RULES_DOC_REJECTED, "CLERK_REJECTED", NULL, "%s",
			 w->in->clerk_why ? w->in->clerk_why : "rejected by a clerk");
		return;
	}
	if (reading_review(w))
		return;
	switch (w->type) {
	case OCR_DOC_ONSITE:
	case OCR_DOC_BLOCK:
		process_form(e, w);
		break;
	case OCR_DOC_DENUNCIATION:
	case OCR_DOC_IDENTITY:
		process_attachment(e, w);
		break;
	default:
		doc_fail(w, RULES_DOC_REVIEW, "UNKNOWN_DOCUMENT", NULL, "the page is no known document");
		break;
	}
	if (w->type == OCR_DOC_ONSITE && w->ci >= 0 && w->signer &&
	    role_may_move_address(w->signer->role) && val(w, "address")) {
		e->ov = xrealloc(e->ov, (e->nov + 1) * sizeof(e->ov[0]));
		e->ov[e->nov].company = w->company;
		e->ov[e->nov].effective = w->in->received + ADDRESS_DELAY;
		e->ov[e->nov].text = val(w, "address");
		e->nov++;
	}
}

/* May waiting document w now have a place, after case k changed? */
static bool may_fit(const struct engine *e, const struct wdoc *w, const struct wcase *k)
{
	size_t i;
	if (w->in->assigned_case)
		return w->in->assigned_case == k->c.key;
	if (w->type == OCR_DOC_ONSITE || w->type == OCR_DOC_BLOCK)
		return false;
	if (!case_open(k) && !case_takes_copy(k, w))
		return false;
	if (attachment_fits(w, k))
		return true;
	for (i = 0; i < k->ndocs; i++)
		if (strcmp(k->docs[i]->in->fax_sha256, w->in->fax_sha256) == 0)
			return true;
	return false;
}

/* Waiting documents, matched again after cases opened or changed (those
 * that may fit one of them), as long as they are at most 30 days old at
 * `now` (the replay's clock). */
static void rematch(struct engine *e, time_t now)
{
	while (e->ndirty) {
		int *dirty = e->dirty;
		size_t ndirty = e->ndirty, i, j, n = 0;

		e->dirty = NULL;
		e->ndirty = 0;
		for (i = 0; i < ndirty; i++)
			e->cases[dirty[i]].dirty = false;
		for (i = 0; i < e->nwaiting; i++) {
			struct wdoc *w = e->waiting[i];
			if (w->state != W_WAITING || now - w->in->received > RULES_WAIT_LIMIT)
				continue;
			for (j = 0; j < ndirty && !may_fit(e, w, &e->cases[dirty[j]]); j++)
				;
			if (j == ndirty)
				continue;
			if (w->type == OCR_DOC_ONSITE || w->type == OCR_DOC_BLOCK)
				file_in_case(e, case_by_key(e, w->in->assigned_case), w);
			else
				place_attachment(e, w);
		}
		/* keep the list to those still waiting and young enough */
		for (i = 0; i < e->nwaiting; i++)
			if (e->waiting[i]->state == W_WAITING &&
			    now - e->waiting[i]->in->received <= RULES_WAIT_LIMIT)
				e->waiting[n++] = e->waiting[i];
		e->nwaiting = n;
		free(dirty);
	}
}

/* Cancellations take effect once their time has passed (all of them at
 * the end: final). */
static void apply_cancels(struct engine *e, time_t now, bool final)
{
	size_t i, n = final ? e->ncases : e->nactive;
	for (i = 0; i < n; i++) {
		struct wcase *k = &e->cases[final ? (int)i : e->active[i]];
		time_t at;
		if (!k->cancel || k->closed)
			continue;
		at = k->cancel->at ? k->cancel->at : k->c.opened;
		if (final || now > at) {
			k->closed = true;
			k->c.status = RULES_CASE_CANCELLED;
			case_reason(k, "CLERK_REJECTED", NULL, "cancelled by a clerk: %s",
				    k->cancel->why ? k->cancel->why : "no reason given");
		}
	}
}

static int cmp_order(const void *pa, const void *pb)
{
	const struct wdoc *a = *(struct wdoc *const *)pa, *b = *(struct wdoc *const *)pb;
	int c, fa, fb;

	if (a->in->received != b->in->received)
		return a->in->received < b->in->received ? -1 : 1;
	c = strcmp(a->in->fax_sha256, b->in->fax_sha256);
	if (c)
		return c;
	fa = a->type == OCR_DOC_ONSITE || a->type == OCR_DOC_BLOCK;
	fb = b->type == OCR_DOC_ONSITE || b->type == OCR_DOC_BLOCK;
	if (fa != fb)
		return fb - fa;
	if (a->in->page != b->in->page)
		return a->in->page < b->in->page ? -1 : 1;
	return a->in->id < b->in->id ? -1 : a->in->id > b->in->id;
}

/* ------------------------------------------------------------ tickets */

static void note_add(struct rules_ticket *t, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void note_add(struct rules_ticket *t, const char *code, const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&text, fmt, ap);
	va_end(ap);
	t->notes = xrealloc(t->notes, (t->nnotes + 1) * sizeof(t->notes[0]));
	t->notes[t->nnotes].code = code ? xstrdup(code) : NULL;
	t->notes[t->nnotes].text = sb_detach(&text);
	t->nnotes++;
}

/* The company's address at instant t: the registry's, or an address a
 * legal representative or mandatario wrote on a form 24 hours before. */
static const char *address_at(const struct engine *e, const struct rules_company *c, time_t t)
{
	const struct rules_address *a = rules_registry_address_at(c, t);
	const char *text = a ? a->text : NULL;
	time_t best = a ? a->effective : 0;
	size_t i;

	for (i = 0; i < e->nov; i++)
		if (e->ov[i].company == c && e->ov[i].effective <= t &&
		    (!text || e->ov[i].effective >= best)) {
			text = e->ov[i].text;
			best = e->ov[i].effective;
		}
	return text;
}

static struct rules_ticket *ticket_build(const struct engine *e, struct wcase *k)
{
	static const enum ocr_doctype types[] = { OCR_DOC_ONSITE, OCR_DOC_BLOCK,
						  OCR_DOC_DENUNCIATION, OCR_DOC_IDENTITY };
	struct rules_ticket *t;
	const struct wdoc *onsite = k->has[OCR_DOC_ONSITE];
	const struct wdoc *sd = onsite ? onsite : k->has[OCR_DOC_BLOCK];
	const char *addr = NULL, *written = onsite ? val(onsite, "address") : NULL;
	size_t i;

	if (onsite && written && onsite->signer && role_may_move_address(onsite->signer->role)) {
		addr = written;
	} else {
		addr = address_at(e, k->company, k->c.report_date);
	}
	if (!addr) {
		case_reason(k, "FIELD_MISSING", "address",
			    "no delivery address: the registry has none for company %s", k->company->vat);
		return NULL;
	}
	t = xcalloc(1, sizeof *t);
	t->case_key = k->c.key;
	t->claim = k->c.claim;
	t->delivery = k->c.delivery;
	t->vat = xstrdup(k->company->vat);
	t->company_name = xstrdup(k->company->name);
	t->line = xstrdup(k->rline->number);
	t->imei = xstrdup(k->rline->imei);
	t->model = k->rline->model ? xstrdup(k->rline->model) : NULL;
	t->report_date = k->c.report_date;
	memcpy(t->due_date, k->c.due_date, sizeof t->due_date);
	t->address = xstrdup(addr);
	t->address_from_form = addr == written;
	t->signer_cf = xstrdup(sd->signer->fiscal_code);
	t->signer_name = xstrdup(sd->signer->name);
	t->signer_role = sd->signer->role;
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		const struct wdoc *w = k->has[types[i]];
		if (!w || !(k->c.required & (1u << types[i])))
			continue;
		t->docs = xrealloc(t->docs, (t->ndocs + 1) * sizeof(t->docs[0]));
		t->docs[t->ndocs].id = w->in->id;
		t->docs[t->ndocs].type = w->type;
		t->docs[t->ndocs].received = w->in->received;
		t->ndocs++;
	}
	if (written && !t->address_from_form && !rules_text_equal(written, addr)) {
		note_add(t, "ADDRESS_NOT_APPLIED",
			 "Address written on the form by %s (%s) was not applied: %s",
			 sd->signer->name, rules_role_name(onsite->signer->role), written);
		/* on the form too, for the clerks and the reports; it stays accepted */
		reason_add(&onsite->out->reasons, &onsite->out->nreasons, "ADDRESS_NOT_APPLIED",
			   "address", "written by %s (%s), not applied", sd->signer->name,
			   rules_role_name(onsite->signer->role));
	}
	if (onsite) {
		const char *role = val(onsite, "signer_role");
		if (role && rules_role_parse(role) != onsite->signer->role)
			note_add(t, NULL, "Role on the form (%s) differs from the registry role (%s).",
				 role, rules_role_name(onsite->signer->role));
	}
	return t;
}

/* ------------------------------------------------------------ results */

static void ticket_free(struct rules_ticket *t)
{
	size_t i;
	if (!t)
		return;
	free(t->vat);
	free(t->company_name);
	free(t->line);
	free(t->imei);
	free(t->model);
	free(t->address);
	free(t->signer_cf);
	free(t->signer_name);
	free(t->docs);
	for (i = 0; i < t->nnotes; i++) {
		free(t->notes[i].code);
		free(t->notes[i].text);
	}
	free(t->notes);
	free(t);
}

void rules_result_free(struct rules_result **res)
{
	size_t i;
	if (!res || !*res)
		return;
	for (i = 0; i < (*res)->ncases; i++) {
		struct rules_case *c = &(*res)->cases[i];
		free(c->vat);
		free(c->line);
		free(c->imei);
		free(c->docs);
		reasons_free(c->reasons, c->nreasons);
		ticket_free(c->ticket);
	}
	for (i = 0; i < (*res)->ndocs; i++)
		reasons_free((*res)->docs[i].reasons, (*res)->docs[i].nreasons);
	free((*res)->cases);
	free((*res)->docs);
	free(*res);
	*res = NULL;
}

const struct rules_case *rules_result_case(const struct rules_result *res, int64_t key)
{
	size_t i;
	for (i = 0; res && i < res->ncases; i++)
		if (res->cases[i].key == key)
			return &res->cases[i];
	return NULL;
}

const struct rules_doc_out *rules_result_doc(const struct rules_result *res, int64_t id)
{
	size_t i;
	for (i = 0; res && i < res->ndocs; i++)
		if (res->docs[i].id == id)
			return &res->docs[i];
	return NULL;
}

static int check_input(const struct rules_input *in, struct strbuf *err)
{
	size_t i;
	if (!in->registry || !in->requirements) {
		sb_adds(err, "no registry or requirement table");
		return -1;
	}
	for (i = 0; i < in->ndocs; i++) {
		const struct rules_doc_in *d = &in->docs[i];
		if (d->id <= 0 || !d->fax_sha256 || !d->doc) {
			sb_addf(err, "document %zu: no id, sha256 or content", i);
			return -1;
		}
	}
	return 0;
}

static int cmp_doc_order(const void *pa, const void *pb)
{
	const struct wdoc *a = *(struct wdoc *const *)pa, *b = *(struct wdoc *const *)pb;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Final statuses: a pending case holding a document for a clerk is held
 * for review; a waiting document older than 30 days goes to a clerk. */
static void finish(struct engine *e, struct rules_result *res)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		struct wdoc *w = &e->docs[i];
		if (w->state == W_WAITING && e->in->now - w->in->received > RULES_WAIT_LIMIT)
			doc_fail(w, RULES_DOC_REVIEW, "NO_MATCHING_CASE", NULL,
				 "no case for this document after 30 days");
		w->out->counts = w->ci >= 0 && e->cases[w->ci].has[w->type] == w;
		if (w->out->status == RULES_DOC_REVIEW && w->out->case_key) {
			int ci = case_by_key(e, w->out->case_key);
			if (ci >= 0 && e->cases[ci].c.status == RULES_CASE_PENDING)
				e->cases[ci].c.status = RULES_CASE_REVIEW;
		}
	}
	res->ncases = e->ncases;
	res->cases = xcalloc(e->ncases + 1, sizeof(res->cases[0]));
	for (i = 0; i < e->ncases; i++) {
		struct wcase *k = &e->cases[i];
		size_t j;
		int t;
		if (k->c.status == RULES_CASE_COMPLETE) {
			k->c.ticket = ticket_build(e, k);
			if (!k->c.ticket)
				k->c.status = RULES_CASE_REVIEW;
		}
		for (t = 0; t < OCR_DOC_NTYPES; t++)
			k->c.has[t] = k->has[t] ? k->has[t]->in->id : 0;
		/* filed documents in receipt order */
		qsort(k->docs, k->ndocs, sizeof(k->docs[0]), cmp_doc_order);
		k->c.docs = xcalloc(k->ndocs + 1, sizeof(int64_t));
		for (j = 0; j < k->ndocs; j++)
			k->c.docs[j] = k->docs[j]->in->id;
		k->c.ndocs = k->ndocs;
		res->cases[i] = k->c;
		free(k->docs);
	}
}

int rules_derive(const struct rules_input *in, struct rules_result **out, struct strbuf *err)
{
	struct engine e;
	struct rules_result *res;
	size_t i;
	int rc;

	*out = NULL;
	if (check_input(in, err) != 0)
		return -1;
	memset(&e, 0, sizeof e);
	e.in = in;
	e.n = in->ndocs;
	res = xcalloc(1, sizeof *res);
	res->ndocs = in->ndocs;
	res->docs = xcalloc(in->ndocs + 1, sizeof(res->docs[0]));
	e.docs = xcalloc(in->ndocs + 1, sizeof(e.docs[0]));
	e.order = xcalloc(in->ndocs + 1, sizeof(e.order[0]));
	e.by_id = xcalloc(in->ndocs + 1, sizeof(e.by_id[0]));
	for (i = 0; i < in->ndocs; i++) {
		struct wdoc *w = &e.docs[i];
		w->in = &in->docs[i];
		w->out = &res->docs[i];
		w->out->id = w->in->id;
		w->type = w->in->doc->type;
		w->ci = -1;
		w->opened_ci = -1;
		w->day = rules_cal_local_day(w->in->received);
		w->clerk_ok = w->in->clerk == RULES_CLERK_ACCEPTED;
		e.order[i] = w;
	}
	qsort(e.order, e.n, sizeof(e.order[0]), cmp_order);
	memcpy(e.by_id, e.order, e.n * sizeof(e.order[0]));
	qsort(e.by_id, e.n, sizeof(e.by_id[0]), cmp_id);
	for (i = 0; i < e.n; i++) {
		e.order[i]->order = i;
		if (i > 0 && e.by_id[i - 1]->in->id == e.by_id[i]->in->id) {
			sb_addf(err, "document %" PRId64 " given twice", e.by_id[i]->in->id);
			rc = -1;
			goto out;
		}
	}
	for (i = 0; i < e.n; i++) {
		struct wdoc *w = e.order[i];
		prune_active(&e, w->day);
		apply_cancels(&e, w->in->received, false);
		process(&e, w);
		rematch(&e, w->in->received);
	}
	apply_cancels(&e, in->now, true);
	finish(&e, res);
	*out = res;
	res = NULL;
	rc = 0;
out:
	rules_result_free(&res);
	free(e.cases);
	free(e.ov);
	free(e.docs);
	free(e.order);
	free(e.by_id);
	free(e.active);
	free(e.waiting);
	free(e.dirty);
	return rc;
}
