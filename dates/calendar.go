package dates

import (
	"strconv"
	"time"
)

// Values are TimeML: 2025-02-02, 2025-01, 2025-W11, 2025-W11-WE, 2024-Q3,
// 2024-SU, 2024, 199 (a decade), 20 (a century). Without a reference date the
// unknown part is written with X: XXXX-XX-XX, XXXX-11, XXXX-WXX, XXXX-Q3.

func pad(b []byte, n, width int) []byte {
	var digits [20]byte
	s := strconv.AppendInt(digits[:0], int64(n), 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func dayValue(t time.Time) string {
	b := make([]byte, 0, 10)
	b = pad(b, t.Year(), 4)
	b = append(b, '-')
	b = pad(b, int(t.Month()), 2)
	b = append(b, '-')
	b = pad(b, t.Day(), 2)
	return string(b)
}

func ymdValue(y, m, d int) string {
	if y <= 0 {
		var a [16]byte
		b := append(a[:0], "XXXX-"...)
		b = pad(b, m, 2)
		b = append(b, '-')
		return string(pad(b, d, 2))
	}
	return dayValue(time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC))
}

func monthValue(y, m int) string {
	var a [16]byte
	var b []byte
	if y <= 0 {
		b = append(a[:0], "XXXX"...)
	} else {
		b = pad(a[:0], y, 4)
	}
	b = append(b, '-')
	return string(pad(b, m, 2))
}

func yearValue(y int) string {
	var a [16]byte
	return string(pad(a[:0], y, 4))
}

func weekValue(t time.Time) string {
	y, w := t.ISOWeek()
	b := pad(make([]byte, 0, 8), y, 4)
	b = append(b, '-', 'W')
	return string(pad(b, w, 2))
}

func quarterValue(y, q int) string {
	if y <= 0 {
		return "XXXX-Q" + strconv.Itoa(q)
	}
	return yearValue(y) + "-Q" + strconv.Itoa(q)
}

func halfValue(y, h int) string {
	if y <= 0 {
		return "XXXX-H" + strconv.Itoa(h)
	}
	return yearValue(y) + "-H" + strconv.Itoa(h)
}

func seasonValue(y int, s string) string {
	if y <= 0 {
		return "XXXX-" + s
	}
	return yearValue(y) + "-" + s
}

// validDay reports whether y-m-d is a calendar day (y <= 0: any leap year).
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	if y <= 0 {
		y = 2000
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// quarterOf returns the quarter (1-4) of a month.
func quarterOf(m time.Month) int { return (int(m)-1)/3 + 1 }

// addQuarters moves (y, q) by n quarters.
func addQuarters(y, q, n int) (int, int) {
	i := y*4 + (q - 1) + n
	return i / 4, i%4 + 1
}

// seasonIndex orders seasons within a year: winter (Dec-Feb) is counted with
// the year its January falls in, as TimeML does loosely.
var seasonOrder = map[string]int{"WI": 0, "SP": 1, "SU": 2, "FA": 3}

func seasonOfMonth(m time.Month) int {
	switch m {
	case 12, 1, 2:
		return 0
	case 3, 4, 5:
		return 1
	case 6, 7, 8:
		return 2
	}
	return 3
}
