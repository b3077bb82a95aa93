package plan

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
)

// date returns the civil date y-m-d as UTC midnight, as the package stores it.
func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// wantInvalid checks that err is an EINVALID *cchc.Error whose fields are
// exactly keys.
func wantInvalid(t *testing.T, err error, keys ...string) {
	t.Helper()
	if got, want := cchc.ErrorCode(err), cchc.EINVALID; got != want {
		t.Fatalf("ErrorCode(%v) = %q, want %q", err, got, want)
	}
	got := slices.Sorted(maps.Keys(cchc.ErrorFields(err)))
	want := slices.Sorted(slices.Values(keys))
	if !slices.Equal(got, want) {
		t.Errorf("ErrorFields keys = %q, want %q (fields %v)", got, want, cchc.ErrorFields(err))
	}
	for _, k := range keys {
		if cchc.ErrorFields(err)[k] == "" {
			t.Errorf("ErrorFields[%q] is empty, want a Vietnamese message", k)
		}
	}
}
