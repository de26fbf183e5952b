package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Job is one unit of durable background work. It lives in the jobs table so
// that it survives restarts and can be run by whichever node claims it first.
//
// A job is pending until it completes (done) or fails for good (failed). The
// unique key only guards pending jobs: completing or finally failing a job
// sets its unique_key to NULL, so the same key can be scheduled again later
// (a reader deleted, restored and deleted again gets a second purge).
type Job struct {
	ID          string
	Kind        string
	Payload     string
	UniqueKey   string    // "" for none; at most one pending job holds a key
	RunAt       time.Time // not claimed before this time
	Attempts    int       // claims so far, counting the one that returned it
	MaxAttempts int       // 0 means the default of 10 when enqueueing
	LastError   string
	CreatedAt   time.Time
}

const (
	defaultMaxAttempts = 10
	// maxErrorLen bounds last_error: a panic or an SMTP transcript must not
	// bloat the row.
	maxErrorLen = 2000
	// claimRounds bounds how often ClaimJob looks again after other nodes
	// took every candidate it saw.
	claimRounds = 5
	// claimBatch is how many due candidates one round tries in turn.
	claimBatch = 8
)

const jobColumns = `id, kind, payload, COALESCE(unique_key, ''), run_at, attempts, max_attempts, last_error, created_at`

// EnqueueJob adds a job and returns its id. Empty fields get defaults: a new
// id, CreatedAt now, RunAt CreatedAt (run as soon as possible) and 10
// attempts. With a UniqueKey, enqueueing again while a pending job holds that
// key returns the pending job's id and no error, so callers can schedule
// idempotently ("purge-user:ID") without checking first.
func (s *Store) EnqueueJob(ctx context.Context, j Job) (string, error) {
	if j.Kind == "" {
		return "", errors.New("enqueue job: empty kind")
	}
	if j.MaxAttempts < 0 {
		return "", fmt.Errorf("enqueue %s job: max attempts %d", j.Kind, j.MaxAttempts)
	}
	if j.MaxAttempts == 0 {
		j.MaxAttempts = defaultMaxAttempts
	}
	if j.ID == "" {
		j.ID = NewID()
	}
	if j.CreatedAt.IsZero() {
		j.CreatedAt = time.Now()
	}
	if j.RunAt.IsZero() {
		j.RunAt = j.CreatedAt
	}
	var key any
	if j.UniqueKey != "" {
		key = j.UniqueKey
	}
	// The pending holder of the key may finish between the insert and the
	// look-up; then the key is free and the next insert succeeds.
	for range 3 {
		var id string
		err := s.db.QueryRowContext(ctx, `INSERT INTO jobs (id, kind, payload, unique_key, run_at, max_attempts, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (unique_key) DO NOTHING RETURNING id`,
			j.ID, j.Kind, j.Payload, key, millis(j.RunAt), j.MaxAttempts, millis(j.CreatedAt)).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("enqueue %s job: %w", j.Kind, mapErr(err))
		}
		err = s.db.QueryRowContext(ctx, `SELECT id FROM jobs WHERE unique_key = $1`, j.UniqueKey).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("enqueue %s job: %w", j.Kind, mapErr(err))
		}
	}
	return "", fmt.Errorf("enqueue %s job: unique key %q keeps changing hands", j.Kind, j.UniqueKey)
}

// JobByUniqueKey returns the pending (waiting or running) job holding a key;
// ErrNotFound when none does, including after the job finished.
func (s *Store) JobByUniqueKey(ctx context.Context, key string) (Job, error) {
	j, err := scanJob(s.db.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM jobs WHERE unique_key = $1`, key))
	if err != nil {
		return Job{}, fmt.Errorf("job %q: %w", key, mapErr(err))
	}
	return j, nil
}

// CancelJob deletes the pending job holding a unique key (the purge of an
// account that was restored) and reports whether there was one. A handler
// already running is not stopped, and its completion is then ignored; so
// handlers re-check their preconditions (is the account still deleted?).
func (s *Store) CancelJob(ctx context.Context, uniqueKey string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM jobs WHERE unique_key = $1 AND done_at = 0 AND failed_at = 0`, uniqueKey)
	if err != nil {
		return false, fmt.Errorf("cancel job %q: %w", uniqueKey, mapErr(err))
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// PruneJobs deletes the jobs that completed or failed for good before a
// time, so the table holds only recent history. It returns how many went.
func (s *Store) PruneJobs(ctx context.Context, before time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM jobs
		WHERE (done_at > 0 AND done_at < $1) OR (failed_at > 0 AND failed_at < $1)`, millis(before))
	if err != nil {
		return 0, fmt.Errorf("prune jobs: %w", mapErr(err))
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// ClaimJob leases the oldest due job of the given kinds (any kind if none)
// to worker by until lease, counting one attempt, and returns it; ErrNotFound
// when nothing is due. A job is due when its run_at has come and no lease on
// it holds at now, so the job of a worker that died is claimed again once
// its lease runs out.
//
// Several nodes may claim at once: each candidate is taken by a conditional
// UPDATE that re-checks the lease, which PostgreSQL re-evaluates after a
// concurrent update and SQLite runs under its single writer lock, so exactly
// one claimer wins a job and the others move on to the next candidate.
func (s *Store) ClaimJob(ctx context.Context, by string, now, lease time.Time, kinds ...string) (Job, error) {
	for range claimRounds {
		cands, err := s.dueJobs(ctx, now, kinds)
		if err != nil {
			return Job{}, err
		}
		if len(cands) == 0 {
			break
		}
		for _, c := range cands {
			j, err := s.claimOne(ctx, c, by, now, lease)
			if err == nil {
				return j, nil
			}
			if !errors.Is(err, ErrNotFound) {
				return Job{}, err
			}
		}
	}
	return Job{}, fmt.Errorf("claim job: %w", ErrNotFound)
}

// candidate is a due job as first seen; exhausted means its attempts are
// used up, which only happens when the last one's worker was lost.
type candidate struct {
	id        string
	exhausted bool
}

// dueJobs lists a few due candidates, oldest first.
func (s *Store) dueJobs(ctx context.Context, now time.Time, kinds []string) ([]candidate, error) {
	q := `SELECT id, attempts >= max_attempts FROM jobs WHERE done_at = 0 AND failed_at = 0 AND run_at <= $1 AND locked_until < $1`
	args := []any{millis(now)}
	if len(kinds) > 0 {
		marks := make([]string, len(kinds))
		for i, k := range kinds {
			args = append(args, k)
			marks[i] = "$" + strconv.Itoa(len(args))
		}
		q += ` AND kind IN (` + strings.Join(marks, ", ") + `)`
	}
	q += ` ORDER BY run_at, id LIMIT ` + strconv.Itoa(claimBatch)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("due jobs: %w", mapErr(err))
	}
	defer rows.Close()
	var out []candidate
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.id, &c.exhausted); err != nil {
			return nil, fmt.Errorf("due jobs: %w", mapErr(err))
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("due jobs: %w", mapErr(err))
	}
	return out, nil
}

// claimOne leases one candidate if it is still due; ErrNotFound when another
// claimer got it first. A candidate whose last attempt was lost with its
// worker (lease expired, attempts used up) is failed for good instead, so a
// job that kills its worker cannot take nodes down forever.
func (s *Store) claimOne(ctx context.Context, c candidate, by string, now, lease time.Time) (Job, error) {
	if c.exhausted {
		_, err := s.db.ExecContext(ctx, `UPDATE jobs SET failed_at = $2, locked_until = 0, unique_key = NULL,
			last_error = 'the lease of the last attempt expired: worker ' || locked_by || ' stopped or overran'
			WHERE id = $1 AND done_at = 0 AND failed_at = 0 AND locked_until < $2 AND attempts >= max_attempts`, c.id, millis(now))
		if err != nil {
			return Job{}, fmt.Errorf("fail abandoned job %s: %w", c.id, mapErr(err))
		}
		return Job{}, ErrNotFound
	}
	j, err := scanJob(s.db.QueryRowContext(ctx, `UPDATE jobs SET locked_by = $2, locked_until = $3, attempts = attempts + 1
		WHERE id = $1 AND done_at = 0 AND failed_at = 0 AND run_at <= $4 AND locked_until < $4 AND attempts < max_attempts
		RETURNING `+jobColumns, c.id, by, millis(lease), millis(now)))
	if err != nil {
		return Job{}, fmt.Errorf("claim job %s: %w", c.id, mapErr(err))
	}
	return j, nil
}

// CompleteJob marks a job done and frees its unique key. Only the worker
// holding the job may complete it: ErrNotFound when by does not hold it (any
// more), for instance after its lease expired and another worker took over.
func (s *Store) CompleteJob(ctx context.Context, id, by string, now time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE jobs SET done_at = $3, locked_until = 0, unique_key = NULL
		WHERE id = $1 AND locked_by = $2 AND done_at = 0 AND failed_at = 0`, id, by, millis(now))
	return heldJob(res, err, "complete", id, by)
}

// FailJob records an attempt's error. The job runs again at retryAt, unless
// its attempts are used up or retryAt is zero (a permanent error): then it
// fails for good and frees its unique key. Like CompleteJob, it returns
// ErrNotFound when by does not hold the job.
func (s *Store) FailJob(ctx context.Context, id, by, msg string, now, retryAt time.Time) error {
	msg = cleanError(msg)
	// Final: the attempts are used up or the error is permanent. The job
	// keeps locked_by, to tell which worker ran it last.
	res, err := s.db.ExecContext(ctx, `UPDATE jobs SET last_error = $3, failed_at = $4, locked_until = 0, unique_key = NULL
		WHERE id = $1 AND locked_by = $2 AND done_at = 0 AND failed_at = 0 AND (attempts >= max_attempts OR $5 = 1)`,
		id, by, msg, millis(now), boolInt(retryAt.IsZero()))
	if err != nil {
		return fmt.Errorf("fail job %s: %w", id, mapErr(err))
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	res, err = s.db.ExecContext(ctx, `UPDATE jobs SET last_error = $3, run_at = $4, locked_by = '', locked_until = 0
		WHERE id = $1 AND locked_by = $2 AND done_at = 0 AND failed_at = 0`, id, by, msg, millis(retryAt))
	return heldJob(res, err, "fail", id, by)
}

func heldJob(res sql.Result, err error, verb, id, by string) error {
	if err != nil {
		return fmt.Errorf("%s job %s: %w", verb, id, mapErr(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s job %s: %w", verb, id, err)
	}
	if n == 0 {
		return fmt.Errorf("%s job %s: not held by %s: %w", verb, id, by, ErrNotFound)
	}
	return nil
}

// cleanError makes an error message storable on both databases: valid UTF-8
// without NUL (PostgreSQL refuses both) and bounded in length.
func cleanError(msg string) string {
	if len(msg) > maxErrorLen {
		msg = msg[:maxErrorLen]
	}
	msg = strings.ToValidUTF8(msg, "")
	return strings.ReplaceAll(msg, "\x00", "")
}

func scanJob(row *sql.Row) (Job, error) {
	var j Job
	var runAt, created int64
	err := row.Scan(&j.ID, &j.Kind, &j.Payload, &j.UniqueKey, &runAt, &j.Attempts, &j.MaxAttempts, &j.LastError, &created)
	if err != nil {
		return Job{}, err
	}
	j.RunAt, j.CreatedAt = fromMillis(runAt), fromMillis(created)
	return j, nil
}
