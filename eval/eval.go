// Package eval scores Verbatim's output against gold data with the same
// rules as the reference scorers in ../shared/tools (quotes, names, dates,
// stories). Each capability has its file here and an `verbatim eval` command.
package eval

import "fmt"

// PRF is a precision/recall/F1 triple computed from counts.
type PRF struct {
	TP, FP, FN int
}

// P is the precision.
func (c PRF) P() float64 {
	if c.TP+c.FP == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// R is the recall.
func (c PRF) R() float64 {
	if c.TP+c.FN == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 is the harmonic mean of P and R.
func (c PRF) F1() float64 { return F1(c.P(), c.R()) }

// F1 is the harmonic mean of p and r (0 when both are 0).
func F1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c PRF) String() string {
	return fmt.Sprintf("P %.3f  R %.3f  F1 %.3f", c.P(), c.R(), c.F1())
}
