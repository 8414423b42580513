package names

// hashSet is an open-addressing table of word hashes (64 bits: collisions
// of distinct words are negligible), with a byte value when vals is set.
type hashSet struct {
	keys []uint64 // 0 is empty
	val  []uint8
	n    int
	vals bool
	// filter, when set (seal), has the bit of every key's top filterBits
	// bits: a word of none of the keys is mostly answered from it, a
	// small table, not from keys (hundreds of KB for the lexicons)
	filter []uint64
}

// filterBits sizes hashSet filters: 2^filterBits bits.
const filterBits = 19

// seal builds the filter of a set no longer changed (put clears it).
func (s *hashSet) seal() {
	s.filter = make([]uint64, 1<<filterBits/64)
	for _, k := range s.keys {
		if k != 0 {
			b := k >> (64 - filterBits)
			s.filter[b>>6] |= 1 << (b & 63)
		}
	}
}

func (s *hashSet) put(h uint64, v uint8) {
	if h == 0 {
		h = 1
	}
	s.filter = nil
	if 2*(s.n+1) > len(s.keys) {
		s.grow()
	}
	m := uint64(len(s.keys) - 1)
	i := h & m
	for s.keys[i] != 0 {
		if s.keys[i] == h {
			if s.vals {
				s.val[i] |= v
			}
			return
		}
		i = (i + 1) & m
	}
	s.keys[i] = h
	if s.vals {
		s.val[i] = v
	}
	s.n++
}

// get returns the value of h (1 for a member of a set without values).
func (s *hashSet) get(h uint64) uint8 {
	if s.n == 0 {
		return 0
	}
	if h == 0 {
		h = 1
	}
	if s.filter != nil {
		if b := h >> (64 - filterBits); s.filter[b>>6]>>(b&63)&1 == 0 {
			return 0
		}
	}
	m := uint64(len(s.keys) - 1)
	for i := h & m; s.keys[i] != 0; i = (i + 1) & m {
		if s.keys[i] == h {
			if s.vals {
				return s.val[i]
			}
			return 1
		}
	}
	return 0
}

func (s *hashSet) grow() {
	old, oldv := s.keys, s.val
	n := max(64, 2*len(old))
	s.keys, s.n = make([]uint64, n), 0
	if s.vals {
		s.val = make([]uint8, n)
	}
	for i, k := range old {
		if k != 0 {
			var v uint8
			if s.vals {
				v = oldv[i]
			}
			s.put(k, v)
		}
	}
}

// reset empties the set, keeping its table unless it grew large.
func (s *hashSet) reset() {
	if len(s.keys) > 1<<14 {
		*s = hashSet{vals: s.vals}
		return
	}
	clear(s.keys)
	s.n = 0
	s.filter = nil
}
