package sqldb

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/plan"
)

// valuesCache keeps computed values while the records stay the same.
// Every change to what the figures are computed from — dossiers, results,
// payments, ratings, entries, the catalog, closing a period — writes the
// audit log in its transaction, so the log's last sequence number is the
// version of the records, in this process or any other on the same
// database. Values of a period not yet over also depend on the clock (the
// dossiers that became late since, the trajectory of a target): they are
// kept for the minute.
type valuesCache struct {
	mu  sync.Mutex
	seq int64 // the records' version the entries were computed at
	m   map[valuesKey]*UnitValues
}

type valuesKey struct {
	kind         string // what computed them: "unit" (Indicators) or "series" (no trajectory)
	period, unit string
	minute       int64 // Unix minute for periods under way, 0 for ended ones
}

const valuesCacheMax = 2048

// cachedValues returns the values of p for unit, computing them with
// compute when the records or the minute changed. The result is shared:
// callers must not modify it.
func (db *DB) cachedValues(ctx context.Context, kind string, p indicator.Period, unit string, compute func() (*UnitValues, error)) (*UnitValues, error) {
	if db.NoValuesCache {
		return compute()
	}
	var seq int64
	if err := db.sql.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM audit_log`).Scan(&seq); err != nil {
		return nil, fmt.Errorf("records version: %w", err)
	}
	key := valuesKey{kind: kind, period: p.Key, unit: unit}
	if now := db.Now(); !p.Over(now) {
		key.minute = now.Unix() / int64(time.Minute/time.Second)
	}
	c := &db.values
	c.mu.Lock()
	if v, ok := c.m[key]; ok && c.seq == seq {
		c.mu.Unlock()
		return v, nil
	}
	c.mu.Unlock()
	v, err := compute()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if seq > c.seq || c.m == nil || len(c.m) >= valuesCacheMax {
		c.seq, c.m = seq, map[valuesKey]*UnitValues{}
	}
	if seq == c.seq {
		c.m[key] = v
	}
	return v, nil
}

// Reference figures — 2024's sums (the baseline of the cuts) and the values
// of the year before a phase (where a target's trajectory starts) — move
// only when a dossier of those years ends late, and by a hair: they are
// kept for an hour instead of being read again with every change.
type refCache struct {
	mu sync.Mutex
	m  map[string]refEntry // by what|unit
}

type refEntry struct {
	v  any
	at time.Time
}

const refTTL = time.Hour

// reference returns the cached value under key, loading it when missing,
// older than refTTL, or when the cache is off.
func reference[T any](db *DB, key string, load func() (T, error)) (T, error) {
	c := &db.refs
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if ok && !db.NoValuesCache && time.Since(e.at) < refTTL {
		return e.v.(T), nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]refEntry{}
	}
	c.m[key] = refEntry{v, time.Now()}
	c.mu.Unlock()
	return v, nil
}

func (db *DB) baseRows(ctx context.Context, unit string) ([]indicator.Row, error) {
	return reference(db, "base|"+unit, func() ([]indicator.Row, error) { return db.StatRows(ctx, "2024-01", "2024-12", unit) })
}

// priorValues are the values of every measure in the year before phase
// began, for unit; none for a period outside the plan's phases.
func (db *DB) priorValues(ctx context.Context, phase, unit string, targets []*plan.Target) (map[string]*float64, error) {
	if phase == "" {
		return map[string]*float64{}, nil
	}
	return reference(db, "prior|"+phase+"|"+unit, func() (map[string]*float64, error) {
		pd, err := db.IndicatorData(ctx, indicator.MustPeriod(indicator.PriorYear(phase)), unit)
		if err != nil {
			return nil, err
		}
		prior := map[string]*float64{}
		for _, v := range indicator.Compute(targets, pd, nil) {
			prior[v.Measure] = v.Value
		}
		return prior, nil
	})
}

// ForgetValues drops the computed values, as any change to the records
// does, keeping the hourly reference figures (benchmarks of the first view
// after a change).
func (db *DB) ForgetValues() {
	db.values.mu.Lock()
	db.values.m = nil
	db.values.mu.Unlock()
}
