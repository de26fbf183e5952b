package loadtest

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// views reads the view count the page shows now.
func (b *bench) views(ctx context.Context, url string) (int64, bool) {
	page, err := fetchOK(ctx, b.check, url)
	if err != nil {
		return 0, false
	}
	return ViewCount(page)
}

// viewsSettle bounds the wait for batched views to be written and shown.
const viewsSettle = 10 * time.Second

// viewsAfter polls the page until its view count exceeds before, since views
// are written in batches and pages may be cached; it returns the last count
// seen when viewsSettle passes without growth.
func (b *bench) viewsAfter(ctx context.Context, url string, before int64) int64 {
	ctx, cancel := context.WithTimeout(ctx, viewsSettle)
	defer cancel()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	last := before
	for {
		if n, ok := b.views(ctx, url); ok {
			last = n
			if n > before {
				return n
			}
		}
		select {
		case <-ctx.Done():
			return last
		case <-tick.C:
		}
	}
}

// editLater starts the edit check after a delay, in the middle of the load,
// and delivers its result on the returned channel.
func (b *bench) editLater(ctx context.Context, im importer, base, pageURL string, after time.Duration) <-chan Edit {
	out := make(chan Edit, 1)
	go func() {
		select {
		case <-time.After(after):
		case <-ctx.Done():
			out <- Edit{Error: ctx.Err().Error()}
			return
		}
		out <- b.edit(ctx, im, base, pageURL)
	}()
	return out
}

// edit re-imports the edit article with a new headline, as an editor would
// with the CLI, and polls every 10 ms until tribune serves the headline.
// Then it fetches the measured page once, which must still be a 200.
func (b *bench) edit(ctx context.Context, im importer, base, pageURL string) Edit {
	title := fmt.Sprintf("Loadtest edit %d", time.Now().UnixNano())
	var e Edit
	start := time.Now()
	cli, err := im.run(ctx, title)
	e.CLIMS = millis(cli)
	if err != nil {
		e.Error = err.Error()
	} else {
		poll := &http.Client{Timeout: 2 * time.Second}
		visible, err := waitFor(ctx, poll, base+"/news/"+editSlug, title, 10*time.Millisecond, 10*time.Second)
		e.VisibleMS, e.TotalMS = millis(visible), millis(time.Since(start))
		if err != nil {
			e.Error = err.Error()
		}
		poll.CloseIdleConnections()
	}
	status, _, err := fetch(ctx, b.check, pageURL)
	if err == nil {
		e.DemoStatus = status
	}
	if e.Error != "" {
		b.logf("edit: %s", e.Error)
	} else {
		b.logf("edit: import %s, visible %s later", msText(e.CLIMS), msText(e.VisibleMS))
	}
	return e
}
