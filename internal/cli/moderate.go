package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"tribune/internal/config"
	"tribune/internal/moderation"
	"tribune/internal/moderation/classify"
	"tribune/internal/moderation/engine"
	"tribune/internal/moderation/external"
	"tribune/internal/moderation/flashmob"
	"tribune/internal/moderation/flood"
	"tribune/internal/moderation/language"
	"tribune/internal/moderation/lexicon"
	"tribune/internal/moderation/links"
	"tribune/internal/moderation/malware"
	"tribune/internal/moderation/personaldata"
	"tribune/internal/moderation/policy"
	"tribune/internal/moderation/profanity"
	"tribune/internal/moderation/relevance"
	"tribune/internal/moderation/style"
)

// moderationInput is one line of `tribune moderate`'s input.
type moderationInput struct {
	ID      string  `json:"id"`
	Text    *string `json:"text"`
	Author  string  `json:"author"`
	Time    string  `json:"time"`
	Article string  `json:"article"`
}

// moderationOutput is one line of its output.
type moderationOutput struct {
	ID       string             `json:"id"`
	Decision string             `json:"decision,omitempty"`
	Rules    []string           `json:"rules"`
	Scores   map[string]float64 `json:"scores,omitempty"`
	Language string             `json:"language,omitempty"`
}

// moderationError is the output line for an input line that cannot be judged.
type moderationError struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// newEngine builds the moderation engine with every detector Tribune has,
// plus the operator's external scorer when one is configured.
func newEngine(p *policy.Policy, cfg *config.Config, log *slog.Logger) (*engine.Engine, error) {
	e, _, err := newEngineWith(p, cfg, log)
	return e, err
}

// newEngineWith is newEngine that also returns the flash-mob detector, whose
// memory a server rebuilds from recent comments at start.
func newEngineWith(p *policy.Policy, cfg *config.Config, log *slog.Logger) (*engine.Engine, *flashmob.Detector, error) {
	siteDomains := []string{siteHost(cfg.BaseURL)}
	cls, err := classify.Load()
	if err != nil {
		return nil, nil, err
	}
	prof, err := profanity.New()
	if err != nil {
		return nil, nil, err
	}
	lang, err := language.New(language.Options{})
	if err != nil {
		return nil, nil, err
	}
	mal, err := malware.New(log, cfg.Blocklists...)
	if err != nil {
		return nil, nil, err
	}
	mob := flashmob.New(flashmob.Options{})
	ds := []moderation.Detector{classify.NewDetector(cls), prof, personaldata.New(), links.New(links.WithAllowed(siteDomains...)), mal,
		style.New(), lang, flood.New(flood.Options{Model: lang}), mob,
		relevance.New(relevance.Options{}), lexicon.New(), lexicon.NewPublisher(cfg.SiteName)}
	if cfg.ScorerURL != "" {
		ext, err := external.New(external.Config{URL: cfg.ScorerURL, Token: cfg.ScorerToken, Logger: log})
		if err != nil {
			return nil, nil, err
		}
		ds = append(ds, ext)
	}
	return engine.New(p, engine.Options{Scorer: cls, Language: lang}, ds...), mob, nil
}

func runModerate(ctx context.Context, sio IO, args []string) error {
	fs, finish := newFlags(sio, "moderate", "moderate [--policy FILE] [--lang CODE] < comments.jsonl")
	lang := fs.String("lang", "", "the site's language (default: --language)")
	cfg, err := parse(fs, finish, args)
	if err != nil {
		return err
	}
	p, err := loadRules(cfg)
	if err != nil {
		return err
	}
	if *lang == "" {
		*lang = cfg.Language
	}
	log := newLogger(cfg, sio.Stderr)
	e, err := newEngine(p, cfg, log)
	if err != nil {
		return err
	}
	return moderateStream(ctx, e, *lang, sio.Stdin, sio.Stdout)
}

// moderateStream judges JSON Lines in order, one output line per input
// line; a malformed line gets an error line and the run goes on.
func moderateStream(ctx context.Context, e *engine.Engine, lang string, r io.Reader, w io.Writer) error {
	in := bufio.NewScanner(r)
	in.Buffer(make([]byte, 64<<10), 16<<20)
	out := bufio.NewWriterSize(w, 64<<10)
	defer out.Flush()
	enc := json.NewEncoder(out)
	line := 0
	for in.Scan() {
		line++
		raw := strings.TrimSpace(in.Text())
		if raw == "" {
			continue
		}
		var m moderationInput
		if err := json.Unmarshal([]byte(raw), &m); err != nil {
			enc.Encode(moderationError{ID: bestEffortID(raw), Error: fmt.Sprintf("line %d: not a JSON object: %v", line, err)})
			continue
		}
		if m.Text == nil {
			enc.Encode(moderationError{ID: m.ID, Error: fmt.Sprintf("line %d: \"text\" is required", line)})
			continue
		}
		at := time.Time{}
		if m.Time != "" {
			t, err := time.Parse(time.RFC3339, m.Time)
			if err != nil {
				enc.Encode(moderationError{ID: m.ID, Error: fmt.Sprintf("line %d: time %q is not RFC 3339", line, m.Time)})
				continue
			}
			at = t
		}
		res := e.Evaluate(ctx, moderation.Input{ID: m.ID, Text: *m.Text, AuthorID: m.Author, ArticleText: m.Article, At: at, Lang: lang})
		rules := res.Rules
		if rules == nil {
			rules = []string{}
		}
		enc.Encode(moderationOutput{ID: m.ID, Decision: res.Decision, Rules: rules, Scores: pick(res.Scores), Language: res.Language})
	}
	if err := in.Err(); err != nil {
		return fmt.Errorf("read input: %w", err)
	}
	return nil
}

// pick keeps the scores the output format names.
func pick(s map[string]float64) map[string]float64 {
	out := map[string]float64{}
	for _, k := range []string{"toxicity", "insult", "hate", "spam", "profanity"} {
		out[k] = s[k]
	}
	return out
}

// bestEffortID pulls "id" out of a line that is not valid JSON.
func bestEffortID(raw string) string {
	var m map[string]any
	if json.Unmarshal([]byte(raw), &m) == nil {
		if id, ok := m["id"].(string); ok {
			return id
		}
	}
	return ""
}

// loadRules reads the operator's policy (--policy) or the shipped one.
func loadRules(cfg *config.Config) (*policy.Policy, error) {
	if cfg.PolicyFile == "" {
		return policy.Default(), nil
	}
	return policy.Load(cfg.PolicyFile)
}
