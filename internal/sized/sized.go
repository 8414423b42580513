// Package sized reads a stream whose size is known beforehand (a file's
// size, a gzip member's recorded length) into one buffer of that size.
package sized

import "io"

// ReadAll reads r to its end, or to limit bytes, into a buffer sized for
// size bytes (0 when unknown): one read for the data and one to see the
// end, where io.ReadAll reads a 2 KB file in six and grows a megabyte
// buffer many times.
func ReadAll(r io.Reader, size, limit int64) ([]byte, error) {
	if size <= 0 || size >= limit {
		return io.ReadAll(io.LimitReader(r, limit))
	}
	b := make([]byte, 0, size+1) // +1: the end is seen without growing
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) { // longer than said: read the rest as io.ReadAll does
			rest, err := io.ReadAll(io.LimitReader(r, limit-int64(len(b))))
			return append(b, rest...), err
		}
	}
}
