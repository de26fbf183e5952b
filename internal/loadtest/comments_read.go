package loadtest

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"net/url"
	"time"
)

// ReadFigures are the read mode's results: an article with many comments,
// its page against a static server serving the same bytes, and its
// comment list through the API.
type ReadFigures struct {
	Path      string     `json:"path"`
	PageBytes int        `json:"page_bytes"`
	APIPath   string     `json:"api_path"`
	Seed      SeedResult `json:"seed"`
	SeedS     float64    `json:"seed_seconds"`
	// Total is the API's count of the article's comments after seeding.
	Total int64 `json:"total"`
	// OnPage counts how many of the list's first page appear on the
	// article page, out of Checked: whether the page shows comments.
	OnPage      int           `json:"first_page_comments_on_page"`
	Checked     int           `json:"first_page_comments_checked"`
	Concurrency int           `json:"concurrency"`
	WarmupS     float64       `json:"warmup_seconds"`
	DurationS   float64       `json:"duration_seconds"`
	Static      ServerFigures `json:"static"`
	Page        ServerFigures `json:"page"`
	API         ServerFigures `json:"api"`
	Ratio       float64       `json:"ratio_percent"`
}

// seedPosters is how many readers write the read mode's comments.
const seedPosters = 8

// readMode: seed an article with comments, then load its page (after the
// static server with the same bytes) and its comment list.
func (b *bench) readMode(ctx context.Context, bin string, r *ModeReport) error {
	o := b.opt
	f := &ReadFigures{Concurrency: o.Concurrency, WarmupS: o.Warmup.Seconds(), DurationS: o.Duration.Seconds()}
	r.Read = f
	base, err := b.startTribune(ctx, bin)
	if err != nil {
		return err
	}
	slugs, err := b.importArticles(ctx, bin, "loadtest-discussion", 1)
	if err != nil {
		return err
	}
	slug := slugs[0]
	f.Path = "/news/" + slug
	f.APIPath = "/api/v1/articles/" + url.PathEscape(slug) + "/comments?limit=50"
	api := commentsAPI{base: base, client: b.check}
	if err := b.waitForAPI(ctx, api, slug); err != nil {
		return err
	}
	tokens, err := b.createReaders(ctx, bin, seedPosters)
	if err != nil {
		return err
	}
	b.logf("read: posting %d comments under %s with %d readers", o.Comments.Seed, f.Path, len(tokens))
	start := time.Now()
	f.Seed = (&seeder{api: api, tokens: tokens, slug: slug}).run(ctx, o.Comments.Seed)
	f.SeedS = time.Since(start).Seconds()
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.Total, err = api.total(ctx, slug); err != nil {
		return err
	}
	b.logf("read: %d published (%d replies) in %.1fs, %d failed; the API counts %d", f.Seed.Published, f.Seed.Replies, f.SeedS, f.Seed.Failures, f.Total)
	f.OnPage, f.Checked = b.commentsOnPage(ctx, api, base+f.Path, slug)

	staticURL, err := b.startStatic(ctx, base+f.Path)
	if err != nil {
		return err
	}
	f.PageBytes = b.report.PageBytes
	b.logf("static: %v warm-up + %v measured, %d connections", o.Warmup, o.Duration, o.Concurrency)
	if f.Static, err = b.phase(ctx, "static", b.static, staticURL); err != nil {
		return err
	}
	if _, err := b.static.stop(); err != nil {
		b.logf("static server: %v", err)
	}
	b.logf("tribune page: %v warm-up + %v measured, %d connections", o.Warmup, o.Duration, o.Concurrency)
	if f.Page, err = b.phase(ctx, "page", b.tribune, base+f.Path); err != nil {
		return err
	}
	b.logf("comments API: %v warm-up + %v measured, %d connections", o.Warmup, o.Duration, o.Concurrency)
	if f.API, err = b.phase(ctx, "comments API", b.tribune, base+f.APIPath); err != nil {
		return err
	}
	if f.Static.RPS > 0 {
		f.Ratio = 100 * f.Page.RPS / f.Static.RPS
	}
	b.stopTribune(r)
	return nil
}

// commentsOnPage checks whether the article page shows the comments the
// API lists first, by their text or HTML; it returns how many it found of
// how many it checked.
func (b *bench) commentsOnPage(ctx context.Context, api commentsAPI, pageURL, slug string) (found, checked int) {
	page, err := fetchOK(ctx, b.check, pageURL)
	if err != nil {
		return 0, 0
	}
	l, err := api.list(ctx, slug, "oldest", 50)
	if err != nil {
		return 0, 0
	}
	for _, c := range l.Comments {
		checked++
		if bytes.Contains(page, []byte(html.EscapeString(c.Text))) || (c.HTML != "" && bytes.Contains(page, []byte(c.HTML))) {
			found++
		}
	}
	return found, checked
}

func (f *ReadFigures) checks(t CommentTargets, page Targets) []Check {
	return []Check{
		{"comments under the article", fmt.Sprintf("≥ %d", f.Seed.Published), fmt.Sprintf("%d published, API total %d", f.Seed.Published, f.Total),
			f.Seed.Published > 0 && f.Total >= int64(f.Seed.Published)},
		{"page throughput tribune/static", fmt.Sprintf("≥ %.0f%%", page.MinRatio), fmt.Sprintf("%.1f%%", f.Ratio),
			f.Static.RPS > 0 && f.Ratio >= page.MinRatio},
		{"page p99 latency", "< " + msText(millis(page.MaxP99)), msText(f.Page.P99MS),
			f.Page.Requests > 0 && f.Page.P99MS < millis(page.MaxP99)},
		{"comment list p99 latency", "< " + msText(millis(t.MaxAPIP99)), msText(f.API.P99MS),
			f.API.Requests > 0 && f.API.P99MS < millis(t.MaxAPIP99)},
		{"no failed requests", "0 errors", fmt.Sprintf("static %d, page %d, API %d", f.Static.Errors, f.Page.Errors, f.API.Errors),
			f.Static.Errors == 0 && f.Page.Errors == 0 && f.API.Errors == 0},
	}
}

func (f *ReadFigures) markdown(w io.Writer) {
	fmt.Fprintf(w, "Article `%s` with %d comments (%d of them replies; seeded through the API by %d readers in %.1f s, %d failed posts). ",
		f.Path, f.Seed.Published, f.Seed.Replies, seedPosters, f.SeedS, f.Seed.Failures)
	fmt.Fprintf(w, "Its page is %d bytes and shows %d of the first %d comments the API lists. ", f.PageBytes, f.OnPage, f.Checked)
	fmt.Fprintf(w, "%d connections, %gs warm-up + %gs measured per phase; static, then the page, then `%s`.\n\n",
		f.Concurrency, f.WarmupS, f.DurationS, f.APIPath)
	writeTable(w, f.Static, f.Page, f.API)
	fmt.Fprintln(w)
	for _, s := range []ServerFigures{f.Static, f.Page, f.API} {
		if s.FirstError != "" {
			fmt.Fprintf(w, "First %s error: `%s`.  \n", s.Server, s.FirstError)
		}
	}
	if f.Seed.FirstError != "" {
		fmt.Fprintf(w, "First seeding error: `%s`.  \n", f.Seed.FirstError)
	}
	fmt.Fprintf(w, "Page throughput tribune/static: **%.1f%%**.  \n", f.Ratio)
	fmt.Fprintf(w, "CPU used by other processes: static %.1f%%, page %.1f%%, API %.1f%% of the machine.\n",
		f.Static.OtherCPU, f.Page.OtherCPU, f.API.OtherCPU)
	if max(f.Static.OtherCPU, f.Page.OtherCPU, f.API.OtherCPU) > busyMachine {
		fmt.Fprintf(w, "**Warning:** other work competed for the CPU; the figures are low. Re-run on a quiet machine.\n")
	}
}
