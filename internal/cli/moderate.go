package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"slices"
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
	// key identifies the line to the flash-mob detector.
	key string
}

// moderationError is the output line for an input line that cannot be judged.
type moderationError struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// newEngine builds the moderation engine with every detector Tribune has,
// plus the operator's external scorer when one is configured.
func newEngine(p *policy.Policy, cfg *config.Config, log *slog.Logger) (*engine.Engine, error) {
	m, err := newModerator(p, cfg, log)
	return m.engine, err
}

// moderator is the engine with its stateful detectors, which a server
// keeps in step with the other nodes and rebuilds at start.
type moderator struct {
	engine *engine.Engine
	mob    *flashmob.Detector
	flood  *flood.Detector
}

// newModerator is newEngine that also returns the stateful detectors.
func newModerator(p *policy.Policy, cfg *config.Config, log *slog.Logger) (moderator, error) {
	siteDomains := []string{siteHost(cfg.BaseURL)}
	cls, err := classify.Load()
	if err != nil {
		return moderator{}, err
	}
	prof, err := profanity.New()
	if err != nil {
		return moderator{}, err
	}
	lang, err := language.New(language.Options{})
	if err != nil {
		return moderator{}, err
	}
	mal, err := malware.New(log, cfg.Blocklists...)
	if err != nil {
		return moderator{}, err
	}
	mob := flashmob.New(flashmob.Options{})
	fl := flood.New(flood.Options{Model: lang})
	ds := []moderation.Detector{classify.NewDetector(cls), prof, personaldata.New(), links.New(links.WithAllowed(siteDomains...)), mal,
		style.New(), lang, fl, mob, relevance.New(relevance.Options{}), lexicon.New(), lexicon.NewPublisher(cfg.SiteName)}
	if cfg.ScorerURL != "" {
		ext, err := external.New(external.Config{URL: cfg.ScorerURL, Token: cfg.ScorerToken, Logger: log})
		if err != nil {
			return moderator{}, err
		}
		ds = append(ds, ext)
	}
	return moderator{engine: engine.New(p, engine.Options{Scorer: cls, Language: lang}, ds...), mob: mob, flood: fl}, nil
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
	m, err := newModerator(p, cfg, log)
	if err != nil {
		return err
	}
	return moderateStream(ctx, m.engine, m.mob, p, *lang, sio.Stdin, sio.Stdout)
}

// Output of `tribune moderate` waits a little so that the first comments
// of an organised action, recognised only when enough accounts have
// joined, are reported too: a line is written once no later comment can
// join a group with it (the stream's time has moved a flash-mob window
// past it), at the end of the input, when maxPending lines wait, or when
// the input pauses for idleFlush (so a caller writing one line at a time
// and waiting for the answer is answered).
const (
	maxPending = 100000
	idleFlush  = 50 * time.Millisecond
)

// pendingLine is an output line not yet written.
type pendingLine struct {
	at  time.Time
	out any // moderationOutput or moderationError
}

// moderateStream judges JSON Lines in order, one output line per input
// line; a malformed line gets an error line and the run goes on.
func moderateStream(ctx context.Context, e *engine.Engine, mob *flashmob.Detector, p *policy.Policy, lang string, r io.Reader, w io.Writer) error {
	out := bufio.NewWriterSize(w, 64<<10)
	defer out.Flush()
	enc := json.NewEncoder(out)

	var pending []*pendingLine
	byID := map[string][]*moderationOutput{}
	var latest time.Time
	flush := func(all bool) {
		n := 0
		for _, pl := range pending {
			if !all && len(pending)-n <= maxPending && (pl.at.IsZero() || !pl.at.Add(flashmob.DefaultWindow).Before(latest)) {
				break
			}
			enc.Encode(pl.out)
			if o, ok := pl.out.(*moderationOutput); ok {
				delete(byID, o.key)
			}
			n++
		}
		pending = append(pending[:0], pending[n:]...)
	}
	mobRule, mobOn := p.Rule(flashmob.Rule)
	if mob != nil && mobOn {
		mob.OnGroup(func(ids []string) {
			for _, id := range ids {
				for _, o := range byID[id] {
					o.addRule(flashmob.Rule, mobRule.Action)
				}
			}
		})
	}

	lines, errc := readLines(r)
	idle := time.NewTimer(idleFlush)
	defer idle.Stop()
	line := 0
	for {
		var raw string
		var ok bool
		select {
		case raw, ok = <-lines:
		case <-idle.C:
			flush(true)
			out.Flush()
			continue
		}
		if !ok {
			flush(true)
			if err := <-errc; err != nil {
				return fmt.Errorf("read input: %w", err)
			}
			return nil
		}
		idle.Reset(idleFlush)
		line++
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		pl := judgeLine(ctx, e, lang, raw, line)
		if o, ok := pl.out.(*moderationOutput); ok {
			byID[o.key] = append(byID[o.key], o)
		}
		if pl.at.After(latest) {
			latest = pl.at
		}
		pending = append(pending, pl)
		flush(false)
	}
}

// readLines reads the input on its own goroutine, so the stream can
// notice pauses.
func readLines(r io.Reader) (<-chan string, <-chan error) {
	lines := make(chan string, 256)
	errc := make(chan error, 1)
	go func() {
		defer close(lines)
		in := bufio.NewScanner(r)
		in.Buffer(make([]byte, 64<<10), 16<<20)
		for in.Scan() {
			lines <- in.Text()
		}
		errc <- in.Err()
	}()
	return lines, errc
}

// judgeLine parses and judges one input line.
func judgeLine(ctx context.Context, e *engine.Engine, lang, raw string, line int) *pendingLine {
	var m moderationInput
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return &pendingLine{out: moderationError{ID: bestEffortID(raw), Error: fmt.Sprintf("line %d: not a JSON object: %v", line, err)}}
	}
	if m.Text == nil {
		return &pendingLine{out: moderationError{ID: m.ID, Error: fmt.Sprintf("line %d: \"text\" is required", line)}}
	}
	at := time.Time{}
	if m.Time != "" {
		t, err := time.Parse(time.RFC3339, m.Time)
		if err != nil {
			return &pendingLine{out: moderationError{ID: m.ID, Error: fmt.Sprintf("line %d: time %q is not RFC 3339", line, m.Time)}}
		}
		at = t
	}
	// The flash-mob detector names earlier comments by this key.
	key := m.ID
	if key == "" {
		key = fmt.Sprintf("\x00line %d", line)
	}
	res := e.Evaluate(ctx, moderation.Input{ID: key, Text: *m.Text, AuthorID: m.Author, ArticleText: m.Article, At: at, Lang: lang})
	rules := res.Rules
	if rules == nil {
		rules = []string{}
	}
	return &pendingLine{at: at, out: &moderationOutput{ID: m.ID, Decision: res.Decision, Rules: rules, Scores: pick(res.Scores),
		Language: res.Language, key: key}}
}

// addRule adds a rule found later (flash-mob) and strengthens the decision
// to the rule's action.
func (o *moderationOutput) addRule(rule string, action policy.Action) {
	if slices.Contains(o.Rules, rule) {
		return
	}
	o.Rules = append(o.Rules, rule)
	if action.Strength() > policy.Action(o.Decision).Strength() {
		o.Decision = string(action)
	}
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
