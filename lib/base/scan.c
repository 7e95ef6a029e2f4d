/* scan.c - the byte-scanning kernels under the JSON validator: UTF-8
 * validation of a whole line and the search for the bytes that end a run
 * of string text ('"', '\\', control characters).
 *
 * The validator uses a third kernel, ni_scan_marks, which does both in
 * one pass over a line: it validates the UTF-8 and writes a bitmap of the
 * special bytes, so that the end of each string is found by a bit scan.
 *
 * Each kernel exists at three levels: a scalar reference (the definition
 * that the others are tested against, see tests/scandiff.c and
 * tests/fuzz/fuzz_scan.c), SSE2 (the x86-64 baseline) and AVX2, chosen at
 * run time with __builtin_cpu_supports.  The UTF-8 kernel at the AVX2
 * level is the lookup-table method of Keiser and Lemire ("Validating
 * UTF-8 In Less Than One Instruction Per Byte", 2021); at the SSE2 level
 * it skips ASCII 16 bytes at a time and decodes the rest one character at
 * a time. */
#include "base/base.h"

#include <string.h>

#if defined(__x86_64__) && defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#define NI_SCAN_X86 1
#include <immintrin.h>
#endif

/* Contract: see base.h.  No state: the CPU is asked each time (a load and
 * a test of the compiler runtime's table). */
int ni_scan_level(void)
{
#ifdef NI_SCAN_X86
	if (__builtin_cpu_supports("avx2"))
		return NI_SCAN_AVX2;
	return NI_SCAN_SSE2;
#else
	return NI_SCAN_SCALAR;
#endif
}

/* ---- scalar reference ---- */

static int utf8_scalar(const unsigned char *p, size_t n)
{
	size_t i = 0, k;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (ni_utf8_decode(p + i, n - i, &k) < 0)
			return 0;
		i += k;
	}
	return 1;
}

static const char *special_scalar(const char *p, const char *end)
{
	while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
		p++;
	return p;
}

/* The special bytes of [p, p+n) into bits (n / 64 + 1 words), and the
 * end (bit n). */
static void marks_scalar(const char *p, size_t n, uint64_t *bits)
{
	memset(bits, 0, (n / 64 + 1) * sizeof *bits);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)p[i];
		if (ch == '"' || ch == '\\' || ch < 0x20)
			bits[i / 64] |= 1ULL << (i % 64);
	}
	bits[n / 64] |= 1ULL << (n % 64);
}

#ifdef NI_SCAN_X86
/* ---- SSE2 ---- */

static int utf8_sse2(const unsigned char *p, size_t n)
{
	size_t i = 0, k;
	while (i < n) {
		if (n - i >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
			int m = _mm_movemask_epi8(v);
			if (!m) {
				i += 16;
				continue;
			}
			/* up to the first non-ASCII byte, then one character */
			i += (size_t)__builtin_ctz((unsigned)m);
		} else if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (ni_utf8_decode(p + i, n - i, &k) < 0)
			return 0;
		i += k;
	}
	return 1;
}

/* The special bytes of 16 bytes at p, one bit each. */
static inline unsigned special16(const char *p)
{
	const __m128i vq = _mm_set1_epi8('"'), vb = _mm_set1_epi8('\\'),
		      v1f = _mm_set1_epi8(0x1F);
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	/* unsigned v <= 0x1F: max(v, 0x1F) == 0x1F */
	__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, vq),
					      _mm_cmpeq_epi8(v, vb)),
				 _mm_cmpeq_epi8(_mm_max_epu8(v, v1f), v1f));
	return (unsigned)_mm_movemask_epi8(m);
}

static const char *special_sse2(const char *p, const char *end)
{
	while (end - p >= 16) {
		unsigned mask = special16(p);
		if (mask)
			return p + __builtin_ctz(mask);
		p += 16;
	}
	return special_scalar(p, end);
}

/* marks_scalar, 64 bytes at a time; the tail (under 64 bytes) bytewise */
static void marks_sse2(const char *p, size_t n, uint64_t *bits)
{
	size_t i = 0;
	for (; n - i >= 64; i += 64)
		bits[i / 64] = (uint64_t)special16(p + i) |
			       (uint64_t)special16(p + i + 16) << 16 |
			       (uint64_t)special16(p + i + 32) << 32 |
			       (uint64_t)special16(p + i + 48) << 48;
	uint64_t w = 0;
	for (size_t j = i; j < n; j++) {
		unsigned char ch = (unsigned char)p[j];
		if (ch == '"' || ch == '\\' || ch < 0x20)
			w |= 1ULL << (j - i);
	}
	bits[i / 64] = w | 1ULL << (n - i);
}

/* ---- AVX2 ---- */

#define AVX2 __attribute__((target("avx2")))

/* The error classes of a pair of bytes (the byte before and this one),
 * from three 16-entry tables indexed by the high nibble of the previous
 * byte, its low nibble, and the high nibble of this byte. */
enum {
	TOO_SHORT = 1 << 0,  /* lead followed by ASCII or another lead */
	TOO_LONG = 1 << 1,   /* ASCII followed by a continuation */
	OVERLONG_3 = 1 << 2, /* E0 80..9F */
	TOO_LARGE = 1 << 3,  /* F4 90.., F5.. */
	SURROGATE = 1 << 4,  /* ED A0..BF */
	OVERLONG_2 = 1 << 5, /* C0, C1 */
	TOO_LARGE_1000 = 1 << 6,
	OVERLONG_4 = 1 << 6, /* F0 80..8F */
	TWO_CONTS = 1 << 7,  /* continuation after continuation */
	CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS
};

/* a 16-entry table in both 128-bit lanes (for _mm256_shuffle_epi8) */
AVX2 static inline __m256i table16(const unsigned char *t)
{
	return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)t));
}

AVX2 static inline __m256i prev_n(__m256i cur, __m256i prev, int n)
{
	/* the bytes shifted by n across the 128-bit lanes, from prev */
	__m256i t = _mm256_permute2x128_si256(prev, cur, 0x21);
	switch (n) {
	case 1: return _mm256_alignr_epi8(cur, t, 15);
	case 2: return _mm256_alignr_epi8(cur, t, 14);
	default: return _mm256_alignr_epi8(cur, t, 13);
	}
}

AVX2 static inline __m256i hi_nib(__m256i v)
{
	return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

AVX2 static inline __m256i block_errors(__m256i in, __m256i prev)
{
	static const unsigned char b1h[16] = {
		TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
		TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
		TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
		TOO_SHORT | OVERLONG_2,
		TOO_SHORT,
		TOO_SHORT | OVERLONG_3 | SURROGATE,
		TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4 };
	static const unsigned char b1l[16] = {
		CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
		CARRY | OVERLONG_2,
		CARRY, CARRY,
		CARRY | TOO_LARGE,
		CARRY | TOO_LARGE | TOO_LARGE_1000,
		CARRY | TOO_LARGE | TOO_LARGE_1000,
		CARRY | TOO_LARGE | TOO_LARGE_1000,
		CARRY | TOO_LARGE | TOO_LARGE_1000,
		CARRY | TOO_LARGE | TOO_LARGE_1000,
		CARRY | TOO_LARGE | TOO_LARGE_1000,
		CARRY | TOO_LARGE | TOO_LARGE_1000,
		CARRY | TOO_LARGE | TOO_LARGE_1000,
		CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
		CARRY | TOO_LARGE | TOO_LARGE_1000,
		CARRY | TOO_LARGE | TOO_LARGE_1000 };
	static const unsigned char b2h[16] = {
		TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
		TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
		TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
		TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
		TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
		TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
		TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT };
	__m256i p1 = prev_n(in, prev, 1);
	__m256i sc = _mm256_and_si256(
		_mm256_and_si256(_mm256_shuffle_epi8(table16(b1h), hi_nib(p1)),
				 _mm256_shuffle_epi8(table16(b1l),
						     _mm256_and_si256(p1, _mm256_set1_epi8(0x0F)))),
		_mm256_shuffle_epi8(table16(b2h), hi_nib(in)));
	/* the third and fourth bytes of 3- and 4-byte sequences must be
	 * continuations: exactly where TWO_CONTS was seen */
	__m256i p2 = prev_n(in, prev, 2), p3 = prev_n(in, prev, 3);
	__m256i third = _mm256_subs_epu8(p2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
	__m256i fourth = _mm256_subs_epu8(p3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
	__m256i must = _mm256_and_si256(_mm256_or_si256(third, fourth),
					_mm256_set1_epi8((char)0x80));
	return _mm256_xor_si256(must, sc);
}

/* Nonzero where a block ends inside a sequence (a lead in the last 3
 * bytes that needs more bytes than are left). */
AVX2 static inline __m256i block_incomplete(__m256i in)
{
	const __m256i max = _mm256_setr_epi8(
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		(char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
	return _mm256_subs_epu8(in, max);
}

/* The UTF-8 state between blocks: errors so far, the previous block, and
 * where it ends inside a sequence. */
typedef struct u8state {
	__m256i err, prev, inc;
} u8state;

/* One 32-byte block into the UTF-8 state. */
AVX2 static inline void utf8_block(u8state *u, __m256i in)
{
	if (!_mm256_movemask_epi8(in)) {
		/* ASCII: only a sequence cut at the block start is wrong */
		u->err = _mm256_or_si256(u->err, u->inc);
		u->inc = _mm256_setzero_si256();
	} else {
		u->err = _mm256_or_si256(u->err, block_errors(in, u->prev));
		u->inc = block_incomplete(in);
	}
	u->prev = in;
}

AVX2 static int utf8_avx2(const unsigned char *p, size_t n)
{
	u8state u = { _mm256_setzero_si256(), _mm256_setzero_si256(),
		      _mm256_setzero_si256() };
	for (size_t i = 0; i < n; i += 32) {
		__m256i in;
		if (n - i >= 32) {
			in = _mm256_loadu_si256((const __m256i *)(const void *)(p + i));
		} else {
			/* the tail, padded with NULs (ASCII: a sequence cut
			 * by the end of input is then TOO_SHORT) */
			unsigned char tail[32] = {0};
			memcpy(tail, p + i, n - i);
			in = _mm256_loadu_si256((const __m256i *)(const void *)tail);
		}
		utf8_block(&u, in);
	}
	u.err = _mm256_or_si256(u.err, u.inc);
	return _mm256_testz_si256(u.err, u.err);
}

/* The special bytes of a 32-byte block, one bit each. */
AVX2 static inline uint32_t special32(__m256i v)
{
	const __m256i vq = _mm256_set1_epi8('"'), vb = _mm256_set1_epi8('\\'),
		      v1f = _mm256_set1_epi8(0x1F);
	__m256i m = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, vq),
						    _mm256_cmpeq_epi8(v, vb)),
				    _mm256_cmpeq_epi8(_mm256_max_epu8(v, v1f), v1f));
	return (uint32_t)_mm256_movemask_epi8(m);
}

/* utf8_avx2 and marks_scalar in one pass, 64 bytes at a time: two ASCII
 * blocks take one test. */
AVX2 static int marks_avx2(const unsigned char *p, size_t n, uint64_t *bits)
{
	u8state u = { _mm256_setzero_si256(), _mm256_setzero_si256(),
		      _mm256_setzero_si256() };
	size_t i = 0;
	for (; n - i >= 64; i += 64) {
		__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(p + i));
		__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(p + i + 32));
		bits[i / 64] = special32(a) | (uint64_t)special32(b) << 32;
		if (!_mm256_movemask_epi8(_mm256_or_si256(a, b))) {
			u.err = _mm256_or_si256(u.err, u.inc);
			u.inc = _mm256_setzero_si256();
			u.prev = b;
		} else {
			utf8_block(&u, a);
			utf8_block(&u, b);
		}
	}
	/* the tail (0 to 63 bytes), padded with NULs as in utf8_avx2; the
	 * padding's bits are cleared and the end's set */
	unsigned char tail[64] = {0};
	size_t t = n - i;
	memcpy(tail, p + i, t);
	__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)tail);
	__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(tail + 32));
	uint64_t w = special32(a) | (uint64_t)special32(b) << 32;
	bits[i / 64] = (w & ((1ULL << t) - 1)) | 1ULL << t;
	if (t) {
		utf8_block(&u, a);
		if (t > 32)
			utf8_block(&u, b);
	}
	u.err = _mm256_or_si256(u.err, u.inc);
	return _mm256_testz_si256(u.err, u.err);
}

AVX2 static const char *special_avx2(const char *p, const char *end)
{
	while (end - p >= 32) {
		uint32_t mask = special32(_mm256_loadu_si256((const __m256i *)(const void *)p));
		if (mask)
			return p + __builtin_ctz(mask);
		p += 32;
	}
	return special_sse2(p, end);
}
#endif

/* Contract: see base.h. */
int ni_scan_utf8(const char *p, size_t n, int level)
{
	const unsigned char *u = (const unsigned char *)p;
#ifdef NI_SCAN_X86
	if (level >= NI_SCAN_AVX2)
		return utf8_avx2(u, n);
	if (level == NI_SCAN_SSE2)
		return utf8_sse2(u, n);
#endif
	(void)level;
	return utf8_scalar(u, n);
}

/* Contract: see base.h. */
const char *ni_scan_special(const char *p, const char *end, int level)
{
#ifdef NI_SCAN_X86
	if (level >= NI_SCAN_AVX2)
		return special_avx2(p, end);
	if (level == NI_SCAN_SSE2)
		return special_sse2(p, end);
#endif
	(void)level;
	return special_scalar(p, end);
}

/* Contract: see base.h. */
int ni_scan_marks(const char *p, size_t n, uint64_t *bits, int level)
{
#ifdef NI_SCAN_X86
	if (level >= NI_SCAN_AVX2)
		return marks_avx2((const unsigned char *)p, n, bits);
	if (level == NI_SCAN_SSE2) {
		marks_sse2(p, n, bits);
		return utf8_sse2((const unsigned char *)p, n);
	}
#endif
	(void)level;
	marks_scalar(p, n, bits);
	return utf8_scalar((const unsigned char *)p, n);
}

/* A byte ni_scan_plain stops at. */
static int unplain(unsigned char c)
{
	return c < 0x20 || c == 0x7F || c == '\\' || c == 0xC2 || c == 0xE2;
}

/* Contract: see base.h.  16 bytes at a time at the SSE2 level and above,
 * as ni_scan_printable. */
size_t ni_scan_plain(const char *p, size_t n, int level)
{
	size_t i = 0;
#ifdef NI_SCAN_X86
	if (level >= NI_SCAN_SSE2 && n >= 16) {
		const __m128i c1f = _mm_set1_epi8(0x1F), c7f = _mm_set1_epi8(0x7F),
			      bs = _mm_set1_epi8('\\'), c2 = _mm_set1_epi8((char)0xC2),
			      e2 = _mm_set1_epi8((char)0xE2);
		for (;;) {
			__m128i v = _mm_loadu_si128((const __m128i *)(p + i));
			/* unsigned v <= 0x1F: min(v, 0x1F) == v */
			__m128i bad = _mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v),
					     _mm_cmpeq_epi8(v, c7f)),
				_mm_or_si128(_mm_cmpeq_epi8(v, bs),
					     _mm_or_si128(_mm_cmpeq_epi8(v, c2),
							  _mm_cmpeq_epi8(v, e2))));
			unsigned m = (unsigned)_mm_movemask_epi8(bad);
			if (m)   /* in a last block that overlaps, the bytes
				  * before i are plain: the first stop is past */
				return i + (size_t)__builtin_ctz(m);
			if (i + 16 == n)
				return n;
			/* the next 16, or the last 16 (overlapping) */
			i = i + 32 <= n ? i + 16 : n - 16;
		}
	}
#endif
	(void)level;
	while (i < n && !unplain((unsigned char)p[i]))
		i++;
	return i;
}

/* Contract: see base.h.  16 bytes at a time at the SSE2 level and above
 * (the values are short: AVX2 would not pay for its set-up). */
size_t ni_scan_printable(const char *p, size_t n, int level)
{
	size_t i = 0;
#ifdef NI_SCAN_X86
	if (level >= NI_SCAN_SSE2) {
		const __m128i c1f = _mm_set1_epi8(0x1F), c7f = _mm_set1_epi8(0x7F);
		for (; i + 16 <= n; i += 16) {
			/* signed: bytes from 0x80 are negative, below 0x1F */
			__m128i v = _mm_loadu_si128((const __m128i *)(p + i));
			unsigned m = (unsigned)_mm_movemask_epi8(
				_mm_and_si128(_mm_cmpgt_epi8(v, c1f), _mm_cmplt_epi8(v, c7f)));
			if (m != 0xFFFF)
				return i + (size_t)__builtin_ctz(~m);
		}
		/* then 8 at a time in a word: per byte t = b & 0x7F; the
		 * high bit of t + 0x60 says b >= 0x20, of t + 1 that t is
		 * 0x7F (no carry crosses a byte) */
		for (; i + 8 <= n; i += 8) {
			uint64_t x, t, hi = 0x8080808080808080ULL;
			memcpy(&x, p + i, 8);
			t = x & ~hi;
			uint64_t bad = ~(((t + 0x6060606060606060ULL) & ~(t + 0x0101010101010101ULL)) &
					 ~x) & hi;
			if (bad)
				return i + (size_t)__builtin_ctzll(bad) / 8;
		}
	}
#endif
	(void)level;
	while (i < n && (unsigned char)p[i] >= 0x20 && (unsigned char)p[i] < 0x7F)
		i++;
	return i;
}
