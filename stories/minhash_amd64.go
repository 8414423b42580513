package stories

import "golang.org/x/sys/cpu"

var haveAVX2 = cpu.X86.HasAVX2

//go:noescape
func minhashAVX2(out *[sigLen]uint64, shs *uint64, n int, seeds *[sigLen]uint64)

// minhashAll sets sig to the MinHash signature of the shingles shs: what
// minhash gives applied to each in turn from MaxUint32 everywhere. With
// AVX2, four seeds at a time over all the shingles (a fifth of the
// instructions).
func minhashAll(sig *[sigLen]uint32, shs []uint64) {
	if !haveAVX2 || len(shs) == 0 {
		minhashEach(sig, shs)
		return
	}
	var out [sigLen]uint64
	minhashAVX2(&out, &shs[0], len(shs), &seeds)
	for i, v := range out {
		sig[i] = uint32(v)
	}
}
