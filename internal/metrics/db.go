package metrics

import (
	"database/sql"
)

// dbCollector reports the database/sql connection pool, whose exhaustion is
// the usual first sign that the database is the bottleneck.
type dbCollector func() sql.DBStats

func dbNames() []string {
	return []string{
		"tribune_db_connections_max_open", "tribune_db_connections_open",
		"tribune_db_connections_in_use", "tribune_db_connections_idle",
		"tribune_db_waits_total", "tribune_db_wait_duration_seconds_total",
		"tribune_db_connections_closed_total",
	}
}

func (stats dbCollector) collect(e *expoWriter) {
	s := stats()
	gauges := []struct {
		name, help string
		v          int
	}{
		{"tribune_db_connections_max_open", "Maximum open database connections; 0 means unlimited.", s.MaxOpenConnections},
		{"tribune_db_connections_open", "Open database connections, in use or idle.", s.OpenConnections},
		{"tribune_db_connections_in_use", "Database connections in use.", s.InUse},
		{"tribune_db_connections_idle", "Idle database connections.", s.Idle},
	}
	for _, g := range gauges {
		e.family(g.name, "gauge", g.help)
		e.sample(g.name, formatFloat(float64(g.v)))
	}
	e.family("tribune_db_waits_total", "counter", "Times a query waited for a free database connection.")
	e.sample("tribune_db_waits_total", formatUint(uint64(s.WaitCount)))
	e.family("tribune_db_wait_duration_seconds_total", "counter", "Total time spent waiting for a free database connection.")
	e.sample("tribune_db_wait_duration_seconds_total", formatFloat(s.WaitDuration.Seconds()))
	e.family("tribune_db_connections_closed_total", "counter", "Database connections closed by the pool, by reason.")
	e.sample("tribune_db_connections_closed_total", formatUint(uint64(s.MaxIdleClosed)), "reason", "max_idle")
	e.sample("tribune_db_connections_closed_total", formatUint(uint64(s.MaxIdleTimeClosed)), "reason", "max_idle_time")
	e.sample("tribune_db_connections_closed_total", formatUint(uint64(s.MaxLifetimeClosed)), "reason", "max_lifetime")
}
