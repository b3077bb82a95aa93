package payment

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// MaxAmount is the largest amount in đồng whose ×100 form fits an int64. The
// gateway's own limits per transaction are lower and are its to enforce.
const MaxAmount = math.MaxInt64 / 100

// dateLayout is yyyyMMddHHmmss, the protocol's date format, read in GMT+7.
const dateLayout = "20060102150405"

// gmt7 is the protocol's time zone (not necessarily the server's).
var gmt7 = time.FixedZone("GMT+7", 7*60*60)

// formatAmount returns vnp_Amount for an amount in đồng: the amount × 100.
func formatAmount(dong int64) (string, error) {
	if dong <= 0 || dong > MaxAmount {
		return "", fmt.Errorf("%w: amount %d đồng is outside 1–%d", ErrMalformed, dong, int64(MaxAmount))
	}
	return strconv.FormatInt(dong*100, 10), nil
}

// parseAmount reads vnp_Amount back into đồng. It must be decimal digits only
// (no sign, point or spaces), positive, and a whole number of đồng (a
// multiple of 100).
func parseAmount(s string) (int64, error) {
	if s == "" || len(s) > 19 {
		return 0, fmt.Errorf("%w: vnp_Amount %s is not a positive integer", ErrMalformed, clip(s))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("%w: vnp_Amount %s is not a positive integer", ErrMalformed, clip(s))
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%w: vnp_Amount %s is not a positive integer", ErrMalformed, clip(s))
	}
	if n%100 != 0 {
		return 0, fmt.Errorf("%w: vnp_Amount %s is not a whole number of đồng", ErrMalformed, clip(s))
	}
	return n / 100, nil
}

// formatDate returns t as yyyyMMddHHmmss in GMT+7.
func formatDate(t time.Time) string { return t.In(gmt7).Format(dateLayout) }

// parseDate reads a yyyyMMddHHmmss date in GMT+7.
func parseDate(name, s string) (time.Time, error) {
	t, err := time.ParseInLocation(dateLayout, s, gmt7)
	if err != nil || len(s) != len(dateLayout) {
		return time.Time{}, fmt.Errorf("%w: %s %s is not yyyyMMddHHmmss", ErrMalformed, name, clip(s))
	}
	return t, nil
}
