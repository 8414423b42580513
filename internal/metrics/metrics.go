// Package metrics keeps counters, gauges and latency histograms and writes
// them in Prometheus' text exposition format (for /metrics), without a
// client library: a few atomic counters are all Verbatim's services need.
package metrics

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Registry holds named series.
type Registry struct {
	mu     sync.Mutex
	help   map[string]string
	kind   map[string]string
	values map[string]float64 // series (name{labels}) -> value
	hists  map[string]*hist
	funcs  map[string]func() float64
}

type hist struct {
	counts []uint64 // per bucket (cumulative when written)
	sum    float64
	n      uint64
}

// Buckets are the latency histogram's upper bounds, in seconds.
var Buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// New returns an empty registry.
func New() *Registry {
	return &Registry{help: map[string]string{}, kind: map[string]string{}, values: map[string]float64{},
		hists: map[string]*hist{}, funcs: map[string]func() float64{}}
}

// Describe names a metric's help text and type (counter, gauge, histogram).
func (r *Registry) Describe(name, kind, help string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.help[name], r.kind[name] = help, kind
}

// series renders name{k="v",...} from label pairs.
func series(name string, labels []string) string {
	if len(labels) == 0 {
		return name
	}
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('{')
	for i := 0; i+1 < len(labels); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%s=%q", labels[i], labels[i+1])
	}
	b.WriteByte('}')
	return b.String()
}

// Add adds v to a counter (labels: key, value, ...).
func (r *Registry) Add(name string, v float64, labels ...string) {
	r.mu.Lock()
	r.values[series(name, labels)] += v
	r.mu.Unlock()
}

// Set sets a gauge.
func (r *Registry) Set(name string, v float64, labels ...string) {
	r.mu.Lock()
	r.values[series(name, labels)] = v
	r.mu.Unlock()
}

// Func makes a gauge whose value f gives when scraped.
func (r *Registry) Func(name string, f func() float64) {
	r.mu.Lock()
	r.funcs[name] = f
	r.mu.Unlock()
}

// Observe records a duration in a histogram.
func (r *Registry) Observe(name string, d time.Duration, labels ...string) {
	s := d.Seconds()
	k := series(name, labels)
	r.mu.Lock()
	h := r.hists[k]
	if h == nil {
		h = &hist{counts: make([]uint64, len(Buckets))}
		r.hists[k] = h
	}
	if i := sort.SearchFloat64s(Buckets, s); i < len(Buckets) {
		h.counts[i]++
	}
	h.sum += s
	h.n++
	r.mu.Unlock()
}

// Value returns a series' current value (tests, rates).
func (r *Registry) Value(name string, labels ...string) float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.values[series(name, labels)]
}

func base(s string) string {
	if i := strings.IndexByte(s, '{'); i >= 0 {
		return s[:i]
	}
	return s
}

func num(v float64) string {
	if math.IsInf(v, 1) {
		return "+Inf"
	}
	return fmt.Sprint(v)
}

// WriteTo writes every series in the text exposition format.
func (r *Registry) WriteTo(w io.Writer) (int64, error) {
	fvals := map[string]float64{}
	r.mu.Lock()
	funcs := make(map[string]func() float64, len(r.funcs))
	for k, f := range r.funcs {
		funcs[k] = f
	}
	r.mu.Unlock()
	for k, f := range funcs { // outside the lock: f may query a store
		fvals[k] = f()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	names := map[string][]string{}
	for s := range r.values {
		names[base(s)] = append(names[base(s)], s)
	}
	for s := range fvals {
		names[s] = append(names[s], s)
	}
	for s := range r.hists {
		names[base(s)] = append(names[base(s)], s)
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, n := range keys {
		if h := r.help[n]; h != "" {
			fmt.Fprintf(&b, "# HELP %s %s\n", n, h)
		}
		if k := r.kind[n]; k != "" {
			fmt.Fprintf(&b, "# TYPE %s %s\n", n, k)
		}
		ss := names[n]
		slices.Sort(ss)
		for _, s := range ss {
			if h, ok := r.hists[s]; ok {
				labels := ""
				if i := strings.IndexByte(s, '{'); i >= 0 {
					labels = s[i+1:len(s)-1] + ","
				}
				cum := uint64(0)
				for i, ub := range Buckets {
					cum += h.counts[i]
					fmt.Fprintf(&b, "%s_bucket{%sle=\"%s\"} %d\n", n, labels, num(ub), cum)
				}
				fmt.Fprintf(&b, "%s_bucket{%sle=\"+Inf\"} %d\n", n, labels, h.n)
				suffix := ""
				if labels != "" {
					suffix = "{" + strings.TrimSuffix(labels, ",") + "}"
				}
				fmt.Fprintf(&b, "%s_sum%s %s\n%s_count%s %d\n", n, suffix, num(h.sum), n, suffix, h.n)
				continue
			}
			v, ok := r.values[s]
			if !ok {
				v = fvals[s]
			}
			fmt.Fprintf(&b, "%s %s\n", s, num(v))
		}
	}
	k, err := io.WriteString(w, b.String())
	return int64(k), err
}
