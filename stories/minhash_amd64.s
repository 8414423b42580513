#include "textflag.h"

// func minhashAVX2(out *[64]uint64, shs *uint64, n int, seeds *[64]uint64)
//
// For each seed s (64 of them) and each shingle h (n > 0 of them), the
// minimum over h of uint32(((h ^ s) * k) >> 32), k = 0x9E3779B97F4A7C15, in
// the low half of out's value for s. The 64-bit product's bits 32-63 are
// those of hi32(a_lo*k_lo) + a_lo*k_hi + a_hi*k_lo (a = h ^ s), three
// 32x32-bit multiplications that AVX2 does four lanes at a time.
TEXT ·minhashAVX2(SB), NOSPLIT, $0-32
	MOVQ out+0(FP), DI
	MOVQ shs+8(FP), SI
	MOVQ n+16(FP), CX
	MOVQ seeds+24(FP), DX
	MOVQ $0x7F4A7C15, AX
	MOVQ AX, X14
	VPBROADCASTQ X14, Y14 // k_lo in each lane
	MOVQ $0x9E3779B9, AX
	MOVQ AX, X15
	VPBROADCASTQ X15, Y15 // k_hi in each lane
	XORQ R8, R8 // byte offset of the block of 16 seeds

block:
	VMOVDQU 0(DX)(R8*1), Y0
	VMOVDQU 32(DX)(R8*1), Y1
	VMOVDQU 64(DX)(R8*1), Y2
	VMOVDQU 96(DX)(R8*1), Y3
	VPCMPEQD Y4, Y4, Y4 // minima: all ones
	VPCMPEQD Y5, Y5, Y5
	VPCMPEQD Y6, Y6, Y6
	VPCMPEQD Y7, Y7, Y7
	XORQ R9, R9

loop:
	VPBROADCASTQ (SI)(R9*8), Y8

	VPXOR    Y0, Y8, Y9
	VPMULUDQ Y14, Y9, Y10
	VPSRLQ   $32, Y9, Y11
	VPMULUDQ Y14, Y11, Y11
	VPMULUDQ Y15, Y9, Y9
	VPSRLQ   $32, Y10, Y10
	VPADDQ   Y11, Y9, Y9
	VPADDQ   Y10, Y9, Y9
	VPMINUD  Y9, Y4, Y4

	VPXOR    Y1, Y8, Y12
	VPMULUDQ Y14, Y12, Y10
	VPSRLQ   $32, Y12, Y13
	VPMULUDQ Y14, Y13, Y13
	VPMULUDQ Y15, Y12, Y12
	VPSRLQ   $32, Y10, Y10
	VPADDQ   Y13, Y12, Y12
	VPADDQ   Y10, Y12, Y12
	VPMINUD  Y12, Y5, Y5

	VPXOR    Y2, Y8, Y9
	VPMULUDQ Y14, Y9, Y10
	VPSRLQ   $32, Y9, Y11
	VPMULUDQ Y14, Y11, Y11
	VPMULUDQ Y15, Y9, Y9
	VPSRLQ   $32, Y10, Y10
	VPADDQ   Y11, Y9, Y9
	VPADDQ   Y10, Y9, Y9
	VPMINUD  Y9, Y6, Y6

	VPXOR    Y3, Y8, Y12
	VPMULUDQ Y14, Y12, Y10
	VPSRLQ   $32, Y12, Y13
	VPMULUDQ Y14, Y13, Y13
	VPMULUDQ Y15, Y12, Y12
	VPSRLQ   $32, Y10, Y10
	VPADDQ   Y13, Y12, Y12
	VPADDQ   Y10, Y12, Y12
	VPMINUD  Y12, Y7, Y7

	INCQ R9
	CMPQ R9, CX
	JLT  loop

	VMOVDQU Y4, 0(DI)(R8*1)
	VMOVDQU Y5, 32(DI)(R8*1)
	VMOVDQU Y6, 64(DI)(R8*1)
	VMOVDQU Y7, 96(DI)(R8*1)
	ADDQ    $128, R8
	CMPQ    R8, $512
	JLT     block
	VZEROUPPER
	RET
