package metrics_test

import (
	"database/sql"
	"net/http"

	"tribune/internal/metrics"
)

// Example shows the wiring: one Registry, the middleware directly around the
// ServeMux (so the route label is the matched pattern), and the exposition
// mounted on the same mux.
func Example() {
	var db *sql.DB // opened by the store
	reg := metrics.New(metrics.Options{Version: "v1.0.0", DBStats: db.Stats})
	posted := reg.Counter("tribune_comments_posted_total", "Comments accepted for publication.")
	decisions := reg.CounterVec("tribune_moderation_decisions_total", "Moderation outcomes.", "outcome")

	mux := http.NewServeMux()
	mux.HandleFunc("POST /news/{slug}/comments", func(w http.ResponseWriter, r *http.Request) {
		decisions.With("approve").Inc()
		posted.Inc()
		w.WriteHeader(http.StatusSeeOther)
	})
	mux.Handle("GET /metrics", reg.Handler())

	srv := &http.Server{Addr: ":8080", Handler: reg.Middleware(mux)}
	_ = srv // srv.ListenAndServe()
}
