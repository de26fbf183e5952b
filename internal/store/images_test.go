package store_test

import (
	"bytes"
	"testing"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func TestSaveImage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		// Every byte value, so that binary data survives both databases.
		data := make([]byte, 0, 512)
		for i := range 512 {
			data = append(data, byte(i))
		}
		first, err := st.SaveImage(ctx, data, "image/png", 640, 480)
		if err != nil {
			t.Fatalf("SaveImage() error: %v", err)
		}
		if first.ID == "" || first.SHA256 == "" {
			t.Fatalf("SaveImage() = id %q, sha256 %q; want both set", first.ID, first.SHA256)
		}
		again, err := st.SaveImage(ctx, bytes.Clone(data), "image/png", 640, 480)
		if err != nil {
			t.Fatalf("SaveImage(same bytes) error: %v", err)
		}
		if again.ID != first.ID {
			t.Errorf("SaveImage(same bytes) id = %q, want the first id %q", again.ID, first.ID)
		}
		other, err := st.SaveImage(ctx, []byte("other"), "image/gif", 1, 1)
		if err != nil {
			t.Fatalf("SaveImage(other bytes) error: %v", err)
		}
		if other.ID == first.ID {
			t.Errorf("SaveImage(other bytes) id = %q, want a new id", other.ID)
		}

		got, err := st.ImageByID(ctx, first.ID)
		if err != nil {
			t.Fatalf("ImageByID(%q) error: %v", first.ID, err)
		}
		if !bytes.Equal(got.Data, data) {
			t.Errorf("ImageByID(%q) data = %d bytes, want the %d saved bytes", first.ID, len(got.Data), len(data))
		}
		if got.ID != first.ID || got.SHA256 != first.SHA256 || got.ContentType != "image/png" ||
			got.Width != 640 || got.Height != 480 || got.CreatedAt.IsZero() {
			t.Errorf("ImageByID(%q) = {%s %s %s %dx%d %v}, want {%s %s image/png 640x480 non-zero time}",
				first.ID, got.ID, got.SHA256, got.ContentType, got.Width, got.Height, got.CreatedAt, first.ID, first.SHA256)
		}
	})
}
