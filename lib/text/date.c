/* date.c - dates and times as users write them and as records hold them.
 *
 * Times are Unix milliseconds (int64).  Civil dates use the proleptic
 * Gregorian calendar (days_from_civil).  Local days are those of the
 * process time zone: the tools set TZ from --tz (default UTC) before any
 * call, so "today" and bare dates mean the same everywhere in a run. */
#define _GNU_SOURCE
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

static void ni_date_civil(const ni_datectx *c, int64_t ms, int *y, int *m, int *d,
			  int *wday);

#define DAY_MS 86400000LL

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

/* Contract: see text.h.  The one leap-year rule of ni. */
int ni_days_in_month(int y, int m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return md[m - 1];
}

#define mdays ni_days_in_month

/* Offset of local time from UTC (seconds) at UTC instant t. */
static long utc_offset(const ni_datectx *c, int64_t t_sec)
{
	if (c->utc)
		return 0;
	time_t t = (time_t)t_sec;
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return 0;
	return tm.tm_gmtoff;
}

/* Start of local civil day (y, m, d) in ms. */
static int64_t local_midnight(const ni_datectx *c, int y, int m, int d)
{
	int64_t days = days_from_civil(y, (unsigned)m, (unsigned)d);
	if (c->utc)
		return days * DAY_MS;
	struct tm tm = { 0 };
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1)
		return days * DAY_MS;
	return (int64_t)t * 1000;
}

/* Contract: see text.h.  zone NULL: TZ from the environment, else UTC.
 * Sets the process TZ (the tools call it once, first thing). */
int ni_date_init(ni_datectx *c, const char *zone)
{
	memset(c, 0, sizeof *c);
	c->week_start = 1;
	const char *env = getenv("TZ");
	if (zone && *zone) {
		setenv("TZ", zone, 1);
	} else if (!env || !*env) {
		setenv("TZ", "UTC", 1);
	}
	tzset();
	const char *tz = getenv("TZ");
	c->utc = !strcmp(tz, "UTC") || !strcmp(tz, "UTC0") ||
		 !strcmp(tz, "Etc/UTC") || !strcmp(tz, ":UTC") ||
		 !strcmp(tz, "GMT") || !strcmp(tz, "Z");
	snprintf(c->tz.name, sizeof c->tz.name, "%s", tz);
	const char *now = getenv("NI_NOW");
	if (now && *now) {
		int64_t ms;
		if (ni_date_parse_field(c, now, strlen(now), &ms))
			return -1;
		c->now = ms;
	} else {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		c->now = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	}
	return 0;
}

/* Contract: see text.h. */
int ni_tz_valid(const char *zone)
{
	static const char *utc[] = { "UTC", "UTC0", "Etc/UTC", "GMT", "Z", NULL };
	if (*zone == ':')
		zone++;
	for (int i = 0; utc[i]; i++)
		if (!strcmp(zone, utc[i]))
			return 1;
	/* a POSIX rule: a name of 3+ letters, then an offset */
	size_t a = strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
	if (a >= 3 && ((zone[a] >= '0' && zone[a] <= '9') ||
		       ((zone[a] == '-' || zone[a] == '+') && zone[a + 1] >= '0' &&
			zone[a + 1] <= '9')))
		return 1;
	if (!*zone || strstr(zone, ".."))
		return 0;
	char path[4096];
	const char *dir = getenv("TZDIR");
	if (*zone == '/')
		snprintf(path, sizeof path, "%s", zone);
	else
		snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir :
			 "/usr/share/zoneinfo", zone);
	FILE *f = fopen(path, "rb");
	char magic[4] = { 0 };
	int ok = f && fread(magic, 1, 4, f) == 4 && !memcmp(magic, "TZif", 4);
	if (f)
		fclose(f);
	return ok;
}

static int digits(const char *s, size_t n, int *v)
{
	int r = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		r = r * 10 + (s[i] - '0');
	}
	*v = r;
	return 0;
}

/* Parse YYYY-MM-DD[Thh:mm[:ss[.fff]][Z|±hh[:]mm]] (also ' ' for 'T').
 * *is_date tells a date without time. */
static int parse_iso(const ni_datectx *c, const char *s, size_t n,
		     int64_t *ms, int *is_date)
{
	int y, mo, d, h = 0, mi = 0, se = 0;
	if (n < 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) ||
	    digits(s + 5, 2, &mo) || digits(s + 8, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays(y, mo))
		return -1;
	if (n == 10) {
		*is_date = 1;
		*ms = local_midnight(c, y, mo, d);
		return 0;
	}
	*is_date = 0;
	if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || n < 16 ||
	    s[13] != ':' || digits(s + 11, 2, &h) || digits(s + 14, 2, &mi))
		return -1;
	size_t i = 16;
	int64_t frac = 0;
	if (i < n && s[i] == ':') {
		if (n < i + 3 || digits(s + i + 1, 2, &se))
			return -1;
		i += 3;
		if (i < n && (s[i] == '.' || s[i] == ',')) {
			i++;
			int k = 0;
			while (i < n && s[i] >= '0' && s[i] <= '9') {
				if (k < 3)
					frac = frac * 10 + (s[i] - '0');
				k++;
				i++;
			}
			if (!k)
				return -1;
			while (k++ < 3)
				frac *= 10;
		}
	}
	if (h > 24 || mi > 59 || se > 60)
		return -1;
	int64_t local = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
			h * 3600 + mi * 60 + se;
	if (i == n) {
		/* no zone: local time of c's zone.  The offset is the one in
		 * force at the instant itself, not at "local read as UTC"
		 * (they differ for hours around a DST change): guess with the
		 * latter, then take the offset at the guess. */
		long off = utc_offset(c, local);
		off = utc_offset(c, local - off);
		*ms = (local - off) * 1000 + frac;
		return 0;
	}
	if (s[i] == 'Z' || s[i] == 'z') {
		if (i + 1 != n)
			return -1;
		*ms = local * 1000 + frac;
		return 0;
	}
	if (s[i] != '+' && s[i] != '-')
		return -1;
	int sign = s[i] == '-' ? -1 : 1, oh, om = 0;
	i++;
	if (n - i == 5 && s[i + 2] == ':') {
		if (digits(s + i, 2, &oh) || digits(s + i + 3, 2, &om))
			return -1;
	} else if (n - i == 4) {
		if (digits(s + i, 2, &oh) || digits(s + i + 2, 2, &om))
			return -1;
	} else if (n - i == 2) {
		if (digits(s + i, 2, &oh))
			return -1;
	} else {
		return -1;
	}
	*ms = (local - sign * (oh * 3600 + om * 60)) * 1000 + frac;
	return 0;
}

/* Contract: see text.h. */
int ni_date_parse_field(const ni_datectx *c, const char *s, size_t n,
			int64_t *ms)
{
	int is_date;
	return parse_iso(c, s, n, ms, &is_date);
}

/* Monday (or Sunday) of ISO week w of ISO year y, as days since epoch. */
static int64_t iso_week_start(int y, int w, int week_start)
{
	int64_t jan4 = days_from_civil(y, 1, 4);
	int wd = (int)((jan4 + 3) % 7);          /* 0 = Monday */
	if (wd < 0)
		wd += 7;
	int64_t mon = jan4 - wd + (int64_t)(w - 1) * 7;
	return week_start == 0 ? mon - 1 : mon;
}

static int iso_weeks_in_year(int y)
{
	int64_t a = iso_week_start(y, 1, 1), b = iso_week_start(y + 1, 1, 1);
	return (int)((b - a) / 7);
}

/* Contract: see text.h. */
int ni_date_parse(const ni_datectx *c, const char *s, size_t n, ni_span *out)
{
	int y, m, d, w;
	int64_t ms;
	int is_date;
	if (n == 0)
		return -1;
	if ((n == 5 && !strncmp(s, "today", 5)) ||
	    (n == 9 && !strncmp(s, "yesterday", 9))) {
		ni_date_civil(c, c->now, &y, &m, &d, &w);
		int64_t day = days_from_civil(y, (unsigned)m, (unsigned)d) - (n == 9);
		civil_from_days(day, &y, &m, &d);
		out->lo = local_midnight(c, y, m, d);
		civil_from_days(day + 1, &y, &m, &d);
		out->hi = local_midnight(c, y, m, d);
		return 0;
	}
	if (s[0] == '-' || s[0] == '+' || (s[0] >= '0' && s[0] <= '9' &&
					   (s[n - 1] < '0' || s[n - 1] > '9') &&
					   n <= 6 && s[n - 1] && strchr("hdwmy", s[n - 1]))) {
		/* relative: -7d, 7d, -12h, -2w, -3m, -1y */
		const char *p = s + (s[0] == '-' || s[0] == '+');
		size_t k = n - (size_t)(p - s);
		int v;
		char unit = s[n - 1];
		if (k >= 2 && k <= 7 && !digits(p, k - 1, &v) && unit && strchr("hdwmy", unit)) {
			int sign = s[0] == '+' ? 1 : -1;
			if (unit == 'h') {
				out->lo = c->now + sign * (int64_t)v * 3600000;
				out->hi = out->lo + 1;
				return 0;
			}
			ni_date_civil(c, c->now, &y, &m, &d, &w);
			int64_t day = days_from_civil(y, (unsigned)m, (unsigned)d);
			if (unit == 'd')
				day += sign * v;
			else if (unit == 'w')
				day += sign * 7 * v;
			else {
				int64_t mm = (int64_t)y * 12 + (m - 1) +
					     sign * (int64_t)(unit == 'm' ? v : 12 * v);
				int64_t yy = mm >= 0 ? mm / 12 : -((-mm + 11) / 12);
				y = (int)yy;
				m = (int)(mm - yy * 12) + 1;   /* floor: 1..12 */
				if (d > mdays(y, m))
					d = mdays(y, m);
				day = days_from_civil(y, (unsigned)m, (unsigned)d);
			}
			/* a relative day is that whole local day */
			civil_from_days(day, &y, &m, &d);
			out->lo = local_midnight(c, y, m, d);
			civil_from_days(day + 1, &y, &m, &d);
			out->hi = local_midnight(c, y, m, d);
			return 0;
		}
		if (s[0] != '+' && s[0] != '-')
			return -1;
		return -1;
	}
	if (n == 4 && !digits(s, 4, &y)) {
		out->lo = local_midnight(c, y, 1, 1);
		out->hi = local_midnight(c, y + 1, 1, 1);
		return 0;
	}
	if (n == 7 && s[4] == '-' && !digits(s, 4, &y) && !digits(s + 5, 2, &m) &&
	    m >= 1 && m <= 12) {
		out->lo = local_midnight(c, y, m, 1);
		out->hi = m == 12 ? local_midnight(c, y + 1, 1, 1)
				  : local_midnight(c, y, m + 1, 1);
		return 0;
	}
	if (n == 8 && s[4] == '-' && (s[5] == 'W' || s[5] == 'w') &&
	    !digits(s, 4, &y) && !digits(s + 6, 2, &w) && w >= 1 &&
	    w <= iso_weeks_in_year(y)) {
		int64_t day = iso_week_start(y, w, c->week_start);
		civil_from_days(day, &y, &m, &d);
		out->lo = local_midnight(c, y, m, d);
		civil_from_days(day + 7, &y, &m, &d);
		out->hi = local_midnight(c, y, m, d);
		return 0;
	}
	if (parse_iso(c, s, n, &ms, &is_date))
		return -1;
	out->lo = ms;
	if (is_date) {
		civil_from_days(days_from_civil(atoi(s), (unsigned)atoi(s + 5),
						(unsigned)atoi(s + 8)) + 1, &y, &m, &d);
		out->hi = local_midnight(c, y, m, d);
	} else {
		out->hi = ms + 1;
	}
	return 0;
}

/* Civil date of ms in c->tz: year, month (1-12), day, weekday (0=Sun). */
static void ni_date_civil(const ni_datectx *c, int64_t ms, int *y, int *m, int *d,
		   int *wday)
{
	int64_t sec = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
	sec += utc_offset(c, sec);
	int64_t days = sec >= 0 ? sec / 86400 : (sec - 86399) / 86400;
	civil_from_days(days, y, m, d);
	int64_t wd = (days + 4) % 7;   /* 1970-01-01 was a Thursday */
	*wday = (int)(wd < 0 ? wd + 7 : wd);
}

/* Contract: see text.h. */
/* Write "YYYY", then "-A" and "-B" (two digits each) when a, b >= 0,
 * into out: what snprintf("%04d-%02d-%02d") writes for years 0-9999,
 * without its cost (one call per record in ni-summarize -b day/week). */
static void put_period(char *out, int y, const char *sep, int a, int b)
{
	if (y < 0 || y > 9999) {
		snprintf(out, 32, "%04d", y);
		out += strlen(out);
	} else {
		out[0] = (char)('0' + y / 1000);
		out[1] = (char)('0' + y / 100 % 10);
		out[2] = (char)('0' + y / 10 % 10);
		out[3] = (char)('0' + y % 10);
		out += 4;
	}
	int v[2] = { a, b };
	for (int i = 0; i < 2 && v[i] >= 0; i++) {
		size_t k = strlen(sep);
		memcpy(out, sep, k);
		out += k;
		out[0] = (char)('0' + v[i] / 10 % 10);
		out[1] = (char)('0' + v[i] % 10);
		out += 2;
		sep = "-";
	}
	*out = 0;
}

void ni_date_period(const ni_datectx *c, int64_t ms, int kind, char *out)
{
	int y, m, d, wd;
	ni_date_civil(c, ms, &y, &m, &d, &wd);
	switch (kind) {
	case 'd': put_period(out, y, "-", m, d); break;
	case 'm': put_period(out, y, "-", m, -1); break;
	case 'y': put_period(out, y, "-", -1, -1); break;
	default: {
		int64_t day = days_from_civil(y, (unsigned)m, (unsigned)d);
		if (c->week_start == 0)
			day += 1;  /* Sunday weeks carry the next Monday's label */
		/* ISO week: the Thursday of this week decides the year */
		int64_t mon = day - ((day + 3) % 7 + 7) % 7;
		int ty, tm, td;
		civil_from_days(mon + 3, &ty, &tm, &td);
		int64_t w1 = iso_week_start(ty, 1, 1);
		int w = (int)((mon - w1) / 7) + 1;
		put_period(out, ty, "-W", w, -1);
	}
	}
}

/* Contract: see text.h. */
size_t ni_date_strftime(int64_t ms, const char *fmt, char *out, size_t n)
{
	time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	struct tm tm;
	localtime_r(&t, &tm);   /* TZ is the run's zone (ni_date_init) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	return strftime(out, n, fmt, &tm);  /* fmt: the user's template */
#pragma GCC diagnostic pop
}

/* Contract: see text.h. */
void ni_date_rfc3339(int64_t ms, char *out)
{
	/* UTC whatever the run's zone: computed, not via localtime */
	int64_t sec = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
	int64_t days = sec >= 0 ? sec / 86400 : (sec - 86399) / 86400;
	int64_t rem = sec - days * 86400;
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
		 (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60));
}

/* Contract: see text.h.  English names whatever the locale. */
void ni_date_rfc822(int64_t ms, char *out)
{
	static const char *wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *mo[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d +0000", wd[tm.tm_wday],
		 tm.tm_mday, mo[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
		 tm.tm_min, tm.tm_sec);
}

/* Contract: see text.h. */
int ni_duration_parse(const char *s, int64_t *ms)
{
	size_t n = strlen(s);
	int v;
	if (n < 2 || digits(s, n - 1, &v))
		return -1;
	switch (s[n - 1]) {
	case 'h': *ms = (int64_t)v * 3600000; return 0;
	case 'd': *ms = (int64_t)v * DAY_MS; return 0;
	case 'w': *ms = (int64_t)v * 7 * DAY_MS; return 0;
	case 'm': *ms = (int64_t)v * 30 * DAY_MS; return 0;
	case 'y': *ms = (int64_t)v * 365 * DAY_MS; return 0;
	default: return -1;
	}
}
