# ni - small Unix filters for news-item digests.
# make            build bin/ni-*          make check        all tests
# make demo       the sample digest       make check-sanitize  tests under ASan+UBSan
# make install    PREFIX=/usr/local DESTDIR=   make uninstall / clean

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra -Wformat=2 -Wshadow -Wno-unused-parameter
CPPFLAGS += -Iinclude -DNI_VERSION='"$(VERSION)"' -D_FILE_OFFSET_BITS=64
PKG_CONFIG ?= pkg-config

# each library in its own variables, so a packager can override one
YAML_CFLAGS    ?= $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
YAML_LIBS      ?= $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null || echo -lyaml)
JANSSON_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
JANSSON_LIBS   ?= $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)
PCRE2_CFLAGS   ?= $(shell $(PKG_CONFIG) --cflags libpcre2-8 2>/dev/null)
PCRE2_LIBS     ?= $(shell $(PKG_CONFIG) --libs libpcre2-8 2>/dev/null || echo -lpcre2-8)
UTF8PROC_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libutf8proc 2>/dev/null)
UTF8PROC_LIBS  ?= $(shell $(PKG_CONFIG) --libs libutf8proc 2>/dev/null || echo -lutf8proc)

DEP_CFLAGS = $(YAML_CFLAGS) $(JANSSON_CFLAGS) $(PCRE2_CFLAGS) $(UTF8PROC_CFLAGS)
DEP_LIBS   = $(YAML_LIBS) $(JANSSON_LIBS) $(PCRE2_LIBS) $(UTF8PROC_LIBS) -lm -lpthread

BUILD ?= build
BIN   ?= bin
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(DEP_CFLAGS)

TOOLS  = ni-parse ni-filter ni-summarize ni-render ni-write
CMDS   = ni $(TOOLS)
LIBSRC = $(wildcard lib/*.c)
LIBOBJ = $(LIBSRC:lib/%.c=$(BUILD)/lib/%.o)
LIBA   = $(BUILD)/libni.a
PROGS  = $(CMDS:%=$(BIN)/%)
UNIT   = $(BUILD)/unit

all: $(PROGS)

$(BUILD)/lib/%.o: lib/%.c include/ni.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIBA): $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(BIN)/%: cmd/%.c $(LIBA) include/ni.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(DEP_LIBS)

$(UNIT): tests/unit.c $(LIBA) include/ni.h
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(DEP_LIBS)

deps:
	@sh .ci/deps build

check-deps:
	@sh .ci/deps test

# `make check` installs missing dependencies (as root) or says how.
check: check-deps
	@$(MAKE) --no-print-directory all $(UNIT)
	@NI_BIN=$(CURDIR)/$(BIN) NI_UNIT=$(CURDIR)/$(UNIT) sh tests/run.sh

SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
check-sanitize: check-deps
	@$(MAKE) -s --no-print-directory BUILD=build/san BIN=build/san/bin \
		CC=clang CFLAGS='$(SAN_FLAGS)' LDFLAGS='$(SAN_FLAGS)' all build/san/unit
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 NI_SANITIZE=1 NI_BIN=$(CURDIR)/build/san/bin NI_UNIT=$(CURDIR)/build/san/unit \
	 sh tests/run.sh

# libFuzzer harnesses (tests/fuzz): make fuzz builds them, make fuzz-run
# runs each for FUZZ_TIME seconds from the seeds in tests/fuzz/seeds.
FUZZERS    = fuzz_frontmatter fuzz_ndjson fuzz_expr fuzz_template fuzz_render
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_TIME ?= 60
fuzz: check-deps
	@$(MAKE) -s --no-print-directory BUILD=build/fuzz BIN=build/fuzz/bin CC=clang \
		CFLAGS='$(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link' build/fuzz/libni.a
	@for f in $(FUZZERS); do \
		clang $(CPPFLAGS) $(ALL_CFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer \
			-o build/fuzz/$$f tests/fuzz/$$f.c build/fuzz/libni.a $(DEP_LIBS) || exit 1; \
	done

fuzz-run: fuzz
	@sh tests/fuzz/run.sh build/fuzz $(FUZZ_TIME) $(FUZZERS)

# the fault-injection cases of the catalog: /dev/full, SIGPIPE ignored,
# ulimit -v, strace-injected write/fsync/rename errors, kill -9, locks
check-faults: check-deps
	@$(MAKE) --no-print-directory all
	@NI_ONLY=catalog NI_BIN=$(CURDIR)/$(BIN) sh tests/run.sh

check-valgrind: check-deps
	@$(MAKE) --no-print-directory all $(UNIT)
	@NI_VALGRIND=1 NI_BIN=$(CURDIR)/$(BIN) NI_UNIT=$(CURDIR)/$(UNIT) sh tests/valgrind.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh examples/demo.sh $(BIN)

BASHDIR = $(DATADIR)/bash-completion/completions
ZSHDIR  = $(DATADIR)/zsh/site-functions
FISHDIR = $(DATADIR)/fish/vendor_completions.d

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(BASHDIR) $(DESTDIR)$(ZSHDIR) $(DESTDIR)$(FISHDIR)
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.7 $(DESTDIR)$(MANDIR)/man7/
	for t in $(CMDS); do \
		install -m 644 completions/ni.bash $(DESTDIR)$(BASHDIR)/$$t || exit 1; done
	install -m 644 completions/_ni $(DESTDIR)$(ZSHDIR)/_ni
	install -m 644 completions/ni.fish $(DESTDIR)$(FISHDIR)/ni.fish
	for t in $(TOOLS); do \
		ln -sf ni.fish $(DESTDIR)$(FISHDIR)/$$t.fish || exit 1; done

uninstall:
	for t in $(CMDS); do \
		rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(BASHDIR)/$$t; done
	for t in $(TOOLS); do \
		rm -f $(DESTDIR)$(MANDIR)/man1/$$t.1 $(DESTDIR)$(FISHDIR)/$$t.fish; done
	rm -f $(DESTDIR)$(MANDIR)/man7/ni.7 $(DESTDIR)$(ZSHDIR)/_ni $(DESTDIR)$(FISHDIR)/ni.fish

clean:
	rm -rf $(BUILD) $(BIN) demo

.PHONY: all deps check-deps check check-sanitize check-faults check-valgrind fuzz fuzz-run demo install uninstall clean
