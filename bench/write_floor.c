/* write_floor.c - the file-system floor for bench/write.sh: read a bundle
 * of files ("NAME\tSIZE\n" then SIZE bytes, repeated) from stdin, as split
 * reads its input, and write each one into DIR.
 *   write_floor plain DIR    open, write, close: what split does
 *   write_floor durable DIR  what ni-write does to make each file atomic
 *                            and durable: O_TMPFILE, one syncfs per 64
 *                            files, linkat, fsync of DIR at the end */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	int durable = !strcmp(argv[1], "durable");
	mkdir(argv[2], 0777);
	int dfd = open(argv[2], O_RDONLY | O_DIRECTORY);
	if (dfd < 0)
		return 2;
	char name[4096], *buf = NULL;
	size_t cap = 0;
	long size;
	int fds[64];
	char *names[64];
	int n = 0;
	unsigned long files = 0;
	while (scanf("%4095[^\t]\t%ld\n", name, &size) == 2) {
		if ((size_t)size > cap) {
			cap = (size_t)size * 2;
			buf = realloc(buf, cap);
		}
		if (fread(buf, 1, (size_t)size, stdin) != (size_t)size)
			return 2;
		if (!durable) {
			int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL, 0666);
			if (fd < 0 || write(fd, buf, (size_t)size) != size || close(fd))
				return 2;
			files++;
			continue;
		}
		int fd = openat(dfd, ".", O_TMPFILE | O_WRONLY, 0666);
		if (fd < 0 || write(fd, buf, (size_t)size) != size)
			return 2;
		fds[n] = fd;
		names[n++] = strdup(name);
		if (n == 64) {
			syncfs(dfd);
			for (int i = 0; i < n; i++) {
				char proc[64];
				snprintf(proc, sizeof proc, "/proc/self/fd/%d", fds[i]);
				if (linkat(AT_FDCWD, proc, dfd, names[i], AT_SYMLINK_FOLLOW))
					return 2;
				close(fds[i]);
				free(names[i]);
				files++;
			}
			n = 0;
		}
	}
	if (n) {
		syncfs(dfd);
		for (int i = 0; i < n; i++) {
			char proc[64];
			snprintf(proc, sizeof proc, "/proc/self/fd/%d", fds[i]);
			if (linkat(AT_FDCWD, proc, dfd, names[i], AT_SYMLINK_FOLLOW))
				return 2;
			close(fds[i]);
			files++;
		}
	}
	if (durable)
		fsync(dfd);
	fprintf(stderr, "floor %s: %lu files\n", argv[1], files);
	return 0;
}
