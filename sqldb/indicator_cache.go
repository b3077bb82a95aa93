package sqldb

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/hpdoet/cchc/indicator"
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
