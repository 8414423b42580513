package stories

const bands, rows = 16, 4 // bands*rows == sigLen

func bandKey(sig *[sigLen]uint32, b int) uint64 {
	h := uint64(b+1) * 0x9E3779B97F4A7C15
	for r := 0; r < rows; r++ {
		h = mix(h ^ uint64(sig[b*rows+r]))
	}
	return h
}

// findCopy returns the earliest article whose signature shares an LSH band
// with sig and whose estimated Jaccard similarity reaches the syndication
// threshold, with that estimate; -1 when there is none. An article published
// more than DateWindow days from day (both known) is not the original of a
// copy: the same words years apart are a new report.
func (c *Clusterer) findCopy(sig *[sigLen]uint32, day int) (int, float64) {
	if sig == nil {
		return -1, 0
	}
	best, bestJ := -1, 0.0
	for b := 0; b < bands; b++ {
		post := c.bucket(bandKey(sig, b))
		if len(post) > lshScan {
			post = post[len(post)-lshScan:] // boilerplate shared by many articles
		}
		for _, a := range post {
			if od := c.articles[a].day; day >= 0 && od >= 0 && (od-day > c.opt.DateWindow || day-od > c.opt.DateWindow) {
				continue
			}
			o := c.sigOf(int(a))
			if o == nil {
				continue
			}
			eq := 0
			for i := range sig {
				if sig[i] == o[i] {
					eq++
				}
			}
			j := float64(eq) / sigLen
			if j >= c.opt.Syndicated && (best < 0 || int(a) < best) {
				best, bestJ = int(a), j
			}
		}
	}
	if best >= 0 {
		// point at the original, not at an earlier copy
		for c.articles[best].CopyOf != "" {
			best = c.byID[c.articles[best].CopyOf]
		}
	}
	return best, bestJ
}

// lshScan is how many of the latest articles of an LSH bucket findCopy
// compares: a bucket keeps no more than twice that.
const lshScan = 200

// indexSig lists article a in the LSH buckets of its signature. Most
// buckets hold one article, which the map holds itself (a slot of 12 bytes
// instead of a slice's 32 and its array); a bucket of several holds
// -(i+1), i the index of its list in lshMore.
func (c *Clusterer) indexSig(a int, sig *[sigLen]uint32) {
	for b := 0; b < bands; b++ {
		c.lshAdd(bandKey(sig, b), int32(a))
	}
}

func (c *Clusterer) lshAdd(k uint64, a int32) {
	addCompact(c.lsh, &c.lshMore, k, a, lshScan)
}

// bucket returns the articles of an LSH bucket, in arrival order (the
// latest ones). The slice may be c.one: use it before the next call.
func (c *Clusterer) bucket(k uint64) []int32 {
	v, ok := c.lsh[k]
	switch {
	case !ok:
		return nil
	case v >= 0:
		c.one[0] = v
		return c.one[:]
	}
	return c.lshMore[-v-1]
}
