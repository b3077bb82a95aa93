package procedure

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hpdoet/cchc"
	"golang.org/x/text/unicode/norm"
)

// Limits of a procedure's structure.
const (
	maxNameLen      = 500
	maxTimeLimit    = 365 // working days
	maxFee          = 1_000_000_000
	maxMaxLen       = 10_000
	sameDayMaxHours = 8
	dayQuarters     = 32 // quarter hours in an eight-hour working day
)

var (
	nationalCode = regexp.MustCompile(`^[0-9]\.[0-9]{6}$`)
	localCode    = regexp.MustCompile(`^HP\.GDĐT\.[0-9]{2,3}$`)
	slugPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	unitPattern  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,19}$`)
	fieldPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
)

// IsLocalCode reports whether code is a local code ("HP.GDĐT.nn") rather than
// a national TTHC code.
func IsLocalCode(code string) bool { return localCode.MatchString(code) }

// Validate checks the structural rules every procedure must satisfy and
// returns one error naming every problem found. Uniqueness of codes across
// procedures is the catalog's rule (see ParseCatalog).
func (p *Procedure) Validate() error {
	var errs []string
	add := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }

	switch {
	case p.Code == "":
		add("code is empty")
	case localCode.MatchString(p.Code):
		if !p.IsUnconfirmed(FactCode) {
			add("local code %q is not flagged %q in unconfirmed", p.Code, FactCode)
		}
	case !nationalCode.MatchString(p.Code):
		add("code %q is neither a national code (d.dddddd) nor a local code (HP.GDĐT.nn)", p.Code)
	}
	checkText(add, "name", p.Name, maxNameLen, true)
	if !isKnown(KnownFields(), p.Field) {
		add("unknown field %q", p.Field)
	}
	switch {
	case p.SameDay && p.TimeLimitDays != 0:
		add("same-day procedure has time_limit_days %d, want 0", p.TimeLimitDays)
	case !p.SameDay && (p.TimeLimitDays < 1 || p.TimeLimitDays > maxTimeLimit):
		add("time_limit_days %d is outside 1–%d", p.TimeLimitDays, maxTimeLimit)
	}
	if p.Fee < 0 || p.Fee > maxFee {
		add("fee %d is outside 0–%d", p.Fee, maxFee)
	}
	p.validateDocuments(add)
	for i, l := range p.LegalBasis {
		checkText(add, fmt.Sprintf("legal basis %d", i+1), l, 1000, true)
	}
	if len(p.LegalBasis) == 0 && !p.IsUnconfirmed(FactLegalBasis) {
		add("legal basis is empty and not flagged %q in unconfirmed", FactLegalBasis)
	}
	if !isKnown(Levels(), p.OnlineLevel) {
		add("unknown online level %q", p.OnlineLevel)
	} else if p.OnlineLevel == LevelFull && !p.EligibleFullOnline {
		add("online level %q but not eligible_full_online", LevelFull)
	}
	if b := p.Baseline2024; b != nil {
		if b.ProcessingDays < 0 || math.IsNaN(b.ProcessingDays) || math.IsInf(b.ProcessingDays, 0) {
			add("baseline processing days %v is not a non-negative number", b.ProcessingDays)
		}
		if b.ComplianceCost < 0 {
			add("baseline compliance cost %d is negative", b.ComplianceCost)
		}
	}
	p.validateSteps(add)
	p.validateForm(add)
	seen := map[string]bool{}
	for _, k := range p.Unconfirmed {
		if !knownFact(k) {
			add("unknown unconfirmed key %q", k)
		} else if seen[k] {
			add("unconfirmed key %q appears twice", k)
		}
		seen[k] = true
	}
	if len(p.Sources) == 0 {
		add("no sources")
	}
	for i, s := range p.Sources {
		checkText(add, fmt.Sprintf("source %d", i+1), s, 2000, true)
	}
	for i, n := range p.Notes {
		checkText(add, fmt.Sprintf("note %d", i+1), n, 2000, true)
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid procedure %q: %s", p.Code, strings.Join(errs, "; "))
	}
	return nil
}

func (p *Procedure) validateDocuments(add func(string, ...any)) {
	if len(p.Documents) == 0 {
		add("no documents")
	}
	seen := map[string]bool{}
	for i, d := range p.Documents {
		if d == nil {
			add("document %d is empty", i+1)
			continue
		}
		if !slugPattern.MatchString(d.Key) {
			add("document key %q is not an ascii slug", d.Key)
		} else if seen[d.Key] {
			add("document key %q appears twice", d.Key)
		}
		seen[d.Key] = true
		checkText(add, fmt.Sprintf("document %q name", d.Key), d.Name, 1000, true)
		if d.Count < 1 || d.Count > 100 {
			add("document %q count %d is outside 1–100", d.Key, d.Count)
		}
		switch {
		case d.FromData && d.DataType == "":
			add("document %q is from_data but has no data_type", d.Key)
		case !d.FromData && d.DataType != "":
			add("document %q has data_type %q but is not from_data", d.Key, d.DataType)
		case d.DataType != "" && DataTypeName(d.DataType) == "":
			add("document %q has unknown data_type %q", d.Key, d.DataType)
		}
		checkText(add, fmt.Sprintf("document %q note", d.Key), d.Note, 1000, false)
	}
}

// validateSteps checks the internal process. Shares are compared in quarter
// hours (32 to a working day), so decimal days sum exactly.
func (p *Procedure) validateSteps(add func(string, ...any)) {
	if len(p.Steps) < 2 {
		add("%d steps, want at least 2 (receive and return)", len(p.Steps))
	}
	var total int64
	director := false
	for i, s := range p.Steps {
		if s == nil {
			add("step %d is empty", i+1)
			continue
		}
		checkText(add, fmt.Sprintf("step %d name", i+1), s.Name, 300, true)
		if !unitPattern.MatchString(s.Unit) {
			add("step %d unit %q is malformed", i+1, s.Unit)
		}
		if !isKnown(StepRoles(), s.Role) {
			add("step %d has unknown role %q", i+1, s.Role)
		}
		director = director || s.Role == cchc.RoleDirector
		days, okDays := quarters(s.Days*dayQuarters, 4) // multiples of 1/8 day (one hour)
		hours, okHours := quarters(s.Hours*4, 1)        // multiples of 1/4 hour
		switch {
		case !okDays:
			add("step %d days %v is not a non-negative multiple of 0.125", i+1, s.Days)
		case !okHours:
			add("step %d hours %v is not a non-negative multiple of 0.25", i+1, s.Hours)
		case p.SameDay && days != 0:
			add("step %d of a same-day procedure has days %v, want 0 (use hours)", i+1, s.Days)
		case !p.SameDay && hours != 0:
			add("step %d has hours %v; only same-day procedures share hours", i+1, s.Hours)
		}
		total += days + hours
	}
	if n := len(p.Steps); n > 0 && p.Steps[0] != nil && p.Steps[n-1] != nil {
		if p.Steps[0].Role != cchc.RoleOneStop || p.Steps[n-1].Role != cchc.RoleOneStop {
			add("the first and last steps must be the one-stop counter's (role %q)", cchc.RoleOneStop)
		}
	}
	if len(p.Steps) > 0 && !director {
		add("no step for the Sở's leadership (role %q) to sign", cchc.RoleDirector)
	}
	if p.SameDay {
		if total <= 0 || total > sameDayMaxHours*4 {
			add("steps of a same-day procedure sum to %v hours, want more than 0 and at most %d", float64(total)/4, sameDayMaxHours)
		}
	} else if want := int64(p.TimeLimitDays) * dayQuarters; total != want {
		add("steps sum to %v days, want %d", float64(total)/dayQuarters, p.TimeLimitDays)
	}
}

// quarters converts x (already scaled to quarter hours) to an integer,
// reporting whether it is a non-negative multiple of step.
func quarters(x float64, step int64) (int64, bool) {
	if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || x > 1e9 {
		return 0, false
	}
	r := math.Round(x)
	if math.Abs(x-r) > 1e-6 || int64(r)%step != 0 {
		return 0, false
	}
	return int64(r), true
}

func (p *Procedure) validateForm(add func(string, ...any)) {
	if len(p.Form) == 0 {
		add("the form has no fields")
	}
	seen := map[string]bool{}
	for i, f := range p.Form {
		if f == nil {
			add("form field %d is empty", i+1)
			continue
		}
		if !fieldPattern.MatchString(f.Name) {
			add("form field name %q is not lower-case ascii (a-z, 0-9, _)", f.Name)
		} else if seen[f.Name] {
			add("form field %q appears twice", f.Name)
		}
		seen[f.Name] = true
		checkText(add, fmt.Sprintf("form field %q label", f.Name), f.Label, 300, true)
		checkText(add, fmt.Sprintf("form field %q help", f.Name), f.Help, 1000, false)
		if !isKnown(Types(), f.Type) {
			add("form field %q has unknown type %q", f.Name, f.Type)
		}
		if f.Type == TypeChoice {
			if len(f.Options) == 0 {
				add("choice field %q has no options", f.Name)
			}
			opts := map[string]bool{}
			for _, o := range f.Options {
				if strings.TrimSpace(o) != o || o == "" || !utf8.ValidString(o) || !norm.NFC.IsNormalString(o) {
					add("choice field %q has an empty, untrimmed or unnormalised option %q", f.Name, o)
				} else if opts[o] {
					add("choice field %q has option %q twice", f.Name, o)
				}
				opts[o] = true
			}
		} else if len(f.Options) > 0 {
			add("field %q of type %q has options; only choice fields do", f.Name, f.Type)
		}
		if f.MaxLen < 0 || f.MaxLen > maxMaxLen {
			add("form field %q max_len %d is outside 0–%d", f.Name, f.MaxLen, maxMaxLen)
		}
		if f.Type != TypeNumber && (f.Min != nil || f.Max != nil) {
			add("field %q of type %q has min or max; only number fields do", f.Name, f.Type)
		}
		if f.Min != nil && f.Max != nil && *f.Min > *f.Max {
			add("number field %q has min %d above max %d", f.Name, *f.Min, *f.Max)
		}
		if f.PastOnly && f.Type != TypeDate {
			add("field %q of type %q is past_only; only date fields are", f.Name, f.Type)
		}
	}
}

// checkText checks a piece of catalog text: valid UTF-8 in NFC, no
// surrounding spaces, not too long and, if required, not empty.
func checkText(add func(string, ...any), what, s string, max int, required bool) {
	switch {
	case s == "":
		if required {
			add("%s is empty", what)
		}
	case !utf8.ValidString(s):
		add("%s is not valid UTF-8", what)
	case strings.TrimSpace(s) != s:
		add("%s has surrounding spaces", what)
	case !norm.NFC.IsNormalString(s):
		add("%s is not in Unicode NFC", what)
	case utf8.RuneCountInString(s) > max:
		add("%s is longer than %d characters", what, max)
	}
}

func isKnown[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
