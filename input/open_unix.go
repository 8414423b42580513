//go:build unix

package input

import (
	"io/fs"
	"os"
	"syscall"
)

// openFile opens a file for reading. os.Open would also try to register the
// descriptor with the network poller, which regular files refuse: five
// system calls per file (fcntl ×4, epoll_ctl) that cost more than reading a
// news article. os.NewFile on a blocking descriptor skips that.
func openFile(path string) (*os.File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}
