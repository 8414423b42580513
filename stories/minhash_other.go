//go:build !amd64

package stories

var haveAVX2 = false

// minhashAll sets sig to the MinHash signature of the shingles shs: what
// minhash gives applied to each in turn from MaxUint32 everywhere.
func minhashAll(sig *[sigLen]uint32, shs []uint64) { minhashEach(sig, shs) }
