package store_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func newUser(t *testing.T, st *store.Store, email, name string) store.User {
	t.Helper()
	u, err := st.CreateUser(t.Context(), store.User{Email: email, Name: name, NameKey: name, Role: store.RoleReader, CreatedAt: base})
	if err != nil {
		t.Fatalf("CreateUser(%q): %v", email, err)
	}
	return u
}

func TestUsersUnique(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		newUser(t, st, "Anna@Example.org", "anna")
		if _, err := st.CreateUser(t.Context(), store.User{Email: "anna@example.org", Name: "B", NameKey: "b", Role: store.RoleReader}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("duplicate email: %v, want ErrConflict", err)
		}
		if _, err := st.CreateUser(t.Context(), store.User{Email: "c@example.org", Name: "Anna", NameKey: "anna", Role: store.RoleReader}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("duplicate name key: %v, want ErrConflict", err)
		}
		if _, err := st.CreateUser(t.Context(), store.User{Email: "d@example.org", Name: "D", NameKey: "d", Role: "king"}); err == nil {
			t.Error("unknown role accepted")
		}
		if u, err := st.UserByEmail(t.Context(), " ANNA@example.org"); err != nil || u.Email != "anna@example.org" {
			t.Errorf("UserByEmail = %v, %v", u.Email, err)
		}
	})
}

func TestUserTokenUsedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		u := newUser(t, st, "a@example.org", "a")
		ctx := t.Context()
		tok := store.UserToken{Hash: "h1", Kind: store.TokenReset, UserID: u.ID, CreatedAt: base, ExpiresAt: base.Add(time.Hour)}
		if err := st.CreateUserToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
		// Eight clicks at once: exactly one uses the link.
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok := 0
		for range 8 {
			wg.Go(func() {
				err := st.UseUserToken(ctx, "h1", store.TokenReset, base, func(store.Tx, store.UserToken) error { return nil })
				mu.Lock()
				defer mu.Unlock()
				if err == nil {
					ok++
				} else if !errors.Is(err, store.ErrTokenUsed) && !isBusy(err) {
					t.Errorf("concurrent use: %v", err)
				}
			})
		}
		wg.Wait()
		if ok != 1 {
			t.Errorf("the link was used %d times, want exactly once", ok)
		}
		// A failing callback leaves the token usable; expiry and a new
		// token void the old.
		st.CreateUserToken(ctx, store.UserToken{Hash: "h2", Kind: store.TokenVerify, UserID: u.ID, CreatedAt: base, ExpiresAt: base.Add(time.Hour)})
		boom := errors.New("boom")
		if err := st.UseUserToken(ctx, "h2", store.TokenVerify, base, func(store.Tx, store.UserToken) error { return boom }); !errors.Is(err, boom) {
			t.Fatalf("failing callback: %v", err)
		}
		if _, err := st.PeekUserToken(ctx, "h2", store.TokenVerify, base); err != nil {
			t.Errorf("token after a failed use: %v, want still usable", err)
		}
		if _, err := st.PeekUserToken(ctx, "h2", store.TokenVerify, base.Add(time.Hour)); !errors.Is(err, store.ErrTokenExpired) {
			t.Errorf("token at expiry: %v, want ErrTokenExpired", err)
		}
		st.CreateUserToken(ctx, store.UserToken{Hash: "h3", Kind: store.TokenVerify, UserID: u.ID, CreatedAt: base, ExpiresAt: base.Add(time.Hour)})
		if _, err := st.PeekUserToken(ctx, "h2", store.TokenVerify, base); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("older token after a newer one: %v, want it voided", err)
		}
		if _, err := st.PeekUserToken(ctx, "h3", store.TokenReset, base); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("token of another kind: %v, want ErrNotFound", err)
		}
	})
}

// isBusy reports SQLite's lock timeouts, which a burst of writers on one
// file may meet; they are refusals, not double uses.
func isBusy(err error) bool {
	return err != nil && (errors.Is(err, store.ErrTokenUsed) || strings.Contains(err.Error(), "database is locked") || strings.Contains(err.Error(), "SQLITE_BUSY"))
}

func TestRateLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		lock := func(n int) time.Duration {
			if n >= 3 {
				return time.Minute
			}
			return 0
		}
		for i := 1; i <= 3; i++ {
			l, err := st.AddFailure(ctx, "k", base, lock)
			if err != nil || l.Failures != i {
				t.Fatalf("AddFailure #%d = %+v, %v", i, l, err)
			}
			if i == 3 && !l.LockedUntil.Equal(base.Add(time.Minute)) {
				t.Errorf("lock after 3 failures = %v", l.LockedUntil)
			}
		}
		if l, _ := st.RateLimit(ctx, "k"); l.Failures != 3 {
			t.Errorf("RateLimit = %+v", l)
		}
		st.ResetLimit(ctx, "k")
		if l, _ := st.RateLimit(ctx, "k"); l.Failures != 0 {
			t.Errorf("after reset = %+v", l)
		}
		// Windowed counting restarts after the window.
		for i := 1; i <= 3; i++ {
			if n, _, err := st.CountHit(ctx, "w", base.Add(time.Duration(i)*time.Minute), time.Hour); err != nil || n != i {
				t.Errorf("CountHit #%d = %d, %v", i, n, err)
			}
		}
		if n, until, _ := st.CountHit(ctx, "w", base.Add(2*time.Hour), time.Hour); n != 1 || !until.Equal(base.Add(3*time.Hour)) {
			t.Errorf("CountHit after the window = %d until %v, want 1 until +3h", n, until)
		}
	})
}

func TestSessionsAndPurge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		u := newUser(t, st, "p@example.org", "p")
		for _, id := range []string{"s1", "s2"} {
			if err := st.CreateSession(ctx, store.Session{ID: id, UserID: u.ID, CreatedAt: base, LastSeenAt: base, ExpiresAt: base.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		if _, got, err := st.SessionUser(ctx, "s1", base); err != nil || got.ID != u.ID {
			t.Errorf("SessionUser = %v, %v", got.ID, err)
		}
		if _, _, err := st.SessionUser(ctx, "s1", base.Add(time.Hour)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("expired session: %v", err)
		}
		if n, _ := st.DeleteUserSessions(ctx, u.ID, "s1"); n != 1 {
			t.Errorf("DeleteUserSessions keeping s1 ended %d, want 1", n)
		}
		st.LinkIdentity(ctx, store.Identity{Provider: "g", Subject: "1", UserID: u.ID, CreatedAt: base})
		if ok, _ := st.Purge(ctx, u.ID, base, false); ok {
			t.Error("purged an account that is not deleted")
		}
		u.DeletedAt, u.PurgeAfter = base, base.Add(time.Hour)
		st.UpdateUser(ctx, u)
		if ok, _ := st.Purge(ctx, u.ID, base, false); ok {
			t.Error("purged before the window ended")
		}
		if ok, err := st.Purge(ctx, u.ID, base.Add(time.Hour), true); !ok || err != nil {
			t.Fatalf("Purge = %v, %v", ok, err)
		}
		gone, _ := st.UserByID(ctx, u.ID)
		ids, _ := st.UserIdentities(ctx, u.ID)
		sessions, _ := st.UserSessions(ctx, u.ID, base)
		if gone.Email == u.Email || gone.Name != store.PurgedName || len(ids) != 0 || len(sessions) != 0 {
			t.Errorf("after purge: %+v, %d identities, %d sessions", gone, len(ids), len(sessions))
		}
		if _, err := st.CreateUser(ctx, store.User{Email: "p@example.org", Name: "P again", NameKey: "p", Role: store.RoleReader}); err != nil {
			t.Errorf("the purged email and name are not free again: %v", err)
		}
	})
}
