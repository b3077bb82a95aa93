package textkey

import "testing"

func TestKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "cap ban sao van bang chung chi tu so goc"},
		{"ĐÀO TẠO", "dao tao"},
		{"Sở Giáo dục và Đào tạo Hải Phòng", "so giao duc va dao tao hai phong"},
		{"  II.2.a  —  Cải cách ", "ii 2 a cai cach"},
		{"Nghị định 30/2020/NĐ-CP", "nghi dinh 30 2020 nd cp"},
		{"", ""},
		// Precomposed and decomposed input give the same key.
		{"Vie\u0302\u0323t", "viet"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := Key(tc.in); got != tc.want {
				t.Errorf("Key(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	key := Key("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc")
	if !Match(key, Terms("cap ban sao van bang")) {
		t.Error("query without diacritics does not match")
	}
	if !Match(key, Terms("CẤP BẢN SAO")) {
		t.Error("upper-case query does not match")
	}
	if Match(key, Terms("chỉnh sửa")) {
		t.Error("unrelated query matches")
	}
}

func FuzzKey(f *testing.F) {
	f.Add("Cấp bản sao văn bằng")
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Errorf("Key is not idempotent on %q", s)
		}
	})
}
