# faxintake - one non-recursive Makefile.
#
#   make                 build/faxintake on build/libfaxintake.a, and build/mkfax
#   make deps            install the missing Debian packages (apt-get; sudo if not root)
#   make check           deps, build, then every Check suite and end-to-end test
#   make demo            deps, build, then a demo home processed end to end
#   make bench           deps, build, then faxintake against the tesseract command
#                        on a seeded corpus (tools/bench.sh; build/bench.xml)
#   make SANITIZE=address,undefined check
#   make fuzz FUZZ_SECONDS=60   each libFuzzer target of tests/fuzz/ (clang, build-fuzz/)
#
# Sources are found by wildcard: a new file in a module folder joins the
# library, a new tests/check_*.c becomes its own Check binary, a new
# tests/e2e/*.sh is run by `make check`.

VERSION  := 0.1.0
BUILD    ?= build
CC       ?= cc
PKG_CONFIG ?= pkg-config

# `make install`: PREFIX is compiled in (where the program finds its schemas).
PREFIX  ?= /usr/local
DESTDIR ?=
DATADIR  = $(PREFIX)/share/faxintake

PKGS      = tesseract lept libtiff-4 libxml-2.0 sqlite3 libcrypto libsystemd cairo libxslt
TEST_PKGS = check

DEBS = build-essential pkg-config libtesseract-dev tesseract-ocr tesseract-ocr-ita \
       tesseract-ocr-eng tesseract-ocr-script-latn libleptonica-dev libtiff-dev libtiff-tools libxml2-dev \
       libxml2-utils libsqlite3-dev sqlite3 libssl-dev libsystemd-dev libcairo2-dev \
       libxslt1-dev xsltproc fonts-dejavu-core fonts-liberation check strace \
       man-db groff-base time

WARN = -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes -Wshadow \
       -Wpointer-arith -Wcast-qual -Wvla -Wwrite-strings -Wno-unused-parameter
ifneq ($(CI),)
WARN += -Werror
endif

OPT ?= -O2 -g
ifneq ($(SANITIZE),)
OPT  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
# gcc's sanitizer instrumentation makes its format checks see null
# pointers that are not there ("null format string" in sb_vaddf): in these
# builds they warn but do not fail
WARN += -Wno-error=format-truncation -Wno-error=format-overflow
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

CPPFLAGS += -I. -D_GNU_SOURCE -DFAXINTAKE_VERSION='"$(VERSION)"' \
            -DFAXINTAKE_SRCDIR='"$(CURDIR)"' -DFAXINTAKE_DATADIR='"$(DATADIR)"'
CFLAGS   += -std=c11 $(OPT) -MMD -MP $(WARN) $(PKG_CFLAGS)
LDLIBS   += $(PKG_LIBS) -lpthread -lm

MODULES  = common spool ocr rules intake
LIB_SRC  = $(filter-out intake/main.c,$(foreach m,$(MODULES),$(wildcard $(m)/*.c)))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB      = $(BUILD)/libfaxintake.a
BIN      = $(BUILD)/faxintake
MKFAX    = $(BUILD)/mkfax

CHECK_SRC = $(wildcard tests/check_*.c)
CHECK_BIN = $(CHECK_SRC:tests/%.c=$(BUILD)/tests/%)
TESTLIB_SRC = $(wildcard tests/lib/*.c)
TESTLIB_OBJ = $(TESTLIB_SRC:%.c=$(BUILD)/%.o)
E2E       = $(sort $(wildcard tests/e2e/[0-9]*.sh))
FUZZ_REPLAY = $(BUILD)/tests/fuzz/fuzz-replay

# Tesseract is built with OpenMP; one thread per worker is ~10x faster on 2 cores.
export OMP_THREAD_LIMIT = 1

.SECONDARY:
.PHONY: all deps check check-unit check-fuzz-asan check-e2e check-reliability demo bench accuracy \
        fuzz install clean FORCE
all: $(BIN) $(MKFAX)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(BUILD)/intake/main.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(MKFAX): $(BUILD)/tests/mkfax.o $(TESTLIB_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%.o: CFLAGS += $(TEST_CFLAGS)
$(BUILD)/tests/check_%: $(BUILD)/tests/check_%.o $(TESTLIB_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(TEST_LIBS) $(LDLIBS)

deps:
	@sh tools/deps.sh $(DEBS)

# `check` first installs what is missing, then re-reads this Makefile so that
# pkg-config sees the freshly installed libraries.
# Builds in parallel (one job per core), then runs the tests one at a time.
NPROC := $(shell nproc 2>/dev/null || echo 2)
check: deps
	@$(MAKE) --no-print-directory -j$(NPROC) $(BIN) $(MKFAX) $(CHECK_BIN)
	@$(MAKE) --no-print-directory check-unit check-fuzz-asan check-e2e

# The fuzz corpora again, built with AddressSanitizer and UBSan in
# $(BUILD)-asan (about 25 s on 2 cores): an out-of-bounds read or undefined
# behaviour on any seed or past crash fails here, which the plain replay
# cannot see.
ASAN_BUILD = $(BUILD)-asan
check-fuzz-asan:
	@$(MAKE) --no-print-directory -j$(NPROC) BUILD=$(ASAN_BUILD) SANITIZE=address,undefined \
	  $(ASAN_BUILD)/tests/fuzz/fuzz-replay
	@echo "fuzz corpora under AddressSanitizer and UBSan:"
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  $(ASAN_BUILD)/tests/fuzz/fuzz-replay

check-unit: $(BIN) $(MKFAX) $(CHECK_BIN) $(FUZZ_REPLAY)
	@sh tools/run-checks.sh $(CHECK_BIN)
	@$(FUZZ_REPLAY)

check-e2e: $(BIN) $(MKFAX)
	@BUILD=$(abspath $(BUILD)) sh tools/run-e2e.sh $(E2E)

# Long reliability runs (crash, full disk, I/O errors, locks, hostile files,
# load, privileges): tests/reliability/test-*.sh, minutes; quick versions are
# tests/e2e/7x-*.sh in `check`.
check-reliability: $(BIN) $(MKFAX)
	@BUILD=$(abspath $(BUILD)) sh tools/run-e2e.sh $(sort $(wildcard tests/reliability/test-*.sh))

demo: deps
	@$(MAKE) --no-print-directory $(BIN) $(MKFAX)
	@$(BIN) demo

bench: deps
	@$(MAKE) --no-print-directory $(BIN) $(MKFAX)
	@BUILD=$(BUILD) bash tools/bench.sh

# Fuzzing (tests/fuzz/): `make check` replays the corpora with a plain
# driver; `make fuzz` builds the libFuzzer targets with clang in build-fuzz/
# and runs each for FUZZ_SECONDS, adding what it finds to the corpus.
FUZZ_DEBS    = clang libclang-rt-14-dev
FUZZ_TARGETS = tiff registry document xmltext fftext
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= build-fuzz
FUZZ_OPT     = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
               -fno-sanitize-recover=all -DFAXINTAKE_FUZZ
.PHONY: fuzz-bins
$(FUZZ_REPLAY): $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/fuzz/*.c)) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(BUILD)/fuzz/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/common.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)
fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
fuzz:
	@sh tools/deps.sh $(DEBS) $(FUZZ_DEBS)
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang SANITIZE=address,undefined \
	  OPT='$(FUZZ_OPT)' fuzz-bins
	@sh tests/fuzz/run.sh $(FUZZ_BUILD)/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# A changed PREFIX rebuilds what compiles it in.
$(BUILD)/common/xml.o: $(BUILD)/.prefix
$(BUILD)/.prefix: FORCE
	@mkdir -p $(BUILD)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
FORCE:

# Program, schemas, systemd units, man pages, RESTORE.md (dist/).
install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/schemas \
	  $(DESTDIR)$(PREFIX)/lib/systemd/system $(DESTDIR)$(PREFIX)/share/man/man8 \
	  $(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/doc/faxintake
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/faxintake
	cd schemas && find . -type f | while read -r f; do \
	  install -D -m 0644 "$$f" "$(DESTDIR)$(DATADIR)/schemas/$$f" || exit 1; done
	for u in faxintake.service faxintake-report.service faxintake-report.timer; do \
	  sed 's|@BINDIR@|$(PREFIX)/bin|g' dist/$$u > $(DESTDIR)$(PREFIX)/lib/systemd/system/$$u && \
	  chmod 0644 $(DESTDIR)$(PREFIX)/lib/systemd/system/$$u || exit 1; done
	install -m 0644 dist/faxintake.8 $(DESTDIR)$(PREFIX)/share/man/man8/faxintake.8
	install -m 0644 dist/faxintake.conf.5 $(DESTDIR)$(PREFIX)/share/man/man5/faxintake.conf.5
	install -m 0644 dist/RESTORE.md $(DESTDIR)$(PREFIX)/share/doc/faxintake/RESTORE.md
	install -D -m 0644 rules/requirements.xml $(DESTDIR)$(DATADIR)/rules/requirements.xml

# `make accuracy`: the form reader measured on 240 mkfax pages (minutes, so
# not part of `make check`); prints a table, writes $(BUILD)/accuracy.xml.
$(BUILD)/tests/accuracy: $(BUILD)/tests/accuracy.o $(TESTLIB_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Forms, then denunciations and identity copies; each prints its table and
# exits non-zero when a target is missed (both always run).
accuracy: $(MKFAX) $(BUILD)/tests/accuracy
	-@$(BUILD)/tests/accuracy --pages $(or $(PAGES),240) --mkfax $(MKFAX) \
		--dir $(BUILD)/accuracy --xml $(BUILD)/accuracy.xml
	@BUILD=$(BUILD) sh tools/accuracy-freeform.sh

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(BUILD)/intake/main.d $(BUILD)/tests/mkfax.d \
         $(TESTLIB_OBJ:.o=.d) $(CHECK_BIN:=.d) $(wildcard $(BUILD)/tests/fuzz/*.d)
