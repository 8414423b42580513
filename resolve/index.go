package resolve

import "slices"

// variants calls f with the hash of s and of each of its one-byte
// deletions, and the variant itself (in buf, reused): two surnames within
// one edit share a variant (symmetric-delete lookup).
func variants(s string, buf []byte, f func(h uint64, v []byte)) []byte {
	for i := -1; i < len(s); i++ {
		if i < 0 {
			buf = append(buf[:0], s...)
		} else {
			buf = append(append(buf[:0], s[:i]...), s[i+1:]...)
		}
		h := uint64(14695981039346656037)
		for _, c := range buf {
			h ^= uint64(c)
			h *= 1099511628211
		}
		f(h, buf)
	}
	return buf
}

// isVariant reports whether v is s or s with one byte deleted.
func isVariant(v []byte, s string) bool {
	switch len(s) - len(v) {
	case 0:
		return string(v) == s
	case 1:
		i := 0
		for i < len(v) && v[i] == s[i] {
			i++
		}
		return string(v[i:]) == s[i+1:]
	}
	return false
}

// delIndex maps the hash of a surname variant to the persons having it, in
// the order they were indexed: chains of postings, no slice per key.
type delIndex struct {
	ends  map[uint64][2]int32 // first and last posting of the chain
	posts []delPost
}

type delPost struct{ ent, next int32 }

func (x *delIndex) add(h uint64, k int32) {
	e, ok := x.ends[h]
	if !ok {
		x.ends[h] = [2]int32{int32(len(x.posts)), int32(len(x.posts))}
		x.posts = append(x.posts, delPost{k, -1})
		return
	}
	for p := e[0]; p >= 0; p = x.posts[p].next {
		if x.posts[p].ent == k {
			return
		}
	}
	x.posts[e[1]].next = int32(len(x.posts))
	x.ends[h] = [2]int32{e[0], int32(len(x.posts))}
	x.posts = append(x.posts, delPost{k, -1})
}

func (x *delIndex) first(h uint64) int32 {
	if e, ok := x.ends[h]; ok {
		return e[0]
	}
	return -1
}

// addSet returns the sorted set with the sorted distinct ids of add in it.
func addSet(set, add []int32) []int32 {
	if len(set) == 0 || add[0] > set[len(set)-1] {
		return append(set, add...)
	}
	out := make([]int32, 0, len(set)+len(add))
	i, j := 0, 0
	for i < len(set) && j < len(add) {
		switch {
		case set[i] < add[j]:
			out = append(out, set[i])
			i++
		case set[i] > add[j]:
			out = append(out, add[j])
			j++
		default:
			out = append(out, set[i])
			i++
			j++
		}
	}
	out = append(out, set[i:]...)
	return append(out, add[j:]...)
}

func hasID(set []int32, id int32) bool {
	_, ok := slices.BinarySearch(set, id)
	return ok
}
