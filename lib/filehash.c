/*
 * filehash.c: the SHA-256 of a file, read in blocks (libmd).  Evidence is
 * kept by hash, and every file the tools hash is read here: recordings at
 * an interview, attachments, and verify's re-hashing of both.  Only a
 * regular file is read: O_NONBLOCK keeps a FIFO from hanging the open,
 * and fstat refuses it, a device or a directory.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <sha2.h>

#include "complaint.h"
#include "internal.h"

int
file_sha256(const char *path, char *abs, int64_t *size, char hex[65])
{
	SHA2_CTX	 ctx;
	struct stat	 st;
	char		 chunk[65536], real[PATH_MAX];
	ssize_t		 n;
	int		 fd, err;

	if (abs == NULL)
		abs = real;
	if (realpath(path, abs) == NULL ||
	    (fd = open(abs, O_RDONLY | O_NONBLOCK)) == -1)
		return FILE_OPEN;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return FILE_TYPE;
	}
	SHA256Init(&ctx);
	*size = 0;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		SHA256Update(&ctx, (const uint8_t *)chunk, (size_t)n);
		*size += n;
	}
	err = errno;
	close(fd);
	SHA256End(&ctx, hex);
	if (n < 0) {
		errno = err;
		return FILE_READ;
	}
	return 0;
}
