package review_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"tribune/internal/review"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

// dsaRequired are the fields the Transparency Database requires of every
// statement (one of the decision_* restrictions is required too).
var dsaRequired = []string{"puid", "decision_ground", "incompatible_content_ground", "incompatible_content_explanation", "content_type",
	"category", "territorial_scope", "content_date", "application_date", "decision_facts", "source_type", "automated_detection",
	"automated_decision"}

// personalData lists what must never leave in an export: the people's
// names, emails and ids, the comments' ids and texts, and moderators'
// free-text notes.
func (h *history) personalData() []string {
	out := []string{secret}
	for _, u := range h.users {
		out = append(out, u.Name, u.Email, u.ID)
	}
	for name, id := range h.ids {
		out = append(out, id, h.bodies[name])
	}
	return out
}

func TestExportDSAJSON(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		h := newHistory(t, st)
		var buf bytes.Buffer
		if err := h.svc.ExportDSA(t.Context(), &buf, "json", h.since, h.until); err != nil {
			t.Fatalf("ExportDSA(json) error: %v", err)
		}
		for _, p := range h.personalData() {
			if strings.Contains(buf.String(), p) {
				t.Errorf("ExportDSA(json) contains personal data %q", p)
			}
		}
		var raw struct {
			Statements []map[string]any `json:"statements"`
		}
		if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
			t.Fatalf("ExportDSA(json) is not JSON: %v\n%s", err, buf.String())
		}
		// 5 machine holds and rejections (c1, c2, c3, c7, c8; c0 is
		// outside the period, c4's flag restricts nothing), 5 moderators'
		// rejections (c1, c4, c6, c7, c8) and 4 blocks.
		if len(raw.Statements) != 14 {
			t.Fatalf("ExportDSA(json) has %d statements, want 14", len(raw.Statements))
		}
		puids := map[any]bool{}
		for i, m := range raw.Statements {
			for _, f := range dsaRequired {
				if v, ok := m[f]; !ok || v == "" || v == nil {
					t.Errorf("statement %d: %s is missing", i, f)
				}
			}
			if m["decision_visibility"] == nil && m["decision_provision"] == nil && m["decision_account"] == nil {
				t.Errorf("statement %d restricts nothing: %v", i, m)
			}
			if puids[m["puid"]] {
				t.Errorf("statement %d: puid %v is used twice", i, m["puid"])
			}
			puids[m["puid"]] = true
		}

		var doc struct{ Statements []review.Statement }
		json.Unmarshal(buf.Bytes(), &doc)
		count := func(keep func(review.Statement) bool) int {
			n := 0
			for _, s := range doc.Statements {
				if keep(s) {
					n++
				}
			}
			return n
		}
		tests := []struct {
			name string
			keep func(review.Statement) bool
			want int
		}{
			{"machine holds disable access", func(s review.Statement) bool {
				return s.AutomatedDecision == "AUTOMATED_DECISION_FULLY" && slices.Equal(s.DecisionVisibility, []string{"DECISION_VISIBILITY_CONTENT_DISABLED"})
			}, 4},
			{"machine rejections remove", func(s review.Statement) bool {
				return s.AutomatedDecision == "AUTOMATED_DECISION_FULLY" && slices.Equal(s.DecisionVisibility, []string{"DECISION_VISIBILITY_CONTENT_REMOVED"})
			}, 1},
			{"moderators' rejections", func(s review.Statement) bool {
				return s.AutomatedDecision == "AUTOMATED_DECISION_NOT_AUTOMATED" && len(s.DecisionVisibility) > 0
			}, 5},
			{"of them found by the machine", func(s review.Statement) bool {
				return s.AutomatedDecision == "AUTOMATED_DECISION_NOT_AUTOMATED" && len(s.DecisionVisibility) > 0 && s.AutomatedDetection == "Yes"
			}, 4},
			{"of them reported by readers", func(s review.Statement) bool { return s.SourceType == "SOURCE_TYPE_OTHER_NOTIFICATION" }, 1},
			{"first blocks", func(s review.Statement) bool { return s.DecisionProvision == "DECISION_PROVISION_PARTIAL_SUSPENSION" }, 3},
			{"permanent blocks", func(s review.Statement) bool { return s.DecisionProvision == "DECISION_PROVISION_PARTIAL_TERMINATION" }, 1},
			{"hate speech", func(s review.Statement) bool {
				return s.Category == "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH" && slices.Contains(s.CategorySpecification, "KEYWORD_HATE_SPEECH")
			}, 5},
			{"texts", func(s review.Statement) bool { return slices.Equal(s.ContentType, []string{"CONTENT_TYPE_TEXT"}) }, 10},
			{"dated in the period", func(s review.Statement) bool { return s.ApplicationDate == "2026-11-27" }, 14},
			{"citing the standards' page", func(s review.Statement) bool {
				return s.DecisionGroundReferenceURL == "https://news.example/community-standards"
			}, 14},
		}
		for _, tt := range tests {
			if got := count(tt.keep); got != tt.want {
				t.Errorf("ExportDSA(json): %s = %d, want %d", tt.name, got, tt.want)
			}
		}
	})
}

func TestExportDSACSV(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		h := newHistory(t, st)
		var buf bytes.Buffer
		if err := h.svc.ExportDSA(t.Context(), &buf, "csv", h.since, h.until); err != nil {
			t.Fatalf("ExportDSA(csv) error: %v", err)
		}
		for _, p := range h.personalData() {
			if strings.Contains(buf.String(), p) {
				t.Errorf("ExportDSA(csv) contains personal data %q", p)
			}
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("ExportDSA(csv) is not CSV: %v", err)
		}
		if len(rows) != 15 {
			t.Fatalf("ExportDSA(csv) has %d rows, want a header and 14 statements", len(rows))
		}
		col := map[string]int{}
		for i, name := range rows[0] {
			col[name] = i
		}
		for _, f := range append(dsaRequired, "decision_visibility", "decision_provision", "decision_account") {
			if _, ok := col[f]; !ok {
				t.Errorf("ExportDSA(csv) header %v lacks %s", rows[0], f)
			}
		}
		for i, row := range rows[1:] {
			for _, f := range dsaRequired {
				if row[col[f]] == "" {
					t.Errorf("row %d: %s is empty", i+1, f)
				}
			}
			var scope []string
			if err := json.Unmarshal([]byte(row[col["territorial_scope"]]), &scope); err != nil || !slices.Contains(scope, "DE") {
				t.Errorf("row %d: territorial_scope = %q, want a JSON list of EEA countries", i+1, row[col["territorial_scope"]])
			}
		}
	})
}

func TestExportDSAFormat(t *testing.T) {
	h := newHistory(t, storetest.SQLite(t))
	if err := h.svc.ExportDSA(t.Context(), &bytes.Buffer{}, "xml", h.since, h.until); err == nil {
		t.Errorf("ExportDSA(xml) error = nil, want an unknown format error")
	}
	var buf bytes.Buffer
	if err := h.svc.ExportDSA(t.Context(), &buf, "json", h.until, h.until.Add(h.until.Sub(h.since))); err != nil {
		t.Fatal(err)
	}
	var doc struct{ Statements []review.Statement }
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil || doc.Statements == nil || len(doc.Statements) != 0 {
		t.Errorf("ExportDSA(json) of an empty period = %q (%v), want an empty statements list", buf.String(), err)
	}
}
