# complaint: plain make (GNU or BSD).  make; make check; make demo.
.POSIX:

PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DOCDIR = $(PREFIX)/share/doc/complaint
ZSHDIR = $(PREFIX)/share/zsh/site-functions
FISHDIR = $(PREFIX)/share/fish/vendor_completions.d
CC = cc
PKGS = sqlite3 libbsd-overlay libmd libutf8proc
PKG_CFLAGS != pkg-config --cflags $(PKGS) 2>/dev/null || echo
PKG_LIBS != pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -lbsd -lmd -lutf8proc
WARN = -Wall -Wextra -Wshadow -Wmissing-prototypes -Werror
CFLAGS = -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -DLIBBSD_OPENBSD_VIS $(WARN) \
	-DSTEMMER_SO=\"$(STEMMER_SO)\" $(PKG_CFLAGS) -Ilib $(CFLAGS)
# libstemmer is opened by compare.c when a comparison first stems a word,
# not linked: its 10,800 relocations cost every start 1.2 ms here.  Its
# file name is the SONAME of the library the linker would take.
STEMMER_SO != objdump -p `$(CC) -print-file-name=libstemmer.so` 2>/dev/null | \
	awk '/SONAME/ { n = $$2 } END { print n ? n : "libstemmer.so.0d" }'
# --as-needed: a program links only the libraries it calls.
LIBS = -Wl,--as-needed lib/libcomplaint.a $(PKG_LIBS) -lcsv -ldl

BIN = complaint complaint-compare complaint-interview complaint-new \
	complaint-report complaint-resolve
HDR = lib/complaint.h lib/internal.h
MIGRATE = lib/migrate-2.h lib/migrate-3.h lib/migrate-4.h lib/migrate-5.h \
	lib/migrate-6.h lib/migrate-7.h lib/migrate-8.h lib/migrate-9.h
LIBOBJ = \
	lib/accounts.o \
	lib/anonymise.o \
	lib/audit.o \
	lib/backup.o \
	lib/buf.o \
	lib/casefile.o \
	lib/cases.o \
	lib/columns.o \
	lib/comms.o \
	lib/compare.o \
	lib/correct.o \
	lib/csvio.o \
	lib/db.o \
	lib/error.o \
	lib/explain.o \
	lib/facts.o \
	lib/filehash.o \
	lib/fullexport.o \
	lib/hmac.o \
	lib/hooks.o \
	lib/html.o \
	lib/ids.o \
	lib/import.o \
	lib/intake.o \
	lib/lexicon.o \
	lib/mail.o \
	lib/messages.o \
	lib/money.o \
	lib/names.o \
	lib/phone.o \
	lib/offer.o \
	lib/policy.o \
	lib/query.o \
	lib/report.o \
	lib/resolve.o \
	lib/settings.o \
	lib/state.o \
	lib/stmttime.o \
	lib/stats.o \
	lib/tally.o \
	lib/template.o \
	lib/text.o \
	lib/textout.o \
	lib/timefmt.o \
	lib/triage.o \
	lib/trust.o \
	lib/verify.o \
	lib/witness.o
UNIT = tests/unit/t_casefile tests/unit/t_ids tests/unit/t_money \
	tests/unit/t_text tests/unit/t_timefmt tests/unit/t_plan tests/unit/t_state \
	tests/unit/t_stmttime tests/unit/t_policy tests/unit/t_mail \
	tests/unit/t_phone tests/unit/t_columns tests/unit/t_compare \
	tests/unit/t_hmac tests/unit/t_template \
	tests/unit/t_facts tests/unit/t_csvmap tests/unit/t_triage \
	tests/unit/t_intake
FUZZ = tests/fuzz/fuzz_compare tests/fuzz/fuzz_csv tests/fuzz/fuzz_ids \
	tests/fuzz/fuzz_mail \
	tests/fuzz/fuzz_money \
	tests/fuzz/fuzz_stmttime tests/fuzz/fuzz_text tests/fuzz/fuzz_time
FUZZ_SECONDS = 600
REPLAY = tests/fuzz/replay_compare tests/fuzz/replay_csv \
	tests/fuzz/replay_ids tests/fuzz/replay_mail \
	tests/fuzz/replay_money tests/fuzz/replay_stmttime \
	tests/fuzz/replay_text tests/fuzz/replay_time
MAN1 = man/complaint.1 man/complaint-compare.1 man/complaint-interview.1 \
	man/complaint-new.1 man/complaint-report.1 man/complaint-resolve.1
EXAMPLES = scripts/cron-reminders.sh scripts/weekly-report.sh \
	scripts/cron-head.sh \
	scripts/escalate-mail.sh scripts/escalate-ticket.sh \
	scripts/mail-intake.sh scripts/systemd/complaint-reminders.service \
	scripts/systemd/complaint-reminders.timer \
	scripts/systemd/complaint-weekly.service \
	scripts/systemd/complaint-weekly.timer
MAN5 = man/complaint.5
MAN7 = man/complaint.7

all: $(BIN)

.SUFFIXES: .c .o
.c.o:
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBOBJ): $(HDR)
lib/casefile.o: lib/schema.h lib/rules.h lib/rules-remedies.h $(MIGRATE)

lib/schema.h: lib/schema.sql
	sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' lib/schema.sql >$@
$(MIGRATE): $(MIGRATE:.h=.sql)
	sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' $(@:.h=.sql) >$@
lib/rules.h: lib/rules.sql
	sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' lib/rules.sql >$@
lib/rules-remedies.h: lib/rules-remedies.sql
	sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' \
	    lib/rules-remedies.sql >$@

lib/libcomplaint.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

complaint: cmd/complaint.c lib/libcomplaint.a lib/complaint.h
	$(CC) $(ALL_CFLAGS) -o $@ cmd/complaint.c $(LIBS) $(LDFLAGS)
complaint-compare: cmd/complaint-compare.c lib/libcomplaint.a lib/complaint.h
	$(CC) $(ALL_CFLAGS) -o $@ cmd/complaint-compare.c $(LIBS) $(LDFLAGS)
complaint-interview: cmd/complaint-interview.c lib/libcomplaint.a lib/complaint.h
	$(CC) $(ALL_CFLAGS) -o $@ cmd/complaint-interview.c $(LIBS) $(LDFLAGS)
complaint-new: cmd/complaint-new.c lib/libcomplaint.a lib/complaint.h
	$(CC) $(ALL_CFLAGS) -o $@ cmd/complaint-new.c $(LIBS) $(LDFLAGS)
complaint-report: cmd/complaint-report.c lib/libcomplaint.a lib/complaint.h
	$(CC) $(ALL_CFLAGS) -o $@ cmd/complaint-report.c $(LIBS) $(LDFLAGS)
complaint-resolve: cmd/complaint-resolve.c lib/libcomplaint.a lib/complaint.h
	$(CC) $(ALL_CFLAGS) -o $@ cmd/complaint-resolve.c $(LIBS) $(LDFLAGS)

$(UNIT): tests/unit/unit.h lib/libcomplaint.a $(HDR)
	$(CC) $(ALL_CFLAGS) -o $@ $@.c $(LIBS) $(LDFLAGS)
tests/unit/t_casefile: tests/unit/t_casefile.c
tests/unit/t_ids: tests/unit/t_ids.c
tests/unit/t_money: tests/unit/t_money.c
tests/unit/t_text: tests/unit/t_text.c
tests/unit/t_timefmt: tests/unit/t_timefmt.c
tests/unit/t_plan: tests/unit/t_plan.c
tests/unit/t_state: tests/unit/t_state.c
tests/unit/t_stmttime: tests/unit/t_stmttime.c
tests/unit/t_policy: tests/unit/t_policy.c
tests/unit/t_mail: tests/unit/t_mail.c
tests/unit/t_phone: tests/unit/t_phone.c
tests/unit/t_columns: tests/unit/t_columns.c
tests/unit/t_compare: tests/unit/t_compare.c
tests/unit/t_hmac: tests/unit/t_hmac.c
tests/unit/t_template: tests/unit/t_template.c
tests/unit/t_facts: tests/unit/t_facts.c lib/schema.h
tests/unit/t_csvmap: tests/unit/t_csvmap.c
tests/unit/t_triage: tests/unit/t_triage.c tests/triage-table.tsv
tests/unit/t_intake: tests/unit/t_intake.c

# The fuzz targets' checks, run on the corpus and past crashes by make check.
$(REPLAY): tests/fuzz/replay.c lib/libcomplaint.a $(HDR)
	$(CC) $(ALL_CFLAGS) -o $@ tests/fuzz/replay.c \
		`echo $@ | sed 's/replay_/fuzz_/'`.c $(LIBS) $(LDFLAGS)
tests/fuzz/replay_compare: tests/fuzz/fuzz_compare.c
tests/fuzz/replay_csv: tests/fuzz/fuzz_csv.c
tests/fuzz/replay_ids: tests/fuzz/fuzz_ids.c
tests/fuzz/replay_mail: tests/fuzz/fuzz_mail.c
tests/fuzz/replay_money: tests/fuzz/fuzz_money.c
tests/fuzz/replay_stmttime: tests/fuzz/fuzz_stmttime.c
tests/fuzz/replay_text: tests/fuzz/fuzz_text.c
tests/fuzz/replay_time: tests/fuzz/fuzz_time.c

unit: $(UNIT) $(REPLAY)

# Fuzz targets: clang's libFuzzer, the library built into each target with
# the same sanitizers.  make fuzz FUZZ_SECONDS=60 for a short run.
$(FUZZ): lib/schema.h lib/rules.h lib/rules-remedies.h $(MIGRATE) $(HDR) $(LIBOBJ:.o=.c) tests/fuzz/replay.c
	clang -std=c11 -D_DEFAULT_SOURCE -DLIBBSD_OPENBSD_VIS $(PKG_CFLAGS) \
		-DSTEMMER_SO=\"$(STEMMER_SO)\" \
		-Ilib -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -o $@ $@.c $(LIBOBJ:.o=.c) \
		$(PKG_LIBS) -lcsv -ldl
tests/fuzz/fuzz_compare: tests/fuzz/fuzz_compare.c
tests/fuzz/fuzz_csv: tests/fuzz/fuzz_csv.c
tests/fuzz/fuzz_ids: tests/fuzz/fuzz_ids.c
tests/fuzz/fuzz_mail: tests/fuzz/fuzz_mail.c
tests/fuzz/fuzz_money: tests/fuzz/fuzz_money.c
tests/fuzz/fuzz_stmttime: tests/fuzz/fuzz_stmttime.c
tests/fuzz/fuzz_text: tests/fuzz/fuzz_text.c
tests/fuzz/fuzz_time: tests/fuzz/fuzz_time.c

fuzz:
	@sh scripts/install-deps --fuzz
	@$(MAKE) $(FUZZ)
	sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# Eight writers of 100 complaints each against readers and cron; then a
# 200,000-row import killed at 20 random moments; then a simulated month
# of 30 days (make check runs 5).
stress: all
	sh tests/stress/stress.sh 8 100
	sh tests/stress/crash.sh 200000 20
	sh tests/month.sh 30

deps:
	@sh scripts/install-deps

check: deps
	@$(MAKE) all unit
	@sh tests/run.sh

# The suite under AddressSanitizer and UBSan; the run of the suite at a
# terminal (tests/terminal.sh) is make check's, not repeated here.
asan: deps
	$(MAKE) clean
	$(MAKE) CFLAGS='-O1 -g -fsanitize=address,undefined \
		-fno-sanitize-recover=all -fno-omit-frame-pointer' \
		LDFLAGS='-fsanitize=address,undefined' all unit
	ASAN_OPTIONS=detect_leaks=1 COMPLAINT_TEST_NESTED=1 sh tests/run.sh

lint:
	@sh scripts/install-deps --dev
	cppcheck --error-exitcode=1 --quiet --std=c11 \
		--enable=warning,performance,portability \
		--suppress=missingIncludeSystem -Ilib lib cmd tests/unit
	shellcheck -x -e SC1091 scripts/install-deps scripts/*.sh tests/*.sh \
		completion/complaint.bash tests/fuzz/*.sh tests/stress/*.sh bench/*.sh .ci/run
	mandoc -Tlint -W warning $(MAN1) $(MAN5) $(MAN7)

demo: deps
	@$(MAKE) all
	@sh scripts/demo.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	cp $(BIN) $(DESTDIR)$(BINDIR)/
	cp $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	cp $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	cp $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	mkdir -p $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	for p in $(BIN); do cp completion/complaint.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$p; done
	mkdir -p $(DESTDIR)$(ZSHDIR) $(DESTDIR)$(DOCDIR)/examples
	cp completion/_complaint $(DESTDIR)$(ZSHDIR)/
	mkdir -p $(DESTDIR)$(FISHDIR)
	for p in $(BIN); do cp completion/complaint.fish \
		$(DESTDIR)$(FISHDIR)/$$p.fish; done
	cp $(EXAMPLES) $(DESTDIR)$(DOCDIR)/examples/

uninstall:
	for f in $(BIN); do rm -f $(DESTDIR)$(BINDIR)/$$f; done
	for f in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$${f#man/}; done
	for f in $(MAN5); do rm -f $(DESTDIR)$(MANDIR)/man5/$${f#man/}; done
	for f in $(MAN7); do rm -f $(DESTDIR)$(MANDIR)/man7/$${f#man/}; done
	for p in $(BIN); do \
		rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$p; \
		done
	rm -f $(DESTDIR)$(ZSHDIR)/_complaint
	for p in $(BIN); do rm -f $(DESTDIR)$(FISHDIR)/$$p.fish; done
	for f in $(EXAMPLES); do \
		rm -f $(DESTDIR)$(DOCDIR)/examples/$${f##*/}; done

print-bin:
	@echo $(BIN)

# every benchmark of bench/ as one table of medians and ratios (minutes)
bench: all
	@sh scripts/install-deps --bench
	@sh bench/run.sh

clean:
	rm -f $(BIN) $(LIBOBJ) $(UNIT) $(FUZZ) $(REPLAY) lib/libcomplaint.a lib/schema.h lib/rules.h lib/rules-remedies.h \
		$(MIGRATE)

.PHONY: all unit deps check asan lint fuzz stress demo install uninstall \
	print-bin clean bench
