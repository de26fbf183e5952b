package accounts_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"tribune/internal/accounts"
	"tribune/internal/mail"
	"tribune/internal/password"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

// mailbox is a Mailer that keeps what it is given.
type mailbox struct {
	mu   sync.Mutex
	sent []mail.Message
}

func (m *mailbox) Send(_ context.Context, msg mail.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, msg)
	return nil
}

// last returns the newest message to an address, or fails the test.
func (m *mailbox) last(t *testing.T, to string) mail.Message {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.sent) - 1; i >= 0; i-- {
		if m.sent[i].To == to {
			return m.sent[i]
		}
	}
	t.Fatalf("no email to %s", to)
	return mail.Message{}
}

func (m *mailbox) count(to string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, msg := range m.sent {
		if msg.To == to {
			n++
		}
	}
	return n
}

var linkRE = regexp.MustCompile(`token=([A-Za-z0-9_-]+)`)

// token extracts the one-time token from the newest email to an address.
func (m *mailbox) token(t *testing.T, to string) string {
	t.Helper()
	msg := m.last(t, to)
	match := linkRE.FindStringSubmatch(msg.Text)
	if match == nil {
		t.Fatalf("email %q to %s has no link:\n%s", msg.Subject, to, msg.Text)
	}
	return match[1]
}

type fixture struct {
	svc  *accounts.Service
	st   *store.Store
	mail *mailbox
	now  time.Time
}

func newFixture(t *testing.T, st *store.Store) *fixture {
	t.Helper()
	f := &fixture{st: st, mail: &mailbox{}, now: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}
	svc, err := accounts.New(accounts.Config{SiteName: "Tribune", BaseURL: "https://news.example", PolicyVersion: "v7",
		Password: password.Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32}, Now: func() time.Time { return f.now }},
		st, f.mail, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	f.svc = svc
	return f
}

const goodPassword = "tram ocean lamp 97"

func (f *fixture) register(t *testing.T, name, email string) store.User {
	t.Helper()
	u, err := f.svc.Register(t.Context(), accounts.Registration{Name: name, Email: email, Password: goodPassword, Consent: true, IP: "192.0.2.1"})
	if err != nil {
		t.Fatalf("Register(%q, %q): %v", name, email, err)
	}
	return u
}

func fields(err error) map[string]string {
	var fe *accounts.FormError
	if errors.As(err, &fe) {
		return fe.Fields
	}
	return nil
}

func TestRegisterAndVerify(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		u := f.register(t, "Mara Lind", " Mara@Example.ORG ")
		if u.Email != "mara@example.org" || u.Verified() || u.ConsentVersion != "v7" || !u.ConsentAt.Equal(f.now) || u.Role != store.RoleReader {
			t.Errorf("registered user = %+v", u)
		}
		token := f.mail.token(t, "mara@example.org")
		v, err := f.svc.VerifyEmail(t.Context(), token)
		if err != nil || !v.Verified() {
			t.Fatalf("VerifyEmail = %+v, %v", v, err)
		}
		if _, err := f.svc.VerifyEmail(t.Context(), token); !errors.Is(err, accounts.ErrLinkUsed) {
			t.Errorf("second VerifyEmail error = %v, want ErrLinkUsed", err)
		}
		if _, err := f.svc.VerifyEmail(t.Context(), "garbage"); !errors.Is(err, accounts.ErrLinkInvalid) {
			t.Errorf("VerifyEmail(garbage) error = %v, want ErrLinkInvalid", err)
		}
		// An expired link.
		u2 := f.register(t, "Tom Vale", "tom@example.org")
		token2 := f.mail.token(t, u2.Email)
		f.now = f.now.Add(49 * time.Hour)
		if _, err := f.svc.VerifyEmail(t.Context(), token2); !errors.Is(err, accounts.ErrLinkExpired) {
			t.Errorf("VerifyEmail after 49h error = %v, want ErrLinkExpired", err)
		}
	})
}

func TestRegisterRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		f.register(t, "Anna", "anna@example.org")
		tests := []struct {
			name  string
			in    accounts.Registration
			field string
		}{
			{"no consent", accounts.Registration{Name: "Bea", Email: "bea@example.org", Password: goodPassword}, "consent"},
			{"short password", accounts.Registration{Name: "Bea", Email: "bea@example.org", Password: "short", Consent: true}, "password"},
			{"common password", accounts.Registration{Name: "Bea", Email: "bea@example.org", Password: "password123", Consent: true}, "password"},
			{"bad email", accounts.Registration{Name: "Bea", Email: "bea@", Password: goodPassword, Consent: true}, "email"},
			{"same name other case", accounts.Registration{Name: "ANNA", Email: "a2@example.org", Password: goodPassword, Consent: true}, "name"},
			{"look-alike name", accounts.Registration{Name: "Аnnа", Email: "a3@example.org", Password: goodPassword, Consent: true}, "name"},
			{"empty name", accounts.Registration{Name: " ", Email: "a4@example.org", Password: goodPassword, Consent: true}, "name"},
		}
		for _, tt := range tests {
			_, err := f.svc.Register(t.Context(), tt.in)
			if got := fields(err); got[tt.field] == "" {
				t.Errorf("%s: Register error = %v, want a message for %q", tt.name, err, tt.field)
			}
		}
		// A taken email: same answer as a success, no new account, a notice to the owner.
		before := f.mail.count("anna@example.org")
		u, err := f.svc.Register(t.Context(), accounts.Registration{Name: "Someone Else", Email: "ANNA@example.org", Password: goodPassword, Consent: true})
		if err != nil || u.ID != "" {
			t.Errorf("Register with a taken email = %+v, %v; want no error and no account", u, err)
		}
		if f.mail.count("anna@example.org") != before+1 || !strings.Contains(f.mail.last(t, "anna@example.org").Subject, "tried to register") {
			t.Error("the owner of the taken email was not told")
		}
	})
}

func TestLoginAndLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		u := f.register(t, "Mara", "mara@example.org")
		ctx := t.Context()
		if _, _, err := f.svc.Login(ctx, "nobody@example.org", goodPassword, "192.0.2.9", "ua"); !errors.Is(err, accounts.ErrBadCredentials) {
			t.Errorf("unknown email: %v, want ErrBadCredentials", err)
		}
		got, token, err := f.svc.Login(ctx, "MARA@example.org", goodPassword, "192.0.2.9", "ua")
		if err != nil || got.ID != u.ID || token == "" {
			t.Fatalf("Login = %v, %q, %v", got.ID, token, err)
		}
		if _, su, err := f.svc.Session(ctx, token); err != nil || su.ID != u.ID {
			t.Errorf("Session(token) = %v, %v", su.ID, err)
		}
		// Four wrong passwords are free; the fifth locks the account, and
		// the lock grows.
		var lim *accounts.LimitError
		for i := 1; i <= 5; i++ {
			_, _, err = f.svc.Login(ctx, "mara@example.org", "wrong password!", "192.0.2.9", "ua")
		}
		if !errors.As(err, &lim) || lim.Wait != 2*time.Second {
			t.Fatalf("5th failure error = %v, want a 2s LimitError", err)
		}
		if _, _, err := f.svc.Login(ctx, "mara@example.org", goodPassword, "192.0.2.10", "ua"); !errors.As(err, &lim) {
			t.Errorf("login during the lock = %v, want LimitError even with the right password", err)
		}
		f.now = f.now.Add(3 * time.Second)
		_, _, err = f.svc.Login(ctx, "mara@example.org", "wrong password!", "192.0.2.9", "ua")
		if !errors.As(err, &lim) || lim.Wait != 4*time.Second {
			t.Errorf("6th failure error = %v, want a 4s LimitError", err)
		}
		f.now = f.now.Add(5 * time.Second)
		if _, _, err := f.svc.Login(ctx, "mara@example.org", goodPassword, "192.0.2.9", "ua"); err != nil {
			t.Errorf("login after the lock: %v", err)
		}
		// Sessions: log out everywhere ends them all.
		if n, err := f.svc.LogoutEverywhere(ctx, u); err != nil || n < 2 {
			t.Errorf("LogoutEverywhere = %d, %v; want the 2+ sessions ended", n, err)
		}
		if _, _, err := f.svc.Session(ctx, token); !errors.Is(err, accounts.ErrNoSession) {
			t.Errorf("Session after LogoutEverywhere: %v, want ErrNoSession", err)
		}
	})
}

func TestPasswordReset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := t.Context()
		u := f.register(t, "Mara", "mara@example.org")
		_, oldSession, _ := f.svc.Login(ctx, u.Email, goodPassword, "192.0.2.1", "ua")
		if err := f.svc.RequestReset(ctx, "ghost@example.org", "192.0.2.1"); err != nil || f.mail.count("ghost@example.org") != 0 {
			t.Errorf("RequestReset(unknown) = %v with %d emails; want nil and none", err, f.mail.count("ghost@example.org"))
		}
		if err := f.svc.RequestReset(ctx, "Mara@example.org", "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		token := f.mail.token(t, u.Email)
		if _, _, err := f.svc.ResetPassword(ctx, token, "short", "192.0.2.1", "ua"); fields(err)["password"] == "" {
			t.Errorf("weak new password: %v", err)
		}
		if _, newSession, err := f.svc.ResetPassword(ctx, token, "a new fine passphrase", "192.0.2.1", "ua"); err != nil || newSession == "" {
			t.Fatalf("ResetPassword: %v", err)
		}
		if _, _, err := f.svc.Session(ctx, oldSession); !errors.Is(err, accounts.ErrNoSession) {
			t.Errorf("old session after reset: %v, want it ended", err)
		}
		if _, _, err := f.svc.ResetPassword(ctx, token, "another fine passphrase", "192.0.2.1", "ua"); !errors.Is(err, accounts.ErrLinkUsed) {
			t.Errorf("reused reset link: %v, want ErrLinkUsed", err)
		}
		if _, _, err := f.svc.Login(ctx, u.Email, "a new fine passphrase", "192.0.2.1", "ua"); err != nil {
			t.Errorf("login with the new password: %v", err)
		}
		// An expired link.
		f.svc.RequestReset(ctx, u.Email, "192.0.2.1")
		token = f.mail.token(t, u.Email)
		f.now = f.now.Add(61 * time.Minute)
		if err := f.svc.CheckResetToken(ctx, token); !errors.Is(err, accounts.ErrLinkExpired) {
			t.Errorf("CheckResetToken after 61 minutes: %v, want ErrLinkExpired", err)
		}
	})
}

func TestDeleteRestorePurge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := t.Context()
		u := f.register(t, "Mara", "mara@example.org")
		v, _ := f.svc.VerifyEmail(ctx, f.mail.token(t, u.Email))
		_, session, _ := f.svc.Login(ctx, u.Email, goodPassword, "192.0.2.1", "ua")
		if err := f.svc.Delete(ctx, v, "wrong"); fields(err)["confirm"] == "" {
			t.Errorf("Delete with a wrong password: %v", err)
		}
		if err := f.svc.Delete(ctx, v, goodPassword); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.svc.Session(ctx, session); !errors.Is(err, accounts.ErrNoSession) {
			t.Errorf("session after delete: %v", err)
		}
		if _, _, err := f.svc.Login(ctx, u.Email, goodPassword, "192.0.2.1", "ua"); !errors.Is(err, accounts.ErrDeletedAccount) {
			t.Errorf("login to a deleted account: %v, want ErrDeletedAccount", err)
		}
		job, err := st.JobByUniqueKey(ctx, "purge-account:"+u.ID)
		if err != nil || !job.RunAt.Equal(f.now.Add(30*24*time.Hour)) {
			t.Errorf("purge job = %+v, %v; want one due in 30 days", job, err)
		}
		restore := f.mail.token(t, u.Email)
		back, err := f.svc.Restore(ctx, restore)
		if err != nil {
			t.Fatal(err)
		}
		if back.Deleted() || back.Email != v.Email || back.Name != v.Name || back.PasswordHash != v.PasswordHash ||
			!back.EmailVerifiedAt.Equal(v.EmailVerifiedAt) || back.ConsentVersion != v.ConsentVersion {
			t.Errorf("restored = %+v, want it as it was: %+v", back, v)
		}
		if _, err := st.JobByUniqueKey(ctx, "purge-account:"+u.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("purge job after restore: %v, want it cancelled", err)
		}
		if _, _, err := f.svc.Login(ctx, u.Email, goodPassword, "192.0.2.1", "ua"); err != nil {
			t.Errorf("login after restore: %v", err)
		}
		// Delete again and let the window pass: the purge erases the data.
		if err := f.svc.Delete(ctx, back, goodPassword); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.PurgeJob(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if still, _ := st.UserByID(ctx, u.ID); still.Email != u.Email {
			t.Error("purge ran before the restore window ended")
		}
		f.now = f.now.Add(31 * 24 * time.Hour)
		if err := f.svc.PurgeJob(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		gone, _ := st.UserByID(ctx, u.ID)
		if gone.PurgedAt.IsZero() || strings.Contains(gone.Email, "mara") || gone.Name != store.PurgedName || gone.PasswordHash != "" {
			t.Errorf("purged user = %+v", gone)
		}
		if _, err := f.svc.Restore(ctx, f.mail.token(t, u.Email)); err == nil {
			t.Error("restore after the purge succeeded")
		}
	})
}

func TestChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := t.Context()
		u := f.register(t, "Mara", "mara@example.org")
		f.register(t, "Tom", "tom@example.org")
		if _, err := f.svc.ChangeName(ctx, u, "T0M"); fields(err)["name"] == "" {
			t.Errorf("ChangeName to a look-alike of a taken name: %v", err)
		}
		if u2, err := f.svc.ChangeName(ctx, u, "Mara Lind"); err != nil || u2.Name != "Mara Lind" {
			t.Errorf("ChangeName = %v, %v", u2.Name, err)
		}
		u, _ = st.UserByID(ctx, u.ID)
		if err := f.svc.RequestEmailChange(ctx, u, "new@example.org", "wrong"); fields(err)["current_password"] == "" {
			t.Errorf("email change with a wrong password: %v", err)
		}
		if err := f.svc.RequestEmailChange(ctx, u, "new@example.org", goodPassword); err != nil {
			t.Fatal(err)
		}
		changed, err := f.svc.ConfirmEmailChange(ctx, f.mail.token(t, "new@example.org"))
		if err != nil || changed.Email != "new@example.org" || !changed.Verified() {
			t.Errorf("ConfirmEmailChange = %+v, %v", changed, err)
		}
		if f.mail.count("mara@example.org") < 2 {
			t.Error("the old address was not told of the change")
		}
		_, keep, _ := f.svc.Login(ctx, "new@example.org", goodPassword, "192.0.2.1", "ua")
		_, other, _ := f.svc.Login(ctx, "new@example.org", goodPassword, "192.0.2.2", "ua")
		se, cur, _ := f.svc.Session(ctx, keep)
		if err := f.svc.ChangePassword(ctx, cur, se.ID, goodPassword, "another good phrase"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.svc.Session(ctx, keep); err != nil {
			t.Errorf("the current session ended on a password change: %v", err)
		}
		if _, _, err := f.svc.Session(ctx, other); !errors.Is(err, accounts.ErrNoSession) {
			t.Errorf("another session survived a password change: %v", err)
		}
		data, err := f.svc.ExportData(ctx, cur)
		if err != nil || !strings.Contains(string(data), `"email": "new@example.org"`) || !strings.Contains(string(data), `"privacy_policy_version": "v7"`) {
			t.Errorf("ExportData = %s, %v", data, err)
		}
	})
}

func TestAPITokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := t.Context()
		u, generated, err := f.svc.CreateUser(ctx, "Mod@Example.org", "Moderator One", store.RoleModerator, "")
		if err != nil || generated == "" || !u.Verified() {
			t.Fatalf("CreateUser = %+v, %q, %v", u, generated, err)
		}
		if _, _, err := f.svc.CreateUser(ctx, "mod@example.org", "Other", store.RoleReader, ""); err == nil {
			t.Error("CreateUser with a taken email succeeded")
		}
		token, rec, err := f.svc.CreateAPIToken(ctx, "mod@example.org", "tests")
		if err != nil || !strings.HasPrefix(token, "trb_") {
			t.Fatalf("CreateAPIToken = %q, %v", token, err)
		}
		if got, err := f.svc.APIUser(ctx, token); err != nil || got.ID != u.ID {
			t.Errorf("APIUser = %v, %v", got.ID, err)
		}
		if err := f.svc.RevokeAPIToken(ctx, rec.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.APIUser(ctx, token); !errors.Is(err, accounts.ErrNoSession) {
			t.Errorf("APIUser after revoke: %v", err)
		}
		if u, err := f.svc.SetRole(ctx, "mod@example.org", store.RoleEditor); err != nil || u.Role != store.RoleEditor {
			t.Errorf("SetRole = %v, %v", u.Role, err)
		}
	})
}

func TestSocialLogin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := t.Context()
		id := accounts.Social{Provider: "facebook", Subject: "fb-1", Email: "new@example.org", EmailVerified: true, Name: "New Reader"}
		if _, _, err := f.svc.SocialLogin(ctx, id, "192.0.2.1", "ua"); !errors.Is(err, accounts.ErrNeedsRegistration) {
			t.Fatalf("first social login: %v, want ErrNeedsRegistration", err)
		}
		if _, _, err := f.svc.CompleteSocialRegistration(ctx, id, "New Reader", false, "192.0.2.1", "ua"); fields(err)["consent"] == "" {
			t.Errorf("social sign-up without consent: %v", err)
		}
		u, token, err := f.svc.CompleteSocialRegistration(ctx, id, "New Reader", true, "192.0.2.1", "ua")
		if err != nil || token == "" || !u.Verified() || u.PasswordHash != "" {
			t.Fatalf("CompleteSocialRegistration = %+v, %v", u, err)
		}
		if again, _, err := f.svc.SocialLogin(ctx, id, "192.0.2.1", "ua"); err != nil || again.ID != u.ID {
			t.Errorf("second social login = %v, %v", again.ID, err)
		}
		// An existing password account: linked only on a verified email.
		pw := f.register(t, "Mara", "mara@example.org")
		unverified := accounts.Social{Provider: "sso", Subject: "s-1", Email: "mara@example.org", EmailVerified: false}
		var uv accounts.ErrUnverifiedSocialEmail
		if _, _, err := f.svc.SocialLogin(ctx, unverified, "192.0.2.1", "ua"); !errors.As(err, &uv) {
			t.Errorf("unverified email: %v, want ErrUnverifiedSocialEmail", err)
		}
		verified := accounts.Social{Provider: "google", Subject: "g-1", Email: "Mara@example.org", EmailVerified: true}
		if got, _, err := f.svc.SocialLogin(ctx, verified, "192.0.2.1", "ua"); err != nil || got.ID != pw.ID {
			t.Errorf("verified email login = %v, %v; want the existing account", got.ID, err)
		}
		if err := f.svc.LinkSocial(ctx, pw, accounts.Social{Provider: "facebook", Subject: "fb-1"}); err == nil {
			t.Error("linking another account's identity succeeded")
		}
	})
}
