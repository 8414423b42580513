package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/verbatim-news/verbatim"
	"github.com/verbatim-news/verbatim/input"
	"github.com/verbatim-news/verbatim/pipeline"
)

func init() {
	var format, published, attributions string
	var cpus int
	var maxMB int
	cmd := &cobra.Command{
		Use:   "extract [--format jsonl|json|text] [--attributions statements|all] [--published DATE] PATH...",
		Short: "Find quotes, speakers, names and dates in articles (text, HTML, RSS/Atom, JSON Lines, PDF; files, directories, globs, - for stdin)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "jsonl", "json", "text":
			default:
				return fmt.Errorf("unknown format %q (jsonl, json or text)", format)
			}
			all, err := allAttributions(attributions)
			if err != nil {
				return err
			}
			if published != "" {
				if _, err := verbatim.ParseDate(published); err != nil {
					return fmt.Errorf("--published: %v", err)
				}
			}
			w := bufio.NewWriterSize(os.Stdout, 1<<16)
			defer w.Flush()
			failed, err := extract(args, input.Options{Published: published, MaxBytes: int64(maxMB) << 20}, cpus, output{format, all}, w, os.Stderr)
			if err != nil {
				return err
			}
			if failed > 0 {
				fmt.Fprintf(os.Stderr, "verbatim: %s failed\n", plural(failed, "input", "inputs"))
				exitCode = 1
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl, json or text")
	cmd.Flags().StringVar(&attributions, "attributions", "statements", "which attributions to print: statements (things said, written, announced) or all (beliefs, intentions, perceptions and acts too, each with its kind)")
	cmd.Flags().StringVar(&published, "published", "", "publication date for inputs that carry none (YYYY-MM-DD)")
	cmd.Flags().IntVar(&maxMB, "max-mb", input.MaxBytes>>20, "largest input file or record read, in MB (larger ones are rejected)")
	cmd.Flags().IntVar(&cpus, "cpus", 0, "worker goroutines (default: all cores)")
	cmd.Flags().DurationVar(&budget, "budget", pipeline.DefaultBudget, budgetHelp)
	root.AddCommand(cmd)
}

// budget is the time extract and ingest give the analysis of one document
// (--budget): a document over it is abandoned, named on stderr with the
// reason, counted as failed (exit status 1), and the batch goes on. 0 waits
// as long as it takes.
var budget = pipeline.DefaultBudget

const budgetHelp = "time one document's analysis may take; a document over it is abandoned, named on stderr, and the batch goes on (exit status 1); 0 for no limit"

// output is how extract prints: the format, and whether it prints every
// attribution (else statements only).
type output struct {
	format string
	all    bool
}

// allAttributions reads the --attributions flag: false for statements
// only, true for all kinds.
func allAttributions(v string) (bool, error) {
	switch v {
	case "statements", "statement", "":
		return false, nil
	case "all":
		return true, nil
	}
	return false, fmt.Errorf("--attributions %q: use statements (the default) or all", v)
}

// extract streams articles from paths through the pipeline and writes
// results in input order. Bad inputs are reported on errw and counted.
func extract(paths []string, opt input.Options, cpus int, out output, w io.Writer, errw io.Writer) (failed int, err error) {
	return extractWith(pipeline.New(), paths, opt, cpus, out, w, errw)
}

// extractWith is extract with a given pipeline. A document whose analysis
// fails (a stage panicked) is reported with its name and the batch goes on.
func extractWith(p *verbatim.Pipeline, paths []string, opt input.Options, cpus int, out output, w io.Writer, errw io.Writer) (failed int, err error) {
	format := out.format
	in := readItems(paths, opt, nil)
	if format == "json" {
		io.WriteString(w, "[")
	}
	var line []byte              // one JSON Lines record, reused
	var rb verbatim.ResultBuffer // and the record it is built from
	var jb bytes.Buffer          // one indented record (--format json)
	enc := json.NewEncoder(&jb)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	n := 0
	for it := range pipeline.RunBudget(p, in, cpus, budget) {
		if it.Err != nil {
			failed++
			src := it.Article.Source
			if src == "" {
				src = it.Article.ID
			}
			msg := it.Err.Error()
			if !strings.HasPrefix(msg, src) {
				msg = src + ": " + msg
			}
			fmt.Fprintln(errw, "verbatim:", msg)
			continue
		}
		r := it.Doc.ResultIn(&rb) // rb: the last record's buffers, written
		if !out.all {
			r.OnlyStatements()
		}
		if !input.Verbatim(it.Article) {
			r.Text = it.Doc.Text // offsets point into text the user did not give as such
		}
		switch format {
		case "text":
			writeText(w, it.Doc, out.all)
		case "json":
			if n > 0 {
				io.WriteString(w, ",")
			}
			// each record one level inside the array (what
			// json.MarshalIndent(records, "", "  ") writes), strings
			// escaped as in jsonl
			jb.Reset()
			if err := enc.Encode(r); err != nil {
				return failed, err
			}
			io.WriteString(w, "\n  ")
			w.Write(bytes.TrimSuffix(jb.Bytes(), []byte("\n")))
		default:
			if line, err = r.AppendJSON(line[:0]); err != nil {
				return failed, err
			}
			if _, err := w.Write(append(line, '\n')); err != nil {
				return failed, err
			}
		}
		pipeline.Recycle(it.Doc) // written: its buffers serve the next article
		n++
	}
	if format == "json" {
		if n > 0 {
			io.WriteString(w, "\n")
		}
		io.WriteString(w, "]\n")
	}
	return failed, nil
}

// writeText prints an article's quotes for a human in a terminal: its
// statements, or all its attributions with their kind.
func writeText(w io.Writer, d *verbatim.Doc, all bool) {
	title := d.Title
	if title == "" {
		title = d.ID
	}
	fmt.Fprintf(w, "== %s", title)
	if d.Outlet != "" {
		fmt.Fprintf(w, " — %s", d.Outlet)
	}
	if d.Published != "" {
		fmt.Fprintf(w, " (%s)", d.Published)
	}
	fmt.Fprintf(w, "\n")
	for _, q := range d.Quotes {
		if !all && q.Kind != verbatim.Statement && q.Kind != "" {
			continue
		}
		speaker := "(unknown)"
		if q.Speaker >= 0 && q.Speaker < len(d.Entities) {
			speaker = d.Entities[q.Speaker].Name
		}
		var how []string
		if !q.Cue.Empty() {
			how = append(how, d.Word(q.Cue))
		}
		if !q.Addressee.Empty() {
			how = append(how, "to "+d.Word(q.Addressee))
		}
		if !q.Via.Empty() {
			how = append(how, "via "+d.Word(q.Via))
		}
		if q.SaidOn != "" {
			how = append(how, "on "+q.SaidOn)
		} else {
			how = append(how, verbatim.Undated)
		}
		fmt.Fprintf(w, "  %s", speaker)
		if len(how) > 0 {
			fmt.Fprintf(w, " [%s]", strings.Join(how, ", "))
		}
		if !q.SpeakerAt.Empty() && d.Word(q.SpeakerAt) != speaker {
			fmt.Fprintf(w, " (as %q)", d.Word(q.SpeakerAt))
		}
		kind := ""
		if all && q.Kind != "" {
			kind = string(q.Kind) + ", "
		}
		fmt.Fprintf(w, " %s%s, confidence %.2f:\n    %s\n", kind, q.Type, q.Confidence, d.Quoted(&q))
	}
	fmt.Fprintln(w)
}
