/*
 * backup.c: a consistent copy of a live case file with SQLite's online
 * backup API.  The copy is made inside a read transaction, so it holds
 * the main file and the committed part of the -wal file as one snapshot;
 * cp(1) of cases.db alone misses what is still only in the -wal file.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

int
casefile_backup(struct casefile *cf, const char *path, struct cerror *e)
{
	sqlite3		*dst = NULL;
	sqlite3_backup	*b;
	int		 fd, rc;

	/* A new file, 0600 whatever the umask: it holds personal data. */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
	    0600)) == -1)
		return cerror_set(e, EX_CANTCREAT, "cannot create %s: %s%s",
		    path, strerror(errno), errno == EEXIST ?
		    "; give a new file" : "");
	fchmod(fd, 0600);
	close(fd);
	if ((rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL)) !=
	    SQLITE_OK) {
		rc = cerror_set(e, EX_CANTCREAT, "cannot open %s: %s", path,
		    sqlite3_errmsg(dst));
		goto fail;
	}
	if ((b = sqlite3_backup_init(dst, "main", cf->db, "main")) == NULL) {
		rc = cerror_set(e, EX_CANTCREAT, "cannot start a backup to "
		    "%s: %s", path, sqlite3_errmsg(dst));
		goto fail;
	}
	/* All pages in one step: the source is read in one snapshot. */
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rc = cerror_set(e, (rc & 0xff) == SQLITE_BUSY ? EX_TEMPFAIL :
		    EX_IOERR, "cannot back up to %s: %s", path,
		    sqlite3_errstr(rc));
		goto fail;
	}
	/* One file, nothing left in a -wal beside it. */
	if ((rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL,
	    NULL, NULL)) != SQLITE_OK) {
		rc = cerror_set(e, EX_IOERR, "cannot finish %s: %s", path,
		    sqlite3_errmsg(dst));
		goto fail;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		dst = NULL;
		rc = cerror_set(e, EX_IOERR, "cannot close %s", path);
		goto fail;
	}
	return 0;
fail:
	sqlite3_close(dst);
	unlink(path);
	return rc;
}
