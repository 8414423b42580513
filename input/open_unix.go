//go:build unix

package input

import (
	"io"
	"io/fs"
	"syscall"
)

// openFile opens a file for reading. os.Open would also try to register the
// descriptor with the network poller, which regular files refuse: five
// system calls per file (fcntl ×4, epoll_ctl) that cost more than reading a
// news article. os.NewFile on a blocking descriptor skips that but still
// asks for its flags (fcntl) and sets a finalizer: the descriptor is read
// and closed directly instead.
func openFile(path string) (io.ReadCloser, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return &rawFile{fd: fd, path: path}, nil
	}
}

// rawFile reads a blocking file descriptor as os.File does: io.EOF at the
// end, errors as *fs.PathError.
type rawFile struct {
	fd   int
	path string
}

func (f *rawFile) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(f.fd, p)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &fs.PathError{Op: "read", Path: f.path, Err: err}
		}
		if n == 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *rawFile) Close() error {
	if f.fd < 0 {
		return &fs.PathError{Op: "close", Path: f.path, Err: fs.ErrClosed}
	}
	err := syscall.Close(f.fd)
	f.fd = -1
	if err != nil {
		return &fs.PathError{Op: "close", Path: f.path, Err: err}
	}
	return nil
}
