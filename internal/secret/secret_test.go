package secret

import "testing"

func TestNew(t *testing.T) {
	tok, hash := New()
	if len(tok) != 32 {
		t.Errorf("len(New() token) = %d, want 32", len(tok))
	}
	if Hash(tok) != hash {
		t.Errorf("Hash(token) = %q, want the hash New returned %q", Hash(tok), hash)
	}
	if tok2, _ := New(); tok2 == tok {
		t.Error("New() returned the same token twice")
	}
}
