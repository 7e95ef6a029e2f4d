/* identity.c - the identity of an item, defined once: what makes two
 * records "the same article" for feeds (entry ids), --unseen/--mark,
 * --uniq, --check's duplicate report and mail Message-IDs.
 *
 * The real pipeline reuses ids (daily/: 2,126 items, 1,549 distinct ids,
 * 2,116 distinct non-empty URLs), so the canonical URL comes first. */
#include "item/item.h"

#include <string.h>

/* Append the value of v as a key: a string decoded (canonical form when
 * URL-valued), a number as written.  0 when v is not usable. */
static int key_text(ni_jval v, int canon_any, ni_buf *out)
{
	if (v.t == NI_J_NUM) {
		ni_buf_add(out, v.p, v.n);
		return 1;
	}
	if (v.t != NI_J_STR || v.n <= 2)
		return 0;
	ni_buf t = {0};
	ni_json_str(v, &t);
	int ok = t.len > 0;
	if (ok) {
		if (canon_any || ni_url_is_web(t.s, t.len))
			ni_url_canon(t.s, t.len, out);
		else
			ni_buf_add(out, t.s, t.len);
	}
	ni_buf_free(&t);
	return ok;
}

static void mix_in(uint64_t h[2], const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		h[0] = (h[0] ^ c) * 1099511628211ULL;          /* FNV-1a */
		h[1] = (h[1] ^ c) * 0x9E3779B97F4A7C15ULL;     /* a second lane */
		h[1] ^= h[1] >> 29;
	}
}

/* The digest of the record's own, stable members: not the keys ni adds
 * (starting with '_') and not date_ingested, the time of the run that
 * fetched it (a link-less feed entry fetched again is the same item). */
static void digest(ni_jval rec, ni_buf *out)
{
	static const char ingested[] = "\"" NI_FIELD_DATE_INGESTED "\"";
	uint64_t h[2] = { 1469598103934665603ULL, 0x243F6A8885A308D3ULL };
	const char *it = NULL;
	ni_jval k, v;
	while (ni_json_next(rec, &it, &k, &v)) {
		if (k.n >= 2 && k.p[1] == '_')
			continue;
		if (k.n == sizeof ingested - 1 && !memcmp(k.p, ingested, k.n))
			continue;
		mix_in(h, k.p, k.n);
		mix_in(h, ":", 1);
		mix_in(h, v.p, v.n);
		mix_in(h, ",", 1);
	}
	ni_buf_printf(out, "digest:%016llx%016llx", (unsigned long long)h[0],
		      (unsigned long long)h[1]);
}

/* Contract: see item.h. */
int ni_identity(ni_jval rec, const ni_jidx *idx, const char *key, ni_buf *out)
{
	if (key)
		return key_text(ni_json_ipath(rec, idx, key), 0, out)
		       ? NI_ID_KEY : NI_ID_NONE;
	ni_jval u = ni_json_iget(rec, idx, NI_FIELD_URL, strlen(NI_FIELD_URL));
	if (u.t == NI_J_STR && key_text(u, 1, out))
		return NI_ID_URL;
	ni_jval id = ni_json_iget(rec, idx, NI_FIELD_ID, strlen(NI_FIELD_ID));
	if (key_text(id, 0, out))
		return NI_ID_ID;
	/* a feed entry's own id (ni-parse --sfeed: guid) */
	ni_jval guid = ni_json_iget(rec, idx, NI_FIELD_GUID, NI_LEN(NI_FIELD_GUID));
	if (key_text(guid, 0, out))
		return NI_ID_GUID;
	digest(rec, out);
	return NI_ID_DIGEST;
}

/* Contract: see item.h. */
const char *ni_identity_why(ni_jval v)
{
	switch (v.t) {
	case NI_J_NONE: return "is missing";
	case NI_J_NULL: return "is null";
	case NI_J_FALSE: case NI_J_TRUE:
		return "is a boolean, not a string or number";
	case NI_J_ARR: return "is a list, not a string or number";
	case NI_J_OBJ: return "is an object, not a string or number";
	case NI_J_STR: return "is an empty string";
	default: return "is not a string or number";
	}
}
