package review_test

import (
	"bytes"
	"reflect"
	"testing"

	"tribune/internal/moderation/eval"
	"tribune/internal/review"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func TestExportLabels(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		h := newHistory(t, st)
		var buf bytes.Buffer
		n, err := h.svc.ExportLabels(t.Context(), &buf, h.since, h.until)
		if err != nil {
			t.Fatalf("ExportLabels() error: %v", err)
		}
		got, err := eval.Read(&buf)
		if err != nil {
			t.Fatalf("ExportLabels() output does not read as eval examples: %v", err)
		}
		// c5 was only reported (no rule to learn), c7's author deleted
		// their account, c8 was deleted; c0 is outside the period.
		want := []eval.Example{
			{Text: h.bodies["c1"], Labels: map[string]int{"hate": 1}},
			{Text: h.bodies["c2"], Labels: map[string]int{"off-topic": 0, "hate": 0}},
			{Text: h.bodies["c4"], Labels: map[string]int{"insult": 1}},
			{Text: h.bodies["c6"], Labels: map[string]int{"profanity": 1}},
		}
		if n != len(want) || !reflect.DeepEqual(got, want) {
			t.Errorf("ExportLabels() = %d lines\n%+v\nwant %d\n%+v", n, got, len(want), want)
		}
	})
}

func TestExportLabelsLastDecision(t *testing.T) {
	h := newHistory(t, storetest.SQLite(t))
	ctx := t.Context()
	// c2, approved, is reported and then rejected: the last word counts.
	if _, err := h.st.ReportComment(ctx, h.ids["c2"], h.users["bob"].ID, "insult", "", t0, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.Decide(ctx, h.users["mod"], review.CommentDecision{CommentID: h.ids["c2"],
		ExpectStatus: store.CommentPublished, ExpectReview: true, Rule: "insult"}); err != nil {
		t.Fatalf("Decide(c2) error: %v", err)
	}
	var buf bytes.Buffer
	if _, err := h.svc.ExportLabels(ctx, &buf, h.since, h.until); err != nil {
		t.Fatal(err)
	}
	got, err := eval.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || !reflect.DeepEqual(got[1], eval.Example{Text: h.bodies["c2"], Labels: map[string]int{"insult": 1}}) {
		t.Errorf("ExportLabels() after a second decision = %+v, want c2 labelled by its rejection", got)
	}
}
