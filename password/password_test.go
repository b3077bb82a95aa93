package password

import "testing"

var fast = Params{Memory: 1024, Time: 1, Threads: 1}

func TestHashAndCheck(t *testing.T) {
	h, err := Hash("cchc-demo", fast)
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := Hash("cchc-demo", fast)
	if h == h2 {
		t.Error("two hashes of one password are equal: salt not random")
	}
	for _, tc := range []struct {
		name, pw string
		want     bool
	}{
		{"right", "cchc-demo", true},
		{"wrong", "cchc-demO", false},
		{"empty", "", false},
		{"vietnamese", "mật khẩu", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Check(tc.pw, h)
			if err != nil || got != tc.want {
				t.Errorf("Check(%q) = %v, %v; want %v", tc.pw, got, err, tc.want)
			}
		})
	}
}

func TestCheckMalformed(t *testing.T) {
	for _, enc := range []string{"", "plain", "$argon2i$v=19$m=1024,t=1,p=1$AAAA$AAAA",
		"$argon2id$v=18$m=1024,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=0,t=1,p=1$AAAA$AAAA",
		"$argon2id$v=19$m=1024,t=1,p=1$!!$AAAA", "$argon2id$v=19$m=1024,t=1,p=1$AAAA$"} {
		if ok, err := Check("x", enc); ok || err == nil {
			t.Errorf("Check(%q) = %v, %v; want false, error", enc, ok, err)
		}
	}
}

func BenchmarkHashDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Hash("cchc-demo", Default); err != nil {
			b.Fatal(err)
		}
	}
}
