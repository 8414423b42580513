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
		post := c.lsh[bandKey(sig, b)]
		if len(post) > 200 {
			post = post[len(post)-200:] // boilerplate shared by many articles
		}
		for _, a := range post {
			o := c.sigs[a]
			if o == nil {
				continue
			}
			if od := c.articles[a].day; day >= 0 && od >= 0 && (od-day > c.opt.DateWindow || day-od > c.opt.DateWindow) {
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

func (c *Clusterer) indexSig(a int, sig *[sigLen]uint32) {
	for b := 0; b < bands; b++ {
		k := bandKey(sig, b)
		c.lsh[k] = append(c.lsh[k], int32(a))
	}
}
