package procedure

import (
	"regexp"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/hpdoet/cchc"
)

var (
	isoDate  = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	phone10  = regexp.MustCompile(`^0[0-9]{9}$`)
	cccdNorm = regexp.MustCompile(`^(0[0-8][0-9]|09[0-6])[0-9]{9}$`)
)

// FuzzValidateForm feeds arbitrary values to every field type: validation
// must never panic, and whatever it accepts must be in normal form.
func FuzzValidateForm(f *testing.F) {
	for _, s := range []string{"", "  x ", "31/02/2026", "2026-03-11", "+84912345678", "031208001234",
		"a@b.vn", "on", "1", "-0", "Bằng tốt nghiệp THPT", "\xff", "\x00", "9/9/9999", "+84", "0/0/0000"} {
		f.Add(s, s, false)
	}
	f.Fuzz(func(t *testing.T, a, b string, twice bool) {
		p := validProcedure()
		values := map[string][]string{}
		for i, fd := range p.Form {
			v := a
			if i%2 == 1 {
				v = b
			}
			values[fd.Name] = []string{v}
			if twice {
				values[fd.Name] = append(values[fd.Name], b)
			}
		}
		values[a] = []string{b} // an unknown or duplicate name
		got, err := p.ValidateFormAt(values, time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC))
		if err != nil {
			if cchc.ErrorCode(err) != cchc.EINVALID || len(cchc.ErrorFields(err)) == 0 || got != nil {
				t.Fatalf("error %v with fields %v and values %v", err, cchc.ErrorFields(err), got)
			}
			return
		}
		for name, v := range got {
			fd := p.FindField(name)
			if fd == nil {
				t.Fatalf("result holds %q, which the form does not define", name)
			}
			if !utf8.ValidString(v) || v == "" || utf8.RuneCountInString(v) > fd.Limit() {
				t.Fatalf("%s = %q is empty, invalid or too long", name, v)
			}
			ok := true
			switch fd.Type {
			case TypeDate:
				ok = isoDate.MatchString(v)
			case TypePhone:
				ok = phone10.MatchString(v)
			case TypeCCCD:
				ok = cccdNorm.MatchString(v)
			case TypeCheckbox:
				ok = v == "1"
			}
			if !ok {
				t.Fatalf("%s (%s) = %q is not normalised", name, fd.Type, v)
			}
		}
	})
}
