package loadtest

import (
	"fmt"
	"io"
	"runtime"
	"time"
)

func (f *FanoutFigures) checks(t CommentTargets) []Check {
	d := f.Delivery
	return []Check{
		{"subscribers connected", fmt.Sprint(f.Subscribers), fmt.Sprintf("%d (%d failed)", f.Connected, f.Failed),
			f.Connected == f.Subscribers},
		{"probe comment reached every subscriber", fmt.Sprint(f.Subscribers), fmt.Sprint(f.ProbeReached),
			f.ProbeReached == f.Subscribers},
		{"comments posted and published", fmt.Sprint(f.Comments), fmt.Sprintf("%d (%d failed)", f.Published, f.PostErrors),
			f.Comments > 0 && f.Published == f.Comments},
		{fmt.Sprintf("events delivered within %v of the 201", t.MaxDelivery), fmt.Sprintf("≥ %g%%", t.MinWithin),
			fmt.Sprintf("%.2f%% (%d of %d)", d.WithinPercent, d.Within, d.Expected), d.Expected > 0 && d.WithinPercent >= t.MinWithin},
		{"no event missed", "0", fmt.Sprintf("%d missed, %d streams ended early", d.Missed, f.Ended),
			d.Expected > 0 && d.Missed == 0 && f.Ended == 0},
		{"server peak memory", "< " + mb(t.MaxRSS), mb(f.PeakRSS), f.PeakRSS > 0 && f.PeakRSS < t.MaxRSS},
	}
}

func (f *FanoutFigures) markdown(w io.Writer) {
	fmt.Fprintf(w, "%d subscribers of one article's comment stream (raw HTTP/1.1 connections, open files limit %d); %d comments posted one every %v after a probe comment.\n\n",
		f.Subscribers, f.OpenFiles, f.Comments, time.Duration(f.IntervalMS*float64(time.Millisecond)))
	d := f.Delivery
	fmt.Fprintln(w, "| subscribers | delivered | within bound | p50 | p99 | max | missed | RSS connected | RSS after | peak RSS |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	fmt.Fprintf(w, "| %d | %d of %d | %.2f%% | %s | %s | %s | %d | %s | %s | %s |\n\n", f.Connected, d.Delivered, d.Expected,
		d.WithinPercent, msText(d.P50MS), msText(d.P99MS), msText(d.MaxMS), d.Missed, mib(f.RSSConnected), mib(f.RSSAfter), mib(f.PeakRSS))
	fmt.Fprintf(w, "Latency is from the poster's 201 to the event at a subscriber; %d events arrived before the 201 and count as 0.  \n", d.Early)
	fmt.Fprintf(w, "All %d subscribers connected in %.1f s; the probe comment reached %d.  \n", f.Connected, f.ConnectS, f.ProbeReached)
	fmt.Fprintf(w, "Subscribers that received every comment: %d; duplicate events: %d; mismatched events: %d; pings: %d.  \n",
		d.SubscribersComplete, d.Duplicates, f.Mismatches, f.Pings)
	fmt.Fprintf(w, "POST latency while streaming: p50 %s, max %s.  \n", msText(f.PostP50MS), msText(f.PostMaxMS))
	fmt.Fprintf(w, "CPU while the comments were posted and delivered: tribune %.1f%%, this benchmark %.1f%% of the machine (%d cores = 100%%).\n",
		f.ServerCPU, f.ClientCPU, runtime.NumCPU())
	if f.FirstFailure != "" {
		fmt.Fprintf(w, "\nFirst subscriber failure: `%s`.\n", f.FirstFailure)
	}
	if f.FirstPostError != "" {
		fmt.Fprintf(w, "\nFirst post error: `%s`.\n", f.FirstPostError)
	}
	if len(f.ServerMetrics) > 0 {
		fmt.Fprintln(w, "\nServer metrics with everyone connected:\n\n```")
		for _, l := range f.ServerMetrics {
			fmt.Fprintln(w, l)
		}
		fmt.Fprintln(w, "```")
	}
}
