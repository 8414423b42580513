package http

import (
	"strconv"
	"time"

	"github.com/verbatim-news/verbatim"
)

// chart is a bar chart of statements over time, drawn as SVG by the
// server (chart.html's template): one bar per month from the first to the
// last, or per year when that would be more than 72 months. Each bar links
// to the statements of its period.
type chart struct {
	Width, Height int // of the drawing area, in SVG units
	Bars          []bar
	Max           int    // the tallest bar's count
	First, Last   string // labels of the first and last period
	LastX         int    // where the last period's label ends (under its bar)
	Per           string // "month" or "year"
	Total         int
}

// bar is one period of a chart.
type bar struct {
	X, Y, W, H int
	Period     string // "2025-03" or "2025"
	Count      int
	Label      string // "2025-03: 12 statements"
}

const (
	chartW, chartH = 720, 140
	maxMonths      = 72
)

// newChart draws statements per month; nil when there is nothing dated.
func newChart(months []verbatim.MonthCount) *chart {
	if len(months) == 0 {
		return nil
	}
	first, err1 := time.Parse("2006-01", months[0].Month)
	last, err2 := time.Parse("2006-01", months[len(months)-1].Month)
	if err1 != nil || err2 != nil {
		return nil
	}
	n := (last.Year()-first.Year())*12 + int(last.Month()-first.Month()) + 1
	c := &chart{Width: chartW, Height: chartH, Per: "month"}
	counts := map[string]int{}
	for _, m := range months {
		counts[m.Month] += m.Count
		c.Total += m.Count
	}
	var periods []string
	if n > maxMonths {
		c.Per = "year"
		for y := first.Year(); y <= last.Year(); y++ {
			periods = append(periods, strconv.Itoa(y))
		}
		byYear := map[string]int{}
		for m, k := range counts {
			byYear[m[:4]] += k
		}
		counts = byYear
	} else {
		for t := first; !t.After(last); t = t.AddDate(0, 1, 0) {
			periods = append(periods, t.Format("2006-01"))
		}
	}
	for _, p := range periods {
		c.Max = max(c.Max, counts[p])
	}
	w := min(chartW/len(periods), 48) // a few periods: narrow bars from the left
	gap := max(1, w/6)
	for i, p := range periods {
		k := counts[p]
		h := 0
		if k > 0 {
			h = max(2, k*chartH/max(c.Max, 1))
		}
		c.Bars = append(c.Bars, bar{X: i * w, Y: chartH - h, W: max(1, w-gap), H: h, Period: p, Count: k,
			Label: p + ": " + strconv.Itoa(k) + " " + map[bool]string{true: "statement", false: "statements"}[k == 1]})
	}
	c.First, c.Last = periods[0], periods[len(periods)-1]
	lb := c.Bars[len(c.Bars)-1]
	c.LastX = max(lb.X+lb.W, 110) // not over the first label
	return c
}
