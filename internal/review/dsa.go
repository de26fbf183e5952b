package review

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"tribune/internal/comments"

	"tribune/internal/moderation/policy"
	"tribune/internal/store"
)

// Statement is one statement of reasons in the submission format of the
// EU DSA Transparency Database (API v2 field names and values), as the
// platform must file for each restriction it imposes (DSA Articles 17 and
// 24(5)). It holds no personal data: no names, emails, comment text,
// account or comment ids, nor moderators' free-text notes; PUID is the
// audit log position, which only the newsroom can trace back.
type Statement struct {
	DecisionVisibility             []string `json:"decision_visibility,omitempty"`
	DecisionProvision              string   `json:"decision_provision,omitempty"`
	DecisionAccount                string   `json:"decision_account,omitempty"`
	AccountType                    string   `json:"account_type"`
	DecisionGround                 string   `json:"decision_ground"`
	DecisionGroundReferenceURL     string   `json:"decision_ground_reference_url,omitempty"`
	IncompatibleContentGround      string   `json:"incompatible_content_ground"`
	IncompatibleContentExplanation string   `json:"incompatible_content_explanation"`
	ContentType                    []string `json:"content_type"`
	ContentTypeOther               string   `json:"content_type_other,omitempty"`
	Category                       string   `json:"category"`
	CategorySpecification          []string `json:"category_specification,omitempty"`
	TerritorialScope               []string `json:"territorial_scope"`
	ContentDate                    string   `json:"content_date"`
	ApplicationDate                string   `json:"application_date"`
	DecisionFacts                  string   `json:"decision_facts"`
	SourceType                     string   `json:"source_type"`
	AutomatedDetection             string   `json:"automated_detection"`
	AutomatedDecision              string   `json:"automated_decision"`
	PUID                           string   `json:"puid"`
}

// dsaColumns are the CSV columns, in the API's field names; list fields
// are JSON arrays, as in the database's own CSV dumps.
func dsaColumns() []struct {
	name string
	get  func(st Statement) string
} {
	list := func(v []string) string {
		if len(v) == 0 {
			return ""
		}
		b, _ := json.Marshal(v)
		return string(b)
	}
	return []struct {
		name string
		get  func(st Statement) string
	}{
		{"puid", func(st Statement) string { return st.PUID }},
		{"decision_visibility", func(st Statement) string { return list(st.DecisionVisibility) }},
		{"decision_provision", func(st Statement) string { return st.DecisionProvision }},
		{"decision_account", func(st Statement) string { return st.DecisionAccount }},
		{"account_type", func(st Statement) string { return st.AccountType }},
		{"decision_ground", func(st Statement) string { return st.DecisionGround }},
		{"decision_ground_reference_url", func(st Statement) string { return st.DecisionGroundReferenceURL }},
		{"incompatible_content_ground", func(st Statement) string { return st.IncompatibleContentGround }},
		{"incompatible_content_explanation", func(st Statement) string { return st.IncompatibleContentExplanation }},
		{"content_type", func(st Statement) string { return list(st.ContentType) }},
		{"content_type_other", func(st Statement) string { return st.ContentTypeOther }},
		{"category", func(st Statement) string { return st.Category }},
		{"category_specification", func(st Statement) string { return list(st.CategorySpecification) }},
		{"territorial_scope", func(st Statement) string { return list(st.TerritorialScope) }},
		{"content_date", func(st Statement) string { return st.ContentDate }},
		{"application_date", func(st Statement) string { return st.ApplicationDate }},
		{"decision_facts", func(st Statement) string { return st.DecisionFacts }},
		{"source_type", func(st Statement) string { return st.SourceType }},
		{"automated_detection", func(st Statement) string { return st.AutomatedDetection }},
		{"automated_decision", func(st Statement) string { return st.AutomatedDecision }},
	}
}

// ExportDSA writes the statements of reasons of [since, until) as "csv"
// (a header row, then one statement a row) or "json" (the payload of the
// database's bulk endpoint, {"statements": [...]}; the API takes 100 a
// call). A statement is exported for every decision that restricted
// something and told its author why: the machine's holds and rejections,
// moderators' rejections, and blocks. Flags and approvals restrict nothing.
func (s *Service) ExportDSA(ctx context.Context, w io.Writer, format string, since, until time.Time) error {
	var write func(Statement) error
	var finish func() error
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cols := dsaColumns()
		head := make([]string, len(cols))
		for i, c := range cols {
			head[i] = c.name
		}
		if err := cw.Write(head); err != nil {
			return err
		}
		write = func(st Statement) error {
			row := make([]string, len(cols))
			for i, c := range cols {
				row[i] = c.get(st)
			}
			return cw.Write(row)
		}
		finish = func() error { cw.Flush(); return cw.Error() }
	case "json":
		if _, err := io.WriteString(w, `{"statements": [`); err != nil {
			return err
		}
		n := 0
		write = func(st Statement) error {
			b, err := json.Marshal(st)
			if err != nil {
				return err
			}
			sep := ",\n  "
			if n == 0 {
				sep = "\n  "
			}
			n++
			_, err = io.WriteString(w, sep+string(b))
			return err
		}
		finish = func() error {
			_, err := io.WriteString(w, "\n]}\n")
			return err
		}
	default:
		return fmt.Errorf("DSA export: format %q, want csv or json", format)
	}
	st, err := s.stats()
	if err != nil {
		return err
	}
	err = eachPage(ctx, st, since, until, []string{store.ActionHold, store.ActionReject, store.ActionBlock}, func(page []store.AuditEntry) error {
		var comments, users []string
		for _, e := range page {
			if e.TargetType == store.TargetComment {
				comments = append(comments, e.TargetID)
			} else {
				users = append(users, e.TargetID)
			}
		}
		recs, err := st.CommentRecords(ctx, comments)
		if err != nil {
			return err
		}
		created, err := st.UsersCreatedAt(ctx, users)
		if err != nil {
			return err
		}
		for _, e := range page {
			var sor Statement
			if e.TargetType == store.TargetComment {
				sor = s.commentSOR(e, recs[e.TargetID])
			} else {
				sor = s.blockSOR(e, created[e.TargetID])
			}
			if err := write(sor); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return finish()
}

// commentSOR is the statement of a decision on a comment: a hold disables
// access until a moderator decides, a rejection removes the comment.
func (s *Service) commentSOR(e store.AuditEntry, c store.CommentRecord) Statement {
	r := s.dsaRule(e.Rule)
	sor := s.baseSOR(e, r)
	sor.ContentType = []string{"CONTENT_TYPE_TEXT"}
	sor.ContentDate = dsaDate(c.CreatedAt, e.At)
	sor.DecisionVisibility = []string{"DECISION_VISIBILITY_CONTENT_REMOVED"}
	if e.Action == store.ActionHold {
		sor.DecisionVisibility = []string{"DECISION_VISIBILITY_CONTENT_DISABLED"}
	}
	if e.Automated {
		what := "rejected it: it is not visible to other readers and counts as a strike against the account"
		if e.Action == store.ActionHold {
			what = "held it for review: it is not visible to other readers unless a moderator approves it"
		}
		sor.DecisionFacts = fmt.Sprintf("The automated moderation system found that a reader's comment breaks the rule %q of the Community "+
			"Standards and %s. The author was told why and what they can do.", r.Title, what)
		return sor
	}
	before := parseState(e.Before)
	machine := "flagged for review by the automated moderation system"
	if before.Status == store.CommentHeld {
		machine = "held by the automated moderation system"
	}
	var how string
	switch found := len(before.machineRules()) > 0; {
	case found && c.Reported:
		how = machine + " and reported by readers"
	case found:
		how = machine
	case c.Reported:
		how = "reported by readers"
	default:
		how = "found by a moderator"
	}
	if len(before.machineRules()) > 0 {
		sor.AutomatedDetection = "Yes"
	}
	if c.Reported {
		sor.SourceType = "SOURCE_TYPE_OTHER_NOTIFICATION"
	}
	sor.DecisionFacts = fmt.Sprintf("A reader's comment was %s. A moderator reviewed it, found that it breaks the rule %q of the Community "+
		"Standards and rejected it: it is not visible to other readers and counts as a strike against the account. The author was told "+
		"why and what they can do.", how, r.Title)
	return sor
}

// blockSOR is the statement of a block: the reader may still read and
// sign in but no longer comment or report, a partial suspension of the
// service (a permanent one ends it for good).
func (s *Service) blockSOR(e store.AuditEntry, registered time.Time) Statement {
	r := s.dsaRule(e.Rule)
	permanent := e.After == "blocked permanently"
	sor := s.baseSOR(e, r)
	sor.ContentType, sor.ContentTypeOther = []string{"CONTENT_TYPE_OTHER"}, "Commenting account"
	sor.ContentDate = dsaDate(registered, e.At)
	sor.DecisionProvision = "DECISION_PROVISION_PARTIAL_SUSPENSION"
	length := " with no end date; the reader may appeal once, and a second block would be permanent."
	if permanent {
		sor.DecisionProvision = "DECISION_PROVISION_PARTIAL_TERMINATION"
		length = " permanently."
	}
	var why string
	switch {
	case e.Automated && e.Rule == "":
		sor.IncompatibleContentGround = "Community Standards: block evasion"
		sor.IncompatibleContentExplanation = "A person whose account is permanently blocked may not take part from another account."
		why = "The automated moderation system recognised a new account as belonging to a person whose earlier account is " +
			"permanently blocked, and blocked it"
	case e.Automated:
		sor.IncompatibleContentExplanation = dsaText(r.Text+" Rejected comments count as strikes; an account whose strikes reach the limit "+
			"is blocked from commenting, and a second block is permanent.", 2000)
		why = fmt.Sprintf("The account's rejected comments reached the strike limit (the last one broke the rule %q), so the automated "+
			"moderation system blocked it", r.Title)
	case e.Rule == "":
		sor.IncompatibleContentGround = "Community Standards"
		sor.IncompatibleContentExplanation = "Serious or repeated breaches of the Community Standards lead to a block from commenting; " +
			"a second block is permanent."
		why = "A moderator found that the account seriously or repeatedly broke the Community Standards and blocked it"
	default:
		why = fmt.Sprintf("A moderator found that the account broke the rule %q of the Community Standards and blocked it", r.Title)
	}
	sor.DecisionFacts = why + length + " The reader can still read the site and sign in but can no longer comment or report comments, " +
		"and was told why."
	return sor
}

// baseSOR fills what every statement shares: the contractual ground (a
// Community Standards rule), the category, the source and automation, the
// dates, the territorial scope and the PUID.
func (s *Service) baseSOR(e store.AuditEntry, r policy.Rule) Statement {
	category, keywords := dsaCategory(r.ID)
	sor := Statement{
		AccountType:                    "ACCOUNT_TYPE_PRIVATE",
		DecisionGround:                 "DECISION_GROUND_INCOMPATIBLE_CONTENT",
		IncompatibleContentGround:      dsaText(fmt.Sprintf("Community Standards, rule %q (%s)", r.Title, r.ID), 500),
		IncompatibleContentExplanation: dsaText(r.Text, 2000),
		Category:                       category,
		CategorySpecification:          keywords,
		TerritorialScope:               dsaEEA(),
		ApplicationDate:                dsaDate(e.At, e.At),
		SourceType:                     "SOURCE_VOLUNTARY",
		AutomatedDetection:             "No",
		AutomatedDecision:              "AUTOMATED_DECISION_NOT_AUTOMATED",
		PUID:                           "audit-" + strconv.FormatInt(e.Seq, 10),
	}
	if s.cfg.BaseURL != "" {
		sor.DecisionGroundReferenceURL = strings.TrimRight(s.cfg.BaseURL, "/") + "/community-standards"
	}
	if e.Automated {
		sor.AutomatedDetection, sor.AutomatedDecision = "Yes", "AUTOMATED_DECISION_FULLY"
	}
	return sor
}

// dsaRule is the policy rule a decision cites; decisions without one
// cite the Community Standards as a whole.
func (s *Service) dsaRule(id string) policy.Rule {
	if id == "" {
		return policy.Rule{Title: "Community Standards", Text: "The Community Standards as a whole."}
	}
	return s.rule(id)
}

// dsaCategory maps a Community Standards rule to the database's category
// and keywords (docs/transparency.md has the table and its reasons).
func dsaCategory(rule string) (string, []string) {
	switch rule {
	case "hate":
		return "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", []string{"KEYWORD_HATE_SPEECH"}
	case "minors":
		return "STATEMENT_CATEGORY_PROTECTION_OF_MINORS", nil
	case "extremism":
		return "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY", nil
	case "insult", "trolling":
		return "STATEMENT_CATEGORY_CYBER_VIOLENCE", []string{"KEYWORD_CYBER_HARASSMENT"}
	case "personal-data":
		return "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS", nil
	case "violence":
		return "STATEMENT_CATEGORY_VIOLENCE", nil
	case "suicide":
		return "STATEMENT_CATEGORY_SELF_HARM", []string{"KEYWORD_SUICIDE"}
	case "drugs":
		return "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS", []string{"KEYWORD_PROHIBITED_PRODUCTS"}
	case "malware":
		return "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", nil
	case "flash-mob":
		return "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS", []string{"KEYWORD_COORDINATED_HARM"}
	}
	// off-topic, publisher-insult, advertising, promotion, profanity, spam,
	// flood, shouting, run-on, language, and decisions without a rule.
	return "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", nil
}

// dsaEEA is the territorial scope of every decision: the site removes or
// restricts for everyone, so for all EU and EEA countries.
func dsaEEA() []string {
	return []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT",
		"LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK"}
}

// dsaDate formats a date as the API wants (YYYY-MM-DD, UTC), falling back
// when the first is unknown.
func dsaDate(t, fallback time.Time) string {
	if t.IsZero() {
		t = fallback
	}
	return t.UTC().Format(time.DateOnly)
}

// dsaText keeps a free-text field within the API's limit.
func dsaText(s string, limit int) string {
	return comments.Excerpt(s, limit-1) // the cut adds "…"
}
