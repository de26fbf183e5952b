package loadtest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
)

// commentFlags registers the comment modes' flags on fs.
func commentFlags(fs *flag.FlagSet, c *CommentOptions) {
	fs.IntVar(&c.Articles, "articles", c.Articles, "post: articles the comments are spread over")
	fs.IntVar(&c.Subscribers, "subscribers", c.Subscribers, "fanout: stream subscribers")
	fs.IntVar(&c.Count, "comments", c.Count, "fanout: comments posted while they listen")
	fs.DurationVar(&c.Interval, "comment-interval", c.Interval, "fanout: time between two comments")
	fs.IntVar(&c.Seed, "seed-comments", c.Seed, "read: comments put under the article")
	fs.Float64Var(&c.Targets.MinRate, "min-comment-rate", c.Targets.MinRate, "target (post): comments acknowledged per second")
	fs.DurationVar(&c.Targets.MaxDelivery, "max-delivery", c.Targets.MaxDelivery, "target (fanout): time from the 201 to the event")
	fs.Float64Var(&c.Targets.MinWithin, "min-delivered", c.Targets.MinWithin, "target (fanout): % of events within -max-delivery")
	fs.Func("max-rss-mb", fmt.Sprintf("target (fanout): server peak memory, MB (default %d)", c.Targets.MaxRSS/1e6), func(s string) error {
		var n int64
		if _, err := fmt.Sscan(s, &n); err != nil || n <= 0 {
			return errors.New("want a positive whole number of megabytes")
		}
		c.Targets.MaxRSS = n * 1e6
		return nil
	})
	fs.DurationVar(&c.Targets.MaxAPIP99, "max-api-p99", c.Targets.MaxAPIP99, "target (read): comment list p99 latency below this")
}

// checkCommentFlags rejects settings no mode can run with.
func checkCommentFlags(opt Options) error {
	c := opt.Comments
	switch {
	case !slices.Contains(Modes, opt.Mode):
		return fmt.Errorf("-mode %q: want one of %v", opt.Mode, Modes)
	case c.Articles < 1 || c.Subscribers < 1 || c.Count < 1 || c.Seed < 1:
		return errors.New("-articles, -subscribers, -comments and -seed-comments must be positive")
	case c.Interval <= 0 || c.Targets.MaxDelivery <= 0:
		return errors.New("-comment-interval and -max-delivery must be positive")
	}
	return nil
}

// runCommentsMain runs a comment mode for Main and returns the exit status.
func runCommentsMain(ctx context.Context, opt Options, stdout, stderr io.Writer) int {
	report, err := RunComments(ctx, opt, stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "tribune-loadtest: %v\n", err)
		return 1
	}
	if !report.Pass {
		return 1
	}
	return 0
}
