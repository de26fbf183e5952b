package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"tribune/internal/comments"
	"tribune/internal/config"
	"tribune/internal/moderation"
	"tribune/internal/moderation/engine"
	"tribune/internal/moderation/policy"
	"tribune/internal/news"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

// TestFlashMobAcrossNodes: two nodes share a database; an organised action
// posted partly through each is recognised, and every comment of it, the
// first ones included, ends up held for a moderator with the rule named.
func TestFlashMobAcrossNodes(t *testing.T) {
	texts := []string{
		"Stop the new harbour bridge now, it is destroying local shops and nobody asked the residents what they think.",
		"stop the new harbour bridge NOW!!! it is destroying local shops and nobody asked the residents what they think",
		"Nobody asked the residents what they think. Stop the new harbour bridge now, it is destroying local shops.",
		"Stop the new harbour brige now, it is destroying local shops and nobody asked residents what they think.",
		"Stop the new harbour bridge now; it's destroying local shops and nobody asked the residents what they think!",
	}
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		now := time.Now().UTC()
		if _, _, err := st.SaveArticle(ctx, store.ArticleInput{Slug: "bridge", Headline: "Harbour bridge plans", SectionPath: []string{"Local"},
			Body: "The council approved the new harbour bridge. Residents and local shops object to the plans.", PublishedAt: now.Add(-time.Hour)}); err != nil {
			t.Fatal(err)
		}
		art, err := st.ArticleBySlug(ctx, "bridge")
		if err != nil {
			t.Fatal(err)
		}
		var users []store.User
		for i := range texts {
			u, err := st.CreateUser(ctx, store.User{Email: fmt.Sprintf("u%d@example.org", i), Name: fmt.Sprint("user", i), NameKey: fmt.Sprint("user", i),
				Role: store.RoleReader, CreatedAt: now, EmailVerifiedAt: now})
			if err != nil {
				t.Fatal(err)
			}
			users = append(users, u)
		}
		a, b := testNode(t, st), testNode(t, st)
		var ids []string
		for i, text := range texts {
			node := a
			if i >= 3 {
				node = b
			}
			c, _, err := node.Post(ctx, users[i], news.Article{ID: art.ID, Headline: art.Headline, Body: art.Body}, "", text)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
			time.Sleep(300 * time.Millisecond) // the other node's poller sees it
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			cs, err := st.CommentsByIDs(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			held := 0
			for _, c := range cs {
				if c.Status == store.CommentHeld && strings.Contains(c.Reasons, `"flash-mob"`) {
					held++
				}
			}
			if held == len(texts) {
				break
			}
			if time.Now().After(deadline) {
				for _, c := range cs {
					t.Logf("%s %s %s", c.AuthorName, c.Status, c.Reasons)
				}
				t.Fatalf("%d of %d comments held as a flash mob", held, len(texts))
			}
			time.Sleep(100 * time.Millisecond)
		}
		if n, err := st.CountComments(ctx, art.ID, false); err != nil || n != 0 {
			t.Errorf("published comments left = %d, %v; want 0", n, err)
		}
	})
}

// testNode is one node's comment service with the whole moderation engine,
// its stateful detectors shared through the database.
func testNode(t *testing.T, st *store.Store) *comments.Service {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	p := policy.Default()
	m, err := newModerator(p, &config.Config{BaseURL: "http://localhost", SiteName: "Tribune"}, log)
	if err != nil {
		t.Fatal(err)
	}
	step := moderation.Step{Engine: engine.Step{Engine: m.engine}, Lang: "en"}
	cs := comments.New(comments.Config{}, st, step, log)
	shareStateful(cs, m)
	marks := newLaterMarks(cs, m, p, log)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 2)
	go func() { cs.Run(ctx); done <- struct{}{} }()
	go func() { marks.Run(ctx); done <- struct{}{} }()
	t.Cleanup(func() { cancel(); <-done; <-done })
	return cs
}
